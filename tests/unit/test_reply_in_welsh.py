"""A person who used the form in Welsh is answered in Welsh: the council's email says so first, with the safety
needs, its subject carries it, and the JSON copy has ``reply_in_welsh`` (issue 14, session 5)."""

from __future__ import annotations

import pytest

from tests.delivery_fixtures import complaint_schema, council_record, revised, schema_errors
from tests.unit.test_delivery import build, parsed
from wizard.delivery import messages
from wizard.domain.complaint import Complaint

SAID = "Reply in Welsh: the person filled in the form in Welsh (Cymraeg)."


def in_welsh() -> Complaint:
    return revised(council_record(), contact={"language": "cy"})


def test_the_council_email_says_reply_in_welsh_under_needs_action_and_in_its_subject():
    message = parsed(build("council", in_welsh()))
    assert "[Reply in Welsh]" in str(message["Subject"])
    for subtype in ("plain", "html"):
        text = " ".join(message.get_body((subtype,)).get_content().split())
        assert SAID in text, subtype
        needs = text.upper().index("NEEDS ACTION") if subtype == "plain" else text.index("Needs action")
        assert text.index(SAID) > needs
    # The advocacy service is told too: it gets in touch with the person.
    assert "contact.reply_in_welsh" in [a.id for a in in_welsh().contact_actions()]


@pytest.mark.parametrize("language", ["en", None])
def test_an_english_or_unknown_language_says_nothing_of_welsh(language):
    record = revised(council_record(), contact={"language": language})
    message = parsed(build("council", record))
    assert "Reply in Welsh" not in str(message["Subject"])
    assert "Reply in Welsh" not in message.get_body(("plain",)).get_content()
    assert messages.payload("EX-7HK3QP2M", record)["reply_in_welsh"] is False


def test_the_json_copy_says_reply_in_welsh_matches_the_schema_and_older_copies_still_read():
    data = messages.payload("EX-7HK3QP2M", in_welsh())
    assert data["reply_in_welsh"] is True
    assert data["answers"]["contact"]["language"] == "cy"
    assert schema_errors(data, complaint_schema()) == []
    broken = dict(data, reply_in_welsh="yes")
    assert schema_errors(broken, complaint_schema())  # the schema knows its type
    older = {k: v for k, v in in_welsh().to_json().items() if k != "reply_in_welsh"}
    assert schema_errors(dict(older, reference="EX-7HK3QP2M"), complaint_schema()) == []
    read = Complaint.from_json(older)
    assert read.reply_in_welsh is True  # worked out from the language the form was used in
