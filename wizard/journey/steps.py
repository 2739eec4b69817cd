"""The wizard's steps as data, and the walk that works out where a person is.

Each step has a name (the key its answers are stored under), a URL slug, a form, a template, the section of
"Check your answers" it belongs to, and the condition under which it applies. Conditions read the answers
given so far and the domain's decision for them: where a question depends on the route (the consent
question, the exits), the condition asks ``wizard.domain.routing.route`` rather than repeating a rule.

``walk(stored, profile, today)`` goes through the steps in order, revalidating each stored answer with its
form, and stops at the first step that applies and is not complete (or at an exit). Everything the walk did
not reach is unknown; steps it found not to apply are listed so their answers can be dropped.

A walk asks the domain about each distinct set of answers once: its decisions are kept in ``routes`` (a dict
keyed by the domain's ``Answers``, which are exactly what routing reads), which a request can share between
its walks. A walk can also carry on from a step of an earlier walk of the same draft (``after=``), when the
answers before that step have not changed: a POST then walks the steps before the one saved only once.

A walk need not rebuild and revalidate every earlier form either: what an earlier walk found (``Walk.known``:
each complete step's typed values, beside a digest of the stored answers they came from, for one day and one
council) is kept with the draft, and a walk given it (``known=``) takes a step's values from it instead of
validating its form again, as long as every step before it matched too. What a step's form accepts depends
only on its own answers, the earlier steps' values, the day and the council, so a matching prefix finds exactly
what validating would; from the first step whose answers changed (or that was never validated), the walk
validates again.

What is kept is sealed (``seal_known``/``open_known``): each step's entry carries a MAC of it (with the day and
the council), keyed by the app's secret key, this release's journey and domain code and the council's profile.
A walk takes only what this release validated for this council and day: from a step whose kept values were
changed in the database, or were kept by an older release, under another profile or on another day, the walk
validates the stored answers again. Check your answers and Send take nothing kept: they validate every answer.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from wizard.domain.complaint import FEELS_UNSAFE_LABELS, asks_for_advocate
from wizard.domain.escalation import (
    AWAITED_REPLIES,
    AwaitedReply,
    EscalationAnswers,
    EscalationDecision,
    ReplyTime,
    awaited_reply,
    reply_times,
    route_escalation,
)
from wizard.domain.profiles import CouncilProfile
from wizard.domain.routing import Answers, Decision, facts, route
from wizard.domain.vocabulary import (
    N_,
    NP_,
    PROCEDURES,
    PROVIDER_SUBJECTS,
    REPLY_OVERDUE,
    WHO_ASKS_THE_CHILD_AT_ANY_AGE,
    WHO_FOR_CHILD,
    WHO_PROVIDES_CARE,
    WHO_SELF,
)
from wizard.journey.plain_answers import plain_values
from wizard.webforms import let_go, stored_form

from . import escalation_forms as ef
from . import forms as f

# The person complaining is the child or young person.
SELF = WHO_SELF
# The complaint concerns a child who is not the person complaining: ask who the child is.
ABOUT_A_CHILD = (*WHO_FOR_CHILD, "parent", "foster_carer", *WHO_PROVIDES_CARE, "adoption")


@dataclass(frozen=True, init=False)
class Context:
    profile: CouncilProfile
    today: date
    flat: Mapping[str, Any]
    decision: Decision | None
    # The decisions already made in this request, by the answers routed (see ``decide``).
    routes: dict | None = field(default=None, compare=False, repr=False)

    def __init__(self, profile: CouncilProfile, today: date, flat: Mapping[str, Any], decision: Decision | None,
                 routes: dict | None = None):
        # The fields set at once: a frozen dataclass's own __init__ sets each through object.__setattr__, and a walk
        # makes a context for every step it passes.
        self.__dict__.update(profile=profile, today=today, flat=flat, decision=decision, routes=routes)

    def decide(self, **overrides: Any) -> Decision | None:
        """The domain's decision for these answers (with ``overrides``), routed once per request."""
        return decide(self.flat, self.profile, self.today, routes=self.routes, **overrides)


