"""The profile page: what the service is set up to do for this council, in plain words, and what to check."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.conftest import TEST_STAFF_PASSWORD
from wizard.domain.profiles import ProfileError, available_councils, load_profile, parse_profile


def page_text(make_app, council="example", **config):
    app = make_app(WTF_CSRF_ENABLED=False, COUNCIL=council, COUNCIL_INBOX="complaints@council.example", **config)
    client = app.test_client()
    client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD})
    response = client.get("/staff/profile")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html, " ".join(unescape(re.sub(r"<[^>]+>", " ", html[html.index("<main"):])).split())


def section(html, element_id):
    start = html.index(f'id="{element_id}"')
    block = html[start: html.index("</table>" if "table" in html[start - 30: start] else "</dl>", start)]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", block)).split())


def test_kingstons_profile_shows_its_own_timescales_contacts_and_subjects(make_app):
    html, text = page_text(make_app, "kingston")
    assert "Royal Borough of Kingston upon Thames (RBK)" in text
    assert "crm.complaints@kingston.gov.uk" in text and "0208 547 5000" in text and "KT1 1EU" in text
    statutory = section(html, "profile-timescales-statutory")
    assert "Acknowledge by 2 working days after the day the complaint is received This council" in statutory
    assert "Stage 1 reply due 10 working days after the day the complaint is received The default" in statutory
    corporate = section(html, "profile-timescales-corporate")
    assert "Stage 1 reply due 15 working days after the day the complaint is received This council" in corporate
    assert "Stage 1 reply due at the latest, if complex Not published: no extension This council" in corporate
    subjects = section(html, "profile-subjects")
    assert "Child protection The children's social care complaints procedure This council" in subjects
    assert "Education The council's own complaints procedure The default" in subjects
    assert "Age a child can agree from 12" in text and "12 months after the matter" in text
    options = section(html, "profile-options")
    assert "Early referral to the Ombudsman, at the council's discretion and with the person's agreement Yes" in options
    assert "Conciliation or mediation offered before stage 2 No" in options


def test_lancashires_options_and_panel_clock(make_app):
    html, text = page_text(make_app, "lancashire")
    options = section(html, "profile-options")
    assert "Conciliation or mediation offered before stage 2 Yes" in options
    assert "The final response after a review panel is counted from the day the review panel meets" in options
    assert "None published: COUNCIL_INBOX must be set" in text
    assert "Final response due 15 working days after “Review panel to meet by”" in text


def test_every_installed_profile_is_listed_with_the_one_in_use(make_app):
    html, _text = page_text(make_app, "kingston")
    installed = section(html, "profiles-installed")
    for council_id in available_councils():
        assert council_id in installed and load_profile(council_id).name in installed
    assert "kingston Royal Borough of Kingston upon Thames In use" in installed
    assert "example Example Council Can be used (set COUNCIL=example)" in installed
    assert "lancashire Lancashire County Council Can be used (set COUNCIL=lancashire) Publishes no inbox" in installed


def test_the_values_to_check_with_the_council_are_warned_about(make_app):
    html, text = page_text(make_app, "lancashire")
    checks = section(html, "profile-checks")
    for name in load_profile("lancashire").checks:
        assert name in checks
    assert "emergency_phone" in checks
    assert "values to check with the council" in text
    _html, example = page_text(make_app, "example")
    assert "Check with the council before going live" not in example


def test_a_profile_check_must_name_a_field_of_the_profile():
    data = {
        "id": "x", "name": "X", "short_code": "XX", "inbox": "a@example.gov.uk", "phone": "01632 960000",
        "address": ["1 Street"], "website": "https://www.example.gov.uk", "emergency_phone": "01632 960001",
        "brand_colour": "#4c2c92",
    }
    ok = parse_profile({**data, "check_with_council": {"emergency_phone": "The main number, not the front door."}})
    assert ok.checks == {"emergency_phone": "The main number, not the front door."}
    with pytest.raises(ProfileError, match="check_with_council.emergency_fone"):
        parse_profile({**data, "check_with_council": {"emergency_fone": "typo"}})
    with pytest.raises(ProfileError, match="check_with_council.phone"):
        parse_profile({**data, "check_with_council": {"phone": ""}})
