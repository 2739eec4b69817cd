"""The forms of the path for someone unhappy with a reply (taking a complaint further).

They follow ``forms.py`` (one form a step, English ``N_`` strings, ``values`` and ``summary``). The contact,
consent and advocacy questions are the wizard's own steps, not written again here. Nothing here decides what
comes next: the steps ask ``wizard.domain.escalation``.
"""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext, lazy_gettext
from markupsafe import Markup, escape
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Regexp, StopValidation

from wizard.delivery import is_reference
from wizard.domain.dates import day_text
from wizard.domain.vocabulary import (
    AWAITED,
    AWAITED_BY_PROCEDURE,
    N_,
    NP_,
    REPLY_OVERDUE,
    REPLY_STAGE_LABELS,
    REPLY_STAGES,
    REPLY_STAGES_BY_PROCEDURE,
    STATED_PROCEDURE_WORDS,
    STATED_PROCEDURES,
    options,
)
from wizard.telephone import tel
from wizard.translate import lazy_translate, page_language

from .fields import LazyText
from .forms import (
    HEADING_LABEL,
    HEADING_LEGEND,
    INLINE,
    LABEL_M,
    LEGEND_M,
    ApproximateDateField,
    OneDateQuestion,
    OneQuestion,
    Row,
    StepForm,
    choice_hints,
    long_text,
    radios,
    text,
)

KIND_CHOICES = (
    ("new", N_("A new complaint")),
    ("escalation", N_("I'm unhappy with a reply to a complaint I've already made")),
)


def _sentences(*texts: str) -> str:
    """Sentences translated one by one and joined: a choice's hint that adds a sentence of its own."""
    return " ".join(gettext(text) for text in texts)


KIND_HINTS = {
    "new": (N_("You have not complained about this before."),),
    "escalation": (
        N_("You have had a reply from the council and you are still unhappy. You can ask for the next stage."),
        # Someone still waiting for a reply that is late finds their way here too (walk E, E5).
        N_("Choose this too if you are waiting for a reply that is late."),
    ),
}


class KindForm(OneQuestion):
    heading = N_("Is this a new complaint, or are you unhappy with a reply you have had?")
    kind = radios(
        heading,
        KIND_CHOICES,
        N_("Select if this is a new complaint or you are unhappy with a reply"),
        params=HEADING_LEGEND,
        choice_params={k: {"hint": {"text": LazyText(_sentences, *hint)}} for k, hint in KIND_HINTS.items()},
    )
    row = Row("kind", N_("New complaint or unhappy with a reply"))


# A council's own references may not come from this service ("CSC/2025/0412", "SC 1234"): letters, digits,
# spaces and / . - _ are kept; anything else is refused with a message.
REFERENCE_MAX = 40
_REFERENCE_RE = r"^[A-Za-z0-9][A-Za-z0-9 /._-]*$"


_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def _hyphens(value):
    """Any dash typed or pasted (en dash, minus sign ...) is the hyphen a reference is written with; full-width
    letters and digits (typed on a phone set for another script) are the usual ones (NFKC; walk G, L8)."""
    return _DASHES.sub("-", unicodedata.normalize("NFKC", value)) if isinstance(value, str) else value


def normalise_reference(value: str) -> str:
    """A reference tidied: single spaces, no spaces around / and -; in capitals only when it has the shape of one
    of ours ("ex-7hk3qp2m" is EX-7HK3QP2M). A council's own reference keeps the case it was typed in (walk F, F8:
    text that is not a reference was repeated in capitals in the person's email)."""
    text_ = re.sub(r"\s*([/-])\s*", r"\1", " ".join(_hyphens(value or "").split()))
    return text_.upper() if is_reference(text_.upper()) else text_


# Clearly not a reference (walk F, F8): an email address, or a phone number (a UK number of 10 or 11 digits,
# spaces allowed, starting 0 or +44). A council's own reference ("CSC/2026/0412", "SC 1234") has neither.
_EMAIL_IN = re.compile(r"\S@\S")
_PHONE_IN = re.compile(r"(?<![\w/.-])(?:\+ ?44 ?(?:\(0\) ?)?|0)\d(?: ?\d){8,9}(?![\w/-])")
NOT_A_REFERENCE_END = N_("Enter only the reference of your complaint, or leave this empty.")


