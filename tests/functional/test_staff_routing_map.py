"""The routing map in plain words: worked out from the rules and the profile, the same as `flask routes`."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import TEST_STAFF_PASSWORD
from wizard.domain.profiles import available_councils
from wizard.domain.vocabulary import ABOUT_LABELS, FLAG_LABELS, OUTCOME_LABELS, WHO_LABELS

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = available_councils()


class Rows(HTMLParser):
    """The rows of one table (by id): their data- attributes and the text of each cell."""

    def __init__(self, table_id):
        super().__init__(convert_charrefs=True)
        self.table_id, self.inside, self.rows, self.cell = table_id, False, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tr" and "data-outcome" in attrs:
            self.rows.append({"data": attrs, "cells": []})
        elif self.inside and tag == "td" and self.rows:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif tag == "td" and self.cell is not None:
            self.rows[-1]["cells"].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html, table_id="routing-table"):
    parser = Rows(table_id)
    parser.feed(html)
    return parser.rows


def flask_routes(council, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "routes", "--council", council, "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def signed_in_client(make_app, council="example"):
    app = make_app(WTF_CSRF_ENABLED=False, COUNCIL=council, COUNCIL_INBOX="complaints@council.example")
    client = app.test_client()
    assert client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD}).status_code == 302
    return client


def key_of_json(row):
    cont = row["continue_without_consent"]
    return (row["who"], row["about"], row["age_band"] or "", row["child_agrees"] or "",
            "" if cont is None else str(cont).lower(), row["outcome"], " ".join(row["flags"]), row["rule"])


def key_of_html(row):
    d = row["data"]
    return (d["data-who"], d["data-about"], d["data-age-band"], d["data-agrees"], d["data-continue"],
            d["data-outcome"], d["data-flags"], d["data-rule"])


def test_shipped_profiles_are_all_checked():
    assert {"example", "kingston", "lancashire"} <= set(SHIPPED)


@pytest.mark.parametrize("council", SHIPPED)
def test_the_map_has_every_combination_and_agrees_with_flask_routes(make_app, tmp_path, council):
    expected = flask_routes(council, tmp_path)
    html = signed_in_client(make_app, council).get("/staff/routing").get_data(as_text=True)
    rows = table_rows(html)
    assert [key_of_html(r) for r in rows] == [key_of_json(r) for r in expected["routes"]]
    # Every who and every subject appears: nothing is left out of the map.
    assert {r["data"]["data-who"] for r in rows} == set(WHO_LABELS)
    assert {r["data"]["data-about"] for r in rows} == set(ABOUT_LABELS)
    # In plain words, from the vocabulary's labels; no id shows unless asked for.
    for row, source in zip(rows, expected["routes"], strict=True):
        who, about, _age, _agrees, _cont, outcome, flags = row["cells"]
        assert who == WHO_LABELS[source["who"]]
        assert about == ABOUT_LABELS[source["about"]]
        assert outcome == OUTCOME_LABELS[source["outcome"]]
        assert flags == ("; ".join(FLAG_LABELS[f] for f in source["flags"]) or "None")
    assert "<code>" not in html
    assert f"{expected['consent_age']} or over, or age not known" in html


def test_kingstons_child_protection_shows_as_its_statutory_procedure(make_app):
    html = signed_in_client(make_app, "kingston").get(
        "/staff/routing", query_string={"who": "parent", "about": "child_protection"}
    ).get_data(as_text=True)
    rows = table_rows(html)
    assert len(rows) == 1
    assert rows[0]["cells"][5] == "The children's social care complaints procedure"


def test_filters_by_outcome_who_and_subject(make_app):
    client = signed_in_client(make_app)
    everything = table_rows(client.get("/staff/routing").get_data(as_text=True))
    consent = table_rows(client.get("/staff/routing?outcome=consent_needed").get_data(as_text=True))
    assert consent and all(r["data"]["data-outcome"] == "consent_needed" for r in consent)
    assert len(consent) == sum(r["data"]["data-outcome"] == "consent_needed" for r in everything)
    relative = table_rows(client.get("/staff/routing?who=relative").get_data(as_text=True))
    assert relative and {r["data"]["data-who"] for r in relative} == {"relative"}
    assert len(relative) == sum(r["data"]["data-who"] == "relative" for r in everything)
    both = client.get("/staff/routing?who=relative&about=fostering&outcome=corporate").get_data(as_text=True)
    rows = table_rows(both)
    # A relative, for a fostered child: under 12 (council decides), or 12+ and going on without agreement.
    assert {(r["data"]["data-age-band"], r["data"]["data-continue"]) for r in rows} == {
        ("younger", ""), ("consent_age_or_over", "true")
    }
    assert f"Showing {len(rows)} of {len(everything)} combinations." in both
    none = client.get("/staff/routing?who=parent&outcome=consent_needed").get_data(as_text=True)
    assert "No combination fits these filters." in none and not table_rows(none)


def test_a_bad_filter_is_an_error_on_the_page_not_a_failure(make_app):
    client = signed_in_client(make_app)
    response = client.get("/staff/routing", query_string={"who": "<script>king</script>", "outcome": "x"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "There is a problem" in html and "<script>king" not in html
    assert len(table_rows(html)) > 100  # the whole map is still shown


def test_ids_are_shown_on_request_for_people_who_configure_profiles(make_app):
    client = signed_in_client(make_app)
    html = client.get("/staff/routing?ids=1&who=relative").get_data(as_text=True)
    assert "<code>for_child_consent_needed</code>" in html
    assert "<code>consent_age_or_over</code>" in html
    assert "subject_route is statutory" in html


def test_the_consent_branches_for_a_child_under_and_over_the_consent_age(make_app):
    html = signed_in_client(make_app, "kingston").get("/staff/routing").get_data(as_text=True)
    branches = table_rows(html, "consent-branches")
    cells = [tuple(b["cells"]) for b in branches]
    assert ("Under 12", "Any answer", "Either", OUTCOME_LABELS["corporate"],
            FLAG_LABELS["sufficient_interest"]) in cells
    assert ("12 or over, or age not known", "Yes", "Either", OUTCOME_LABELS["statutory"], "None") in cells
    assert ("12 or over, or age not known", "No", "No", OUTCOME_LABELS["consent_needed"], "None") in cells
    assert ("12 or over, or age not known", "No", "Yes, without the child's agreement", OUTCOME_LABELS["corporate"],
            FLAG_LABELS["sufficient_interest"]) in cells
    assert {b["data"]["data-age-band"] for b in branches} == {"younger", "consent_age_or_over"}


def test_the_summary_follows_the_profile(make_app):
    example = signed_in_client(make_app, "example").get("/staff/routing").get_data(as_text=True)
    kingston = signed_in_client(make_app, "kingston").get("/staff/routing").get_data(as_text=True)
    statutory = "These subjects go to the children&#39;s social care complaints procedure:"
    line = kingston[kingston.index(statutory):].split("</li>")[0]
    assert "Child protection" in line
    line = example[example.index(statutory):].split("</li>")[0]
    assert "Child protection" not in line
