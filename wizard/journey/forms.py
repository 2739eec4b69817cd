"""One FlaskForm per step of the wizard.

Every sentence is an English ``N_`` string, so the same text serves the person's page (translated with
``gettext`` when shown) and the council's record (always English). Each form knows:

- ``prepare(ctx)``: anything that depends on earlier answers (dynamic choices); called before validate/render;
- how each field is drawn: beside the field (``params=``, and ``choice_params=`` keyed by choice value: see
  ``fields.py``), with ``field_params(ctx)`` only for what depends on earlier answers (a legend with the child's
  name); ``drawn_params(ctx)`` puts them together for the page; a text's one ``limit`` sets its character count;
- ``values()``: the typed answers, under stable keys, once the form is valid;
- ``summary(values, T, fmt_date)``: rows for "Check your answers" as ``(key, label, value)``, with the English
  texts passed through ``T`` (``gettext`` on the page, unchanged in the record).

Forms never decide a route: where a question depends on the route, the step's condition (steps.py) asks the
domain.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar, NamedTuple

from flask_babel import gettext, lazy_gettext
from markupsafe import escape
from wtforms import HiddenField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, StopValidation, ValidationError

from wizard.domain.addresses import KeptVerdicts, header_safe_address
from wizard.domain.ages import OLDEST_AGE, earliest_day, years_old
from wizard.domain.complaint import asks_for_advocate
from wizard.domain.dates import day_text
from wizard.domain.routing import age_band
from wizard.domain.vocabulary import (
    ABOUT_LABELS,
    AGREES_WORDS,
    CONFIRM_METHOD_WORDS,
    CONTACT_WAY_WORDS,
    HELP_LABELS,
    N_,
    NP_,
    THROUGH_WORDS,
    TRUSTED_ROLE_WORDS,
    WHO_SELF,
    WHO_WORDS,
    YES_NO_UNSURE_WORDS,
    options,
)
from wizard.telephone import tel
from wizard.translate import lazy_translate, page_language
from wizard.webforms import TextForm, validate_field

from .fields import (
    DateWidget,
    GovukCharacterCountField,
    GovukCheckboxesField,
    GovukField,
    GovukRadiosField,
    GovukTextField,
    Presented,
    lazy_text,
    max_length,
)

Translate = Callable[[str], str]

# Each question has its own Yes and No (a message context each): in Welsh the answer follows the question's verb
# ("Ydy / Nac ydy", "Oes / Nac oes", "Do / Naddo", "Hoffwn / Na hoffwn"), so one shared "Yes" cannot serve them all.
# A new yes/no question gets its own pair. YES_NO and YES_NO_UNSURE are the English shape, for tests and staff.
YES_NO = (("yes", N_("Yes")), ("no", N_("No")))
YES_NO_UNSURE = options(YES_NO_UNSURE_WORDS)
# "I'm not sure", as every question that offers it words it (the vocabulary's one wording).
UNSURE = YES_NO_UNSURE_WORDS["unsure"].option
DANGER_ANSWERS = (("yes", NP_("Is a child in danger right now?", "Yes")),
                  ("no", NP_("Is a child in danger right now?", "No")))
PROVIDER_ANSWERS = (("yes", NP_("Was the care given by another organisation?", "Yes")),
                    ("no", NP_("Was the care given by another organisation?", "No")),
                    ("unsure", UNSURE))
TRIED_ANSWERS = (("yes", NP_("Have you tried to sort this out with staff?", "Yes")),
                 ("no", NP_("Have you tried to sort this out with staff?", "No")))
ADVOCACY_SELF_ANSWERS = (("yes", NP_("Would you like an advocate?", "Yes")),
                         ("no", NP_("Would you like an advocate?", "No")))
ADVOCACY_CHILD_ANSWERS = (("yes", NP_("Would the child like an advocate?", "Yes")),
                          ("no", NP_("Would the child like an advocate?", "No")),
                          ("unsure", UNSURE))
# When the child does not know about the complaint, the person is asked what they want ("Would you like ..."):
# the same answers as "Would you like an advocate?" (in Welsh they follow that verb).
OFFER_ADVOCATE_ANSWERS = (("yes", NP_("Would you like an advocate?", "Yes")),
                          ("no", NP_("Would you like an advocate?", "No")),
                          ("unsure", UNSURE))
# In Welsh, not being sure whether there is a court case is not knowing ("Dydw i ddim yn gwybod").
PROCEEDINGS_ANSWERS = (("yes", NP_("Is there a court case or police investigation?", "Yes")),
                       ("no", NP_("Is there a court case or police investigation?", "No")),
                       ("unsure", NP_("Is there a court case or police investigation?", "I'm not sure")))
SAFE_ANSWERS = (("yes", NP_("Is it safe for us to contact you this way?", "Yes")),
                ("no", NP_("Is it safe for us to contact you this way?", "No")))
MESSAGE_ANSWERS = (("yes", NP_("Can we leave a message?", "Yes")),
                   ("no", NP_("Can we leave a message?", "No")))
CHILD_SAFE_ANSWERS = (("yes", NP_("Is it safe for the council to contact the child directly?", "Yes")),
                      ("no", NP_("Is it safe for the council to contact the child directly?", "No")))
CHILD_MESSAGE_ANSWERS = (("yes", NP_("Can the council leave a message for the child?", "Yes")),
                         ("no", NP_("Can the council leave a message for the child?", "No")))
FEELS_SAFE_ANSWERS = (("yes", NP_("Do you feel safe where you live now?", "Yes")),
                      ("no", NP_("Do you feel safe where you live now?", "No")),
                      ("unsure", UNSURE))


# Each yes/no answer by the label of its row in "Check your answers": the record keeps the plain English words, so
# the printed copy finds the question's own Yes and No by the row's label.
ANSWERS_BY_ROW_LABEL = {
    N_("Is a child in danger right now?"): DANGER_ANSWERS,
    N_("Care given by another organisation"): PROVIDER_ANSWERS,
    N_("Tried to sort it out with staff"): TRIED_ANSWERS,
    N_("Advocate wanted"): ADVOCACY_SELF_ANSWERS,
    N_("Advocate wanted for the child"): ADVOCACY_CHILD_ANSWERS,
    N_("Court case or police investigation"): PROCEEDINGS_ANSWERS,
    N_("Safe to contact you that way"): SAFE_ANSWERS,
    N_("Can we leave a message"): MESSAGE_ANSWERS,
    N_("Safe for the council to contact the child directly"): CHILD_SAFE_ANSWERS,
    N_("Can leave a message for the child"): CHILD_MESSAGE_ANSWERS,
    N_("Going ahead without the child's agreement"): (
        ("yes", NP_("Going ahead without the child's agreement", "Yes")),),
}


def _yes_no(answers, value: bool) -> str:
    """The English answer (with its context) for a yes/no question answered ``value``."""
    return _choice_label(answers, "yes" if value else "no")

PHONE_RE = r"^\+?[0-9 ()-]{10,20}$"
PHONE_MESSAGE = N_("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
EMAIL_MESSAGE = N_("Enter an email address in the correct format, like name@example.com")
EMAIL_ASCII_MESSAGE = N_(
    "Enter an email address that uses only the letters a to z, numbers and symbols like . - _ +, "
    "like name@example.com"
)


# Characters that are not text, removed from every answer: control characters (a long answer keeps its line
# breaks), the bidirectional embeddings, overrides, isolates and marks (they can make "Sam" display as "maS" in an
# email), and other invisible format characters such as zero-width spaces. A zero-width joiner or non-joiner is
# kept only between two visible characters, where some scripts and emoji need it.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_JOINERS = "\u200c\u200d"
# Letters and symbols that draw nothing (Hangul fillers, the blank Braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters a font draws as nothing, such as
# the combining grapheme joiner U+034F, the Hangul fillers, the Mongolian vowel separator and the tag characters.
# All are removed, except a variation selector right after a visible character (it picks the emoji or text look,
# or a form of a CJK or Mongolian letter), the joiners as above, and the tags of a flag like England's or Wales'.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
_VARIATION_SELECTORS = ((0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
_FLAG = "\U0001F3F4"  # a flag emoji followed by tag letters (E0020-E007E) and the cancel tag E007F
_FLAG_TAGS = re.compile("[\U000E0020-\U000E007E]+\U000E007F")


def _in(ranges, char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def default_ignorable(char: str) -> bool:
    return _in(_DEFAULT_IGNORABLE, char)


def _visible(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNPS" and char not in _BLANK_LETTERS


# Characters the loop in ``_kept_characters`` keeps as they are, one by one, whatever is next to them (printable
# ASCII, and Latin-1 and Latin Extended letters and signs but the soft hyphen), and line breaks: most answers are
# only these, and need no loop (tests/unit/test_clean_text.py holds the two ways to the same result).
_PLAIN = re.compile("[\n\x20-\x7e\u00a0-\u00ac\u00ae-\u024f]*")


def clean_text(value: str, keep_line_breaks: bool = True) -> str:
    """An answer as text: NFC, no control, bidi-control, zero-width or other default-ignorable characters, and ""
    when nothing in it can be seen (so a required question says what to enter)."""
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", value))
    if _PLAIN.fullmatch(text):
        if not keep_line_breaks:
            text = text.replace("\n", " ")
        if not text.strip():  # among these characters only spaces, no-break spaces and line breaks draw nothing
            return ""
    else:
        text = _kept_characters(text, keep_line_breaks)
        if not any(_visible(char) for char in text):
            return ""
    if keep_line_breaks:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip()


def _kept_characters(text: str, keep_line_breaks: bool) -> str:
    """The text (NFC, one kind of line break) without what ``clean_text`` removes, character by character."""
    kept: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        before = kept[-1][-1] if kept else ""
        # A joiner or selector may follow a visible character, or a selector that itself follows one.
        after_visible = bool(before) and (_visible(before) or _in(_VARIATION_SELECTORS, before))
        if char == "\n":
            kept.append("\n" if keep_line_breaks else " ")
        elif char == "\t":
            kept.append(" ")
        elif char in _JOINERS:
            after = text[index + 1] if index + 1 < len(text) else ""
            if after_visible and after and _visible(after):
                kept.append(char)
        elif char == _FLAG and (tags := _FLAG_TAGS.match(text, index + 1)):
            kept.append(char + tags.group())
            index = tags.end()
            continue
        elif default_ignorable(char):
            if _in(_VARIATION_SELECTORS, char) and before and _visible(before):
                kept.append(char)
        elif unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            kept.append(char)
        index += 1
    return unicodedata.normalize("NFC", "".join(kept))  # again: a removed joiner may have kept marks apart


def _strip(value):
    """The filter on every text answer (long answers keep their line breaks)."""
    if isinstance(value, str):
        return clean_text(value, keep_line_breaks=True)
    return value


def _one_line(value):
    """The filter on one-line answers: a line break (only a hand-made post can send one) becomes a space."""
    if isinstance(value, str):
        return clean_text(value, keep_line_breaks=False)
    return value


class EmailSyntax(Email):
    """WTForms' ``Email`` (email-validator's check of the address's form; no look-up, so its verdict depends on the
    address alone), each address's verdict kept as ``addresses.KeptVerdicts`` keeps them (a digest, never the
    address): Check your answers and Send validate every answer again, and this check was half the cost of the
    contact details page's."""

    def __init__(self, message=None):
        super().__init__(message=message)
        self.verdicts = KeptVerdicts()

    def __call__(self, form, field):
        value = field.data
        if type(value) is not str:
            # Nothing typed, or not text at all (a tampered draft: WTForms' check would fail with a TypeError).
            raise ValidationError(self.message)
        if self.verdicts.of(value, lambda _: self._passes(form, field)):
            return
        super().__call__(form, field)  # refused: the error as WTForms words it

    def _passes(self, form, field) -> bool:
        try:
            super().__call__(form, field)
        except ValidationError:
            return False
        return True


