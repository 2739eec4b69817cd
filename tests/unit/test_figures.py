"""The annual figures: what a complaint adds, and which counts are hidden so that a month cannot point to a child."""

from __future__ import annotations

import copy
import sqlite3
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tests.delivery_fixtures import council_record
from wizard.delivery import figures


def memory():
    connection = sqlite3.connect(":memory:", isolation_level=None)
    figures.ensure_schema(connection)
    return connection


def test_a_complaint_adds_ids_only_never_its_words():
    record = council_record()
    pairs = figures.facts(record)
    assert ("complaints", "all") in pairs
    assert ("procedure", "statutory") in pairs and ("subject", "fostering") in pairs and ("who", "relative") in pairs
    assert ("advocate_requested", "yes") in pairs
    assert ("late", "yes") not in pairs and ("without_agreement", "yes") not in pairs
    shown = " ".join(value for _measure, value in pairs)
    for words in ("Tyler", "Sam Relative", "sam@example.org", "07700", "social worker"):
        assert words not in shown


def test_help_needs_of_the_person_and_of_the_child_are_both_counted_once():
    record = copy.deepcopy(council_record())
    record["answers"]["contact"]["help"] = ["interpreter", "large_print"]
    record["answers"]["child_needs"] = {"help": ["interpreter", "bsl"]}
    helps = sorted(v for m, v in figures.facts(record) if m == "help")
    assert helps == ["bsl", "interpreter", "large_print"]


def test_counts_by_month_and_stage_and_exits_without_a_stage():
    connection = memory()
    record = council_record()  # submitted 3 March 2025
    for _ in range(3):
        figures.count_complaint(connection, record)
    figures.count_complaint(connection, record, stage="escalation")
    figures.count_exit(connection, "school", date(2025, 3, 9))
    raw = figures.counts(connection, ["2025-03"])
    assert raw[("2025-03", "new", "complaints", "all")] == 3
    assert raw[("2025-03", "escalation", "complaints", "all")] == 1
    assert raw[("2025-03", "", "exit", "school")] == 1
    assert figures.counts(connection, ["2025-04"]) == {}


def test_counts_from_1_to_4_are_hidden_and_zero_is_shown():
    assert figures.suppress({"a": 0, "b": 5, "c": 12}, partition=True) == set()
    assert figures.suppress({"a": 4, "b": 5}, partition=False) == {"a"}
    assert figures.suppress({"a": 1, "b": 2, "c": 9}, partition=True) == {"a", "b"}


def test_a_lone_hidden_count_in_a_partition_takes_the_next_smallest_with_it():
    # Total 17 is shown: with "a" alone hidden, 17 - 6 - 8 would give it away.
    assert figures.suppress({"a": 3, "b": 6, "c": 8, "d": 0}, partition=True) == {"a", "b"}


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(min_value=0, max_value=40), min_size=1))
def test_no_hidden_count_in_a_partition_can_be_worked_out_from_the_total(group):
    hidden = figures.suppress(group, partition=True)
    assert all(group[v] == 0 or group[v] >= figures.THRESHOLD or v in hidden for v in group)
    # Subtracting everything shown from the total never leaves exactly one unknown count under the threshold.
    unknown = [v for v in hidden if group[v] > 0]
    assert len(unknown) != 1 or sum(group.values()) < figures.THRESHOLD


def test_the_table_hides_small_months_and_lists_every_vocabulary_line():
    connection = memory()
    record = council_record()
    for _ in range(6):
        figures.count_complaint(connection, record)
    other = copy.deepcopy(record)
    other["answers"]["about"] = "adoption"
    figures.count_complaint(connection, other)
    lines = figures.table(connection, ["2025-03", "2025-04"], {"subject": ["fostering", "adoption", "education"]})
    by = {(line.stage, line.measure, line.value): line.cells for line in lines}
    total = by[("new", "complaints", "all")]
    assert total[0] == figures.Cell(7, False) and total[1] == figures.Cell(0, False)
    # Adoption (1) is hidden, and so is fostering (6): with the total of 7 shown, 7 - 6 = 1 would give it away.
    assert by[("new", "subject", "adoption")][0].suppressed
    assert by[("new", "subject", "fostering")][0].suppressed
    assert by[("new", "subject", "education")][0] == figures.Cell(0, False)
    assert ("", "exit", "school") in by  # listed even with nothing counted
