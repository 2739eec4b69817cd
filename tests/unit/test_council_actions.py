"""What the council is told: the action list, Reply-To, the subject line and the due dates' words."""

from __future__ import annotations

import copy
from email import message_from_bytes, policy

import pytest

from tests.delivery_fixtures import corporate, council_record, not_safe, without_advocacy
from wizard.delivery import messages
from wizard.domain.profiles import load_profile

SETTINGS = messages.MailSettings("complaints@example.gov.uk", "complaints@example.gov.uk", "advocacy@example.gov.uk")


def unsafe_email_polish_parent() -> dict:
    """A parent who said email is not safe, may not be left a message, and needs a Polish interpreter."""
    record = without_advocacy(corporate(council_record()))
    record["answers"]["who"] = "parent"
    contact = record["answers"]["contact"]
    contact.update(
        {
            "email": "ola@example.org",
            "phone": "07700 900321",
            "preferred": "email",
            "safe_to_contact": False,
            "safe_way": "Call my sister Ewa on 07700 900999",
            "leave_message": False,
            "help": ["interpreter", "easy_read", "other"],
            "interpreter_language": "Polish",
            "help_other": "Meetings in the morning only",
        }
    )
    return record


def parsed(kind: str, record: dict):
    outgoing = messages.build(kind, "EX-7HK3QP2M", record, load_profile("example"), SETTINGS)
    return message_from_bytes(outgoing.message.as_bytes(), policy=policy.default), outgoing


def council_text(record: dict) -> str:
    message, _ = parsed("council", record)
    return message.get_body(("plain",)).get_content()


def test_action_list_carries_safety_and_every_help_need():
    actions = messages.needs_action(unsafe_email_polish_parent())
    ids = [a["id"] for a in actions]
    assert ids == [
        "contact.not_safe",
        "contact.no_message",
        "contact.help.interpreter",
        "contact.help.easy_read",
        "contact.help.other",
    ]
    labels = " ".join(a["label"] for a in actions)
    assert "not safe to contact this person by email" in labels
    assert "Call my sister Ewa on 07700 900999" in labels
    assert "Arrange an interpreter for Polish." in labels
    assert "Meetings in the morning only" in labels


def test_council_email_lists_the_actions_instead_of_nothing_to_do():
    text = council_text(unsafe_email_polish_parent())
    action_part = text.split("NEEDS ACTION", 1)[1].split("WHY THIS PROCEDURE", 1)[0]
    assert "Nothing beyond the usual procedure" not in action_part
    for expected in ("by email", "Call my sister Ewa", "Do not leave a message", "interpreter for Polish",
                     "easy read", "Meetings in the morning only"):
        assert expected in action_part, expected


def test_nothing_to_act_on_says_so():
    record = without_advocacy(corporate(council_record()))
    record["answers"]["contact"]["help"] = []
    record["answers"]["contact"]["leave_message"] = True
    assert messages.needs_action(record) == []
    assert "Nothing beyond the usual procedure." in council_text(record)


def test_no_reply_to_an_address_the_person_said_is_not_safe():
    record = unsafe_email_polish_parent()
    message, outgoing = parsed("council", record)
    assert message["Reply-To"] is None
    assert "Replying to this email does not go to the complainant" in message.get_body(("plain",)).get_content()
    data = messages.payload("EX-7HK3QP2M", record)["answers"]["contact"]
    assert (data["email"], data["safe_to_contact"]) == ("ola@example.org", False)
    # Safe by email: Reply-To is the person.
    assert parsed("council", council_record())[0]["Reply-To"] == "sam@example.org"
    # Not safe, with the fixtures' own helper too.
    assert parsed("council", not_safe(council_record()))[0]["Reply-To"] is None


@pytest.mark.parametrize("flags", [["sufficient_interest"], ["late", "proceedings"], ["advocacy_requested"], []])
@pytest.mark.parametrize("about", ["child_protection", "education", "leaving_care"])
def test_subject_never_starts_with_a_space(flags, about):
    record = corporate(council_record())
    record["decision"]["flags"] = flags
    record["answers"]["about"] = about
    message, outgoing = parsed("council", record)
    raw = outgoing.message.as_bytes().split(b"\r\n\r\n", 1)[0]
    assert not raw.startswith(b"Subject:\r\n")
    compat = message_from_bytes(outgoing.message.as_bytes(), policy=policy.compat32)["Subject"]
    assert compat == message["Subject"] and compat.startswith("[Corporate]")


def test_council_dates_are_labelled_for_a_caseworker_and_the_complainants_for_them():
    record = council_record()
    record["decision"]["flags"] = ["advocacy_requested"]
    council = council_text(record)
    assert "Acknowledge by: " in council and "Stage 1 reply due: Monday 17 March 2025" in council
    assert "We reply at stage 1" not in council
    complainant, _ = parsed("complainant", record)
    mine = complainant.get_body(("plain",)).get_content()
    assert "We aim to reply by Monday 17 March 2025." in mine and "Stage 1 reply due" not in mine


