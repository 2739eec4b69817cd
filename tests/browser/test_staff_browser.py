"""The staff pages in Chromium: signing in by keyboard, and axe on each page."""

from tests.conftest import TEST_STAFF_PASSWORD


def test_staff_pages_pass_axe_and_work_by_keyboard(live_server, page, axe):
    page.goto(live_server.url + "/staff/sign-in")
    page.get_by_role("button", name="Sign in").click()
    assert page.title().startswith("Error: ")
    axe(page, "staff sign-in with an error")
    page.get_by_label("Staff password").focus()
    page.keyboard.type(TEST_STAFF_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/")
    axe(page, "staff overview")
    page.get_by_role("link", name="How complaints are routed").click()
    axe(page, "routing map")
    page.get_by_role("link", name="Try a scenario").click()
    page.get_by_label("Who is complaining").select_option("advocate")
    page.get_by_label("What it is about").select_option("looked_after")
    page.get_by_label("Child's age (optional)").fill("14")
    page.get_by_label("Does the child agree?").select_option("yes")
    page.get_by_role("button", name="Show the route").click()
    assert "Outcome: statutory" in page.locator("#scenario-result").inner_text()
    axe(page, "scenario result")
    page.get_by_role("link", name="What the emails look like").click()
    assert "Advocate requested" in page.locator("main").inner_text()
    axe(page, "email preview")
