"""Proof on a bare machine: install the .deb into a minimal Debian 12 root, self-test it, open its window, remove it.

Usage (as root): python -m release.debroot DEB [--screenshots DIR] [--cache DIR]

The root is made once by debootstrap (variant minbase: what every Debian has, no X, no fonts, no Qt
libraries) from the Debian mirror this machine's apt uses, and kept under ~/.cache/tripletex-desktop/ with the
downloaded .debs; each run works on a fresh copy of it, so nothing from an earlier run can hide a missing
dependency. In that copy, inside a private mount namespace (no mount outlives the run):
  1. apt installs the .deb, so its Depends are resolved from the archive;
  2. every ELF file under /opt/tripletex-desktop must find all its libraries (ldd);
  3. `tripletex-desktop --version` and `--self-test` pass;
  4. the app opens its window on an Xvfb display of this machine (the root has no X server of its own, so
     nothing an X server drags in can satisfy the app's dependencies), and a screenshot is saved;
  5. apt purges the package and autoremoves its dependencies: /opt and /usr must be exactly as before.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITE = "bookworm"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tripletex-desktop" / "debroot"
#: The root's apt lists are refreshed when older than this (seconds), so new package versions are found.
LISTS_MAX_AGE = 24 * 3600
ENV = "PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive"


def say(message: str) -> None:
    """Progress line on stderr."""
    print(f"[debroot] {message}", file=sys.stderr, flush=True)


def mirror() -> str:
    """The Debian archive this machine's apt already reaches (deb822 or one-line sources), or $TDK_DEBIAN_MIRROR."""
    if os.environ.get("TDK_DEBIAN_MIRROR"):
        return os.environ["TDK_DEBIAN_MIRROR"]
    candidates = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for source in candidates:
        if not source.is_file() or source.suffix not in ("", ".list", ".sources"):
            continue
        for uri in re.findall(r"(https?://\S+/debian)/?(?:\s|$)", source.read_text(errors="replace")):
            return uri
    raise SystemExit("no Debian mirror in /etc/apt/sources.list*: set TDK_DEBIAN_MIRROR to one")


def arch() -> str:
    """dpkg's name for this machine's architecture."""
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def check(cmd: list[str], **kwargs: object) -> None:
    """Run a command; stop the proof with its output when it fails."""
    say("$ " + " ".join(cmd))
    if subprocess.call(cmd, **kwargs) != 0:  # type: ignore[arg-type]
        raise SystemExit(f"FAILED: {' '.join(cmd)}")


def pristine_root(cache: Path) -> Path:
    """The cached minimal Debian root, made by debootstrap on first use (a few minutes), lists kept fresh."""
    root = cache / f"{SUITE}-{arch()}"
    stamp = root / ".tdk-complete"
    if not stamp.exists():
        if root.exists():
            shutil.rmtree(root)
        debs = cache / "debootstrap-debs"
        debs.mkdir(parents=True, exist_ok=True)
        say(f"building a minimal Debian 12 root with debootstrap from {mirror()} (once; cached in {cache})")
        check(
            [
                "debootstrap",
                "--variant=minbase",
                f"--arch={arch()}",
                f"--cache-dir={debs}",
                SUITE,
                str(root),
                mirror(),
            ]
        )
        stamp.write_text(mirror() + "\n")
    lists = root / "var" / "lib" / "apt" / "lists"
    newest = max((p.stat().st_mtime for p in lists.glob("*_Packages*")), default=0.0)
    if time.time() - newest > LISTS_MAX_AGE:
        in_root(root, cache, "apt-get update -qq")
    return root


def in_root(
    root: Path, cache: Path, script: str, *, x11: bool = False, background: bool = False
) -> subprocess.Popen[bytes] | None:
    """Run a shell script chrooted in root, in a private mount namespace with /proc, /dev and the apt cache."""
    archives = cache / "archives"
    (archives / "partial").mkdir(parents=True, exist_ok=True)
    mounts = [
        f"mount -t proc proc '{root}/proc'",
        f"mount --rbind /dev '{root}/dev'",
        f"mount --bind '{archives}' '{root}/var/cache/apt/archives'",
    ]
    if x11:
        (root / "tmp" / ".X11-unix").mkdir(parents=True, exist_ok=True)
        mounts.append(f"mount --bind /tmp/.X11-unix '{root}/tmp/.X11-unix'")
    env = ENV
    if x11:
        env += f" DISPLAY={os.environ['DISPLAY']} XAUTHORITY=/tmp/xauthority"
    inner = " && ".join([*mounts, f"exec chroot '{root}' /usr/bin/env -i {env} sh -ec {_quote(script)}"])
    cmd = ["unshare", "--mount", "--propagation", "private", "--", "sh", "-ec", inner]
    say(f"(in the root) {script}")
    if background:
        return subprocess.Popen(cmd, start_new_session=True)
    if subprocess.call(cmd) != 0:
        raise SystemExit(f"FAILED in the Debian root: {script}")
    return None


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"


def snapshot(root: Path) -> tuple[set[str], set[str]]:
    """Every path under the root's /opt and /usr, and which of them are empty folders."""
    found: set[str] = set()
    empty: set[str] = set()
    for top in ("opt", "usr"):
        for dirpath, dirnames, filenames in os.walk(root / top):
            rel = "/" + str(Path(dirpath).relative_to(root))
            found.add(rel)
            found.update(f"{rel}/{name}" for name in dirnames + filenames)
            if not dirnames and not filenames:
                empty.add(rel)
    return found, empty


