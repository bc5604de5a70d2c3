#!/usr/bin/env python3
"""Set up and run Tripletex Desktop from a checkout.

python3 dev.py app              run the app (the demo is offered when nothing is configured)
python3 dev.py test             everything CI runs (about 5 minutes); `test --fast` or `test <pytest args>`:
                                the checks and one pytest run, without the frozen build and the shifted clocks
python3 dev.py lint             ruff, ruff format --check, the layer contracts, the translation check
python3 dev.py typecheck        mypy (strict for core, storage and services)
python3 dev.py mutate           mutation testing of the money paths (docs/mutation-testing.md)
python3 dev.py soak             the fault soak (tests/soak); bundle, icons, package, debroot: see the README
python3 dev.py bench            every benchmark against its reference (bench/run_all.py; bench/README.md)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")

#: Debian/Ubuntu packages: the Python venv module, the libraries Qt needs (offscreen and on a desktop),
#: and for the tests a Secret Service keyring on a private D-Bus session.
APT_RUNTIME = [
    "python3-venv",
    "libegl1",
    "libgl1",
    "libx11-6",
    "libdbus-1-3",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-render-util0",
    "libxcb-image0",
]
APT_TEST = ["dbus", "gnome-keyring", "xvfb"]
#: Building the frozen app: PyInstaller reads binaries with ldd/objdump and strips them with strip.
APT_BUILD = ["binutils"]
#: The .deb: dpkg-shlibdeps (dpkg-dev) computes its Depends, patchelf drops the build machine's run paths.
#: The bare-Debian proof: debootstrap, and Xvfb.
APT_PACKAGE = ["dpkg-dev", "patchelf"]
APT_DEBROOT = ["debootstrap", "xvfb"]

#: Instants (Europe/Oslo) the suite also runs at, with every process's wall clock moved there: years ahead,
#: seconds before midnight at the end of a day when summer time starts (23 h) and one when it ends (25 h).
#: A test that compares a hard-coded date with the real clock fails in one of these runs.
SHIFTED_CLOCKS = ["2034-03-26T23:59:50+02:00", "2031-10-26T23:59:50+01:00"]


def say(message: str) -> None:
    """Progress line on stderr."""
    print(f"[dev] {message}", file=sys.stderr, flush=True)


def run(cmd: list[str], **kwargs: object) -> int:
    """Run a command, echoing it."""
    say("$ " + " ".join(cmd))
    return subprocess.call(cmd, cwd=ROOT, **kwargs)  # type: ignore[arg-type]


def missing_apt(packages: list[str]) -> list[str]:
    """The packages dpkg does not report as installed (empty when not on a Debian-like system)."""
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for name in packages:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True, check=False
        ).stdout
        if "install ok installed" not in out:
            missing.append(name)
    return missing


def ensure_apt(packages: list[str]) -> None:
    """Install missing Debian packages (as root, or through sudo); explain when that is impossible."""
    missing = missing_apt(packages)
    if not missing:
        return
    prefix: list[str] = []
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            say("please install: sudo apt-get install -y " + " ".join(missing))
            return
        prefix = ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if (
        run([*prefix, "apt-get", "update", "-qq"], env=env) != 0
        or run([*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)
        != 0
    ):
        say("apt-get failed; install these by hand: " + " ".join(missing))


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project with the given extras when pyproject.toml changed.

    One stamp per set of extras; an environment installed for the tests also serves the app.
    """
    if not PY.exists() and subprocess.call([sys.executable, "-m", "venv", str(VENV)]) != 0:
        sys.exit("could not create a virtual environment (on Debian: apt-get install python3-venv)")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamps = [VENV / f".installed{extras}"] + ([VENV / ".installed[test]"] if not extras else [])
    if any(stamp.exists() and stamp.read_text() == digest for stamp in stamps):
        return
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if run([*pip, "--upgrade", "pip"]) != 0 or run([*pip, "-e", f".{extras}"]) != 0:
        sys.exit("pip install failed")
    stamps[0].write_text(digest)


