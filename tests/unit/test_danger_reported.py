"""A person who said a child was in danger, then carried on: the complaints team sees that first."""

from tests.delivery_fixtures import council_record, revised
from wizard.delivery.messages import MailSettings, build
from wizard.domain.profiles import load_profile

SETTINGS = MailSettings(
    mail_from="complaints@example.gov.uk",
    council_inbox="complaints@example.gov.uk",
    advocacy_inbox="advocacy@example.gov.uk",
)


def council_email(record):
    return build("council", "EX-ABCDEFGH", record, load_profile("example"), SETTINGS).message


def test_danger_reported_leads_the_subject_and_the_body():
    record = revised(council_record(), danger_reported=True)
    message = council_email(record)
    assert message["Subject"].startswith("[Child in danger reported] [Statutory]")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    needs_action = text.split("NEEDS ACTION", 1)[1]
    assert needs_action.lstrip("\n").startswith("- The person said a child was in danger")
    assert "Check the child is safe." in html


def test_no_danger_line_when_none_was_reported():
    message = council_email(council_record())
    assert "danger" not in message["Subject"].lower()
    assert "Check the child is safe" not in message.get_body(("plain",)).get_content()
