"""A step's form made from its bound prototype (``webforms.fresh_form``, what the walk validates stored answers
with) is the form WTForms makes: the same data, the same errors, the same answers kept; and nothing of one person's
form (choices set for their answers, what they typed, their errors) reaches another's."""

from __future__ import annotations

import pytest
from flask import current_app
from werkzeug.datastructures import MultiDict
from wtforms import Form, RadioField
from wtforms.validators import ValidationError

from tests.journey_answers import LONG, PARENT
from wizard.domain.profiles import load_profile
from wizard.journey import forms as f
from wizard.journey import steps as s
from wizard.journey.fields import GovukRadiosField
from wizard.journey.views import today
from wizard.webforms import PROTOTYPES_KEY, _plan, fresh_form, stored_form

PROFILE = load_profile("example")
FORMS = sorted({step.form for step in s.STEPS}, key=lambda cls: cls.__name__)
BY_FORM = {}
for _step in s.STEPS:
    BY_FORM.setdefault(_step.form, []).append(_step.slug)

# Posts any form may meet: nothing, wrong choices, too long, control characters, a date that is not one, many values.
HOSTILE = [
    {},
    {"danger": "maybe", "kind": "both", "who": "<script>", "about": "x" * 300, "provider": ["yes", "no"]},
    {"child_name": "\u202eSam\u200b", "child_age": "999", "child_dob": ["31", "2", "2020"]},
    {"happened": ["", "13", "20x4"], "late_reason": "y" * 6000},
    {"email": "not an address", "phone": "12", "address_line_1": "1 High St", "address_town": "", "preferred": "fax"},
    {"help": ["none", "interpreter", "nonsense"], "interpreter_language": "", "help_other": "z" * 900},
    {"carry_on": "", "safe": "no", "safe_way": "", "leave_message": "perhaps"},
]


def formdata_for(form_class) -> list[MultiDict | None]:
    answers = [PARENT[slug] for slug in BY_FORM[form_class] if slug in PARENT]
    return [None, *(MultiDict([(k, v) for k, values in post.items()
                               for v in (values if isinstance(values, list) else [values])])
                    for post in [*answers, *HOSTILE])]


def what_it_holds(form) -> dict:
    return {
        name: (field.data, field.raw_data, list(field.errors), field.flags.required, getattr(field, "choices", None)
               and [(c.value, str(c.label)) for c in field.choices])
        for name, field in form._fields.items()
    }


@pytest.fixture
def ctx(app):
    """A request, and the context a walk of the parent's journey ends with (every earlier answer given)."""
    stored = {
        step.name: {k: v if isinstance(v, list) else [v] for k, v in PARENT.get(step.slug, {"carry_on": "yes"}).items()}
        for step in s.STEPS
    }
    with app.test_request_context("/complaint/check"):
        yield s.walk(stored, PROFILE, today()).context


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: cls.__name__)
def test_a_form_from_its_prototype_is_the_form_wtforms_makes(ctx, form_class):
    for formdata in formdata_for(form_class):
        made = form_class(formdata=formdata, meta={"csrf": False})
        fresh = fresh_form(form_class, formdata)
        assert fresh is not made and type(fresh) is form_class
        made.prepare(ctx)
        fresh.prepare(ctx)
        assert what_it_holds(fresh) == what_it_holds(made)
        valid = made.validate_step()
        assert fresh.validate_step() is valid, formdata
        assert what_it_holds(fresh) == what_it_holds(made), formdata
        assert fresh.errors == made.errors and fresh.form_errors == made.form_errors
        if formdata is not None:
            assert fresh.to_keep() == made.to_keep()
        if valid:
            assert fresh.values() == made.values()
        # Each field its own object, bound to its own form.
        assert all(fresh[name]._form is fresh for name in fresh._fields)
    # The prototype holds nothing any of these posts carried, and was never prepared or validated.
    prototype = current_app.extensions[PROTOTYPES_KEY][form_class]
    assert all(field.raw_data is None and not field.errors for field in prototype)
    assert not hasattr(prototype, "ctx") and prototype.form_errors == []


