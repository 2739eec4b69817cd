"""Cymraeg: the language switcher keeps the person's place and what they typed, each question's Yes and No follow
its verb, and dates are written in Welsh."""

from __future__ import annotations

import re

from tests.journey_answers import PARENT, RECENT, answer_until_check, text_of

WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
                "Tachwedd", "Rhagfyr")
ENGLISH_MONTHS = ("January", "February", "March", "April", "June", "July", "August", "September", "October",
                  "November", "December")


def walk_to(client, slug: str, answers=PARENT) -> str:
    """Answer the pages before ``slug`` and return its address."""
    response = client.get("/complaint/")
    for _ in range(40):
        location = response.location
        if location.rstrip("/").rsplit("/", 1)[-1].split("?")[0] == slug:
            return location
        client.get(location)
        page_slug = location.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
        response = client.post(location, data=answers.get(page_slug, {"carry_on": "yes"}))
        assert response.status_code == 302
    raise AssertionError(f"never reached {slug}")


def value_of(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert found, name
    value = re.search(r'value="([^"]*)"', found.group(0))
    return value.group(1) if value else ""


def checked(html: str, name: str) -> list[str]:
    return [m.group(1) for m in re.finditer(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"[^>]*checked', html)]


# --- the language switcher --------------------------------------------------------------------------------------

def test_on_a_question_page_the_switcher_is_a_button_of_the_page_form(client):
    html = client.get(walk_to(client, "about-the-child")).get_data(as_text=True)
    assert 'id="step-form"' in html
    assert re.search(r'<button[^>]*form="step-form"[^>]*name="switch_language"[^>]*value="cy"', html)
    # The first button of the form (the one Enter presses in a text field) is a plain Continue, not Cymraeg.
    first = re.search(r'<button[^>]*form="step-form"[^>]*>', html).group(0)
    assert "switch_language" not in first and "hidden" in first


def test_switching_language_keeps_what_was_typed_and_saves_nothing_as_answered(client):
    page = walk_to(client, "about-the-child")
    typed = {"child_name": "Sam Smith", "child_age": "9", "child_dob": ["", "", ""], "switch_language": "cy"}
    response = client.post(page, data=typed)
    assert response.status_code == 303 and response.location.endswith("/complaint/about-the-child")
    html = client.get(response.location).get_data(as_text=True)
    assert '<html lang="cy"' in html
    assert "Am y plentyn neu&#39;r person ifanc" in html
    assert value_of(html, "child_name") == "Sam Smith" and value_of(html, "child_age") == "9"
    assert "govuk-error-summary" not in html  # nothing was checked yet: no errors
    # The page is still the one to answer: the journey does not move on until Continue.
    assert client.get("/complaint/").location.endswith("/complaint/about-the-child")
    # And back to English, with the answers still there.
    client.post(page, data={**typed, "switch_language": "en"})
    html = client.get(page).get_data(as_text=True)
    assert '<html lang="en"' in html and value_of(html, "child_name") == "Sam Smith"


def test_switching_on_the_first_page_keeps_the_choice(client):
    page = client.get("/complaint/").location
    response = client.post(page, data={"danger": "no", "switch_language": "cy"})
    assert response.status_code == 303
    html = client.get(page).get_data(as_text=True)
    assert "Ydy plentyn mewn perygl ar hyn o bryd?" in html
    assert checked(html, "danger") == ["no"]


def test_switching_with_nothing_typed_on_the_first_page_makes_no_draft(client):
    page = client.get("/complaint/").location
    client.post(page, data={"switch_language": "cy"})
    assert "Ydy plentyn mewn perygl" in client.get(page).get_data(as_text=True)
    with client.session_transaction() as session:
        assert "draft" not in session


def test_switching_while_changing_an_answer_keeps_the_change_flag(client):
    answer_until_check(client)
    response = client.post("/complaint/your-name?change=1", data={"name": "Pat", "switch_language": "cy"})
    assert response.location.endswith("/complaint/your-name?change=1")


def test_a_language_that_is_not_offered_changes_nothing_but_keeps_the_answers(client):
    page = walk_to(client, "your-name")
    client.post(page, data={"name": "Pat Jones", "switch_language": "fr"})
    html = client.get(page).get_data(as_text=True)
    assert '<html lang="en"' in html and value_of(html, "name") == "Pat Jones"


def test_the_switch_needs_the_page_form_token(make_app):
    client = make_app().test_client()  # CSRF checks on
    page = client.get("/complaint/").location
    client.get(page)
    response = client.post(page, data={"danger": "no", "switch_language": "cy"})
    assert response.status_code == 303
    assert '<html lang="en"' in client.get(page).get_data(as_text=True)


def test_on_other_pages_the_switcher_link_comes_back_to_the_same_page(client):
    answer_until_check(client)
    html = client.get("/complaint/check").get_data(as_text=True)
    link = re.search(r'href="(/language/cy\?[^"]+)"', html).group(1).replace("&amp;", "&")
    response = client.get(link)
    assert response.location.endswith("/complaint/check")
    assert "Gwiriwch eich atebion cyn anfon eich cwyn" in client.get(response.location).get_data(as_text=True)
    # A page with a query (the delete page remembers where to go back to) keeps it.
    delete = client.get("/complaint/delete?back=/complaint/your-name").get_data(as_text=True)
    link = re.search(r'href="(/language/en\?[^"]+)"', delete).group(1).replace("&amp;", "&")
    assert client.get(link).location.endswith("/complaint/delete?back=/complaint/your-name")


# --- each question's Yes and No ---------------------------------------------------------------------------------

def radio_labels(html: str, name: str) -> list[str]:
    ids = re.findall(rf'<input[^>]*id="([^"]+)"[^>]*name="{name}"', html)
    return [" ".join(re.sub(r"<[^>]+>", "", re.search(rf'<label[^>]*for="{i}"[^>]*>(.*?)</label>', html, re.S)
                                .group(1)).split()) for i in ids]


def test_each_yes_no_question_is_answered_with_its_own_verb_in_welsh(client):
    client.get("/language/cy?next=/")
    expected = {
        "child-in-danger": ("danger", ["Ydy", "Nac ydy"]),
        "who-gave-the-care": ("provider", ["Do", "Naddo", "Dydw i ddim yn siŵr"]),
        "tried-to-sort-it-out": ("tried", ["Ydw", "Nac ydw"]),
        "advocate-for-the-child": ("advocacy", ["Hoffai", "Na hoffai", "Dydw i ddim yn siŵr"]),
        "court-or-police": ("proceedings", ["Oes", "Nac oes", "Dydw i ddim yn gwybod"]),
        "contacting-you-safely": ("safe", ["Ydy", "Nac ydy"]),
    }
    for slug, (name, words) in expected.items():
        html = client.get(walk_to(client, slug)).get_data(as_text=True)
        assert radio_labels(html, name) == words, slug
    # "Can we leave a message?" is asked only with a phone (fresh-eyes Y1, session 6): this walk gives one.
    client.post("/complaint/contact-details", data={**PARENT["contact-details"], "email": "", "phone": "07700 900 123"})
    html = client.get(walk_to(client, "contacting-you-safely")).get_data(as_text=True)
    assert radio_labels(html, "leave_message") == ["Cewch", "Na chewch"]


# Email and phone (email the best way), so "Can we leave a message?" is asked: only with a phone (Y1, session 6).
WITH_PHONE = {**PARENT, "contact-details": {**PARENT["contact-details"], "phone": "07700 900 123"}}


def test_check_your_answers_in_welsh_repeats_each_answer_with_its_verb(client):
    answer_until_check(client, WITH_PHONE)
    client.get("/language/cy?next=/")
    text = text_of(client.get("/complaint/check"))
    for shown in ("Ydy plentyn mewn perygl ar hyn o bryd? Nac ydy",
                  "A gafodd y gofal ei roi gan sefydliad arall? Naddo",
                  "Ydych chi wedi ceisio datrys pethau gyda'r staff? Ydw",
                  "Oes achos llys neu ymchwiliad gan yr heddlu? Nac oes", "Hoffai'r plentyn gael eiriolwr? Na hoffai",
                  "Ydy hi'n ddiogel cysylltu â chi fel hyn? Ydy", "Gawn ni adael neges? Cewch"):
        assert shown in text, shown
    html = client.get("/complaint/check").get_data(as_text=True)
    values = [" ".join(v.split()) for v in re.findall(r'govuk-summary-list__value">(.*?)</dd>', html, re.S)]
    assert values and not {"Yes", "No", "Ie", "Na"} & set(values)  # no English, no answer without its verb


# --- dates ------------------------------------------------------------------------------------------------------

def test_dates_on_welsh_pages_are_written_in_welsh(client):
    answer_until_check(client)
    client.get("/language/cy?next=/")
    text = text_of(client.get("/complaint/check"))
    happened = f"{RECENT.day} {WELSH_MONTHS[RECENT.month - 1]} {RECENT.year}"
    assert happened in text
    assert not any(month in text for month in ENGLISH_MONTHS)
    assert sum(month in text for month in WELSH_MONTHS) >= 1


# --- times ------------------------------------------------------------------------------------------------------

WELSH_TIME = r"\b(1[0-2]|[1-9]):[0-5]\d(yb|yh)\b"  # 8:29yh, as Welsh councils write opening hours


def test_times_on_welsh_pages_say_yb_or_yh_never_am_or_pm(client):
    client.get("/language/cy?next=/")
    html = client.get(walk_to(client, "about-the-child")).get_data(as_text=True)
    note = " ".join(re.search(r'id="timeout-note"[^>]*>(.*?)</p>', html, re.S).group(1).split())
    assert re.search(rf"cael eu dileu am {WELSH_TIME}\.", note), note
    assert not re.search(r"\d(am|pm|AM|PM)\b", html)
    # The time the page shows after "Keep my answers" (the timeout dialog's button) is written the same way.
    assert re.fullmatch(WELSH_TIME, client.get("/complaint/keep-alive").get_json()["at"])
    # And in English, as before.
    client.get("/language/en?next=/")
    assert re.fullmatch(r"(1[0-2]|[1-9]):[0-5]\d(am|pm)", client.get("/complaint/keep-alive").get_json()["at"])


def test_the_clock_in_each_language_at_noon_midnight_and_evening(app):
    from datetime import time

    from flask_babel import force_locale

    from wizard.translate import clock

    with app.test_request_context():
        with force_locale("cy"):
            assert [clock(time(h, m)) for h, m in ((20, 29), (9, 5), (12, 0), (0, 10))] == [
                "8:29yh", "9:05yb", "12:00yh", "12:10yb"]
        with force_locale("en"):
            assert [clock(time(h, m)) for h, m in ((20, 29), (9, 5), (12, 0), (0, 10))] == [
                "8:29pm", "9:05am", "12:00pm", "12:10am"]


def test_the_wait_after_wrong_staff_passwords_is_a_welsh_time_on_a_welsh_page(app):
    client = app.test_client()
    client.get("/language/cy?next=/")
    for n in range(7):
        refused = client.post("/staff/sign-in", data={"password": f"guess number {n} password"},
                              environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert refused.status_code == 429
    text = " ".join(re.sub(r"<[^>]+>", " ", refused.get_data(as_text=True)).split())
    assert re.search(rf"am {WELSH_TIME}, ymhen [12] munud", text), text


# --- after sending ----------------------------------------------------------------------------------------------

def test_the_printed_copy_and_the_calendar_in_welsh(client):
    answer_until_check(client, WITH_PHONE)
    client.get("/language/cy?next=/")
    assert client.post("/complaint/send").location.endswith("/complaint/sent")
    text = text_of(client.get("/complaint/sent/print"))
    # Chosen answers in Welsh, each yes/no with its question's verb; dates in Welsh; the person's words as typed.
    for shown in ("Rwy'n rhiant neu mae gen i gyfrifoldeb rhiant", "Plentyn sy'n derbyn gofal",
                  "A gafodd y gofal ei roi gan sefydliad arall? Naddo",
                  "Ydych chi wedi ceisio datrys pethau gyda'r staff? Ydw", "Gawn ni adael neges? Cewch",
                  f"{RECENT.day} {WELSH_MONTHS[RECENT.month - 1]} {RECENT.year}",
                  "The visits stopped.", "Sam Smith"):
        assert shown in text, shown
    assert not any(month in text for month in ENGLISH_MONTHS)
    ics = client.get("/complaint/sent/calendar.ics").get_data(as_text=True)
    assert "SUMMARY:Bydd Example Council yn cydnabod eich cwyn" in ics
    assert "DESCRIPTION:Cyfeirnod eich cwyn yw" in ics


def test_the_switcher_link_carries_no_other_part_of_the_address(client):
    # A query could hold what someone typed: only the change flag and the delete page's way back are kept.
    html = client.get("/privacy?name=Alice&change=1").get_data(as_text=True)
    link = re.search(r'href="(/language/cy\?[^"]+)"', html).group(1)
    assert "Alice" not in link and "name" not in link
    assert client.get(link.replace("&amp;", "&")).location.endswith("/privacy?change=1")
