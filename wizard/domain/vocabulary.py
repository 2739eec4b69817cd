"""The stable ids the whole product speaks: who, about, outcomes, flags and milestone keys.

Emails, the JSON sent to case systems and the command line use these ids, so they never change meaning.
Sentences a person reads are marked with ``N_`` so ``pybabel`` extracts them; the web layer translates them
with gettext when it renders them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple


def N_(s: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a string for translation without translating it here."""
    return s


class InContext(str):
    """An English text with a message context (``NP_``): words such as "Yes" whose translation depends on the
    question they answer (in Welsh the answer follows the question's verb: "Ydy", "Oes", "Do", "Hoffwn"...).
    It is still the plain English string for the council's record."""

    context: str = ""


def NP_(context: str, s: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a string for translation in ``context`` (``pybabel extract -k NP_:1c,2``) without translating it."""
    text = InContext(s)
    text.context = context
    return text


WHO = (
    "child",  # a child or young person complaining for themselves
    "care_leaver",
    "parent",  # a parent or anyone with parental responsibility, special guardians included
    "foster_carer",  # approved by a council, family and friends (connected person) foster carers included
    "kinship_carer",  # looks after the child as a family and friends or kinship carer, not approved as a foster carer
    "adoption",  # adopter, prospective adopter, adopted person or birth parent
    "advocate",
    "relative",  # family or friend without parental responsibility
    "professional",
    "other",
)

# A child, young person or care leaver complaining for themselves (the record's ``child`` is their own identity).
WHO_SELF = ("child", "care_leaver")
# People who may use the statutory procedure in their own right (for a statutory subject).
WHO_OWN_RIGHT = ("child", "care_leaver", "parent", "foster_carer")
# People who provide the child's care without being its parent or its approved foster carer: they may complain
# without the child's agreement (seed 001), though the child's personal information may not be shared with them.
WHO_PROVIDES_CARE = ("kinship_carer",)
# People who act for a child, and so need the child's agreement once the child is old enough.
WHO_FOR_CHILD = ("advocate", "relative", "professional", "other")
# An advocate acts on what the child wants, at any age (Children Act 1989 s26A): the child is asked whether they
# agree even below the consent age, and a child who agrees makes their own complaint through the advocate.
WHO_ASKS_THE_CHILD_AT_ANY_AGE = ("advocate",)

ABOUT = (
    # First, in words of its own: a complaint about a social worker belongs to the children's procedure, and people
    # looked for it under "something else" (fresh-eyes walks K and L, K1/L1).
    "social_worker",
    "child_in_need",
    "looked_after",
    "fostering",
    "adoption",
    "special_guardianship",
    "disabled_children",
    "leaving_care",
    "child_protection",
    "education",
    "childcare",
    "youth_services",
    "school",  # a particular school
    "other_council",
)

AGREES = ("yes", "no", "unsure")
OUTCOMES = ("statutory", "corporate", "school", "emergency", "consent_needed")
PROCEDURES = ("statutory", "corporate")
# Where a subject goes, as a council profile maps it.
SUBJECT_ROUTES = ("statutory", "corporate", "school")
FLAGS = ("late", "sufficient_interest", "proceedings", "advocacy_requested", "provider_care")
HOLIDAY_REGIONS = ("ENG", "WLS", "SCT", "NIR")

# The default mapping of subject to procedure; a council profile overrides entries.
DEFAULT_SUBJECT_PROCEDURES = MappingProxyType(
    {
        "social_worker": "statutory",
        "child_in_need": "statutory",
        "looked_after": "statutory",
        "fostering": "statutory",
        "adoption": "statutory",
        "special_guardianship": "statutory",
        "disabled_children": "statutory",
        "leaving_care": "statutory",
        # Contested: the Ombudsman treats child protection enquiries and conference decisions as outside the
        # statutory procedure, so the default is corporate; a council (Kingston) may say otherwise.
        "child_protection": "corporate",
        "education": "corporate",
        "childcare": "corporate",
        "youth_services": "corporate",
        "school": "school",
        "other_council": "corporate",
    }
)
# Subjects where the care may have been given by an organisation the council arranged (a fostering agency, a
# children's home): the person is asked, and told they may complain to that organisation or to the council (seed 004).
PROVIDER_SUBJECTS = (
    "child_in_need",
    "looked_after",
    "fostering",
    "special_guardianship",
    "disabled_children",
    "leaving_care",
)

STATUTORY_MILESTONES = (
    "acknowledgement",
    "stage1_response",
    "stage1_response_extended",
    "stage2_request_by",
    "stage2_response",
    "stage2_response_extended",
    "stage3_request_by",
    "stage3_panel",
    "stage3_panel_report",
    "stage3_final_response",
)
CORPORATE_MILESTONES = (
    "acknowledgement",
    "stage1_response",
    "stage1_response_extended",
    "stage2_request_by",
    "stage2_response",
    "stage2_response_extended",
)
# The dates a person can expect before anything else happens: the ones shown before sending, on the
# confirmation page, in the calendar file and in the emails (later ones depend on what happens first).
FIRST_STAGE_MILESTONES = ("acknowledgement", "stage1_response", "stage1_response_extended")
MILESTONE_KEYS = MappingProxyType({"statutory": STATUTORY_MILESTONES, "corporate": CORPORATE_MILESTONES})

# The event every chain starts from.
RECEIVED = "received"

# Taking a complaint further (wizard/domain/escalation.py). What kind of request this is: a new complaint, or a
# request for the next stage after a reply (an escalation): the record's ``kind``, and what the annual figures
# count requests by.
REQUEST_KINDS = ("new", "escalation")
# Which procedure the earlier complaint is in, as the person tells it ("unsure": worked out from their answers).
STATED_PROCEDURES = ("statutory", "corporate", "unsure")
# The last reply the person has had: stage 1, stage 2, or the council's final response (after a review panel).
REPLY_STAGES = ("stage1", "stage2", "final")
# The replies a person may have had, by the procedure they say the complaint is in: the council's own (corporate)
# procedure has two stages and no review panel (domain.md); "not sure" offers every reply.
# Not a reply: the person is still waiting for one that is late (walk E, E5). The journey tells them what they can
# do (escalation.reply_times and the Ombudsman); nothing is asked for, so it is not one of REPLY_STAGES.
REPLY_OVERDUE = "overdue"
REPLY_STAGES_BY_PROCEDURE = MappingProxyType(
    {"statutory": REPLY_STAGES, "corporate": ("stage1", "stage2"), "unsure": REPLY_STAGES}
)
# The reply someone still waiting is waiting for (walks J and M, J2/M5): the first reply to their complaint, the
# reply to a request for stage 2, or the review panel they asked for (the children's procedure only).
AWAITED = ("stage1", "stage2", "review_panel")
AWAITED_BY_PROCEDURE = MappingProxyType(
    {"statutory": AWAITED, "corporate": ("stage1", "stage2"), "unsure": AWAITED}
)
# What an escalation asks for; "ombudsman" when the council's procedure is finished.
NEXT_STAGES = ("statutory_stage2", "review_panel", "corporate_stage2")
ESCALATION_OUTCOMES = (*NEXT_STAGES, "ombudsman")
ESCALATION_FLAGS = ("late", "check_procedure", "procedure_named", "conciliation_wanted", "early_referral_agreed")
# The options a council may offer before the next stage, never forced (seeds 000, 003, 004).
ESCALATION_OPTIONS = ("conciliation", "early_referral")
# The dates of the stage asked for, counted from the day the request is received.
ESCALATION_MILESTONES = MappingProxyType(
    {
        "statutory_stage2": ("stage2_response", "stage2_response_extended"),
        "review_panel": ("stage3_panel", "stage3_panel_report", "stage3_final_response"),
        "corporate_stage2": ("stage2_acknowledgement", "stage2_response", "stage2_response_extended"),
    }
)

class MilestoneWords(NamedTuple):
    """The words for one date, by its reader: ``person``, as the person who complained reads it (pages after Send,
    their email and calendar); ``team``, what the complaints team must do by then (the council's and the advocacy
    service's emails, the staff pages); ``no_way``, for a child or care leaver nobody can reach yet, what to do on
    that day (None: they read ``person``). All ``N_`` strings."""

    person: str
    team: str
    no_way: str | None = None


# Every date of a timeline, in its readers' words: one row a date.
MILESTONE_WORDS = MappingProxyType(
    {
        "acknowledgement": MilestoneWords(
            N_("We acknowledge your complaint"),
            N_("Acknowledge by"),
            N_("Call us from this day to check we have your complaint"),
        ),
        "stage1_response": MilestoneWords(
            N_("We reply at stage 1"),
            N_("Stage 1 reply due"),
            N_("Our stage 1 reply should be ready: call us to hear it"),
        ),
        "stage1_response_extended": MilestoneWords(
            N_("Latest stage 1 reply if the complaint is complex"),
            N_("Stage 1 reply due at the latest, if complex"),
            N_("Our stage 1 reply at the latest, if the complaint is complex: call us to hear it"),
        ),
        "stage2_request_by": MilestoneWords(
            N_("Last day to ask for stage 2"), N_("Stage 2 may be asked for until (if stage 1 replies on time)")
        ),
        "stage2_response": MilestoneWords(N_("We reply at stage 2"), N_("Stage 2 reply due")),
        "stage2_response_extended": MilestoneWords(
            N_("Latest stage 2 reply if more time is needed"), N_("Stage 2 reply due at the latest, if extended")
        ),
        "stage3_request_by": MilestoneWords(
            N_("Last day to ask for a review panel"), N_("Review panel may be asked for until")
        ),
        # The latest day it may meet, not the meeting's day (walk I, I7): "by", as every date in the list is.
        "stage3_panel": MilestoneWords(N_("The review panel meets by"), N_("Review panel to meet by")),
        "stage3_panel_report": MilestoneWords(N_("The panel sends its report"), N_("Panel report due")),
        "stage3_final_response": MilestoneWords(N_("We send our final response"), N_("Final response due")),
        "stage2_acknowledgement": MilestoneWords(
            N_("We tell you we have your request for stage 2"), N_("Acknowledge the stage 2 request by")
        ),
        "request_acknowledgement": MilestoneWords(
            N_("We tell you we have your request"), N_("Acknowledge the request by")
        ),
    }
)
# The person's words (``timeline.Milestone.label``, the confirmation pages, their email and calendar).
MILESTONE_LABELS = MappingProxyType({key: w.person for key, w in MILESTONE_WORDS.items()})
# A child or care leaver who gave no way of their own and nobody we can reach them through yet: "nobody", or
# "advocate" (the advocate they asked for is not found yet, so the advocacy service cannot reach them either).
# They are promised nothing we cannot do, and told when to call (fresh-eyes walks F3, G1 and G8).
CANNOT_REACH_YET = ("nobody", "advocate")
# Their dates, as they can use them: nobody can tell them, so each says what to do.
NO_WAY_MILESTONE_LABELS = MappingProxyType({key: w.no_way for key, w in MILESTONE_WORDS.items() if w.no_way})
# The same dates as the complaints team reads them (the council's copy): what must be done by when.
STAFF_MILESTONE_LABELS = MappingProxyType({key: w.team for key, w in MILESTONE_WORDS.items()})

class Words(NamedTuple):
    """The words for one id: ``option``, as the person picks it on the form (often in the first person), and
    ``label``, as everyone else reads it (emails, staff pages, the command line). Both ``N_`` strings."""

    option: str
    label: str


def options(words: Mapping[str, Words]) -> tuple[tuple[str, str], ...]:
    """(id, option) pairs in the table's order: a form's choices."""
    return tuple((key, w.option) for key, w in words.items())


def words(**table: tuple[str, str]) -> MappingProxyType:
    """A table of ``Words`` by id, in the order written: ``id=(option, label)``. Every set of ids a person picks
    from has one such table; ``options`` gives the form its choices and ``labels`` gives everyone else its words."""
    return MappingProxyType({key: Words(*pair) for key, pair in table.items()})


def labels(words: Mapping[str, Words]) -> MappingProxyType:
    """id -> label: what the emails and staff pages call each answer."""
    return MappingProxyType({key: w.label for key, w in words.items()})


WHO_WORDS = words(
    child=(N_("I'm a child or young person"), N_("A child or young person complaining for themselves")),
    care_leaver=(N_("I'm a care leaver"), N_("A care leaver")),
    parent=(N_("I'm a parent or have parental responsibility"), N_("A parent or someone with parental responsibility")),
    foster_carer=(N_("I'm a foster carer"), N_("A foster carer")),
    kinship_carer=(
        N_("I look after the child as a family and friends carer or kinship carer"),
        N_("A family and friends carer or kinship carer who looks after the child"),
    ),
    adoption=(
        N_("I've adopted, I'm adopting, I was adopted, or I'm a birth parent of an adopted child"),
        N_("Someone involved in an adoption"),
    ),
    advocate=(N_("I'm an advocate for a child or young person"), N_("An advocate for a child")),
    relative=(N_("I'm a relative or friend of the child"), N_("A relative or friend of the child")),
    professional=(N_("I work with the child"), N_("A professional who works with the child")),
    other=(N_("Someone else"), N_("Someone else")),
)
WHO_LABELS = labels(WHO_WORDS)

# What the complaint is about: the same words on the form, in the emails and on the staff pages.
ABOUT_LABELS = MappingProxyType(
    {
        "social_worker": N_("A social worker"),
        "child_in_need": N_("Help for a child in need"),
        "looked_after": N_("A child in care"),
        "fostering": N_("Fostering"),
        "adoption": N_("Adoption"),
        "special_guardianship": N_("Special guardianship support"),
        "disabled_children": N_("Services for disabled children"),
        "leaving_care": N_("Leaving care"),
        "child_protection": N_("Child protection"),
        "education": N_("Education"),
        "childcare": N_("Childcare"),
        "youth_services": N_("Youth services"),
        "school": N_("A particular school"),
        "other_council": N_("Something else the council does"),
    }
)

OUTCOME_LABELS = MappingProxyType(
    {
        "statutory": N_("The children's social care complaints procedure"),
        "corporate": N_("The council's own complaints procedure"),
        "school": N_("The school's own complaints procedure"),
        "emergency": N_("Get help now"),
        "consent_needed": N_("The child's agreement is needed"),
    }
)

FLAG_LABELS = MappingProxyType(
    {
        "late": N_("Made after the time limit"),
        "sufficient_interest": N_("The council must decide whether this person can use the procedure"),
        "proceedings": N_("Court or police involvement"),
        "advocacy_requested": N_("An advocate has been asked for"),
        "provider_care": N_("Care given by another organisation"),
    }
)

# Whether the child agrees to someone complaining for them (``AGREES``).
AGREES_WORDS = words(
    yes=(N_("Yes, they know and they agree"), N_("Yes")),
    no=(N_("No, they do not agree, or they do not know"), N_("No")),
    unsure=(N_("I'm not sure"), N_("Not sure")),
)
AGREES_LABELS = labels(AGREES_WORDS)

# Yes, no or not sure, for the other questions that offer "not sure" (the care's provider, an advocate, a court
# case or police investigation).
YES_NO_UNSURE_WORDS = words(
    yes=(N_("Yes"), N_("Yes")),
    no=(N_("No"), N_("No")),
    unsure=(N_("I'm not sure"), N_("Not sure")),
)

# The way the person would like to be contacted (``contact.preferred``).
CONTACT_WAY_WORDS = words(
    email=(N_("By email"), N_("Email")),
    phone=(N_("By phone"), N_("Phone")),
    post=(N_("By post"), N_("Post")),
)

# How a child or care leaver who gave no phone, email or address of their own can be reached
# (``contact.through``): through the advocate they asked for, through someone they trust, or not at all for now.
THROUGH_WORDS = words(
    advocate=(N_("Through the advocate I asked for"), N_("Through the advocate they asked for")),
    trusted=(N_("Through someone I trust"), N_("Through someone they trust")),
    nobody=(N_("I do not have a way to be contacted right now"), N_("No way to contact")),
)
# Who that trusted person is (``contact.trusted.role``).
TRUSTED_ROLE_WORDS = words(
    advocate=(N_("My advocate"), N_("Their advocate")),
    social_worker=(N_("My social worker"), N_("Their social worker")),
    personal_adviser=(N_("My personal adviser"), N_("Their personal adviser")),
    carer=(N_("My foster carer, or a family member or friend who looks after me"), N_("Their foster or kinship carer")),
    school=(N_("A teacher or another adult at my school or college"),
            N_("A teacher or another adult at their school or college")),
    # A child in a children's home often trusts a worker there most (fresh-eyes walk G, G5).
    home_worker=(N_("A worker where I live, like my key worker at my children's home"),
                 N_("A worker where they live, such as their key worker at their children's home")),
    other=(N_("Someone else"), N_("Someone else they trust")),
)
TRUSTED_ROLE_LABELS = labels(TRUSTED_ROLE_WORDS)

# How a child who agrees will confirm it (``consent.method``).
CONFIRM_METHOD_WORDS = words(
    child_types=(
        N_("They are with me and will type their name on the next page"),
        N_("The child typed their name to confirm"),
    ),
    council_contacts=(
        N_("The council should contact them to check"), N_("The council is to contact the child to check")
    ),
)

# The parts of the complaint record as the emails name them (the keys of ``answers`` and its parts in the JSON).
RECORD_LABELS = MappingProxyType(
    {
        # contact
        "name": N_("Name"),
        "email": N_("Email"),
        "phone": N_("Phone"),
        "address": N_("Address"),
        "preferred": N_("Best way to contact"),
        "safe_to_contact": N_("Safe to contact that way"),
        "safe_way": N_("How to contact safely"),
        "leave_message": N_("Can leave a message"),
        "help": N_("Help to take part"),
        "interpreter_language": N_("Interpreter language"),
        "help_other": N_("Other help"),
        "language": N_("Language the form was filled in"),
        "through": N_("How to reach them"),
        "trusted": N_("Someone they trust"),
        "complaint_about_them": N_("Is the complaint about this person"),
        # child and consent
        "age": N_("Age"),
        "date_of_birth": N_("Date of birth"),
        "surname": N_("Last name"),
        "social_worker": N_("Social worker or personal adviser"),
        "where": N_("Where they live, or their school or college"),
        "asked": N_("Child's agreement asked"),
        "child_agrees": N_("Child agrees"),
        "method": N_("How the child will confirm"),
        "child_contact": N_("How to contact the child safely"),
        "child_typed_name": N_("Name the child typed to confirm"),
        "continue_without_consent": N_("Going on without the child's agreement"),
        # advocacy
        "answer": N_("Would like an advocate"),
        # The child does not know about the complaint: the person asked the council to offer one (walk L, L7).
        "offer_asked": N_("Asked the council to offer the child an advocate"),
        "advocate": N_("The advocate filing"),
        "organisation": N_("Organisation"),
        "role": N_("Role"),
        "working_hours": N_("Working hours"),
    }
)

# The help a person can ask for to take part (``answers.contact.help`` in the JSON), in the order the form offers it.
HELP_LABELS = MappingProxyType(
    {
        "interpreter": N_("An interpreter"),
        "bsl": N_("A British Sign Language (BSL) interpreter"),
        "easy_read": N_("Letters in easy read"),
        "large_print": N_("Letters in large print"),
        "other": N_("Something else"),
        "none": N_("No, I do not need help"),
    }
)

# What happens first, as the person who complained is told it (the confirmation and print pages, their email).
# When the council must first decide whether it can look at the complaint (``routing.council_decides_first``),
# that comes before any reply date: one sentence a reason, ``%(months)s`` being the council's time limit, then
# how they will hear what it decides (``TELL_WORDS``, by the way they chose: never a letter to a phone-only person).
DECIDE_FIRST_WORDS = MappingProxyType(
    {
        "late": N_(
            "Your complaint is about something that happened more than %(months)s months ago. First, we will "
            "decide whether we can still look at it, using what you told us about why you are complaining now."
        ),
        "without_agreement": N_(
            "The child has not agreed to this complaint. First, we will decide whether you can make it for them. "
            "Until we decide, we will look at it under our own complaints procedure, and we may not be able to "
            "share the child's personal information with you."
        ),
        "sufficient_interest": N_(
            "First, we will decide whether you can use the children's social care complaints procedure for this "
            "child. Until we decide, we will look at your complaint under our own complaints procedure, and we may "
            "not be able to share the child's personal information with you."
        ),
    }
)
# What a review panel is: the one description every page and email uses (seeds 002-004: three people from
# outside the service, independent of the council, who look at how stage 2 was done).
REVIEW_PANEL_WORDS = N_(
    "A review panel is three people who do not work for the council. They meet to check whether your complaint "
    "was looked into properly and fairly at stage 2."
)
# What happens at the stage a person asks for (seeds 001-004; domain.md "Taking it further"), as they are told it.
NEXT_STAGE_WORDS = MappingProxyType(
    {
        "statutory_stage2": N_(
            "An investigating officer, who works for the council but has not been involved in your complaint, and "
            "an independent person, who does not work for the council, will look into it. They will contact you "
            "to agree with you what they will look into."
        ),
        "review_panel": REVIEW_PANEL_WORDS,
        "corporate_stage2": N_(
            "A senior manager who was not involved before will look at your complaint again and reply to you."
        ),
    }
)
# What Check your answers says after the reason for the stage asked for, by that stage (a review panel is
# described; the other stages' own words come after Send).
CHECK_NEXT_STAGE_WORDS = MappingProxyType({"review_panel": (REVIEW_PANEL_WORDS,)})
# What follows the stage asked for: the next stage's name, for "you can then ask for ..." (the Ombudsman after the
# last stage has its own sentence).
FOLLOWING_STAGE_NAMES = MappingProxyType({"review_panel": N_("a review panel")})

class TellWords(NamedTuple):
    """How the person is told they will hear what the council decides, in two places: ``sent``, in the council's
    own words ("we") after Send (the confirmation and print pages, their email); ``check``, on Check your answers,
    after a sentence that says the council will first decide ("it"). Both ``N_`` strings."""

    sent: str
    check: str


# How the person is told what the council decides (``complaint.told_by``): a letter or email only when that is the
# way they chose and said is safe. One row a way, one column a place.
TELL = MappingProxyType(
    {
        "write": TellWords(N_("We will write to tell you what we decide."), N_("It will write to tell you.")),
        "contact": TellWords(
            N_("We will contact you in the way you told us is safe, to tell you what we decide."),
            N_("It will contact you in the way you told us is safe, to tell you."),
        ),
        "trusted": TellWords(
            N_("We will contact you through the person you trust, to tell you what we decide. We will not tell them "
               "what your complaint says."),
            N_("It will contact you through the person you trust, to tell you."),
        ),
        "advocate": TellWords(
            N_("You do not have an advocate yet. To find out what we decide, call us and give your reference "
               "number."),
            N_("You do not have an advocate yet. To find out, call the council and give your reference number."),
        ),
        "nobody": TellWords(
            N_("You did not give us a way to contact you. To find out what we decide, call us and give your "
               "reference number."),
            N_("To find out, call the council and give your reference number."),
        ),
    }
)
TELL_WORDS = MappingProxyType({key: w.sent for key, w in TELL.items()})
CHECK_TELL_WORDS = MappingProxyType({key: w.check for key, w in TELL.items()})
# Who looks at it at stage 1, by procedure (any other: the corporate one): as things are, and when the council
# first decides whether it can look at it.
STAGE1_WORDS = MappingProxyType(
    {
        "statutory": (
            N_("The manager responsible for the team or person you complained about will look into it and reply to "
               "you. This is stage 1."),
            N_("If we look at your complaint, the manager responsible for the team or person you complained about will "
               "look into it and reply to you. This is stage 1."),
        ),
        "corporate": (
            N_("A manager in the service you complained about will look into it and reply to you. This is stage 1."),
            N_("If we look at your complaint, a manager in the service you complained about will look into it and "
               "reply to you. This is stage 1."),
        ),
    }
)
# The same, for a child or care leaver who gave us no way to contact them (contact.through "nobody"): nobody can
# write back to them, so they are told to call (``%(phone)s``: the council's number) to hear the reply.
STAGE1_NO_WAY_WORDS = MappingProxyType(
    {
        "statutory": (
            N_("The manager responsible for the team or person you complained about will look into it and get a "
               "reply ready. This is stage 1. We cannot send you the reply, so call us on %(phone)s to hear it."),
            N_("If we look at your complaint, the manager responsible for the team or person you complained about "
               "will look into it and get a reply ready. This is stage 1. We cannot send you the reply, so call "
               "us on %(phone)s to hear it."),
        ),
        "corporate": (
            N_("A manager in the service you complained about will look into it and get a reply ready. This is "
               "stage 1. We cannot send you the reply, so call us on %(phone)s to hear it."),
            N_("If we look at your complaint, a manager in the service you complained about will look into it and "
               "get a reply ready. This is stage 1. We cannot send you the reply, so call us on %(phone)s to hear "
               "it."),
        ),
    }
)


def stage1_words(procedure: str | None, decide_first: bool, no_way: bool = False) -> str:
    """Who looks at the complaint at stage 1 (an ``N_`` sentence: translate it when rendering, with ``phone``
    when ``no_way``: the person gave no way to be contacted, so they call to hear the reply)."""
    table = STAGE1_NO_WAY_WORDS if no_way else STAGE1_WORDS
    return table["statutory" if procedure == "statutory" else "corporate"][1 if decide_first else 0]

ESCALATION_OUTCOME_LABELS = MappingProxyType(
    {
        "statutory_stage2": N_("Stage 2 of the children's social care complaints procedure"),
        "review_panel": N_("A review panel (stage 3 of the children's social care complaints procedure)"),
        "corporate_stage2": N_("Stage 2 of the council's own complaints procedure"),
        "ombudsman": N_("The Local Government and Social Care Ombudsman"),
    }
)

ESCALATION_FLAG_LABELS = MappingProxyType(
    {
        "late": N_("Asked for after the usual time"),
        "check_procedure": N_("The person was not sure which procedure the complaint is in"),
        "procedure_named": N_("The procedure the person named is not the one a new complaint would go to"),
        "conciliation_wanted": N_("Would like to try a meeting to sort it out first"),
        "early_referral_agreed": N_("Agrees to the complaint going straight to the Ombudsman"),
    }
)

# Which procedure the person says their earlier complaint is in (``STATED_PROCEDURES``); a procedure has the same
# words on the form as everywhere else.
STATED_PROCEDURE_WORDS = words(
    statutory=(N_("The children's social care complaints procedure"),) * 2,
    corporate=(N_("The council's own complaints procedure"),) * 2,
    unsure=(N_("I'm not sure"), N_("Not sure")),
)
STATED_PROCEDURE_LABELS = labels(STATED_PROCEDURE_WORDS)
# The procedure a new complaint is in, as its confirmation page and the person's email say it, in the words of the
# "which procedure" question's choices (walk M, M6: that question pointed to this email, which never said it).
PROCEDURE_NAMED_WORDS = MappingProxyType(
    {
        "statutory": N_("Your complaint is in the children's social care complaints procedure."),
        "corporate": N_("Your complaint is in the council's own complaints procedure."),
    }
)

# The reply the person has had (``REPLY_STAGES``): the same words on the form, in the emails and on the staff pages.
REPLY_STAGE_LABELS = MappingProxyType(
    {
        "stage1": N_("A stage 1 reply"),
        "stage2": N_("A stage 2 reply"),
        "final": N_("The council's final response after a review panel"),
    }
)
