"""The month's figures count each time an answer leads to the page about care from another organisation, not again
while that page is where the person already was; finding that out walks the draft only as far as that page."""

from __future__ import annotations

import sqlite3

from tests.journey_answers import PARENT, slug_of

# A parent whose complaint is about care the council arranged: who-gave-the-care is asked.
ANSWERS = {**PARENT, "who-gave-the-care": {"provider": "no"}}
PROVIDER = "/complaint/who-gave-the-care"
YES = {"provider": "yes", "provider_name": "Hilltop Children's Home"}


def provider_exits(app) -> int:
    connection = sqlite3.connect(app.config["DATA_DIR"] / "wizard.sqlite3")
    try:
        found = connection.execute(
            "SELECT sum(count) FROM annual_figures WHERE measure = 'exit' AND value = 'provider'"
        ).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()
    return found or 0


def answer_to_check(client, answers) -> int:
    response = client.get("/complaint/")
    answered = 0
    while slug_of(response.location) != "check":
        url = response.location
        response = client.post(url, data=answers.get(slug_of(url), {"carry_on": "yes"}))
        assert response.status_code == 302
        answered += 1
    return answered


def test_the_provider_page_is_counted_each_time_an_answer_leads_to_it_and_not_while_the_person_is_on_it(app):
    client = app.test_client()
    response = client.get("/complaint/")
    while slug_of(response.location) != "who-gave-the-care":
        response = client.post(response.location, data=ANSWERS.get(slug_of(response.location), {"carry_on": "yes"}))
    assert provider_exits(app) == 0
    response = client.post(PROVIDER, data=YES)
    assert slug_of(response.location) == "care-from-another-organisation"
    assert provider_exits(app) == 1
    assert client.get(response.location).status_code == 200
    # The same answer again (Back, then Continue): the page is still where they were, so not counted again.
    assert slug_of(client.post(PROVIDER, data=YES).location) == "care-from-another-organisation"
    assert provider_exits(app) == 1
    # Another answer, then yes again: the page is reached anew.
    assert slug_of(client.post(PROVIDER, data={"provider": "no"}).location) != "care-from-another-organisation"
    assert slug_of(client.post(PROVIDER, data=YES).location) == "care-from-another-organisation"
    assert provider_exits(app) == 2
    # The person carries on past it: a page they passed is not where they are, and leading to it counts again.
    client.post("/complaint/care-from-another-organisation", data={"carry_on": "yes"})
    assert slug_of(client.post(PROVIDER, data=YES).location) == "care-from-another-organisation"
    assert provider_exits(app) == 3


def test_counting_the_provider_page_walks_only_as_far_as_it_however_many_answers_follow(app, counted):
    client = app.test_client()
    answered = answer_to_check(client, {**ANSWERS, "who-gave-the-care": YES})
    assert answered >= 16
    before = provider_exits(app)
    counted()
    # Every answer given: who-gave-the-care answered yes again leads to the provider page, which was not where the
    # person was (they were at Check your answers): counted once more.
    assert slug_of(client.post(PROVIDER, data=YES).location) == "care-from-another-organisation"
    found = counted()
    assert provider_exits(app) == before + 1
    # Seals checked: the steps up to the provider page (danger, new-or-reply, who, about, who-gave-the-care), each
    # once, never the dozen answers after it; no answer validated but the one posted (and the kept one).
    assert found["mac"] <= 6, found
    assert found["validate"] <= 2 and found["route"] <= 3, found
