"""The staff pages in Chromium: signing in by keyboard, and axe on each page."""

from tests.conftest import TEST_STAFF_PASSWORD

# The routing map and a scenario's emails are long pages: on a busy two-core machine they take more than the
# usual ten seconds to load and to photograph.
SLOW_PAGES_MS = 60000


def test_staff_pages_pass_axe_and_work_by_keyboard(live_server, page, axe):
    page.set_default_timeout(SLOW_PAGES_MS)
    page.goto(live_server.url + "/staff/sign-in")
    # The error page has the same address: wait for it to load, or its title is read while it is still empty.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.title().startswith("Error: ")
    axe(page, "staff sign-in with an error")
    page.get_by_label("Staff password").focus()
    page.keyboard.type(TEST_STAFF_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/")
    axe(page, "staff overview")
    page.get_by_role("link", name="How complaints are routed").click()
    page.wait_for_url("**/staff/routing")
    axe(page, "routing map")
    page.get_by_role("link", name="Try a scenario").click()
    page.wait_for_url("**/staff/scenario")
    page.get_by_label("Who is complaining").select_option("advocate")
    page.get_by_label("What it is about").select_option("looked_after")
    page.get_by_label("Child's age (optional)").fill("14")
    page.get_by_label("Does the child agree?").select_option("yes")
    page.get_by_role("button", name="Show the route").click()
    page.wait_for_url("**who=advocate**")
    result = page.locator("#scenario-result").inner_text()
    assert "Where it goes: The children's social care complaints procedure" in result
    axe(page, "scenario result")
    page.get_by_role("link", name="What the emails look like").click()
    page.wait_for_url("**/staff/emails")
    assert "Advocate requested" in page.locator("main").inner_text()
    axe(page, "email preview")


def test_staff_filter_the_routing_map_and_run_a_scenario_with_a_birth_date(make_live_server, page, axe, smtp_server,
                                                                         tmp_path):
    import sqlite3

    from wizard.db import database_path

    page.set_default_timeout(SLOW_PAGES_MS)
    server = make_live_server(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    page.goto(server.url + "/staff/routing")
    page.wait_for_url("**/staff/sign-in")
    page.get_by_label("Staff password").fill(TEST_STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")
    page.get_by_role("link", name="How complaints are routed").click()
    page.wait_for_url("**/staff/routing")
    page.wait_for_load_state()
    all_rows = page.locator("#routing-table tbody tr").count()
    page.screenshot(path=str(tmp_path / "routing-map.png"), full_page=True, timeout=SLOW_PAGES_MS)
    page.get_by_label("Who is complaining").select_option("relative")
    page.get_by_label("Where it goes").select_option("consent_needed")
    page.get_by_role("button", name="Show these routes").click()
    page.wait_for_url("**outcome=consent_needed**")
    page.wait_for_load_state()
    rows = page.locator("#routing-table tbody tr")
    assert 0 < rows.count() < all_rows
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert cells.nth(0).inner_text() == "A relative or friend of the child"
        assert cells.nth(5).inner_text() == "The child's agreement is needed"
    assert page.get_by_label("Who is complaining").input_value() == "relative"  # the filter stays chosen
    axe(page, "routing map, filtered")
    page.screenshot(path=str(tmp_path / "routing-map-filtered.png"), full_page=True, timeout=SLOW_PAGES_MS)

    page.get_by_role("link", name="Try a scenario").click()
    page.wait_for_url("**/staff/scenario")
    page.get_by_label("Who is complaining").select_option("relative")
    page.get_by_label("What it is about").select_option("fostering")
    page.get_by_label("Child's date of birth (optional)").fill("2012-03-01")
    page.get_by_label("Does the child agree?").select_option("yes")
    page.get_by_label("Date the complaint is received (optional; today if empty)").fill("2026-12-26")
    page.get_by_label("An advocate is wanted").check()
    page.get_by_role("button", name="Show the route").click()
    page.wait_for_url("**child_dob=2012-03-01**")
    result = page.locator("#scenario-result").inner_text()
    assert "Where it goes: The children's social care complaints procedure" in result
    assert "the child is 14 on the day the complaint is made" in result
    # Boxing Day falls on a Saturday, so Monday 28 December is the substitute bank holiday.
    assert "counts as received on Tuesday 29 December 2026" in page.locator("#received-on").inner_text()
    dates = page.locator("#scenario-dates").inner_text()
    assert "Acknowledge by\tMonday 4 January 2027" in dates
    assert page.get_by_role("heading", name="To the complaints inbox").is_visible()
    assert page.get_by_role("heading", name="To the advocacy service").is_visible()
    assert "2012-03-01" in page.get_by_role("region", name="The JSON attached for case systems").inner_text()
    axe(page, "scenario with emails")
    page.screenshot(path=str(tmp_path / "scenario.png"), full_page=True, timeout=SLOW_PAGES_MS)
    page.emulate_media(media="print")
    page.goto(server.url + "/staff/routing")
    page.screenshot(path=str(tmp_path / "routing-map-print.png"), full_page=True, timeout=SLOW_PAGES_MS)
    assert not page.get_by_role("button", name="Show these routes").is_visible()
    page.emulate_media(media="screen")

    # Nothing was sent to the mail server, and nothing stored.
    assert smtp_server.messages == []
    path = database_path(server.app.config["DATA_DIR"])
    if path.exists():
        connection = sqlite3.connect(path)
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in {"complaints", "outbox"} & tables:
            assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0  # noqa: S608
        connection.close()
    print(f"screenshots in {tmp_path}")


def test_the_profile_page_in_chromium(make_live_server, page, axe, tmp_path):
    page.set_default_timeout(SLOW_PAGES_MS)
    server = make_live_server(COUNCIL="lancashire", COUNCIL_INBOX="complaints@council.example")
    page.goto(server.url + "/staff/profile")
    page.get_by_label("Staff password").fill(TEST_STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")
    page.get_by_role("link", name="This council's profile").click()
    page.wait_for_url("**/staff/profile")
    assert "The profile marks 3 values to check with the council." in page.locator("main").inner_text()
    assert page.get_by_role("table", name="Timescales: The children's social care complaints procedure").is_visible()
    axe(page, "profile page")
    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path=str(tmp_path / "profile-320.png"), full_page=True, timeout=SLOW_PAGES_MS)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / "profile.png"), full_page=True, timeout=SLOW_PAGES_MS)
    for path in ("/staff/", "/staff/emails", "/staff/scenario", "/staff/routing?ids=1"):
        page.goto(server.url + path)
        axe(page, path)
        page.screenshot(path=str(tmp_path / (path.strip("/").replace("/", "-").replace("?", "-") + ".png")),
                        full_page=True, timeout=SLOW_PAGES_MS)
    print(f"screenshots in {tmp_path}")