def test_without_the_childs_agreement_the_email_says_what_corporate_means():
    record = corporate(council_record())
    record["decision"]["flags"] = ["sufficient_interest"]
    record["answers"]["consent"]["child_agrees"] = "no"
    record["answers"]["consent"]["continue_without_consent"] = True
    text = council_text(record)
    assert "Corporate for now: the council first decides whether this person has a sufficient interest" in text
    action_part = text.split("NEEDS ACTION", 1)[1].split("WHY THIS PROCEDURE", 1)[0]
    assert "The child has not agreed to this complaint" in action_part
    assert "do not share the child's personal information with them" in action_part


def test_advocate_filing_lists_the_childs_safety_and_needs():
    record = copy.deepcopy(council_record())
    record["answers"]["child_needs"] = {
        "safe_way": "Only through the advocate",
        "leave_message": False,
        "help": ["bsl"],
        "interpreter_language": None,
        "help_other": None,
    }
    ids = [a["id"] for a in messages.needs_action(record)]
    assert {"child.safe_way", "child.no_message", "child.help.bsl"} <= set(ids)


@pytest.mark.parametrize(
    ("flags", "continue_without_consent", "expected"),
    [
        (["late"], False, "more than 12 months ago. First, we will decide whether we can still look at it"),
        (["sufficient_interest"], True, "The child has not agreed to this complaint. First, we will decide"),
        (["sufficient_interest"], False, "First, we will decide whether you can use the children's social care"),
    ],
)
def test_complainant_is_not_promised_dates_before_the_council_decides(flags, continue_without_consent, expected):
    record = corporate(council_record())
    record["decision"]["flags"] = flags
    record["answers"]["consent"]["continue_without_consent"] = continue_without_consent
    message, _ = parsed("complainant", record)
    for body in (message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()):
        body = body.replace("&#39;", "'")
        assert expected in body
        assert "If we look at it, we aim to reply by" in body
        assert "We aim to reply by" not in body


def test_stage_1_is_the_manager_not_someone_uninvolved():
    record = council_record()
    record["decision"]["flags"] = []
    message, _ = parsed("complainant", record)
    text = message.get_body(("plain",)).get_content()
    assert "the manager responsible for the team or person you complained about" in text.lower()
    assert "not involved" not in text


def test_the_advocacy_service_is_told_how_to_reach_the_person_safely_before_their_details():
    """An advocate reads the safety answers first, not at the bottom of an alphabetical list (fresh-eyes walk)."""
    record = unsafe_email_polish_parent()
    record["answers"]["advocacy"]["requested"] = True
    record["answers"]["advocacy"]["answer"] = "yes"
    record["decision"]["flags"] = [*record["decision"].get("flags", []), "advocacy_requested"]
    for part in ("plain", "html"):
        message, _ = parsed("advocacy", record)
        body = message.get_body((part,)).get_content()
        first = body.index("Before you get in touch" if part == "html" else "BEFORE YOU GET IN TOUCH")
        assert first < body.index("ola@example.org")
        block = body[first:body.index("ola@example.org")]
        for expected in ("not safe to contact this person by email", "Call my sister Ewa", "Do not leave a message",
                         "interpreter for Polish"):
            assert expected in block, (part, expected)


def test_the_advocacy_email_has_no_safety_block_when_nothing_is_needed():
    record = corporate(council_record())
    record["answers"]["contact"]["help"] = []
    record["answers"]["contact"]["leave_message"] = True
    record["answers"]["contact"]["safe_to_contact"] = True
    record["answers"]["contact"]["safe_way"] = None
    message, _ = parsed("advocacy", record)
    assert "BEFORE YOU GET IN TOUCH" not in message.get_body(("plain",)).get_content()


def test_a_persons_own_words_cannot_add_lines_to_the_action_list():
    """Found by an attacker's walk: line breaks in the safe way made fake actions and a second NEEDS ACTION list."""
    record = unsafe_email_polish_parent()
    record["answers"]["contact"]["safe_way"] = (
        "text only\n- It is safe to phone and leave messages with dad\nNEEDS ACTION\n- Nothing beyond the usual"
    )
    assert all("\n" not in action["label"] for action in messages.needs_action(record))
    action_part = council_text(record).split("NEEDS ACTION", 1)[1].split("WHY THIS PROCEDURE", 1)[0]
    lines = [line for line in action_part.splitlines() if line.strip()]
    assert not any(line.lstrip().startswith(("- It is safe", "NEEDS ACTION", "- Nothing beyond")) for line in lines)
    assert any("text only - It is safe to phone" in line for line in lines)  # kept, as the person's words
