"""How do you want us to contact you? is asked only when there is a choice (issue 14, session 5): with one way
given, that way is the way; the safety question names it, Check your answers does not ask about it, and the
council's email says it."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.functional.test_child_words import answers, walk
from tests.journey_answers import PARENT, answer_until_check, text_of

BOTH = {"email": "pat@example.com", "phone": "07700 900123", "address_line_1": "", "address_line_2": "",
        "address_town": "", "address_postcode": ""}
PHONE_ONLY = {**BOTH, "email": ""}


@pytest.fixture
def mailing(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False).test_client()


def council_email(client):
    for path in sorted((Path(client.application.config["DATA_DIR"]) / "mail").rglob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if str(message["To"]) == client.application.config["COUNCIL_INBOX"]:
            return message
    raise AssertionError("no council email")


def test_one_way_given_is_not_asked_and_the_safety_question_names_it(client):
    seen = answer_until_check(client, answers(PARENT, contact_details=PHONE_ONLY))
    assert "how-to-contact-you" not in seen
    assert seen[seen.index("contact-details") + 1] == "contacting-you-safely"
    safety = text_of(client.get("/complaint/contacting-you-safely"))
    assert "Is it safe for us to contact you by phone?" in safety
    check = text_of(client.get("/complaint/check"))
    assert "Best way to contact you" not in check
    assert "07700 900123" in check
    # Typing the address of the page that is not asked does not ask it.
    assert client.get("/complaint/how-to-contact-you").status_code == 302


def test_two_ways_given_are_asked_and_the_choice_is_kept(client):
    seen = answer_until_check(client, answers(PARENT, contact_details=BOTH, how_to_contact_you={"preferred": "phone"}))
    assert "how-to-contact-you" in seen
    check = text_of(client.get("/complaint/check"))
    assert "Best way to contact you By phone" in check


def test_taking_a_way_away_later_stops_asking_and_the_only_way_left_is_used(client):
    answer_until_check(client, answers(PARENT, contact_details=BOTH, how_to_contact_you={"preferred": "phone"}))
    client.post("/complaint/contact-details", data=answers(PARENT)["contact-details"])  # email only now
    response = client.get("/complaint/check")
    check = text_of(response) if response.status_code == 200 else text_of(client.get(response.location))
    assert "Best way to contact you" not in check
    assert "pat@example.com" in check and "07700 900123" not in check


def test_the_council_is_told_the_only_way_given_as_the_best_way(mailing):
    walk(mailing, answers(PARENT, contact_details=PHONE_ONLY), with_errors=False)
    message = council_email(mailing)
    assert "07700 900123" in message.get_body(preferencelist=("plain",)).get_content()
    attached = [json.loads(part.get_content()) for part in message.iter_attachments()
                if part.get_filename().endswith(".json")]
    assert attached[0]["answers"]["contact"]["preferred"] == "phone"
    assert attached[0]["answers"]["contact"]["safe_to_contact"] is True
