"""Coming back after the answers were deleted: told so, and what the last page sent is shown back.

Found by a fresh-eyes walk with JavaScript off (so no warning dialog): after the time limit, pressing Continue
took the person silently to the first question, and the long text they had just typed was gone. The session
cookie expired at the same moment as the draft, so the service took them for someone new. Now the cookie
outlives the draft (which is still deleted on time, on the server), so they are told their answers were deleted,
and the texts their last page sent are shown back once, in that response, to copy. Nothing of it is stored.
"""

from __future__ import annotations

from datetime import timedelta

from tests.functional.test_leaving import drafts_in
from tests.functional.test_sessions import clock, timed_app  # noqa: F401 (fixtures)
from tests.journey_answers import answer_until_check, text_of
from wizard.app import COOKIE_OUTLIVES_DRAFT

LONG_STORY = "My brother and I were split up in March.\nNobody told us why.\n<b>I want to see him</b> every week."


def test_the_cookie_outlives_the_draft_it_points_to(timed_app):  # noqa: F811
    assert timed_app.permanent_session_lifetime == timedelta(minutes=120) + timedelta(seconds=COOKIE_OUTLIVES_DRAFT)


def test_a_page_sent_after_the_time_limit_says_the_answers_were_deleted_and_shows_what_it_sent(timed_app, clock):  # noqa: F811
    client = timed_app.test_client()
    answer_until_check(client)
    clock.advance(125)  # away (or typing slowly, with nothing to warn them) past the two hours
    response = client.post(
        "/complaint/your-complaint",
        data={"what_happened": LONG_STORY, "who_involved": "", "put_right": "Let me see him."},
    )
    html = response.get_data(as_text=True)
    text = text_of(response)
    assert response.status_code == 200
    assert "Your answers have been deleted" in text
    assert "What you wrote on the last page" in text
    assert "My brother and I were split up in March." in text and "Let me see him." in text
    assert "<b>I want to see him</b>" not in html and "&lt;b&gt;I want to see him&lt;/b&gt;" in html
    assert drafts_in(timed_app) == 0  # shown back, not kept
    # Everything earlier is gone, and the next page view is the same "deleted" page, without the texts.
    again = client.get("/complaint/your-complaint", follow_redirects=True)
    assert "Sam Smith" not in text_of(again) and "split up in March" not in text_of(again)


def test_a_page_view_after_the_time_limit_says_so_rather_than_starting_silently_again(timed_app, clock):  # noqa: F811
    client = timed_app.test_client()
    answer_until_check(client)
    clock.advance(125)
    response = client.get("/complaint/contact-details")
    assert response.status_code == 302 and response.location == "/complaint/expired"
    assert "Your answers have been deleted" in text_of(client.get(response.location))


def test_half_a_day_later_the_cookie_is_gone_and_it_is_a_fresh_start(timed_app, clock):  # noqa: F811
    client = timed_app.test_client()
    answer_until_check(client)
    clock.advance(120 + COOKIE_OUTLIVES_DRAFT / 60 + 1)
    response = client.get("/complaint/contact-details")
    assert response.location != "/complaint/expired"
    assert "Sam Smith" not in text_of(client.get("/complaint/check", follow_redirects=True))
