import logging
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from wizard.domain.profiles import (
    COUNCILS_DIR,
    CouncilProfile,
    ProfileError,
    available_councils,
    contrast_with_white,
    load_profile,
    load_profile_file,
)
from wizard.domain.vocabulary import ABOUT, CORPORATE_MILESTONES, STATUTORY_MILESTONES

TEST_COUNCILS = Path(__file__).resolve().parent / "councils"


def figures(profile: CouncilProfile, procedure: str) -> dict[str, tuple[int, str]]:
    return {m.key: (m.working_days, m.after) for m in profile.procedures[procedure].milestones}


STATUTORY_DEFAULT = {
    "acknowledgement": (3, "received"),
    "stage1_response": (10, "received"),
    "stage1_response_extended": (20, "received"),
    "stage2_request_by": (20, "stage1_response"),
    "stage2_response": (25, "stage2_request_by"),
    "stage2_response_extended": (65, "stage2_request_by"),
    "stage3_request_by": (20, "stage2_response"),
    "stage3_panel": (30, "stage3_request_by"),
    "stage3_panel_report": (5, "stage3_panel"),
    "stage3_final_response": (15, "stage3_panel_report"),
}
CORPORATE_DEFAULT = {
    "acknowledgement": (5, "received"),
    "stage1_response": (10, "acknowledgement"),
    "stage1_response_extended": (20, "acknowledgement"),
    "stage2_request_by": (20, "stage1_response"),
    "stage2_response": (25, "stage2_request_by"),
    "stage2_response_extended": (45, "stage2_request_by"),
}


def test_shipped_councils():
    assert available_councils() == ["example", "kingston", "lancashire"]
    assert available_councils(TEST_COUNCILS) == ["seed001", "seed002", "seed004"]


@pytest.mark.parametrize("council_id", ["example", "kingston", "lancashire"])
def test_every_shipped_profile_loads_and_is_complete(council_id):
    p = load_profile(council_id)
    assert p.id == council_id
    assert set(p.subject_procedures) == set(ABOUT)
    assert set(p.procedures) == {"statutory", "corporate"}
    assert p.procedures["statutory"].keys == STATUTORY_MILESTONES
    assert set(p.procedures["corporate"].keys) <= set(CORPORATE_MILESTONES)
    assert contrast_with_white(p.brand_colour) >= 4.5
    assert p.source == f"wizard/domain/councils/{council_id}.toml"


def test_profiles_are_immutable(example):
    with pytest.raises(FrozenInstanceError):
        example.inbox = "x@example.gov.uk"
    with pytest.raises(TypeError):
        example.subject_procedures["school"] = "statutory"
    with pytest.raises(TypeError):
        example.procedures["statutory"] = None


def test_example_has_the_statutory_and_complaint_handling_code_defaults(example):
    assert example.short_code == "EX"
    assert example.inbox == "complaints@example.gov.uk"
    assert example.advocacy_inbox == "advocacy@example.gov.uk"
    assert not example.needs_inbox
    assert example.consent_age == 12
    assert example.time_limit_months == 12
    assert example.holiday_region == "ENG"
    assert example.subject_procedures["child_protection"] == "corporate"
    assert figures(example, "statutory") == STATUTORY_DEFAULT
    assert figures(example, "corporate") == CORPORATE_DEFAULT


def test_kingston_figures_match_its_page(kingston):
    assert kingston.inbox == "crm.complaints@kingston.gov.uk"
    assert kingston.phone == "0208 547 5000"
    assert kingston.address[-4:] == ("Guildhall 2", "High Street", "Kingston", "KT1 1EU")
    assert kingston.subject_procedures["child_protection"] == "statutory"
    for about in ("education", "childcare", "youth_services"):
        assert kingston.subject_procedures[about] == "corporate"
    assert kingston.subject_procedures["school"] == "school"
    assert kingston.options.early_ombudsman_referral is True
    assert kingston.options.conciliation_before_stage2 is False
    assert figures(kingston, "statutory") == {**STATUTORY_DEFAULT, "acknowledgement": (2, "received")}
    assert figures(kingston, "corporate") == {
        "acknowledgement": (2, "received"),
        "stage1_response": (15, "received"),
        "stage2_request_by": (20, "stage1_response"),
        "stage2_response": (15, "stage2_request_by"),
    }