def clearly_not_a_reference(form, field) -> None:
    """Refuse an email address, a phone number or more than REFERENCE_MAX characters, each with its own words;
    the answer stays on the page with the error."""
    value = field.data or ""
    if _EMAIL_IN.search(value):
        problem = N_("This looks like an email address.")
    elif _PHONE_IN.search(value):
        problem = N_("This looks like a phone number.")
    elif len(value) > REFERENCE_MAX:
        problem = N_("A reference is %(max)s characters or fewer.")
    else:
        return
    raise StopValidation(gettext(problem, max=REFERENCE_MAX) + " " + gettext(NOT_A_REFERENCE_END))


EXAMPLE_CODE = "7HK3QP2M"


class EarlierForm(OneQuestion):
    heading = N_("What is the reference of your complaint?")
    earlier_reference = text(
        heading,
        None,
        clearly_not_a_reference,
        Regexp(_REFERENCE_RE, message=lazy_gettext(N_(
            "Enter the reference using only letters, numbers, spaces and the symbols / . - _"
        ))),
        max_length=REFERENCE_MAX,
        params={**HEADING_LABEL, "classes": "govuk-input--width-20", "spellcheck": False, "autocomplete": "off"},
    )
    # A dash of any kind is taken as a hyphen before the reference is checked.
    earlier_reference.kwargs["filters"] = [_hyphens, *earlier_reference.kwargs.get("filters", ())]
    row = Row("escalation.earlier_reference", N_("Reference of the complaint"), not_given=N_("Not given"))
    stored = staticmethod(normalise_reference)
    HINT = N_(
        "It is on the reply you had, or on the email we sent when you made the complaint, for example "
        "%(example)s. If you cannot find it, leave this empty. We will then ask for your full name and other "
        "details that help the council find your complaint."
    )

    def field_params(self, ctx):
        example = f"{ctx.profile.short_code}-{EXAMPLE_CODE}"
        return {"earlier_reference": {"hint": {"text": gettext(self.HINT, example=example)}}}


PROCEDURE_CHOICES = options(STATED_PROCEDURE_WORDS)
PROCEDURE_HINTS = {
    "statutory": N_(
        "The letter may say \"statutory\", \"Children Act 1989\" or \"representations procedure\". This is "
        "for complaints about social care for a child, like a child in care, fostering or leaving care."
    ),
    "corporate": N_(
        "The letter may say \"corporate\" or just \"our complaints procedure\". This is for other things the "
        "council does, like education or childcare."
    ),
    "unsure": N_("We will work it out from your other answers, and the council will check."),
}
# The choices are the vocabulary's stated procedures, in its order (the domain reads these ids).
assert tuple(k for k, _ in PROCEDURE_CHOICES) == STATED_PROCEDURES and set(PROCEDURE_HINTS) == set(STATED_PROCEDURES)


class ProcedureForm(OneQuestion):
    heading = N_("Which complaints procedure is your complaint in?")
    earlier_procedure = radios(
        heading,
        PROCEDURE_CHOICES,
        N_("Select which complaints procedure, or I'm not sure"),
        params=LEGEND_M,
        choice_params=choice_hints(PROCEDURE_HINTS),
    )
    row = Row("escalation.stated_procedure", N_("Complaints procedure"))

    def intro(self, ctx):
        # The same words whether or not the reference given is one this service made: anyone who has seen a
        # reference (a letter, a shared screen, a forwarded email) can type it, so the person's pages say nothing
        # of it and choose nothing from it. Only the council's email says what we know of it.
        # Asked before which reply they had: someone still waiting for a late reply reads it too (walk I, I12).
        return [gettext(
            "A letter or email from the council about your complaint should say which one: its reply, or the "
            "message saying it had your complaint. If you cannot tell, choose I'm not sure."
        )]

    def page_heading(self, ctx):
        # Not "you made": a relative or advocate may be taking further a complaint someone else made (walk N, N11).
        return gettext("The earlier complaint")