def domain_answers(flat: Mapping[str, Any], today: date, **overrides: Any) -> Answers | None:
    """The domain's ``Answers`` for the answers so far (None until who and what it is about are known).

    A child in danger sends the person to the emergency page; once they have seen it and chosen to carry on,
    the complaint itself is routed as usual (the record still says danger was reported).
    """
    if "who" not in flat or "about" not in flat:
        return None
    answers = Answers(
        who=flat["who"],
        about=flat["about"],
        child_age=flat.get("child_age"),
        child_agrees=flat.get("child_agrees"),
        happened=flat.get("happened"),
        submitted=today,
        danger=bool(flat.get("danger")) and not flat.get("emergency_help_seen"),
        proceedings=flat.get("proceedings") == "yes",
        provider_care=flat.get("provider") == "yes",
        advocacy_requested=asks_for_advocate(flat.get("advocacy")),
        continue_without_consent=bool(flat.get("continue_without_consent")),
    )
    return replace(answers, **overrides) if overrides else answers


# The answers ``decide`` reads (``domain_answers``, and its key of them): a step whose values change none of these
# leaves the decision as it was (``tests/unit/test_steps.py`` holds that these are all it reads).
ROUTED_ANSWERS = frozenset({
    "who", "about", "child_age", "child_agrees", "happened", "danger", "emergency_help_seen", "proceedings",
    "provider", "advocacy", "continue_without_consent",
})


def decide(
    flat: Mapping[str, Any], profile: CouncilProfile, today: date, routes: dict | None = None, **overrides: Any
) -> Decision | None:
    """The domain's decision for the answers so far; with ``routes``, each distinct ``Answers`` is routed once."""
    if routes is not None and not overrides:
        # Looked up first by the answers ``domain_answers`` reads, as they are (making ``Answers`` costs more
        # than finding its decision): a walk asks at every step whose answers add to the ones before.
        if "who" not in flat or "about" not in flat:
            return None
        get = flat.get
        key = ("flat", id(profile), today, flat["who"], flat["about"], get("child_age"), get("child_agrees"),
               get("happened"), bool(get("danger")) and not get("emergency_help_seen"), get("proceedings") == "yes",
               get("provider") == "yes", asks_for_advocate(get("advocacy")), bool(get("continue_without_consent")))
        found = routes.get(key)
        if found is None:
            found = routes[key] = _decide(domain_answers(flat, today), profile, routes)
        return found
    answers = domain_answers(flat, today, **overrides)
    if answers is None:
        return None
    if routes is None:
        return route(answers, profile)
    return _decide(answers, profile, routes)


def _decide(answers: Answers, profile: CouncilProfile, routes: dict) -> Decision:
    key = (answers, id(profile))
    found = routes.get(key)
    if found is None:
        found = routes[key] = route(answers, profile)
    return found


# ---------------------------------------------------------------------------------------------------------
# Conditions


def always(ctx: Context) -> bool:
    return True


def outcome_in(*outcomes: str) -> Callable[[Context], bool]:
    def condition(ctx: Context) -> bool:
        return ctx.decision is not None and ctx.decision.outcome in outcomes

    return condition


to_council = outcome_in(*PROCEDURES)
# Before the child's agreement is known, a route may still be waiting for it.
to_council_or_waiting = outcome_in(*PROCEDURES, "consent_needed")


def answer_is(key: str, *values: Any) -> Callable[[Context], bool]:
    def condition(ctx: Context) -> bool:
        return ctx.flat.get(key) in values

    return condition


def both(*conditions: Callable[[Context], bool]) -> Callable[[Context], bool]:
    def condition(ctx: Context) -> bool:
        # all(c(ctx) for c in conditions), without a generator (a walk asks this of 30 steps or more)
        for c in conditions:  # noqa: SIM110 - no generator: see above
            if not c(ctx):
                return False
        return True

    return condition


def consent_question_needed(ctx: Context) -> bool:
    """Ask whether the child agrees when, without that agreement, the domain would stop for it."""
    probe = ctx.decide(child_agrees=None, continue_without_consent=False)
    if probe is None:
        return False
    if probe.outcome == "consent_needed":
        return True
    # Someone who asks the child at any age (an advocate): ask when the child's agreement changes the route.
    if ctx.flat.get("who") not in WHO_ASKS_THE_CHILD_AT_ANY_AGE:
        return False
    agreed = ctx.decide(child_agrees="yes", continue_without_consent=False)
    return agreed is not None and agreed.rule != probe.rule


def consent_missing(ctx: Context) -> bool:
    probe = ctx.decide(continue_without_consent=False)
    return probe is not None and probe.outcome == "consent_needed"


def answer_is_not(key: str, *values: Any) -> Callable[[Context], bool]:
    def condition(ctx: Context) -> bool:
        return ctx.flat.get(key) not in values

    return condition


not_advocate = answer_is_not("who", "advocate")


