"""A reference typed on /complaint/earlier-complaint is not an oracle: the person reads the same words and pages
whether or not it is one this service made, and nothing of the stored complaint is filled in, chosen or said to
be "linked". Only the council's email and JSON say what we know of it: the day it was made, its procedure, which
of the request's details differ from it (never the stored values), and a flag when the reply the person gives is
dated before that complaint was made.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

from test_escalation_attacks import SECRET_CHILD_CARE, STAGE2, records, scrub, send_new

from tests.delivery_fixtures import complaint_schema, schema_errors
from tests.journey_answers import PARENT, TODAY, date_parts, slug_of

REFERENCE = re.compile(r"\b[A-Z]{2,4}-[23456789A-HJKMNP-Z]{8}\b")


def _walk(client, answers) -> list[tuple[str, str]]:
    """Every page of the walk (as its HTML), Check your answers, and the confirmation after Send."""
    pages = []
    response = client.get("/complaint/")
    for _ in range(50):
        slug = slug_of(response.location)
        page = client.get(response.location)
        pages.append((slug, page.get_data(as_text=True)))
        if slug == "check":
            break
        response = client.post(response.location, data=answers.get(slug, {"carry_on": "yes"}))
    sent = client.post("/complaint/send")
    page = client.get(sent.location)
    pages.append(("confirmation", page.get_data(as_text=True)))
    page.close()
    return pages


def _same(html: str) -> str:
    return scrub(REFERENCE.sub("REF", html))


def _mails(app, to: str) -> dict[str, str]:
    found = {}
    for path in (Path(app.config["DATA_DIR"]) / "mail").rglob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if to in str(message["To"]):
            text = " ".join(p.get_content() for p in message.walk()
                            if p.get_content_maintype() == "text" and p.get_content_subtype() == "plain")
            found[str(message["Subject"])] = text
    return found


def _made_up_like(reference: str) -> str:
    """A reference of the same shape as ``reference`` that this service never made."""
    code, tail = reference.split("-")
    swapped = "".join("X" if c != "X" else "Y" for c in tail)
    return f"{code}-{swapped}"


def test_every_page_reads_the_same_for_our_reference_and_a_made_up_one(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    theirs = send_new(app, SECRET_CHILD_CARE)
    made_up = _made_up_like(theirs)
    walks = {}
    for reference in (theirs, made_up):
        answers = {**STAGE2, "earlier-complaint": {"earlier_reference": reference}}
        walks[reference] = _walk(app.test_client(), answers)
    ours, not_ours = walks[theirs], walks[made_up]
    assert [slug for slug, _ in ours] == [slug for slug, _ in not_ours]
    assert [slug for slug, _ in ours][-2:] == ["check", "confirmation"]
    for (slug, a), (_, b) in zip(ours, not_ours, strict=True):
        assert _same(a) == _same(b), f"{slug} reads differently for a reference of ours"
        for words in ("one this service made", "linked", "We know that reference", "Secret"):
            assert words not in a, (slug, words)
    confirmation = dict(ours)["confirmation"]
    assert f"We have sent it with the reference you gave, {theirs}." in confirmation
    # Nothing chosen for the person from what we recorded.
    assert "checked" not in dict(ours)["which-procedure"]
    # The requester's own email says the same too.
    emails = _mails(app, "lee@example.com")
    assert len(emails) == 2
    a, b = (_same(text) for text in emails.values())
    assert a == b
    assert "linked" not in a and "this service" not in a
    # The council is told which is ours.
    sent = [r["record"]["escalation"] for r in records(app)[1:]]
    assert [e["linked"] for e in sent] == [True, False]


MALLORY = {
    **STAGE2,
    "date-of-the-reply": {"reply_date": date_parts(TODAY - timedelta(days=3))},
    "your-name": {"name": "Mallory Stranger"},
    "about-the-child": {"child_name": "Someone Else", "child_age": "9", "child_dob": ["", "", ""]},
    "contact-details": {
        "email": "mallory@example.net", "phone": "", "address_line_1": "", "address_line_2": "",
        "address_town": "", "address_postcode": "",
    },
}


def _council_email(app, reference: str) -> tuple[str, str]:
    for subject, text in _mails(app, "complaints@").items():
        if reference in subject:
            return subject, text
    raise AssertionError(f"no council email for {reference}")


def test_the_council_is_told_what_differs_and_never_the_stored_values(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    theirs = send_new(app, SECRET_CHILD_CARE)
    made = records(app)[0]["record"]["submitted"]
    # Mallory types someone else's reference, with a reply "dated" before that complaint was made.
    before = {"reply_date": date_parts(TODAY - timedelta(days=40))}
    answers = {**MALLORY, "earlier-complaint": {"earlier_reference": theirs}, "date-of-the-reply": before}
    client = app.test_client()
    pages = _walk(client, answers)
    mine = records(app)[-1]
    esc = mine["record"]["escalation"]
    assert esc["earlier"]["differs"] == ["child_name", "email"]
    assert esc["reply_before_earlier"] is True
    _, text = _council_email(app, mine["reference"])
    assert f"{theirs} was made with this service on" in text
    assert "the child's name differs" in text
    assert "the email address differs" in text
    assert "escalation.earlier_differs" in text and "escalation.reply_before_earlier" in text
    assert f"is before {theirs} was made" in text
    for secret in ("Secret Child", "Secret Parent", "pat@example.com"):
        assert secret not in text
        for _, html in pages:
            assert secret not in html
    assert made  # the day it was made is the council's to see: in the email, never on the person's pages


def test_the_same_person_asking_again_matches(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    theirs = send_new(app, PARENT)
    first = records(app)[0]["record"]["answers"]
    same = {
        **STAGE2,
        "earlier-complaint": {"earlier_reference": theirs},
        "your-name": PARENT["your-name"],
        "about-the-child": PARENT["about-the-child"],
        "contact-details": PARENT["contact-details"],
        "date-of-the-reply": {"reply_date": date_parts(TODAY)},  # a reply the same day: not before it was made
    }
    _walk(app.test_client(), same)
    mine = records(app)[-1]
    esc = mine["record"]["escalation"]
    assert esc["earlier"]["differs"] == [], first
    assert esc["reply_before_earlier"] is False
    _, text = _council_email(app, mine["reference"])
    # What matched is named, and what could not be compared is said (walk G, G7/M5): the same person gave the
    # child's name and an email address both times, and no phone or address either time.
    assert esc["earlier"]["compared"] == ["child_name", "email"]
    flat = " ".join(text.split())
    assert "Compared with it, the same in both: the child's name and the email address." in flat
    assert ("Not compared (given in only one of them, or in neither): the phone number and the postal address."
            in flat)
    assert "escalation.earlier_differs" not in text and "escalation.reply_before_earlier" not in text


def test_a_stranger_who_copies_the_email_but_gives_their_own_phone_is_found_out(make_app):
    """Found by a fresh-eyes walk (D1): the same email, child and name, but the stranger's own phone."""
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    parent = {**PARENT, "contact-details": {**PARENT["contact-details"], "phone": "07700 900111"}}
    theirs = send_new(app, parent)
    copied = {
        **STAGE2,
        "earlier-complaint": {"earlier_reference": theirs[:4] + "\u200b" + theirs[4:]},
        "your-name": PARENT["your-name"],
        "about-the-child": PARENT["about-the-child"],
        "contact-details": {**PARENT["contact-details"], "phone": "+44 7700 900999"},
        "date-of-the-reply": {"reply_date": date_parts(TODAY)},
    }
    _walk(app.test_client(), copied)
    mine = records(app)[-1]
    assert mine["record"]["escalation"]["earlier"]["differs"] == ["phone"]
    _, text = _council_email(app, mine["reference"])
    assert "Compared with it: the phone number differs." in text
    assert "escalation.earlier_differs" in text and "no difference" not in text
    assert "07700 900111" not in text  # never the stored value
    # The same phone written another way is the same phone.
    again = {**copied, "contact-details": {**PARENT["contact-details"], "phone": "+44 (0)7700 900111"}}
    _walk(app.test_client(), again)
    assert records(app)[-1]["record"]["escalation"]["earlier"]["differs"] == []