def test_lancashire_figures_match_its_page(lancashire):
    assert lancashire.inbox is None
    assert lancashire.needs_inbox
    assert lancashire.address[-2:] == ("Preston", "PR1 8XJ")
    assert "County Hall" in lancashire.address
    assert lancashire.options.conciliation_before_stage2 is True
    assert lancashire.options.stage3_final_from == "panel"
    assert lancashire.time_limit_months == 12
    assert figures(lancashire, "statutory") == {
        **STATUTORY_DEFAULT,
        "stage3_final_response": (15, "stage3_panel"),
    }
    assert figures(lancashire, "corporate") == CORPORATE_DEFAULT


def test_seed001_figures_match_its_page(seed_profile):
    p = seed_profile("seed001")
    assert p.consent_age == 12
    f = figures(p, "statutory")
    assert f["stage1_response"] == (10, "received")
    assert f["stage2_request_by"] == (20, "stage1_response")
    assert f["stage2_response"] == (25, "stage2_request_by")
    assert f["stage2_response_extended"] == (65, "stage2_request_by")
    assert f["stage3_panel"] == (30, "stage3_request_by")
    assert f["stage3_panel_report"] == (5, "stage3_panel")
    assert f["stage3_final_response"] == (15, "stage3_panel_report")


def test_seed002_figures_match_its_page(seed_profile):
    p = seed_profile("seed002")
    assert p.options.stage2_clock == "complaint_statement"
    assert not hasattr(p.options, "stage1_continues_corporate")  # retired: see the test of retired options
    f = figures(p, "statutory")
    assert f["acknowledgement"] == (3, "received")
    assert f["stage1_response"] == (10, "received")
    assert f["stage2_response"] == (25, "stage2_request_by")
    assert f["stage2_response_extended"] == (65, "stage2_request_by")
    assert f["stage3_request_by"] == (20, "stage2_response")
    assert f["stage3_panel_report"] == (5, "stage3_panel")
    assert f["stage3_final_response"] == (15, "stage3_panel_report")
    assert figures(p, "corporate")["acknowledgement"] == (3, "received")


def test_seed004_figures_match_its_page(seed_profile):
    p = seed_profile("seed004")
    assert p.options.conciliation_before_stage2 is True
    assert not hasattr(p.options, "provider_complaints")  # retired: see the test of retired options
    assert p.advocacy_phone == "01632 960403"
    f = figures(p, "statutory")
    assert f["stage1_response"] == (10, "received")
    assert f["stage1_response_extended"] == (20, "received")
    assert f["stage2_response"] == (25, "stage2_request_by")
    assert f["stage2_response_extended"] == (65, "stage2_request_by")
    assert f["stage3_final_response"] == (15, "stage3_panel_report")


def test_unknown_council_names_the_missing_file():
    with pytest.raises(ProfileError) as info:
        load_profile("atlantis")
    assert str(info.value).startswith("wizard/domain/councils/atlantis.toml: ")
    assert "atlantis" in str(info.value)
    assert "example, kingston, lancashire" in str(info.value)
    assert info.value.field is None


def test_a_council_id_cannot_escape_the_directory():
    with pytest.raises(ProfileError, match="not a council id"):
        load_profile("../../../etc/passwd")


# ---------------------------------------------------------------------------------------------------------
# Bad profiles: each one is the example profile with one thing wrong.

EXAMPLE_TEXT = (COUNCILS_DIR / "example.toml").read_text()


def write_profile(tmp_path: Path, text: str, name: str = "example") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    return path


def bad(tmp_path: Path, old: str, new: str, name: str = "example") -> ProfileError:
    assert old in EXAMPLE_TEXT, old
    path = write_profile(tmp_path, EXAMPLE_TEXT.replace(old, new, 1), name)
    with pytest.raises(ProfileError) as info:
        load_profile_file(path)
    err = info.value
    assert err.path == str(path)
    assert str(err).startswith(f"{path}: ")
    return err


def test_the_example_text_itself_loads(tmp_path):
    assert load_profile_file(write_profile(tmp_path, EXAMPLE_TEXT)).id == "example"


