"""A shared device: whoever opens the service next never meets an unfinished complaint without a question first.

Found by a fresh-eyes walk as a 12-year-old on a foster home's tablet: he closed the tab instead of pressing
"Exit this page"; his foster carer opened the site, pressed "Start now" and was inside his complaint, able to read
every word about her. Now "Start now", and any journey page opened from the address bar, a bookmark or the
history, first asks whether the unfinished complaint is the person's own, showing nothing of it.
"""

from __future__ import annotations

import re

import pytest

from tests.functional.test_hostile_posts import token_of, walk_with_tokens
from tests.functional.test_leaving import SECRETS, drafts_in
from tests.functional.test_sessions import clock, timed_app  # noqa: F401 (fixtures)
from tests.journey_answers import PARENT, answer_until_check, text_of
from tests.pagecheck import check_page
from wizard.journey.steps import STEPS
from wizard.journey.views import SHARED_DEVICE_IDLE_SECONDS

FROM_OUTSIDE = {"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate"}
FROM_OUR_PAGES = {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate"}


def start_now_href(client) -> str:
    html = client.get("/").get_data(as_text=True)
    return re.search(r'<a href="([^"]+)"[^>]*class="govuk-button govuk-button--start', html).group(1)


def test_start_now_on_a_fresh_device_goes_straight_to_the_first_question(client):
    assert start_now_href(client) == "/complaint/start"
    first = client.get("/complaint/start", follow_redirects=True)
    assert "A complaint was started on this device" not in text_of(first)
    assert first.request.path == f"/complaint/{STEPS[0].slug}"


def test_start_now_asks_before_reopening_an_unfinished_complaint_and_shows_nothing_of_it(client):
    answer_until_check(client)
    page = client.get(start_now_href(client))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<title>A complaint was started on this device" in html
    assert "It is mine: carry on with it" in html and "Start a new complaint and delete the unfinished one" in html
    for secret in SECRETS:
        assert secret not in html
    check_page(html)


@pytest.mark.parametrize("url", ["/complaint/check", "/complaint/your-complaint", "/complaint/contact-details"])
def test_a_journey_page_opened_from_the_address_bar_or_history_after_a_while_asks_first(timed_app, clock, url):  # noqa: F811
    client = timed_app.test_client()
    answer_until_check(client)
    # Within a minute or two it is the same person (Back to the first page they typed in): no question.
    clock.advance(1)
    assert client.get(url, headers=FROM_OUTSIDE).status_code == 200
    clock.advance(SHARED_DEVICE_IDLE_SECONDS / 60)  # left a while: the device may have changed hands
    response = client.get(url, headers=FROM_OUTSIDE)
    assert response.status_code == 302 and response.location == "/complaint/start"
    # Followed from the service's own pages (and so on reload, Back and Forward), the page opens as before.
    shown = client.get(url, headers=FROM_OUR_PAGES)
    assert shown.status_code == 200 and "A complaint was started on this device" not in text_of(shown)


def test_starting_again_deletes_the_unfinished_complaint(app, client):
    answer_until_check(client)
    assert drafts_in(app) == 1
    response = client.post("/complaint/start", data={"choice": "start-again"})
    assert response.status_code == 303 and response.location == "/complaint/"
    assert drafts_in(app) == 0
    for url in ["/complaint/check", "/complaint/your-complaint", "/complaint/start"]:
        html = client.get(url, follow_redirects=True).get_data(as_text=True)
        for secret in SECRETS:
            assert secret not in html, (url, secret)


def test_carrying_on_goes_back_to_where_the_person_was(app, client):
    answer_until_check(client)
    response = client.post("/complaint/start", data={"choice": "carry-on"}, follow_redirects=True)
    assert response.request.path == "/complaint/check"
    assert "Sam Smith" in text_of(response)
    assert drafts_in(app) == 1


@pytest.mark.parametrize(
    "data", [{}, {"choice": "both"}, {"choice": ["carry-on", "start-again"]}, {"choice": "x" * 10000}]
)
def test_no_or_a_strange_choice_asks_again_and_deletes_nothing(app, client, data):
    answer_until_check(client)
    response = client.post("/complaint/start", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Error: A complaint was started on this device" in html
    assert "Select whether to carry on with this complaint or start a new one" in html
    for secret in SECRETS:
        assert secret not in html
    check_page(html)
    assert drafts_in(app) == 1


def test_with_nothing_answered_yet_nobody_is_asked(client):
    assert client.get("/complaint/start").location == "/complaint/"
    assert client.post("/complaint/start", data={"choice": "start-again"}).location == "/complaint/"


def test_once_asked_nothing_of_the_complaint_opens_or_sends_until_the_question_is_answered(app, client):
    answer_until_check(client)
    client.get("/complaint/start")  # the next person sees the question and does not answer it
    for url in ["/complaint/check", "/complaint/your-complaint", "/complaint/contact-details", "/complaint/"]:
        response = client.get(url, headers=FROM_OUR_PAGES, follow_redirects=True)
        assert response.request.path == "/complaint/start", url
        for secret in SECRETS:
            assert secret not in response.get_data(as_text=True), (url, secret)
    assert client.post("/complaint/your-complaint", data={"what_happened": "changed"}).location == "/complaint/start"
    assert client.post("/complaint/send").location == "/complaint/start"
    assert drafts_in(app) == 1
    with app.test_client() as other:  # nothing was sent
        assert "changed" not in other.get("/complaint/check", follow_redirects=True).get_data(as_text=True)
    client.post("/complaint/start", data={"choice": "carry-on"})
    assert "The visits stopped." in text_of(client.get("/complaint/check"))



@pytest.mark.parametrize("deleted_by", ["start a new complaint", "exit this page"])
def test_a_page_left_open_in_another_tab_says_its_complaint_was_deleted_and_gives_its_text(make_app, deleted_by):
    """Found by a fresh-eyes walk: Kai's tab was still open on his complaint when his foster carer, in another
    tab, chose "Start a new complaint and delete the unfinished one". Kai pressed Continue and met an empty first
    question, with no word of what had happened. Now the page says the complaint is not on this device any more
    and that nothing was sent, and shows back what he had just written, to copy; nothing of it is stored.
    (With CSRF checks on, as in production: the left page's token is ours but from the earlier session.)"""
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    walk_with_tokens(client, PARENT)
    kais_tab = client.get("/complaint/your-complaint")
    assert kais_tab.status_code == 200
    if deleted_by == "exit this page":
        client.get("/leave")
    else:
        client.get("/complaint/start")
        client.post("/complaint/start", data={"choice": "start-again", "csrf_token": token_of(kais_tab)})
    assert drafts_in(app) == 0
    client.get("/complaint/")  # the other tab goes on: a new session, with its own token
    written = "Sharon shouts at me and says I will be moved"
    response = client.post("/complaint/your-complaint",
                           data={"what_happened": written, "put_right": "Help", "csrf_token": token_of(kais_tab)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Your answers have been deleted" in text_of(response)
    assert "This complaint is not on this device any more" in text_of(response)
    assert "Nothing was sent to the council" in text_of(response)
    assert written in text_of(response)
    assert drafts_in(app) == 0
    check_page(html)
    # Someone who never had a complaint here, posting a later page with no token or a made-up one, is sent to
    # the first question as before; so is one with this very session's own token.
    fresh = app.test_client()
    own = token_of(fresh.get("/complaint/child-in-danger"))
    for token in ("", "made-up", own):
        assert fresh.post("/complaint/your-complaint", data={"what_happened": written, "csrf_token": token}
                          ).status_code in (302, 303)
