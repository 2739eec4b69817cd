"""The same journey gives each council's own route and dates, from its profile alone."""

import pytest

from tests.journey_answers import PARENT, TODAY, answer_until_check, format_day, text_of
from wizard.domain.profiles import load_profile
from wizard.domain.timeline import milestones

CHILD_PROTECTION = {**PARENT, "what-is-it-about": {"about": "child_protection"}}


@pytest.mark.parametrize(
    ("council", "extra", "procedure", "words"),
    [
        ("kingston", {}, "statutory", "The children's social care complaints procedure"),
        ("example", {}, "corporate", "The council's own complaints procedure"),
        # Lancashire's page names no subjects, so the default (the Ombudsman's view) applies.
        ("lancashire", {"COUNCIL_INBOX": "complaints@lancashire.example"}, "corporate",
         "The council's own complaints procedure"),
    ],
)
def test_child_protection_follows_each_councils_profile(make_app, council, extra, procedure, words):
    app = make_app(COUNCIL=council, WTF_CSRF_ENABLED=False, **extra)
    client = app.test_client()
    answer_until_check(client, CHILD_PROTECTION)
    page = client.get("/complaint/check")
    text = text_of(page)
    profile = load_profile(council)
    assert profile.name in page.get_data(as_text=True)
    assert words in text
    timeline = milestones(profile, procedure, TODAY)
    assert format_day(timeline["acknowledgement"].due) in text
    assert format_day(timeline["stage1_response"].due) in text
