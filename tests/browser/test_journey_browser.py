"""The whole journey in Chromium, for each kind of complainant in the issue, to "Check your answers".

Each journey asserts where the complaint will go and the dates shown (worked out here with the domain's own
timeline for today). axe runs on every step the first time the session meets it, empty and then showing its
errors. One journey is done with the keyboard alone, one with JavaScript off and one at 320 px wide.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest

from wizard.domain.profiles import load_profile
from wizard.domain.timeline import milestones
from wizard.domain.young_words import YOUNG

PROFILE = load_profile("example")
TODAY = datetime.now(ZoneInfo("Europe/London")).date()
RECENT = TODAY - timedelta(days=20)


def months_ago(n: int) -> date:
    month_index = TODAY.year * 12 + TODAY.month - 1 - n
    return date(month_index // 12, month_index % 12 + 1, min(TODAY.day, 28))


def when(d: date):
    return [("text", "happened-day", str(d.day)), ("text", "happened-month", str(d.month)),
            ("text", "happened-year", str(d.year))]


def child(name: str, age: int):
    return [("text", "child_name", name), ("text", "child_age", str(age))]


# What each page gets, by URL slug. Pages with only a button (information pages) are not listed: the walker
# presses their button.
COMMON = {
    "child-in-danger": [("radio", "danger", "no")],
    "does-the-child-know": [("radio", "child_knows", "yes")],
    "new-or-reply": [("radio", "kind", "new")],
    "tried-to-sort-it-out": [("radio", "tried", "yes")],
    "when-did-it-happen": when(RECENT),
    "court-or-police": [("radio", "proceedings", "no")],
    "your-complaint": [("text", "what_happened", "My review meetings keep being cancelled."),
                       ("text", "put_right", "Hold the meeting and say sorry.")],
    "your-name": [("text", "name", "Alex")],
    "contact-details": [("text", "email", "alex@example.com"), ("text", "phone", "07700 900982")],
    "how-to-contact-you": [("radio", "preferred", "email")],
    "contacting-you-safely": [("radio", "safe", "yes"), ("radio", "leave_message", "no")],
    "help-to-take-part": [("check", "help-6")],
    "who-gave-the-care": [("radio", "provider", "no")],
    "advocate-for-the-child": [("radio", "advocacy", "no")],
    "advocate": [("radio", "advocacy", "no")],
    "about-you": [("text", "child_age", "15")],
    "contacting-the-child-safely": [("radio", "child_safe", "yes"), ("radio", "child_leave_message", "no")],
    "help-for-the-child": [("check", "help-6")],
}


def journey(**steps):
    answers = dict(COMMON)
    answers.update({slug.replace("_", "-"): actions for slug, actions in steps.items()})
    return answers


JOURNEYS = {
    "parent": journey(
        who_are_you=[("radio", "who", "parent")],
        what_is_it_about=[("radio", "about", "looked_after")],
        about_the_child=child("Sam Smith", 9),
    ),
    "child_in_care_wants_advocate": journey(
        who_are_you=[("radio", "who", "child")],
        feeling_safe=[("radio", "feels_safe", "yes")],
        what_is_it_about=[("radio", "about", "looked_after")],
        advocate=[("radio", "advocacy", "yes")],
    ),
    "care_leaver_18_months_late": journey(
        who_are_you=[("radio", "who", "care_leaver")],
        what_is_it_about=[("radio", "about", "leaving_care")],
        tried_to_sort_it_out=[("radio", "tried", "no")],
        when_did_it_happen=when(months_ago(18)),
        why_now=[("text", "late_reason", "I was not well enough to complain sooner.")],
    ),
    "foster_carer": journey(
        who_are_you=[("radio", "who", "foster_carer")],
        what_is_it_about=[("radio", "about", "fostering")],
        who_gave_the_care=[("radio", "provider", "yes")],
        about_the_child=child("Jo Brown", 10),
        advocate_for_the_child=[("radio", "advocacy", "unsure")],
        court_or_police=[("radio", "proceedings", "yes")],
    ),
    "advocate_for_14_year_old_who_agrees": journey(
        who_are_you=[("radio", "who", "advocate")],
        what_is_it_about=[("radio", "about", "looked_after")],
        about_the_child=child("Kim Lee", 14),
        does_the_child_agree=[("radio", "child_agrees", "yes")],
        how_the_child_will_confirm=[("radio", "confirm_method", "child_types")],
        child_confirms=[("text", "confirm_name", "Kim")],
        advocate_details=[
            ("text", "advocate_name", "Robin Reed"),
            ("text", "organisation", "Voices for Children"), ("text", "role", "Independent advocate"),
            ("text", "direct_phone", "01632 960123"), ("text", "working_hours", "Monday to Thursday, 9am to 3pm"),
            ("text", "advocate_email", "advocate@example.org"),
        ],
    ),
    "relative_for_14_year_old_who_does_not_agree": journey(
        who_are_you=[("radio", "who", "relative")],
        what_is_it_about=[("radio", "about", "looked_after")],
        about_the_child=child("Ray Green", 14),
        does_the_child_agree=[("radio", "child_agrees", "no")],
    ),
    "relative_for_6_year_old": journey(
        who_are_you=[("radio", "who", "relative")],
        what_is_it_about=[("radio", "about", "child_in_need")],
        about_the_child=child("Lou Green", 6),
    ),
    "school": journey(
        who_are_you=[("radio", "who", "parent")],
        what_is_it_about=[("radio", "about", "school")],
    ),
    "child_in_danger": journey(
        child_in_danger=[("radio", "danger", "yes")],
        who_are_you=[("radio", "who", "child")],
        # Not sure whether she feels safe where she lives: the help-to-be-safe page is walked (axe, page checker).
        feeling_safe=[("radio", "feels_safe", "unsure")],
        what_is_it_about=[("radio", "about", "disabled_children")],
    ),
    "education": journey(
        who_are_you=[("radio", "who", "parent")],
        what_is_it_about=[("radio", "about", "education")],
        about_the_child=child("Max Hill", 11),
    ),
}

# The route each journey must show, and words from the reasons that prove why.
EXPECTED = {
    "parent": ("statutory", "You can use the children's social care complaints procedure yourself"),
    "child_in_care_wants_advocate": ("statutory", "You asked for an advocate"),
    "care_leaver_18_months_late": ("statutory", "This happened a while ago"),
    "foster_carer": ("statutory", "court or police involvement"),
    "advocate_for_14_year_old_who_agrees": ("statutory", "and they agree"),
    "relative_for_14_year_old_who_does_not_agree": ("corporate", "The child has not confirmed that they agree"),
    "relative_for_6_year_old": ("corporate", "close enough interest in the child's welfare"),
    "child_in_danger": ("statutory", "The law says you can complain about your care yourself"),
    "education": ("corporate", "handled under the council's own complaints procedure"),
}
OUTCOME_WORDS = {
    "statutory": "The children's social care complaints procedure",
    "corporate": "The council's own complaints procedure",
}

AXED: set[str] = set()


def slug_of(page) -> str:
    return urlparse(page.url).path.rstrip("/").rsplit("/", 1)[-1]


def do(page, action):
    kind, target, *value = action
    if kind == "radio":
        page.locator(f"input[name='{target}'][value='{value[0]}']").check()
    elif kind == "check":
        page.locator(f"#{target}").check()
    else:
        page.locator(f"#{target}").fill(value[0])


def submit(page):
    """Press the page's main button (Continue, or the button on an information page)."""
    with page.expect_navigation():
        page.locator("main form button.govuk-button").first.click()