def window(root: Path, cache: Path, lang: str, out: Path) -> None:
    """Start the installed app on this machine's X display and save a screenshot of its first window."""
    xauth = os.environ.get("XAUTHORITY")
    if xauth:
        shutil.copy2(xauth, root / "tmp" / "xauthority")
    home = f"/tmp/window-{lang}"
    app = in_root(
        root,
        cache,
        # exec: the app is the process this function started (no `timeout`, which would put it in a process
        # group of its own, out of reach of the kill below); the screen grab gives up after its own timeout.
        f"TRIPLETEX_DESKTOP_HOME={home} QT_QPA_PLATFORM=xcb exec tripletex-desktop --lang {lang}",
        x11=True,
        background=True,
    )
    assert app is not None
    try:
        grab = [
            sys.executable,
            "-m",
            "release.screengrab",
            str(out),
            "--pid",
            str(app.pid),
            "--timeout",
            "90",
        ]
        check(grab, cwd=ROOT)
    finally:
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGTERM)
        app.wait(timeout=30)
        # The next window must not be mistaken for this one: nothing of this run may still be alive.
        leftovers = [p for p in Path("/proc").glob("[0-9]*") if _session(p) == app.pid]
        for proc in leftovers:
            os.kill(int(proc.name), signal.SIGKILL)


def _session(proc: Path) -> int | None:
    """The session id of a /proc/PID entry (None when it has gone)."""
    try:
        fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[3])


def prove(deb: Path, screenshots: Path, cache: Path) -> None:
    """The whole proof on a fresh copy of the cached root (removed afterwards), one run at a time per cache."""
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / "lock").open("w") as lock:
        # Runs share the cached root and apt's download folder (and apt's lock in it): CI runs of several
        # checkouts on one machine take turns.
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("waiting for another Debian-root proof on this machine to finish")
            fcntl.flock(lock, fcntl.LOCK_EX)
        _prove(deb, screenshots, cache)


def _prove(deb: Path, screenshots: Path, cache: Path) -> None:
    started = time.monotonic()
    pristine = pristine_root(cache)
    say(f"root ready in {time.monotonic() - started:.0f} s")
    tmp = Path(tempfile.mkdtemp(prefix="run-", dir=cache))
    root = tmp / "root"
    check(["cp", "-a", "--reflink=auto", str(pristine), str(root)])
    try:
        before, empty_before = snapshot(root)
        shutil.copy2(deb, root / "tmp" / deb.name)
        in_root(root, cache, f"apt-get install -y -q --no-install-recommends /tmp/{deb.name}")
        in_root(
            root,
            cache,
            "cd /opt/tripletex-desktop && missing=$(find . -type f \\( -name '*.so*' -o -name TripletexDesktop \\) "
            "-exec env LD_LIBRARY_PATH=/opt/tripletex-desktop/_internal ldd {} + 2>&1 | grep 'not found' | sort -u) "
            '|| true; if [ -n "$missing" ]; then echo "$missing"; exit 1; fi; echo \'ldd: every library found\'',
        )
        in_root(root, cache, "tripletex-desktop --version")
        in_root(root, cache, "TRIPLETEX_DESKTOP_HOME=/tmp/selftest tripletex-desktop --self-test")
        screenshots.mkdir(parents=True, exist_ok=True)
        for lang in ("nb", "en"):
            window(root, cache, lang, screenshots / f"installed-debian12-{lang}.png")
        in_root(root, cache, "apt-get purge -y -q tripletex-desktop && apt-get autoremove --purge -y -q")
        after, _empty = snapshot(root)
        # dpkg removes a folder it shipped once it is empty, even one that was there before (the empty /opt).
        left, gone = sorted(after - before), sorted(before - after - empty_before)
        if left or gone:
            raise SystemExit(
                f"FAILED: /opt or /usr changed after removal: left {left[:20]}, gone {gone[:20]}"
            )
        say("removed: nothing left in /opt or /usr, nothing of the base system gone")
    finally:
        _ensure_unmounted(root)
        shutil.rmtree(tmp)
    say(f"proof passed in {time.monotonic() - started:.0f} s")


def _ensure_unmounted(root: Path) -> None:
    """Refuse to delete a root that still has something mounted in it (it would delete the host's /dev)."""
    mounts = Path("/proc/mounts").read_text().split("\n")
    inside = [line for line in mounts if f" {root}/" in line or f" {root} " in line]
    if inside:
        raise SystemExit(f"still mounted under {root}; not deleting it: {inside}")


def main(argv: list[str] | None = None) -> int:
    """Run the proof (needs root, debootstrap, unshare, and $DISPLAY from xvfb-run)."""
    parser = argparse.ArgumentParser(prog="release.debroot")
    parser.add_argument("deb", type=Path)
    parser.add_argument("--screenshots", type=Path, default=CACHE / "screenshots")
    parser.add_argument("--cache", type=Path, default=CACHE)
    options = parser.parse_args(argv)
    if os.geteuid() != 0:
        raise SystemExit("the Debian-root proof needs root (debootstrap, chroot, mounts)")
    if not os.environ.get("DISPLAY"):
        raise SystemExit("no DISPLAY: run it under xvfb-run -a")
    prove(options.deb.resolve(), options.screenshots.resolve(), options.cache.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