def _usable_email(form, field):
    """Refuse an address the emails could not carry (the same check the emails use)."""
    value = field.data
    if value and header_safe_address(value) is None:
        if isinstance(value, str) and not value.isascii():
            raise ValidationError(gettext(EMAIL_ASCII_MESSAGE))
        raise ValidationError(gettext(EMAIL_MESSAGE))  # (not text at all: only a tampered draft holds that)


def _choice_label(choices, value) -> str:
    for key, label in choices:
        if key == value:
            return label
    return ""


# How a question that is the page's only one is drawn: its legend (or label) is the page heading. The text is
# the field's own label unless the page gives another.
HEADING_LEGEND = {"fieldset": {"legend": {"isPageHeading": True, "classes": "govuk-fieldset__legend--l"}}}
HEADING_LABEL = {"label": {"isPageHeading": True, "classes": "govuk-label--l"}}
# A question drawn under the page heading, with a smaller legend or label.
LEGEND_M = {"fieldset": {"legend": {"classes": "govuk-fieldset__legend--m"}}}
LEGEND_S = {"fieldset": {"legend": {"classes": "govuk-fieldset__legend--s"}}}
LABEL_M = {"label": {"classes": "govuk-label--m"}}
LABEL_S = {"label": {"classes": "govuk-label--s"}}
INLINE = {"classes": "govuk-radios--inline"}


def _lazy(text: str):
    return lazy_gettext(text) if text else ""


def limit(max_length: int, too_long: str) -> Length:
    """The one length check of a text answer: it also sets the character count's limit (``fields.max_length``)."""
    if too_long == ANSWER_TOO_LONG:
        return NamedLength(max=max_length)
    return Length(max=max_length, message=lazy_gettext(too_long))


class NamedLength(Length):
    """The length check of an answer with no error of its own: the error names the question, as the person reads
    it ("“Their name” must be 200 characters or fewer", fresh-eyes F7: "Answer must be..." named nothing)."""

    def __call__(self, form, field):
        if len(field.data or "") > self.max:
            raise ValidationError(gettext(ANSWER_TOO_LONG, field=str(field.label.text), max=self.max))


class RequiredWhen:
    """A follow-up question: required when another field on the form has one of ``values``, else ignored.

    It takes the place of ``Optional`` at the head of the chain. When the other answer does not ask for this
    field, the chain stops with no error (like ``Optional``) and whatever was typed is dropped; when it does and
    this field is empty, the chain stops with ``message``; otherwise the rest of the chain (``Length`` and so on)
    runs. The other field may be a single choice (radios) or a list (checkboxes).
    """

    def __init__(self, other: str, values, message: str):
        self.other = other
        self.values = (values,) if isinstance(values, str) else tuple(values)
        self.message = message
        self.field_flags = {"optional": True}

    def applies(self, form) -> bool:
        chosen = form[self.other].data
        chosen = chosen if isinstance(chosen, (list, tuple, set)) else [chosen]
        return any(value in self.values for value in chosen)

    def __call__(self, form, field):
        if not self.applies(form):
            # A follow-up to a choice not made: not needed, so not checked and not kept.
            field.data = ""
            field.errors[:] = []
            raise StopValidation()
        if not field.data or (isinstance(field.data, str) and not field.data.strip()):
            field.errors[:] = []
            raise StopValidation(gettext(self.message))


class RequiredWhenOrKept(RequiredWhen):
    """A follow-up required after one choice, and kept (still length-checked) whatever the choice when something
    was typed in it: what a person writes about their safety is never thrown away (fresh-eyes G2: "the phone is
    shared, do not call or text", typed after "Yes, it is safe by email", was dropped)."""

    def __call__(self, form, field):
        if not self.applies(form):
            field.errors[:] = []
            if not field.data or (isinstance(field.data, str) and not field.data.strip()):
                field.data = ""
                raise StopValidation()
            return  # kept: the rest of the chain (its length) still runs
        super().__call__(form, field)


ANSWER_TOO_LONG = N_("“%(field)s” must be %(max)d characters or fewer")


def follow_up(label: str, other: str, values, message: str, too_long: str, max_length: int, hint: str = "",
              area: bool = False, params: dict | None = None):
    """A question answered only after a particular choice ("If you need an interpreter: which language?")."""
    chain = [RequiredWhen(other, values, message), limit(max_length, too_long)]
    field_class = GovukCharacterCountField if area else GovukTextField
    return field_class(
        lazy_gettext(label), chain, filters=[_strip], description=_lazy(hint), param_extensions=params
    )


def choice_hints(hints: Mapping[str, str]) -> dict:
    """Each choice's hint (``N_`` texts by choice value) as its ``choice_params``, translated when drawn."""
    return {value: {"hint": {"text": lazy_text(hint)}} for value, hint in hints.items()}


def radios(label: str, choices, message: str, hint: str = "", params: dict | None = None,
           choice_params: dict | None = None) -> GovukRadiosField:
    field = GovukRadiosField(
        lazy_gettext(label),
        choices=[SelectChoice(k, lazy_translate(v)) for k, v in choices],
        invalid_choice_message=lazy_gettext(message),
        description=_lazy(hint),
        param_extensions=params,
        choice_params=choice_params,
    )
    field.answers = tuple(choices)  # the English words of each choice: what Check your answers and the record show
    return field


def text(label: str, message: str | None = None, *validators, hint: str = "", max_length: int = 200,
         params: dict | None = None) -> GovukTextField:
    chain = [DataRequired(lazy_gettext(message))] if message else [Optional()]
    chain += [*validators, limit(max_length, ANSWER_TOO_LONG)]
    return GovukTextField(
        lazy_gettext(label), chain, filters=[_one_line], description=_lazy(hint), param_extensions=params
    )


def long_text(label: str, message: str | None, too_long: str, max_length: int, hint: str = "",
              params: dict | None = None) -> GovukCharacterCountField:
    # No maxlength attribute: people may paste a long text and shorten it; the count (or, without JavaScript,
    # the error message) tells them how much to cut. The count's limit is the length check's.
    chain = [DataRequired(lazy_gettext(message))] if message else [Optional()]
    chain.append(limit(max_length, too_long))
    return GovukCharacterCountField(
        lazy_gettext(label), chain, filters=[_strip], description=_lazy(hint), param_extensions=params
    )


class ApproximateDateWidget(DateWidget):
    """GOV.UK date input whose labels are translated and which copes with missing parts."""

    def map_gov_params(self, field, **kwargs):
        raw = list(field.raw_data or [])
        raw += [""] * (3 - len(raw))
        day, month, year = raw[:3]
        if not field.raw_data and field.data:
            day, month, year = str(field.data.day), str(field.data.month), str(field.data.year)
        error = " govuk-input--error" if field.errors else ""
        items = [
            {"label": gettext("Day"), "id": f"{field.name}-day", "name": field.name, "value": day,
             "classes": "govuk-input--width-2" + error, "inputmode": "numeric"},
            {"label": gettext("Month"), "id": f"{field.name}-month", "name": field.name, "value": month,
             "classes": "govuk-input--width-2" + error, "inputmode": "numeric"},
            {"label": gettext("Year"), "id": f"{field.name}-year", "name": field.name, "value": year,
             "classes": "govuk-input--width-4" + error, "inputmode": "numeric"},
        ]
        params = kwargs.get("params") or {}
        params["items"] = items
        kwargs["params"] = params
        return super().map_gov_params(field, **kwargs)


# A month typed as a word, in English or Welsh, in full or short ("Sep", "Medi", "Tach"), as GOV.UK's date pattern
# accepts it: a person who types "Medi" has given a real month, and is not told it is not a real date.
MONTH_NAMES = {
    name: number
    for number, names in enumerate((
        ("january", "jan", "ionawr", "ion"),
        ("february", "feb", "chwefror", "chwef"),
        ("march", "mar", "mawrth", "maw"),
        ("april", "apr", "ebrill", "ebr"),
        ("may", "mai"),
        ("june", "jun", "mehefin", "meh"),
        ("july", "jul", "gorffennaf", "gorff", "gorf"),
        ("august", "aug", "awst"),
        ("september", "sep", "sept", "medi"),
        ("october", "oct", "hydref", "hyd"),
        ("november", "nov", "tachwedd", "tach"),
        ("december", "dec", "rhagfyr", "rhag"),
    ), start=1)
    for name in names
}


def month_number(month: str) -> str:
    """The month as its number ("9" for "Sep" or "Medi"), or as it was typed when it is not a month's name."""
    found = MONTH_NAMES.get(month.strip().rstrip(".").lower())
    return str(found) if found else month


