"""How the journey's forms are drawn: presentation beside each field, choices' params by value, one length check
that also sets the character count, and HTML kept only for fields drawn from their own declaration."""

from __future__ import annotations

import inspect
import re
from datetime import date
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from wizard.domain.profiles import load_profile
from wizard.journey import escalation_forms as ef
from wizard.journey import fields
from wizard.journey import forms as f
from wizard.journey.steps import STEPS, Context

PROFILE = load_profile("example")
TODAY = date(2026, 11, 24)


def context(**flat) -> Context:
    return Context(PROFILE, TODAY, flat, None)


def drawn(form: f.StepForm, ctx: Context) -> str:
    """The HTML of the form's fields, as the question page draws them."""
    params = form.drawn_params(ctx)
    return "\n".join(str(form[name](params=params.get(name, {}))) for name in form.drawn)


def form_of(cls, data=None, ctx=None):
    form = cls(formdata=MultiDict(data or {}), meta={"csrf": False})
    form.prepare(ctx or context())
    return form


QUESTIONS = sorted({step.form for step in STEPS if step.kind == "question"}, key=lambda cls: cls.__name__)


@pytest.fixture
def request_context(app):
    with app.test_request_context("/complaint/"):
        app.preprocess_request()
        yield app


def test_no_form_lays_params_over_its_choices_by_position():
    for module in (f, ef):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert not re.search(r'"items"\s*:\s*\[', source), "choices' params are keyed by value (choice_params)"
        # A list of choices' params made in the choices' order ("[{...} for k, _ in CHOICES]").
        assert not re.search(r"\[\{[^\n]*\bfor \w+, _ in\b", source), module.__name__
        assert "items[-1]" not in source and "{}, {}" not in source


# The steps that ask one question (issue 10, D4/D7): a heading, one field, its row on Check your answers, how its
# answer is kept. They are data: no step writes its own ``drawn``, ``values`` or ``summary`` again.
ONE_QUESTION = {
    "DangerForm", "WhoForm", "AboutForm", "AgreesForm", "ChildKnowsForm", "ChildConfirmForm", "TriedForm",
    "LateForm", "AdvocacySelfForm", "AdvocacyChildForm", "ProceedingsForm", "NameForm", "PreferenceForm",
    "ReachForm", "KindForm", "EarlierForm", "ProcedureForm", "ReplyStageForm", "LateRequestForm",
    "ConciliationForm", "EarlyReferralForm", "AwaitedForm", "FeelsSafeForm",
}


# The steps that ask one date (issue 10): a heading, one ApproximateDateField, its row on Check your answers; the date
# kept under the field's name, beside whether its day was left out.
ONE_DATE = {"WhenForm", "AwaitedSinceForm", "ReplyDateForm"}


@pytest.mark.parametrize(("base", "expected"), [(f.OneQuestion, ONE_QUESTION), (f.OneDateQuestion, ONE_DATE)])
def test_the_steps_that_ask_one_question_are_declared_as_data(base, expected):
    one = {cls.__name__: cls for cls in QUESTIONS if issubclass(cls, base)}
    assert set(one) == expected
    for name, cls in one.items():
        source = inspect.getsource(cls)
        assert not re.search(r"\n    (drawn =|def values\(|def summary\()", source), name
        assert cls.drawn == (cls.question,) and isinstance(cls.row, f.Row), name
    with pytest.raises(TypeError, match="exactly one field"):
        type("TwoQuestions", (base,), {"row": f.Row("x", "X"), "a": f.text("A"), "b": f.text("B")})


def test_a_one_date_step_asks_a_date_and_keeps_whether_its_day_was_left_out_beside_it():
    for cls in (f.WhenForm, ef.AwaitedSinceForm, ef.ReplyDateForm):
        assert cls.approximate_as == f"{cls.question}_approximate", cls.__name__
    with pytest.raises(TypeError, match="one date"):
        type("NotADate", (f.OneDateQuestion,), {"row": f.Row("x", "X"), "a": f.text("A")})


# Each one-date step: what is posted, the date kept, whether its day was left out, its row on Check your answers.
DATES_KEPT = [
    (f.WhenForm, ["27", "3", "2025"], date(2025, 3, 27), False,
     ("complaint.happened", "When it happened", "2025-03-27")),
    (f.WhenForm, ["", "3", "2025"], date(2025, 3, 31), True, ("complaint.happened", "When it happened", "March 2025")),
    (ef.AwaitedSinceForm, ["", "2", "2026"], date(2026, 2, 28), True,
     ("escalation.awaited_since", "Date you sent it", "February 2026")),
    (ef.ReplyDateForm, ["3", "11", "2026"], date(2026, 11, 3), False,
     ("escalation.reply_date", "Date you got the reply", "2026-11-03")),
]