def build_resources() -> None:
    """Compile resources/ into the package's generated tripletex_desktop/_resources (.qm translations, icons)."""
    if run([str(PY), "-m", "tools.build_resources"]) != 0:
        sys.exit("building the resources failed")


def cmd_app(args: list[str]) -> int:
    """Run the desktop app (the demo is offered when nothing is configured)."""
    ensure_apt(APT_RUNTIME)
    ensure_venv("")
    build_resources()
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        say(
            "no screen found (DISPLAY/WAYLAND_DISPLAY unset): try `xvfb-run python3 dev.py app`, or use the CLI"
        )
    return run([str(PY), "-m", "tripletex_desktop", *args])


def lint_steps() -> list[list[str]]:
    """ruff, ruff format, the import-linter contracts and the translation check."""
    bin_dir = PY.parent
    return [
        [str(bin_dir / "ruff"), "check", "."],
        [str(bin_dir / "ruff"), "format", "--check", "."],
        [str(bin_dir / "lint-imports"), "--no-cache"],
        [str(PY), "-m", "tools.i18n", "check"],
    ]


def typecheck_steps() -> list[list[str]]:
    """mypy as configured in pyproject.toml (strict for core, storage and services)."""
    return [[str(PY.parent / "mypy")]]


def run_steps(steps: list[list[str]], env: dict[str, str]) -> int:
    """Run each step; stop at the first that fails."""
    for step in steps:
        if run(step, env=env) != 0:
            say("FAILED: " + " ".join(step))
            return 1
    return 0


def cmd_lint(args: list[str]) -> int:
    """ruff, ruff format --check, the layer contracts and the translation check (no tests)."""
    ensure_venv("[test]")
    return run_steps(lint_steps(), dict(os.environ))


def cmd_typecheck(args: list[str]) -> int:
    """mypy (strict for core, storage and services)."""
    ensure_venv("[test]")
    return run_steps(typecheck_steps(), dict(os.environ))


def cmd_mutate(args: list[str]) -> int:
    """Mutation testing of the money paths (pyproject's [tool.mutmut]); arguments are mutmut's mutant name
    patterns, e.g. `dev.py mutate "tripletex_desktop.core.perdiem*"`. Prints the survivors at the end."""
    ensure_venv("[test]")
    build_resources()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    mutmut = str(PY.parent / "mutmut")
    code = run([mutmut, "run", *args], env=env)
    run([mutmut, "results"], env=env)
    return code


def cmd_test(args: list[str]) -> int:
    """Lint, layers, translations, types, the Secret Service tests, the hostile-environment proofs, the seeded CI
    soak, the wheel and the frozen app's self-test, the suite at two shifted clocks, then the whole pytest suite
    (last, so its summary closes the output).

    `--fast`, or any pytest arguments, skips the extras: the checks and one pytest run with those arguments.
    """
    fast = "--fast" in args
    args = [a for a in args if a != "--fast"]
    ensure_apt(APT_RUNTIME + APT_TEST + ([] if fast or args else APT_BUILD))
    ensure_venv("[test]")
    build_resources()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if run_steps(lint_steps() + typecheck_steps(), env) != 0:
        return 1
    if not (fast or args) and (
        secret_service_test(env) != 0
        or hostile_proofs(env) != 0
        or ci_soak(env) != 0
        or wheel_check(env) != 0
        or frozen_self_test(env) != 0
        or shifted_clock_suites(env) != 0
    ):
        return 1
    suite = [str(PY), "-m", "pytest", "-m", SUITE_MARKERS, *args]
    if run(suite, env=env) != 0:
        say("FAILED: " + " ".join(suite))
        return 1
    return 0


#: The suite (and the shifted-clock suites) leave out what runs once in a step of its own: the Secret Service tests
#: and the hostile-environment proofs (real app processes; about a minute).
SUITE_MARKERS = "not secret_service and not hostile"