def no_own_way(ctx: Context) -> bool:
    """The contact details page was answered with no phone, email or address (only a child or care leaver may)."""
    return "email" in ctx.flat and not f.ways_given(ctx.flat)
is_advocate = answer_is("who", "advocate")


def child_below_consent_age(ctx: Context) -> bool:
    """The child is younger than the council's consent age (the domain's own age band)."""
    answers = domain_answers(ctx.flat, ctx.today)
    return answers is not None and facts(answers, ctx.profile)["age_band"] == "younger"


def is_late(ctx: Context) -> bool:
    return ctx.decision is not None and "late" in ctx.decision.flags


# A new complaint, or someone unhappy with a reply taking a complaint further (an escalation).
is_new = answer_is("kind", "new")
is_escalation = answer_is("kind", "escalation")


def escalation_decision(ctx: Context) -> EscalationDecision | None:
    """The domain's decision on what an escalation asks for (None until procedure and reply are known)."""
    flat = ctx.flat
    if flat.get("kind") != "escalation" or "earlier_procedure" not in flat or "reply_stage" not in flat:
        return None
    if flat["reply_stage"] == REPLY_OVERDUE:  # still waiting for a reply: nothing to ask for (reply_overdue)
        return None
    answers = EscalationAnswers(
        stated_procedure=flat["earlier_procedure"],
        reply_stage=flat["reply_stage"],
        reply_date=flat.get("reply_date"),
        submitted=ctx.today,
        complaint_procedure=ctx.decision.procedure if ctx.decision else None,
        wants_conciliation=flat.get("conciliation") == "yes",
        agrees_early_referral=flat.get("early_referral") == "yes",
        late_reason_given=(
            bool((flat["escalation_late_reason"] or "").strip()) if "escalation_late_reason" in flat else None
        ),
    )
    if ctx.routes is None:
        return route_escalation(answers, ctx.profile)
    key = ("escalation", answers, id(ctx.profile))
    found = ctx.routes.get(key)
    if found is None:
        found = ctx.routes[key] = route_escalation(answers, ctx.profile)
    return found


def escalation_to(*outcomes: str) -> Callable[[Context], bool]:
    def condition(ctx: Context) -> bool:
        decision = escalation_decision(ctx)
        return decision is not None and decision.outcome in outcomes

    return condition


def escalation_late(ctx: Context) -> bool:
    decision = escalation_decision(ctx)
    return decision is not None and decision.late


def escalation_offers(option: str) -> Callable[[Context], bool]:
    def condition(ctx: Context) -> bool:
        decision = escalation_decision(ctx)
        return decision is not None and decision.next_stage is not None and option in decision.options

    return condition


reply_overdue = answer_is("reply_stage", REPLY_OVERDUE)


def awaited_replies(ctx: Context) -> tuple[str, tuple[ReplyTime, ...]]:
    """For someone waiting for a late reply: the procedure (as the domain works it out when they are not sure)
    and the council's reply times in it."""
    stated = ctx.flat.get("earlier_procedure")
    procedure = stated if stated in PROCEDURES else (ctx.decision.procedure if ctx.decision else None)
    procedure = procedure if procedure in AWAITED_REPLIES else "corporate"
    return procedure, reply_times(ctx.profile, procedure)


def awaited_due(ctx: Context) -> AwaitedReply | None:
    """When the reply someone is waiting for was due, from the day they sent what it answers (None until known, or
    for a review panel in a procedure that has none)."""
    sent = ctx.flat.get("awaited_since")
    if not isinstance(sent, date) or ctx.flat.get("awaited") is None:
        return None
    procedure, _ = awaited_replies(ctx)
    return awaited_reply(ctx.profile, procedure, ctx.flat["awaited"], sent, ctx.today)
asks_next_stage = escalation_to("statutory_stage2", "review_panel", "corporate_stage2")


# ---------------------------------------------------------------------------------------------------------
# The steps


# Compared by identity (``eq=False``): each step is made once, in ``STEPS``, and a walk asks where a step is
# (``STEPS.index``, ``in w.done``) dozens of times a request; a dataclass's own ``==`` builds a tuple of all nine
# fields of each step to compare them.
@dataclass(frozen=True, eq=False)
class Step:
    name: str
    slug: str
    form: type[f.StepForm]
    applies: Callable[[Context], bool]
    section: str
    template: str = "journey/question.html"
    kind: str = "question"  # "question"; "info" (a page with a button to carry on); "exit" (the journey stops)
    carry_on_key: str | None = None  # for "info" steps: the answer that records the person carried on
    rows: Callable[[dict, Callable, Callable], list] | None = None  # summary rows, when not the form's own


