"""The base of every form the service posts: it reads text fields only.

Flask-WTF would hand a form the uploaded files (``request.files``) and a JSON body as well as the text fields, so
a file part or a JSON object sent where a name or a date is expected reached the fields' code as an object it
could not handle (a 500). No form here takes a file or JSON: they read ``request.form`` alone, where every value
is a string, and anything else is as if it had not been sent (the field's own "enter ..." error says so).
"""

from __future__ import annotations

from flask import current_app, request
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto, _is_submitted


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
    prototypes = current_app.extensions.setdefault(PROTOTYPES_KEY, {})
    prototype = prototypes.get(form_class)
    if prototype is None:
        prototype = prototypes[form_class] = form_class(formdata=None, meta={"csrf": False})
    form = object.__new__(form_class)
    state = form.__dict__
    state.update(prototype.__dict__)
    fields = type(prototype._fields)()
    for name, field in prototype._fields.items():
        copy = object.__new__(type(field))
        copy.__dict__.update(field.__dict__)
        flags = object.__new__(type(field.flags))
        flags.__dict__.update(field.flags.__dict__)
        copy.flags = flags
        copy._form = form
        fields[name] = state[name] = copy
    form._fields = fields
    form.form_errors = []
    form.process(formdata)
    return form
