"""Figures for the annual report: counted when people complain or are sent elsewhere, kept when the complaints
are purged, shown on a staff page and in a CSV, counts only, small ones hidden."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from tests.conftest import TEST_STAFF_PASSWORD
from tests.journey_answers import PARENT, TODAY, answer_until_check, text_of
from wizard.delivery.store import utcnow
from wizard.journey.drafts import purge_expired
from wizard.retention import purge
from wizard.staff.annual_figures import financial_year_months

MONTH = f"{TODAY.year:04d}-{TODAY.month:02d}"
FINANCIAL_YEAR = TODAY.year if TODAY.month >= 4 else TODAY.year - 1


def sign_in(client):
    client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD})
    return client


def complain(app, **changes) -> str:
    client = app.test_client()
    answer_until_check(client, {**PARENT, **changes})
    assert client.post("/complaint/send").location.endswith("/complaint/sent")
    page = client.get("/complaint/sent")
    page.close()
    return re.search(r'class="app-reference">([^<]+)<', page.get_data(as_text=True)).group(1)


def school_exit(app):
    client = app.test_client()
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    client.post("/complaint/new-or-reply", data={"kind": "new"})
    client.post("/complaint/who-are-you", data={"who": "parent"})
    assert client.post("/complaint/what-is-it-about", data={"about": "school"}).location.endswith("school-complaint")


def emergency_exit(app):
    client = app.test_client()
    assert client.post("/complaint/child-in-danger", data={"danger": "yes"}).location.endswith("get-help-now")


def csv_rows(client) -> dict[str, dict[str, str]]:
    response = client.get("/staff/figures.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    return {row["Id"]: row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))}


def page_cells(client) -> dict[str, str]:
    html = client.get("/staff/figures").get_data(as_text=True)
    month_index = financial_year_months(FINANCIAL_YEAR).index(MONTH)
    found = {}
    for line_id, cells in re.findall(r'<tr class="govuk-table__row" data-id="([^"]+)">(.*?)</tr>', html, re.S):
        values = re.findall(r'<td class="govuk-table__cell[^"]*"[^>]*>(.*?)</td>', cells, re.S)
        found[line_id] = re.sub(r"<[^>]+>", "|", values[month_index])
    return found


def test_three_complaints_and_two_exits_give_counts_that_are_hidden_under_five(app):
    references = [complain(app), complain(app, **{"what-is-it-about": {"about": "fostering"}}), complain(app)]
    school_exit(app)
    emergency_exit(app)
    staff = sign_in(app.test_client())
    rows = csv_rows(staff)
    assert set(rows["new:complaints:all"]) >= {MONTH}
    assert rows["new:complaints:all"][MONTH] == "<5"  # 3 complaints: hidden
    assert rows["new:subject:looked_after"][MONTH] == "<5"
    assert rows["new:subject:fostering"][MONTH] == "<5"
    assert rows["new:subject:adoption"][MONTH] == "0"
    assert rows["none:exit:school"][MONTH] == "<5" and rows["none:exit:emergency"][MONTH] == "<5"
    assert rows["none:exit:provider"][MONTH] == "0"
    # The page shows the same cells (with words for screen readers where hidden).
    cells = page_cells(staff)
    for line_id, row in rows.items():
        if row[MONTH] == "<5":
            assert "&lt;5" in cells[line_id] and "fewer than 5" in cells[line_id], line_id
        else:
            assert cells[line_id] == row[MONTH], line_id
    # Counts only: no reference, name or anything typed, anywhere in the CSV.
    text = staff.get("/staff/figures.csv").get_data(as_text=True)
    for secret in [*references, "Pat Jones", "Sam Smith", "pat@example.com", "The visits stopped", "Restart them"]:
        assert secret not in text


def test_five_or_more_are_shown_and_a_lone_small_count_is_not_given_away(app):
    for _ in range(5):
        complain(app)
    complain(app, **{"what-is-it-about": {"about": "fostering"}, "advocate-for-the-child": {"advocacy": "yes"}})
    staff = sign_in(app.test_client())
    rows = csv_rows(staff)
    assert rows["new:complaints:all"][MONTH] == "6"
    assert rows["new:procedure:statutory"][MONTH] == "6"
    assert rows["new:who:parent"][MONTH] == "6"
    assert rows["new:language:en"][MONTH] == "6"
    # Fostering (1) is hidden; looked after (5) is hidden too, or 6 - 5 would show the one.
    assert rows["new:subject:fostering"][MONTH] == "<5"
    assert rows["new:subject:looked_after"][MONTH] == "<5"
    assert rows["new:advocate_requested:yes"][MONTH] == "<5"
    assert "escalation:complaints:all" not in rows  # no escalations counted: no empty section


def test_the_counts_stay_when_the_complaints_are_purged(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)  # sent (to files) before the page returns
    for _ in range(5):
        complain(app)
    report = purge(app.config, purge_expired, now=utcnow() + timedelta(days=app.config["RETENTION_DAYS"], hours=1))
    assert report.complaints == 5
    rows = csv_rows(sign_in(app.test_client()))
    assert rows["new:complaints:all"][MONTH] == "5"


def test_the_figures_page_in_plain_words_and_a_bad_year_is_an_error_on_the_page(app):
    staff = sign_in(app.test_client())
    page = staff.get("/staff/figures")
    assert page.status_code == 200
    text = text_of(page)
    assert "Figures for the annual report" in text and "Complaints made" in text
    assert f"April {FINANCIAL_YEAR} to March {FINANCIAL_YEAR + 1}" in text
    assert "Told to use the school's own complaints procedure" in text
    bad = staff.get("/staff/figures?year=1066")
    assert bad.status_code == 200 and "There is a problem" in text_of(bad)
    assert staff.get("/staff/figures.csv?year=abc").status_code == 200


def test_the_figures_are_for_staff_only(app):
    citizen = app.test_client()
    for url in ("/staff/figures", "/staff/figures.csv"):
        assert citizen.get(url).location.endswith("/staff/sign-in")
