"""Form fields that carry their GOV.UK presentation beside them, and draw it with the GOV.UK macros.

As in alphagov/notifications-admin (``GovukRadiosField(param_extensions=...)``), a field is declared with the
macro params that only concern how it looks (``param_extensions``: a legend that is the page heading, inline
radios, autocomplete, the rows of a text area); a choice field also takes params for its choices, keyed by the
choice's value (``choice_params={"none": {"behaviour": "exclusive"}}``), never by position. What depends on
earlier answers (a legend with the child's name) is given when the page is drawn, and merged over them.

Texts in these params are ``lazy_gettext`` strings, translated when the page is drawn. A field's macro is called
straight from its cached template module (not through another ``render_template`` for each field), with every
lazy string resolved once, and only once per shape: what varies from person to person (what they typed, a legend
naming the child, an error message) is given to the macro as numbered holes, its HTML is kept (on the app's
template environment) and each page fills the holes in, escaped as the macro escapes them. The same HTML, byte for
byte, as the macro's (``tests/unit/test_field_html.py``), at a fraction of its cost; nothing the person typed or
named is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from flask import current_app, request
from flask_babel import LazyString, gettext, pgettext
from govuk_frontend_wtf.gov_form_base import GovFormBase
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovDateInput,
    GovRadioInput,
    GovTextInput,
)
from markupsafe import Markup, escape
from wtforms import Field, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from wizard.translate import page_domain, page_locale

# How many shapes of field HTML are kept (see the module docstring); a journey draws a few dozen.
MEMO_SIZE = 512


class LazyText(LazyString):
    """A translation made when the page is drawn, drawn as text (escaped, as ``gettext``'s result is); a plain
    ``lazy_gettext`` string is drawn as the catalogue has it."""

    def __html__(self):
        return escape(str(self))


def lazy_text(text: str) -> LazyText:
    return LazyText(gettext, text)


def merge(base: Mapping, extra: Mapping | None) -> dict:
    """``extra`` over ``base``: dictionaries merged key by key, anything else replaced (a new dict)."""
    out = dict(base)
    for key, value in (extra or {}).items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def resolved(value: Any) -> Any:
    """The params with every lazy string translated once (the macros read some texts several times).

    A lazy string is drawn as Jinja draws it (its ``__html__``: the catalogue's text as it stands).
    """
    if isinstance(value, LazyString):
        return escape(value)
    if isinstance(value, dict):
        return {key: resolved(item) for key, item in value.items()}
    if isinstance(value, list):
        return [resolved(item) for item in value]
    return value


def choice_values(field) -> list[str]:
    return [c.value if isinstance(c, SelectChoice) else c[0] for c in field.choices or ()]


def max_length(field) -> int | None:
    """The most characters the field's one ``Length`` validator allows (None when it has none)."""
    for validator in field.validators:
        if isinstance(validator, Length) and validator.max >= 0:
            return validator.max
    return None


_NONE: Mapping = MappingProxyType({})


class Presented:
    """A field with its presentation: ``param_extensions`` and, for a choice field, ``choice_params``."""

    def __init__(self, *args, param_extensions: Mapping | None = None, choice_params: Mapping | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        # As declared, shared by every form made from the declaration (read, never changed: ``presentation``
        # makes its own): a walk that validates every answer makes a few dozen fields a request.
        self.param_extensions = param_extensions or _NONE
        self.choice_params = choice_params or _NONE

    def presentation(self, extra: Mapping | None = None) -> dict:
        """The params this field adds to what its widget maps from it: its own, then ``extra`` over them.

        ``extra`` may key its choices' params by value too (``{"items": {"none": {...}}}``).
        """
        extra = dict(extra or {})
        by_value = dict(self.choice_params)
        if isinstance(extra.get("items"), Mapping):
            for value, params in extra.pop("items").items():
                by_value[value] = merge(by_value.get(value, {}), params)
        params = merge(self.param_extensions, extra)
        if by_value:
            # The widget lays its params' items over the field's choices in order: one for each choice now offered.
            params["items"] = [dict(by_value.get(value, {})) for value in choice_values(self)]
        return params


def _memo_allowed() -> bool:
    return not current_app.jinja_env.auto_reload


def _frozen(value: Any):
    """A hashable key for macro params that stands for the HTML they give in one language: a lazy string by what
    it translates (not translated for the key), HTML (``Markup``) told apart from text."""
    if isinstance(value, LazyString):
        if value._kwargs:
            return ("text", str(value))
        return ("lazy", type(value), value._func, value._args)
    if isinstance(value, Markup):
        return ("html", str(value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((key, _frozen(item)) for key, item in value.items())))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_frozen(item) for item in value))
    return value


def _call_macro(environment, template: str, macro: str, params: dict) -> Markup:
    """The macro's HTML (autoescaped templates give ``Markup``), called from the template's cached module."""
    return getattr(environment.get_template(template).module, macro)(resolved(params))


# Where an app's template environment keeps the HTML of fields drawn from their own declaration:
# (macro, language, words domain, params' key) -> HTML (see the module docstring).
MEMO_ATTRIBUTE = "wizard_field_html"


# The plural forms GOV.UK Frontend's character count may ask for (Intl.PluralRules: Welsh uses all six).
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


def _plural(one: str, other: str) -> dict[str, str]:
    return {form: one if form == "one" else other for form in PLURAL_FORMS}


def in_the_page_language(macro: str, params: dict) -> dict:
    """The words GOV.UK Frontend would otherwise write in English, in the page's language: the hidden "Error:"
    before an error message, and a character count's messages (drawn by the server and updated by its script)."""
    error = params.get("errorMessage")
    if isinstance(error, Mapping) and "visuallyHiddenText" not in error:
        params["errorMessage"] = {**error, "visuallyHiddenText": gettext("Error")}
    if macro == "govukCharacterCount":
        params.setdefault("textareaDescriptionText", gettext("You can enter up to %{count} characters"))
        params.setdefault("charactersUnderLimitText", _plural(
            gettext("You have %{count} character remaining"), gettext("You have %{count} characters remaining")))
        params.setdefault("charactersAtLimitText", gettext("You have 0 characters remaining"))
        params.setdefault("charactersOverLimitText", _plural(
            gettext("You have %{count} character too many"), gettext("You have %{count} characters too many")))
    return params


# What varies from person to person in a field's HTML (what they typed, a legend that names the child, an error
# message): plain-text ``text`` params anywhere and a text field's or date part's ``value``. The macro is called with
# numbered holes in their place, once per shape, language and words; its HTML is kept and the holes filled in, each
# text escaped as the macro escapes it. Kept HTML never holds anything a person typed or named.
_HOLE = "\ue000{}\ue001"
_HOLES = re.compile("\ue000(\\d+)\ue001")
# A text drawn in a block the macro indents would change with its line breaks (``indent`` splits on all of these):
# such a field is drawn by the macro itself. A text area's value is not indented, and may have them.
_INDENTED_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


class _Unkeepable(Exception):
    """A field whose texts cannot go in holes: drawn by the macro itself."""


def _holed(value: Any, holes: list[str], key: str | None, value_paths: tuple, path: tuple) -> Any:
    if type(value) is str and value and (key == "text" or path in value_paths):
        if _INDENTED_BREAKS.search(value) and path != ("value",):
            raise _Unkeepable
        holes.append(value)
        return _HOLE.format(len(holes) - 1)
    if isinstance(value, dict):
        return {k: _holed(item, holes, k, value_paths, (*path, k)) for k, item in value.items()}
    if isinstance(value, list):
        return [_holed(item, holes, None, value_paths, (*path, "*")) for item in value]
    return value


class KeptHTML(str):
    """A field's HTML with its holes (see ``_HOLE``), and the same split at them, ready to be filled in."""

    __slots__ = ("parts",)


def _keep(html: str) -> KeptHTML:
    kept = KeptHTML(html)
    kept.parts = _HOLES.split(html)  # literal HTML, hole number, literal HTML, ...
    return kept


def _fill(kept: KeptHTML, holes: list[str]) -> Markup:
    parts = kept.parts
    out = [parts[0]]
    for index in range(1, len(parts), 2):
        out.append(escape(holes[int(parts[index])]))
        out.append(parts[index + 1])
    return Markup("".join(out))  # noqa: S704 - the macro's own HTML, and each text escaped here


class Direct:
    """A GOV.UK widget that calls its macro directly, and keeps its HTML with holes for what varies from person to
    person (see ``_HOLE`` and the module docstring)."""

    macro_template: str
    macro: str
    # Where a ``value`` param is the person's text (not a choice compared with the field's answer); any other param
    # given in a hole is named here too (a link's ``href``).
    value_paths: tuple = (("value",),)

    def render(self, params):
        environment = current_app.jinja_env
        if not _memo_allowed():
            return _call_macro(environment, self.macro_template, self.macro, in_the_page_language(self.macro, params))
        holes: list[str] = []
        try:
            shape = _holed(params, holes, None, self.value_paths, ())  # lazy texts stay lazy: keyed, not holed
        except _Unkeepable:
            return _call_macro(environment, self.macro_template, self.macro, in_the_page_language(self.macro, params))
        memo = getattr(environment, MEMO_ATTRIBUTE, None)
        if memo is None:
            memo = {}
            setattr(environment, MEMO_ATTRIBUTE, memo)
        # The texts a lazy string stands for depend on the language and on the words for this reader (a child
        # reads the young text set, ``words.py``: its own Flask-Babel domain), so both are in the key.
        # (A domain is never freed while the app runs, ``words._domains`` and the app's own, so its id is never
        # another's.)
        key = (self.macro, str(page_locale()), id(page_domain()), _frozen(shape))
        kept = memo.get(key)
        if kept is None:
            # The words ``in_the_page_language`` adds depend on nothing but the language and the reader's words, both
            # in the key: added when the macro is called, not translated and keyed again for every field drawn (a
            # character count's seven texts cost about half of drawing it).
            shape = in_the_page_language(self.macro, shape)
            kept = _keep(_call_macro(environment, self.macro_template, self.macro, shape))
            if len(memo) >= MEMO_SIZE:
                memo.clear()  # a bound, not an eviction policy: the few dozen kept are made again
            memo[key] = kept
        return _fill(kept, holes)


class KeptMacro(Direct):
    """A GOV.UK component that is not a field but is drawn on every journey page with the same words (the Continue
    or Send button, the back link): called as its macro is (``govukButton({...})``), its HTML kept as a field's is,
    with its texts and its link in holes (``tests/functional/test_kept_macros.py``: byte for byte the macro's)."""

    value_paths = (("href",),)

    def __init__(self, macro_template: str, macro: str):
        self.macro_template, self.macro = macro_template, macro

    def __call__(self, params: Mapping) -> Markup:
        return self.render(dict(params))


# What kept fragments are kept under, on the app's template environment (see ``kept_fragment``).
FRAGMENTS_ATTRIBUTE = "wizard_kept_fragments"


def kept_fragment(name: str, *key: Any, caller, **holes: Any) -> Markup:
    """A part of a template drawn once per language and reader's words, its HTML kept with what varies from page to
    page in holes (as a field's is): ``{% call(hole) kept_fragment("timeout", expiry.minutes, at=expiry.at) %} ...
    {{ hole.at }} ... {% endcall %}``. The body is drawn with a mark in place of each hole's value, and each page
    fills them in, escaped as ``{{ }}`` escapes them. The body may depend on nothing else that varies: only on the
    catalogue, the language, the words for this reader, the app's address (``request.script_root``) and ``key``;
    and a hole is only ever printed (never put in a link or changed by a filter). ``tests/functional/
    test_kept_fragments.py`` holds each fragment byte for byte the same as its body drawn with the page's values."""
    if not _memo_allowed():
        return Markup(caller(holes))  # noqa: S704 - the template's own output, escaped by it
    environment = current_app.jinja_env
    memo = getattr(environment, FRAGMENTS_ATTRIBUTE, None)
    if memo is None:
        memo = {}
        setattr(environment, FRAGMENTS_ATTRIBUTE, memo)
    names = tuple(holes)
    memo_key = (name, str(page_locale()), id(page_domain()), request.script_root, key, names)
    kept = memo.get(memo_key)
    if kept is None:
        kept = _keep(str(caller({hole: _HOLE.format(index) for index, hole in enumerate(names)})))
        if len(memo) >= MEMO_SIZE:
            memo.clear()  # a bound, not an eviction policy
        memo[memo_key] = kept
    return _fill(kept, [holes[hole] for hole in names])


# The components the journey's templates call through these (``wizard/app.py`` makes them the templates' own).
KEPT_MACROS = {
    "govukButton": KeptMacro("govuk_frontend_jinja/components/button/macro.html", "govukButton"),
    "govukBackLink": KeptMacro("govuk_frontend_jinja/components/back-link/macro.html", "govukBackLink"),
}


def choice_items(field) -> list[dict]:
    """The items govuk-frontend-wtf's radios and checkboxes give their macro (``GovIterableBase.__call__``): for each
    choice, its label, its value and whether it is chosen, as the option WTForms makes for it would give them
    (``SelectFieldBase.__iter__``: the label or else the value, ``str`` of the value, ``checked`` when selected),
    without making an option field for each choice (about 5 µs a choice, most of drawing radios). A lazy label is
    kept lazy (the kept HTML keys it untranslated: see ``_frozen``) when it has words without translating it
    (``_has_words``). ``tests/unit/test_field_html.py`` holds the items and HTML the same as the options' for every
    choice field of every step, and for odd labels and values."""
    items = []
    for value, label, selected, *_ in field.iter_choices():
        item = {"text": label if _has_words(label) else value, "value": str(value)}
        if selected:
            item["checked"] = True
        items.append(item)
    return items


class ChoicesDirect(Direct):
    """``GovIterableBase.__call__`` with its items from ``choice_items`` (as govuk-frontend-wtf 3.2.0 has it, pinned in
    requirements.txt: a later version's call is not taken up by itself, and the test above compares with it)."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        if "required" not in kwargs and "required" in getattr(field, "flags", []):
            kwargs["required"] = True
        kwargs["items"] = choice_items(field)
        return GovFormBase.__call__(self, field, **kwargs)


class RadiosWidget(ChoicesDirect, GovRadioInput):
    macro_template, macro = "govuk_frontend_jinja/components/radios/macro.html", "govukRadios"
    value_paths = ()  # its value is the answer chosen, compared with each choice's


class CheckboxesWidget(ChoicesDirect, GovCheckboxesInput):
    macro_template, macro = "govuk_frontend_jinja/components/checkboxes/macro.html", "govukCheckboxes"
    value_paths = ()


class TextInputWidget(Direct, GovTextInput):
    macro_template, macro = "govuk_frontend_jinja/components/input/macro.html", "govukInput"


class CharacterCountWidget(Direct, GovCharacterCount):
    macro_template, macro = "govuk_frontend_jinja/components/character-count/macro.html", "govukCharacterCount"


class DateWidget(Direct, GovDateInput):
    macro_template, macro = "govuk_frontend_jinja/components/date-input/macro.html", "govukDateInput"
    value_paths = (("items", "*", "value"),)


class GovukRadiosField(Presented, RadioField):
    widget = RadiosWidget()

    def pre_validate(self, form):
        """WTForms' check that the answer is one of the choices (``SelectField.pre_validate``), without making the
        widget's ``Choice`` of every choice to compare one value (Check your answers and Send check every radio
        answer). Choices given otherwise than as ``SelectChoice`` are checked by WTForms itself."""
        choices = self.choices
        if self.process_errors or not self.validate_choice or choices is None or not _has_words(
            self.invalid_choice_message
        ):
            return super().pre_validate(form)  # (and WTForms' own words for a question that has none of its own)
        data, coerce = self.data, self.coerce
        for choice in choices:
            if type(choice) is not SelectChoice or choice.optgroup is not None:
                return super().pre_validate(form)
            if coerce(choice.value) == data:
                return None
        raise ValidationError(self.invalid_choice_message)


def _has_words(message) -> bool:
    """Whether WTForms would take ``message`` as the question's own (``message or <WTForms' words>``), without
    translating a lazy one to find out: a lazy text of a non-empty message translates to a non-empty one (a
    catalogue's empty translation gives the message itself), so only its message is looked at."""
    if isinstance(message, LazyString) and message._func in _GETTEXTS and not message._kwargs:
        text = message._args[-1] if message._args else None
        if isinstance(text, str):
            return bool(text)
    return bool(message)


_GETTEXTS = (gettext, pgettext)


class GovukCheckboxesField(Presented, SelectMultipleField):
    widget = CheckboxesWidget()


class GovukTextField(Presented, StringField):
    widget = TextInputWidget()


class GovukCharacterCountField(Presented, TextAreaField):
    widget = CharacterCountWidget()


class GovukField(Presented, Field):
    """A field of its own kind (a date) with its presentation beside it."""
