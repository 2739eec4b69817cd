"""The base of every form the service posts: it reads text fields only.

Flask-WTF would hand a form the uploaded files (``request.files``) and a JSON body as well as the text fields, so
a file part or a JSON object sent where a name or a date is expected reached the fields' code as an object it
could not handle (a 500). No form here takes a file or JSON: they read ``request.form`` alone, where every value
is a string, and anything else is as if it had not been sent (the field's own "enter ..." error says so).
"""

from __future__ import annotations

from flask import request
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
