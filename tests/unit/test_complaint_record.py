"""The typed complaint record: its JSON both ways, complaints stored by earlier versions, and the facts it
works out (the one place they are worked out)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from tests.delivery_fixtures import (
    complaint_schema,
    corporate,
    council_record,
    escalation_record,
    not_safe,
    prefers_phone,
    revised,
    schema_errors,
    stored_escalation_json,
    stored_json,
    without_advocacy,
    without_email,
)
from wizard.delivery import messages
from wizard.domain.complaint import SCHEMA_VERSION, Complaint, EarlierComplaint, Trusted
from wizard.domain.profiles import load_profile
from wizard.domain.routing import Answers, route


def through_json(record: Complaint) -> Complaint:
    return Complaint.from_json(json.loads(json.dumps(record.to_json())))


@pytest.mark.parametrize(
    "record",
    [
        council_record(),
        corporate(council_record()),
        not_safe(without_email(council_record())),
        revised(council_record(), who="child", child={"own": True, "surname": "Example", "where": "Hill School",
                                                        "date_of_birth": date(2011, 10, 20)}),
        revised(council_record(), who="advocate", child_needs={"safe_to_contact": False, "help": ["bsl"]},
                advocacy={"answer": None, "advocate": None}),
        revised(council_record(), danger_reported=True, provider_care="yes", provider_name="Acme Care"),
        revised(council_record(), who="child", child={"own": True}, contact={
            "email": None, "phone": None, "address": None, "preferred": None, "safe_to_contact": None,
            "leave_message": None, "through": "trusted",
            "trusted": Trusted(role="school", name="Ms Reed", phone=None, email="reed@school.example",
                               complaint_about_them="unsure")}),
        revised(council_record(), who="care_leaver", child={"own": True}, contact={
            "email": None, "phone": None, "address": None, "preferred": None, "through": "nobody"}),
    ],
    ids=["relative", "corporate", "no-email-not-safe", "child-themselves", "advocate", "danger-provider",
         "child-through-trusted", "care-leaver-no-way"],
)
def test_a_record_reads_back_as_it_was_written_and_matches_the_schema(record):
    assert through_json(record) == record
    data = record.to_json()
    assert data["schema_version"] == SCHEMA_VERSION
    assert schema_errors(messages.payload("EX-7HK3QP2M", record), complaint_schema()) == []


def test_a_complaint_stored_by_an_earlier_version_is_still_read():
    """The JSON of tests/fixtures/stored-complaint-1.0.json is a complaint stored before the record was typed:
    no ``schema_version``, no ``provider_name`` or ``child_needs``, no ``kind``, ``escalation`` or
    ``consent.child_knows``. It reads, and is written back with only those added."""
    old = stored_json()
    assert "schema_version" not in old and not {"provider_name", "child_needs"} & set(old["answers"])
    record = Complaint.from_json(old)
    again = record.to_json()
    assert again.pop("schema_version") == "1.0"
    assert again["answers"].pop("provider_name") is None and again["answers"].pop("child_needs") is None
    # Added since: what a complaint is (a new one) and whether a younger child knows about it (not asked then).
    assert again.pop("kind") == "new" and again.pop("escalation") is None
    assert again["answers"]["consent"].pop("child_knows") is None
    # And whether to reply in Welsh, worked out from the language the form was used in (English here).
    assert again.pop("reply_in_welsh") is (old["answers"]["contact"].get("language") == "cy")
    # And how to reach a child or care leaver with no way of their own (not asked then: nothing).
    assert again["answers"]["contact"].pop("through") is None and again["answers"]["contact"].pop("trusted") is None
    assert record.contact.through is None and record.told_by in ("write", "contact")
    assert again == old
    assert record.decision.flags == ("advocacy_requested", "sufficient_interest")
    assert [r.rule for r in record.decision.reasons] == ["own_right", "for_younger_child"]
    assert record.timeline is not None and record.timeline.get("stage1_response").due == date(2025, 3, 17)


def test_a_complaint_stored_before_rules_were_kept_reads_with_its_reasons():
    old = stored_json()
    del old["decision"]["rules"]
    record = Complaint.from_json(old)
    assert [r.text for r in record.decision.reasons] == old["decision"]["reasons"]
    assert {r.rule for r in record.decision.reasons} == {""}


@pytest.mark.parametrize(
    "data",
    [{}, {"council": "example"}, {**stored_json(), "schema_version": "9.0"}, {**stored_json(), "answers": None}],
    ids=["empty", "council-only", "unknown-version", "no-answers"],
)
def test_json_that_is_not_a_complaint_is_refused_with_a_value_error(data):
    with pytest.raises(ValueError):
        Complaint.from_json(data)


def test_records_are_frozen():
    record = council_record()
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.answers.contact.email = "eve@example.org"  # type: ignore[misc]


# --- the facts worked out from the record ---------------------------------------------------------------


def test_the_reply_address_is_used_only_when_given_plain_safe_and_chosen():
    assert council_record().reply_address == "sam@example.org"
    assert council_record().reply_address_safe
    assert without_email(council_record()).reply_address is None
    assert not_safe(council_record()).reply_address is None
    assert not_safe(council_record()).unused_address == "sam@example.org"
    assert prefers_phone(council_record()).reply_address is None
    assert prefers_phone(council_record()).unused_address == "sam@example.org"
    hostile = revised(council_record(), contact={"email": "sam@example.org\r\nBcc: x@evil.example"})
    assert hostile.reply_address is None and hostile.unused_address is None
    spaced = revised(council_record(), contact={"email": " sam@example.org "})
    assert spaced.reply_address == "sam@example.org"


def test_advocacy_requested_comes_from_the_answer_or_the_stored_flag():
    assert council_record().advocacy_requested
    assert not without_advocacy(council_record()).advocacy_requested
    unsure = revised(council_record(), advocacy={"answer": "unsure"})
    assert not unsure.advocacy_requested and "advocacy_requested" not in unsure.flags
    flagged_only = stored_json()
    flagged_only["answers"]["advocacy"] = None
    assert Complaint.from_json(flagged_only).advocacy_requested


def test_first_stage_dates_are_the_three_a_person_can_expect_in_order():
    dates = council_record().first_stage_dates
    assert [m.key for m in dates] == ["acknowledgement", "stage1_response", "stage1_response_extended"]
    assert dates[1].due == date(2025, 3, 17)
    no_procedure = dataclasses.replace(council_record(), timeline=None)
    assert no_procedure.first_stage_dates == () and no_procedure.milestones == ()


def test_the_council_decides_first_when_late_or_for_a_child_who_has_not_agreed():
    assert council_record().decide_first == ()
    late = revised(council_record(), complaint={"happened": date(2023, 1, 10)})
    assert late.decide_first == ("late",)
    without_agreement = revised(council_record(), consent={"child_agrees": "no", "continue_without_consent": True})
    assert without_agreement.decide_first == ("without_agreement",)
    younger = revised(council_record(), child={"age": 5})
    assert younger.decide_first == ("sufficient_interest",)


def test_danger_reported_comes_first_in_the_actions():
    record = revised(not_safe(council_record()), danger_reported=True)
    ids = [a.id for a in record.needs_action()]
    assert ids[0] == "danger_reported" and record.danger_reported
    # Safe contact before the flags (issue 12, item 7): what to act on before the first contact comes first.
    assert ids[1:] == ["contact.not_safe", "contact.no_message", "contact.help.large_print", "advocacy_requested"]
    assert [a.id for a in record.contact_actions()] == [
        "danger_reported", "contact.not_safe", "contact.no_message", "contact.help.large_print"]


def test_fixtures_carry_decisions_the_rules_make():
    """The delivery tests' records are routed by the domain, never given a decision by hand."""
    profile = load_profile("example")
    for record in (council_record(), corporate(council_record()), without_advocacy(council_record())):
        answers = record.answers
        again = route(
            Answers(who=answers.who, about=answers.about, child_age=answers.child.age,
                    child_agrees=answers.consent.child_agrees, happened=answers.complaint.happened,
                    submitted=record.submitted, advocacy_requested=answers.advocacy.requested),
            profile,
        )
        assert record.decision == again


