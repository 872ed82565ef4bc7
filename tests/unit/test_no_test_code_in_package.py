"""The package never imports test code (issue 16 §5): no module under pipeline/ imports `tests`."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"


def _imported(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_of_the_package_imports_tests():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(name for name in _imported(ast.parse(path.read_text("utf-8")))
                                               if name == "tests" or name.startswith("tests."))
        for path in PACKAGE.rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}