def _carry_on_rows(key: str, label: str, value: str):
    def rows(values, T, fmt_date):
        return [(key, T(label), T(value))]

    return rows


STEPS: tuple[Step, ...] = (
    Step("danger", "child-in-danger", f.DangerForm, always, "you"),
    Step(
        "emergency", "get-help-now", f.CarryOnForm, answer_is("danger", True), "you",
        template="journey/emergency.html", kind="info", carry_on_key="emergency_help_seen",
    ),
    Step("kind", "new-or-reply", ef.KindForm, always, "about"),
    Step("who", "who-are-you", f.WhoForm, always, "you"),
    # A child complaining for themselves: whether they feel safe where they live, asked early, and where to get
    # help today when not (walks O and P).
    Step("feels_safe", "feeling-safe", f.FeelsSafeForm, both(is_new, answer_is("who", "child")), "you"),
    Step(
        "unsafe_help", "help-to-be-safe", f.CarryOnForm,
        both(is_new, answer_is("who", "child"), answer_is("feels_safe", *FEELS_UNSAFE_LABELS)), "you",
        template="journey/unsafe_help.html", kind="info", carry_on_key="unsafe_help_seen",
    ),
    Step("about", "what-is-it-about", f.AboutForm, always, "about"),
    Step("school", "school-complaint", f.CarryOnForm, outcome_in("school"), "about",
         template="journey/school.html", kind="exit"),
    Step(
        "provider", "who-gave-the-care", f.ProviderForm,
        both(to_council_or_waiting, is_new, lambda ctx: ctx.flat.get("about") in PROVIDER_SUBJECTS), "about",
    ),
    Step(
        "provider_exit", "care-from-another-organisation", f.CarryOnForm, both(is_new, answer_is("provider", "yes")),
        "about",
        template="journey/provider.html", kind="info", carry_on_key="provider_council_to_look",
        rows=_carry_on_rows("provider_council_to_look", N_("Who should look at it"), N_("The council")),
    ),
    Step("child", "about-the-child", f.ChildForm,
         both(to_council_or_waiting, answer_is("who", *ABOUT_A_CHILD)), "child"),
    # A younger child's agreement is not needed, but whether they know is asked (never a condition).
    Step("child_knows", "does-the-child-know", f.ChildKnowsForm,
         both(to_council_or_waiting, answer_is("who", *ABOUT_A_CHILD), not_advocate, child_below_consent_age),
         "child"),
    Step("agrees", "does-the-child-agree", f.AgreesForm, consent_question_needed, "child"),
    Step(
        "consent_needed", "the-childs-agreement", f.CarryOnForm, consent_missing, "child",
        template="journey/consent_needed.html", kind="info", carry_on_key="continue_without_consent",
        rows=_carry_on_rows("consent.continue_without_consent", N_("Going ahead without the child's agreement"),
                            NP_("Going ahead without the child's agreement", "Yes")),
    ),
    Step("confirm_how", "how-the-child-will-confirm", f.ConfirmHowForm, answer_is("child_agrees", "yes"), "child"),
    Step("child_confirm", "child-confirms", f.ChildConfirmForm, answer_is("confirm_method", "child_types"), "child"),
    # Taking a complaint further: the earlier complaint, the reply, whether it is in time, what is still wrong,
    # and the options the council offers before the next stage. The domain says what comes next.
    Step("earlier", "earlier-complaint", ef.EarlierForm, both(to_council, is_escalation), "further"),
    Step("earlier_procedure", "which-procedure", ef.ProcedureForm, both(to_council, is_escalation), "further"),
    Step("reply_stage", "which-reply", ef.ReplyStageForm, both(to_council, is_escalation), "further"),
    # Still waiting for a reply that is late: which reply and when they sent what it answers (walks J and M, J2/M5),
    # then when it was due, what they can do, and the journey stops (walk E, E5).
    Step("awaited", "which-reply-is-late", ef.AwaitedForm, both(to_council, is_escalation, reply_overdue), "further"),
    Step("awaited_since", "when-did-you-send-it", ef.AwaitedSinceForm,
         both(to_council, is_escalation, reply_overdue), "further"),
    Step("reply_overdue", "reply-is-late", f.CarryOnForm, both(to_council, is_escalation, reply_overdue), "further",
         template="journey/reply_overdue.html", kind="exit"),
    Step("reply_date", "date-of-the-reply", ef.ReplyDateForm, both(to_council, is_escalation), "further"),
    Step("ombudsman_next", "the-ombudsman-is-next", f.CarryOnForm, both(to_council, escalation_to("ombudsman")),
         "further", template="journey/ombudsman_next.html", kind="exit"),
    Step("escalation_late", "asking-later", ef.LateRequestForm, both(to_council, escalation_late), "further"),
    Step("still_unhappy", "still-unhappy", ef.StillUnhappyForm, both(to_council, asks_next_stage), "further"),
    Step("conciliation", "a-meeting-first", ef.ConciliationForm, both(to_council, escalation_offers("conciliation")),
         "further"),
    Step("early_referral", "straight-to-the-ombudsman", ef.EarlyReferralForm,
         both(to_council, escalation_offers("early_referral")), "further"),
    Step("tried", "tried-to-sort-it-out", f.TriedForm, both(to_council, is_new), "about"),
    Step(
        "tried_advice", "sorting-it-out-first", f.CarryOnForm,
        both(to_council, is_new, answer_is("tried", "no")), "about",
        template="journey/tried_advice.html", kind="info", carry_on_key="advice_seen",
    ),
    Step("when", "when-did-it-happen", f.WhenForm, both(to_council, is_new), "about"),
    Step("late", "why-now", f.LateForm, both(is_new, is_late), "about"),
    Step("advocacy_self", "advocate", f.AdvocacySelfForm, both(to_council, answer_is("who", *SELF)), "support"),
    Step(
        "advocacy_child", "advocate-for-the-child", f.AdvocacyChildForm,
        both(to_council, lambda ctx: ctx.flat.get("who") in ABOUT_A_CHILD and ctx.flat.get("who") != "advocate"),
        "support",
    ),
    Step("advocate", "advocate-details", f.AdvocateDetailsForm, both(to_council, answer_is("who", "advocate")),
         "support"),
    Step("proceedings", "court-or-police", f.ProceedingsForm, both(to_council, is_new), "about"),
    Step("complaint", "your-complaint", f.ComplaintForm, both(to_council, is_new), "complaint"),
    # An advocate gives their own details once (advocate-details, above); the questions about safety and help
    # are then about the child.
    Step("name", "your-name", f.NameForm, both(to_council, not_advocate), "contact"),
    Step("self", "about-you", f.SelfForm, both(to_council, answer_is("who", *SELF)), "you"),
    Step("contact", "contact-details", f.ContactDetailsForm, both(to_council, not_advocate), "contact"),
    # Asked only when there is a choice: with one way given, that way is the way (forms.contact_way).
    Step("preference", "how-to-contact-you", f.PreferenceForm,
         both(to_council, not_advocate, lambda ctx: len(f.ways_given(ctx.flat)) > 1), "contact"),
    # A child or care leaver who gave no way of their own is asked how to reach them: someone they trust, the
    # advocate they asked for, or no way for now (they can still send).
    Step("reach", "reaching-you", f.ReachForm, both(to_council, answer_is("who", *SELF), no_own_way), "contact"),
    Step("trusted", "someone-you-trust", f.TrustedForm,
         both(to_council, answer_is("who", *SELF), no_own_way, answer_is("through", "trusted")), "contact"),
    Step("safety", "contacting-you-safely", f.SafetyForm,
         both(to_council, not_advocate, lambda ctx: bool(f.ways_given(ctx.flat))), "contact"),
    Step("help", "help-to-take-part", f.HelpForm, both(to_council, not_advocate), "contact"),
    Step("child_safety", "contacting-the-child-safely", f.ChildSafetyForm, both(to_council, is_advocate), "child"),
    Step("child_help", "help-for-the-child", f.ChildHelpForm, both(to_council, is_advocate), "child"),
)