def walk(page, base, answers, axe=None, stop=("check", "school-complaint"), on_page=None):
    page.goto(base + "/complaint/")
    visited = []
    for _ in range(40):
        slug = slug_of(page)
        if on_page:
            on_page(page, slug)
        if slug in stop:
            return visited
        visited.append(slug)
        if axe and slug not in AXED:
            AXED.add(slug)
            axe(page, slug)
            if slug in answers:  # a question: show its errors too
                submit(page)
                assert slug_of(page) == slug
                assert page.title().startswith("Error: ")
                assert page.locator(".govuk-error-summary").is_visible()
                axe(page, f"{slug} with errors")
        for action in answers.get(slug, []):
            do(page, action)
        submit(page)
    raise AssertionError(f"never reached the end: {visited}")


# A child or young person complaining for themselves reads the young words (wizard/domain/young_words.py).
YOUNG_READERS = {"child_in_care_wants_advocate", "care_leaver_18_months_late", "child_in_danger"}


def check_route_and_dates(page, name):
    procedure, reason = EXPECTED[name]
    words = YOUNG["check"] if name in YOUNG_READERS else {}
    heading = "Check your answers before sending your complaint"
    assert page.get_by_role("heading", level=1).inner_text() == words.get(heading, heading)
    assert page.locator("[data-outcome]").get_attribute("data-procedure") == procedure
    main = page.locator("main").inner_text()
    assert words.get(OUTCOME_WORDS[procedure], OUTCOME_WORDS[procedure]) in main
    assert reason.lower() in main.lower()
    timeline = milestones(PROFILE, procedure, TODAY)
    dates = page.locator("[data-dates='expected']").inner_text()
    for key in ("acknowledgement", "stage1_response", "stage1_response_extended"):
        due = timeline[key].due
        assert f"{due.day} {due.strftime('%B %Y')}" in dates, (key, dates)


