"""The email a child, young person or care leaver gets about their own complaint is in the words written for their
age (wizard/domain/young_words.py, one table with their pages), in English and in Welsh: the reading-grade and
hard-word checks read it as they read the child's pages. An adult's email, and the council's, keep the adult words."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.functional.test_child_words import DEE, KAI, answers, unexplained_terms, walk
from tests.journey_answers import PARENT
from tests.readability import grade, hardest_blocks, visible_blocks
from wizard.domain.young_words import YOUNG

ROOT = Path(__file__).resolve().parents[2]

# Kai, 14, in foster care, with an email address it is safe to write to (the route in test_child_words has none).
KAI_BY_EMAIL = answers(
    KAI,
    child_in_danger={"danger": "no"},
    contact_details={"email": "kai@example.com", "phone": "", "address_line_1": "", "address_line_2": "",
                     "address_town": "", "address_postcode": ""},
    how_to_contact_you={"preferred": "email"},
    contacting_you_safely={"safe": "yes", "safe_way": "", "leave_message": "no"},
)
ROUTES = {"kai": (KAI_BY_EMAIL, "kai@example.com"), "dee": (DEE, "dee@example.com"),
          "parent": (PARENT, "pat@example.com")}


@pytest.fixture
def mailing(make_app):
    """The app with CSRF off, its emails written as files, sent as the confirmation page closes (no thread)."""
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False).test_client()


def emails_to(client, address: str):
    found = []
    for path in sorted((Path(client.application.config["DATA_DIR"]) / "mail").rglob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if str(message["To"]) == address:
            found.append(message)
    return found


def complainant_email(client, route: str, language: str = "en"):
    """(subject, plain text, html) of the complainant's email after walking ``route`` in ``language``."""
    answers_given, address = ROUTES[route]
    client.get(f"/language/{language}?next=/")
    walk(client, answers_given, with_errors=False)
    found = emails_to(client, address)
    assert len(found) == 1, [str(m["To"]) for m in found]
    message = found[0]
    return (str(message["Subject"]), message.get_body(preferencelist=("plain",)).get_content(),
            message.get_body(preferencelist=("html",)).get_content())


def test_every_young_email_text_stands_in_for_a_sentence_the_emails_say():
    with (ROOT / "translations" / "messages.pot").open("rb") as f:
        said = {m.id for m in read_po(f) if m.id and isinstance(m.id, str)}
    # The complainant's email and the partials it imports (a request's "What happens next", _escalation_next.txt).
    emails = ROOT / "templates" / "email"
    templates = " ".join(p.read_text() for p in (*emails.glob("complainant.*"), *emails.glob("_escalation_*")))
    # The decide-first and stage 1 sentences are the vocabulary's (one table, read by the page and the email).
    from wizard.domain.vocabulary import DECIDE_FIRST_WORDS, STAGE1_WORDS, TELL_WORDS

    vocabulary = set(DECIDE_FIRST_WORDS.values()) | {text for pair in STAGE1_WORDS.values() for text in pair}
    vocabulary |= set(TELL_WORDS.values())  # how they will hear what the council decides, by their contact method
    # The subject lines are written where the message is built (a request's on one line there).
    subjects = (ROOT / "wizard" / "delivery" / "messages.py").read_text()
    for adult, young in YOUNG["email"].items():  # the email's own (the rest is the confirmation page's)
        assert adult in said, f"not a sentence the service says: {adult!r}"
        assert young in said, f"the young text is not in the catalogue: {young!r}"
        assert (adult in templates or adult in vocabulary or adult.startswith("We have received your complaint:")
                or adult in subjects), adult
    # What the email shares with the confirmation page has its young words there (one table).
    from wizard.domain.young_words import YOUNG_EMAIL

    shared = {text for pair in STAGE1_WORDS.values() for text in pair} | {TELL_WORDS["write"], TELL_WORDS["contact"]}
    for adult in shared:
        assert adult in YOUNG_EMAIL and adult in YOUNG["confirmation"], adult


@pytest.mark.parametrize("route", ["kai", "dee"])
def test_a_childs_email_is_in_their_words_reads_at_grade_5_and_explains_every_hard_word(mailing, route):
    subject, text, html = complainant_email(mailing, route)
    assert subject.startswith("We have your complaint: reference ")
    assert "This first reply is called stage 1." in text and "This first reply is called stage 1." in html
    assert "The manager responsible for the team" not in text and "This is stage 1." not in text
    assert "Keep this number safe." in text
    assert "If you or another child are in danger right now, call 999." in text
    for body in (html, "<main>" + "".join(f"<p>{line}</p>" for line in text.splitlines()) + "</main>"):
        blocks = visible_blocks(body)
        assert grade(blocks) <= 5, hardest_blocks(blocks, 3)
        assert not unexplained_terms(body), unexplained_terms(body)


def test_a_childs_email_in_welsh_is_in_the_young_welsh(mailing):
    subject, text, html = complainant_email(mailing, "kai", "cy")
    text = text.replace("&#39;", "'")
    html = html.replace("&#39;", "'")
    assert subject.startswith("Mae eich cwyn gennym: cyfeirnod ")
    for body in (text, html):
        assert "Mae eich cwyn gennym" in body
        assert "Cadwch y rhif hwn yn ddiogel." in body
        assert "Bydd rheolwr yn edrych arni ac yn ysgrifennu'n ôl atoch. Cam 1 yw'r enw ar yr ateb cyntaf hwn." in body
        assert "Os ydych chi neu blentyn arall mewn perygl ar hyn o bryd, ffoniwch 999." in body
        assert "Rydym wedi cael eich cwyn" not in body and "Bydd y rheolwr sy'n gyfrifol" not in body


def test_an_adults_email_and_the_councils_keep_the_adult_words(mailing):
    subject, text, _ = complainant_email(mailing, "parent")
    assert subject.startswith("We have received your complaint: reference ")
    assert "The manager responsible for the team or person you complained about will look into it" in text
    assert "This first reply is called stage 1." not in text
    council = emails_to(mailing, "complaints@example.gov.uk")
    assert council and "Keep this number safe." not in council[0].get_body(preferencelist=("plain",)).get_content()


def test_the_council_is_told_in_its_own_words_whatever_the_childs_email_says(mailing):
    complainant_email(mailing, "kai")
    council = emails_to(mailing, "complaints@example.gov.uk")
    assert len(council) == 1
    text = council[0].get_body(preferencelist=("plain",)).get_content()
    assert "We have your complaint" not in text and "This first reply is called stage 1." not in text
    assert "Care given by another organisation" in text