def secret_service_test(env: dict[str, str]) -> int:
    """The tests against a real Secret Service keyring: gnome-keyring on a private D-Bus session (the round trip,
    and the hostile-environment proof with the keyring locked).

    The keyring lives in a fresh temporary data folder, so the developer's own keyrings are never touched
    and `--unlock` always creates (and unlocks) a new login keyring. On CI a skip counts as a failure.
    """
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        if os.environ.get("CI"):
            say("FAILED: dbus-run-session or gnome-keyring-daemon is missing on CI")
            return 1
        say("skipping the Secret Service test: dbus-run-session or gnome-keyring-daemon is missing")
        return 0
    with tempfile.TemporaryDirectory(prefix="tdk-keyring-") as data_home:
        run_env = dict(env, XDG_DATA_HOME=data_home, TRIPLETEX_DESKTOP_REQUIRE_SECRET_SERVICE="1")
        script = (
            "echo -n tripletex-desktop-ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
            f"'{PY}' -m pytest -m secret_service -p no:cacheprovider tests/storage tests/hostile"
        )
        return run(["dbus-run-session", "--", "sh", "-c", script], env=run_env)


def hostile_proofs(env: dict[str, str]) -> int:
    """The hostile-environment proofs once (tests/hostile, docs/reliability.md): a full disk, a read-only folder,
    no keyring, a proxy that resets connections, certificates nobody trusts — each with a real app process. The
    disk and folder proofs need a private mount namespace (unshare); on CI a skip fails."""
    proofs = [str(PY), "-m", "pytest", "-m", "hostile and not secret_service", "-q", "-p", "no:cacheprovider"]
    code = run([*proofs, "tests/hostile"], env=env)
    if code != 0:
        say("FAILED: the hostile-environment proofs (tests/hostile)")
    return code


def ci_soak(env: dict[str, str]) -> int:
    """The fault soak's seeded CI run (tests/soak --ci: 50 reports, faults and SIGKILLs, no Send again; about
    three minutes): fails on any duplicate, loss, line difference, state mismatch, stranded report or token leak.
    Its tokens live in a private Secret Service (gnome-keyring on its own D-Bus session); on CI a skip fails."""
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        if os.environ.get("CI"):
            say("FAILED: the CI soak needs dbus-run-session and gnome-keyring-daemon")
            return 1
        say("skipping the CI soak: dbus-run-session or gnome-keyring-daemon is missing")
        return 0
    code = run([str(PY), "-m", "tests.soak", "--ci"], env=env)
    if code != 0:
        say("FAILED: the CI soak (python3 dev.py soak --ci --workdir DIR keeps every file to look at)")
    return code


def wheel_check(env: dict[str, str]) -> int:
    """Build the wheel (setup.py compiles resources/ into it) and check it carries what the app loads."""
    with tempfile.TemporaryDirectory(prefix="tdk-wheel-") as tmp:
        wheel_env = dict(env, PATH=f"{PY.parent}{os.pathsep}{env.get('PATH', '')}")  # pyside6-lrelease
        build = [
            str(PY),
            "-m",
            "pip",
            "wheel",
            "-q",
            "--disable-pip-version-check",
            "--no-deps",
            "-w",
            tmp,
            ".",
        ]
        if run(build, env=wheel_env) != 0:
            say("FAILED: building the wheel")
            return 1
        names = zipfile.ZipFile(next(Path(tmp).glob("*.whl"))).namelist()
        wanted = [f"tripletex_desktop/_resources/i18n/tripletex_desktop_{lang}.qm" for lang in ("nb", "en")]
        wanted.append("tripletex_desktop/_resources/icons/tripletex-desktop.svg")
        missing = [name for name in wanted if name not in names]
        if missing or any(name.startswith("tools/") for name in names):
            say(f"FAILED: the wheel lacks {missing} or carries the build tools")
            return 1
    return 0