@pytest.mark.parametrize(("cls", "posted", "day", "approximate", "row"), DATES_KEPT)
def test_a_one_date_step_keeps_its_date_and_whether_the_day_was_left_out(request_context, cls, posted, day,
                                                                         approximate, row):
    def fmt_date(d, month_only=False):
        return f"{d:%B %Y}" if month_only else d.isoformat()

    form = form_of(cls, {cls.question: posted})
    assert form.validate_step(), form.errors
    values = form.values()
    assert values == {cls.question: day, f"{cls.question}_approximate": approximate}
    assert cls.summary(values, str, fmt_date) == [row]


@pytest.mark.parametrize(("cls", "missing"), [
    (f.WhenForm, "Enter the date it happened or when you found out"),
    (ef.AwaitedSinceForm, "Enter the date you sent your complaint or request"),
    (ef.ReplyDateForm, "Enter the date you got the reply"),
])
def test_a_one_date_step_left_empty_says_its_own_words(request_context, cls, missing):
    form = form_of(cls, {cls.question: ["", "", ""]})
    assert not form.validate_step()
    assert form.errors == {cls.question: [missing]}


def kept_and_shown(cls, data: dict, ctx=None):
    form = form_of(cls, data, ctx)
    assert form.validate_step(), form.errors
    values = form.values()
    return values, cls.summary(values, str, None)


def test_a_one_question_step_keeps_its_answer_and_shows_its_row(request_context):
    """What the council's record keeps and what Check your answers shows, for the shapes of answer there are: a
    yes/no kept as True, a choice shown in its English words, a typed answer kept under its own key, a reference
    tidied, an empty optional answer shown as "Not given", a choice the declaration does not offer."""
    assert kept_and_shown(f.DangerForm, {"danger": "yes"}) == (
        {"danger": True}, [("danger", "Is a child in danger right now?", "Yes")])
    assert kept_and_shown(f.DangerForm, {"danger": "no"}) == (
        {"danger": False}, [("danger", "Is a child in danger right now?", "No")])
    assert kept_and_shown(f.WhoForm, {"who": "kinship_carer"}) == ({"who": "kinship_carer"}, [
        ("who", "Who you are", "I look after the child as a family and friends carer or kinship carer")])
    assert kept_and_shown(f.ChildConfirmForm, {"confirm_name": " Leo "}) == (
        {"child_confirmed_name": "Leo"}, [("consent.child_typed_name", "Name the child typed to agree", "Leo")])
    assert kept_and_shown(ef.EarlierForm, {"earlier_reference": "ex \u2013 7hk3qp2m"}) == (
        {"earlier_reference": "EX-7HK3QP2M"},
        [("escalation.earlier_reference", "Reference of the complaint", "EX-7HK3QP2M")])
    assert kept_and_shown(ef.EarlierForm, {"earlier_reference": ""})[1] == [
        ("escalation.earlier_reference", "Reference of the complaint", "Not given")]
    assert kept_and_shown(ef.LateRequestForm, {"escalation_late_reason": ""}) == (
        {"escalation_late_reason": ""}, [("escalation.late_reason", "Why you are asking now", "Not given")])
    overdue = context(earlier_procedure="corporate")
    assert kept_and_shown(ef.ReplyStageForm, {"reply_stage": "overdue"}, overdue)[1] == [
        ("escalation.reply_stage", "Reply you had", "I have not had a reply, and it is late")]
    # A person asked whether they want the council to offer the child an advocate: the record keeps the
    # child's question's words.
    unaware = context(child_knows="no")
    assert kept_and_shown(f.AdvocacyChildForm, {"advocacy": "unsure"}, unaware)[1] == [
        ("advocacy.requested", "Advocate wanted for the child", "I'm not sure")]


def test_the_no_help_choice_clears_the_others_wherever_it_is_in_the_list(request_context):
    form = form_of(f.HelpForm)
    html = drawn(form, context())
    none = re.search(r'<input[^>]*value="none"[^>]*>', html).group(0)
    assert 'data-behaviour="exclusive"' in none
    assert html.count('data-behaviour="exclusive"') == 1
    # The same field with its choices in another order: still the "none" box, not the sixth.
    form.help.choices = list(reversed(form.help.choices))
    html = drawn(form, context())
    assert 'data-behaviour="exclusive"' in re.search(r'<input[^>]*value="none"[^>]*>', html).group(0)
    assert html.count('data-behaviour="exclusive"') == 1