REPLY_CHOICES = tuple(REPLY_STAGE_LABELS.items())
REPLY_HINTS = {
    "stage1": N_(
        "Stage 1 is the first reply. The letter is usually from a team manager or service manager of the team "
        "you complained about."
    ),
    "stage2": N_(
        "Stage 2 is the second look at a complaint. The reply usually comes with a report by an investigating "
        "officer, someone who was not involved before, and a letter from a senior manager."
    ),
    "final": N_(
        "After a review panel, the council's director writes to say what it will do about the panel's "
        "findings. This is the last stage of the council's procedure."
    ),
}
# A corporate stage 2 reply is the last of the council's own procedure (no investigating officer, no panel).
CORPORATE_REPLY_HINTS = {
    "stage2": N_(
        "Stage 2 is the second look at a complaint, by a more senior manager who was not involved before. It is "
        "the last stage of the council's own complaints procedure."
    ),
}
assert tuple(k for k, _ in REPLY_CHOICES) == REPLY_STAGES and set(REPLY_HINTS) == set(REPLY_STAGES)
# Not a reply: still waiting for one that is late (walk E, E5). Offered last; it leads to a page
# of what the person can do (steps: reply_overdue), not to a request.
OVERDUE_CHOICE = (REPLY_OVERDUE, N_("I have not had a reply, and it is late"))
OVERDUE_HINT = N_("For example, you made a complaint or asked for the next stage, and the reply has not come in time.")


class ReplyStageForm(OneQuestion):
    heading = N_("Which reply have you had most recently?")
    reply_stage = radios(heading, REPLY_CHOICES, N_("Select which reply you have had most recently"),
                         params=HEADING_LEGEND)
    row = Row("escalation.reply_stage", N_("Reply you had"), answers=(*REPLY_CHOICES, OVERDUE_CHOICE))

    @staticmethod
    def _offered(ctx) -> tuple[tuple[str, str], ...]:
        """The replies the procedure the person chose has (the domain's REPLY_STAGES_BY_PROCEDURE)."""
        stages = REPLY_STAGES_BY_PROCEDURE.get(ctx.flat.get("earlier_procedure"), REPLY_STAGES)
        return (*((k, v) for k, v in REPLY_CHOICES if k in stages), OVERDUE_CHOICE)

    def prepare(self, ctx):
        super().prepare(ctx)
        self.reply_stage.choices = [SelectChoice(k, lazy_translate(v)) for k, v in self._offered(ctx)]

    def field_params(self, ctx):
        hints = {**REPLY_HINTS, **CORPORATE_REPLY_HINTS} if ctx.flat.get("earlier_procedure") == "corporate" \
            else REPLY_HINTS
        hints = {**hints, REPLY_OVERDUE: OVERDUE_HINT}
        return {"reply_stage": {"items": {k: {"hint": {"text": gettext(hints[k])}} for k, _ in self._offered(ctx)}}}


# Still waiting for a reply that is late (walks J and M, J2/M5): which reply, and when they sent what it answers, so
# the page can say when it was due (escalation.awaited_reply). Asked only after "I have not had a reply".
AWAITED_WORDS = {
    "stage1": N_("A reply to my complaint"),
    "stage2": N_("A reply to my request for stage 2"),
    "review_panel": N_("The review panel I asked for"),
}
AWAITED_HINTS = {
    "stage1": N_("The first reply to a complaint, called stage 1."),
    "stage2": N_("You asked for stage 2 after a stage 1 reply, and have not had the stage 2 reply."),
    "review_panel": N_("You asked for a review panel after a stage 2 reply, and have not heard when it will meet."),
}
assert tuple(AWAITED_WORDS) == AWAITED and set(AWAITED_HINTS) == set(AWAITED)


class AwaitedForm(OneQuestion):
    heading = N_("Which reply are you waiting for?")
    awaited = radios(heading, tuple(AWAITED_WORDS.items()), N_("Select which reply you are waiting for"),
                     params=HEADING_LEGEND)
    row = Row("escalation.awaited", N_("Reply waited for"), answers=tuple(AWAITED_WORDS.items()))

    @staticmethod
    def _offered(ctx) -> tuple[tuple[str, str], ...]:
        """The replies the procedure the person chose has (a corporate complaint has no review panel)."""
        stages = AWAITED_BY_PROCEDURE.get(ctx.flat.get("earlier_procedure"), AWAITED)
        return tuple((k, v) for k, v in AWAITED_WORDS.items() if k in stages)

    def prepare(self, ctx):
        super().prepare(ctx)
        self.awaited.choices = [SelectChoice(k, lazy_translate(v)) for k, v in self._offered(ctx)]

    def field_params(self, ctx):
        return {"awaited": {"items": {k: {"hint": {"text": gettext(AWAITED_HINTS[k])}} for k, _ in self._offered(ctx)}}}


