"""Every question's fields are drawn from kept HTML with holes for what varies (wizard/journey/fields.py): the same
HTML, byte for byte, as GOV.UK's macros draw anew, for every field kind (radios, checkboxes, text inputs, text
areas with a character count, dates), in English and Welsh, in the adult's and the child's words, empty, answered,
refused with errors, and with hostile answers (markup, quotes, line breaks of every kind, the holes' own marks)."""

from __future__ import annotations

from datetime import date

import pytest
from govuk_frontend_wtf.gov_form_base import GovIterableBase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from wtforms import SelectMultipleField

from wizard.domain.profiles import load_profile
from wizard.journey import fields, words
from wizard.journey import forms as f
from wizard.journey.steps import STEPS, Context

PROFILE = load_profile("example")
TODAY = date(2026, 11, 24)
QUESTIONS = [step for step in STEPS if step.kind == "question"]
KINDS = (fields.GovukRadiosField, fields.GovukCheckboxesField, fields.GovukTextField,
         fields.GovukCharacterCountField, f.ApproximateDateField)

HOSTILE = [
    'Sam "Sammy" O\'Neil <b>&amp;</b> </label><script>alert(1)</script>',
    "Line one\r\nLine two\u2028three\x0bfour\x1cfive\u0085six\n\n  seven  ",
    "\ue000" + "0\ue001 and \ue0001\ue001 {} %s %(name)s",
    "Dafydd ap Gwilym, Llanfair\u00adpwll \u200d\U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F",
    "x" * 6000,
]


def context(**flat) -> Context:
    return Context(PROFILE, TODAY, flat, None)


def drawn(form, ctx) -> list[str]:
    params = form.drawn_params(ctx)
    return [str(form[name](params=params.get(name, {}))) for name in form.drawn]


def fresh_and_kept(app, form, ctx) -> tuple[list[str], list[str], list[str]]:
    """The fields drawn by the macros anew, and twice through the kept HTML (made, then reused)."""
    app.jinja_env.auto_reload = True  # nothing kept: every field drawn by its macro
    try:
        fresh = drawn(form, ctx)
    finally:
        app.jinja_env.auto_reload = False
    return fresh, drawn(form, ctx), drawn(form, ctx)


def answers_for(form, text: str) -> MultiDict:
    """``text`` in every text field and date part, and the first choice of every choice field."""
    data = MultiDict()
    for name, field in form._fields.items():
        if name == "csrf_token":
            continue
        if isinstance(field, f.ApproximateDateField):
            for part in (text, text[:2], text[-3:]):
                data.add(name, part)
        elif isinstance(field, (fields.GovukRadiosField, SelectMultipleField)):
            choices = fields.choice_values(field)
            if choices:
                data.add(name, choices[0])
        else:
            data.add(name, text)
    return data


def a_form(step, data=None):
    ctx = context(who="parent", child_name="Sam <Smith>", preferred="email", email="pat@example.com", phone="",
                  kind="new", earlier_procedure="statutory", reply_stage="stage1")
    form = step.form(formdata=data if data is not None else MultiDict(), meta={"csrf": False})
    form.prepare(ctx)
    return form, ctx


@pytest.fixture
def in_language(make_app, request):
    app = make_app()
    language, audience = request.param
    with app.test_request_context("/complaint/", headers={"Accept-Language": language}):
        app.preprocess_request()
        yield app, audience


AUDIENCES = [("en", "parent"), ("cy", "parent"), ("en", "child"), ("cy", "child")]


@pytest.mark.parametrize("in_language", [("en", "parent")], indirect=True, ids=["en"])
def test_every_field_kind_is_met(in_language):
    kinds = {type(field) for step in QUESTIONS for field in step.form(meta={"csrf": False})}
    assert all(kind in kinds for kind in KINDS)


@pytest.mark.parametrize("in_language", AUDIENCES, indirect=True, ids=lambda p: "-".join(p))
@pytest.mark.parametrize("step", QUESTIONS, ids=lambda step: step.slug)
def test_each_question_draws_as_its_macros_draw_it(in_language, step):
    app, audience = in_language
    words.use_for(audience, step.name)
    empty, ctx = a_form(step)
    forms = [empty]
    refused, _ = a_form(step)
    refused.validate_step()  # every required field's error
    forms.append(refused)
    for text in HOSTILE:
        answered, _ = a_form(step, answers_for(empty, text))
        answered.validate_step()  # too long, not a date, not an email...: their errors, with what was typed
        forms.append(answered)
    for form in forms:
        fresh, made, reused = fresh_and_kept(app, form, ctx)
        assert fresh == made == reused, step.slug