def install_clock_shift() -> None:
    """A .pth in the venv that starts tests/support/clock_shift.py in every Python process when $TDK_FAKE_NOW
    is set (time-machine moves the wall clock only; Qt's and the monotonic clocks are left alone)."""
    site = subprocess.run(
        [str(PY), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    boot = ROOT / "tests" / "support" / "clock_shift.py"
    line = f"import os; os.environ.get('TDK_FAKE_NOW') and __import__('runpy').run_path({str(boot)!r})\n"
    pth = Path(site) / "tdk_clock_shift.pth"
    if not pth.exists() or pth.read_text() != line:
        pth.write_text(line)


def shifted_clock_suites(env: dict[str, str]) -> int:
    """The whole suite again at each of SHIFTED_CLOCKS, subprocesses included: no test may depend on today."""
    install_clock_shift()
    for instant in SHIFTED_CLOCKS:
        say(f"the suite with the clock at {instant}")
        suite = [
            str(PY),
            "-m",
            "pytest",
            "-m",
            SUITE_MARKERS,
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "ignore::pytest.PytestAssertRewriteWarning",
        ]
        if run(suite, env=dict(env, TDK_FAKE_NOW=instant)) != 0:
            say(f"FAILED: the suite with the clock at {instant}")
            return 1
    return 0


#: The Linux one-folder bundle's size budget (MiB of file contents): the build fails above it.
BUNDLE_BUDGET_MIB = 150


def build_bundle(dist: Path, work: Path, env: dict[str, str]) -> Path | None:
    """PyInstaller from build.spec into dist/TripletexDesktop; None (and a message) when it fails or is too big."""
    build = [
        str(PY),
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        "build.spec",
    ]
    if run(build, env=env) != 0:
        say("FAILED: the PyInstaller build")
        return None
    bundle = dist / "TripletexDesktop"
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    # The budget is the Linux bundle's (issue 15); Windows and macOS builds print their size and go on.
    if sys.platform.startswith("linux") and size > BUNDLE_BUDGET_MIB * 2**20:
        say(
            f"FAILED: the bundle is {size / 2**20:.0f} MiB, over its {BUNDLE_BUDGET_MIB} MiB budget (build.spec)"
        )
        return None
    return bundle


def frozen_window_test(app: Path, env: dict[str, str], screenshot: Path) -> int:
    """Start the frozen app in a real X server (Xvfb) and wait until its window is on the screen."""
    if not shutil.which("xvfb-run"):
        if os.environ.get("CI"):
            say("FAILED: xvfb-run is missing on CI")
            return 1
        say("skipping the frozen app's window test: xvfb-run is missing")
        return 0
    script = (
        f"'{app}' --lang en & app=$!; "
        f"'{PY}' -m release.screengrab '{screenshot}' --pid $app; rc=$?; "
        "kill $app 2>/dev/null; wait $app 2>/dev/null; exit $rc"
    )
    env = {k: v for k, v in env.items() if k != "QT_QPA_PLATFORM"}
    return run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "sh", "-c", script], env=env)


def frozen_self_test(env: dict[str, str]) -> int:
    """Build the PyInstaller app from build.spec into a temporary folder (within its size budget), run its
    --self-test there (translations, keyring backend, simulator round trip; a Secret Service keyring when
    available) and open its window under Xvfb."""
    with tempfile.TemporaryDirectory(prefix="tdk-frozen-") as tmp:
        bundle = build_bundle(Path(tmp) / "dist", Path(tmp) / "build", env)
        if bundle is None:
            return 1
        app = bundle / "TripletexDesktop"
        run_env = dict(env, TRIPLETEX_DESKTOP_HOME=f"{tmp}/home", XDG_DATA_HOME=f"{tmp}/keyrings")
        if shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon"):
            script = (
                "echo -n tripletex-desktop-ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
                f"'{app}' --self-test"
            )
            code = run(["dbus-run-session", "--", "sh", "-c", script], env=run_env)
        else:
            code = run([str(app), "--self-test"], env=run_env)
        if code != 0:
            say("FAILED: the frozen app's --self-test")
            return code
        if frozen_window_test(app, run_env, Path(tmp) / "window.png") != 0:
            say("FAILED: the frozen app's window did not appear under Xvfb")
            return 1
        return 0


def cmd_bundle(args: list[str]) -> int:
    """Build the one-folder app into dist/TripletexDesktop (build/ is PyInstaller's work folder)."""
    ensure_apt(APT_RUNTIME + APT_BUILD)
    ensure_venv("[test]")
    build_resources()
    bundle = build_bundle(ROOT / "dist", ROOT / "build" / "pyinstaller", dict(os.environ))
    return 0 if bundle else 1


