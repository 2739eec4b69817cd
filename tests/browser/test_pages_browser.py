"""Every page in real Chromium: axe finds nothing at 1280 px and 320 px, and nothing scrolls sideways."""

import pytest

PAGES = ["/", "/accessibility", "/privacy", "/cookies", "/no-such-page"]


@pytest.mark.parametrize("width", [1280, 320])
def test_pages_pass_axe_and_fit_the_screen(live_server, browser, axe, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        # The English pages, then the Welsh start page with its notice that some parts are still in English.
        for path in [*PAGES, "/language/cy?next=/"]:
            page.goto(live_server.url + path)
            axe(page, f"{path} at {width}px")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    finally:
        context.close()


def test_scripts_run_under_the_content_security_policy(live_server, page):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(live_server.url + "/")
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    # GOV.UK Frontend initialised the Exit this page button: its JavaScript ran under our CSP.
    page.wait_for_selector(".govuk-exit-this-page[data-govuk-exit-this-page-init]")
    assert problems == []


def test_exit_this_page_leaves_the_service(live_server, page):
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, body="<title>Weather</title>"))
    page.goto(live_server.url + "/privacy")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url("https://www.bbc.co.uk/**")


def test_skip_link_is_first_and_goes_to_main_content(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_pages_work_with_javascript_off(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.get_by_role("link", name="Cymraeg").click()
        assert page.locator("html").get_attribute("lang") == "cy"
        assert page.get_by_role("heading", level=1).inner_text() == "Gwneud cwyn am ofal cymdeithasol plant"
        # the Welsh catalogue is complete, so the "partly translated" notice is gone (issue 14)
        assert page.get_by_text("Nid yw rhai rhannau o'r gwasanaeth hwn wedi'u cyfieithu eto.").count() == 0
    finally:
        context.close()


def _add_failing_route(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/test-failure")
    def failure():
        raise RuntimeError("boom")


@pytest.mark.parametrize("width", [1280, 320])
def test_error_pages_pass_axe(make_live_server, browser, axe, width):
    server = make_live_server(prepare=_add_failing_route, RATE_LIMIT_PER_MINUTE=2)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        response = page.goto(server.url + "/test-failure")
        assert response.status == 500
        assert page.get_by_role("heading", level=1).inner_text() == "Sorry, there is a problem with the service"
        axe(page, f"500 page at {width}px")

        # A form whose security token has gone (the session ended): the friendly timed-out page.
        page.goto(server.url + "/staff/sign-in")
        context.clear_cookies()
        page.get_by_label("Staff password").fill("anything at all")
        page.get_by_role("button", name="Sign in").click()
        assert page.get_by_role("heading", level=1).inner_text() == "This page timed out"
        axe(page, f"timed-out page at {width}px")

        # Two posts a minute are allowed here; the third gets the 429 page.
        for _ in range(2):
            page.goto(server.url + "/staff/sign-in")
            page.get_by_role("button", name="Sign in").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Sorry, there have been too many attempts"
        axe(page, f"429 page at {width}px")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    finally:
        context.close()