@pytest.mark.parametrize("in_language", AUDIENCES, indirect=True, ids=lambda p: "-".join(p))
def test_radios_and_checkboxes_draw_as_govuk_frontend_wtf_draws_them_from_its_options(in_language):
    # Their items come from the choices (``fields.choice_items``), not from an option field made for each choice as
    # govuk-frontend-wtf's ``GovIterableBase.__call__`` makes them: the same items and HTML, empty, with each choice
    # chosen, and refused.
    app, audience = in_language
    met = 0
    for step in QUESTIONS:
        words.use_for(audience, step.name)
        empty, ctx = a_form(step)
        choice_fields = [name for name in empty.drawn
                         if isinstance(empty[name], (fields.GovukRadiosField, SelectMultipleField))]
        forms = [empty]
        refused, _ = a_form(step)
        refused.validate_step()
        forms.append(refused)
        for name in choice_fields:
            values = fields.choice_values(empty[name])
            for value in values:
                chosen, _ = a_form(step, MultiDict([(name, value)]))
                chosen.validate_step()
                forms.append(chosen)
            if isinstance(empty[name], SelectMultipleField) and len(values) > 2:
                several, _ = a_form(step, MultiDict([(name, values[0]), (name, values[-2])]))
                several.validate_step()
                forms.append(several)
        for form in forms:
            # Each drawing given params of its own (govuk-frontend-wtf merges the items' params into them).
            params, again = form.drawn_params(ctx), form.drawn_params(ctx)
            for name in choice_fields:
                field = form[name]
                assert_items_are_the_options(field)
                app.jinja_env.auto_reload = True  # theirs drawn by the macro anew, nothing kept
                try:
                    theirs = str(GovIterableBase.__call__(field.widget, field, params=again.get(name, {})))
                finally:
                    app.jinja_env.auto_reload = False
                assert str(field(params=params.get(name, {}))) == theirs, (step.slug, name)
                met += 1
    assert met >= 100


def assert_items_are_the_options(field):
    """``fields.choice_items`` against govuk-frontend-wtf's own loop over WTForms' option fields."""
    options = [{"text": option.label.text, "value": option._value(),
                **({"checked": True} if getattr(option, "checked", option.data) else {})} for option in field]
    items = fields.choice_items(field)
    assert [{**item, "text": str(item["text"])} for item in items] == [
        {**item, "text": str(item["text"])} for item in options]
    assert [type(item["text"]) for item in items] == [type(item["text"]) for item in options]


@pytest.mark.parametrize("in_language", [("cy", "parent")], indirect=True, ids=["cy"])
def test_odd_choices_give_the_items_their_options_give(in_language):
    from flask_babel import lazy_gettext
    from markupsafe import Markup
    from wtforms import Form
    from wtforms.fields.choices import SelectChoice

    labels = ["", Markup(""), Markup("<b>Bold</b>"), lazy_gettext("Yes"), lazy_gettext("%(n)s", n=""),
              lazy_gettext("%(n)s", n="Sam"), "Plain <i>"]

    class Odd(Form):
        radios = fields.GovukRadiosField(
            "Radios", choices=[SelectChoice(f"v{i}", label) for i, label in enumerate(labels)])
        numbers = fields.GovukCheckboxesField(
            "Numbers", coerce=int, choices=[SelectChoice(1, "One"), SelectChoice(2, ""), SelectChoice(30, None)])

    for data in (MultiDict(), MultiDict([("radios", "v1"), ("numbers", "2"), ("numbers", "30")]),
                 MultiDict([("radios", "v4"), ("numbers", "x")])):
        form = Odd(formdata=data)
        assert_items_are_the_options(form.radios)
        assert_items_are_the_options(form.numbers)


@pytest.mark.parametrize("in_language", [("en", "parent")], indirect=True, ids=["en"])
def test_nothing_typed_or_named_is_kept_and_the_words_are_the_readers(in_language):
    app, _ = in_language
    shown = 0
    for step in QUESTIONS:
        form, ctx = a_form(step, answers_for(a_form(step)[0], "Zebedee Quint"))
        form.validate_step()
        shown += sum("Zebedee Quint" in html for html in drawn(form, ctx))
    assert shown >= 20  # shown back on the pages (names, addresses, what happened...)
    kept = getattr(app.jinja_env, fields.MEMO_ATTRIBUTE, {})
    assert kept and not [html for html in kept.values() if "Zebedee" in html or "Sam <Smith>" in html]
    assert not [html for html in kept.values() if "Sam &lt;Smith&gt;" in html]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=40))
@pytest.mark.parametrize("in_language", [("cy", "child")], indirect=True, ids=["cy-child"])
def test_any_text_in_any_field_kind_draws_as_the_macro_draws_it(in_language, text):
    app, audience = in_language
    for slug in ("about-the-child", "your-complaint", "help-to-take-part", "contacting-you-safely"):
        step = next(s for s in QUESTIONS if s.slug == slug)
        words.use_for(audience, step.name)
        form, ctx = a_form(step, answers_for(a_form(step)[0], text))
        form.validate_step()
        fresh, made, reused = fresh_and_kept(app, form, ctx)
        assert fresh == made == reused