# --- a request to take a complaint further (issue 12) ----------------------------------------------------


@pytest.mark.parametrize(
    "record",
    [
        escalation_record(),
        escalation_record(reply=date(2024, 12, 2), stated_procedure="unsure"),  # late, procedure to check
        escalation_record(reply_stage="stage2", earlier=EarlierComplaint("EX-7HK3QP2M", "statutory",
                                                                           date(2024, 11, 4))),
        escalation_record(stated_procedure="corporate"),
    ],
    ids=["in-time", "late-unsure", "review-panel-linked", "corporate-stage2"],
)
def test_an_escalation_reads_back_as_it_was_written_and_matches_the_schema(record):
    assert record.kind == "escalation" and record.escalation is not None
    assert through_json(record) == record
    data = messages.payload("EX-7HK3QP2M", record)
    assert data["kind"] == "escalation" and data["timeline"]["stage"] == record.escalation.next_stage
    assert schema_errors(data, complaint_schema()) == []


def test_a_new_complaint_is_of_kind_new_with_no_escalation():
    data = council_record().to_json()
    assert data["kind"] == "new" and data["escalation"] is None and "stage" not in data["timeline"]


def test_an_escalation_stored_before_the_record_was_typed_is_read_and_written_back_the_same():
    old = stored_escalation_json()
    assert "schema_version" not in old and "child_knows" not in old["answers"]["consent"]
    record = Complaint.from_json(old)
    assert record.kind == "escalation"
    further = record.escalation
    assert further.linked and further.earlier.reference == old["escalation"]["earlier"]["reference"]
    assert further.late and further.flags == ("late", "check_procedure")
    assert further.last_day == date.fromisoformat(old["escalation"]["decision"]["window"]["last_day"])
    assert further.still_unhappy_points == ("The visits did not restart.", "Nobody called me back.")
    assert record.late and record.decision.procedure == "statutory"
    again = record.to_json()
    assert again.pop("schema_version") == SCHEMA_VERSION
    assert again["answers"]["consent"].pop("child_knows") == old["answers"]["consent"].get("child_knows")
    # Added since (issue 12): whether the request was compared with the earlier complaint (not then: null) and
    # whether the reply given is dated before that complaint was made.
    assert again["escalation"]["earlier"].pop("differs") is None
    assert again["escalation"]["earlier"].pop("compared") is None  # added after it was stored
    assert again["escalation"].pop("reply_before_earlier") is further.reply_before_earlier
    # Added since (issue 12, session 9): the other requests on that reference (not looked up then: null), and
    # whether a review panel was asked for on the day that complaint was made.
    assert again["escalation"]["earlier"].pop("requests") is None
    assert again["escalation"].pop("asked_too_soon") is False
    # Added since (issue 14): whether to reply in Welsh, worked out from the language the form was used in.
    assert again.pop("reply_in_welsh") is (old["answers"]["contact"].get("language") == "cy")
    # Added since (issue 14, session 6): how to reach a child with no way of their own (not asked then: nothing).
    assert again["answers"]["contact"].pop("through") is None and again["answers"]["contact"].pop("trusted") is None
    assert again == old


def test_what_an_escalation_asks_the_council_to_decide_comes_after_danger_and_names_the_last_day():
    late = revised(escalation_record(reply=date(2024, 12, 2), stated_procedure="unsure"), danger_reported=True)
    actions = late.needs_action()
    # Danger, then how to reach the person safely (issue 12, item 7), then what the request asks the council.
    ids = [a.id for a in actions]
    contact = [i for i in ids if i.startswith("contact.")]
    assert ids[: 1 + len(contact) + 2] == ["danger_reported", *contact, "escalation.late", "escalation.check_procedure"]
    last_day = late.escalation.last_day
    said = actions[ids.index("escalation.late")].label
    assert f"the last day was {last_day.strftime('%A')} {last_day.day} {last_day.strftime('%B %Y')}" in said
    assert late.late and "late" not in late.decision.flags  # late by the request's own window
    assert not escalation_record().late and not escalation_record().escalation.flags


def test_an_escalation_is_decided_in_the_procedure_of_the_request():
    corporate_request = escalation_record(stated_procedure="corporate")
    assert corporate_request.decision.procedure == "corporate" == corporate_request.escalation.decision.procedure
    assert corporate_request.decision.outcome == "corporate"
    assert corporate_request.timeline.procedure == "corporate"