BY_NAME = {step.name: step for step in STEPS}
BY_SLUG = {step.slug: step for step in STEPS}
# The pages that send a person elsewhere, counted (as the figures' exit ids) each time an answer leads to one.
EXIT_FIGURES = {"school": "school", "emergency": "emergency", "provider_exit": "provider"}

SECTIONS = (
    ("you", N_("About you")),
    ("about", N_("About the complaint")),
    ("further", N_("Taking your complaint further")),
    ("child", N_("The child or young person")),
    ("support", N_("Advocacy")),
    ("complaint", N_("Your complaint")),
    ("contact", N_("Contact details")),
)

assert len(BY_NAME) == len(STEPS) and len(BY_SLUG) == len(STEPS)
assert {s.section for s in STEPS} <= {k for k, _ in SECTIONS}
assert all((s.kind == "info") == (s.carry_on_key is not None) for s in STEPS)
assert set(EXIT_FIGURES) <= set(BY_NAME)


# ---------------------------------------------------------------------------------------------------------
# The walk


def make_form(step: Step, ctx: Context, data: Mapping[str, list[str]] | None) -> f.StepForm:
    """The step's form filled from stored raw answers (no CSRF: these were checked when they were posted), made
    from the form's bound prototype (``webforms.stored_form``: binding is the same for everyone, and the stored
    answers need no MultiDict)."""
    form = stored_form(step.form, data)
    form.prepare(ctx)
    return form


