"""Council profiles: one TOML file per council, loaded into frozen dataclasses and checked field by field.

A profile names the council and how to reach it, its bank holiday region, the child consent age, the time
limit, which subjects go to which procedure (overrides on ``DEFAULT_SUBJECT_PROCEDURES``), options the seeds
show, and for each procedure its milestones. Milestones start from the defaults below and the profile
overrides only what its council publishes::

    [procedures.statutory.milestones]
    acknowledgement = 2                                   # working days, counted from the default event
    stage1_response = { working_days = 15, after = "received" }
    stage1_response_extended = false                      # this council publishes no extension

Only ``*_extended`` milestones can be left out (``false``). Any mistake (a missing or unknown field, a wrong
type, a bad email address, a milestone counted from a later or unknown one) raises ``ProfileError`` naming
the file and the field, so a typo stops start-up instead of silently using a default.

A council may publish no complaints inbox (Lancashire): then ``inbox`` is ``None`` and ``needs_inbox`` is
true, and the settings layer must refuse to start unless ``COUNCIL_INBOX`` is set.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from email_validator import EmailNotValidError, validate_email

from .vocabulary import (
    ABOUT,
    DEFAULT_SUBJECT_PROCEDURES,
    HOLIDAY_REGIONS,
    MILESTONE_KEYS,
    PROCEDURES,
    RECEIVED,
    SUBJECT_ROUTES,
)

COUNCILS_DIR = Path(__file__).resolve().parent / "councils"
_PROJECT_ROOT = Path(__file__).resolve().parents[2]

STAGE2_CLOCKS = ("request", "complaint_statement")
STAGE3_FINAL_FROM = ("panel", "panel_report")
MAX_WORKING_DAYS = 260  # about a year; no published timescale comes near it


@dataclass(frozen=True)
class MilestoneRule:
    """A step in a procedure: due ``working_days`` working days after ``after`` (a key or ``"received"``)."""

    key: str
    working_days: int
    after: str


@dataclass(frozen=True)
class ProcedureTimescales:
    procedure: str
    milestones: tuple[MilestoneRule, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(m.key for m in self.milestones)

    def get(self, key: str) -> MilestoneRule | None:
        for m in self.milestones:
            if m.key == key:
                return m
        return None


# The statutory defaults (domain.md). Acknowledgement is the council's own figure; three working days is the
# usual one (seed 002) and what the example profile uses.
DEFAULT_STATUTORY = (
    MilestoneRule("acknowledgement", 3, RECEIVED),
    MilestoneRule("stage1_response", 10, RECEIVED),
    MilestoneRule("stage1_response_extended", 20, RECEIVED),
    MilestoneRule("stage2_request_by", 20, "stage1_response"),
    MilestoneRule("stage2_response", 25, "stage2_request_by"),
    MilestoneRule("stage2_response_extended", 65, "stage2_request_by"),
    MilestoneRule("stage3_request_by", 20, "stage2_response"),
    MilestoneRule("stage3_panel", 30, "stage3_request_by"),
    MilestoneRule("stage3_panel_report", 5, "stage3_panel"),
    MilestoneRule("stage3_final_response", 15, "stage3_panel_report"),
)

# The corporate defaults: the Ombudsman's Complaint Handling Code. Acknowledge in 5 working days; stage 1
# reply 10 after the acknowledgement (extension at most 10 more). The Code sets no time to ask for stage 2;
# this product uses 20 working days after the stage 1 reply, as the statutory procedure does. Stage 2 is
# acknowledged within 5 and answered 20 after that acknowledgement (extension at most 20 more): projected
# from the request, that is 25 and 45 working days.
DEFAULT_CORPORATE = (
    MilestoneRule("acknowledgement", 5, RECEIVED),
    MilestoneRule("stage1_response", 10, "acknowledgement"),
    MilestoneRule("stage1_response_extended", 20, "acknowledgement"),
    MilestoneRule("stage2_request_by", 20, "stage1_response"),
    MilestoneRule("stage2_response", 25, "stage2_request_by"),
    MilestoneRule("stage2_response_extended", 45, "stage2_request_by"),
)

DEFAULT_MILESTONES = MappingProxyType({"statutory": DEFAULT_STATUTORY, "corporate": DEFAULT_CORPORATE})


@dataclass(frozen=True)
class CouncilOptions:
    """What a council offers beyond the defaults (the seed that shows each is in brackets)."""

    conciliation_before_stage2: bool = False  # conciliation or mediation offered before stage 2 (003, 004)
    early_ombudsman_referral: bool = False  # early referral to the Ombudsman, if the complainant agrees (000)
    stage2_clock: str = "request"  # stage 2 counted from the request or the agreed complaint statement (002)
    stage3_final_from: str = "panel_report"  # final response counted from the panel or its report (003)

    @property
    def stage2_from_statement(self) -> bool:
        """Statutory stage 2 is counted from the day the complaint statement is agreed (seed 002), which nobody
        knows in advance: its dates are shown as if agreed the day the request is received, with a note."""
        return self.stage2_clock == "complaint_statement"

    @property
    def final_from_panel(self) -> bool:
        """The final response after a review panel is counted from the day the panel meets (seed 003), not from
        its report."""
        return self.stage3_final_from == "panel"


# Options earlier releases read but never used. A council's profile that still sets one starts as before: the
# option is ignored, and a warning names the file and says it can be removed.
RETIRED_OPTIONS = MappingProxyType(
    {
        "stage1_continues_corporate": "the routing rules decide each complaint's procedure; this never changed it",
        "provider_complaints": "the wizard asks about care given by another organisation by subject; this never "
        "changed it",
    }
)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CouncilProfile:
    id: str
    name: str
    short_code: str
    inbox: str | None
    advocacy_inbox: str | None
    phone: str
    address: tuple[str, ...]
    website: str
    emergency_phone: str
    brand_colour: str
    holiday_region: str
    consent_age: int = 12
    time_limit_months: int = 12
    subject_procedures: Mapping[str, str] = field(default_factory=lambda: DEFAULT_SUBJECT_PROCEDURES)
    procedures: Mapping[str, ProcedureTimescales] = field(default_factory=lambda: MappingProxyType({}))
    options: CouncilOptions = field(default_factory=CouncilOptions)
    advocacy_phone: str | None = None
    # Where "Exit this page" and "Delete my answers and leave" send a person: a page that gives nothing away
    # to someone looking over their shoulder (GOV.UK's default is BBC Weather).
    exit_url: str = "https://www.bbc.co.uk/weather"
    source: str | None = None  # the file the profile came from
    # Values to check with the council before going live: field name -> why (shown on the staff pages).
    checks: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def needs_inbox(self) -> bool:
        """True when the council publishes no inbox, so ``COUNCIL_INBOX`` must be configured."""
        return self.inbox is None

    @property
    def has_children_services_number(self) -> bool:
        """True when the children's services front door (``emergency_phone``) is not the council's main number, so
        the pages may call it children's services; a council whose only number is its switchboard is not (walk O,
        O2)."""
        return self.emergency_phone != self.phone

    def subject_route(self, about: str) -> str:
        """``statutory``, ``corporate`` or ``school`` for a subject."""
        return self.subject_procedures[about]


class ProfileError(Exception):
    """A council profile that cannot be used, naming the file and (where there is one) the field."""

    def __init__(self, path: Path | str, field: str | None, message: str) -> None:
        self.path = _display_path(path)
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.field:
            return f"{self.path}: field '{self.field}': {self.message}"
        return f"{self.path}: {self.message}"


def _display_path(path: Path | str) -> str:
    p = Path(path)
    try:
        return str(p.resolve().relative_to(_PROJECT_ROOT))
    except ValueError:
        return str(p)


# ---------------------------------------------------------------------------------------------------------
# Field checks


_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_SHORT_CODE_RE = re.compile(r"^[A-Z]{2,4}$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ]{1,18}[0-9]$")
_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_URL_RE = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/\S*)?$")

_TOP_KEYS = {
    "id",
    "name",
    "short_code",
    "inbox",
    "advocacy_inbox",
    "advocacy_phone",
    "phone",
    "address",
    "website",
    "emergency_phone",
    "brand_colour",
    "holiday_region",
    "consent_age",
    "time_limit_months",
    "subjects",
    "options",
    "procedures",
    "check_with_council",
    "exit_url",
}
_REQUIRED = ("id", "name", "short_code", "phone", "address", "website", "emergency_phone", "brand_colour")


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, field: str | None, message: str) -> ProfileError:
        return ProfileError(self.path, field, message)

    def string(
        self, value: Any, field: str, *, pattern: re.Pattern[str] | None = None, what: str = ""
    ) -> str:
        if not isinstance(value, str):
            raise self.fail(field, f"expected text, got {_type_name(value)}")
        value = value.strip()
        if not value:
            raise self.fail(field, "must not be empty")
        if pattern is not None and not pattern.match(value):
            raise self.fail(field, f"not {what}: {value!r}")
        return value

    def integer(self, value: Any, field: str, lo: int, hi: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, f"expected a whole number, got {_type_name(value)}")
        if not lo <= value <= hi:
            raise self.fail(field, f"must be between {lo} and {hi}, got {value}")
        return value

    def boolean(self, value: Any, field: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(field, f"expected true or false, got {_type_name(value)}")
        return value

    def choice(self, value: Any, field: str, choices: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in choices:
            raise self.fail(field, f"must be one of {', '.join(choices)}, got {value!r}")
        return value

    def email(self, value: Any, field: str) -> str:
        text = self.string(value, field)
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError as exc:
            raise self.fail(field, f"not a valid email address ({exc})") from None
        return text

    def table(self, value: Any, field: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(field, f"expected a table, got {_type_name(value)}")
        return value

    def known_keys(self, table: Mapping[str, Any], allowed: set[str] | tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(
                    f"{prefix}{key}", f"unknown field; expected one of {', '.join(sorted(allowed))}"
                )


def _type_name(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_with_white(colour: str) -> float:
    return 1.05 / (relative_luminance(colour) + 0.05)


# ---------------------------------------------------------------------------------------------------------
# Loading


def available_councils(directory: Path | None = None) -> list[str]:
    """The ids of the profiles in ``directory`` (the shipped ones by default), sorted."""
    directory = Path(directory) if directory is not None else COUNCILS_DIR
    return sorted(p.stem for p in directory.glob("*.toml") if _ID_RE.match(p.stem))


def load_profile(council_id: str, directory: Path | None = None) -> CouncilProfile:
    """Load and check the profile ``<directory>/<council_id>.toml``."""
    directory = Path(directory) if directory is not None else COUNCILS_DIR
    path = directory / f"{council_id}.toml"
    if not isinstance(council_id, str) or not _ID_RE.match(council_id):
        raise ProfileError(
            path, None, f"{council_id!r} is not a council id (lower-case letters, digits, - and _)"
        )
    if not path.is_file():
        known = ", ".join(available_councils(directory)) or "none"
        raise ProfileError(path, None, f"no profile for council {council_id!r} (known: {known})")
    return load_profile_file(path)


def load_profile_file(path: Path | str) -> CouncilProfile:
    """Load and check one profile file."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ProfileError(path, None, "file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(path, None, f"not valid TOML ({exc})") from None
    return parse_profile(data, path)


