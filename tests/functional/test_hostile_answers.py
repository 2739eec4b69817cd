"""Answers an attacker (or a broken keyboard) would send: addresses that cannot go into a mail header, text that
is not text, drafts made to fill the disk, and a full or read-only disk at Send.

Real aiosmtpd, real SQLite files (made read-only with ``chattr +i``), the real forms.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, StringField

from tests.delivery_fixtures import council_record, revised
from tests.journey_answers import PARENT, answer_until_check, slug_of, text_of
from wizard import db
from wizard.delivery import messages
from wizard.domain.profiles import load_profile
from wizard.journey import drafts
from wizard.journey import forms as f
from wizard.journey.steps import STEPS

HOSTILE = "=?utf-8?q?x?=@example.com"
# Bidi embeddings, overrides, isolates and marks; zero-width and other invisible format characters.
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def not_text(value: str) -> list[str]:
    """The characters in ``value`` that are not text (line breaks and tabs of a body are allowed)."""
    return [
        f"U+{ord(c):04X}"
        for c in value
        if c not in "\n\r\t" and (unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") or c in BIDI)
    ]


def walk_to(client, answers, target: str):
    """Answer each page until ``target``'s page is reached; return its URL."""
    response = client.get("/complaint/")
    for _ in range(40):
        assert response.status_code == 302, response.status_code
        slug = slug_of(response.location)
        if slug == target:
            return response.location
        assert slug != "check", f"never reached {target}"
        response = client.post(response.location, data=answers.get(slug, {"carry_on": "yes"}))
    raise AssertionError(f"never reached {target}")


def draft_rows(app) -> list[dict]:
    connection = db.connect(app.config)
    try:
        # The answers as stored, without what the walk found of them (``drafts.KNOWN``: a shortcut kept beside
        # them, derived from them; its size still counts in ``draft_sizes``).
        rows = [json.loads(row[0]) for row in connection.execute("SELECT answers FROM drafts")]
        return [{key: value for key, value in row.items() if key != drafts.KNOWN} for row in rows]
    finally:
        connection.close()


def refused(client, url: str, data: dict):
    """Post answers the page refuses: 303 back to it, and the page its GET shows (the answers and errors once)."""
    response = client.post(url, data=data)
    assert response.status_code == 303, response.status_code
    assert response.location.split("?")[0] == url.split("?")[0]
    return client.get(response.location)


def draft_sizes(app) -> list[int]:
    connection = db.connect(app.config)
    try:
        return [row[0] for row in connection.execute("SELECT length(CAST(answers AS BLOB)) FROM drafts")]
    finally:
        connection.close()


ADVOCATE = {
    **PARENT,
    "who-are-you": {"who": "advocate"},
    "advocate-details": {
        "organisation": "Voices", "role": "Advocate", "direct_phone": "01632 960 002",
        "working_hours": "Mon to Thu", "advocate_email": "ada@example.org",
    },
}


# ---------------------------------------------------------------------------------------------------------
# Defect 2: an address that cannot go into a header


@pytest.mark.parametrize("address", [HOSTILE, "a..b@example.com", "x?=@example.com", "josé@example.com"])
def test_the_contact_form_refuses_an_address_the_emails_could_not_carry(client, address):
    url = walk_to(client, PARENT, "contact-details")
    data = {**PARENT["contact-details"], "email": address, "phone": "07700 900 982"}
    page = refused(client, url, data)
    assert page.status_code == 200
    text = text_of(page)
    assert "There is a problem" in text
    assert "Enter an email address" in text
    assert 'value="07700 900 982"' in page.get_data(as_text=True)  # the other answers are kept
    # The refused address waited in the draft only until that page was shown; it is in no answer.
    assert all(address not in json.dumps(row, ensure_ascii=False) for row in draft_rows(client.application))


def test_the_advocate_form_refuses_an_address_the_emails_could_not_carry(client):
    url = walk_to(client, ADVOCATE, "advocate-details")
    page = refused(client, url, {**ADVOCATE["advocate-details"], "advocate_email": HOSTILE})
    assert page.status_code == 200
    assert "Enter an email address in the correct format" in text_of(page)
    assert 'value="Voices"' in page.get_data(as_text=True)