def test_two_people_with_different_contact_details_get_their_own_choices(ctx):
    """How to contact you offers the ways each person gave: one person's choices never reach another's form."""
    both = s.Context(ctx.profile, ctx.today, {**ctx.flat, "email": "a@example.com", "phone": "01632 960 001"},
                     ctx.decision)
    email_only = s.Context(ctx.profile, ctx.today, {**ctx.flat, "email": "b@example.com", "phone": ""},
                           ctx.decision)
    first = fresh_form(f.PreferenceForm, MultiDict({"preferred": "phone"}))
    first.prepare(both)
    assert [c.value for c in first.preferred.choices] == ["email", "phone"]
    assert first.validate_step() and first.values() == {"preferred": "phone"}

    second = fresh_form(f.PreferenceForm, MultiDict({"preferred": "phone"}))
    second.prepare(email_only)
    assert [c.value for c in second.preferred.choices] == ["email"]
    assert not second.validate_step()  # phone was never given by this person: refused
    assert second.preferred.errors

    # The first person's form is as it was; a third form made from the prototype has neither's choices, data or
    # errors.
    assert [c.value for c in first.preferred.choices] == ["email", "phone"] and not first.preferred.errors
    third = fresh_form(f.PreferenceForm, None)
    assert third.preferred.data is None and third.preferred.raw_data is None and not third.preferred.errors
    assert [c.value for c in third.preferred.choices] == [value for value, _ in f.CONTACT_WAYS]


def test_what_one_person_typed_and_their_errors_stay_in_their_form(ctx, app):
    refused = fresh_form(f.NameForm, MultiDict({"name": "x" * 500}))
    refused.prepare(ctx)
    assert not refused.validate_step() and refused.name.errors
    fine = fresh_form(f.NameForm, MultiDict({"name": "Pat Jones"}))
    fine.prepare(ctx)
    assert fine.validate_step() and fine.values() == {"name": "Pat Jones"} and not fine.name.errors
    empty = fresh_form(f.NameForm, None)
    assert empty.name.data in (None, "") and empty.name.raw_data is None and not empty.errors
    prototype = app.extensions[PROTOTYPES_KEY][f.NameForm]
    assert prototype.name.data in (None, "") and prototype.name.raw_data is None and not prototype.name.errors
    assert not hasattr(prototype, "ctx")


@pytest.mark.parametrize("make", [fresh_form, stored_form], ids=["fresh_form", "stored_form"])
def test_each_form_has_its_own_fields_and_flags(ctx, app, make):
    """Both ways copy the prototype's fields the same way (``webforms._copy_fields``): a field, its flags and its
    errors changed on one person's form are not the prototype's, nor the next person's."""
    first = make(f.NameForm, None)
    first.name.flags.required = "changed"
    first.name.errors = ["one person's error"]
    second = make(f.NameForm, None)
    prototype = app.extensions[PROTOTYPES_KEY][f.NameForm]
    for other in (second, prototype):
        assert other.name is not first.name and other.name.flags is not first.name.flags
        assert other.name.flags.required != "changed" and other.name.errors != ["one person's error"]
    assert first.name._form is first and second.name._form is second and first.name is first._fields["name"]


def _outcome(check, form, field):
    try:
        check(field, form)
    except ValidationError as error:
        return ("refused", str(error.args[0]))
    except TypeError as error:
        return ("type error", str(error))
    return ("accepted", None)


def test_a_radio_answer_is_checked_against_its_choices_as_wtforms_checks_it(ctx):
    """The radios' own choice check (``GovukRadiosField.pre_validate``) accepts and refuses exactly what WTForms'
    ``SelectField.pre_validate`` does, with the same message, for every radio question of the journey."""
    radios = [(cls, name) for cls in FORMS for name, field in cls(meta={"csrf": False})._fields.items()
              if isinstance(field, GovukRadiosField)]
    assert len(radios) >= 20
    for form_class, name in radios:
        offered = [choice.value for choice in form_class(meta={"csrf": False})[name].choices]
        for post in [*offered, "", "nonsense", offered[0].upper(), f" {offered[0]}", None, [offered[0], "nonsense"]]:
            formdata = None if post is None else MultiDict([(name, value) for value in
                                                            (post if isinstance(post, list) else [post])])
            form = fresh_form(form_class, formdata)
            form.prepare(ctx)
            field = form[name]
            ours = _outcome(GovukRadiosField.pre_validate, form, field)
            theirs = _outcome(RadioField.pre_validate, form, field)
            assert ours == theirs, (form_class.__name__, name, post)
            first = post[0] if isinstance(post, list) else post
            expected = "accepted" if first in [choice.value for choice in field.choices] else "refused"
            assert ours[0] == expected, (form_class.__name__, name, post, ours)
    # Choices set for one person's answers (how to contact you: only the ways they gave) are the ones checked.
    form = fresh_form(f.PreferenceForm, MultiDict({"preferred": "post"}))
    form.prepare(s.Context(ctx.profile, ctx.today, {**ctx.flat, "email": "a@example.com", "phone": "01632 960 001",
                                                    "address": ""}, ctx.decision))
    assert _outcome(GovukRadiosField.pre_validate, form, form.preferred)[0] == "refused"
    assert _outcome(RadioField.pre_validate, form, form.preferred)[0] == "refused"