@pytest.mark.parametrize(
    "name",
    [
        "parent",
        "child_in_care_wants_advocate",
        "care_leaver_18_months_late",
        "foster_carer",
        "advocate_for_14_year_old_who_agrees",
        "relative_for_14_year_old_who_does_not_agree",
        "relative_for_6_year_old",
        "child_in_danger",
    ],
)
def test_journey_reaches_check_your_answers(live_server, page, axe, name):
    seen = {}

    def on_page(p, slug):
        if slug in ("get-help-now", "the-childs-agreement", "care-from-another-organisation", "sorting-it-out-first"):
            seen[slug] = p.locator("main").inner_text()

    visited = walk(page, live_server.url, JOURNEYS[name], axe, on_page=on_page)
    check_route_and_dates(page, name)
    axe(page, f"check your answers ({name})")
    if name == "child_in_danger":
        assert visited[:2] == ["child-in-danger", "get-help-now"]
        assert "999" in seen["get-help-now"] and PROFILE.emergency_phone in seen["get-help-now"]
    if name == "relative_for_14_year_old_who_does_not_agree":
        text = seen["the-childs-agreement"]
        assert "The child can complain themselves" in text and "advocate" in text
        assert "parental responsibility" in text
        assert "Going ahead without the child's agreement" in page.locator("main").inner_text()
    if name == "foster_carer":
        assert "you can complain to that organisation or to us" in seen["care-from-another-organisation"]
    if name == "care_leaver_18_months_late":
        assert "sorting-it-out-first" in seen
        assert "I was not well enough" in page.locator("main").inner_text()
    if name == "advocate_for_14_year_old_who_agrees":
        assert "child-confirms" in visited
        main = page.locator("main").inner_text()
        assert "Voices for Children" in main and "Kim" in main


def test_a_school_complaint_is_sent_to_the_schools_own_procedure(live_server, page, axe):
    visited = walk(page, live_server.url, JOURNEYS["school"], axe)
    assert visited[-1] == "what-is-it-about"
    assert slug_of(page) == "school-complaint"
    assert page.get_by_role("heading", level=1).inner_text() == "Complain to the school"
    axe(page, "school exit")
    # No way round it by URL; the link changes the answer instead.
    page.goto(live_server.url + "/complaint/check")
    assert slug_of(page) == "school-complaint"
    page.get_by_role("link", name="Change what your complaint is about").click()
    assert slug_of(page) == "what-is-it-about"


