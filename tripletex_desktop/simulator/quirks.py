"""How the simulator answers sessions, client access, checksums and projects where Tripletex varies or is unverified.

Each knob's default is the simulator's best reading of the public evidence (docs/reference/REAL-API-EVIDENCE.md);
the other value is the answer a trace or a plausible reading points to. `tripletex-desktop conformance`
checks which one the real Tripletex gives (docs/conformance.md); the client must cope with both.

- `session_field_prefix`: session-creation 422s name the refused field `arg:employeeToken` (seen on the legacy
  query form, tripletex-api2 #53) or, with "", `employeeToken` (the JSON body's property, unverified) (F6).
- `expired_token_status`: an expired or revoked employee token at session creation answers 401/3000, or with
  422 like an unknown token (`employeeToken` refused): a bad token was seen answered with 422 (F6).
- `unreachable_client_status`: Basic auth with a client company id the token cannot reach answers 403/9000, or
  401/3000 (F10: the spec allows both readings; no trace shows which).
- `digest_covers_permissions`: False, as the official checksum README says ("False positives": a role or
  privilege change does not change `versionDigest`); True gives the older simulator's per-viewer digest (F16).
- `closed_projects_read_only`: closed projects report `accessType: READ` even to a token with full project
  access (unverified either way; F2.3). Off: `accessType` follows the manager and `project_all` alone.

Write side (deliver and approve, attachments):
- `approve_forbidden`: `PUT /travelExpense/:approve` answers 403/9000 for the token even after a successful
  `:deliver` and with `overrideApprovalFlow=true` (seen for a sandbox admin token, NM-STD; another trace
  approved fine, NM-REFL) (F9).
- `deliver_root_ids`: deliver/approve validation messages carry the offending line's id as `rootId` (traces
  show `rootId: null`; the field exists in the spec): off by default.
- `refused_upload_types`: attachment uploads of these MIME types are refused with 422 (Tripletex documents
  PDF, PNG, JPEG and TIFF uploads; HEIC is not among them: unverified, F12).
- `attachment_count_pages`: `attachmentCount` counts the pages of the one merged PDF Tripletex keeps instead
  of the uploads (unverified either way, F12).
- `attachment_merged`: Tripletex keeps one document per travel expense (the spec's `attachment` is a single
  `Document`; `GET …/attachment` "returns the PDF"): each upload is appended to it (its `size` grows, its
  `version` goes up, its id stays) and `attachmentCount` counts documents, so it stays 1 (with
  `attachment_count_pages` it counts the merged document's pages). Unverified either way (F12).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Quirks:
    """Switchable variants of session, auth, checksum, project, deliver/approve and attachment answers."""

    session_field_prefix: str = "arg:"
    expired_token_status: int = 401
    unreachable_client_status: int = 403
    digest_covers_permissions: bool = False
    closed_projects_read_only: bool = False
    approve_forbidden: bool = False
    deliver_root_ids: bool = False
    refused_upload_types: tuple[str, ...] = ("image/heic", "image/heif")
    attachment_count_pages: bool = False
    attachment_merged: bool = False

    def clear(self) -> None:
        """Back to the defaults."""
        self.__init__()  # type: ignore[misc]
