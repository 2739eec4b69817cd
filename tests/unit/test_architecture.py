"""The arrows that must never exist (shared/architecture.md): delivery takes a plain record."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(source: str, package: str) -> set[str]:
    """Every module the source imports: plain, relative (resolved against ``package``) or by importlib."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.add(f"{base}.{node.module}" if node.module else base)
            else:
                found.add(node.module or "")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            found.update(a.value for a in node.args if isinstance(a, ast.Constant))
    return found


def test_delivery_imports_nothing_from_the_journey_or_the_staff_pages():
    for path in (ROOT / "wizard" / "delivery").rglob("*.py"):
        for name in imported_modules(path.read_text(), "wizard.delivery"):
            assert not name.startswith(("wizard.journey", "wizard.staff")), f"{path.name} imports {name}"


def test_the_checker_sees_relative_and_dynamic_imports():
    source = "import importlib\nfrom ..journey import drafts\nimportlib.import_module('wizard.staff.views')\n"
    found = imported_modules(source, "wizard.delivery")
    assert "wizard.journey" in found and "wizard.staff.views" in found
