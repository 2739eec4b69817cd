"""The app's template class (``wizard/templating.py``): pages drawn byte for byte as with Jinja's own class, an
import that lacks a global still given it by Jinja's own code, and a warning if Jinja's own check ever changes."""

from __future__ import annotations

import hashlib
import inspect
import re

import jinja2
import pytest

from tests.journey_answers import LONG, answer_until_check
from wizard.templating import Template


def _page(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    # What a request makes anew: the script nonce and the form's CSRF token.
    html = re.sub(r'nonce="[^"]+"', 'nonce="-"', html)
    return re.sub(r'(name="csrf_token" type="hidden" value=")[^"]+"', r'\1-"', html)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_pages_are_drawn_byte_for_byte_as_with_jinjas_own_template_class(make_app, language):
    app = make_app(WTF_CSRF_ENABLED=False)
    assert app.jinja_env.template_class is Template
    client = app.test_client()
    client.get(f"/language/{language}?next=/complaint/")
    slugs = answer_until_check(client, LONG)
    urls = [*(f"/complaint/{slug}" for slug in slugs[:4]), "/complaint/check", "/staff/sign-in",
            "/privacy", "/no-such-page"]
    ours = {url: _page(client, url) for url in urls}
    app.jinja_env.template_class = jinja2.Template
    app.jinja_env.cache.clear()
    theirs = {url: _page(client, url) for url in urls}
    assert type(app.jinja_env.get_template("base.html")) is jinja2.Template  # the pages were drawn again, by Jinja's
    assert "govuk-exit-this-page" in ours["/complaint/check"]  # a page drawn with GOV.UK Frontend's macros
    assert "govuk-summary-list" in ours["/complaint/check"]
    for url in urls:
        assert ours[url] == theirs[url], url


def _environment(**globals_) -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, loader=jinja2.DictLoader({
        "macros.html": "{% macro show() %}[{{ extra | default('none') }}]{% endmacro %}",
        "page.html": "{% from 'macros.html' import show %}{{ show() }}",
    }))
    env.template_class = Template
    env.globals.update(globals_)
    return env


def test_an_import_gets_the_globals_it_lacks_as_jinja_gives_them():
    env = _environment()
    # A page with a global of its own that the imported template lacks: Jinja's own code makes the module with it.
    page = env.get_template("page.html", globals={"extra": "the page global"})
    assert isinstance(page, Template)
    assert page.render() == "[the page global]"
    # Imported where nothing is lacking: the imported template's one cached module, made once.
    plain = _environment(extra="the app global")
    assert plain.get_template("page.html").render() == "[the app global]"
    cached = plain.get_template("macros.html")._module
    assert cached is not None
    assert plain.get_template("page.html").render() == "[the app global]"
    assert plain.get_template("macros.html")._module is cached


# The source of Jinja 3.1's ``Template._get_default_module``, as ``wizard/templating.py`` was written against it.
JINJAS_OWN = "1373f325dfe8ded6d441e8d2b8844bc7eb817d4353ce3574ac6bcc4f75b76be0"


def test_jinjas_own_check_is_still_the_one_this_class_asks_more_cheaply():
    """If a Jinja release changes the method this class stands in front of (in any way: its check, or anything
    added beside it), ``wizard/templating.py`` must be read again against it: this fails until then."""
    source = inspect.getsource(jinja2.Template._get_default_module)
    assert "keys = ctx.globals_keys - self.globals.keys()" in source
    assert hashlib.sha256(source.encode()).hexdigest() == JINJAS_OWN, (
        "Jinja's Template._get_default_module changed: read wizard/templating.py against it, then update JINJAS_OWN"
    )


def test_a_template_error_in_an_import_is_traced_as_with_jinjas_own_class():
    """The class's method is left out of the traceback, as Jinja leaves out its own: a council's developer reading a
    template error sees the templates' lines, not this module."""
    import traceback

    templates = {
        "broken.html": "{{ 1 // 0 }}{% macro show() %}{% endmacro %}",
        "page.html": "{% from 'broken.html' import show %}{{ show() }}",
    }
    traced = {}
    for kind in (jinja2.Template, Template):
        env = jinja2.Environment(autoescape=True, loader=jinja2.DictLoader(templates))
        env.template_class = kind
        with pytest.raises(ZeroDivisionError) as raised:
            env.get_template("page.html").render()
        traced[kind] = [(frame.name, frame.filename.rsplit("/", 1)[-1]) for frame in traceback.extract_tb(raised.tb)]
    assert ("_get_default_module", "templating.py") not in traced[Template]
    assert traced[Template] == traced[jinja2.Template]
