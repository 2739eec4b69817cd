"""The stable ids the whole product speaks: who, about, outcomes, flags and milestone keys.

Emails, the JSON sent to case systems and the command line use these ids, so they never change meaning.
Sentences a person reads are marked with ``N_`` so ``pybabel`` extracts them; the web layer translates them
with gettext when it renders them.
"""

from __future__ import annotations

from types import MappingProxyType


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

# People who may use the statutory procedure in their own right (for a statutory subject).
WHO_OWN_RIGHT = ("child", "care_leaver", "parent", "foster_carer")
# People who provide the child's care without being its parent or its approved foster carer: they may complain
# without the child's agreement (seed 001), though the child's personal information may not be shared with them.
WHO_PROVIDES_CARE = ("kinship_carer",)
# People who act for a child, and so need the child's agreement once the child is old enough.
WHO_FOR_CHILD = ("advocate", "relative", "professional", "other")

ABOUT = (
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
# request for the next stage after a reply (an escalation). Annual figures count requests by this.
REQUEST_KINDS = ("new", "escalation")
# Which procedure the earlier complaint is in, as the person tells it ("unsure": worked out from their answers).
STATED_PROCEDURES = ("statutory", "corporate", "unsure")
# The last reply the person has had: stage 1, stage 2, or the council's final response (after a review panel).
REPLY_STAGES = ("stage1", "stage2", "final")
# What an escalation asks for; "ombudsman" when the council's procedure is finished.
NEXT_STAGES = ("statutory_stage2", "review_panel", "corporate_stage2")
ESCALATION_OUTCOMES = (*NEXT_STAGES, "ombudsman")
ESCALATION_FLAGS = ("late", "check_procedure", "conciliation_wanted", "early_referral_agreed")
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

MILESTONE_LABELS = MappingProxyType(
    {
        "acknowledgement": N_("We acknowledge your complaint"),
        "stage1_response": N_("We reply at stage 1"),
        "stage1_response_extended": N_("Latest stage 1 reply if the complaint is complex"),
        "stage2_request_by": N_("Last day to ask for stage 2"),
        "stage2_response": N_("We reply at stage 2"),
        "stage2_response_extended": N_("Latest stage 2 reply if more time is needed"),
        "stage3_request_by": N_("Last day to ask for a review panel"),
        "stage3_panel": N_("The review panel meets"),
        "stage3_panel_report": N_("The panel sends its report"),
        "stage3_final_response": N_("We send our final response"),
        "stage2_acknowledgement": N_("We acknowledge your request for stage 2"),
    }
)

# The same dates as the complaints team reads them (the council's copy): what must be done by when.
STAFF_MILESTONE_LABELS = MappingProxyType(
    {
        "acknowledgement": N_("Acknowledge by"),
        "stage1_response": N_("Stage 1 reply due"),
        "stage1_response_extended": N_("Stage 1 reply due at the latest, if complex"),
        "stage2_request_by": N_("Stage 2 may be asked for until (if stage 1 replies on time)"),
        "stage2_response": N_("Stage 2 reply due"),
        "stage2_response_extended": N_("Stage 2 reply due at the latest, if extended"),
        "stage3_request_by": N_("Review panel may be asked for until"),
        "stage3_panel": N_("Review panel to meet by"),
        "stage3_panel_report": N_("Panel report due"),
        "stage3_final_response": N_("Final response due"),
        "stage2_acknowledgement": N_("Acknowledge the stage 2 request by"),
    }
)

WHO_LABELS = MappingProxyType(
    {
        "child": N_("A child or young person complaining for themselves"),
        "care_leaver": N_("A care leaver"),
        "parent": N_("A parent or someone with parental responsibility"),
        "foster_carer": N_("A foster carer"),
        "kinship_carer": N_("A family and friends carer or kinship carer who looks after the child"),
        "adoption": N_("Someone involved in an adoption"),
        "advocate": N_("An advocate for a child"),
        "relative": N_("A relative or friend of the child"),
        "professional": N_("A professional who works with the child"),
        "other": N_("Someone else"),
    }
)

ABOUT_LABELS = MappingProxyType(
    {
        "child_in_need": N_("Support for a child in need"),
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
        "other_council": N_("Another council service"),
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

REQUEST_KIND_LABELS = MappingProxyType(
    {
        "new": N_("A new complaint"),
        "escalation": N_("A request to take a complaint further"),
    }
)

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
        "conciliation_wanted": N_("Would like to try a meeting to sort it out first"),
        "early_referral_agreed": N_("Agrees to the complaint going straight to the Ombudsman"),
    }
)

STATED_PROCEDURE_LABELS = MappingProxyType(
    {
        "statutory": N_("The children's social care complaints procedure"),
        "corporate": N_("The council's own complaints procedure"),
        "unsure": N_("Not sure"),
    }
)

REPLY_STAGE_LABELS = MappingProxyType(
    {
        "stage1": N_("A stage 1 reply"),
        "stage2": N_("A stage 2 reply"),
        "final": N_("The council's final response after a review panel"),
    }
)
