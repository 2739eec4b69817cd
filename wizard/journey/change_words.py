"""What each "Change" link on Check your answers changes, for people who hear the link out of its row.

A screen reader lists a page's links on their own, so each "Change" link says what it changes in words only they
hear (GOV.UK's visually hidden text): "Change <the child's name>". Gluing the row's label to "Change" does not
work in Welsh, nor always in English ("Newid Ydy plentyn mewn perygl ar hyn o bryd?"), so each row has its own
words here: a phrase that follows the verb "Change" ("Newid"), each its own catalogue entry with the context
"hidden after Change", so a translator sees what they are for.

Keys are the rows' keys (``steps.sections``); ``(key, English label)`` picks the words for a row whose label
depends on who is answering ("Your age" and "Child's age" are both ``child.age``). A row missing here falls back
to naming its label, so a new row is never a link with no words, and a test fails until it has its own.
"""

from __future__ import annotations

from wizard.domain.vocabulary import NP_

# The entries' message context, "hidden after Change", is written out in each (``pybabel extract`` reads a
# context only from a literal).
CHANGE_WORDS: dict[str | tuple[str, str], str] = {
    "danger": NP_("hidden after Change", "whether a child is in danger right now"),
    "kind": NP_("hidden after Change", "whether it is a new complaint"),
    "who": NP_("hidden after Change", "who you are"),
    "about": NP_("hidden after Change", "what your complaint is about"),
    "provider_care": NP_("hidden after Change", "who gave the care"),
    "provider_name": NP_("hidden after Change", "the name of the organisation that gave the care"),
    "provider_council_to_look": NP_("hidden after Change", "who should look at your complaint"),
    "child.name": NP_("hidden after Change", "the child's name"),
    "child.age": NP_("hidden after Change", "the child's age"),
    # Asked only of a child complaining for themselves (walk O, O1, on main dad03da without Change words).
    "child.feels_safe": NP_("hidden after Change", "whether you feel safe where you live now"),
    ("child.age", "Your age"): NP_("hidden after Change", "your age"),
    "child.date_of_birth": NP_("hidden after Change", "the child's date of birth"),
    ("child.date_of_birth", "Your date of birth"): NP_("hidden after Change", "your date of birth"),
    "child.surname": NP_("hidden after Change", "your last name"),
    "child.social_worker": NP_("hidden after Change", "the name of your social worker or personal adviser"),
    "child.where": NP_("hidden after Change", "where you live, or your school or college"),
    "consent.child_agrees": NP_("hidden after Change", "whether the child agrees"),
    "consent.child_knows": NP_("hidden after Change", "whether the child knows about the complaint"),
    "consent.method": NP_("hidden after Change", "how the child will confirm"),
    "consent.child_contact": NP_("hidden after Change", "how to contact the child safely"),
    "consent.child_typed_name": NP_("hidden after Change", "the name the child typed to agree"),
    "consent.continue_without_consent": NP_("hidden after Change", "going ahead without the child's agreement"),
    "tried_local_resolution": NP_("hidden after Change", "whether you have tried to sort it out already"),
    "complaint.happened": NP_("hidden after Change", "when it happened"),
    "late_reason": NP_("hidden after Change", "why you are complaining now"),
    "advocacy.requested": NP_("hidden after Change", "whether you would like an advocate"),
    ("advocacy.requested", "Advocate wanted for the child"): NP_(
        "hidden after Change", "whether the child would like an advocate"
    ),
    "proceedings": NP_("hidden after Change", "whether there is a court case or police investigation"),
    "complaint.what_happened": NP_("hidden after Change", "what happened"),
    "complaint.who_involved": NP_("hidden after Change", "who was involved"),
    "complaint.put_right": NP_("hidden after Change", "what would put things right"),
    "contact.name": NP_("hidden after Change", "your name"),
    "contact.email": NP_("hidden after Change", "your email address"),
    "contact.phone": NP_("hidden after Change", "your phone number"),
    "contact.address": NP_("hidden after Change", "your address"),
    "contact.preferred": NP_("hidden after Change", "the best way to contact you"),
    "contact.safe": NP_("hidden after Change", "whether it is safe to contact you that way"),
    "contact.safe_way": NP_("hidden after Change", "how to contact you safely"),
    "contact.leave_message": NP_("hidden after Change", "whether we can leave a message"),
    "contact.through": NP_("hidden after Change", "how we can reach you"),
    "contact.trusted": NP_("hidden after Change", "the person you trust"),
    "contact.trusted_about": NP_("hidden after Change", "whether your complaint is about them"),
    "contact.help": NP_("hidden after Change", "the help you need to take part"),
    "advocate.organisation": NP_("hidden after Change", "your organisation"),
    "advocate.role": NP_("hidden after Change", "your role"),
    "advocate.phone": NP_("hidden after Change", "your direct phone number"),
    "advocate.working_hours": NP_("hidden after Change", "your working hours"),
    "advocate.email": NP_("hidden after Change", "your work email address"),
    "child_needs.safe": NP_("hidden after Change", "whether it is safe for the council to contact the child directly"),
    "child_needs.safe_way": NP_("hidden after Change", "how to reach the child safely"),
    "child_needs.leave_message": NP_("hidden after Change", "whether we can leave a message for the child"),
    "child_needs.help": NP_("hidden after Change", "the help the child needs to take part"),
    "escalation.earlier_reference": NP_("hidden after Change", "the reference of your complaint"),
    "escalation.stated_procedure": NP_("hidden after Change", "which complaints procedure your complaint is in"),
    "escalation.reply_stage": NP_("hidden after Change", "which reply you had"),
    "escalation.reply_date": NP_("hidden after Change", "the date of the reply"),
    # Someone waiting for a late reply never reaches Check your answers (the journey stops at what they can do);
    # the words are here so every row has them.
    "escalation.awaited": NP_("hidden after Change", "which reply you are waiting for"),
    "escalation.awaited_since": NP_("hidden after Change", "the date you sent it"),
    "escalation.late_reason": NP_("hidden after Change", "why you are asking now"),
    "escalation.still_unhappy": NP_("hidden after Change", "what you are still unhappy about"),
    "escalation.wanted": NP_("hidden after Change", "what you want to happen now"),
    "escalation.conciliation": NP_("hidden after Change", "whether you would like a meeting first"),
    "escalation.early_referral": NP_("hidden after Change", "whether you agree to go straight to the Ombudsman"),
}

# For a row with no words of its own yet: its label, named as the answer it is.
FALLBACK = NP_("hidden after Change", "your answer: %(label)s")


def change_words_shown(key: str, label: str, T) -> str | None:
    """The English words for a row's Change link (to be translated), or None for a row without its own, found from
    the row as the page shows it (its label as ``T`` gave it): a row whose words depend on its label (keyed
    ``(key, English label)``) is matched by that label's translation, so the rows need not be made again in
    English to find them."""
    for (_key, english), words in _BY_LABEL.get(key, ()):
        if T(english) == label:
            return words
    return CHANGE_WORDS.get(key)


_BY_LABEL: dict[str, list] = {}
for _entry, _words in CHANGE_WORDS.items():
    if isinstance(_entry, tuple):
        _BY_LABEL.setdefault(_entry[0], []).append((_entry, _words))