# Stored answers as a draft may hold them after tampering, besides what the forms keep: empty lists, several values,
# values that are not text, a field that is not the form's.
ODD_STORED = [
    {},
    {"danger": [], "who": ["", ""], "carry_on": ["yes", "no"]},
    {"child_name": [None], "child_age": [14], "email": [["a@example.com"]], "help": ["none", "none"]},
    {"happened": ["1", "2"], "reply_date": ["", "", "", "extra"], "not_a_field": ["x"]},
    {"name": "Pat", "what_happened": "abc"},  # a string where a list was kept: read as its characters, as MultiDict
]


def stored_for(form_class) -> list[dict | None]:
    posts = [journey[slug] for journey in (PARENT, LONG) for slug in BY_FORM[form_class] if slug in journey]
    as_kept = [{k: v if isinstance(v, list) else [v] for k, v in post.items()} for post in [*posts, *HOSTILE]]
    return [None, *as_kept, *ODD_STORED]


def _made_as_wtforms_makes(form_class, stored, ctx):
    """The form WTForms makes of the stored answers' pairs, prepared and validated by WTForms' own ``Form.validate``
    (``StepForm.validate`` set aside): (the form, whether it is valid), or (None, the exception it raised)."""
    real = f.StepForm.validate
    try:
        formdata = MultiDict([(k, v) for k, values in stored.items() for v in values]) if stored else None
        made = form_class(formdata=formdata, meta={"csrf": False})
        made.prepare(ctx)
        f.StepForm.validate = Form.validate
        return made, made.validate_step()
    except Exception as error:  # noqa: BLE001 - what the stored way must raise too
        return None, type(error)
    finally:
        f.StepForm.validate = real


def _made_the_stored_way(form_class, stored, ctx):
    try:
        ours = stored_form(form_class, stored)
        ours.prepare(ctx)
        return ours, ours.validate_step()
    except Exception as error:  # noqa: BLE001 - compared with what WTForms raised
        return None, type(error)


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: cls.__name__)
def test_stored_answers_make_the_form_wtforms_makes_and_are_validated_as_wtforms_validates(app, form_class, language):
    """What the walk validates stored answers with (``webforms.stored_form`` and ``StepForm.validate``: no MultiDict,
    WTForms' steps for each field done once its plan is known) accepts and refuses what WTForms' own form and
    validation do, with the same data, errors and messages, in English and Welsh, on every step's answers in both
    journeys, hostile posts as kept and tampered drafts."""
    stored_answers = {
        step.name: {k: v if isinstance(v, list) else [v] for k, v in LONG.get(step.slug, {"carry_on": "yes"}).items()}
        for step in s.STEPS
    }
    with app.test_request_context("/complaint/check", headers={"Accept-Language": language}):
        ctx = s.walk(stored_answers, PROFILE, today()).context
        for stored in stored_for(form_class):
            made, valid = _made_as_wtforms_makes(form_class, stored, ctx)
            ours, our_valid = _made_the_stored_way(form_class, stored, ctx)
            assert our_valid is valid, (stored, made and made.errors)
            if made is None:  # WTForms could not make or validate it (a tampered draft): neither could this way
                assert ours is None
                continue
            assert ours is not made and type(ours) is form_class
            assert what_it_holds(ours) == what_it_holds(made), stored
            assert ours.errors == made.errors and ours.form_errors == made.form_errors, stored
            assert {n: [str(e) for e in fl.errors] for n, fl in ours._fields.items()} == {
                n: [str(e) for e in fl.errors] for n, fl in made._fields.items()}
            assert {n: fl.process_errors for n, fl in ours._fields.items()} == {
                n: fl.process_errors for n, fl in made._fields.items()}
            assert {n: fl.object_data for n, fl in ours._fields.items()} == {
                n: fl.object_data for n, fl in made._fields.items()}
            if stored:
                assert ours.to_keep() == made.to_keep()
            if valid:
                assert ours.values() == made.values()
            assert all(ours[name]._form is ours for name in ours._fields)
        # The Welsh messages are Welsh (the catalogue is complete), so both ways were compared in Welsh.
        if language == "cy" and form_class is f.NameForm:
            refused = stored_form(form_class, {"name": [""]})
            refused.prepare(ctx)
            assert not refused.validate_step() and "name" not in str(refused.name.errors[0]).lower()
    prototype = app.extensions[PROTOTYPES_KEY][form_class]
    assert all(field.raw_data is None and not field.errors for field in prototype)
    assert not hasattr(prototype, "ctx") and prototype.form_errors == []


def test_every_step_form_is_made_the_quick_way(app):
    """The walk's forms are all made by ``stored_form``'s own steps (none falls back to ``fresh_form``): a form
    that starts to need WTForms' other steps shows here, not as a slower Check your answers."""
    with app.test_request_context("/complaint/check"):
        slow = [cls.__name__ for cls in FORMS if not _plan(cls).plain]
    assert slow == []