def cmd_bench(args: list[str]) -> int:
    """Every benchmark against its reference in the same run (bench/run_all.py): the bundle is built first for
    the frozen start-up (skip it with --no-bundle); writes bench/results.json, the README's table, bench/README.md."""
    ensure_apt(APT_RUNTIME + APT_TEST + APT_BUILD)
    ensure_venv("[test]")
    build_resources()
    rest = [a for a in args if a != "--no-bundle"]
    if "--no-bundle" not in args and "--render" not in args and cmd_bundle([]) != 0:
        return 1
    return run([str(PY), "bench/run_all.py", *rest], env=dict(os.environ, PYTHONPATH=str(ROOT)))


def cmd_soak(args: list[str]) -> int:
    """The fault soak (tests/soak): 1,000 reports by default, `--ci` for the small seeded run; a private
    Secret Service keyring (gnome-keyring on its own D-Bus session) holds the tokens.

    `--properties [pytest args]` runs the property-based tests (tests/properties: bad input, the importer's files,
    server answers, the clock) under the long hypothesis profile instead (HYPOTHESIS_PROFILE=soak: many more
    examples each; a few minutes)."""
    ensure_apt(APT_RUNTIME + APT_TEST)
    ensure_venv("[test]")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if args[:1] == ["--properties"]:
        build_resources()
        suite = [str(PY), "-m", "pytest", "-m", "not secret_service", "-p", "no:cacheprovider"]
        return run([*suite, *(args[1:] or ["-q", *PROPERTY_TESTS])], env=dict(env, HYPOTHESIS_PROFILE="soak"))
    return run([str(PY), "-m", "tests.soak", *args], env=env)


#: The property-based tests `dev.py soak --properties` runs under the long profile.
PROPERTY_TESTS = ["tests/properties"]


def main() -> int:
    """`app` (default), `test`, `lint`, `typecheck`, a release command (bundle, icons, package, debroot) or `soak`."""
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("app", [])
    if command == "app":
        return cmd_app(args)
    if command == "test":
        return cmd_test(args)
    if command in COMMANDS:
        return COMMANDS[command](args)
    print(__doc__)
    return 2


def cmd_icons(args: list[str]) -> int:
    """PNG sizes, .ico and .icns from the one SVG into build/icons (release/icons.py)."""
    ensure_apt(APT_RUNTIME)
    ensure_venv("[test]")
    return run([str(PY), "-m", "release.icons", *args], env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))


def cmd_package(args: list[str]) -> int:
    """The one-folder build, then the .deb and the .tar.gz in dist/ (release/linux.py)."""
    ensure_apt(APT_RUNTIME + APT_BUILD + APT_PACKAGE)
    if cmd_icons([]) != 0 or cmd_bundle([]) != 0:
        return 1
    return run([str(PY), "-m", "release.linux", *args])


def cmd_debroot(args: list[str]) -> int:
    """Build the packages, then prove the .deb on a bare Debian 12 root (release/debroot.py; needs root)."""
    ensure_apt(APT_DEBROOT)
    if cmd_package([]) != 0:
        return 1
    # release.linux is stdlib-only, so dev.py's own Python can ask it for the file name.
    from release import linux

    deb = ROOT / "dist" / f"{linux.PACKAGE}_{linux.version()}_{linux.deb_architecture()}.deb"
    proof = [str(PY), "-m", "release.debroot", str(deb), *args]
    return run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", *proof])


#: More commands: release (README, Packaging) and the fault soak (docs/reliability.md).
COMMANDS = {
    "lint": cmd_lint,
    "typecheck": cmd_typecheck,
    "mutate": cmd_mutate,
    "bundle": cmd_bundle,
    "icons": cmd_icons,
    "package": cmd_package,
    "debroot": cmd_debroot,
    "soak": cmd_soak,
    "bench": cmd_bench,
}


if __name__ == "__main__":
    sys.exit(main())
