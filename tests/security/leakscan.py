"""A secret scanner: finds a token in files, zip members and printed text — raw, URL-encoded, base64 (at any
alignment) and inside a Basic-auth credential — so a leak cannot hide behind an encoding."""

from __future__ import annotations

import base64
import gzip
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus


@dataclass(frozen=True)
class Hit:
    """Where a secret (by its label, never its value) was found, and in which encoding."""

    where: str
    secret: str
    encoding: str


def _b64_cores(data: bytes) -> Iterator[tuple[str, bytes]]:
    """The part of base64(prefix + data) that is the same whatever comes before or after, for each of the
    three alignments (standard and URL-safe alphabets)."""
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + data)
        head = 4 if shift else 0
        # the last quantum may mix with what follows: drop it unless data ends the encoding exactly
        core = encoded[head:-4] if len(encoded) - head > 8 else encoded[head:]
        for name, value in (("base64", core), ("base64url", core.replace(b"+", b"-").replace(b"/", b"_"))):
            if len(value) >= 8:
                yield f"{name}@{shift}", value


def variants(secret: str, usernames: Iterable[str] = ("0",)) -> list[tuple[str, bytes]]:
    """Every form in which `secret` would be a leak: (encoding name, bytes to look for)."""
    raw = secret.encode()
    out: list[tuple[str, bytes]] = [
        ("raw", raw),
        ("url", quote(secret, safe="").encode()),
        ("url+", quote_plus(secret).encode()),
        ("utf-16", secret.encode("utf-16-le")),
    ]
    out.extend(_b64_cores(raw))
    for user in usernames:
        basic = base64.b64encode(f"{user}:{secret}".encode())
        out.append((f"basic({user})", basic))
    seen: set[bytes] = set()
    unique = []
    for name, value in out:
        if value not in seen:
            seen.add(value)
            unique.append((name, value))
    return unique


class Scanner:
    """Looks for each labelled secret in every form `variants` gives."""

    def __init__(self, secrets: dict[str, str], usernames: Iterable[str] = ("0",)) -> None:
        names = tuple(usernames)
        self._needles = [
            (label, encoding, needle)
            for label, secret in secrets.items()
            if secret
            for encoding, needle in variants(secret, names)
        ]

    def scan_bytes(self, data: bytes, where: str) -> list[Hit]:
        """Hits in one blob; zip archives and gzip files are also opened and scanned member by member."""
        hits = [Hit(where, label, encoding) for label, encoding, needle in self._needles if needle in data]
        if data[:4] == b"PK\x03\x04":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for name in archive.namelist():
                        hits.extend(self.scan_bytes(archive.read(name), f"{where}!{name}"))
            except zipfile.BadZipFile:
                pass
        elif data[:2] == b"\x1f\x8b":
            try:
                hits.extend(self.scan_bytes(gzip.decompress(data), f"{where}!gunzip"))
            except OSError:
                pass
        return hits

    def scan_text(self, text: str, where: str) -> list[Hit]:
        """Hits in printed text."""
        return self.scan_bytes(text.encode("utf-8", "surrogateescape"), where)

    def scan_tree(self, root: Path) -> tuple[list[Hit], int]:
        """Hits in every file under `root` (SQLite files and their WAL included); and how many files."""
        hits: list[Hit] = []
        count = 0
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                count += 1
                hits.extend(self.scan_bytes(path.read_bytes(), str(path.relative_to(root))))
        return hits, count
