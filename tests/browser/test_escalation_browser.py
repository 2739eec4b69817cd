"""Taking a complaint further, in Chromium against a real server and a real SMTP server (aiosmtpd): a parent asks
for stage 2 in time (the dates checked by hand against the calendar), a young person asks for a review panel
late and says why (flagged late, advocate offered), a corporate stage 2 reply leads to the Ombudsman page, and a
request quoting one of our references is linked to it in the council's email and JSON. axe runs on every new
page, errors included, and the same paths work with JavaScript off.

Set SHOTS_DIR to keep full-page screenshots and the emails as text.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from tests.browser.test_people_browser import attachment, html_text, keep, mail, plain, shot, slug
from tests.browser.test_submission_browser import fill_page, reference_shown, wait_for_messages
from tests.journey_answers import PARENT, TODAY, date_parts
from wizard.domain.dates import due_text
from wizard.domain.escalation import escalation_timeline, request_window
from wizard.domain.profiles import load_profile
from wizard.domain.workdays import WorkingDays

ENG = WorkingDays("ENG")
EXAMPLE = load_profile("example")
# Pages of the escalation path: axe runs on each, with and without errors.
NEW_PAGES = {
    "new-or-reply", "earlier-complaint", "which-procedure", "which-reply", "date-of-the-reply", "asking-later",
    "still-unhappy", "the-ombudsman-is-next", "reply-is-late",
    "which-reply-is-late", "when-did-you-send-it",
}
# Pages with no form to send empty (the journey stops there).
EXIT_PAGES = {"the-ombudsman-is-next", "reply-is-late"}


@pytest.fixture
def server(make_live_server, smtp_server):
    return make_live_server(
        SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5,
        PUBLIC_URL="https://complaints.example.gov.uk",
    )


def long_day(d) -> str:
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}"


def short_day(d) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def walk(page, base, answers, name, axe=None, stop="check", start="/complaint/", errors=False):
    """Answer every page until ``stop``. With ``axe``, every new page is checked, and with ``errors`` each is
    first sent empty so its error state is checked too."""
    if start:
        page.goto(f"{base}{start}")
    seen = []
    for _ in range(50):
        here = slug(page)
        if here == stop:
            shot(page, f"{name}-{len(seen):02d}-{here}")
            return seen
        seen.append(here)
        if axe and here in NEW_PAGES:
            axe(page, here)
            if errors and here not in EXIT_PAGES and here != "earlier-complaint":
                page.locator("main form button.govuk-button").first.click()
                page.wait_for_load_state()
                assert page.locator(".govuk-error-summary").is_visible(), here
                shot(page, f"{name}-{len(seen):02d}-{here}-error")
                axe(page, f"{here} with errors")
        fill_page(page, answers.get(here, {"carry_on": "yes"}))
        shot(page, f"{name}-{len(seen):02d}-{here}")
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_load_state()
    raise AssertionError(f"never reached {stop}: {seen}")


def send(page, name):
    page.get_by_role("button", name="Send request").click()
    reference = reference_shown(page)
    shot(page, f"{name}-confirmation")
    return reference


def parent_asks(reply, **more):
    return {
        **PARENT,
        "new-or-reply": {"kind": "escalation"},
        "earlier-complaint": {"earlier_reference": "CSC/2026/0412"},
        "which-procedure": {"earlier_procedure": "statutory"},
        "which-reply": {"reply_stage": "stage1"},
        "date-of-the-reply": {"reply_date": date_parts(reply)},
        "still-unhappy": {"still_unhappy": "Contact with my son has still not restarted.\nNobody rang me back.",
                          "wanted": "A date for the next visit, and an apology."},
        **more,
    }


def test_a_parent_asks_for_stage2_in_time_with_the_dates_checked(server, smtp_server, page, axe):
    reply = ENG.received_on(TODAY - timedelta(days=7))
    if reply > TODAY:
        reply = TODAY
    seen = walk(page, server.url, parent_asks(reply), "stage2", axe=axe, errors=True)
    assert "asking-later" not in seen and "your-complaint" not in seen and "tried-to-sort-it-out" not in seen
    check = page.locator("main").inner_text()
    due = escalation_timeline(EXAMPLE, "statutory_stage2", TODAY)
    # Counted by hand: 25 and 65 working days after the day the request is received.
    assert ENG.between(due.received, due["stage2_response"].due) == 25
    assert ENG.between(due.received, due["stage2_response_extended"].due) == 65
    assert short_day(due["stage2_response"].due) in check
    assert short_day(due["stage2_response_extended"].due) in check
    assert "What you are asking for" in check and "Stage 2 of the children's social care complaints procedure" in check
    axe(page, "check your answers (escalation)")
    reference = send(page, "stage2")
    axe(page, "request sent")
    confirmation = page.locator("main").inner_text()
    assert "Request sent" in confirmation and long_day(due["stage2_response"].due) in confirmation
    # Its calendar file is offered, as a new complaint's is, and holds the request's dates.
    with page.expect_download() as download:
        page.get_by_role("link", name="Add these dates to your calendar").click()
    ics = Path(download.value.path()).read_text(encoding="utf-8").replace("\r\n ", "")
    assert f"{due['stage2_response'].due:%Y%m%d}" in ics and f"(request {reference})" in ics
    wait_for_messages(smtp_server, 2)
    council, complainant = mail(smtp_server, "council"), mail(smtp_server, "complainant")
    keep(council, "stage2-council-email")
    keep(complainant, "stage2-complainant-email")
    assert council["Subject"] == (
        f"[Escalation] [Stage 2 request] [Statutory] Request {reference} "
        "(earlier reference not from this service): A child in care"
    )
    text = plain(council)
    assert "CSC/2026/0412" in text and "in time" in text and "LATE" not in text
    assert "Stage 2 reply due: " + long_day(due["stage2_response"].due) in text
    assert "Contact with my son has still not restarted." in text
    mine = plain(complainant)
    expected = f"We have received your request to take your complaint further: reference {reference}"
    assert complainant["Subject"] == expected
    assert long_day(due["stage2_response"].due) in mine
    assert "0300 061 0614" in mine
    assert "Contact with my son" not in mine  # the person's words never go back out by email
    data = attachment(council)
    assert data["kind"] == "escalation"
    assert data["escalation"]["decision"]["window"]["late"] is False
    assert data["escalation"]["next_stage"] == "statutory_stage2"


def test_a_young_person_asks_for_a_review_panel_late_and_is_offered_an_advocate(server, smtp_server, page, axe):
    reply = TODAY - timedelta(days=70)
    window = request_window(EXAMPLE, "review_panel", reply, TODAY)
    assert window.late
    answers = {
        **parent_asks(reply),
        "who-are-you": {"who": "child"},
        "which-reply": {"reply_stage": "stage2"},
        "earlier-complaint": {"earlier_reference": ""},
        "asking-later": {"escalation_late_reason": "I moved to a new foster home and the letter came late."},
        "advocate": {"advocacy": "yes"},
        "your-name": {"name": "Jade"},
        "about-you": {"child_age": "15", "child_dob": ["", "", ""], "surname": "", "social_worker": "", "where": ""},
        "contact-details": {"phone": "07700 900111"},
        "how-to-contact-you": {"preferred": "phone"},
    }
    walk(page, server.url, answers, "panel", axe=axe, errors=True, stop="asking-later")
    late_page = page.locator("main").inner_text()
    assert short_day(window.last_day) in late_page
    assert "You can still ask" in late_page
    seen = walk(page, server.url, answers, "panel", axe=axe, stop="advocate", start=None)
    assert seen[0] == "asking-later"
    advocate_page = page.locator("main").inner_text()
    assert "send an advocate to speak for you" in advocate_page
    shot(page, "panel-advocate")
    axe(page, "advocate, review panel")
    walk(page, server.url, answers, "panel", start=None)
    check = page.locator("main").inner_text()
    # A young person reads the words for their age (young_words.py), here as everywhere on their route.
    assert "You are asking later than most people do" in check
    assert "A review panel: three people who do not work for the council look at your complaint" in check
    send(page, "panel")
    confirmation = page.locator("main").inner_text()
    assert "You asked later than most people do" in confirmation
    # No calendar file or print page for a young person (a shared phone or printer), and they are told why.
    assert page.get_by_role("link", name="Add these dates to your calendar").count() == 0
    assert page.get_by_role("link", name="Print your request").count() == 0
    assert "We have not offered a calendar entry or a copy to print" in confirmation
    assert "or send an advocate instead of you" in confirmation
    assert "An advocate is someone on your side who helps you say what you want." in confirmation
    due = escalation_timeline(EXAMPLE, "review_panel", TODAY)
    assert ENG.between(due.received, due["stage3_panel"].due) == 30
    assert long_day(due["stage3_panel"].due) in confirmation
    wait_for_messages(smtp_server, 2)  # council and advocacy (no email address given)
    council = mail(smtp_server, "council")
    keep(council, "panel-council-email")
    assert "[Late request]" in council["Subject"] and "[Review panel request]" in council["Subject"]
    assert "[Advocate requested]" in council["Subject"]
    text = plain(council)
    assert "LATE" in text and "I moved to a new foster home" in text
    # What to act on before the first contact (safety, help) comes before the request's own details (found by a
    # fresh-eyes walk: a 15-year-old's "not safe to phone" was 25 lines down, under the request's block).
    assert text.index("NEEDS ACTION") < text.index("TAKING A COMPLAINT FURTHER")
    assert f"Asked for after the usual time (the last day was {long_day(window.last_day)})" in text
    data = attachment(council)
    assert data["escalation"]["decision"]["flags"] == ["late"]
    assert data["decision"]["flags"] == ["advocacy_requested"]
    advocacy = mail(smtp_server, "advocacy")
    assert advocacy["Subject"].startswith(
        "[Escalation] [Review panel request] [Late request] [Advocate requested] Request "
    )
    advocacy_text = plain(advocacy)
    assert "TAKING A COMPLAINT FURTHER" in advocacy_text and "Asks for: A review panel (stage 3" in advocacy_text
    assert "LATE" in advocacy_text and "(if the council agrees to look at the late request)" in advocacy_text
    for raw in ("looked_after", "child_in_need", "not ours or not given"):
        assert raw not in advocacy["Subject"] and raw not in council["Subject"]


def test_a_corporate_stage2_reply_leads_to_the_ombudsman_page(server, smtp_server, page, axe):
    answers = {
        **parent_asks(TODAY - timedelta(days=3)),
        "what-is-it-about": {"about": "education"},
        "which-procedure": {"earlier_procedure": "corporate"},
        "which-reply": {"reply_stage": "stage2"},
    }
    walk(page, server.url, answers, "ombudsman", axe=axe, stop="which-reply")
    # The council's own procedure has two stages: no "final response after a review panel" to choose.
    # (and, since session 7, "I have not had a reply, and it is late" after them: walk E, E5)
    assert page.locator('main input[name="reply_stage"]').count() == 3
    assert page.locator('main input[name="reply_stage"][value="final"]').count() == 0
    assert "review panel" not in page.locator("main").inner_text()
    walk(page, server.url, answers, "ombudsman", axe=axe, stop="the-ombudsman-is-next", start=None)
    shot(page, "ombudsman-next")
    axe(page, "the Ombudsman is next")
    text = page.locator("main").inner_text()
    assert "two stages" in text and "0300 061 0614" in text and "PO Box 4771, Coventry, CV4 0EH" in text
    page.get_by_role("link", name="Read more about the Ombudsman and what it does").click()
    page.wait_for_load_state()
    assert page.url.endswith("/ombudsman?finished=1")
    shot(page, "ombudsman-page")
    axe(page, "the Ombudsman page")
    about = page.locator("main").inner_text()
    for fact in ("free", "independent", "12 months", "at any time", "0300 061 0614", "PO Box 4771"):
        assert fact in about
    assert page.get_by_role("link", name="www.lgo.org.uk").get_attribute("href") == "https://www.lgo.org.uk"
    assert smtp_server.messages == []  # nothing was sent to the council
    # The start page links to it too.
    page.goto(f"{server.url}/")
    page.get_by_role("link", name="Find out about the Ombudsman").click()
    page.wait_for_load_state()
    assert page.url.endswith("/ombudsman")


def test_a_parent_whose_reply_is_late_is_told_the_councils_times_who_to_ask_and_the_ombudsman(
    make_live_server, smtp_server, page, axe
):
    """Fresh-eyes walk E, E5 (session 7): no reply has come and it is late. Kingston's own times, its number and
    inbox, the Ombudsman at any time; nothing is asked for and nothing is sent."""
    server = make_live_server(COUNCIL="kingston", SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port,
                              SMTP_TIMEOUT=5)
    answers = {**parent_asks(TODAY), "which-reply": {"reply_stage": "overdue"}}
    walk(page, server.url, answers, "overdue", axe=axe, errors=True, stop="which-reply")
    page.get_by_label("I have not had a reply, and it is late").check()
    shot(page, "overdue-which-reply")
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_load_state()
    # Session 9 (walks J and M, J2/M5): which reply, and when they sent what it answers, come before the page (it
    # went straight to reply-is-late before).
    assert slug(page) == "which-reply-is-late"
    axe(page, "which reply is late")
    page.get_by_label("A reply to my complaint").check()
    shot(page, "overdue-which-reply-is-late")
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_load_state()
    assert slug(page) == "when-did-you-send-it"
    page.locator("main form button.govuk-button").first.click()  # nothing typed: the error, then the date
    page.wait_for_load_state()
    assert slug(page) == "when-did-you-send-it"
    axe(page, "when did you send it, with its error")
    sent = TODAY - timedelta(days=60)
    for part, value in zip(("day", "month", "year"), date_parts(sent), strict=True):
        page.locator(f"#awaited_since-{part}").fill(value)
    shot(page, "overdue-when-did-you-send-it")
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_load_state()
    assert slug(page) == "reply-is-late"
    due = ENG.add(ENG.received_on(sent), 10)  # Kingston: a statutory stage 1 reply in 10 working days
    assert f"Your reply was due by {due_text(due)}." in page.locator("main").inner_text()
    shot(page, "overdue-reply-is-late")
    axe(page, "reply is late")
    text = page.locator("main").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "If your reply is late"
    assert "Stage 1 reply: within 10 working days of the council getting your complaint." in text
    assert "up to 65 working days" in text
    assert "crm.complaints@kingston.gov.uk" in text
    assert page.locator('main a[href="tel:+442085475000"]').count() >= 1
    assert page.locator("main form").count() == 0  # nothing to send from here
    # Back goes to the question, with the answer kept; changing it carries on as a request.
    page.go_back()
    page.wait_for_load_state()
    # Session 9: the page before is now "when did you send it" (J2/M5; it was "which reply"), its answer kept.
    assert slug(page) == "when-did-you-send-it"
    assert page.locator("#awaited_since-year").input_value() == str(sent.year)
    page.goto(f"{server.url}/complaint/which-reply")
    assert page.get_by_label("I have not had a reply, and it is late").is_checked()
    page.goto(f"{server.url}/complaint/reply-is-late")
    page.wait_for_load_state()
    page.get_by_role("link", name="Find out about the Ombudsman").click()
    page.wait_for_load_state()
    assert page.url.endswith("/ombudsman")
    assert "at any time" in page.locator("main").inner_text()
    assert smtp_server.messages == []


def test_a_request_quoting_our_reference_is_linked_in_the_council_email_and_json(server, smtp_server, page, axe):
    # First a new complaint: its confirmation and email say how to ask for the next stage, with the reference.
    page.goto(f"{server.url}/complaint/")
    walk(page, server.url, PARENT, "linked-new")
    page.get_by_role("button", name="Send complaint").click()
    first = reference_shown(page)
    wait_for_messages(smtp_server, 2)
    email = plain(mail(smtp_server, "complainant"))
    link = f"https://complaints.example.gov.uk/complaint/next-stage?reference={first}"
    assert link in email
    assert link in mail(smtp_server, "complainant").get_body(("html",)).get_content()
    ask = page.get_by_role("link", name=f"Ask for the next stage of complaint {first}")
    # Session 9 (walk M, M6): the link carries the procedure the page and the email now name (it carried the
    # reference only), and the request does not ask it again; a link without it (below) still asks.
    assert ask.get_attribute("href") == f"/complaint/next-stage?reference={first}&procedure=statutory"
    assert f"{link}&procedure=statutory" in email
    assert "Your complaint is in the children's social care complaints procedure." in email
    smtp_server.messages.clear()
    # The link from the email, opened on this server.
    page.goto(f"{server.url}/complaint/next-stage?reference={first}")
    shot(page, "linked-next-stage")
    axe(page, "ask for the next stage")
    assert first in page.locator("main").inner_text()
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state()
    answers = parent_asks(TODAY - timedelta(days=2))
    del answers["earlier-complaint"]  # filled in from the link
    walk(page, server.url, answers, "linked", start=None, stop="which-procedure")
    # Recognised, and nothing more: anyone who has seen a reference can type it, so what we recorded of that
    # complaint is not chosen or shown (it goes to the council only).
    assert not page.locator('input[name="earlier_procedure"]:checked').count()
    assert "one this service made" not in page.locator("main").inner_text()  # the words of any reference
    axe(page, "which procedure, recognised")
    walk(page, server.url, answers, "linked", start=None)
    assert first in page.locator("main").inner_text()
    reference = send(page, "linked")
    wait_for_messages(smtp_server, 2)
    council = mail(smtp_server, "council")
    keep(council, "linked-council-email")
    assert f"(earlier complaint {first})" in council["Subject"]
    text = plain(council)
    made = r"was made with this service on \w+ \d+ \w+ \d{4}, sent to the statutory procedure\."
    assert re.search(f"Earlier complaint: {first} " + made, text)
    # What was compared, and what was not (walk G, G7/M5): the same parent gave the child's name and an email.
    assert "Compared with it, the same in both: the child's name and the email address." in " ".join(text.split())
    assert "no difference in the child's name or the contact details" not in text
    assert first in html_text(council)
    data = attachment(council)
    assert data["reference"] == reference
    assert data["escalation"]["linked"] is True
    assert data["escalation"]["earlier"]["reference"] == first
    assert data["escalation"]["earlier"]["procedure"] == "statutory"


def test_the_paths_work_without_javascript_at_320px(make_live_server, smtp_server, browser):
    """axe needs JavaScript to run, so it runs in the tests above; here the pages must work without it."""
    server = make_live_server(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 700})
    try:
        page = context.new_page()
        page.set_default_timeout(10000)
        late = parent_asks(TODAY - timedelta(days=90), **{"asking-later": {"escalation_late_reason": "I was ill."}})
        seen = walk(page, server.url, late, "nojs")
        assert "asking-later" in seen
        assert send(page, "nojs")
        page.goto(f"{server.url}/complaint/next-stage?reference=EX-23456789")
        page.get_by_role("button", name="Start now").click()
        page.wait_for_load_state()
        assert slug(page) == "child-in-danger"
        page.goto(f"{server.url}/ombudsman")
        assert page.get_by_role("heading", level=1).inner_text() == "The Local Government and Social Care Ombudsman"
        # Still waiting for a late reply (E5): the choice and its page work without JavaScript too.
        waiting = {**parent_asks(TODAY), "which-reply": {"reply_stage": "overdue"},
                   "which-reply-is-late": {"awaited": "stage2"},
                   "when-did-you-send-it": {"awaited_since": date_parts(TODAY - timedelta(days=90))}}
        seen = walk(page, server.url, waiting, "nojs-overdue", stop="reply-is-late")
        # Session 9: which reply and when come after "which reply" (J2/M5); it was the last page before.
        assert seen[-2:] == ["which-reply-is-late", "when-did-you-send-it"]
        assert "Your reply was due by" in page.locator("main").inner_text()
        assert page.get_by_role("heading", level=1).inner_text() == "If your reply is late"
    finally:
        context.close()