addresses = st.one_of(
    st.emails(),
    st.builds(
        lambda local, domain: f"{local}@{domain}",
        st.text(alphabet=st.sampled_from(list("ab.=?_-+'!#$%&*/^`{|}~\"()<>,;: \\é\u202e")), min_size=1, max_size=20),
        st.sampled_from(["example.com", "ex-ample.co.uk", "a..b", "-x.org", "x.org.", "localhost"]),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(address=addresses)
def test_whatever_address_the_form_accepts_the_emails_can_be_built(app, address):
    """The one check: an address the contact form accepts always makes a council email with it as Reply-To and
    a complainant email to it."""
    with app.test_request_context():
        form = f.ContactDetailsForm(formdata=MultiDict({"email": address}), meta={"csrf": False})
        accepted = form.validate() and not form.email.errors
    if not accepted:
        return
    record = revised(council_record(), contact={"email": form.email.data})
    settings_ = messages.MailSettings("complaints@example.gov.uk", "complaints@example.gov.uk", None)
    profile = load_profile("example")
    council = messages.build("council", "EX-TEST", record, profile, settings_)
    complainant = messages.build("complainant", "EX-TEST", record, profile, settings_)
    assert council.message["Reply-To"] == form.email.data
    assert complainant.recipients == (form.email.data,)


# ---------------------------------------------------------------------------------------------------------
# Defect 9: text that is not text

INVISIBLE = {
    "nul": "\x00\x00\x00",
    "zero-width": "\u200b\u200c\u200d\u2060\ufeff",
    "bidi": "\u202e\u202d\u2066\u2069\u200f",
    "controls": "\x01\x07\x1b\x7f",
    "hangul filler": "\u3164\u3164",
}


def text_fields():
    """Every text field of every step (found from the forms, so a new question is covered too)."""
    found = set()
    for step in STEPS:
        for name in dir(step.form):
            field = getattr(step.form, name)
            field_class = getattr(field, "field_class", None)
            if field_class and issubclass(field_class, StringField) and not issubclass(field_class, HiddenField):
                found.add((step.name, step.form, name))
    return sorted(found, key=lambda item: (item[0], item[2]))


TEXT_FIELDS = text_fields()


def test_the_forms_have_the_text_fields_this_test_expects():
    names = {name for _, _, name in TEXT_FIELDS}
    for expected in ("name", "child_name", "what_happened", "safe_way", "child_contact", "confirm_name",
                     "organisation", "late_reason", "help_other", "address_line_1", "email", "advocate_email"):
        assert expected in names


@pytest.mark.parametrize(("step", "form_class", "field"), TEXT_FIELDS, ids=[f"{s}.{n}" for s, _, n in TEXT_FIELDS])
@pytest.mark.parametrize("kind", sorted(INVISIBLE))
def test_an_answer_with_nothing_visible_is_no_answer(app, step, form_class, field, kind):
    with app.test_request_context():
        form = form_class(formdata=MultiDict({field: INVISIBLE[kind]}), meta={"csrf": False})
        assert form[field].data == ""
        required = any(type(v).__name__ in ("DataRequired", "InputRequired") for v in form[field].validators)
        form.validate()
        if required:
            assert form[field].errors, f"{step}.{field} accepted {kind} characters as an answer"


@pytest.mark.parametrize(("step", "form_class", "field"), TEXT_FIELDS, ids=[f"{s}.{n}" for s, _, n in TEXT_FIELDS])
def test_every_text_answer_is_cleaned(app, step, form_class, field):
    typed = "Sa\u0301m\u202e\u0000 Smi\u200bth\u2066\x07"
    with app.test_request_context():
        form = form_class(formdata=MultiDict({field: typed}), meta={"csrf": False})
        assert form[field].data == "S\u00e1m Smith"  # NFC, and nothing that is not text


def test_long_answers_keep_their_line_breaks_and_short_ones_do_not(app):
    with app.test_request_context():
        long = f.ComplaintForm(formdata=MultiDict({"what_happened": "One\r\ntwo\u2028three\x00"}), meta={"csrf": False})
        assert long.what_happened.data == "One\ntwo\nthree"
        short = f.NameForm(formdata=MultiDict({"name": "Pat\nJones"}), meta={"csrf": False})
        assert short.name.data == "Pat Jones"
        # Joiners stay where a script or an emoji needs them, nowhere else.
        emoji = f.ComplaintForm(formdata=MultiDict({"what_happened": "\u200dfamily \U0001F468\u200d\U0001F469"}),
                                meta={"csrf": False})
        assert emoji.what_happened.data == "family \U0001F468\u200d\U0001F469"


def test_a_name_of_right_to_left_overrides_is_refused_on_the_page(client):
    url = walk_to(client, PARENT, "your-name")
    page = refused(client, url, {"name": "\u202e\u202e"})
    assert page.status_code == 200
    assert "Enter your name" in text_of(page)


HOSTILE_TEXT = {
    **PARENT,
    "about-the-child": {"child_name": "Sam\u202e Smith\x00", "child_age": "9", "child_dob": ["", "", ""]},
    "your-complaint": {
        "what_happened": "The visits\u200b stopped.\r\nThen\u2066 nothing\x1b[31m.",
        "who_involved": "Team\u202d A",
        "put_right": "Restart\ufeff them\x07.",
    },
    "your-name": {"name": "\u202ePat Jones\u200f"},
    "contact-details": {
        "email": "pat@example.com", "phone": "", "address_line_1": "1 High\x00 Street", "address_line_2": "",
        "address_town": "Town\u2067", "address_postcode": "AB1 2CD",
    },
    "contacting-you-safely": {"safe": "yes", "leave_message": "no", "safe_way": ""},
    "help-to-take-part": {"help": ["interpreter", "other"], "interpreter_language": "Polish\u202d",
                          "help_other": "Large\u200b print"},
    "child-confirms": {"confirm_name": "Sam\u202e"},
}


def test_the_emails_and_json_carry_no_control_or_bidi_characters(make_app, smtp_server):
    app = make_app(WTF_CSRF_ENABLED=False, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5,
                   OUTBOX_SEND_IN_THREAD=False)
    client = app.test_client()
    answer_until_check(client, HOSTILE_TEXT)
    assert client.post("/complaint/send").status_code == 302
    client.get("/complaint/sent").close()
    assert {m["X-Complaint-Message"] for m in smtp_server.messages} >= {"council", "complainant"}
    council = next(m for m in smtp_server.messages if m["X-Complaint-Message"] == "council")
    plain = council.get_body(("plain",)).get_content()
    for message in smtp_server.messages:
        for part in message.walk():
            if part.get_content_maintype() == "multipart":
                continue
            content = part.get_content()
            content = content.decode() if isinstance(content, bytes) else content
            assert not_text(content) == [], (message["X-Complaint-Message"], part.get_content_type())
        for header, value in message.items():
            assert not_text(str(value)) == [], header
    data = json.loads(next(council.iter_attachments()).get_content())
    assert not_text(json.dumps(data, ensure_ascii=False)) == []
    assert data["answers"]["contact"]["name"] == "Pat Jones"
    assert data["answers"]["child"]["name"] == "Sam Smith"
    assert data["answers"]["complaint"]["what_happened"] == "The visits stopped.\nThen nothing[31m."
    assert "Large print" in plain and "Polish" in plain


# ---------------------------------------------------------------------------------------------------------
# Defect 10: drafts that fill the disk


def test_looking_at_the_start_makes_no_draft_the_first_answer_does(client):
    app = client.application
    for _ in range(5):
        fresh = app.test_client()
        response = fresh.get("/complaint/", follow_redirects=True)
        assert response.status_code == 200 and "Is a child in danger right now?" in text_of(response)
        assert fresh.get("/complaint/keep-alive").status_code == 200  # the timeout dialog's button
    assert draft_rows(app) == []
    client.get("/complaint/")
    response = client.post("/complaint/child-in-danger", data={"danger": "yes"})
    assert response.status_code == 200 or response.status_code == 302
    assert draft_rows(app) == [{"danger": {"danger": ["yes"]}}]
    # A wrong answer keeps no draft either: it is carried to its page (303, then GET) to be shown, then deleted.
    other = app.test_client()
    refused(other, "/complaint/child-in-danger", {"danger": "perhaps"})
    assert len(draft_rows(app)) == 1


BIG = "x" * 200_000


def test_unchecked_fields_are_length_checked(client):
    app = client.application
    url = walk_to(client, PARENT, "contacting-you-safely")
    page = refused(client, url, {"safe": "no", "leave_message": "yes", "safe_way": BIG})
    assert page.status_code == 200
    assert "How we can contact you safely must be 500 characters or fewer" in text_of(page)
    # What someone types about their safety is kept whatever they answered (fresh-eyes G2, session 7), so it is
    # length-checked then too (this assertion changed: it was "neither checked nor kept" after "Yes").
    page = refused(client, url, {"safe": "yes", "leave_message": "yes", "safe_way": BIG})
    assert "How we can contact you safely must be 500 characters or fewer" in text_of(page)
    assert client.post(url, data={"safe": "yes", "leave_message": "yes", "safe_way": ""}).status_code == 302
    assert max(draft_sizes(app)) < 5_000
    relative = {**PARENT, "who-are-you": {"who": "relative"},
                "about-the-child": {"child_name": "Sam Smith", "child_age": "14", "child_dob": ["", "", ""]}}
    client = app.test_client()
    url = walk_to(client, relative, "how-the-child-will-confirm")
    page = refused(client, url, {"confirm_method": "council_contacts", "child_contact": BIG})
    assert page.status_code == 200
    assert "How to contact the child must be 500 characters or fewer" in text_of(page)
    assert client.post(url, data={"confirm_method": "child_types", "child_contact": BIG}).status_code == 302
    assert max(draft_sizes(app)) < 5_000


def test_the_hidden_carry_on_field_keeps_no_more_than_yes(client):
    app = client.application
    client.get("/complaint/")
    client.post("/complaint/child-in-danger", data={"danger": "yes"})
    response = refused(client, "/complaint/get-help-now", {"carry_on": BIG})
    assert response.status_code == 200  # refused, shown again
    client.post("/complaint/get-help-now", data={"carry_on": "yes"})
    (row,) = draft_rows(app)
    assert row["emergency"] == {"carry_on": ["yes"]}


def test_repeated_and_unknown_fields_are_not_stored(client):
    app = client.application
    url = walk_to(client, PARENT, "help-to-take-part")
    data = MultiDict([("help", "none")] * 12_000 + [("interpreter_language", "Polish")] * 2_000
                     + [("smuggled", "x" * 1000)] * 10)
    response = client.post(url, data=data)
    assert response.status_code == 302
    (row,) = draft_rows(app)
    # The interpreter's language answers a choice not made ("none"): it is not kept.
    assert row["help"] == {"help": ["none"], "interpreter_language": [""], "help_other": []}
    client.post("/complaint/your-name", data=MultiDict([("name", "Pat Jones")] * 15_000))
    (row,) = draft_rows(app)
    assert row["name"] == {"name": ["Pat Jones"]}
    assert max(draft_sizes(app)) < 5_000


def test_checkbox_choices_are_kept_at_most_once_each(app):
    with app.test_request_context():
        values = ["interpreter", "other", "interpreter"] * 1000 + ["nonsense"]
        form = f.HelpForm(formdata=MultiDict([("help", v) for v in values] + [("interpreter_language", "Polish"),
                                                                              ("help_other", "Large print")]),
                          meta={"csrf": False})
        assert form.validate_step() is False  # "nonsense" is not a choice
        form = f.HelpForm(formdata=MultiDict([("help", v) for v in values[:-1]] + [("interpreter_language", "Polish"),
                                                                                   ("help_other", "Large print")]),
                          meta={"csrf": False})
        assert form.validate_step()
        assert form.to_keep()["help"] == ["interpreter", "other"]


def test_a_draft_has_a_size_limit(app):
    connection = db.connect(app.config)
    try:
        draft = drafts.create(connection, 60)
        drafts.save_step(connection, draft.id, "a", {"x": ["y" * 1000]}, 60)
        with pytest.raises(drafts.DraftTooLarge):
            drafts.save_step(connection, draft.id, "b", {"x": ["y" * drafts.MAX_CHARS]}, 60)
        assert drafts.load(connection, draft.id, 60).steps == {"a": {"x": ["y" * 1000]}}
    finally:
        connection.close()


# ---------------------------------------------------------------------------------------------------------
# Defect 11: a full or read-only disk at Send


def assert_not_sent_page(response, app):
    assert response.status_code == 503
    text = text_of(response)
    assert "Your complaint has not been sent" in text
    assert "It has not been sent to the council" in text
    assert "Your answers are kept" in text
    assert "Try again in a few minutes" in text
    phone = load_profile("example").phone
    html = response.get_data(as_text=True)
    assert f'href="tel:{phone.replace(" ", "")}"' in html and phone in text
    assert "Sorry, there is a problem with the service" not in text


@pytest.fixture
def read_only(tmp_path):
    """Make a file read-only even for root (``chattr +i``), and undo it afterwards."""
    made = []

    def freeze(path: Path):
        subprocess.run(["chattr", "+i", str(path)], check=True)
        made.append(path)

    yield freeze
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_a_read_only_database_at_send_says_not_sent_and_keeps_the_answers(app, client, read_only):
    answer_until_check(client)
    database = db.database_path(app.config["DATA_DIR"])
    connection = db.connect(app.config)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    read_only(database)
    db.dispose_all()  # chattr stops new opens for writing; a disk that turns read-only also fails open ones
    response = client.post("/complaint/send")
    assert_not_sent_page(response, app)
    subprocess.run(["chattr", "-i", str(database)], check=True)
    # The disk is back: the same answers are sent.
    response = client.post("/complaint/send")
    assert response.status_code == 302 and response.location.endswith("/complaint/sent")
    connection = db.connect(app.config)
    try:
        assert connection.execute("SELECT count(*) FROM complaints").fetchone()[0] == 1
    finally:
        connection.close()


def test_a_full_disk_at_send_says_not_sent_and_keeps_the_answers(app, client, monkeypatch):
    answer_until_check(client)
    real_connect = db.connect

    def full(data_dir):
        # SQLite's own limit on the file's size, set to what it holds now: the next page it needs fails with
        # "database or disk is full", as a full disk does.
        connection = real_connect(data_dir)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    monkeypatch.setattr(db, "connect", full)
    response = client.post("/complaint/send")
    assert_not_sent_page(response, app)
    monkeypatch.setattr(db, "connect", real_connect)
    assert client.get("/complaint/check").status_code == 200  # the answers are still there
    response = client.post("/complaint/send")
    assert response.status_code == 302 and response.location.endswith("/complaint/sent")


def test_a_read_only_database_on_a_question_is_a_plain_page_not_a_500(app, client, read_only):
    walk_to(client, PARENT, "your-name")
    connection = db.connect(app.config)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    read_only(db.database_path(app.config["DATA_DIR"]))
    db.dispose_all()  # chattr stops new opens for writing; a disk that turns read-only also fails open ones
    response = client.post("/complaint/your-name", data={"name": "Pat"})
    assert response.status_code == 503
    text = text_of(response)
    assert "Sorry, we could not save your answer" in text and "tel:" in response.get_data(as_text=True)
    with pytest.raises(sqlite3.OperationalError):
        writable = sqlite3.connect(db.database_path(app.config["DATA_DIR"]))
        writable.execute("CREATE TABLE t (x)")
    assert re.search("Pat", text) is None


def test_every_text_field_of_every_step_has_a_length_limit(app):
    """Including hidden fields and follow-up questions that are only checked for some answers."""
    from wtforms.validators import Length

    with app.test_request_context():
        for step in STEPS:
            form = step.form(meta={"csrf": False})
            for name, field in form._fields.items():
                if name == "csrf_token" or not isinstance(field, StringField):
                    continue
                limits = [v.max for v in field.validators if isinstance(v, Length) and v.max and v.max > 0]
                assert limits and max(limits) <= f.STORED_VALUE_MAX, f"{step.name}.{name} has no length limit"
