"""The arrows that must never exist (README: "Where things live"), and each thing in its room (issue 10)."""

import ast
import re
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


# --- the rooms (issue 10) ---------------------------------------------------------------------------------

WIZARD = ROOT / "wizard"


def modules_under(folder: Path, package: str):
    """(path, module name, imported modules) for every source file under ``folder``."""
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(folder).with_suffix("").parts
        name = ".".join((package, *parts)).removesuffix(".__init__")
        own_package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        yield path, name, imported_modules(path.read_text(), own_package)


def test_staff_pages_ask_the_journey_only_through_its_public_functions():
    for path, _name, found in modules_under(WIZARD / "staff", "wizard.staff"):
        for name in found:
            if name.startswith("wizard.journey"):
                assert name == "wizard.journey.public", f"{path.name} imports {name}"


def test_delivery_is_given_its_settings_and_never_reads_them():
    for path, _name, found in modules_under(WIZARD / "delivery", "wizard.delivery"):
        assert not any(name.startswith("wizard.settings") for name in found), f"{path.name} imports settings"
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "wizard":
                assert "settings" not in {alias.name for alias in node.names}, f"{path.name} imports settings"


def test_retention_does_not_reach_up_into_the_journey():
    found = imported_modules((WIZARD / "retention.py").read_text(), "wizard")
    assert not any(name.startswith(("wizard.journey", "wizard.staff")) for name in found), found


def test_the_journey_reads_delivery_only_through_its_public_functions():
    """No SQL on delivery's tables from the journey: it asks ``wizard.delivery`` (store, outbox, messages)."""
    for path in (WIZARD / "journey").rglob("*.py"):
        text = path.read_text().lower()
        for table in ("outbox", "complaints"):
            for verb in ("from", "into", "update"):
                assert f"{verb} {table}" not in text, f"{path.name} has SQL on {table}"


def test_every_command_is_in_the_command_module():
    """The outbox commands sit with the other commands (``wizard/cli.py``)."""
    for path in WIZARD.rglob("*.py"):
        if path.name == "cli.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    text = ast.unparse(decorator)
                    assert not text.startswith(("click.", "with_appcontext")) and ".command(" not in text, (
                        f"{path.name} defines the command {node.name}"
                    )


def test_no_blueprint_gains_routes_by_being_imported():
    """The app factory joins every page to its blueprint: no import kept only for what it does when imported."""
    assert "noqa: F401" not in (WIZARD / "app.py").read_text()


# What only the complaint record works out (``wizard/domain/complaint.py``): defined nowhere else.
DERIVED = {
    "advocacy_requested",
    "reply_address",
    "reply_address_safe",
    "unused_address",
    "complainant_email",
    "email_given",
    "danger_reported",
    "first_stage_dates",
    "decided_first",
    "decide_first",
    "needs_action",
    "contact_actions",
    # Session 9 (issue 10): facts that were worked out in delivery, the confirmation pages or an email template.
    "made_by_advocate",
    "child_not_told",
    "copies_offered",
    "help_needs",
    "next_stage_window",
    "dates_if_asked",
    "words_of",
    "asks_for_advocate",
}


def defined_names(source: str) -> set[str]:
    return {
        node.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_only_the_complaint_record_works_out_advocacy_the_reply_address_dates_and_needs():
    record = WIZARD / "domain" / "complaint.py"
    assert DERIVED - {"complainant_email", "decided_first"} <= defined_names(record.read_text())
    for path in WIZARD.rglob("*.py"):
        if path == record:
            continue
        again = DERIVED & defined_names(path.read_text())
        assert not again, f"{path.relative_to(ROOT)} works out {sorted(again)} again"


def test_no_email_template_works_out_who_is_complaining_for_itself():
    """The emails read the record's facts (``made_by_advocate``...), not the answer to "who are you" compared in a
    template (the council email chose its advocacy words with ``who == "advocate"``)."""
    for path in sorted((ROOT / "templates" / "email").iterdir()):
        text = path.read_text()
        assert not re.search(r"\bwho\s*(==|!=|\bin\b|\bnot in\b)", text), f"templates/email/{path.name} compares who"


def test_the_checkers_would_catch_a_second_definition():
    assert defined_names("def needs_action(record):\n    return []\n") & DERIVED == {"needs_action"}
    found = imported_modules("from wizard.journey.steps import walk\n", "wizard.staff")
    assert "wizard.journey.steps" in found


def test_dates_are_written_for_people_in_one_place():
    """Every page, email, record and staff page writes a date through ``wizard/domain/dates.py``."""
    for path in WIZARD.rglob("*.py"):
        if path == WIZARD / "domain" / "dates.py":
            continue
        text = path.read_text()
        assert not re.search(r"\bformat_date\b|%B", text), f"{path.relative_to(ROOT)} formats a date itself"


# --- the README's map (issue 10: "Where things live" matches the code) ---------------------------------------


def readme_map() -> dict[str, set[str]]:
    """Folder (``wizard``, ``wizard/journey``...) -> the file names the README's "Where things live" gives it."""
    text = (ROOT / "README.md").read_text()
    block = text[text.index("## Where things live"):]
    block = block[block.index("```") + 3:]
    block = block[: block.index("```")]
    found: dict[str, set[str]] = {}
    folder = None
    for line in block.splitlines():
        first = line.split()[0] if line.strip() else ""
        if first.startswith("wizard/") and first.endswith("/"):
            folder = first.rstrip("/")
        elif first.startswith("wizard/"):
            folder = "wizard"
        elif not line.startswith("  "):
            folder = None
        if folder:  # a name with a folder of its own in a description (journey/public.py) is not this folder's
            names = re.findall(r"[\w/]+\.py", line)
            found.setdefault(folder, set()).update(
                Path(n).name for n in names if "/" not in n or n.startswith(f"{folder}/")
            )
    return found


def holds_code(path: Path) -> bool:
    """A module with more than its docstring (an ``__init__.py`` that defines or gathers something)."""
    return any(not isinstance(node, ast.Expr) for node in ast.parse(path.read_text()).body)


def test_the_readme_map_names_every_module_where_it_lives():
    listed = readme_map()
    for folder in ("wizard", "wizard/domain", "wizard/journey", "wizard/delivery", "wizard/staff"):
        # Every module, and a package's __init__.py when it holds code (create_app; delivery's public functions).
        actual = {p.name for p in (ROOT / folder).glob("*.py") if p.name != "__init__.py" or holds_code(p)}
        named = listed.get(folder, set())
        assert actual - named == set(), f"README's map leaves out {sorted(actual - named)} in {folder}"
        assert named - actual == set(), f"README's map names {sorted(named - actual)} in {folder}, which do not exist"