def test_the_council_reads_that_the_earlier_complaints_person_was_not_told_and_they_get_nothing(make_app):
    """Brief item 7: nobody writes to the person who made the earlier complaint about a request that quotes its
    reference (it may come from someone else in the family); the council email says so, and how to check."""
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    theirs = send_new(app, PARENT)
    stranger = {**STAGE2, "earlier-complaint": {"earlier_reference": theirs},
                "contact-details": {**STAGE2["contact-details"], "email": "stranger@example.com"}}
    _walk(app.test_client(), stranger)
    mine = records(app)[-1]
    _, text = _council_email(app, mine["reference"])
    assert ("The person who made that complaint has not been told of this request: this service does not write "
            "to them about it, as it may come from someone else.") in text
    from email import message_from_bytes, policy
    from pathlib import Path

    mails = [message_from_bytes(p.read_bytes(), policy=policy.default)
             for p in (Path(app.config["DATA_DIR"]) / "mail").rglob("*.eml")]
    to_them = [m for m in mails if str(m["To"]) == PARENT["contact-details"]["email"]]
    assert {str(m["X-Complaint-Reference"]) for m in to_them} <= {theirs}  # only their own complaint's email
    assert not [m for m in mails if mine["reference"] in str(m["X-Complaint-Reference"])
                and PARENT["contact-details"]["email"] in str(m["To"])]


