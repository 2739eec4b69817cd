"""The base of every form the service posts: it reads text fields only.

Flask-WTF would hand a form the uploaded files (``request.files``) and a JSON body as well as the text fields, so
a file part or a JSON object sent where a name or a date is expected reached the fields' code as an object it
could not handle (a 500). No form here takes a file or JSON: they read ``request.form`` alone, where every value
is a string, and anything else is as if it had not been sent (the field's own "enter ..." error says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from flask import current_app, request
from flask.globals import _cv_app
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto, _is_submitted
from werkzeug.datastructures import MultiDict
from wtforms import Field, Form
from wtforms.fields.choices import SelectField
from wtforms.form import BaseForm
from wtforms.validators import StopValidation, ValidationError


class TextForm(FlaskForm):
    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            if formdata is _Auto:
                # As Flask-WTF does for a post with no fields (None: each field keeps its default), but never
                # request.files or request.get_json().
                return (request.form or None) if _is_submitted() else None
            return formdata


# What binding a form's fields makes of its declaration, once per form class and app: a prototype form, bound with
# no data. See ``fresh_form``.
PROTOTYPES_KEY = "wizard_form_prototypes"


def fresh_form(form_class: type[FlaskForm], formdata) -> FlaskForm:
    """``form_class(formdata=formdata, meta={"csrf": False})``, without binding each field again.

    Binding makes every field from its declaration (labels, validators, flags, widgets, choices as declared): the
    same for every person. A prototype of the class, bound once with no data, is copied field by field instead (a
    new object with its own attributes, its own flags and errors), and the copy then processes ``formdata`` as a
    new form would. Nothing a person gave is in the prototype: it never sees formdata, is never prepared (no
    ``prepare(ctx)``: choices that depend on earlier answers are set on the copy, which has its own), never
    validated. ``tests/unit/test_fresh_form.py`` holds the two ways to the same form.
    """
    form = object.__new__(form_class)
    _copy_fields(form, _plan(form_class))
    form.process(formdata)
    return form


def _copy_fields(form: FlaskForm, plan: _Plan) -> dict:
    """Give ``form``, a new instance of the plan's class made without ``__init__``, the prototype's state and a
    copy of each of its fields (a new object with the field's attributes and its own flags, bound to ``form``);
    no errors yet. Its fields, by name. The one copy ``fresh_form`` and ``stored_form`` both make."""
    prototype = plan.prototype
    state = form.__dict__
    state.update(prototype.__dict__)
    fields = type(prototype._fields)()
    for name, field, kind, flags_kind, _callable_default in plan.fields:
        copy = object.__new__(kind)
        copy.__dict__.update(field.__dict__)
        flags = object.__new__(flags_kind)
        flags.__dict__.update(field.flags.__dict__)
        copy.flags = flags
        copy._form = form
        fields[name] = state[name] = copy
    form._fields = fields
    form.form_errors = []
    return fields


# ---------------------------------------------------------------------------------------------------------
# A step's stored answers, made into its form for validating them again (the walk of Check your answers and Send)


_FIELD_PROCESS = Field.process
# WTForms' own post_process of a field, and of a choice field: nothing to do for a field with no data list, nor for
# one with choices given as they are (not a function to call again).
_FIELD_POST_PROCESS, _CHOICES_POST_PROCESS = Field.post_process, SelectField.post_process


class _Plan:
    """What ``stored_form`` needs to know of a form class, found once per class and app: its prototype, each field
    (its class, its flags' class, whether its default can be called), and whether WTForms' own steps are all that
    would run in making it (``plain``: no ``process`` or ``post_process`` of the form's or a field's own, no
    inline filter, no data list or choices to call for, no prefix, this module's meta); when not, the form is made
    by ``fresh_form``."""

    __slots__ = ("fields", "plain", "prototype")

    def __init__(self, form_class: type[FlaskForm], prototype: FlaskForm):
        self.prototype = prototype
        meta = type(prototype.meta)
        self.plain = (
            meta.wrap_formdata is TextForm.Meta.wrap_formdata
            and form_class.process is Form.process
            and form_class.post_process is BaseForm.post_process
            and prototype._parent_form is None
            and not prototype._prefix
        )
        self.fields = []
        for name, field in prototype._fields.items():
            kind = type(field)
            if (
                hasattr(form_class, f"filter_{name}")  # an inline filter: WTForms' own way
                or kind.process is not _FIELD_PROCESS
                or kind.post_process not in (_FIELD_POST_PROCESS, _CHOICES_POST_PROCESS)
                or getattr(field, "_choices_callable", None) is not None
                or not (field._datalist is None or isinstance(field._datalist, str))
            ):
                self.plain = False
            self.fields.append((name, field, kind, type(field.flags), callable(field.default)))


def _plan(form_class: type[FlaskForm]) -> _Plan:
    app_ctx = _cv_app.get(None)  # current_app, without its proxy (a walk asks this for every form it makes)
    extensions = app_ctx.app.extensions if app_ctx is not None else current_app.extensions
    plans = extensions.get(PLANS_KEY)
    plan = plans.get(form_class) if plans is not None else None
    if plan is None:
        plans = current_app.extensions.setdefault(PLANS_KEY, {})
        prototype = current_app.extensions.setdefault(PROTOTYPES_KEY, {}).get(form_class)
        if prototype is None:
            prototype = current_app.extensions[PROTOTYPES_KEY][form_class] = form_class(
                formdata=None, meta={"csrf": False}
            )
        plan = plans[form_class] = _Plan(form_class, prototype)
    return plan


PLANS_KEY = "wizard_form_plans"


def bound_prototype(form_class: type[FlaskForm]) -> tuple[FlaskForm, bool]:
    """The class's prototype (bound once, with no data: see ``fresh_form``; never to be changed) and whether WTForms'
    own steps are all that would run in making a form of it (``_Plan.plain``)."""
    plan = _plan(form_class)
    return plan.prototype, plan.plain


def let_go(form: Form) -> None:
    """A form the walk has finished with (validated, its values taken): each field's link back to the form is cut,
    so that the form, its fields and all they hold are freed as soon as the walk drops it, by reference counting.
    A field and its form point at each other (``field._form``), so otherwise each form a walk makes waits for the
    cycle collector: about 580 objects on each Check your answers request, collected in about 0.4 ms (bench/
    RESULTS.md). Only for a form nothing else holds: a field cut loose can no longer draw its choices."""
    for field in form._fields.values():
        field._form = None


def stored_form(form_class: type[FlaskForm], stored: Mapping[str, Iterable[str]] | None) -> FlaskForm:
    """``fresh_form(form_class, MultiDict(the stored answers' pairs) or None)``, made without the MultiDict and with
    WTForms' steps for each field done here when they are WTForms' own (``Field.process``): the field's default
    (called only if it can be: WTForms calls it and catches the ``TypeError`` of a value that cannot), its
    ``process_data``, its raw data (a copy of the stored list, as ``MultiDict.getlist`` gives), its own
    ``process_formdata`` and filters, each ``ValueError`` kept as a process error, in WTForms' order. A field or
    form with anything else (its own ``process``, an inline filter, a data list, a prefix, its own meta) is made
    by ``fresh_form``. ``tests/unit/test_fresh_form.py`` holds the two ways to the same form on every step's
    answers and hostile ones.
    """
    # As the MultiDict of the stored pairs: every value list read (what cannot be is refused here as there), and
    # a field is in it when it has a value.
    pairs = {name: list(values) for name, values in stored.items()} if stored else None
    plan = _plan(form_class)
    if not plan.plain:
        return fresh_form(form_class, MultiDict([(k, v) for k, values in pairs.items() for v in values])
                          if pairs else None)
    form = object.__new__(form_class)
    fields = _copy_fields(form, plan)
    for name, _field, _kind, _flags_kind, callable_default in plan.fields:
        copy = fields[name]
        # Field.process(formdata, unset_value, extra_filters=[]), step by step
        copy.process_errors = []
        data = copy.default
        if callable_default:
            try:
                data = data()
            except TypeError:
                data = copy.default
        copy.object_data = data
        try:
            copy.process_data(data)
        except ValueError as e:
            copy.process_errors.append(e.args[0])
        if pairs is not None:
            copy.raw_data = list(pairs[copy.name]) if pairs.get(copy.name) else []
            try:
                copy.process_formdata(copy.raw_data)
            except ValueError as e:
                copy.process_errors.append(e.args[0])
        try:
            for filter_ in copy.filters:
                copy.data = filter_(copy.data)
        except ValueError as e:
            copy.process_errors.append(e.args[0])
    # (Form.post_process: each field's own does nothing here, with no data list: see _Plan.)
    return form


_FIELD_VALIDATE, _FIELD_CHAIN = Field.validate, Field._run_validation_chain
_FIELD_PRE_VALIDATE, _FIELD_POST_VALIDATE = Field.pre_validate, Field.post_validate


def validate_field(field: Field, form: Form, extra: Sequence = ()) -> bool:
    """``field.validate(form, extra)``: WTForms' ``Field.validate`` step by step when it is the field's (its errors
    from processing, its pre-validation, its validators then ``extra`` until one stops the chain, its
    post-validation, each ``ValidationError`` an error and a ``StopValidation``'s message kept), without calling
    the steps that are WTForms' own and do nothing (``pre_validate``, ``post_validate``) or going through
    ``itertools.chain``; a field with a ``validate`` of its own is validated by it."""
    kind = type(field)
    if kind.validate is not _FIELD_VALIDATE or kind._run_validation_chain is not _FIELD_CHAIN:
        return field.validate(form, extra)
    field.errors = list(field.process_errors)
    stop_validation = False
    if extra:
        field.check_validators(extra)
    if kind.pre_validate is not _FIELD_PRE_VALIDATE:
        try:
            field.pre_validate(form)
        except StopValidation as e:
            if e.args and e.args[0]:
                field.errors.append(e.args[0])
            stop_validation = True
        except ValidationError as e:
            field.errors.append(e.args[0])
    if not stop_validation:
        for validator in (*field.validators, *extra) if extra else field.validators:
            try:
                validator(form, field)
            except StopValidation as e:
                if e.args and e.args[0]:
                    field.errors.append(e.args[0])
                stop_validation = True
                break
            except ValidationError as e:
                field.errors.append(e.args[0])
    if kind.post_validate is not _FIELD_POST_VALIDATE:
        try:
            field.post_validate(form, stop_validation)
        except ValidationError as e:
            field.errors.append(e.args[0])
    return len(field.errors) == 0
