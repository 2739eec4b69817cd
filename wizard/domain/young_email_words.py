"""The young text set for the emails a child, young person or care leaver gets about their own complaint.

The pages' young texts are in ``wizard/journey/young_words.py``; the emails are built by ``delivery`` (which never
imports the journey), so theirs are here, in the domain, as plain data. Keys are the adult sentences exactly as
the email templates say them (the catalogue's English source text); values are the young versions, written for a
reader of about 9 to 11, with the same placeholders. Where a page already says the same thing to a child, the
email uses the same young sentence, so it has one Welsh translation. A test fails if a key is not a sentence the
service says, and reads the child's email at grade 5 or lower with every hard word explained.

``Reworded`` lays a table over a gettext catalogue: each adult sentence is swapped for its young version, then
translated as usual (English, or the young sentence's Welsh).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .vocabulary import N_

# The people who read the young words: those complaining for themselves.
YOUNG_AUDIENCE = ("child", "care_leaver")


def audience(who: str | None) -> str:
    """"young" for a child, young person or care leaver complaining for themselves; "adult" otherwise."""
    return "young" if who in YOUNG_AUDIENCE else "adult"


# A late request to take a complaint further, with or without a reason: its email and its confirmation page.
YOUNG_LATE_REQUEST: dict[str, str] = {
    "You asked later than the usual %(days)s working days after the reply. First, we will decide whether we "
    "can agree to your request, using what you told us about why.": N_(
        "You asked later than most people do. First, we will decide if we can say yes."
    ),
    "You asked later than the usual %(days)s working days after the reply. First, we will decide whether we "
    "can agree to your request. You did not tell us why you are asking later, so we may ask you.": N_(
        "You asked later than most people do. First, we will decide if we can say yes. We may ask you why."
    ),
    # Not sure of the procedure (walk H, M3): the check and confirmation pages and the email say it.
        "You were not sure which complaints procedure your complaint is in, so we worked it out from your answers. "
        "The council will check the earlier reply and tell you if the stages or dates are different.": N_(
            "You were not sure which kind of complaint it was, so we worked it out from your answers. The council "
            "will check, and tell you if the steps or dates are different."
        ),
    # When to call if they have heard nothing (no date for the decision is published).
    "We will tell you we have your request by %(date)s. If you have not heard from us by then, or you want to "
    "know whether we have agreed, call %(council)s on %(phone)s and give your reference number.": N_(
        "We will tell you we have your request by %(date)s. If you have not heard from us by then, or you want "
        "to know if we said yes, call %(council)s on %(phone)s. Tell them your reference number."
    ),
    "You can call %(council)s on %(phone)s from %(date)s to check whether we have agreed.": N_(
        "You can call %(council)s on %(phone)s from %(date)s to ask if we said yes."
    ),
}

YOUNG_EMAIL: dict[str, str] = {
    # The subject line and the heading.
    "We have received your complaint: reference %(reference)s": N_("We have your complaint: reference %(reference)s"),
    "We have received your complaint": N_("We have your complaint"),
    "Thank you for telling %(council)s about your complaint.": N_(
        "Thank you for telling %(council)s what you are unhappy about."
    ),
    "Please use this reference whenever you contact us about your complaint.": N_(
        "Keep this number safe. Tell us the number whenever you contact us about your complaint."
    ),
    # What happens next: the same young sentences as the confirmation page.
    "We will let you know we have your complaint by %(date)s.": N_(
        "We will tell you we have your complaint by %(date)s."
    ),
    "Your complaint is about something that happened more than %(months)s months ago. First, we will decide "
    "whether we can still look at it, using what you told us about why you are complaining now.": N_(
        "This happened more than %(months)s months ago. First, we will decide if we can still look at it. We will "
        "use what you told us about why you are telling us now."
    ),
    "We will write to tell you what we decide.": N_("We will write to tell you."),
    "We will contact you in the way you told us is safe, to tell you what we decide.": N_(
        "We will get in touch with you in the way you said is safe."
    ),
    "The manager responsible for the team or person you complained about will look into it and reply to you. "
    "This is stage 1.": N_("A manager will look into it and write back to you. This first reply is called stage 1."),
    "A manager in the service you complained about will look into it and reply to you. This is stage 1.": N_(
        "A manager will look into it and write back to you. This first reply is called stage 1."
    ),
    "If we look at your complaint, the manager responsible for the team or person you complained about will "
    "look into it and reply to you. This is stage 1.": N_(
        "If we look at your complaint, a manager will look into it and write back to you. This first reply is "
        "called stage 1."
    ),
    "If we look at your complaint, a manager in the service you complained about will look into it and reply "
    "to you. This is stage 1.": N_(
        "If we look at your complaint, a manager will look into it and write back to you. This first reply is "
        "called stage 1."
    ),
    # A request to take a complaint further that came late (its confirmation page says the same).
    **YOUNG_LATE_REQUEST,
    "We aim to reply by %(date)s.": N_("We will try to write back by %(date)s."),
    "If we look at it, we aim to reply by %(date)s.": N_("If we look at it, we will try to write back by %(date)s."),
    "If your complaint needs more time to look into, we will tell you, and reply by %(date)s at the latest.": N_(
        "If we need more time, we will tell you why. We will reply by %(date)s at the latest."
    ),
    "If you are not happy with our reply, you can ask for the next stage. You usually need to ask within "
    "%(days)s working days of the day you get our reply.": N_(
        "If you are still unhappy after our reply, you can ask for someone else to look at your complaint. Ask "
        "within %(days)s working days of the day you get our reply. Working days are Monday to Friday, but not "
        "bank holidays."
    ),
    "To ask, call us on %(phone)s or email %(inbox)s, and give your reference.": N_(
        "To ask, call us on %(phone)s or email %(inbox)s. Tell us your reference number."
    ),
    # The end of the email.
    "For your privacy, this email does not repeat what you told us.": N_(
        "To keep it private, this email does not say what you told us."
    ),
    "If you did not make this complaint, or have a question about it, call us on %(phone)s and give the "
    "reference above.": N_(
        "If you did not send this complaint, or you have a question, call us on %(phone)s. Tell us the reference "
        "number above."
    ),
    "If a child is in danger right now, call 999.": N_("If you or another child are in danger right now, call 999."),
}


class Reworded:
    """A gettext catalogue that swaps each adult sentence for its young version before translating it."""

    def __init__(self, inner: Any, words: Mapping[str, str]):
        self._inner = inner
        self._words = words

    def gettext(self, message: str) -> str:
        return self._inner.gettext(self._words.get(message, message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._inner.ngettext(self._words.get(singular, singular), self._words.get(plural, plural), n)

    # Jinja's i18n extension looks for these names first: they must swap too.
    ugettext = gettext
    ungettext = ngettext

    def __getattr__(self, name: str) -> Any:  # pgettext and the rest: as the catalogue does them
        return getattr(self._inner, name)
