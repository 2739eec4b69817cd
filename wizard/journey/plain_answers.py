"""Stored answers to plain questions, validated without making their step's form.

Check your answers and Send validate every stored answer again (``steps.walk`` with nothing kept). Most steps ask
one plain question: a choice among fixed answers, a line or a box of text with the usual checks, or an information
page's button. For those, what the form would find of an answer it accepts is the answer itself (text through the
field's own filters), so it is worked out here from the form's declaration, found once per form class, without
making the form, its fields and their validators for each answer.

``plain_values(step, data)`` gives the step's values only when the step's form would certainly accept ``data``,
and ``None`` otherwise: any answer it is not sure of (missing, two values, a choice that is not one, text too
long, a check it does not know) is left to the form, which is made and validated as before and gives its own
error. ``tests/unit/test_plain_answers.py`` holds, for every step whose form is plain, every choice and generated
text, that it never accepts what the form refuses and gives the values the form gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask.globals import _cv_app
from wtforms.fields.choices import SelectChoice
from wtforms.fields.simple import HiddenField
from wtforms.validators import DataRequired, Length, Optional

from wizard.journey.fields import GovukCharacterCountField, GovukRadiosField, GovukTextField
from wizard.journey.forms import CarryOnForm, NamedLength, OneQuestion, StepForm
from wizard.webforms import bound_prototype

# Each form class's plan (None: not plain), found once per class and app.
PLANS_KEY = "wizard_plain_answer_plans"

# What a step's form does for itself: a plain form does none of it differently from StepForm (its making is
# checked by ``bound_prototype``).
_STEP_METHODS = ("prepare", "validate_step", "validate")
_LENGTHS = (Length, NamedLength)


class _Choice:
    """One answer among fixed choices: the one value given, if it is one of them."""

    __slots__ = ("name", "stored", "stored_as", "values")

    def __init__(self, form_class: type[OneQuestion], field: GovukRadiosField):
        self.name, self.stored_as, self.stored = form_class.question, form_class.stored_as, form_class.stored
        self.values = frozenset(choice.value for choice in field.choices)

    def __call__(self, data: Mapping) -> dict | None:
        given = data.get(self.name) if len(data) == 1 else None
        if type(given) is list and len(given) == 1 and type(given[0]) is str and given[0] in self.values:
            return {self.stored_as: self.stored(given[0])}
        return None


class _Text:
    """A line or box of text: the value through the field's filters, accepted when each of its checks (required,
    optional, a length) certainly passes."""

    __slots__ = ("checks", "filters", "name", "stored", "stored_as")

    def __init__(self, name: str, stored_as: str, stored: Callable, field, checks: list):
        self.name, self.stored_as, self.stored = name, stored_as, stored
        self.filters: tuple[Callable, ...] = tuple(field.filters)
        self.checks = tuple(checks)

    def __call__(self, data: Mapping) -> dict | None:
        given = data.get(self.name) if len(data) == 1 else None
        if type(given) is not list or len(given) != 1 or type(given[0]) is not str:
            return None
        typed = value = given[0]
        try:
            for filter_ in self.filters:
                value = filter_(value)
        except ValueError:  # the form keeps it as an error
            return None
        if not isinstance(value, str):
            return None
        for check in self.checks:
            if isinstance(check, Optional):
                if not check.string_check(typed):  # WTForms' Optional: nothing typed, so nothing more is checked
                    break
            elif isinstance(check, DataRequired):
                if not value.strip():
                    return None
            elif len(value) < check.min or (check.max != -1 and len(value) > check.max):
                return None
        return {self.stored_as: self.stored(value)}


class _CarryOn:
    """An information page's button: its value checked as any text is (it is a hidden text field); the step's value
    is that it was seen."""

    __slots__ = ("key", "text")

    def __init__(self, key: str, text: _Text):
        self.key, self.text = key, text

    def __call__(self, data: Mapping) -> dict | None:
        return {self.key: True} if self.text(data) is not None else None


def _find_plan(step) -> Callable[[Mapping], dict | None] | None:
    form_class = step.form
    prototype, plain = bound_prototype(form_class)
    if not plain:
        return None
    if form_class is CarryOnForm and step.kind == "info":
        # An information page: its one hidden field, checked as text.
        field = _the_one_field(form_class, prototype, "carry_on")
        checks = _known_checks(field) if type(field) is HiddenField else None
        if checks is None:
            return None
        return _CarryOn(step.carry_on_key, _Text("carry_on", "carry_on", _as_typed, field, checks))
    if step.kind == "info" or not issubclass(form_class, OneQuestion) or form_class.values is not OneQuestion.values:
        return None
    name = form_class.question
    field = _the_one_field(form_class, prototype, name)
    kind = type(field)
    if kind is GovukRadiosField:
        choices = field.choices
        if (
            field.validators or field.filters or field.coerce is not str or not field.validate_choice
            or getattr(field, "_choices_callable", None) is not None
            or not isinstance(choices, list)
            or not all(type(c) is SelectChoice and c.optgroup is None and type(c.value) is str for c in choices)
        ):
            return None
        return _Choice(form_class, field)
    if kind in (GovukTextField, GovukCharacterCountField):
        checks = _known_checks(field)
        if checks is None:
            return None
        return _Text(name, form_class.stored_as, form_class.stored, field, checks)
    return None


def _the_one_field(form_class, prototype, name: str):
    """The form's one field, ``name``, when the form has no other, no inline check of it and none of StepForm's
    methods of its own; else None."""
    if (
        list(prototype._fields) != [name]
        or getattr(form_class, f"validate_{name}", None) is not None
        or any(getattr(form_class, method) is not getattr(StepForm, method) for method in _STEP_METHODS)
    ):
        return None
    return prototype._fields[name]


def _known_checks(field) -> list | None:
    """The field's checks, if each is one this module knows (required, optional, a length); None if any is not
    (a check of its own: the form's to make)."""
    checks = list(field.validators)
    if all(type(check) in (DataRequired, Optional, *_LENGTHS) for check in checks):
        return checks
    return None


def _as_typed(value):
    return value


def plain_values(step, data: Mapping[str, Any]) -> dict | None:
    """The step's values for its stored ``data`` when its form would certainly accept them (see the module
    docstring); ``None``: make and validate the form."""
    # The app's plans, without going through ``current_app``'s proxy (a walk asks for 13 to 22 answers).
    plans = _cv_app.get().app.extensions.setdefault(PLANS_KEY, {})
    found = plans.get(step.name, plans)
    if found is plans:
        found = plans[step.name] = _find_plan(step)
    return found(data) if found is not None else None