def test_education_by_keyboard_alone(live_server, page):
    """No clicks: Tab to each control, Space to choose, type, and Enter to continue."""
    answers = JOURNEYS["education"]
    page.goto(live_server.url + "/")
    tab_to(page, "a.govuk-button--start")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for _ in range(40):
        slug = slug_of(page)
        if slug == "check":
            break
        for kind, target, *value in answers.get(slug, []):
            if kind == "radio":
                tab_to(page, f"input[name='{target}']")
                for _ in range(12):
                    if page.evaluate("document.activeElement.value") == value[0]:
                        break
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
                assert page.locator(f"input[name='{target}'][value='{value[0]}']").is_checked()
            elif kind == "check":
                tab_to(page, f"#{target}")
                page.keyboard.press("Space")
            else:
                tab_to(page, f"#{target}")
                page.keyboard.type(value[0])
        tab_to(page, "main form button.govuk-button")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        raise AssertionError("never reached Check your answers")
    check_route_and_dates(page, "education")
    # Changing an answer by keyboard comes back to Check your answers.
    tab_to(page, "a[href='/complaint/your-name?change=1']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#name")
    page.keyboard.press("End")
    page.keyboard.type(" Hill")
    tab_to(page, "main form button.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert slug_of(page) == "check"
    assert "Alex Hill" in page.locator("main").inner_text()


def tab_to(page, selector: str, limit: int = 120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_foster_carer_with_javascript_off(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10000)
    try:
        walk(page, live_server.url, JOURNEYS["foster_carer"])
        check_route_and_dates(page, "foster_carer")
        # Without JavaScript the note says when the answers will be deleted; the dialog stays closed.
        assert "we delete them if you do not continue for 2 hours" in page.locator("#timeout-note").inner_text()
        assert not page.locator("#timeout-dialog").is_visible()
        # The character count still protects the limit, by the error message.
        page.goto(live_server.url + "/complaint/your-complaint?change=1")
        page.locator("#what_happened").fill("x" * 5001)
        submit(page)
        assert "What happened must be 5000 characters or fewer" in page.locator(".govuk-error-summary").inner_text()
    finally:
        context.close()


def test_relative_for_a_6_year_old_at_320_px(live_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(10000)
    wide = []

    def no_sideways_scroll(p, slug):
        overflow = p.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append((slug, overflow))

    try:
        walk(page, live_server.url, JOURNEYS["relative_for_6_year_old"], on_page=no_sideways_scroll)
        check_route_and_dates(page, "relative_for_6_year_old")
        assert wide == []
    finally:
        context.close()


def test_timeout_warning_dialog_keeps_the_answers(live_server, page, axe):
    page.clock.install()
    page.goto(live_server.url + "/complaint/")
    dialog = page.locator("#timeout-dialog")
    assert not dialog.is_visible()
    page.locator("input[name='danger'][value='no']").focus()
    page.clock.run_for("01:55:01")  # five minutes before the two hours run out
    dialog.wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "timeout-keep"
    assert "5 minutes" in dialog.inner_text()
    axe(page, "timeout warning")
    with page.expect_response("**/complaint/keep-alive"):
        page.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    # Focus goes back where it was, and the answers are still there to carry on with.
    assert page.evaluate("document.activeElement.name") == "danger"
    page.locator("input[name='danger'][value='no']").check()
    submit(page)
    assert slug_of(page) == "new-or-reply"


def test_the_expired_page_explains_and_starts_again(live_server, page, axe):
    page.goto(live_server.url + "/complaint/expired")
    assert page.get_by_role("heading", level=1).inner_text() == "Your answers have been deleted"
    axe(page, "expired")
    with page.expect_navigation():
        page.get_by_role("button", name="Start again").click()
    assert slug_of(page) == "child-in-danger"