def step_values(step: Step, form: f.StepForm) -> dict:
    if step.kind == "info":
        return {step.carry_on_key: True}
    return form.values()


# ---------------------------------------------------------------------------------------------------------
# What a walk found, kept with the draft (see the module docstring)

KNOWN_VERSION = 2


def _code_mark() -> bytes:
    """A digest of the code that decides what a form accepts (the journey's and the domain's modules): what one
    release kept is never taken by another."""
    wizard = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=32)
    for path in sorted([*wizard.glob("journey/*.py"), *wizard.glob("domain/*.py"), wizard / "webforms.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


_CODE_MARK = _code_mark()
_profile_marks: dict[int, tuple[CouncilProfile, bytes]] = {}


def _profile_mark(profile: CouncilProfile) -> bytes:
    found = _profile_marks.get(id(profile))
    if found is None or found[0] is not profile:
        found = _profile_marks[id(profile)] = (
            profile, hashlib.blake2b(repr(profile).encode("utf-8"), digest_size=32).digest()
        )
    return found[1]


@lru_cache(maxsize=16)
def _seal_key(secret: bytes, profile_mark: bytes) -> bytes:
    return hashlib.blake2b(
        b"known answers\0" + _CODE_MARK + profile_mark, key=hashlib.blake2b(secret).digest()
    ).digest()


def _mac(text: str, secret: str | bytes, profile: CouncilProfile) -> str:
    key = _seal_key(secret.encode("utf-8") if isinstance(secret, str) else bytes(secret), _profile_mark(profile))
    return hashlib.blake2b(text.encode("utf-8"), key=key, digest_size=16).hexdigest()


# json.dumps(..., ensure_ascii=False, separators=(",", ":")), without making an encoder for each call.
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _step_text(known: Mapping, name: str, entry: Mapping) -> str:
    """What one step's seal covers: the release's format, the day, the council, the step, the digest of the answers
    and the values found, as they are stored (JSON keeps their order)."""
    values = _COMPACT_JSON.encode(entry.get("values"))
    return f"{known.get('v')}|{known.get('day')}|{known.get('council')}|{name}|{entry.get('answers')}|{values}"


def seal_known(known: Mapping, secret: str | bytes, profile: CouncilProfile) -> dict:
    """``Walk.known`` as it is kept with the draft: each step's entry with a MAC of it (see the module docstring;
    one per step, so that dropping a step's answers from the draft leaves the others' usable).

    An entry that already carries its MAC is one ``Walk.known`` took unchanged from what the walk was given, whose
    seal the walk checked (for this release, secret, council and day): it is kept as it is, not sealed again (a
    POST on an early page then seals only what it found anew, whatever number of answers follow)."""
    return {
        **known,
        "steps": {
            name: entry if "mac" in entry else {**entry, "mac": _mac(_step_text(known, name, entry), secret, profile)}
            for name, entry in known["steps"].items()
        },
    }


class _SealedSteps(Mapping):
    """The kept steps whose seal holds, each checked when a walk first asks for it (a page view that walks a few
    steps checks a few seals)."""

    def __init__(self, kept: dict, secret: str | bytes, profile: CouncilProfile):
        self._kept, self._steps, self._secret, self._profile = kept, kept["steps"], secret, profile
        self._checked: dict[str, bool] = {}

    def _holds(self, name: str) -> bool:
        held = self._checked.get(name)
        if held is None:
            entry = self._steps.get(name)
            held = self._checked[name] = (
                isinstance(entry, dict)
                and isinstance(entry.get("mac"), str)
                and hmac.compare_digest(_mac(_step_text(self._kept, name, entry), self._secret, self._profile),
                                        entry["mac"])
            )
        return held

    def __getitem__(self, name: str):
        if name in self._steps and self._holds(name):
            return self._steps[name]
        raise KeyError(name)

    def __iter__(self):
        return (name for name in self._steps if self._holds(name))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def open_known(kept: Any, secret: str | bytes, profile: CouncilProfile) -> dict | None:
    """What ``seal_known`` kept, giving only the steps whose seal holds (this release, this secret, this council);
    None when there is nothing to give. A walk validates again from the first step left out."""
    if not isinstance(kept, dict) or not isinstance(kept.get("steps"), dict) or not kept["steps"]:
        return None
    return {**kept, "steps": _SealedSteps(kept, secret, profile)}


def answers_digest(data: Mapping[str, list[str]]) -> str:
    """A short fingerprint of one step's stored answers (what it was validated from): the ``repr`` of its sorted
    fields and their lists of strings, the same in every process, and cheaper to make than their JSON."""
    return hashlib.blake2b(repr(sorted(data.items())).encode("utf-8"), digest_size=12).hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise TypeError(f"a step's value cannot be kept with the draft: {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        return date.fromisoformat(value["$date"])
    return list(value) if isinstance(value, list) else value


def encode_values(values: Mapping[str, Any]) -> dict:
    return {key: _encode(value) for key, value in values.items()}


def decode_values(values: Mapping[str, Any]) -> dict:
    return {key: _decode(value) for key, value in values.items()}


def _usable_known(known: Any, profile: CouncilProfile, today: date) -> dict:
    """The steps of ``known`` that a walk for this council and day may use ({} when none)."""
    if (
        not isinstance(known, dict)
        or known.get("v") != KNOWN_VERSION
        or known.get("day") != today.isoformat()
        or known.get("council") != profile.id
        or not isinstance(known.get("steps"), Mapping)
    ):
        return {}
    return known["steps"]


@dataclass
class Walk:
    done: list[Step]  # the steps on the route, complete, in order
    values: dict[str, dict]  # step name -> its typed answers
    current: Step | None  # the first step that applies and is not complete (None: all complete)
    not_applicable: set[str]  # steps found not to apply: their answers must go
    flat: dict[str, Any]
    decision: Decision | None
    context: Context  # at ``current`` (or at the end)
    contexts: dict[str, Context] = field(default_factory=dict)  # the context each step was reached with
    validated: int = 0  # how many stored answers this walk validated with their forms (the rest were known)
    # Where in STEPS the walk first validated a form (None: every step's values were known): from there on,
    # what was known of later steps no longer holds for this walk.
    first_validated: int | None = None
    # Stopped at ``walk(through=...)``: ``current`` is None but the journey may not be complete.
    partial: bool = False
    # Each done step's stored answers as walked, their digest, and the kept entry (sealed, checked) its values
    # were taken from, if they were: ``known`` reuses them rather than working them out again.
    walked: dict[str, tuple] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.current is None and not self.partial

    def known(self, stored: Mapping[str, Mapping[str, list[str]]]) -> dict:
        """What this walk found, to keep with the draft whose answers are ``stored`` (see ``walk(known=)``)."""
        today, profile = self.context.today, self.context.profile
        found = {}
        for step in self.done:
            data = stored.get(step.name)
            if data is None:
                break
            walked = self.walked.get(step.name)
            if walked is not None and walked[0] is data and walked[2] is not None:
                # Taken unchanged from a kept entry whose seal held (for this release, council and day): as it was.
                entry = walked[2]
                found[step.name] = {"answers": entry["answers"], "values": entry["values"], "mac": entry["mac"]}
                continue
            digest = walked[1] if walked is not None and walked[0] is data and walked[1] else answers_digest(data)
            try:
                values = encode_values(self.values[step.name])
            except TypeError:
                break  # a value JSON cannot hold: this step and the ones after it are validated each time
            found[step.name] = {"answers": digest, "values": values}
        return {"v": KNOWN_VERSION, "day": today.isoformat(), "council": profile.id, "steps": found}

    def reachable(self, step: Step) -> bool:
        return step in self.done or step is self.current

    def previous(self, step: Step | None) -> Step | None:
        """The step before ``step`` on the route (``None`` for the check page: the last one)."""
        if step is None:
            return self.done[-1] if self.done else None
        if step in self.done:
            index = self.done.index(step)
            return self.done[index - 1] if index else None
        return self.done[-1] if self.done else None


def walk(
    stored: Mapping[str, Mapping[str, list[str]]],
    profile: CouncilProfile,
    today: date,
    routes: dict | None = None,
    after: tuple[Walk, Step] | None = None,
    known: Mapping | None = None,
    through: Step | None = None,
) -> Walk:
    """Where the person is (see the module docstring).

    ``routes``: the decisions made so far in this request (a new dict when None). ``after=(earlier, step)``:
    an earlier walk (same profile and day) that reached ``step``, of stored answers that are the same as these
    for every step before ``step``; the walk carries on from ``step`` with the earlier walk's findings up to it.
    ``known``: what a walk of this draft found before (``Walk.known``); None (or anything unusable) validates
    every stored answer. ``through``: stop once this step is complete (``Walk.partial``): a page view needs the
    route up to its own step only, which a walk finds the same whatever comes after (so a page costs the same
    however many answers follow it); the steps after it are neither walked nor tidied.
    """
    routes = {} if routes is None else routes
    trusted = _usable_known(known, profile, today)
    validated, first_validated = 0, None
    flat: dict[str, Any] = {}
    done: list[Step] = []
    values: dict[str, dict] = {}
    skipped: set[str] = set()
    contexts: dict[str, Context] = {}
    walked: dict[str, tuple] = {}
    current = None
    start = 0
    if after is not None:
        earlier, from_step = after
        start = STEPS.index(from_step)
        before = {s.name for s in STEPS[:start]}
        flat = dict(earlier.contexts[from_step.name].flat)
        done = [s for s in earlier.done if s.name in before]
        values = {name: v for name, v in earlier.values.items() if name in before}
        skipped = earlier.not_applicable & before
        contexts = {name: c for name, c in earlier.contexts.items() if name in before}
        walked = {name: w for name, w in earlier.walked.items() if name in before}
        if earlier.first_validated is not None and earlier.first_validated < start:
            trusted, first_validated = {}, earlier.first_validated
    ctx = None  # the context of the answers so far: made again only when a step's values add to them
    decided = None  # its decision, when the last step's values changed none of the answers it is made from
    for step in STEPS[start:]:
        if ctx is None:
            decision = decided if decided is not None else decide(flat, profile, today, routes)
            ctx = Context(profile, today, dict(flat), decision, routes)
        if not step.applies(ctx):
            skipped.add(step.name)
            continue
        contexts[step.name] = ctx
        if step.kind == "exit":
            current = step
            break
        data = stored.get(step.name)
        if data is None:
            current = step
            break
        entry = trusted.get(step.name)
        digest = answers_digest(data) if isinstance(entry, dict) else None
        if digest is not None and entry.get("answers") == digest:
            found = decode_values(entry["values"])
            walked[step.name] = (data, digest, entry if isinstance(entry.get("mac"), str) else None)
        else:
            walked[step.name] = (data, digest, None)
            trusted = {}  # from here on the earlier steps may differ from what was known: validate again
            if first_validated is None:
                first_validated = STEPS.index(step)
            validated += 1
            # A plain question's answer the form would certainly accept: its values without making the form.
            found = plain_values(step, data)
            if found is None:
                form = make_form(step, ctx, data)
                valid = form.validate_step()
                found = step_values(step, form) if valid else None
                let_go(form)
                if not valid:
                    current = step
                    break
        values[step.name] = found
        flat.update(found)
        done.append(step)
        decided = ctx.decision if ROUTED_ANSWERS.isdisjoint(found) else None
        ctx = None
        if step is through:
            partial = True
            break
    else:
        partial = False
    if current is not None:
        partial = False
    decision = decide(flat, profile, today, routes)
    if current is None or ctx is None:
        ctx = Context(profile, today, dict(flat), decision, routes)
    return Walk(done, values, current, skipped, flat, decision, ctx, contexts, validated, first_validated, partial,
                walked)


def sections(w: Walk, T: Callable[[str], str], fmt_date: Callable) -> list[dict]:
    """What "Check your answers" shows, grouped: [{"id", "title", "rows": [{"key", "label", "value", "step"}]}].

    ``T`` translates the English texts (identity for the council's record); ``fmt_date(d, month_only=False)``
    formats dates.
    """
    out = []
    for section_id, title in SECTIONS:
        rows = []
        for step in w.done:
            if step.section != section_id:
                continue
            rows_for = step.rows or step.form.summary
            for key, label, value in rows_for(w.values[step.name], T, fmt_date):
                rows.append({"key": key, "label": label, "value": value, "step": step.slug})
        if rows:
            out.append({"id": section_id, "title": T(title), "rows": rows})
    return out