def parse_profile(data: Mapping[str, Any], path: Path | str = "<profile>") -> CouncilProfile:
    """Check a profile already read from TOML (``path`` is only used in messages)."""
    path = Path(path)
    c = _Checker(path)
    c.known_keys(data, _TOP_KEYS, "")
    for key in _REQUIRED:
        if key not in data:
            raise c.fail(key, "missing")

    council_id = c.string(data["id"], "id", pattern=_ID_RE, what="a council id")
    if path.suffix == ".toml" and path.stem != council_id:
        raise c.fail("id", f"must match the file name {path.stem!r}, got {council_id!r}")

    address_raw = data["address"]
    if not isinstance(address_raw, list) or not address_raw:
        raise c.fail("address", "expected a list of lines")
    address = tuple(c.string(line, f"address[{i}]") for i, line in enumerate(address_raw))

    inbox = c.email(data["inbox"], "inbox") if "inbox" in data else None
    advocacy_inbox = c.email(data["advocacy_inbox"], "advocacy_inbox") if "advocacy_inbox" in data else None
    advocacy_phone = (
        c.string(data["advocacy_phone"], "advocacy_phone", pattern=_PHONE_RE, what="a phone number")
        if "advocacy_phone" in data
        else None
    )

    brand_colour = c.string(data["brand_colour"], "brand_colour", pattern=_COLOUR_RE, what="a #rrggbb colour")
    ratio = contrast_with_white(brand_colour)
    if ratio < 4.5:
        raise c.fail("brand_colour", f"contrast with white is {ratio:.2f}:1; it must be at least 4.5:1")

    options = _parse_options(c, data.get("options", {}))

    return CouncilProfile(
        id=council_id,
        name=c.string(data["name"], "name"),
        short_code=c.string(data["short_code"], "short_code", pattern=_SHORT_CODE_RE, what="2 to 4 capitals"),
        inbox=inbox,
        advocacy_inbox=advocacy_inbox,
        advocacy_phone=advocacy_phone,
        phone=c.string(data["phone"], "phone", pattern=_PHONE_RE, what="a phone number"),
        address=address,
        website=c.string(data["website"], "website", pattern=_URL_RE, what="an https:// web address"),
        emergency_phone=c.string(
            data["emergency_phone"], "emergency_phone", pattern=_PHONE_RE, what="a phone number"
        ),
        brand_colour=brand_colour.lower(),
        holiday_region=c.choice(data.get("holiday_region", "ENG"), "holiday_region", HOLIDAY_REGIONS),
        consent_age=c.integer(data.get("consent_age", CouncilProfile.consent_age), "consent_age", 5, 17),
        time_limit_months=c.integer(
            data.get("time_limit_months", CouncilProfile.time_limit_months), "time_limit_months", 1, 60
        ),
        exit_url=_exit_url(c, data),
        subject_procedures=_parse_subjects(c, data.get("subjects", {})),
        procedures=_parse_procedures(c, data.get("procedures", {}), options),
        options=options,
        source=_display_path(path),
        checks=_parse_checks(c, data.get("check_with_council", {})),
    )


