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
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Quirks:
    """Switchable variants of session, auth, checksum and project answers."""

    session_field_prefix: str = "arg:"
    expired_token_status: int = 401
    unreachable_client_status: int = 403
    digest_covers_permissions: bool = False
    closed_projects_read_only: bool = False

    def clear(self) -> None:
        """Back to the defaults."""
        self.__init__()  # type: ignore[misc]
