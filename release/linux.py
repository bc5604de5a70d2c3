"""Linux packages from the one-folder build: a .deb (dpkg-deb, xz) and a .tar.gz for other distributions.

Usage: python -m release.linux [--bundle dist/TripletexDesktop] [--icons build/icons] [--out dist]

The .deb puts the bundle under /opt/tripletex-desktop, a launcher at /usr/bin/tripletex-desktop, the desktop
entry and the hicolor icons under /usr/share. Libraries that a Debian package provides are left out of it and
declared instead (dpkg-shlibdeps computes `Depends` with versions from the binaries), so they get the
distribution's security updates; Qt, ICU, Python and PySide6 stay bundled. The .tar.gz keeps every library.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The desktop entry and the copyright file (resources/linux/).
HERE = ROOT / "resources" / "linux"
PACKAGE = "tripletex-desktop"
APP_ID = "no.tripletex-desktop"
INSTALL_DIR = Path("opt") / PACKAGE
EXECUTABLE = "TripletexDesktop"
#: Fonts and their configuration: the bundled Qt finds fonts through fontconfig, and a bare system has none.
EXTRA_DEPENDS = ["libfontconfig1", "fonts-dejavu-core | fonts-liberation2 | fonts-noto-core"]


@dataclass(frozen=True)
class Artifacts:
    """What one packaging run wrote."""

    deb: Path
    tarball: Path
    depends: str


def version() -> str:
    """The version, from tripletex_desktop/__init__.py (its one place)."""
    text = (ROOT / "tripletex_desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if not found:
        raise SystemExit("no __version__ in tripletex_desktop/__init__.py")
    return found.group(1)


def deb_architecture() -> str:
    """dpkg's name for this machine's architecture (amd64, arm64)."""
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _elf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


def _system_package(library: Path) -> str | None:
    """The Debian package that ships the system copy of a bundled library (same file name), if any."""
    for folder in ("/lib", "/usr/lib"):
        for candidate in Path(folder).glob(f"*-linux-gnu*/{library.name}"):
            real = Path(os.path.realpath(candidate))
            # dpkg knows a file by the path its package shipped: /lib/... or /usr/lib/... (merged /usr).
            names = {str(candidate), str(candidate.parent / real.name), str(real)}
            names |= {n.removeprefix("/usr") for n in names} | {
                "/usr" + n for n in names if not n.startswith("/usr")
            }
            for name in sorted(names):
                out = subprocess.run(["dpkg-query", "-S", name], capture_output=True, text=True, check=False)
                if out.returncode == 0:
                    return out.stdout.split(":", 1)[0]
    return None


def drop_system_libraries(internal: Path) -> list[str]:
    """Remove the top-level bundled libraries a Debian package provides; return what was removed."""
    removed = []
    for lib in sorted(internal.glob("lib*.so*")):
        if lib.is_symlink() or not lib.is_file() or lib.name.startswith("libpython"):
            continue
        package = _system_package(lib)
        if package:
            lib.unlink()
            removed.append(f"{lib.name} ({package})")
    return removed


def clean_run_paths(tree: Path) -> list[str]:
    """Drop RUNPATH/RPATH entries that point outside the bundle (the build machine's Python, e.g. pyenv's lib).

    The bundle finds its own libraries through $ORIGIN and the loader's path; an absolute build path would make
    the installed app look in a folder of the build machine. Returns the files changed.
    """
    changed = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file() and not p.is_symlink() and _elf(p)):
        out = subprocess.run(
            ["patchelf", "--print-rpath", str(path)], capture_output=True, text=True, check=False
        )
        entries = [e for e in out.stdout.strip().split(":") if e]
        kept = [e for e in entries if e.startswith("$ORIGIN")]
        if out.returncode == 0 and kept != entries:
            args = ["--set-rpath", ":".join(kept)] if kept else ["--remove-rpath"]
            subprocess.run(["patchelf", *args, str(path)], check=True)
            changed.append(str(path.relative_to(tree)))
    return changed


def shlib_depends(stage: Path) -> str:
    """`Depends` for every ELF file under stage/opt, with the bundle's own folders as private library paths."""
    opt = stage / INSTALL_DIR
    files = sorted(p for p in opt.rglob("*") if p.is_file() and not p.is_symlink() and _elf(p))
    private = sorted({str(p.parent) for p in files if ".so" in p.name})
    with tempfile.TemporaryDirectory(prefix="tdk-shlibdeps-") as tmp:
        (Path(tmp) / "debian").mkdir()
        (Path(tmp) / "debian" / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n"
        )
        out = subprocess.run(
            [
                "dpkg-shlibdeps",
                "-O",
                "--ignore-missing-info",
                *[f"-l{d}" for d in private],
                *[f"-e{f}" for f in files],
            ],
            cwd=tmp,
            capture_output=True,
            text=True,
            check=False,
        )
    if out.returncode != 0:
        raise SystemExit(f"dpkg-shlibdeps failed:\n{out.stderr}")
    found = re.search(r"^shlibs:Depends=(.*)$", out.stdout, re.M)
    return found.group(1).strip() if found else ""


MAINTAINER = "Tripletex Desktop maintainers <maintainers@tripletex-desktop.invalid>"