def _exit_url(c: _Checker, data: Mapping[str, Any]) -> str:
    """The neutral page "Exit this page" leads to: an https:// address; BBC Weather when the profile sets none."""
    default = CouncilProfile.__dataclass_fields__["exit_url"].default
    return c.string(data.get("exit_url", default), "exit_url", pattern=_URL_RE, what="an https:// web address")


def _parse_options(c: _Checker, raw: Any) -> CouncilOptions:
    table = c.table(raw, "options")
    defaults = CouncilOptions()
    names = set(CouncilOptions.__dataclass_fields__)
    for name in sorted(RETIRED_OPTIONS.keys() & table.keys()):
        log.warning(
            "%s: field 'options.%s' is no longer used and is ignored (%s); remove it from the profile",
            _display_path(c.path), name, RETIRED_OPTIONS[name],
        )
    table = {key: value for key, value in table.items() if key not in RETIRED_OPTIONS}
    c.known_keys(table, names, "options.")
    values: dict[str, Any] = {}
    for name in names:
        if name not in table:
            continue
        fname = f"options.{name}"
        if name == "stage2_clock":
            values[name] = c.choice(table[name], fname, STAGE2_CLOCKS)
        elif name == "stage3_final_from":
            values[name] = c.choice(table[name], fname, STAGE3_FINAL_FROM)
        else:
            assert isinstance(getattr(defaults, name), bool)
            values[name] = c.boolean(table[name], fname)
    return CouncilOptions(**values)


