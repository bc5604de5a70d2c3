"""How the simulator echoes writes where public traces of Tripletex disagree (knobs; the defaults are full objects).

- `line_create_url_only`: a line POST (`/travelExpense/cost`, `/mileageAllowance`, `/perDiemCompensation`)
  answers ``{"value": {"url": …}}`` without an `id` — seen by one integrator, while others saw the full
  object (REAL-API-EVIDENCE F13).
- `per_diem_country_code`: a per diem row read back carries this `countryCode` although the request named
  none (e.g. ``"NO"`` on a domestic trip) — unverified (F13); a client matching rows by content after an
  unknown outcome must not write the line a second time because of it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Echo:
    """Switchable variants of what Tripletex answers and stores for a travel expense line."""

    line_create_url_only: bool = False
    per_diem_country_code: str | None = None

    def clear(self) -> None:
        """Back to full answers, rows as sent."""
        self.line_create_url_only = False
        self.per_diem_country_code = None
