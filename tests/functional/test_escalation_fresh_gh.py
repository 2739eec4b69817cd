"""Fresh-eyes walks G and H on taking a complaint further (issue 12, session 7), the smaller findings:

- G L6: the late-request page no longer says "tell us why" and then "you do not have to say";
- H2 (the person's part): an advocate asking for a review panel reads what the child can do at the panel;
- G L2: the link in a Welsh email opens the next-stage page in Welsh;
- G L3: the Welsh pages say the Ombudsman's website is in English only.
"""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.functional.test_escalation_attacks import STAGE2
from tests.functional.test_escalation_people import LATE
from tests.journey_answers import PARENT, TODAY, answer_until_check, date_parts, send, text_of

ADVOCATE = {
    **PARENT,
    "who-are-you": {"who": "advocate"},
    "advocate-details": {
        "advocate_name": "Ada Lane", "organisation": "Voices", "role": "Advocate", "direct_phone": "01632 960 002",
        "working_hours": "Mon to Thu", "advocate_email": "ada@example.org",
    },
}


@pytest.fixture
def client(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False).test_client()


def test_the_late_request_page_says_one_thing_about_saying_why(client):
    answer_until_check(client, LATE)
    page = text_of(client.get("/complaint/asking-later"))
    assert "knowing why you are asking now can help it decide" in page
    assert "so tell us why" not in page
    assert "You do not have to say." in page


def test_an_advocate_asking_for_a_review_panel_reads_what_the_child_can_do_there(client):
    panel = {**ADVOCATE, **{k: v for k, v in STAGE2.items() if k not in PARENT},
             "new-or-reply": {"kind": "escalation"}, "which-reply": {"reply_stage": "stage2"},
             "date-of-the-reply": {"reply_date": date_parts(TODAY - timedelta(days=3))}}
    answer_until_check(client, panel)
    confirmation = send(client)
    assert ("The child can go to the review panel meeting with you and one other person, or you can go in their "
            "place. They can also send something in writing instead.") in confirmation
    assert "You can go to the review panel meeting on your own" not in confirmation


def test_a_parent_asking_for_a_review_panel_still_reads_what_they_can_do(client):
    answer_until_check(client, {**STAGE2, "which-reply": {"reply_stage": "stage2"}})
    confirmation = send(client)
    assert "You can go to the review panel meeting on your own, or bring an advocate" in confirmation
    assert "The child can go to the review panel meeting with you" not in confirmation


def _complainant_email(app) -> str:
    for path in (Path(app.config["DATA_DIR"]) / "mail").rglob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if str(message["X-Complaint-Message"]) == "complainant":
            return message.get_body(("plain",)).get_content().replace("=\r\n", "")
    raise AssertionError("no complainant email")


def test_the_link_in_a_welsh_email_opens_the_next_stage_page_in_welsh(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, PUBLIC_URL="https://complaints.example.gov.uk")
    client = app.test_client()
    client.get("/language/cy?next=/")
    answer_until_check(client, PARENT)
    sent = client.post("/complaint/send")
    client.get(sent.location).close()
    text = " ".join(_complainant_email(app).split())
    link = next(word for word in text.split() if word.startswith("https://complaints.example.gov.uk/"))
    assert link.startswith("https://complaints.example.gov.uk/language/cy?next=/complaint/next-stage%3Freference%3D")
    # Opened on a new device (no cookie): the language page sets Welsh, then opens the next-stage page.
    fresh = app.test_client()
    opened = fresh.get(link.replace("https://complaints.example.gov.uk", "").rstrip("."))
    assert opened.status_code == 302 and opened.location.startswith("/complaint/next-stage?reference=")
    page = fresh.get(opened.location)
    assert '<html lang="cy"' in page.get_data(as_text=True)


def test_the_link_in_an_english_email_is_as_before(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, PUBLIC_URL="https://complaints.example.gov.uk")
    client = app.test_client()
    answer_until_check(client, PARENT)
    sent = client.post("/complaint/send")
    client.get(sent.location).close()
    assert "https://complaints.example.gov.uk/complaint/next-stage?reference=" in _complainant_email(app)


def test_the_welsh_ombudsman_page_says_its_website_is_in_english_only(client):
    client.get("/language/cy?next=/")
    html = client.get("/ombudsman").get_data(as_text=True)
    assert "(yn Saesneg yn unig)" in html and 'hreflang="en"' in html
    client.get("/language/en?next=/")
    assert "English only" not in client.get("/ombudsman").get_data(as_text=True)