def _parse_checks(c: _Checker, raw: Any) -> Mapping[str, str]:
    """``[check_with_council]``: each key names a field of the profile (``phone``, ``options.stage2_clock``...)
    and its value says what to check."""
    table = c.table(raw, "check_with_council")
    fields = _TOP_KEYS - {"check_with_council"}
    checks = {}
    for name, note in table.items():
        fname = f"check_with_council.{name}"
        if name.split(".", 1)[0] not in fields:
            raise c.fail(fname, f"names no field of the profile; expected one of {', '.join(sorted(fields))}")
        checks[name] = c.string(note, fname)
    return MappingProxyType(checks)


def _parse_subjects(c: _Checker, raw: Any) -> Mapping[str, str]:
    table = c.table(raw, "subjects")
    c.known_keys(table, ABOUT, "subjects.")
    mapping = dict(DEFAULT_SUBJECT_PROCEDURES)
    for about, route in table.items():
        mapping[about] = c.choice(route, f"subjects.{about}", SUBJECT_ROUTES)
    return MappingProxyType(mapping)


def _parse_procedures(c: _Checker, raw: Any, options: CouncilOptions) -> Mapping[str, ProcedureTimescales]:
    table = c.table(raw, "procedures")
    c.known_keys(table, PROCEDURES, "procedures.")
    result = {}
    for procedure in PROCEDURES:
        section = c.table(table.get(procedure, {}), f"procedures.{procedure}")
        c.known_keys(section, {"milestones"}, f"procedures.{procedure}.")
        overrides = c.table(section.get("milestones", {}), f"procedures.{procedure}.milestones")
        result[procedure] = ProcedureTimescales(
            procedure, _merge_milestones(c, procedure, overrides, options)
        )
    return MappingProxyType(result)