def debian_changelog(ver: str, when: float | None = None) -> str:
    """A Debian-format changelog entry for `ver`, its lines taken from that version's CHANGELOG.md section."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    section = re.search(rf"^## \[?{re.escape(ver)}\]?.*?$(.*?)(?=^## |\Z)", text, re.M | re.S)
    items = [m.strip() for m in re.findall(r"^- (.*(?:\n  .*)*)", section.group(1) if section else "", re.M)]
    wrap = {"width": 78, "initial_indent": "  * ", "subsequent_indent": "    "}
    lines = [textwrap.fill(" ".join(item.split()), **wrap) for item in items] or [f"  * Release {ver}."]
    stamp = email.utils.formatdate(when, usegmt=True).replace("GMT", "+0000")
    return (
        f"{PACKAGE} ({ver}) stable; urgency=medium\n\n"
        + "\n".join(lines)
        + f"\n\n -- {MAINTAINER}  {stamp}\n"
    )


def stage_deb(bundle: Path, icons: Path, stage: Path, ver: str) -> str:
    """Lay out the package tree under stage; return its Depends."""
    opt = stage / INSTALL_DIR
    shutil.copytree(bundle, opt, symlinks=True)
    removed = drop_system_libraries(opt / "_internal")
    print(f"left to Debian packages: {len(removed)} libraries ({', '.join(removed)})")
    cleaned = clean_run_paths(opt)
    print(f"build-machine run paths removed from {len(cleaned)} files")
    usr = stage / "usr"
    (usr / "bin").mkdir(parents=True)
    os.symlink(f"/{INSTALL_DIR}/{EXECUTABLE}", usr / "bin" / PACKAGE)
    share = usr / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(HERE / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copy2(HERE / "copyright", doc / "copyright")
    # Debian wants changelog.gz in its own format: this version's entries from CHANGELOG.md (gzip without a
    # timestamp); the whole CHANGELOG.md goes beside it.
    with (doc / "changelog.gz").open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(debian_changelog(ver).encode("utf-8"))
    shutil.copy2(ROOT / "CHANGELOG.md", doc / "CHANGELOG.md")
    computed = [d.strip() for d in shlib_depends(stage).split(",") if d.strip()]
    depends = ", ".join(computed + [d for d in EXTRA_DEPENDS if not any(c.split()[0] == d for c in computed)])
    size_kib = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {ver}\n"
        f"Architecture: {deb_architecture()}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {depends}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: Tripletex travel and expense reports on the desktop\n"
        " Connects Tripletex (API v2) to a travel-and-expense workflow: a setup wizard\n"
        " that checks the employee token and its permissions, a background sync of\n"
        " employees, projects and departments, and travel reports sent exactly once.\n"
        " Norwegian Bokmål and English. Also a headless `tripletex-desktop sync`.\n",
        encoding="utf-8",
    )
    for path in stage.rglob("*"):
        if not path.is_symlink():
            # Shared libraries are not programs: 0644 (Debian policy); folders and executables 0755.
            executable = path.is_dir() or (os.access(path, os.X_OK) and ".so" not in path.name)
            path.chmod(0o755 if executable else 0o644)
    return depends


def build_deb(stage: Path, out: Path) -> None:
    """dpkg-deb with xz at its strongest setting; files owned by root whoever builds it."""
    cmd = ["dpkg-deb", "--root-owner-group", "-Zxz", "-z9", "-Sextreme", "--build", str(stage), str(out)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def build_tarball(bundle: Path, icons: Path, out: Path, top: str) -> None:
    """The whole bundle (every library kept) plus the desktop entry and icons, under one top folder."""

    def reset(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(out, "w:gz", compresslevel=9) as tar:
        tar.add(bundle, arcname=top, filter=reset)
        tar.add(
            HERE / f"{APP_ID}.desktop", arcname=f"{top}/share/applications/{APP_ID}.desktop", filter=reset
        )
        tar.add(icons / "hicolor", arcname=f"{top}/share/icons/hicolor", filter=reset)


def package(bundle: Path, icons: Path, out: Path) -> Artifacts:
    """Build both packages into out."""
    if not (bundle / EXECUTABLE).exists():
        raise SystemExit(f"no one-folder build at {bundle} (python3 dev.py bundle)")
    ver, arch = version(), deb_architecture()
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{ver}_{arch}.deb"
    machine = os.uname().machine
    tarball = out / f"{PACKAGE}-{ver}-linux-{machine}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="tdk-deb-") as tmp:
        stage = Path(tmp) / "root"
        depends = stage_deb(bundle, icons, stage, ver)
        build_deb(stage, deb)
        # The tarball: the whole bundle, with the same run paths cleaned.
        portable = Path(tmp) / "portable"
        shutil.copytree(bundle, portable, symlinks=True)
        clean_run_paths(portable)
        build_tarball(portable, icons, tarball, f"{PACKAGE}-{ver}")
    return Artifacts(deb=deb, tarball=tarball, depends=depends)


def main(argv: list[str] | None = None) -> int:
    """Build the .deb and the .tar.gz; print their sizes and the Depends line."""
    parser = argparse.ArgumentParser(prog="release.linux")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "TripletexDesktop")
    parser.add_argument("--icons", type=Path, default=ROOT / "build" / "icons")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    options = parser.parse_args(argv)
    made = package(options.bundle, options.icons, options.out)
    print(f"Depends: {made.depends}")
    for path in (made.deb, made.tarball):
        print(f"{path}: {path.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