class ApproximateDateField(GovukField):
    """Day, month and year; the day may be left out ("about" dates).

    The rule for a missing day: the last day of that month, or today if that is later than today. It is the
    date most favourable to the person when the time limit is counted, and nobody is asked to explain it.
    ``data`` is a date; ``approximate`` says the day was left out.

    The one check of every date a person types (walk I, I11): the numbers 0 to 9 (full-width ones, typed on a phone
    set for another script, read as them: NFKC, as the earlier reference is read; other scripts' digits refused),
    three parts (a fourth, posted by hand, is refused, not ignored), not in the future, and, with ``dated``, not
    before ``ages.earliest_day``: the day before which nothing about a complaint here can be dated.
    """

    widget = ApproximateDateWidget()

    def __init__(self, label=None, validators=None, *, name_in_errors: str, missing: str, optional=False,
                 dated: bool = False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.optional = optional
        self.name_in_errors = name_in_errors  # "Date it happened" (an N_ string)
        self.missing = missing
        self.dated = dated  # a date about the complaint (when it happened, the reply's): ``earliest_day`` applies
        self.approximate = False
        self.error_part = "day"
        self.extra_parts = False

    def process_formdata(self, valuelist):
        # Full-width digits (and spaces) as the usual ones, so the page shows back what was read.
        self.raw_data = [unicodedata.normalize("NFKC", v or "").strip() for v in valuelist[:3]]
        self.raw_data += [""] * (3 - len(self.raw_data))
        self.extra_parts = any((v or "").strip() for v in valuelist[3:])
        self.data = None

    def _value(self):
        return self.raw_data

    def _what(self) -> str:
        """The date's name in its error messages (translated only when there is an error to show)."""
        return gettext(self.name_in_errors)

    def pre_validate(self, form):
        self.data = None
        raw = list(self.raw_data or [])
        raw += [""] * (3 - len(raw))
        day, month, year = raw[:3]
        if not (day or month or year):
            if self.optional:
                return
            raise ValidationError(gettext(self.missing))
        if not month and not year:
            self.error_part = "month"
            raise ValidationError(gettext("%(what)s must include a month and year", what=self._what()))
        if not month:
            self.error_part = "month"
            raise ValidationError(gettext("%(what)s must include a month", what=self._what()))
        if not year:
            self.error_part = "year"
            raise ValidationError(gettext("%(what)s must include a year", what=self._what()))
        month = month_number(month)
        parts = (month, year) + ((day,) if day else ())
        if self.extra_parts:  # only a hand-made post has a fourth part: never read as if it were not there
            raise ValidationError(gettext("%(what)s must be a real date", what=self._what()))
        if not all(re.fullmatch(r"\d{1,4}", part) for part in parts):
            raise ValidationError(gettext("%(what)s must be a real date", what=self._what()))
        if not all(part.isascii() for part in parts):  # another script's digits ("٣"): said, not guessed at
            raise ValidationError(gettext("%(what)s must be written with the numbers 0 to 9", what=self._what()))
        # The first part that is wrong is the one named, in the order they are typed (walk M, M9: "0 0 0" was
        # told about the year first).
        if day and not 1 <= int(day) <= 31:
            self.error_part = "day"
            raise ValidationError(gettext("%(what)s must be a real date", what=self._what()))
        if not 1 <= int(month) <= 12:
            self.error_part = "month"
            raise ValidationError(gettext("%(what)s must be a real date", what=self._what()))
        if len(year) != 4:
            self.error_part = "year"
            raise ValidationError(gettext("Year must include 4 numbers"))
        y, m = int(year), int(month)
        if y < 1900:
            self.error_part = "year"
            raise ValidationError(gettext("%(what)s is too long ago: check the year", what=self._what()))
        today = form.ctx.today
        if day:
            try:
                value = date(y, m, int(day))
            except ValueError:
                raise ValidationError(gettext("%(what)s must be a real date", what=self._what())) from None
            self.approximate = False
        else:
            value = date(y, m, calendar.monthrange(y, m)[1])
            if value > today and (y, m) == (today.year, today.month):
                value = today
            self.approximate = True
        if value > today:
            raise ValidationError(gettext("%(what)s must be today or in the past", what=self._what()))
        if self.dated and value < earliest_day(today):
            self.error_part = "year"
            raise ValidationError(gettext(
                "%(what)s cannot be before %(date)s: this service is for complaints about children and young "
                "people aged %(age)s or under. Check the year.",
                what=self._what(), date=day_text(earliest_day(today), page_language()), age=OLDEST_AGE,
            ))
        self.data = value


# No answer is longer than this (the longest question allows 5000 characters): a last bound on what a draft keeps.
STORED_VALUE_MAX = 5000


# Each form class's inline validators by field name (None: none), found once (see ``StepForm.validate``).
_INLINE_VALIDATORS: dict[type, dict[str, Callable | None]] = {}


class StepForm(TextForm):
    """What every step's form can do (see the module docstring)."""

    heading: str = ""
    # The fields drawn on the page, in order.
    drawn: tuple[str, ...] = ()

    def prepare(self, ctx) -> None:
        self.ctx = ctx

    def validate_step(self) -> bool:
        return self.validate()

    def validate(self, extra_validators=None) -> bool:
        """WTForms' ``Form.validate``, with each field's inline validator (the form's ``validate_<field>``) looked
        up once per form class rather than at every validation (Check your answers and Send validate every
        answer's form), and each field validated by ``validate_field``: the same steps as its own ``validate``.
        ``tests/unit/test_fresh_form.py`` compares both with WTForms' own on every step form."""
        if extra_validators is not None:
            return super().validate(extra_validators)
        inline = _INLINE_VALIDATORS.get(type(self))
        if inline is None:
            inline = _INLINE_VALIDATORS[type(self)] = {}
        success = True
        for name, field in self._fields.items():
            found = inline.get(name, inline)
            if found is inline:
                found = inline[name] = getattr(type(self), f"validate_{name}", None)
            if not validate_field(field, self, () if found is None else [found]):
                success = False
        return success

    def title(self, ctx) -> str:
        return gettext(self.heading)

    def window_title(self) -> str:
        """The page's <title>: the question without any answer in it (``title`` may name the child), because a
        title stays in the browser's history and tab list after the person has left."""
        return gettext(self.heading)

    def field_params(self, ctx) -> dict[str, dict]:
        """What the page draws differently for these answers (a legend with the child's name), by field: merged
        over the presentation each field carries (``fields.Presented``). Only what depends on ``ctx`` goes here."""
        return {}

    def drawn_params(self, ctx) -> dict[str, dict]:
        """Each drawn field's macro params: its own presentation, what ``field_params`` adds for these answers,
        every fieldset's legend given its question when only its style was set, and a character count's limit
        taken from the field's length check.

        A group of radios, checkboxes or date parts is named by its legend: a fieldset whose legend has no
        text leaves a screen reader user with answers and no question.
        """
        dynamic = self.field_params(ctx)
        out = {}
        for name in self.drawn:
            field = self[name]
            extra = dynamic.get(name)
            params = field.presentation(extra) if isinstance(field, Presented) else dict(extra or {})
            legend = params.get("fieldset", {}).get("legend")
            if legend is not None and not (legend.get("text") or legend.get("html")):
                params["fieldset"] = {**params["fieldset"], "legend": {**legend, "text": str(field.label.text)}}
            label = params.get("label")
            if label is not None and label.get("isPageHeading") and not (label.get("text") or label.get("html")):
                params["label"] = {**label, "text": str(field.label.text)}
            if isinstance(field, GovukCharacterCountField) and "maxlength" not in params:
                params["maxlength"] = max_length(field)
            out[name] = params
        return out

    def intro(self, ctx) -> list[str]:
        return []

    def page_heading(self, ctx) -> str | None:
        """A separate h1, for pages with more than one question; None when the first question is the h1."""
        return None

    def values(self) -> dict:
        return {}

    @staticmethod
    def summary(values: dict, T: Translate, fmt_date) -> list[tuple[str, str, str]]:
        return []

    def to_keep(self) -> dict[str, list[str]]:
        """What the draft keeps of this step once it is valid: only this form's fields, text as cleaned (so
        within its length limit), no more values than a field takes (one; a date's three parts; each checkbox
        choice at most once), and every value bounded, whatever else the post carried."""
        kept: dict[str, list[str]] = {}
        for name, field in self._fields.items():
            if name == "csrf_token":
                continue
            raw = [value if isinstance(value, str) else "" for value in (field.raw_data or [])]
            if isinstance(field, SelectMultipleField):
                allowed = [c.value if isinstance(c, SelectChoice) else c[0] for c in field.choices or ()]
                values = [value for value in dict.fromkeys(raw) if value in allowed]
            elif isinstance(field, ApproximateDateField):
                values = raw[:3]
            elif isinstance(field, StringField):  # one-line and long text, hidden fields
                values = [field.data or ""] if raw else []
            else:
                values = raw[:1]
            kept[name] = [value[:STORED_VALUE_MAX] for value in values]
        return kept


class CarryOnForm(StepForm):
    """Information pages (emergency help, other ways to complain): a button to carry on with a complaint."""

    carry_on = HiddenField(default="yes", validators=[DataRequired(), Length(max=3)])

    def values(self) -> dict:
        return {"carry_on": True}


class Row(NamedTuple):
    """A one-question step's line on Check your answers (and in the record): its key and label (``N_``), and how
    the answer is shown: by its choice's English words (``answers``: the question's own choices unless given), or
    as typed, with ``not_given`` in place of an empty answer."""

    key: str
    label: str
    answers: tuple | None = None
    not_given: str = ""


def as_typed(data):
    return data


def yes_as_true(data) -> bool:
    """A yes/no answer kept as True or False."""
    return data == "yes"


def _ask_one(cls) -> None:
    """A one-question step's ``question``: the one field found in its class's own declaration (there must be exactly
    one), and the one drawn."""
    declared = [name for name, value in vars(cls).items() if isinstance(value, UnboundField)]
    if len(declared) != 1:
        raise TypeError(f"{cls.__name__} asks one question: declare exactly one field, not {declared}")
    cls.question = declared[0]
    cls.drawn = (cls.question,)


class OneQuestion(StepForm):
    """A step that asks one question, declared as data: the ``heading``, its one field (declared as any form's
    field, its presentation beside it), the ``row`` it shows on Check your answers, and how its answer is kept
    (``stored``, under ``stored_as``: the field's own name unless the subclass names another). What depends on
    earlier answers (a legend naming the child, a review panel's own heading) stays in the subclass's methods.

    The field is found in the class's own declaration (there must be exactly one), and is the one drawn.
    """

    row: ClassVar[Row]
    stored: ClassVar[Callable[[Any], Any]] = staticmethod(as_typed)
    stored_as: ClassVar[str] = ""
    question: ClassVar[str] = ""  # the field's name, from the declaration

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _ask_one(cls)
        cls.stored_as = vars(cls).get("stored_as") or cls.question
        if cls.row.answers is None:
            cls.row = cls.row._replace(answers=getattr(vars(cls)[cls.question], "answers", None))

    def values(self):
        return {self.stored_as: self.stored(self[self.question].data)}

    @classmethod
    def summary(cls, values, T, fmt_date):
        key, label, answers, not_given = cls.row
        value = values[cls.stored_as]
        if answers is not None:  # a yes/no kept as True or False shows its Yes or No
            shown = T(_yes_no(answers, value) if isinstance(value, bool) else _choice_label(answers, value))
        else:
            shown = value or (T(not_given) if not_given else value)
        return [(key, T(label), shown)]


class OneDateQuestion(StepForm):
    """A step that asks one date, declared as data as a ``OneQuestion`` is: the ``heading``, its one date field
    (an ``ApproximateDateField``, with its own words and checks) and the ``row`` it shows on Check your answers. The
    date is kept under the field's name, and whether its day was left out under ``<name>_approximate``: the row
    then shows the month and year alone."""

    row: ClassVar[Row]
    question: ClassVar[str] = ""  # the field's name, from the declaration
    approximate_as: ClassVar[str] = ""  # ``<question>_approximate``

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _ask_one(cls)
        if vars(cls)[cls.question].field_class is not ApproximateDateField:
            raise TypeError(f"{cls.__name__} asks one date: declare an ApproximateDateField")
        cls.approximate_as = f"{cls.question}_approximate"

    def values(self):
        date_field = self[self.question]
        return {self.question: date_field.data, self.approximate_as: date_field.approximate}

    @classmethod
    def summary(cls, values, T, fmt_date):
        shown = fmt_date(values[cls.question], month_only=bool(values.get(cls.approximate_as)))
        return [(cls.row.key, T(cls.row.label), shown)]


class DangerForm(OneQuestion):
    heading = N_("Is a child in danger right now?")
    danger = radios(
        heading,
        DANGER_ANSWERS,
        N_("Select yes if a child is in danger right now, or no if not"),  # walk O, O8: both answers named
        N_("For example, a child is hurt, missing, or at risk of being harmed today."),
        params={**HEADING_LEGEND, **INLINE},
    )
    row = Row("danger", N_("Is a child in danger right now?"))
    stored = staticmethod(yes_as_true)


WHO_CHOICES = options(WHO_WORDS)
WHO_HINTS = {
    "child": N_("Including children in care. You can complain about the care you get."),
    "care_leaver": N_("You have left the council's care, or you are getting ready to leave."),
    "parent": N_(
        "Parental responsibility means the law lets you make big decisions for a child. This includes special "
        "guardians: people a court has chosen to bring up a child."
    ),
    "foster_carer": N_(
        "This includes family and friends (connected persons) the council has approved as the child's foster carer."
    ),
    "kinship_carer": N_(
        "The child lives with you. You might be their grandparent, aunt, older brother or sister, or a family "
        "friend. The council has not approved you as their foster carer, and you are not their special guardian."
    ),
    "relative": N_("The child does not live with you."),
    "advocate": N_("You help a child or young person say what they want, and you do not work for the council."),
    "professional": N_("For example, a teacher, health visitor or youth worker."),
}


class WhoForm(OneQuestion):
    heading = N_("Which of these best describes you?")
    who = radios(
        heading,
        WHO_CHOICES,
        N_("Select who you are"),
        params=HEADING_LEGEND,
        choice_params=choice_hints(WHO_HINTS),
    )
    row = Row("who", N_("Who you are"))


ABOUT_CHOICES = tuple(ABOUT_LABELS.items())
ABOUT_HINTS = {
    "social_worker": N_("What a social worker did or did not do, or how they treated a child or family."),
    # What a social worker does, and how they treat a child or family, belongs to these subjects, not to
    # "something else" (fresh-eyes walk K, K1: a child who wrote "my social worker shouts at me" chose it).
    "child_in_need": N_(
        "Assessments by a social worker, their work with a child or family, and support for those who need it, "
        "including relatives or friends bringing up a child."
    ),
    "looked_after": N_(
        "A child looked after by the council: where they live, their care plan, their social worker, contact with "
        "family."
    ),
    "fostering": N_("Becoming or being a foster carer, or a foster placement."),
    "adoption": N_("Adoption, and support after an adoption."),
    "special_guardianship": N_("Help and support for special guardians and the children they look after."),
    "disabled_children": N_("Short breaks, care and support for disabled children and their families."),
    "leaving_care": N_("Support for care leavers, such as a personal adviser, a pathway plan or housing."),
    "child_protection": N_("Child protection enquiries, conferences and plans."),
    "education": N_("Special educational needs, school places, admissions and school transport."),
    "childcare": N_("Nurseries, childminders and help to pay for childcare."),
    "youth_services": N_("Youth clubs, youth workers and activities for young people."),
    "school": N_("Something a school, or its staff, did or did not do."),
    "other_council": N_(
        "A council service not listed here, or how an adult was treated by council staff. If it is about a social "
        "worker or a child's care, choose one of the options above."
    ),
}


class AboutForm(OneQuestion):
    heading = N_("What is your complaint about?")
    about = radios(
        heading,
        ABOUT_CHOICES,
        N_("Select what your complaint is about"),
        params=HEADING_LEGEND,
        choice_params=choice_hints(ABOUT_HINTS),
    )
    row = Row("about", N_("What it is about"))


class ProviderForm(StepForm):
    heading = N_("Was the care given by an organisation that is not the council?")
    provider = radios(
        heading,
        PROVIDER_ANSWERS,
        N_("Select yes if the care was given by an organisation that is not the council"),
        N_("For example, a children's home, a fostering agency or a care company that the council arranged."),
        params=HEADING_LEGEND,
    )
    provider_name = text(
        N_("If you know it: which organisation gave the care? (optional)"),
        None,
        hint=N_("For example, the name of the children's home, fostering agency or care company. It helps the "
                "council know whom to ask."),
        params={**LABEL_S, "autocomplete": "organization", "spellcheck": False},
    )
    drawn = ("provider", "provider_name")

    def values(self):
        chosen = self.provider.data
        named = (self.provider_name.data or "") if chosen != "no" else ""
        return {"provider": chosen, "provider_name": named}

    @staticmethod
    def summary(values, T, fmt_date):
        rows = [
            (
                "provider_care",
                T(N_("Care given by another organisation")),
                T(_choice_label(PROVIDER_ANSWERS, values["provider"])),
            )
        ]
        if values.get("provider_name"):
            rows.append(("provider_name", T(N_("The organisation that gave the care")), values["provider_name"]))
        return rows


def age_dob_mismatch(age: int, born: date, approximate: bool, today: date, yours: bool = False) -> str | None:
    """The error to show when an age and a date of birth cannot both be right, else None.

    A date of birth without its day (``approximate``) is kept as the month's last day, so someone born that month
    may be a year older than that date says.
    """
    years = years_old(born, today)
    if age == years or (approximate and age == years + 1):
        return None
    shown = day_text(born, page_language(), month_only=approximate)
    if yours:
        return gettext(
            "You said you are %(age)s, but the date of birth you gave (%(born)s) makes you %(years)s. "
            "Change whichever is wrong, or leave the date of birth empty.",
            age=age,
            born=shown,
            years=years,
        )
    return gettext(
        "The age you gave (%(age)s) does not match the date of birth (%(born)s), which makes them %(years)s. "
        "Change whichever is wrong, or leave the date of birth empty.",
        age=age,
        born=shown,
        years=years,
    )


AGE_INPUT = {"classes": "govuk-input--width-3", "inputmode": "numeric", "spellcheck": False}


# An age as people write it: "9", "9 years", "9 years old", "9 oed", "9 mlwydd oed" (a fresh-eyes walk, session 6:
# a Welsh-speaking grandmother typed "9 oed" and was refused). Anything else is still refused.
AGE_RE = re.compile(
    r"(\d+)(?:\s*(?:years?(?:\s+old)?|yrs?|y/?o|oed|(?:ml|bl)wydd(?:\s+oed)?|mlynedd(?:\s+oed)?))?\.?",
    re.IGNORECASE,
)


class ChildForm(StepForm):
    heading = N_("About the child or young person")
    yours = False  # the age asked about is the child's, not the person's own
    child_name = text(
        N_("Their full name"),
        N_("Enter the child's name"),
        params={"autocomplete": "off", "spellcheck": False},
    )
    child_age = GovukTextField(
        lazy_gettext(N_("How old are they?")),
        [limit(20, N_("Age must be a whole number, like 14"))],
        filters=[_one_line],
        description=lazy_gettext(N_("In years. If you do not know their age, give their date of birth instead.")),
        param_extensions=AGE_INPUT,
    )
    child_dob = ApproximateDateField(
        lazy_gettext(N_("Date of birth (if you know it)")),
        name_in_errors=N_("Date of birth"),
        missing=N_("Enter the child's date of birth"),
        optional=True,
        description=lazy_gettext(N_("For example, 27 3 2012")),
        param_extensions=LEGEND_S,
    )
    drawn = ("child_name", "child_age", "child_dob")

    def page_heading(self, ctx):
        return gettext(self.heading)

    # Said when neither an age nor a date of birth is given.
    age_missing = N_("Enter the child's age or date of birth")

    def validate_step(self) -> bool:
        ok = self.validate()
        age_text = self.child_age.data or ""
        dob_given = any(self.child_dob.raw_data or [])
        self.age = None
        if age_text:
            found = AGE_RE.fullmatch(age_text.strip())
            if not found:
                self.child_age.errors = [gettext("Age must be a whole number, like 14")]
            elif len(found.group(1).lstrip("0")) > 2 or int(found.group(1)) > OLDEST_AGE:
                self.child_age.errors = [gettext("Age must be %(age)s or under", age=OLDEST_AGE)]
            else:
                self.age = int(found.group(1))
        if dob_given and not self.child_dob.errors:
            years = years_old(self.child_dob.data, self.ctx.today)
            if years > OLDEST_AGE:
                self.child_dob.errors = [
                    gettext("Date of birth must be for someone aged %(age)s or under", age=OLDEST_AGE)
                ]
            elif self.age is None and not self.child_age.errors:
                self.age = years
            elif self.age is not None:
                mismatch = age_dob_mismatch(self.age, self.child_dob.data, self.child_dob.approximate, self.ctx.today,
                                            yours=self.yours)
                if mismatch:
                    self.child_age.errors = [mismatch]
                    self.child_dob.errors = [gettext("Check the date of birth, or leave it empty")]
        if not age_text and not dob_given:
            self.child_age.errors = [gettext(self.age_missing)]
        return ok and not self.child_age.errors and not self.child_dob.errors

    def values(self):
        dob = self.child_dob.data if any(self.child_dob.raw_data or []) else None
        return {"child_name": self.child_name.data, "child_age": self.age, "child_dob": dob}

    @staticmethod
    def summary(values, T, fmt_date):
        rows = [("child.name", T(N_("Child's name")), values["child_name"])]
        if values.get("child_age") is not None:
            rows.append(("child.age", T(N_("Child's age")), str(values["child_age"])))
        if values.get("child_dob"):
            rows.append(("child.date_of_birth", T(N_("Child's date of birth")), fmt_date(values["child_dob"])))
        return rows


class SelfForm(ChildForm):
    """A child, young person or care leaver complaining for themselves: what lets the council find them."""

    heading = N_("Help us find your records")
    yours = True
    age_missing = N_("Enter how old you are, or your date of birth")
    child_name = None  # their name is asked on its own page, where a first name is enough
    child_age = GovukTextField(
        lazy_gettext(N_("How old are you?")),
        [limit(20, N_("Age must be a whole number, like 14"))],
        filters=[_one_line],
        description=lazy_gettext(N_("Or give your date of birth below.")),
        param_extensions=AGE_INPUT,
    )
    child_dob = ApproximateDateField(
        lazy_gettext(N_("Your date of birth (optional)")),
        name_in_errors=N_("Date of birth"),
        missing=N_("Enter your date of birth"),
        optional=True,
        description=lazy_gettext(N_("For example, 27 3 2010")),
        param_extensions=LEGEND_S,
    )
    surname = text(
        N_("Your last name (optional)"),
        None,
        hint=N_("Your first name is enough if you would rather not say."),
        params={"autocomplete": "family-name", "spellcheck": False},
    )
    social_worker = text(
        N_("Your social worker's or personal adviser's name (optional)"),
        None,
        params={"autocomplete": "off", "spellcheck": False},
    )
    where = text(
        N_("Where you live, or your school or college (optional)"),
        None,
        hint=N_("For example, the town you live in, your children's home, or the name of your school or college."),
        params={"autocomplete": "off"},
    )
    drawn = ("child_age", "child_dob", "surname", "social_worker", "where")

    def prepare(self, ctx):
        super().prepare(ctx)
        # Someone who gave their first and last name on the name page is not asked for their last name again
        # (fresh-eyes walk J, J11); whatever was typed before is still kept.
        if len((ctx.flat.get("name") or "").split()) > 1 and not self.surname.data:
            self.drawn = tuple(name for name in self.drawn if name != "surname")

    def intro(self, ctx):
        found = [
            gettext("This helps the council find the right records about you, and helps an advocate get in touch "
                    "with you if you want one. Only the people dealing with your complaint will see it."),
        ]
        if without_reference(ctx):
            found.append(gettext(
                "You did not give the reference of your complaint. Your last name and your date of birth help the "
                "council find it."
            ))
        return found

    def field_params(self, ctx):
        params = super().field_params(ctx)
        if without_reference(ctx):  # not "your first name is enough": it may not be, to find the complaint
            params = {**params, "surname": {**params.get("surname", {}), "hint": {"text": gettext(
                "This helps the council find your complaint."
            )}}}
        return params

    def values(self):
        dob = self.child_dob.data if any(self.child_dob.raw_data or []) else None
        return {
            "child_age": self.age,
            "child_dob": dob,
            "surname": self.surname.data or "",
            "social_worker": self.social_worker.data or "",
            "where": self.where.data or "",
        }

    @staticmethod
    def summary(values, T, fmt_date):
        rows = []
        if values.get("child_age") is not None:
            rows.append(("child.age", T(N_("Your age")), str(values["child_age"])))
        if values.get("child_dob"):
            rows.append(("child.date_of_birth", T(N_("Your date of birth")), fmt_date(values["child_dob"])))
        if values.get("surname"):
            rows.append(("child.surname", T(N_("Your last name")), values["surname"]))
        if values.get("social_worker"):
            rows.append(("child.social_worker", T(N_("Your social worker or personal adviser")),
                         values["social_worker"]))
        if values.get("where"):
            rows.append(("child.where", T(N_("Where you live, or your school or college")), values["where"]))
        return rows


AGREES_CHOICES = options(AGREES_WORDS)


class AgreesForm(OneQuestion):
    heading = N_("Does the child know about this complaint, and agree to you making it and getting the reply?")
    child_agrees = radios(
        heading, AGREES_CHOICES, N_("Select whether the child agrees to the complaint"), params=HEADING_LEGEND
    )
    row = Row("consent.child_agrees", N_("Does the child agree?"))

    def title(self, ctx):
        return gettext(
            "Does %(name)s know about this complaint, and agree to you making it and getting the reply?",
            name=ctx.flat.get("child_name", ""),
        )

    def field_params(self, ctx):
        if age_band(ctx.flat.get("child_age"), ctx.profile) == "younger":  # the rules' own age band
            # Only an advocate is asked about a younger child (the route says so): they act on what the child wants.
            hint = gettext("As their advocate, you act on what the child wants. If the child agrees, this is "
                           "their own complaint, made through you. If they do not agree, or do not know yet, the "
                           "council will decide whether it can look into it, and it will not contact the child "
                           "about it before speaking to you.")
        else:
            hint = gettext("Children aged %(age)s or over need to agree before someone else can complain for them.",
                           age=ctx.profile.consent_age)
        return {"child_agrees": {"fieldset": {"legend": {"text": self.title(ctx)}}, "hint": {"text": hint}}}


KNOWS_CHOICES = (
    ("yes", N_("Yes, they know")),
    ("no", N_("No, they do not know")),
    ("unsure", UNSURE),
)


class FeelsSafeForm(OneQuestion):
    """A child complaining for themselves is asked, on a page of its own and early, whether they feel safe where they
    live now (walks O and P: a 12-year-old scared at home had answered "no" to "Is a child in danger right now?"
    before the service knew she was a child, and an optional question at the foot of a long page was skipped)."""

    heading = N_("Do you feel safe where you live now?")
    feels_safe = radios(
        heading, FEELS_SAFE_ANSWERS, N_("Select yes, no or I'm not sure"),
        hint=N_("If you say no or not sure, we will ask the council to check you are safe."),
        params=HEADING_LEGEND,
    )
    row = Row("child.feels_safe", N_("Do you feel safe where you live now?"))


class ChildKnowsForm(OneQuestion):
    """For a child under the consent age: whether they know about the complaint. Never a condition: a younger
    child's agreement is not needed (domain.md, consent), but the council should not raise it with a child who
    does not know, and may want to hear the child's views."""

    heading = N_("Does the child know about this complaint?")
    child_knows = radios(
        heading, KNOWS_CHOICES, N_("Select whether the child knows about this complaint"), params=HEADING_LEGEND
    )
    row = Row("consent.child_knows", N_("Does the child know about the complaint?"))

    def title(self, ctx):
        name = ctx.flat.get("child_name") or ""
        return gettext("Does %(name)s know about this complaint?", name=name) if name else gettext(self.heading)

    def field_params(self, ctx):
        return {
            "child_knows": {
                "fieldset": {"legend": {"text": self.title(ctx)}},
                # The age is the council's own setting, not a rule of law (fresh-eyes walk I, I8).
                "hint": {"text": gettext(
                    "%(council)s asks for a child's agreement to a complaint made for them from the age of "
                    "%(age)s. For a younger child, it does not need their agreement. But it helps the council to "
                    "know whether the child knows, so it does not talk to them about it by surprise.",
                    council=ctx.profile.name, age=ctx.profile.consent_age)},
            }
        }


CONFIRM_CHOICES = options(CONFIRM_METHOD_WORDS)


class ConfirmHowForm(StepForm):
    heading = N_("How will the child confirm that they agree?")
    confirm_method = radios(
        heading, CONFIRM_CHOICES, N_("Select how the child will confirm that they agree"), params=HEADING_LEGEND
    )
    child_contact = follow_up(
        N_("If the council should contact them: how can it reach them safely?"),
        "confirm_method",
        "council_contacts",
        N_("Enter how the council can contact the child safely"),
        N_("How to contact the child must be 500 characters or fewer"),
        500,
        hint=N_("For example, a phone only they answer, or a time when they can talk without being overheard. Not a "
                "phone where they live if that is not safe."),
        area=True,
        params={"rows": 3, **LABEL_S},
    )
    # The follow-up questions are shown under the choices, not in a conditional reveal: it works the same
    # with and without JavaScript, and nothing is hidden from screen readers.
    drawn = ("confirm_method", "child_contact")

    def values(self):
        chosen = self.confirm_method.data
        return {
            "confirm_method": chosen,
            "child_contact": self.child_contact.data if chosen == "council_contacts" else None,
        }

    @staticmethod
    def summary(values, T, fmt_date):
        rows = [("consent.method", T(N_("How the child will confirm")),
                 T(_choice_label(CONFIRM_CHOICES, values["confirm_method"])))]
        if values.get("child_contact"):
            rows.append(("consent.child_contact", T(N_("How to contact the child safely")), values["child_contact"]))
        return rows


class ChildConfirmForm(OneQuestion):
    heading = N_("For the child: confirm that you agree")
    confirm_name = text(
        N_("Type your name"),
        N_("Type your name to confirm that you agree"),
        params={"autocomplete": "off", "spellcheck": False},
    )
    row = Row("consent.child_typed_name", N_("Name the child typed to agree"))
    stored_as = "child_confirmed_name"

    def page_heading(self, ctx):
        return gettext(self.heading)

    def intro(self, ctx):
        return [
            gettext("This page is for %(name)s.", name=ctx.flat.get("child_name", "")),
            gettext("By typing your name, you agree to the person helping you making this complaint for you and "
                    "getting the reply. If you do not agree, you do not have to type anything: go back and tell "
                    "them."),
        ]


class TriedForm(OneQuestion):
    heading = N_("Have you tried to sort this out with the staff you deal with, or their manager?")
    tried = radios(
        heading,
        TRIED_ANSWERS,
        N_("Select yes if you have tried to sort this out with staff or their manager"),
        params={**HEADING_LEGEND, **INLINE},
    )
    row = Row("tried_local_resolution", N_("Tried to sort it out with staff"))


class WhenForm(OneDateQuestion):
    heading = N_("When did it happen, or when did you find out about it?")
    happened = ApproximateDateField(
        lazy_gettext(heading),
        name_in_errors=N_("Date it happened"),
        missing=N_("Enter the date it happened or when you found out"),
        dated=True,
        description=lazy_gettext(
            N_("For example, 27 3 2025. If you do not know the exact day, enter just the month and year.")
        ),
        param_extensions=HEADING_LEGEND,
    )
    row = Row("complaint.happened", N_("When it happened"))


class LateForm(OneQuestion):
    heading = N_("Why are you making this complaint now?")
    late_reason = long_text(
        heading,
        N_("Enter why you are making this complaint now"),
        N_("Why you are making this complaint now must be 1200 characters or fewer"),
        1200,
        hint=N_("For example, you only found out recently, or you were not well enough to complain sooner."),
        params=LABEL_M,
    )
    row = Row("late_reason", N_("Why it is being made now"))

    def intro(self, ctx):
        return [
            gettext(
                "Complaints should usually be made within %(months)s months of what happened, or of finding out "
                "about it.",
                months=ctx.profile.time_limit_months,
            ),
            gettext(
                "The council can still look at your complaint if there was a good reason it was not made sooner "
                "and it can still be looked at fairly. Telling us why helps."
            ),
        ]

    def page_heading(self, ctx):
        return gettext("Your complaint is outside the usual time limit")


PHONE_INPUT = {"type": "tel", "autocomplete": "tel", "classes": "govuk-input--width-20"}
EMAIL_INPUT = {"type": "email", "autocomplete": "email", "spellcheck": False}

ADVOCACY_HINT = N_(
    "An advocate is someone who does not work for the council and can help you say what you want. It is free."
)


# The advocate question's legend on a review panel's page, which has a heading of its own.
REVIEW_PANEL_LEGEND = {"isPageHeading": False, "classes": "govuk-fieldset__legend--m"}


def _asks_for_a_review_panel(ctx) -> bool:
    from .steps import escalation_decision  # the domain's decision for someone taking a complaint further

    decision = escalation_decision(ctx)
    return decision is not None and decision.outcome == "review_panel"


class AdvocacySelfForm(OneQuestion):
    heading = N_("Would you like an advocate to help you?")
    advocacy = radios(
        heading, ADVOCACY_SELF_ANSWERS, N_("Select yes if you would like an advocate"), ADVOCACY_HINT,
        params={**HEADING_LEGEND, **INLINE},
    )
    row = Row("advocacy.requested", N_("Advocate wanted"))

    def intro(self, ctx):
        if _asks_for_a_review_panel(ctx):  # seed 001; regulation 19
            return [gettext(
                "A review panel is a meeting. You can go with an advocate and one other person, or send an "
                "advocate to speak for you instead. You can also send something in writing if you prefer."
            )]
        return []

    def page_heading(self, ctx):
        return gettext("Help at the review panel") if _asks_for_a_review_panel(ctx) else None

    def field_params(self, ctx):
        if _asks_for_a_review_panel(ctx):  # under the page's own heading: a smaller legend
            return {"advocacy": {"fieldset": {"legend": REVIEW_PANEL_LEGEND}}}
        return {}


class AdvocacyChildForm(OneQuestion):
    heading = N_("Would the child like an advocate?")
    advocacy = radios(
        heading,
        ADVOCACY_CHILD_ANSWERS,
        N_("Select yes if the child would like an advocate"),
        N_("An advocate is someone who does not work for the council and can help the child say what they "
           "want. It is free."),
        params=HEADING_LEGEND,
    )
    # The record keeps the child's answers' words, also when the person was asked whether they want one offered.
    row = Row("advocacy.requested", N_("Advocate wanted for the child"))
    child_unaware = False

    def prepare(self, ctx):
        super().prepare(ctx)
        # The person has just said the child does not know about the complaint: "Would the child like ...?" is
        # not theirs to answer (fresh-eyes H11). They are asked whether they want the council to offer one.
        self.child_unaware = ctx.flat.get("child_knows") == "no" and not _asks_for_a_review_panel(ctx)
        if self.child_unaware:
            self.advocacy.choices = [SelectChoice(k, lazy_translate(v)) for k, v in OFFER_ADVOCATE_ANSWERS]

    def validate_step(self) -> bool:
        ok = self.validate()
        if not ok and self.child_unaware and self.advocacy.errors:
            self.advocacy.errors = [gettext("Select yes if you would like the council to offer the child an advocate")]
        return ok

    def intro(self, ctx):
        if _asks_for_a_review_panel(ctx):
            # The person asking (the complainant) may bring an advocate and one other person, or send an advocate
            # (seed 001; regulation 19), as their confirmation says; the question is about the child's own advocate
            # (walk J, J10: the page said the child could, the confirmation that they could).
            return [gettext(
                "At the review panel meeting, you can bring an advocate and one other person, or send an advocate in "
                "your place. The child can also have an advocate of their own, to help them say what they want."
            )]
        return []

    def title(self, ctx):
        if ctx.flat.get("child_knows") == "no" and not _asks_for_a_review_panel(ctx):
            return gettext("Would you like the council to offer the child an advocate?")
        return super().title(ctx)

    def page_heading(self, ctx):
        return gettext("Help at the review panel") if _asks_for_a_review_panel(ctx) else None

    def field_params(self, ctx):
        if _asks_for_a_review_panel(ctx):
            return {"advocacy": {"fieldset": {"legend": REVIEW_PANEL_LEGEND}}}
        if ctx.flat.get("child_knows") == "no":
            return {"advocacy": {
                "fieldset": {"legend": {"text": gettext("Would you like the council to offer the child an advocate?")}},
                "hint": {"text": gettext(
                    "An advocate is someone who does not work for the council and can help the child say what they "
                    "want. It is free. You said the child does not know about the complaint yet: the council will "
                    "take that into account before it offers them one.")},
            }}
        return {}


class AdvocateDetailsForm(StepForm):
    heading = N_("Your details as an advocate")
    advocate_name = text(N_("Your name"), N_("Enter your name"), params={"autocomplete": "name", "spellcheck": False})
    organisation = text(
        N_("Organisation"), N_("Enter the name of your organisation"), params={"autocomplete": "organization"}
    )
    role = text(
        N_("Your role"),
        N_("Enter your role"),
        hint=N_("For example, independent advocate"),
        params={"autocomplete": "organization-title"},
    )
    direct_phone = text(
        N_("Direct phone number"),
        N_("Enter your direct phone number"),
        Regexp(PHONE_RE, message=lazy_gettext(PHONE_MESSAGE)),
        params=PHONE_INPUT,
    )
    working_hours = text(
        N_("Your working hours"), N_("Enter your working hours"), hint=N_("For example, Monday to Thursday, 9am to 3pm")
    )
    advocate_email = text(
        N_("Email address"),
        N_("Enter your email address"),
        EmailSyntax(message=lazy_gettext(EMAIL_MESSAGE)),
        _usable_email,
        max_length=254,
        params=EMAIL_INPUT,
    )
    drawn = ("advocate_name", "organisation", "role", "direct_phone", "working_hours", "advocate_email")

    def page_heading(self, ctx):
        return gettext(self.heading)

    def values(self):
        return {
            "name": self.advocate_name.data,
            "advocate_organisation": self.organisation.data,
            "advocate_role": self.role.data,
            "advocate_phone": self.direct_phone.data,
            "advocate_hours": self.working_hours.data,
            "advocate_email": self.advocate_email.data,
        }

    @staticmethod
    def summary(values, T, fmt_date):
        rows = [("contact.name", T(N_("Name")), values["name"])] if values.get("name") else []
        return rows + [
            ("advocate.organisation", T(N_("Organisation")), values["advocate_organisation"]),
            ("advocate.role", T(N_("Role")), values["advocate_role"]),
            ("advocate.phone", T(N_("Direct phone number")), values["advocate_phone"]),
            ("advocate.working_hours", T(N_("Working hours")), values["advocate_hours"]),
            ("advocate.email", T(N_("Email address")), values["advocate_email"]),
        ]


PROCEEDINGS_CHOICES = PROCEEDINGS_ANSWERS


class ProceedingsForm(OneQuestion):
    heading = N_("Is there a court case or police investigation about the same thing?")
    proceedings = radios(
        heading,
        PROCEEDINGS_CHOICES,
        N_("Select yes if there is a court case or police investigation about the same thing"),
        N_("This will not stop your complaint being looked at, but part of it may have to wait."),
        params=HEADING_LEGEND,
    )
    row = Row("proceedings", N_("Court case or police investigation"))


WHAT_MAX, WHO_MAX, RIGHT_MAX = 5000, 1000, 2000


class ComplaintForm(StepForm):
    heading = N_("Your complaint")
    what_happened = long_text(
        N_("What happened?"),
        N_("Enter what happened"),
        N_("What happened must be 5000 characters or fewer"),
        WHAT_MAX,
        hint=N_("Tell us what went wrong, in your own words."),
        params={**LABEL_M, "rows": 8},
    )
    who_involved = long_text(
        N_("Who was involved? (optional)"),
        None,
        N_("Who was involved must be 1000 characters or fewer"),
        WHO_MAX,
        hint=N_("The names of staff or teams, if you know them."),
        params={**LABEL_M, "rows": 3},
    )
    put_right = long_text(
        N_("What would put things right?"),
        N_("Enter what would put things right"),
        N_("What would put things right must be 2000 characters or fewer"),
        RIGHT_MAX,
        hint=N_("For example, an apology, a meeting, a change to a plan or a decision being looked at again."),
        params={**LABEL_M, "rows": 5},
    )
    drawn = ("what_happened", "who_involved", "put_right")

    def page_heading(self, ctx):
        return gettext(self.heading)

    def intro(self, ctx):
        # What to do when 5000 characters are not enough, with the council's own facts (its profile); the phone
        # number is a link to call.
        profile = ctx.profile
        facts = {"limit": WHAT_MAX, "inbox": profile.inbox, "council": profile.name, "phone": tel(profile.phone)}
        if profile.inbox:
            return [escape(gettext(
                "You can write up to %(limit)s characters about what happened. If you need to say more, send the "
                "rest by email to %(inbox)s after you send this form, with your complaint's reference in the "
                "subject. Or call %(council)s on %(phone)s and ask to talk to someone."
            )) % facts]
        return [escape(gettext(
            "You can write up to %(limit)s characters about what happened. If you need to say more, call "
            "%(council)s on %(phone)s after you send this form, give your complaint's reference and ask to talk to "
            "someone."
        )) % facts]

    def values(self):
        return {
            "what_happened": self.what_happened.data,
            "who_involved": self.who_involved.data or "",
            "put_right": self.put_right.data,
        }

    @staticmethod
    def summary(values, T, fmt_date):
        rows = [("complaint.what_happened", T(N_("What happened")), values["what_happened"])]
        if values.get("who_involved"):
            rows.append(("complaint.who_involved", T(N_("Who was involved")), values["who_involved"]))
        rows.append(("complaint.put_right", T(N_("What would put things right")), values["put_right"]))
        return rows


def without_reference(ctx) -> bool:
    """Someone taking a complaint further who gave no reference for it: the council must find the complaint
    from who they are, so their full name (and, for a child or care leaver, their date of birth) is asked for."""
    return ctx.flat.get("kind") == "escalation" and not ctx.flat.get("earlier_reference")


class NameForm(OneQuestion):
    heading = N_("What is your name?")
    name = text(
        heading, N_("Enter your name"), params={**HEADING_LABEL, "autocomplete": "name", "spellcheck": False}
    )
    row = Row("contact.name", N_("Name"))

    def field_params(self, ctx):
        if without_reference(ctx):
            return {"name": {"hint": {"text": gettext(
                "Your first name and last name. You did not give the reference of your complaint, so your full "
                "name helps the council find it."
            )}}}
        if ctx.flat.get("who") in WHO_SELF:
            return {"name": {"hint": {"text": gettext("You can give just your first name if you prefer.")}}}
        return {"name": {"hint": {"text": gettext("Your full name.")}}}


class ContactDetailsForm(StepForm):
    heading = N_("How can we contact you?")
    email = text(
        N_("Email address"), None, EmailSyntax(message=lazy_gettext(EMAIL_MESSAGE)), _usable_email, max_length=254,
        params=EMAIL_INPUT,
    )
    phone = text(N_("Phone number"), None, Regexp(PHONE_RE, message=lazy_gettext(PHONE_MESSAGE)), params=PHONE_INPUT)
    address_line_1 = text(N_("Address line 1"), None, params={"autocomplete": "address-line1"})
    address_line_2 = text(N_("Address line 2 (optional)"), None, params={"autocomplete": "address-line2"})
    address_town = text(
        N_("Town or city"), None, params={"autocomplete": "address-level2", "classes": "govuk-!-width-two-thirds"}
    )
    address_postcode = text(
        N_("Postcode"), None, max_length=10,
        params={"autocomplete": "postal-code", "classes": "govuk-input--width-10"},
    )
    drawn = ("email", "phone", "address_line_1", "address_line_2", "address_town", "address_postcode")

    def page_heading(self, ctx):
        return gettext(self.heading)

    def intro(self, ctx):
        if not _own_way_optional(ctx):
            return [gettext("Give at least one way to contact you. You only need to give your address if you would "
                            "like us to write to you by post.")]
        # A child or care leaver may give none (fresh-eyes F7: "at least one" and then "leave it empty" said two
        # things at once).
        return [
            gettext("Give us a way to contact you if you have one. You only need to give your address if you would "
                    "like us to write to you by post."),
            gettext(
                "If you do not have a phone or email, or it is not safe for us to use them, leave this page empty "
                "and select Continue. Next, you can tell us someone you trust who can help us reach you."
            ),
        ]

    def validate_step(self) -> bool:
        ok = self.validate()
        if ok and not (self.email.data or self.phone.data or self.address_line_1.data):
            if _own_way_optional(getattr(self, "ctx", None)):
                # A child or care leaver may have no phone or email, or none that is safe: the next page asks
                # how to reach them instead (someone they trust, their advocate, or no way for now).
                return True
            self.email.errors = [gettext("Enter an email address, a phone number or an address")]
            return False
        address_parts = (self.address_line_1, self.address_town, self.address_postcode)
        if ok and any(f.data for f in address_parts) and not all(f.data for f in address_parts):
            for field, message in zip(
                address_parts,
                (
                    gettext("Enter address line 1, typically the building and street"),
                    gettext("Enter town or city"),
                    gettext("Enter postcode"),
                ),
                strict=True,
            ):
                if not field.data:
                    field.errors = [message]
            return False
        return ok

    def values(self):
        address = [self.address_line_1.data, self.address_line_2.data, self.address_town.data,
                   self.address_postcode.data]
        return {
            "email": self.email.data or "",
            "phone": self.phone.data or "",
            "address": [line for line in address if line] if self.address_line_1.data else [],
        }

    @staticmethod
    def summary(values, T, fmt_date):
        rows = []
        if values.get("email"):
            rows.append(("contact.email", T(N_("Email address")), values["email"]))
        if values.get("phone"):
            rows.append(("contact.phone", T(N_("Phone number")), values["phone"]))
        if values.get("address"):
            rows.append(("contact.address", T(N_("Address")), "\n".join(values["address"])))
        return rows


CONTACT_WAYS = options(CONTACT_WAY_WORDS)


def _own_way_optional(ctx) -> bool:
    """A child, young person or care leaver complaining for themselves may give no way of their own."""
    return ctx is not None and ctx.flat.get("who") in WHO_SELF


def ways_given(flat: Mapping[str, Any]) -> list[str]:
    """The ways to contact the person they gave details for ("email", "phone", "post"), in CONTACT_WAYS' order."""
    given = {"email": flat.get("email"), "phone": flat.get("phone"), "post": flat.get("address")}
    return [k for k, _ in CONTACT_WAYS if given.get(k)]


def contact_way(flat: Mapping[str, Any]) -> str | None:
    """The way to contact the person: the one they chose, or the only one they gave (then they are not asked)."""
    if flat.get("preferred"):
        return flat["preferred"]
    given = ways_given(flat)
    return given[0] if len(given) == 1 else None


class PreferenceForm(OneQuestion):
    heading = N_("How would you like us to contact you?")
    preferred = radios(
        heading,
        CONTACT_WAYS,
        N_("Select how you would like us to contact you"),
        N_("You can only choose a way you gave us details for."),
        params=HEADING_LEGEND,
    )
    row = Row("contact.preferred", N_("Best way to contact you"))

    def prepare(self, ctx):
        super().prepare(ctx)
        given = ways_given(ctx.flat)
        self.preferred.choices = [SelectChoice(k, lazy_gettext(v)) for k, v in CONTACT_WAYS if k in given]


THROUGH_CHOICES = options(THROUGH_WORDS)
TRUSTED_ROLES = options(TRUSTED_ROLE_WORDS)
# "Is your complaint about this person?": a "yes" is refused (nobody is reached through someone they complain
# about); "I'm not sure" is kept, and the council is told to check.
ABOUT_THEM_ANSWERS = (("yes", NP_("Is your complaint about this person?", "Yes")),
                      ("no", NP_("Is your complaint about this person?", "No")),
                      ("unsure", UNSURE))
# Another person's phone and email: the browser must not fill them in with the child's own.
OTHERS_PHONE_INPUT = {**PHONE_INPUT, "autocomplete": "off"}
OTHERS_EMAIL_INPUT = {**EMAIL_INPUT, "autocomplete": "off"}


class ReachForm(OneQuestion):
    """A child or care leaver who gave no phone, email or address: how we can reach them instead."""

    heading = N_("How can we reach you?")
    through = radios(
        heading,
        THROUGH_CHOICES,
        N_("Select how we can reach you"),
        params=HEADING_LEGEND,
        choice_params=choice_hints({
            "advocate": N_(
                "An advocate is someone on your side who helps you say what you want. You do not have one yet, so "
                "until you do, you will need to call us to find out what happens."),
            "trusted": N_(
                "For example, your social worker, personal adviser, foster or kinship carer, a teacher, or an "
                "advocate who helps you say what you want. We will not tell them what your complaint says."),
            "nobody": N_("You can still send your complaint. To find out what happens, you will need to call us."),
        }),
    )
    row = Row("contact.through", N_("How we can reach you"))

    def prepare(self, ctx):
        super().prepare(ctx)
        # Through an advocate only when they asked for one.
        offered = [k for k, _ in THROUGH_CHOICES if k != "advocate" or asks_for_advocate(ctx.flat.get("advocacy"))]
        self.through.choices = [SelectChoice(k, lazy_translate(v)) for k, v in THROUGH_CHOICES if k in offered]

    def intro(self, ctx):
        return [gettext("You did not give us a phone number, an email address or an address. That is OK.")]


class TrustedForm(StepForm):
    """Someone the child or care leaver trusts, through whom we can reach them: who, their name, how to reach
    them, and whether the complaint is about them (then not them)."""

    heading = N_("Someone you trust")
    trusted_role = radios(
        N_("Who is this person?"), TRUSTED_ROLES, N_("Select who this person is"),
        N_("An advocate is someone on your side who helps you say what you want."), params=LEGEND_M,
    )
    trusted_name = text(N_("Their name"), N_("Enter their name"), params={"autocomplete": "off"})
    trusted_phone = text(N_("Their phone number"), None, Regexp(PHONE_RE, message=lazy_gettext(PHONE_MESSAGE)),
                         params=OTHERS_PHONE_INPUT)
    trusted_email = text(
        N_("Their email address"), None, EmailSyntax(message=lazy_gettext(EMAIL_MESSAGE)), _usable_email,
        max_length=254,
        params=OTHERS_EMAIL_INPUT,
    )
    trusted_about = radios(
        N_("Is your complaint about this person?"), ABOUT_THEM_ANSWERS,
        N_("Select yes if your complaint is about this person"), params={**LEGEND_M, **INLINE},
        # "I'm not sure" is kept: the child is told what happens then (fresh-eyes F4).
        choice_params=choice_hints(
            {"unsure": N_("We will check your complaint is not about them before we contact them.")}),
    )
    drawn = ("trusted_role", "trusted_name", "trusted_phone", "trusted_email", "trusted_about")

    def page_heading(self, ctx):
        return gettext(self.heading)

    def intro(self, ctx):
        return [gettext("Tell us who can help us reach you. Give their phone number, their email address, or both. "
                        "We will only ask them to help us get in touch with you.")]

    def validate_step(self) -> bool:
        ok = self.validate()
        if ok and not (self.trusted_phone.data or self.trusted_email.data):
            self.trusted_phone.errors = [gettext("Enter their phone number or their email address")]
            return False
        if ok and self.trusted_about.data == "yes":
            self.trusted_about.errors = [gettext(
                "We cannot reach you through someone your complaint is about. Choose someone else, or go back and "
                "choose another way. You can still send your complaint."
            )]
            return False
        return ok

    def values(self):
        return {
            "trusted_role": self.trusted_role.data,
            "trusted_name": self.trusted_name.data,
            "trusted_phone": self.trusted_phone.data or "",
            "trusted_email": self.trusted_email.data or "",
            "trusted_about": self.trusted_about.data,
        }

    @staticmethod
    def summary(values, T, fmt_date):
        rows = [("contact.trusted", T(N_("Someone you trust")),
                 "\n".join(part for part in (values["trusted_name"],
                                              T(_choice_label(TRUSTED_ROLES, values["trusted_role"])),
                                              values["trusted_phone"], values["trusted_email"]) if part))]
        rows.append(("contact.trusted_about", T(N_("Is your complaint about this person?")),
                     T(_choice_label(ABOUT_THEM_ANSWERS, values["trusted_about"]))))
        return rows


# "Is it safe for us to contact you ...?", for the way we will use, or for every way given when more than one.
SAFE_LEGENDS = {
    ("email",): N_("Is it safe for us to contact you by email?"),
    ("phone",): N_("Is it safe for us to contact you by phone?"),
    ("post",): N_("Is it safe for us to contact you by post?"),
    ("email", "phone"): N_("Is it safe for us to contact you by email and by phone?"),
    ("email", "post"): N_("Is it safe for us to contact you by email and by post?"),
    ("phone", "post"): N_("Is it safe for us to contact you by phone and by post?"),
    ("email", "phone", "post"): N_("Is it safe for us to contact you by email, by phone and by post?"),
}


def safety_questions(safe: str, safe_answers, safe_missing: str, way: str, way_missing: str, way_too_long: str,
                     way_hint: str, message: str, message_answers, message_missing: str, message_hint: str, *,
                     other: str):
    """The three questions on contacting someone safely (the person, or the child an advocate speaks for): is it
    safe to contact them this way; if not (``other``: the first question's field), how; can a message be left."""
    return (
        radios(safe, safe_answers, safe_missing, params={**LEGEND_M, **INLINE}),
        # What is typed about someone's safety is kept whatever the first answer (fresh-eyes G2, for the child an
        # advocate speaks for too), so it is required after "No" and length-checked always.
        GovukCharacterCountField(
            lazy_gettext(way), [RequiredWhenOrKept(other, "no", way_missing), limit(500, way_too_long)],
            filters=[_strip], description=_lazy(way_hint), param_extensions={"rows": 3, **LABEL_S},
        ),
        radios(message, message_answers, message_missing, message_hint, params={**LEGEND_M, **INLINE}),
    )


class ContactingSafely(StepForm):
    """What the forms made of ``safety_questions`` share: their answers and their rows in "Check your answers".

    ``prefix`` names the fields (``safe``, ``safe_way``, ``leave_message`` after it) and the values
    (``safe_to_contact``, ``safe_way``, ``leave_message`` after it); ``row_key`` starts the rows' keys; each row has
    its label in ``row_labels`` and a yes/no row its question's own Yes and No (``safe_answers``, ``message_answers``).
    No message asked (``asks_message`` False): ``leave_message`` is None and has no row.
    """

    prefix = ""
    row_key = "contact"
    row_labels: tuple[str, str, str] = ("", "", "")
    safe_answers = SAFE_ANSWERS
    message_answers = MESSAGE_ANSWERS
    asks_message = True

    def page_heading(self, ctx):
        return gettext(self.heading)

    def values(self):
        p = self.prefix
        safe = self[p + "safe"].data
        return {
            p + "safe_to_contact": safe == "yes",
            # Kept after "Yes" too: whatever is typed about someone's safety reaches the council (fresh-eyes G2).
            p + "safe_way": self[p + "safe_way"].data or "",
            p + "leave_message": self[p + "leave_message"].data == "yes" if self.asks_message else None,
        }

    @classmethod
    def summary(cls, values, T, fmt_date):
        p, key = cls.prefix, cls.row_key
        safe_label, way_label, message_label = cls.row_labels
        rows = [(f"{key}.safe", T(safe_label), T(_yes_no(cls.safe_answers, values[p + "safe_to_contact"])))]
        if values.get(p + "safe_way"):
            rows.append((f"{key}.safe_way", T(way_label), values[p + "safe_way"]))
        if values.get(p + "leave_message") is not None:
            rows.append((f"{key}.leave_message", T(message_label),
                         T(_yes_no(cls.message_answers, values[p + "leave_message"]))))
        return rows


class SafetyForm(ContactingSafely):
    heading = N_("Contacting you safely")
    safe, safe_way, leave_message = safety_questions(
        N_("Is it safe for us to contact you this way?"),
        SAFE_ANSWERS,
        N_("Select yes if it is safe for us to contact you this way"),
        N_("If it is not safe: how can we contact you safely?"),
        N_("Enter how we can contact you safely"),
        N_("How we can contact you safely must be 500 characters or fewer"),
        N_("For example, only call after 6pm, or ask for you by your first name only."),
        N_("Can we leave a message?"),
        MESSAGE_ANSWERS,
        N_("Select yes if we can leave a message"),
        N_("For example, a voicemail, or a note with someone who answers."),
        other="safe",
    )
    drawn = ("safe", "safe_way", "leave_message")
    row_labels = (N_("Safe to contact you that way"), N_("How to contact you safely"), N_("Can we leave a message"))

    def prepare(self, ctx):
        super().prepare(ctx)
        # A message is left on a phone: with no phone given, it is not asked, checked or kept (fresh-eyes Y1).
        self.asks_message = "phone" in ways_given(ctx.flat)
        if not self.asks_message:
            self.drawn = ("safe", "safe_way")

    def validate_step(self) -> bool:
        ok = self.validate()
        if not self.asks_message:
            self.leave_message.errors = []
            ok = not any(field.errors for field in self._fields.values())
        return ok

    def to_keep(self) -> dict[str, list[str]]:
        kept = super().to_keep()
        if not self.asks_message:
            kept.pop("leave_message", None)
        return kept

    def intro(self, ctx):
        if ctx.flat.get("who") in WHO_SELF and asks_for_advocate(ctx.flat.get("advocacy")):
            return [gettext("You asked for an advocate. The advocacy service will get in touch with you the way "
                            "you tell us is safe here.")]
        return []

    def field_params(self, ctx):
        # Every way they gave is asked about, not only the one we will use (fresh-eyes G2: a shared phone given
        # beside an email was never asked about).
        given = tuple(ways_given(ctx.flat))
        way = SAFE_LEGENDS.get(given if len(given) > 1 else (contact_way(ctx.flat) or "",), "")
        if not way:
            return {}
        params = {"fieldset": {"legend": {"text": gettext(way)}}}
        if len(given) > 1:
            params["hint"] = {"text": gettext("If any of them is not safe, choose No and tell us below.")}
        return {"safe": params}


HELP_CHOICES = tuple(HELP_LABELS.items())


def help_needed(heading: str, no_help: str | None = None) -> GovukCheckboxesField:
    """Which help someone needs to take part: "none" (``no_help`` its words, when not the usual) clears the rest."""
    none = {"behaviour": "exclusive", **({"text": lazy_gettext(no_help)} if no_help else {})}
    return GovukCheckboxesField(
        lazy_gettext(heading),
        choices=[SelectChoice(k, lazy_gettext(v)) for k, v in HELP_CHOICES],
        description=lazy_gettext(N_("Select all that apply.")),
        validate_choice=False,
        param_extensions=HEADING_LEGEND,
        choice_params={"none": none},
    )


def interpreter_language(label: str):
    return follow_up(label, "help", "interpreter", N_("Enter the language you need an interpreter for"),
                     ANSWER_TOO_LONG, 200, params={"classes": "govuk-!-width-one-half", **LABEL_S})


def help_other(label: str):
    return follow_up(label, "help", "other", N_("Enter the help you need"), ANSWER_TOO_LONG, 500, params=LABEL_S)


class HelpForm(StepForm):
    heading = N_("Do you need any help to take part?")
    # Nothing chosen (or "none" with something else): said to whoever the help is for.
    help_missing = N_("Select the help you need, or select that you do not need help")
    help = help_needed(heading)
    interpreter_language = interpreter_language(N_("If you need an interpreter: which language?"))
    help_other = help_other(N_("If you need something else: what help do you need?"))
    drawn = ("help", "interpreter_language", "help_other")

    def field_params(self, ctx):
        if ctx.flat.get("address"):
            return {}
        # Easy read and large print letters go by post (fresh-eyes walk L, L5): someone who gave no address is told
        # before they choose, not only the council afterwards.
        return {"help": {"hint": {"text": " ".join((
            gettext("Select all that apply."),
            gettext("You did not give a postal address. If you want letters in easy read or large print, the "
                    "council will get in touch to agree where to send them."),
        ))}}}

    def validate_help(self, field):
        chosen = set(field.data or [])
        if not chosen or not chosen <= {k for k, _ in HELP_CHOICES}:
            raise ValidationError(gettext(self.help_missing))
        if "none" in chosen and len(chosen) > 1:
            raise ValidationError(gettext(self.help_missing))

    def values(self):
        chosen = [k for k, _ in HELP_CHOICES if k in (self.help.data or []) and k != "none"]
        return {
            "help": chosen,
            "interpreter_language": self.interpreter_language.data if "interpreter" in chosen else "",
            "help_other": self.help_other.data if "other" in chosen else "",
        }

    @staticmethod
    def summary(values, T, fmt_date):
        if not values["help"]:
            return [("contact.help", T(N_("Help to take part")), T(N_("None")))]
        lines = []
        for key in values["help"]:
            if key == "interpreter":
                lines.append(T(N_("An interpreter for %(language)s")) % {"language": values["interpreter_language"]})
            elif key == "other":
                lines.append(values["help_other"])
            else:
                lines.append(T(_choice_label(HELP_CHOICES, key)))
        return [("contact.help", T(N_("Help to take part")), "\n".join(lines))]


class ChildSafetyForm(ContactingSafely):
    """For an advocate: how the council can reach the child safely (the advocate's own details are asked once)."""

    heading = N_("Contacting the child safely")
    child_safe, child_safe_way, child_leave_message = safety_questions(
        N_("Is it safe for the council to contact the child directly?"),
        CHILD_SAFE_ANSWERS,
        N_("Select yes if it is safe for the council to contact the child directly"),
        N_("If it is not safe: how should the council reach them?"),
        N_("Enter how the council should reach the child"),
        N_("How the council should reach the child must be 500 characters or fewer"),
        N_("For example, only through you, only at school, or not at their placement."),
        N_("Can the council leave a message for the child?"),
        CHILD_MESSAGE_ANSWERS,
        N_("Select yes if the council can leave a message for the child"),
        N_("For example, a voicemail, or a message with their carer or the staff where they live."),
        other="child_safe",
    )
    drawn = ("child_safe", "child_safe_way", "child_leave_message")
    prefix = "child_"
    row_key = "child_needs"
    row_labels = (N_("Safe for the council to contact the child directly"), N_("How to reach the child safely"),
                  N_("Can leave a message for the child"))
    safe_answers = CHILD_SAFE_ANSWERS
    message_answers = CHILD_MESSAGE_ANSWERS

    def field_params(self, ctx):
        name = ctx.flat.get("child_name") or ""
        if not name:
            return {}
        return {
            "child_safe": {"fieldset": {"legend": {
                "text": gettext("Is it safe for the council to contact %(name)s directly?", name=name)}}},
            "child_leave_message": {"fieldset": {"legend": {
                "text": gettext("Can the council leave a message for %(name)s?", name=name)}}},
        }


class ChildHelpForm(HelpForm):
    """For an advocate: the help the child needs to take part (the same choices, asked about the child)."""

    heading = N_("Does the child need any help to take part?")
    help = help_needed(heading, N_("No, they do not need help"))
    # About the child, not the person answering (fresh-eyes H10: "Select the help you need").
    help_missing = N_("Select the help the child needs, or select that they do not need help")
    interpreter_language = interpreter_language(N_("If they need an interpreter: which language?"))
    help_other = help_other(N_("If they need something else: what help do they need?"))

    def field_params(self, ctx):
        name = ctx.flat.get("child_name") or ""
        if not name:
            return {}
        return {"help": {"fieldset": {"legend": {
            "text": gettext("Does %(name)s need any help to take part?", name=name)}}}}

    def title(self, ctx):
        name = ctx.flat.get("child_name") or ""
        return gettext("Does %(name)s need any help to take part?", name=name) if name else gettext(self.heading)

    def values(self):
        found = super().values()
        return {f"child_{key}": value for key, value in found.items()}

    @staticmethod
    def summary(values, T, fmt_date):
        inner = {key.removeprefix("child_"): value for key, value in values.items()}
        return [("child_needs.help", T(N_("Help the child needs to take part")), value)
                for _, _, value in HelpForm.summary(inner, T, fmt_date)]
