"""The right questions for each person, and what the council is told, in Chromium against a real server and a
real SMTP server (aiosmtpd): a parent who is not safe by email and needs an interpreter, a child who says who
they are, a kinship carer, an advocate's shorter journey, the provider's name, and late and no-agreement
confirmations. The emails are read as the caseworker and the complainant read them.

Set SHOTS_DIR to keep full-page screenshots of the pages these journeys meet.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.browser.test_submission_browser import fill_page, reference_shown, wait_for_messages
from tests.delivery_fixtures import complaint_schema, schema_errors
from tests.journey_answers import PARENT, TODAY, date_parts

SHOTS = os.environ.get("SHOTS_DIR")


@pytest.fixture
def server(make_live_server, smtp_server):
    return make_live_server(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def slug(page) -> str:
    return page.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]


def walk(page, base: str, answers: dict, name: str, stop: str = "check") -> list[str]:
    """Answer every page until ``stop``; a screenshot of each page, filled in, when SHOTS_DIR is set."""
    page.goto(f"{base}/complaint/")
    seen = []
    for _ in range(40):
        here = slug(page)
        if here == stop:
            shot(page, f"{name}-{len(seen):02d}-{here}")
            return seen
        seen.append(here)
        fill_page(page, answers.get(here, {"carry_on": "yes"}))
        shot(page, f"{name}-{len(seen):02d}-{here}")
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_load_state()
    raise AssertionError(f"never reached {stop}: {seen}")


def send(page, name: str) -> str:
    page.get_by_role("button", name="Send complaint").click()
    reference = reference_shown(page)
    shot(page, f"{name}-confirmation")
    return reference


def mail(smtp_server, kind: str):
    found = [m for m in smtp_server.messages if m["X-Complaint-Message"] == kind]
    assert len(found) == 1, f"{len(found)} {kind} emails"
    return found[0]


def plain(message) -> str:
    return message.get_body(("plain",)).get_content()


def html_text(message) -> str:
    html = message.get_body(("html",)).get_content()
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").replace("&amp;", "&").split())


def section(text: str, title: str, following: str) -> str:
    return text.split(title, 1)[1].split(following, 1)[0]


def attachment(message) -> dict:
    """The JSON copy, checked against docs/complaint-schema.json."""
    (part,) = list(message.iter_attachments())
    data = json.loads(part.get_content())
    assert schema_errors(data, complaint_schema()) == []
    return data


def keep(message, name: str) -> None:
    """Keep the email as text next to the screenshots, to read it as its reader would."""
    if SHOTS:
        (Path(SHOTS) / f"{name}.txt").write_text(
            f"Subject: {message['Subject']}\nTo: {message['To']}\nReply-To: {message.get('Reply-To')}\n\n"
            + plain(message)
        )


def answers_with(**pages) -> dict:
    answers = dict(PARENT)
    for key, value in pages.items():
        answers[key.replace("_", "-")] = value
    return answers


# ---------------------------------------------------------------------------------------------------------


def test_a_parent_not_safe_by_email_who_needs_a_polish_interpreter(server, smtp_server, page, axe):
    answers = answers_with(
        contact_details={"email": "ola@example.org", "phone": "07700 900321"},
        contacting_you_safely={"safe": "no", "safe_way": "Call my sister Ewa on 07700 900999", "leave_message": "no"},
        help_to_take_part={"help": ["interpreter", "large_print"], "interpreter_language": "Polish"},
    )
    walk(page, server.url, answers, "unsafe-parent")
    reference = send(page, "unsafe-parent")
    axe(page, "confirmation")
    # Email is not safe: no copy goes to the person; only the council's email is sent.
    wait_for_messages(smtp_server, 1)
    assert [m["X-Complaint-Message"] for m in smtp_server.messages] == ["council"]
    council = mail(smtp_server, "council")
    keep(council, "unsafe-parent-council-email")
    assert council["Reply-To"] is None
    # Not safe by email: the subject is tagged to read first (fresh-eyes Y1, session 6), like the danger tag.
    assert council["Subject"] == f"[Contact safely: read first] [Statutory] Complaint {reference}: A child in care"
    for text in (plain(council), html_text(council)):
        actions = section(text, "NEEDS ACTION" if "NEEDS ACTION" in text else "Needs action", "Why this procedure"
                          if "Why this procedure" in text else "WHY THIS PROCEDURE")
        assert "Nothing beyond the usual procedure" not in actions
        assert "It is not safe to contact this person by email." in actions
        assert "Call my sister Ewa on 07700 900999" in actions
        assert "Do not leave a message" in actions
        assert "Arrange an interpreter for Polish." in actions
        assert "Write letters in large print." in actions
        assert "Replying to this email does not go to the complainant" in text
        assert "Acknowledge by" in text and "Stage 1 reply due" in text
    data = attachment(council)["answers"]["contact"]
    assert data["email"] == "ola@example.org" and data["safe_to_contact"] is False
    assert data["interpreter_language"] == "Polish"


def test_a_child_says_who_they_are_and_a_wrong_age_is_questioned(server, smtp_server, page, axe):
    born = TODAY.replace(year=TODAY.year - 14, day=1) - timedelta(days=20)  # 14 years old today
    answers = answers_with(
        who_are_you={"who": "child"},
        feeling_safe={"feels_safe": "yes"},
        advocate={"advocacy": "yes"},
        your_name={"name": "Jade"},
        about_you={"child_age": "9", "child_dob": date_parts(born), "surname": "Okafor",
                   "social_worker": "Priya Shah", "where": "Oak House children's home, Kingsford"},
        contact_details={"phone": "07700 900111"},
        how_to_contact_you={"preferred": "phone"},
    )
    seen = walk(page, server.url, answers, "child", stop="about-you")
    assert "about-the-child" not in seen
    # The page asks in the young person's words; a first name alone was fine on the page before.
    main = page.locator("main").inner_text()
    assert "Help us find your records" in main and "How old are you?" in main
    fill_page(page, answers["about-you"])
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    error = page.locator(".govuk-error-summary").inner_text()
    assert "You said you are 9" in error and born.strftime("%B") in error and "makes you 14" in error
    shot(page, "child-about-you-error")
    axe(page, "about-you with an age that does not match")
    page.locator("#child_age").fill("14")
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_load_state()
    for _ in range(10):
        if slug(page) == "check":
            break
        fill_page(page, answers.get(slug(page), {"carry_on": "yes"}))
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_load_state()
    shot(page, "child-check")
    check = page.locator("main").inner_text()
    assert "Priya Shah" in check and "Okafor" in check and "14" in check
    send(page, "child")
    wait_for_messages(smtp_server, 2)  # council and advocacy (no email address: no complainant copy)
    council, advocacy = mail(smtp_server, "council"), mail(smtp_server, "advocacy")
    keep(council, "child-council-email")
    keep(advocacy, "child-advocacy-email")
    child = attachment(council)["answers"]["child"]
    assert child == {
        "name": "Jade Okafor", "age": 14, "date_of_birth": born.isoformat(), "surname": "Okafor",
        "social_worker": "Priya Shah", "where": "Oak House children's home, Kingsford",
        "feels_safe": "yes",  # a child's own answer since session 9 (walks O and P)
    }
    text = plain(advocacy)
    assert "Social worker or personal adviser: Priya Shah" in text
    assert "Oak House children's home" in text and "07700 900111" in text


def test_a_kinship_carer_is_asked_the_right_questions(server, smtp_server, page, axe):
    answers = answers_with(
        who_are_you={"who": "kinship_carer"},
        about_the_child={"child_name": "Leo Brown", "child_age": "13", "child_dob": ["", "", ""]},
    )
    page.goto(f"{server.url}/complaint/")
    for answer in ({"danger": "no"}, {"kind": "new"}):
        fill_page(page, answer)
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_load_state()
    who = page.locator("main").inner_text()
    assert "I look after the child as a family and friends carer or kinship carer" in who
    assert "connected persons" in who and "This includes special guardians" in who
    shot(page, "kinship-who-are-you")
    axe(page, "who are you")
    seen = walk(page, server.url, answers, "kinship")
    assert "does-the-child-agree" not in seen and "the-childs-agreement" not in seen
    assert page.locator("[data-outcome]").get_attribute("data-procedure") == "statutory"
    assert "without the child's agreement" in page.locator("main").inner_text()
    send(page, "kinship")
    wait_for_messages(smtp_server, 2)
    council = mail(smtp_server, "council")
    keep(council, "kinship-council-email")
    text = plain(council)
    assert "A family and friends carer or kinship carer who looks after the child (kinship_carer)" in text
    assert "rule: provides_care" in text
    assert attachment(council)["decision"]["rules"][0] == "provides_care"


def test_an_advocate_gives_their_details_once_and_is_asked_about_the_child(server, smtp_server, page, axe):
    answers = answers_with(
        who_are_you={"who": "advocate"},
        about_the_child={"child_name": "Kim Lee", "child_age": "14", "child_dob": ["", "", ""]},
        does_the_child_agree={"child_agrees": "yes"},
        how_the_child_will_confirm={"confirm_method": "child_types"},
        child_confirms={"confirm_name": "Kim"},
        advocate_details={"advocate_name": "Robin Reed", "organisation": "Voices for Children",
                          "role": "Independent advocate", "direct_phone": "01632 960123",
                          "working_hours": "Monday to Thursday, 9am to 3pm",
                          "advocate_email": "robin@voices.example.org"},
        contacting_the_child_safely={"child_safe": "no", "child_safe_way": "Only through me, never at the placement",
                                     "child_leave_message": "no"},
        help_for_the_child={"help": ["interpreter"], "interpreter_language": "Arabic"},
    )
    seen = walk(page, server.url, answers, "advocate")
    for asked_of_citizens in ("your-name", "contact-details", "how-to-contact-you", "contacting-you-safely",
                              "help-to-take-part"):
        assert asked_of_citizens not in seen
    assert "contacting-the-child-safely" in seen and "help-for-the-child" in seen
    assert len(seen) <= 16, seen  # was 21; 15 before the "new complaint or a reply" question (issue 12)
    check = page.locator("main").inner_text()
    assert check.count("robin@voices.example.org") == 1
    assert "Only through me, never at the placement" in check
    send(page, "advocate")
    wait_for_messages(smtp_server, 2)
    council, copy = mail(smtp_server, "council"), mail(smtp_server, "complainant")
    keep(council, "advocate-council-email")
    keep(copy, "advocate-complainant-email")
    assert council["Reply-To"] == "robin@voices.example.org"
    assert copy["To"] == "robin@voices.example.org"
    actions = section(plain(council), "NEEDS ACTION", "WHY THIS PROCEDURE")
    assert "It is not safe for the council to contact the child directly." in actions
    assert "Only through me, never at the placement" in actions
    assert "Do not leave a message for the child" in actions
    assert "For the child: Arrange an interpreter for Arabic." in actions
    data = attachment(council)["answers"]
    assert data["contact"]["name"] == "Robin Reed"
    assert data["child_needs"]["help"] == ["interpreter"] and data["child_needs"]["safe_to_contact"] is False


def test_the_provider_is_named_for_the_council(server, smtp_server, page, axe):
    answers = answers_with(
        who_are_you={"who": "foster_carer"},
        what_is_it_about={"about": "fostering"},
        who_gave_the_care={"provider": "yes", "provider_name": "Brightstart Fostering Ltd"},
    )
    walk(page, server.url, answers, "provider")
    assert "Brightstart Fostering Ltd" in page.locator("main").inner_text()
    send(page, "provider")
    wait_for_messages(smtp_server, 2)
    council = mail(smtp_server, "council")
    keep(council, "provider-council-email")
    actions = section(plain(council), "NEEDS ACTION", "WHY THIS PROCEDURE")
    assert "The care was given by another organisation: Brightstart Fostering Ltd." in actions
    assert attachment(council)["answers"]["provider_name"] == "Brightstart Fostering Ltd"


def months_ago(n: int) -> date:
    index = TODAY.year * 12 + TODAY.month - 1 - n
    return date(index // 12, index % 12 + 1, min(TODAY.day, 28))


@pytest.mark.parametrize("case", ["late", "no_agreement"])
def test_late_and_no_agreement_confirmations_promise_no_dates(server, smtp_server, page, axe, case):
    if case == "late":
        answers = answers_with(
            who_are_you={"who": "care_leaver"},
            what_is_it_about={"about": "leaving_care"},
            when_did_it_happen={"happened": date_parts(months_ago(18))},
            why_now={"late_reason": "I was not well enough to complain sooner."},
            your_name={"name": "Dee"},
            about_you={"child_age": "20"},
        )
        # A care leaver reads the young words on the page and in the email (issue 14): the same decision, said
        # more simply.
        expected = expected_in_email = "This happened more than 12 months ago. First, we will decide if we can"
    else:
        answers = answers_with(
            who_are_you={"who": "relative"},
            about_the_child={"child_name": "Ray Green", "child_age": "14", "child_dob": ["", "", ""]},
            does_the_child_agree={"child_agrees": "no"},
        )
        expected = expected_in_email = (
            "The child has not agreed to this complaint. First, we will decide whether you can make it"
        )
    walk(page, server.url, answers, case)
    send(page, case)
    axe(page, f"confirmation ({case})")
    main = page.locator("main").inner_text()
    assert expected in main
    assert "Your dates, if we look at your complaint" in main
    assert "If we look at it, we aim to reply by" in main
    assert "\nWe aim to reply by" not in main
    assert "Someone who was not involved will look into what happened" not in main
    if case == "late":
        # A care leaver is offered no calendar entry (a phone someone else checks would show it).
        assert page.get_by_role("link", name="Add these dates to your calendar").count() == 0
    else:
        with page.expect_download() as download:
            page.get_by_role("link", name="Add these dates to your calendar").click()
        calendar = Path(download.value.path()).read_bytes().decode()
        calendar = calendar.replace("\r\n ", "").replace("\\,", ",")  # unfold lines, unescape commas
        assert "replies to your complaint" in calendar and ", if it looks at it" in calendar
    wait_for_messages(smtp_server, 2)
    copy = mail(smtp_server, "complainant")
    keep(copy, f"{case}-complainant-email")
    for text in (plain(copy), html_text(copy)):
        assert expected_in_email in text
        # The same promise of no firm date; a care leaver's email says it in the young words.
        young = "If we look at it, we will try to write back by"
        assert (young if case == "late" else "If we look at it, we aim to reply by") in text
    council = mail(smtp_server, "council")
    keep(council, f"{case}-council-email")
    if case == "no_agreement":
        text = plain(council)
        assert "Corporate for now: the council first decides whether this person has a sufficient interest" in text
        assert "do not share the child's personal information with them" in section(text, "NEEDS ACTION",
                                                                                      "WHY THIS PROCEDURE")


def test_stage_1_is_the_manager_on_the_confirmation(server, smtp_server, page):
    walk(page, server.url, answers_with(), "parent")
    send(page, "parent")
    main = page.locator("main").inner_text()
    assert "The manager responsible for the team or person you complained about will look into it" in main
    assert "an investigating officer who works for the council but not for the team involved" in main
    assert "Someone who was not involved" not in main