def _merge_milestones(
    c: _Checker, procedure: str, overrides: Mapping[str, Any], options: CouncilOptions
) -> tuple[MilestoneRule, ...]:
    prefix = f"procedures.{procedure}.milestones."
    keys = MILESTONE_KEYS[procedure]
    c.known_keys(overrides, keys, prefix)
    defaults = {m.key: m for m in DEFAULT_MILESTONES[procedure]}
    if procedure == "statutory" and options.final_from_panel:
        defaults["stage3_final_response"] = MilestoneRule("stage3_final_response", 15, "stage3_panel")

    rules: list[MilestoneRule] = []
    for key in keys:
        fname = prefix + key
        rule = defaults[key]
        if key in overrides:
            value = overrides[key]
            if value is False:
                if not key.endswith("_extended"):
                    raise c.fail(fname, "only an '_extended' milestone can be left out")
                continue
            if isinstance(value, dict):
                c.known_keys(value, {"working_days", "after"}, fname + ".")
                if "working_days" not in value:
                    raise c.fail(fname + ".working_days", "missing")
                days = c.integer(value["working_days"], fname + ".working_days", 1, MAX_WORKING_DAYS)
                after = value.get("after", rule.after)
                if not isinstance(after, str):
                    raise c.fail(fname + ".after", f"expected text, got {_type_name(after)}")
            else:
                days = c.integer(value, fname, 1, MAX_WORKING_DAYS)
                after = rule.after
            rule = MilestoneRule(key, days, after)
        earlier = [RECEIVED] + [r.key for r in rules]
        if rule.after not in earlier:
            where = (
                "a later or unknown milestone"
                if rule.after not in keys
                else "a milestone that is not earlier"
            )
            raise c.fail(
                fname + ".after",
                f"{rule.after!r} is {where}; expected one of {', '.join(earlier)}",
            )
        rules.append(rule)

    if procedure == "statutory":
        final = next(r for r in rules if r.key == "stage3_final_response")
        expected = "stage3_panel" if options.final_from_panel else "stage3_panel_report"
        if final.after != expected:
            raise c.fail(
                prefix + "stage3_final_response.after",
                f"options.stage3_final_from is {options.stage3_final_from!r}, "
                f"so it must count from {expected!r}",
            )
    return tuple(rules)
