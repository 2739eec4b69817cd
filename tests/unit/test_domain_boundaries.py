"""The domain is plain Python: it never imports Flask or the web layers."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "wizard" / "domain"
FORBIDDEN = ("flask", "flask_babel", "flask_wtf", "wtforms", "jinja2", "werkzeug")

PROBE = """
import sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {forbidden!r}:
            raise ImportError("the domain imported " + name)
        return None

sys.meta_path.insert(0, Block())
import wizard.domain.vocabulary, wizard.domain.workdays, wizard.domain.profiles
import wizard.domain.routing, wizard.domain.timeline
from wizard.domain.profiles import load_profile
from wizard.domain.routing import Answers, route
from wizard.domain.timeline import milestones
import datetime
p = load_profile("kingston")
route(Answers(who="child", about="looked_after"), p)
milestones(p, "statutory", datetime.date(2027, 1, 4))
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {forbidden!r})
assert not loaded, loaded
print("ok")
"""


def test_domain_imports_and_runs_without_flask():
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(forbidden=FORBIDDEN)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_probe_would_catch_a_flask_import():
    probe = PROBE.format(forbidden=FORBIDDEN).replace('print("ok")', "import flask")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "the domain imported flask" in result.stderr


def test_domain_sources_import_nothing_from_the_web_layers():
    for path in DOMAIN.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else []
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top not in FORBIDDEN, f"{path}: imports {name}"
                assert not name.startswith(("wizard.journey", "wizard.delivery", "wizard.staff")), f"{path}: {name}"
                if top == "wizard":
                    assert name.startswith("wizard.domain"), f"{path}: imports {name}"
