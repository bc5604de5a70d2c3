"""The suite's own rules: fixtures live in conftest.py, helpers in tests/support, no test module imports another."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _test_modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("test_*.py") if "__pycache__" not in p.parts)


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_no_module_imports_a_test_module() -> None:
    offenders = []
    for path in [*_test_modules(), *TESTS.rglob("conftest.py"), *(TESTS / "support").rglob("*.py")]:
        offenders.extend(
            f"{path.relative_to(TESTS)} imports {name}"
            for name in _imported_modules(path)
            if name.startswith("tests.") and name.rsplit(".", 1)[-1].startswith("test_")
        )
    assert offenders == []


def test_every_test_module_holds_tests() -> None:
    """A test module holds tests: one without any test function is a helper in disguise (tests/support)."""
    empty = []
    for path in _test_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        if not any(f.name.startswith("test_") for f in functions):
            empty.append(str(path.relative_to(TESTS)))
    assert empty == []