class AwaitedSinceForm(OneDateQuestion):
    heading = N_("When did you send it?")
    awaited_since = ApproximateDateField(
        lazy_gettext(heading),
        name_in_errors=N_("Date you sent it"),
        missing=N_("Enter the date you sent your complaint or request"),
        dated=True,
        description=lazy_gettext(
            N_("The day you sent the complaint, or asked for the next stage, that you are waiting to hear about. It "
               "is on the email or letter saying we had it. For example, 27 3 2026. If you do not know the exact "
               "day, enter just the month and year.")
        ),
        param_extensions=HEADING_LEGEND,
    )
    row = Row("escalation.awaited_since", N_("Date you sent it"))


class ReplyDateForm(OneDateQuestion):
    # The time to ask for the next stage runs from the day the person got the reply (seeds 001, 002, 003: "of
    # receiving your letter"), as every page says it: asked for that day, not the date printed on it (walk J, J3).
    heading = N_("When did you get the reply?")
    reply_date = ApproximateDateField(
        lazy_gettext(heading),
        name_in_errors=N_("Date you got the reply"),
        missing=N_("Enter the date you got the reply"),
        dated=True,
        description=lazy_gettext(
            N_("For example, 27 3 2026. If you do not know the day you got it, enter the date on the reply. If you do "
               "not know the exact day, enter just the month and year.")
        ),
        param_extensions=HEADING_LEGEND,
    )
    row = Row("escalation.reply_date", N_("Date you got the reply"))


def say_more(ctx, about: str, limit: int) -> Markup:
    """What to do when the field's limit is not enough (as the new complaint's field says it): ``about`` the
    sentence naming the limit, then the council's inbox and phone from its profile (the phone a link to call)."""
    profile = ctx.profile
    facts = {"limit": limit, "inbox": profile.inbox, "council": profile.name, "phone": tel(profile.phone)}
    rest = (
        N_("If you need to say more, send the rest by email to %(inbox)s after you send this form, with your "
           "request's reference in the subject. Or call %(council)s on %(phone)s and ask to talk to someone.")
        if profile.inbox
        else N_("If you need to say more, call %(council)s on %(phone)s after you send this form, give your "
                "request's reference and ask to talk to someone.")
    )
    return escape(gettext(about)) % facts + Markup(" ") + escape(gettext(rest)) % facts


class LateRequestForm(OneQuestion):
    heading = N_("Why are you asking now?")
    # Not required: the page says lateness will not stop the request, so a person may leave it empty.
    escalation_late_reason = long_text(
        heading,
        None,
        N_("Why you are asking now must be 1200 characters or fewer"),
        1200,
        hint=N_(
            "You do not have to say. For example, the reply came when you were unwell, or you did not know you "
            "could ask."
        ),
        params=LABEL_M,
    )
    row = Row("escalation.late_reason", N_("Why you are asking now"), not_given=N_("Not given"))

    def intro(self, ctx):
        from .steps import escalation_decision  # the step's decision, worked out by the domain

        decision = escalation_decision(ctx)
        window = decision.window if decision else None
        if window is None:
            return []
        return [
            gettext(
                "People usually ask for the next stage within %(days)s working days of the reply. Working days "
                "are Monday to Friday, not counting bank holidays. For your reply, that was by %(date)s.",
                days=window.working_days,
                date=day_text(window.last_day, page_language()),
            ),
            gettext(
                "You can still ask. The council can agree to look at it later, and knowing why you are asking now "
                "can help it decide. It will not stop your request being sent."
            ),
            say_more(ctx, N_("You can write up to %(limit)s characters about why you are asking now."), 1200),
        ]

    def page_heading(self, ctx):
        return gettext("You are asking later than usual")


UNHAPPY_MAX, WANTED_MAX = 5000, 2000


