"""One table of young words (issue 14, session 7): the pages, the complainant's email (a new complaint's and a
request's, the sentences its Python builds included) and the staff scenario tester read the same young sentences
from ``wizard/domain/young_words.py``, and no young sentence is written twice."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest
from test_escalation_late_reason import REASON, YOUNG, _send
from test_escalation_people import LATE

from tests.conftest import TEST_STAFF_PASSWORD
from wizard.delivery import messages
from wizard.domain import young_words
from wizard.journey import words

ROOT = Path(__file__).resolve().parents[2]


def n_literals(path: Path) -> list[str]:
    """Every sentence marked with N_ in a module, as written."""
    tree = ast.parse(path.read_text())
    return [node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "N_"
            and node.args and isinstance(node.args[0], ast.Constant)]


def test_the_young_words_are_one_table_and_no_young_sentence_is_written_twice():
    assert not (ROOT / "wizard" / "journey" / "young_words.py").exists()
    assert not (ROOT / "wizard" / "domain" / "young_email_words.py").exists()
    # The pages and the emails read the same table.
    assert words.words_for is young_words.words_for
    assert messages.YOUNG_EMAIL is young_words.YOUNG_EMAIL
    written = n_literals(ROOT / "wizard" / "domain" / "young_words.py")
    twice = [text for text, n in Counter(written).items() if n > 1]
    assert not twice, twice
    # No second table of young words anywhere else: no other module maps adult sentences to young ones. (A young
    # sentence may be an adult one elsewhere, "What you are still unhappy about": one catalogue entry.)
    young = set(young_words.YOUNG_EMAIL.values()) | {t for table in young_words.YOUNG.values() for t in table.values()}
    for path in (ROOT / "wizard").rglob("*.py"):
        if path.name == "young_words.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Dict):
                values = [v.args[0].value for v in node.values if isinstance(v, ast.Call)
                          and getattr(v.func, "id", "") == "N_" and v.args and isinstance(v.args[0], ast.Constant)]
                assert len(young & set(values)) < 2, (path, node.lineno)


def test_a_childs_email_says_what_their_confirmation_page_says_in_the_same_young_words():
    for adult, young in young_words.words_for("young", "confirmation").items():
        assert young_words.YOUNG_EMAIL[adult] == young


def fragments(sentence: str) -> list[str]:
    """The parts of a sentence between its placeholders long enough to find it by."""
    return [part.strip() for part in re.split(r"%\(\w+\)s", sentence) if len(part.strip()) >= 30]


@pytest.fixture
def app(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)


def test_a_young_persons_request_email_says_its_built_sentences_in_young_words(app):
    """The request email's sentences built in Python (what follows the stage they asked for, the dates' labels)
    were in the adult words in a child's email while their confirmation page had the young ones."""
    _check, confirmation, mine, council = _send(app, {**LATE, **YOUNG, **REASON})
    assert "If you are still unhappy after this, you can ask for" in mine
    assert "If you are still unhappy after this stage, you can ask for" not in mine
    # Session 9 (brief item 4): a late request's email gives the day we tell them we have it once, in the sentence
    # saying when to call, and no longer again as the first row of its dates (was: the row "We tell you we have your
    # request"): still in young words, never "We acknowledge".
    assert "We will tell you we have your request by" in mine and "We acknowledge your request" not in mine
    assert "We tell you we have your request:" not in mine
    for adult, young in young_words.YOUNG_EMAIL.items():
        for part in fragments(adult):
            assert part in young or part not in mine, (part, young)
    # The same sentences as their page.
    assert "If you are still unhappy after this, you can ask for" in confirmation
    # The council reads its own words.
    assert "We tell you we have your request" not in council


def test_a_young_persons_request_email_in_welsh_is_in_the_young_welsh(app):
    _check, confirmation, mine, _council = _send(app, {**LATE, **YOUNG, **REASON}, welsh=True)
    mine = mine.replace("&#39;", "'")
    assert "Os ydych chi'n dal yn anhapus ar ôl hyn" in mine
    assert "Os ydych chi'n dal yn anhapus ar ôl y cam hwn" not in mine


def signed_in(app):
    client = app.test_client()
    assert client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD}).status_code == 302
    return client


@pytest.mark.parametrize("who, shown, not_shown", [
    ("child", "The law says you can complain about your care yourself.",
     "You can use the children's social care complaints procedure yourself"),
    ("care_leaver", "The law says you can complain about your care yourself.",
     "You can use the children's social care complaints procedure yourself"),
    ("parent", "Whether a parent can use the children's social care complaints procedure",
     "The law says you can complain about your care yourself."),
])
def test_the_scenario_tester_shows_what_a_child_is_told_in_the_childs_words(app, who, shown, not_shown):
    client = signed_in(app)
    about = "leaving_care" if who == "care_leaver" else "looked_after"
    html = client.get("/staff/scenario", query_string={"who": who, "about": about, "child_age": "14"}).get_data(
        as_text=True)
    told = html.split("What the person is told", 1)[1].split("</ul>", 1)[0].replace("&#39;", "'")
    assert not_shown not in told
    if who == "parent":
        assert "In the words for a child" not in told
    else:
        assert shown in told and "In the words for a child, young person or care leaver" in told
