"""The earlier complaint's reference (issue 12, session 7; fresh-eyes walk F, finding F8, and walk G, L8).

It stays free text, because a council's own references may not come from this service, but what is clearly not a
reference is refused with its own error and kept on the page: an email address, a phone number, more than 40
characters. Only a reference of our own shape is put in capitals; a council's keeps the case it was typed in.
Full-width letters and digits are read as the usual ones.
"""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from io import BytesIO

import pytest

from tests.functional.test_child_words import DEE, answers
from tests.functional.test_escalation_attacks import STAGE2, records
from tests.journey_answers import answer_until_check, slug_of, text_of

END = "Enter only the reference of your complaint, or leave this empty."


def _at_reference_page(client, route=STAGE2):
    response = client.get("/complaint/")
    for _ in range(30):
        slug = slug_of(response.location)
        client.get(response.location)
        if slug == "earlier-complaint":
            return
        response = client.post(response.location, data=route.get(slug, {"carry_on": "yes"}))
    raise AssertionError("never reached the reference page")


def _refused(client, typed, **post):
    response = client.post("/complaint/earlier-complaint", data={"earlier_reference": typed}, **post)
    assert slug_of(response.location) == "earlier-complaint", typed
    page = client.get(response.location)
    html = page.get_data(as_text=True)
    return text_of(page), html


@pytest.fixture
def client(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False).test_client()


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Jordan Reed 07700 900123", "This looks like a phone number."),
        ("+44 7700 900123", "This looks like a phone number."),
        ("call me on 0208 547 5000", "This looks like a phone number."),
        ("jordan.reed@example.com", "This looks like an email address."),
        ("ref jordan@example", "This looks like an email address."),
        ("CSC/2026/0412 " + "x" * 40, "A reference is 40 characters or fewer."),
    ],
)
def test_what_is_clearly_not_a_reference_is_refused_with_its_own_error_and_kept(client, typed, said):
    _at_reference_page(client)
    text, html = _refused(client, typed)
    assert f"{said} {END}" in text
    assert "Answer must be" not in text  # the field is named, not "Answer"
    assert re.search(r'name="earlier_reference"[^>]*value="([^"]*)"', html).group(1).replace("&#43;", "+") == typed


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("CSC/2026/0412", "CSC/2026/0412"),
        ("csc / 2026 - 0412", "csc/2026-0412"),  # tidied, not put in capitals: not one of ours
        ("SC 1234", "SC 1234"),
        ("CR-2026-00412", "CR-2026-00412"),
        ("ex-7hk3qp2m", "EX-7HK3QP2M"),  # our own shape: in capitals, so it is found
        ("ＥＸ－７ＨＫ３ＱＰ２Ｍ", "EX-7HK3QP2M"),  # full-width, as a phone set for another script types it
        ("Ｃｓｃ/２０２６", "Csc/2026"),
    ],
)
def test_a_councils_own_reference_is_taken_as_typed_and_ours_in_capitals(client, typed, kept):
    answer_until_check(client, {**STAGE2, "earlier-complaint": {"earlier_reference": typed}})
    assert kept in text_of(client.get("/complaint/check"))
    sent = client.post("/complaint/send")
    client.get(sent.location).close()
    assert records(client.application)[-1]["record"]["escalation"]["earlier_reference"] == kept


def test_the_persons_email_repeats_a_councils_reference_without_capitals(client):
    from pathlib import Path

    answer_until_check(client, {**STAGE2, "earlier-complaint": {"earlier_reference": "csc/2026 abc"}})
    sent = client.post("/complaint/send")
    client.get(sent.location).close()
    folder = Path(client.application.config["DATA_DIR"]) / "mail"
    messages = [message_from_bytes(p.read_bytes(), policy=policy.default) for p in folder.rglob("*.eml")]
    [mine] = [m.get_body(("plain",)).get_content() for m in messages
              if str(m["X-Complaint-Message"]) == "complainant"]
    assert "as you gave it: csc/2026 abc" in " ".join(mine.split())
    assert "CSC/2026 ABC" not in mine


def test_a_young_person_reads_the_error_in_young_words(client):
    young = answers(DEE, new_or_reply={"kind": "escalation"})
    _at_reference_page(client, young)
    text, _ = _refused(client, "07700 900123")
    assert "This looks like a phone number. Put only your reference number here, or leave it empty." in text
    text, _ = _refused(client, "X" * 41)
    assert "A reference number is never longer than 40 letters, numbers and spaces." in text


def test_the_error_in_welsh(client):
    client.get("/language/cy?next=/")
    _at_reference_page(client)
    text, _ = _refused(client, "Jordan 07700 900123")
    assert "Mae hwn yn edrych fel rhif ffôn. Rhowch gyfeirnod eich cwyn yn unig, neu gadewch hwn yn wag." in text


def test_hostile_posts_are_refused_the_same_way(client):
    _at_reference_page(client)
    # A multipart body with a stray file, and the same field twice: the first value is read and refused.
    response = client.post("/complaint/earlier-complaint", content_type="multipart/form-data",
                           data={"earlier_reference": ["a@b.example", "CSC/1"],
                                 "file": (BytesIO(b"x" * 2000), "ref.txt")})
    assert slug_of(response.location) == "earlier-complaint"
    assert "This looks like an email address." in text_of(client.get(response.location))
    # Hidden characters around a phone number do not hide it.
    text, _ = _refused(client, "07700\u200b 900\u202e123")
    assert "This looks like a phone number." in text or "Enter the reference using only" in text
    # Nothing was sent or kept as a reference.
    assert records(client.application) == []
