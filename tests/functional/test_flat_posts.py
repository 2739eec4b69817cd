"""A POST costs the same however many answers follow it (issue 10): an answer posted again as the draft keeps it
(Continue on a page looked at again) walks only to the next page, and leaves what was kept as it was; a changed
answer walks on and validates what follows, as before."""

from __future__ import annotations

from tests.journey_answers import PARENT, slug_of
from wizard import db
from wizard.journey import drafts


def stored(app, client) -> drafts.Draft:
    with client.session_transaction() as session:
        draft_id = session["draft"]
    connection = db.connect(app.config)
    try:
        return drafts.load(connection, draft_id, 60, write=False)
    finally:
        connection.close()


def answer_all(client) -> list[tuple[str, dict, str]]:
    """The parent's journey to Check your answers: (page, answer, where it led) for each page."""
    response = client.get("/complaint/")
    led = []
    while slug_of(response.location) != "check":
        url = response.location
        data = PARENT.get(slug_of(url), {"carry_on": "yes"})
        response = client.post(url, data=data)
        assert response.status_code == 302
        led.append((url, data, response.location))
    return led


def test_an_answer_posted_again_leads_where_it_led_and_costs_the_same_whatever_follows(app, client, counted):
    led = answer_all(client)
    assert len(led) >= 15
    before = stored(app, client)
    counted()
    for position, (url, data, location) in enumerate(led):
        response = client.post(url, data=data)
        assert response.status_code == 302 and response.location == location, url
        found = counted()
        # The posted form only (nothing after it validated again), and the seals of the pages up to it and its
        # own checked (and as far as "who are you", whose words every page uses), none after it: as many with 16
        # answers after it as with none.
        assert found["validate"] == 1, (url, found)
        assert found["mac"] <= max(position + 1, 3), (url, found)
        after = stored(app, client)
        assert after.steps == before.steps and after.known == before.known  # what was kept stays as it was
    assert client.get("/complaint/check").status_code == 200


def test_a_changed_answer_still_walks_on_and_validates_what_follows(app, client, counted):
    answer_all(client)
    counted()
    response = client.post("/complaint/who-are-you", data={"who": "relative"})
    assert response.status_code == 302 and slug_of(response.location) == "what-is-it-about"
    found = counted()
    assert found["validate"] >= 10  # every later answer validated again with the new one before it
    draft = stored(app, client)
    assert draft.steps["who"] == {"who": ["relative"]}
    assert set(draft.known["steps"]) == set(draft.steps)  # every answer's values found again, and sealed
    assert client.get("/complaint/check").status_code == 200
    # Back to the parent: the route's questions for a parent (the child's knowing) come back into the draft.
    client.post("/complaint/who-are-you", data={"who": "parent"})
    assert client.get("/complaint/check").status_code == 200


def test_an_answer_posted_again_from_check_your_answers_goes_back_to_it(client):
    answer_all(client)
    response = client.post("/complaint/who-are-you?change=1", data=PARENT["who-are-you"])
    assert response.status_code == 302 and response.location.endswith("/complaint/check")


def test_a_kept_value_changed_in_the_database_is_validated_again_when_its_answer_is_posted(app, client, counted):
    import json

    answer_all(client)
    draft = stored(app, client)
    known = draft.known
    known["steps"]["complaint"]["values"]["what_happened"] = "Nothing happened at all."
    connection = db.connect(app.config)
    try:
        with db.transaction(connection):
            connection.execute(
                "UPDATE drafts SET answers = ? WHERE id = ?",
                (json.dumps({**draft.steps, drafts.KNOWN: known}), draft.id),
            )
    finally:
        connection.close()
    counted()
    response = client.post("/complaint/your-complaint", data=PARENT["your-complaint"])
    assert response.status_code == 302 and slug_of(response.location) == "your-name"
    assert counted()["validate"] >= 2  # not taken from the changed value: validated, and what follows
    assert "Nothing happened at all." not in json.dumps(stored(app, client).known)


def test_an_answer_posted_again_writes_only_the_drafts_time(app, client):
    led = answer_all(client)
    url, data, location = led[3]
    with db.recording() as statements:
        response = client.post(url, data=data)
    assert response.status_code == 302 and response.location == location
    writes = [sql for sql, _ in statements if sql.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]
    assert writes and not [sql for sql in writes if "answers = ?," in sql or "SET answers" in sql], writes


def test_the_drafts_time_alone_is_not_written_over_another_tabs_answers(app, client):
    import json

    answer_all(client)
    draft = stored(app, client)
    connection = db.connect(app.config)
    try:
        read = drafts.load(connection, draft.id, 60)
        other = {**read.steps, "name": {"name": ["Another Tab"]}}
        with db.transaction(connection):  # another tab saves between this request's read and its write
            connection.execute("UPDATE drafts SET answers = ? WHERE id = ?", (json.dumps(other), draft.id))
        assert drafts.keep_as_read(connection, read, 60) is False
        assert drafts.load(connection, draft.id, 60).steps["name"] == {"name": ["Another Tab"]}
        again = drafts.load(connection, draft.id, 60)
        assert drafts.keep_as_read(connection, again, 60) is True
        again.pending = {"step": "who"}
        assert drafts.keep_as_read(connection, again, 60) is False  # waiting errors are cleared by a real save
    finally:
        connection.close()