class StillUnhappyForm(StepForm):
    heading = N_("What you are still unhappy about")
    still_unhappy = long_text(
        N_("What are you still unhappy about?"),
        N_("Enter what you are still unhappy about"),
        N_("What you are still unhappy about must be 5000 characters or fewer"),
        UNHAPPY_MAX,
        hint=N_("Put each thing on a new line, and say why the reply did not sort it out."),
        params={**LABEL_M, "rows": 8},
    )
    wanted = long_text(
        N_("What do you want to happen now?"),
        N_("Enter what you want to happen now"),
        N_("What you want to happen now must be 2000 characters or fewer"),
        WANTED_MAX,
        hint=N_("For example, an apology, a decision looked at again, or a change to a plan."),
        params={**LABEL_M, "rows": 5},
    )
    drawn = ("still_unhappy", "wanted")

    def page_heading(self, ctx):
        return gettext(self.heading)

    def intro(self, ctx):
        return [say_more(
            ctx, N_("You can write up to %(limit)s characters about what you are still unhappy about."), UNHAPPY_MAX)]

    def values(self):
        return {"still_unhappy": self.still_unhappy.data, "wanted": self.wanted.data}

    @staticmethod
    def summary(values, T, fmt_date):
        return [
            ("escalation.still_unhappy", T(N_("Still unhappy about")), values["still_unhappy"]),
            ("escalation.wanted", T(N_("What you want to happen now")), values["wanted"]),
        ]


# Each question's own Yes and No (in Welsh the answer follows the verb: "Hoffwn / Na hoffwn", "Byddwn / Na fyddwn").
CONCILIATION_ANSWERS = (("yes", NP_("Would you like to try a meeting to sort it out first?", "Yes")),
                        ("no", NP_("Would you like to try a meeting to sort it out first?", "No")))
EARLY_CHOICES = (("yes", NP_("Would you agree to your complaint going straight to the Ombudsman?", "Yes")),
                 ("no", NP_("Would you agree to your complaint going straight to the Ombudsman?", "No")),
                 ("unsure", N_("I'd like to talk about it first")))


class ConciliationForm(OneQuestion):
    heading = N_("Would you like to try a meeting to sort it out first?")
    conciliation = radios(heading, CONCILIATION_ANSWERS,
                          N_("Select yes if you would like to try a meeting first, or no if you would not"),
                          params={**LEGEND_M, **INLINE})
    row = Row("escalation.conciliation", N_("Try a meeting first"))

    def intro(self, ctx):
        return [
            gettext(
                "%(council)s can offer a meeting before stage 2. You would meet a manager, with someone from the "
                "complaints team there to help the talk go well. Many problems are sorted out this way, and "
                "faster.",
                council=ctx.profile.name,
            ),
            gettext("It is your choice. If you say no, or the meeting does not sort it out, you still get stage 2."),
        ]

    def page_heading(self, ctx):
        return gettext("A meeting before stage 2")





class EarlyReferralForm(OneQuestion):
    heading = N_("Would you agree to your complaint going straight to the Ombudsman?")
    early_referral = radios(heading, EARLY_CHOICES, N_("Select yes, no, or that you would like to talk about it"),
                            params=LEGEND_M)
    row = Row("escalation.early_referral", N_("Agree to go straight to the Ombudsman"))

    def intro(self, ctx):
        return [
            gettext(
                "The Local Government and Social Care Ombudsman is free and independent: it does not work for the "
                "council. It looks at complaints about councils when their own procedure has not sorted them out."
            ),
            gettext(
                "Sometimes %(council)s may ask the Ombudsman to look at a complaint straight away, instead of "
                "going through the next stage. It will only do this if you agree, and it may decide not to.",
                council=ctx.profile.name,
            ),
        ]

    def page_heading(self, ctx):
        return gettext("Going straight to the Ombudsman")


__all__ = [
    "AwaitedForm",
    "AwaitedSinceForm",
    "ConciliationForm",
    "EarlierForm",
    "EarlyReferralForm",
    "KindForm",
    "LateRequestForm",
    "ProcedureForm",
    "ReplyDateForm",
    "ReplyStageForm",
    "StillUnhappyForm",
]