def test_who_hints_follow_their_choice_when_only_some_choices_are_offered(request_context):
    form = form_of(f.WhoForm)
    form.who.choices = [SelectChoice("other", "Someone else"), SelectChoice("child", "A child")]
    html = drawn(form, context())
    assert html.count("govuk-radios__hint") == 1  # "Someone else" has no hint; the child's comes with the child
    hint_for = re.search(r'aria-describedby="([^"]+)-item-hint"', html).group(1)
    assert re.search(rf'id="{hint_for}"[^>]*value="child"', html)


def test_the_advocate_is_told_no_for_the_child_in_the_childs_words(request_context):
    html = drawn(form_of(f.ChildHelpForm), context(child_name="Sam"))
    assert "No, they do not need help" in html and "No, I do not need help" not in html
    assert "Does Sam need any help to take part?" in html
    assert "If they need an interpreter: which language?" in html


@pytest.mark.parametrize("cls", QUESTIONS, ids=lambda cls: cls.__name__)
def test_a_character_count_counts_to_the_fields_one_length_check(request_context, cls):
    form = form_of(cls)
    counted = [name for name in form.drawn if isinstance(form[name], fields.GovukCharacterCountField)]
    html = drawn(form, context())
    for name in counted:
        limit = fields.max_length(form[name])
        assert limit and re.search(rf'data-maxlength="{limit}"', html), name
        assert sum(isinstance(v, f.Length) for v in form[name].validators) == 1


@pytest.mark.parametrize("cls", QUESTIONS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_field_kept_for_everyone_draws_as_it_would_be_drawn_anew(make_app, cls, language):
    app = make_app()
    with app.test_request_context("/complaint/", headers={"Accept-Language": language}):
        app.preprocess_request()
        from flask_babel import get_locale

        assert str(get_locale()) == language
        ctx = context(who="parent", child_name="Sam", preferred="email", email="pat@example.com", phone="",
                      address=[])
        empty, refused = form_of(cls, ctx=ctx), form_of(cls, ctx=ctx)
        refused.validate_step()
        for form in (empty, refused):
            kept = drawn(form, ctx)
            again = drawn(form, ctx)  # from what was kept, where a field may be
            app.jinja_env.auto_reload = True  # nothing kept: every field drawn anew
            fresh = drawn(form, ctx)
            app.jinja_env.auto_reload = False
            assert kept == again == fresh


def test_nothing_a_person_named_is_kept(make_app):
    app = make_app()
    with app.test_request_context("/complaint/"):
        app.preprocess_request()
        ctx = context(who="advocate", child_name="Zebedee Quint", preferred="phone")
        for cls in QUESTIONS:
            form = form_of(cls, {"child_name": "Zebedee Quint", "name": "Zebedee Quint"}, ctx)
            form.validate_step()
            drawn(form, ctx)
        kept = getattr(app.jinja_env, fields.MEMO_ATTRIBUTE, {})
        assert kept, "the forms' own choices are kept"
        assert not [html for html in kept.values() if "Zebedee" in html or "Quint" in html]


@pytest.mark.parametrize("consent_age", [12, 14])
def test_the_agreement_page_speaks_to_the_age_band_the_rules_route_by(request_context, consent_age):
    """An advocate's agreement page says "As their advocate, you act on what the child wants" for a child the
    rules count as younger, and "Children aged N or over need to agree" otherwise: both from the domain's one age
    band, so the words never disagree with the route (at the consent age itself, nor without an age)."""
    from dataclasses import replace

    from wizard.domain.routing import Answers, facts

    profile = replace(PROFILE, consent_age=consent_age)
    for age in [None, *range(0, 19)]:
        band = facts(Answers(who="advocate", about="looked_after", child_age=age), profile)["age_band"]
        ctx = Context(profile, TODAY, {"who": "advocate", "about": "looked_after", "child_name": "Sam",
                                       "child_age": age}, None)
        hint = form_of(f.AgreesForm, ctx=ctx).drawn_params(ctx)["child_agrees"]["hint"]["text"]
        advocate_words = hint.startswith("As their advocate, you act on what the child wants.")
        assert advocate_words == (band == "younger"), (age, band, hint)
        assert advocate_words or hint == f"Children aged {consent_age} or over need to agree before someone else " \
                                         "can complain for them."
        assert advocate_words == (age is not None and age < consent_age)
