"""Every duration a person reads is written as hours when it is whole hours: "2 hours", "2 awr", never
"120 minutes" or "120 munud" (issue 14, session 5)."""

from __future__ import annotations

import pytest

from tests.journey_answers import text_of

PAGES = ["/", "/privacy", "/cookies"]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_draft_time_limit_reads_as_2_hours_on_the_start_privacy_cookies_and_question_pages(client, language):
    client.get(f"/language/{language}?next=/")
    for url in PAGES:
        text = text_of(client.get(url))
        assert "120" not in text, url
        assert ("2 awr" if language == "cy" else "2 hours") in text, url
    client.get("/complaint/")
    question = text_of(client.get("/complaint/child-in-danger"))
    assert "120" not in question
    wanted = "os na fyddwch yn parhau am 2 awr" if language == "cy" else "if you do not continue for 2 hours"
    assert wanted in question


def test_a_time_limit_that_is_not_whole_hours_stays_in_minutes(make_app):
    client = make_app(DRAFT_TIMEOUT_MINUTES=90).test_client()
    assert "If you stop for more than 90 minutes" in text_of(client.get("/"))
    client.get("/language/cy?next=/")
    assert "am fwy na 90 munud" in text_of(client.get("/"))