@pytest.mark.parametrize(
    "old,new,field,message",
    [
        ('name = "Example Council"\n', "", "name", "missing"),
        ('phone = "01632 960000"', "", "phone", "missing"),
        ("consent_age = 12", 'consent_age = "12"', "consent_age", "whole number"),
        ("consent_age = 12", "consent_age = true", "consent_age", "whole number"),
        ("consent_age = 12", "consent_age = 30", "consent_age", "between"),
        ("time_limit_months = 12", "time_limit_months = 0", "time_limit_months", "between"),
        ('inbox = "complaints@example.gov.uk"', 'inbox = "complaints-at-example"', "inbox", "valid email"),
        ('advocacy_inbox = "advocacy@example.gov.uk"', "advocacy_inbox = 3", "advocacy_inbox", "text"),
        ('inbox = "complaints@example.gov.uk"', 'inboxx = "complaints@example.gov.uk"', "inboxx", "unknown"),
        ('brand_colour = "#4c2c92"', 'brand_colour = "#fff"', "brand_colour", "#rrggbb"),
        ('brand_colour = "#4c2c92"', 'brand_colour = "#ffdd00"', "brand_colour", "4.5:1"),
        ('holiday_region = "ENG"', 'holiday_region = "UK"', "holiday_region", "one of"),
        ('short_code = "EX"', 'short_code = "ex"', "short_code", "capitals"),
        ('short_code = "EX"', 'short_code = "EXAMP"', "short_code", "capitals"),
        ('phone = "01632 960000"', 'phone = "call us"', "phone", "phone number"),
        ('website = "https://www.example.gov.uk"', 'website = "http://www.example.gov.uk"', "website", "https"),
        ('address = ["Complaints Team"', 'address = [3, "Complaints Team"', "address[0]", "text"),
        ('exit_url = "https://www.bbc.co.uk/weather"', 'exit_url = "http://bbc.co.uk/weather"', "exit_url", "https"),
        ('exit_url = "https://www.bbc.co.uk/weather"', 'exit_url = "javascript:alert(1)"', "exit_url", "https"),
        ('exit_url = "https://www.bbc.co.uk/weather"', 'exit_url = ""', "exit_url", "empty"),
        ('exit_url = "https://www.bbc.co.uk/weather"', "exit_url = 1", "exit_url", "text"),
        ('id = "example"', 'id = "other"', "id", "file name"),
        ("[subjects]\n", '[subjects]\nschools = "school"\n', "subjects.schools", "unknown"),
        ("[subjects]\n", '[subjects]\nchild_protection = "police"\n', "subjects.child_protection", "one of"),
        ('stage2_clock = "request"', 'stage2_clock = "statement"', "options.stage2_clock", "one of"),
        (
            "early_ombudsman_referral = false",
            "early_ombudsman_referral = 1",
            "options.early_ombudsman_referral",
            "true",
        ),
        ("conciliation_before_stage2 = false", "conciliaton = false", "options.conciliaton", "unknown"),
        (
            "acknowledgement = 3",
            "acknowledgement = 0",
            "procedures.statutory.milestones.acknowledgement",
            "between",
        ),
        (
            "acknowledgement = 3",
            "acknowledgment = 3",
            "procedures.statutory.milestones.acknowledgment",
            "unknown",
        ),
        (
            "acknowledgement = 3",
            "stage1_response = false",
            "procedures.statutory.milestones.stage1_response",
            "_extended",
        ),
        (
            "acknowledgement = 3",
            'stage2_response = { working_days = 25, after = "stage9" }',
            "procedures.statutory.milestones.stage2_response.after",
            "later or unknown",
        ),
        (
            "acknowledgement = 3",
            'stage1_response = { working_days = 10, after = "stage2_request_by" }',
            "procedures.statutory.milestones.stage1_response.after",
            "not earlier",
        ),
        (
            "acknowledgement = 3",
            "stage2_response = { days = 25 }",
            "procedures.statutory.milestones.stage2_response.days",
            "unknown",
        ),
        (
            "acknowledgement = 3",
            'stage2_response = { after = "received" }',
            "procedures.statutory.milestones.stage2_response.working_days",
            "missing",
        ),
        (
            "acknowledgement = 3",
            "stage2_request_by = false",
            "procedures.statutory.milestones.stage2_request_by",
            "_extended",
        ),
        (
            "acknowledgement = 3",
            'acknowledgement = 3\nstage3_final_response = { working_days = 15, after = "stage3_panel" }',
            "procedures.statutory.milestones.stage3_final_response.after",
            "stage3_final_from",
        ),
        ("[procedures.corporate.milestones]", "[procedures.corprate.milestones]", "procedures.corprate", "unknown"),
        (
            "[procedures.corporate.milestones]",
            "[procedures.corporate.milestones]\nstage3_panel = 30",
            "procedures.corporate.milestones.stage3_panel",
            "unknown",
        ),
    ],
)
def test_bad_profiles_name_the_file_and_the_field(tmp_path, old, new, field, message):
    err = bad(tmp_path, old, new)
    assert err.field == field
    assert f"field '{field}'" in str(err)
    assert message in str(err)


