"""The email address check (domain/addresses.py) answers the same the second time, from what it kept of the first,
and keeps no address: only digests under a key made when the process started."""

from __future__ import annotations

import pickle

from wizard.domain import addresses

GOOD = ["pat@example.com", "o'neil+complaints@council.gov.uk", "a.b-c_d@x-y.example"]
BAD = ["pat@", "pat@@example.com", "pat example@x.com", "=?utf-8?q?x?=@example.com", "pát@example.com",
       "a" * 65 + "@example.com", "pat@example.com\r\nBcc: x@example.com", "<pat@example.com>", "pat@-x.com"]


def test_the_same_answer_each_time_and_no_address_kept():
    first = {value: addresses.header_safe_address(value) for value in GOOD + BAD}
    assert [first[value] for value in GOOD] == GOOD and not any(first[value] for value in BAD)
    assert addresses.header_safe_address("  pat@example.com ") == "pat@example.com"
    checked = dict(addresses._round_trips)
    for value in GOOD + BAD:
        assert addresses.header_safe_address(value) == first[value]
    assert addresses._round_trips == checked  # answered from what was kept
    kept = pickle.dumps(addresses._round_trips)
    assert not any(value.split("@")[0].encode() in kept for value in GOOD)


def test_what_is_kept_is_bounded():
    for n in range(addresses._KEPT_MAX + 10):
        assert addresses.header_safe_address(f"person{n}@example.com") == f"person{n}@example.com"
    assert len(addresses._round_trips) <= addresses._KEPT_MAX
