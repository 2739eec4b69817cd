"""A step's form made from its bound prototype (``webforms.fresh_form``, what the walk validates stored answers
with) is the form WTForms makes: the same data, the same errors, the same answers kept; and nothing of one person's
form (choices set for their answers, what they typed, their errors) reaches another's."""

from __future__ import annotations

import pytest
from flask import current_app
from werkzeug.datastructures import MultiDict
from wtforms import RadioField
from wtforms.validators import ValidationError

from tests.journey_answers import PARENT
from wizard.domain.profiles import load_profile
from wizard.journey import forms as f
from wizard.journey import steps as s
from wizard.journey.fields import GovukRadiosField
from wizard.journey.views import today
from wizard.webforms import PROTOTYPES_KEY, fresh_form

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