def test_the_panel_option_moves_the_final_response(tmp_path):
    text = EXAMPLE_TEXT.replace('stage3_final_from = "panel_report"', 'stage3_final_from = "panel"')
    p = load_profile_file(write_profile(tmp_path, text))
    assert figures(p, "statutory")["stage3_final_response"] == (15, "stage3_panel")


def test_an_extended_milestone_can_be_left_out(tmp_path):
    text = EXAMPLE_TEXT.replace("acknowledgement = 3", "acknowledgement = 3\nstage2_response_extended = false")
    p = load_profile_file(write_profile(tmp_path, text))
    assert "stage2_response_extended" not in p.procedures["statutory"].keys
    assert len(p.procedures["statutory"].keys) == len(STATUTORY_MILESTONES) - 1


def test_a_profile_without_an_inbox_needs_one(tmp_path):
    text = EXAMPLE_TEXT.replace('inbox = "complaints@example.gov.uk"\n', "", 1)
    p = load_profile_file(write_profile(tmp_path, text))
    assert p.inbox is None
    assert p.needs_inbox


def test_invalid_toml_names_the_file(tmp_path):
    path = write_profile(tmp_path, EXAMPLE_TEXT + "\nthis is not toml\n")
    with pytest.raises(ProfileError, match="not valid TOML") as info:
        load_profile_file(path)
    assert str(info.value).startswith(str(path))


def test_a_missing_file_is_a_profile_error(tmp_path):
    with pytest.raises(ProfileError, match="file not found"):
        load_profile_file(tmp_path / "gone.toml")


def test_load_profile_reads_another_directory(tmp_path):
    write_profile(tmp_path, EXAMPLE_TEXT)
    assert available_councils(tmp_path) == ["example"]
    assert load_profile("example", tmp_path).name == "Example Council"


def test_the_neutral_page_for_exit_has_a_safe_default_and_can_be_set(tmp_path):
    assert load_profile("example").exit_url == "https://www.bbc.co.uk/weather"
    without = EXAMPLE_TEXT.replace('exit_url = "https://www.bbc.co.uk/weather"\n', "")
    assert load_profile_file(write_profile(tmp_path, without)).exit_url == "https://www.bbc.co.uk/weather"
    chosen = EXAMPLE_TEXT.replace("https://www.bbc.co.uk/weather", "https://www.metoffice.gov.uk/")
    assert load_profile_file(write_profile(tmp_path, chosen)).exit_url == "https://www.metoffice.gov.uk/"


@pytest.mark.parametrize(("seed", "option"), [("seed002", "stage1_continues_corporate"),
                                              ("seed004", "provider_complaints")])
def test_a_retired_option_still_in_a_profile_is_ignored_with_a_warning_naming_the_file(seed, option, caplog):
    """A council's existing profile that still sets an option no release ever used starts as before; the warning
    names the file and the option, and says it can be removed."""
    from wizard.domain.profiles import CouncilOptions

    with caplog.at_level(logging.WARNING, logger="wizard.domain.profiles"):
        profile = load_profile(seed, TEST_COUNCILS)
    assert profile.id
    assert option not in CouncilOptions.__dataclass_fields__
    [warning] = [r.getMessage() for r in caplog.records if option in r.getMessage()]
    assert f"{seed}.toml" in warning and f"options.{option}" in warning
    assert "ignored" in warning and "remove it" in warning


def test_a_retired_option_is_ignored_but_an_unknown_one_still_stops_start_up(tmp_path):
    source = (TEST_COUNCILS / "seed004.toml").read_text()
    (tmp_path / "seed004.toml").write_text(source.replace("provider_complaints", "provider_complaint"))
    with pytest.raises(ProfileError) as error:
        load_profile("seed004", tmp_path)
    assert "seed004.toml" in str(error.value) and "options.provider_complaint" in str(error.value)


def test_a_children_services_number_is_one_that_is_not_the_councils_main_number(example, kingston, lancashire):
    """The page for a child in danger calls the front door "children's services" only when it is a number of its
    own; a council whose only number is its switchboard (Kingston, Lancashire) is not said to have one."""
    from dataclasses import replace

    assert example.emergency_phone != example.phone
    assert example.has_children_services_number
    assert not kingston.has_children_services_number
    assert not lancashire.has_children_services_number
    assert not replace(example, emergency_phone=example.phone).has_children_services_number
    assert replace(kingston, emergency_phone="0208 547 5001").has_children_services_number