def test_a_request_with_a_postal_address_quoting_our_reference_sends_and_compares_the_address(make_app):
    """Found by a fresh-eyes walk (session 6): Nain, landline and address, followed her confirmation's link to ask
    for stage 2, and Send failed with a server error every time (the address is kept as lines, and comparing it
    with the earlier complaint's expected one string). Nothing reached the council."""
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    home = {"email": "", "phone": "020 8547 0000", "address_line_1": "1 High Street", "address_line_2": "",
            "address_town": "Kingston", "address_postcode": "KT1 1AA"}
    nain = {**PARENT, "contact-details": home, "how-to-contact-you": {"preferred": "post"}}
    theirs = send_new(app, nain)
    same = {**STAGE2, "earlier-complaint": {"earlier_reference": theirs}, "your-name": PARENT["your-name"],
            "about-the-child": PARENT["about-the-child"], "contact-details": home,
            "how-to-contact-you": {"preferred": "post"},
            "date-of-the-reply": {"reply_date": date_parts(TODAY)}}
    pages = _walk(app.test_client(), same)
    assert pages[-1][0] == "confirmation"
    attached = [json.loads(part.get_content())
                for path in (Path(app.config["DATA_DIR"]) / "mail").rglob("*.eml")
                for part in message_from_bytes(path.read_bytes(), policy=policy.default).iter_attachments()
                if part.get_content_type() == "application/json"]
    assert len(attached) == 2  # the complaint's and the request's, for the council's case system
    for data in attached:  # the address's lines, as docs/complaint-schema.json says
        assert data["answers"]["contact"]["address"] == ["1 High Street", "Kingston", "KT1 1AA"]
        assert schema_errors(data, complaint_schema()) == []
    assert records(app)[-1]["record"]["escalation"]["earlier"]["differs"] == []
    # The same address written another way is the same address; another address is found out.
    again = {**same, "contact-details": {**home, "address_line_1": "1  high street", "address_postcode": "kt11aa"}}
    _walk(app.test_client(), again)
    assert records(app)[-1]["record"]["escalation"]["earlier"]["differs"] == []
    moved = {**same, "contact-details": {**home, "address_line_1": "99 Other Road"}}
    _walk(app.test_client(), moved)
    mine = records(app)[-1]
    assert mine["record"]["escalation"]["earlier"]["differs"] == ["address"]
    _, text = _council_email(app, mine["reference"])
    assert "the postal address differs" in text
    assert "1 High Street" not in text.split("Compared with it")[1].split("\n")[0]
