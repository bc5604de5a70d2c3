"""setuptools hook: a wheel compiles resources/ into tripletex_desktop/_resources first (see tools/build_resources.py).

Everything else is in pyproject.toml. An editable install skips the hook (`python3 dev.py` builds the resources
before each use); a wheel needs pyside6-lrelease in the build environment, e.g.
`.venv/bin/pip wheel --no-build-isolation --no-deps .`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the checkout's own tools/


class BuildPyWithResources(build_py):
    """Compile the resources before the package files are collected (not for editable installs)."""

    def run(self) -> None:
        """Build tripletex_desktop/_resources, then the usual build_py."""
        if not self.editable_mode:
            from tools.build_resources import build  # local: only a wheel build needs it

            build()
        super().run()


setup(cmdclass={"build_py": BuildPyWithResources})
