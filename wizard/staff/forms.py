"""Forms for the staff pages. The scenario tester is a GET form: it holds no personal data."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovPasswordInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import DateField, IntegerField, PasswordField, SelectField, SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from wizard.domain.ages import OLDEST_AGE, earliest_day, years_old
from wizard.domain.vocabulary import (
    ABOUT,
    ABOUT_LABELS,
    AGREES,
    ESCALATION_FLAG_LABELS,
    OUTCOME_LABELS,
    OUTCOMES,
    REPLY_STAGE_LABELS,
    REPLY_STAGES,
    STATED_PROCEDURE_LABELS,
    STATED_PROCEDURES,
    WHO,
    WHO_LABELS,
)
from wizard.domain.vocabulary import AGREES_LABELS as VOCABULARY_AGREES_LABELS
from wizard.domain.workdays import uk_today
from wizard.webforms import TextForm


class LoginForm(TextForm):
    password = PasswordField(
        _l("Staff password"), widget=GovPasswordInput(), validators=[InputRequired(message=_l("Enter the password"))]
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


AGREES_LABELS = {"": _l("Not asked")} | {key: _l(label) for key, label in VOCABULARY_AGREES_LABELS.items()}


def _vocabulary_label(text: str):
    """A label the vocabulary already holds (and the catalogue already has), translated when shown."""
    return _l(text)
SCENARIO_FLAGS = [
    ("danger", _l("A child is in danger now")),
    ("proceedings", _l("Court proceedings or a police investigation")),
    ("provider_care", _l("Care given by another organisation")),
    ("advocacy_requested", _l("An advocate is wanted")),
    ("continue_without_consent", _l("Carry on without the child's agreement")),
    # Asked only when taking a complaint further, where the council offers them.
    ("wants_conciliation", _vocabulary_label(ESCALATION_FLAG_LABELS["conciliation_wanted"])),
    ("agrees_early_referral", _vocabulary_label(ESCALATION_FLAG_LABELS["early_referral_agreed"])),
]


# The dates a scenario may use: far enough back for old complaints, far enough ahead to try next year's bank
# holidays, and never so far that the working-day count runs off the calendar (fresh-eyes walk K, K9: 9999-12-30
# was a server error).
EARLIEST_YEAR = 2000
YEARS_AHEAD = 10


def within_years(field) -> None:
    if field.data is None:
        return
    latest = uk_today().year + YEARS_AHEAD
    if not EARLIEST_YEAR <= field.data.year <= latest:
        raise ValidationError(_l("Enter a date between %(first)s and %(last)s", first=EARLIEST_YEAR, last=latest))


class ScenarioForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    who = SelectField(
        _l("Who is complaining"),
        choices=[SelectChoice(w, _l(WHO_LABELS[w])) for w in WHO],
        widget=GovSelect(),
        validators=[InputRequired()],
    )
    about = SelectField(
        _l("What it is about"),
        choices=[SelectChoice(a, _l(ABOUT_LABELS[a])) for a in ABOUT],
        widget=GovSelect(),
        validators=[InputRequired()],
    )
    child_age = IntegerField(
        _l("Child's age (optional)"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            NumberRange(min=0, max=OLDEST_AGE, message=_l("Enter an age from 0 to %(age)s", age=OLDEST_AGE)),
        ],
    )
    child_dob = DateField(
        _l("Child's date of birth (optional)"),
        description=_l("Instead of the age. As year, month and day, for example 2014-11-30"),
        widget=GovTextInput(),
        validators=[Optional()],
    )
    child_agrees = SelectField(
        _l("Does the child agree?"), choices=[SelectChoice(v, label) for v, label in AGREES_LABELS.items()],
        widget=GovSelect(),
        default="",
    )
    happened = DateField(
        _l("When it happened (optional)"),
        description=_l("As year, month and day, for example 2026-03-27"),
        widget=GovTextInput(),
        validators=[Optional()],
    )
    submitted = DateField(
        _l("Date the complaint is received (optional; today if empty)"),
        description=_l("As year, month and day, for example 2026-12-24"),
        widget=GovTextInput(),
        validators=[Optional()],
    )
    # Taking a complaint further: which reply the person had, under which procedure, and when.
    kind = SelectField(
        _l("New complaint or unhappy with a reply"),
        choices=[SelectChoice("new", _l("A new complaint")),
                 SelectChoice("escalation", _l("I'm unhappy with a reply to a complaint I've already made"))],
        widget=GovSelect(),
        default="new",
    )
    stated_procedure = SelectField(
        _l("Complaints procedure"),
        choices=[SelectChoice(p, _l(STATED_PROCEDURE_LABELS[p])) for p in STATED_PROCEDURES],
        widget=GovSelect(),
        default="statutory",
    )
    reply_stage = SelectField(
        _l("Reply you had"),
        choices=[SelectChoice(r, _l(REPLY_STAGE_LABELS[r])) for r in REPLY_STAGES],
        widget=GovSelect(),
        default="stage1",
    )
    reply_date = DateField(
        _l("Date of the reply"),
        description=_l("As year, month and day, for example 2026-03-27"),
        widget=GovTextInput(),
        validators=[Optional()],
    )
    flags = SelectMultipleField(
        _l("Other answers"),
        choices=[SelectChoice(v, label) for v, label in SCENARIO_FLAGS],
        widget=GovCheckboxesInput(),
    )
    submit = SubmitField(_l("Show the route"), widget=GovSubmitInput())

    def validate_happened(self, field):
        within_years(field)
        # The public form's rule for a date about the complaint (forms.ApproximateDateField, dated): never after the
        # day it is made, never before ``ages.earliest_day`` (walk L, L9: 2030-01-01 was taken with no flag).
        received = self.submitted.data or uk_today()
        if field.data is not None and field.data > received:
            raise ValidationError(_l("When it happened must be on or before the date the complaint is received"))
        if field.data is not None and field.data < earliest_day(received):
            raise ValidationError(_l(
                "When it happened cannot be before %(date)s: complaints here are about children and young people "
                "aged %(age)s or under", date=earliest_day(received).isoformat(), age=OLDEST_AGE,
            ))

    def validate_submitted(self, field):
        within_years(field)

    def validate_reply_date(self, field):
        within_years(field)
        if field.data is not None and field.data > (self.submitted.data or uk_today()):
            raise ValidationError(_l("The reply cannot be dated after the request"))
        if field.data is not None and field.data < earliest_day(self.submitted.data or uk_today()):
            raise ValidationError(_l("The date of the reply is too long ago: check the year"))

    def validate_child_dob(self, field):
        if field.data is None:
            return
        if self.child_age.data is not None:
            raise ValidationError(_l("Give the child's age or date of birth, not both"))
        received = self.submitted.data or uk_today()
        if field.data > received:
            raise ValidationError(_l("The date of birth must be on or before the date the complaint is received"))
        if years_old(field.data, received) > OLDEST_AGE:
            raise ValidationError(_l("The date of birth must be for someone aged %(age)s or under", age=OLDEST_AGE))


assert set(AGREES) < set(AGREES_LABELS)


class RoutingFilterForm(FlaskForm):
    """Filters for the routing map: a GET form, so it works without JavaScript and the address can be shared."""

    class Meta:
        csrf = False

    outcome = SelectField(
        _l("Where it goes"),
        choices=[SelectChoice("", _l("Anywhere"))] + [SelectChoice(o, _l(OUTCOME_LABELS[o])) for o in OUTCOMES],
        widget=GovSelect(),
        default="",
    )
    who = SelectField(
        _l("Who is complaining"),
        choices=[SelectChoice("", _l("Anyone"))] + [SelectChoice(w, _l(WHO_LABELS[w])) for w in WHO],
        widget=GovSelect(),
        default="",
    )
    about = SelectField(
        _l("What it is about"),
        choices=[SelectChoice("", _l("Any subject"))] + [SelectChoice(a, _l(ABOUT_LABELS[a])) for a in ABOUT],
        widget=GovSelect(),
        default="",
    )
    ids = SelectMultipleField(
        _l("For people who set up council profiles"),
        choices=[SelectChoice("1", _l("Show the ids the profiles and the JSON use"))],
        widget=GovCheckboxesInput(),
    )
    submit = SubmitField(_l("Show these routes"), widget=GovSubmitInput())


class FiguresForm(FlaskForm):
    """Which financial year the annual figures show: a GET form (the choices are the years with figures)."""

    class Meta:
        csrf = False

    year = SelectField(_l("Financial year"), widget=GovSelect(), validators=[Optional()])
    submit = SubmitField(_l("Show this year"), widget=GovSubmitInput())
