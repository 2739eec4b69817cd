"""The email fields' check (``forms.EmailSyntax``) says what WTForms' ``Email`` says of every address, the first
time and from what it kept, with the same error; and it keeps no address, only digests (``KeptVerdicts``)."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from wtforms import Form, StringField
from wtforms.validators import Email

from wizard.domain.addresses import KeptVerdicts
from wizard.journey.forms import EmailSyntax

MESSAGE = "Enter an email address in the correct format, like name@example.com"
GOOD = ["pat@example.com", "o'neil+complaints@council.gov.uk", "a.b-c_d@x-y.example", "pát@example.com",
        "pat@xn--bcher-kva.example"]
BAD = ["", " ", "pat@", "pat@@example.com", "pat example@x.com", "pat@example", "@example.com", "pat@-x.com",
       "pat@example.com\r\nBcc: x@example.com", "<pat@example.com>", "pat@localhost",
       "\ud800@example.com", "pat@exa\udfffmple.com", "\x00@example.com", "pat@" + "a" * 300 + ".com"]


# Said the same by both, whatever that is (a local part over 64 characters passes email-validator; the form's own
# address check, ``_usable_email``, refuses it).
EITHER = ["a" * 65 + "@example.com", "PAT@EXAMPLE.COM", "pat@example.com.", "pat@[127.0.0.1]", "\u00e9@\u00e9.fr"]


def _errors(validator, value) -> list[str]:
    class OneField(Form):
        email = StringField(validators=[validator])

    form = OneField(MultiDict({"email": value}))
    form.validate()
    return [str(error) for error in form.email.errors]


def test_the_same_verdict_and_error_as_wtforms_each_time():
    theirs, ours = Email(message=MESSAGE), EmailSyntax(message=MESSAGE)
    for value in GOOD + BAD + EITHER:
        expected = _errors(theirs, value)
        assert _errors(ours, value) == expected, value
        kept = dict(ours.verdicts)
        assert _errors(ours, value) == expected, value  # the second time: from what was kept
        assert ours.verdicts == kept
    assert all(_errors(ours, value) == [] for value in GOOD)
    assert all(_errors(ours, value) == [MESSAGE] for value in BAD)


def test_no_address_is_kept_only_digests():
    ours = EmailSyntax(message=MESSAGE)
    for value in GOOD:
        _errors(ours, value)
    kept = pickle.dumps(ours.verdicts)
    assert len(ours.verdicts) == len(GOOD)
    assert not any(value.split("@")[0].encode() in kept or value.split("@")[1].encode() in kept for value in GOOD)


def test_what_is_kept_is_bounded_and_a_text_that_cannot_be_encoded_is_still_checked():
    verdicts = KeptVerdicts(most=10)
    for n in range(25):
        assert verdicts.of(f"text {n}", lambda value: value.endswith("1")) == str(n).endswith("1")
        assert len(verdicts) <= 10
    asked = []
    assert verdicts.of("\udc80", lambda value: asked.append(value) or True) is True
    assert verdicts.of("\udc80", lambda value: asked.append(value) or False) is True  # kept, not asked again
    assert asked == ["\udc80"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(max_size=80), st.emails().map(str), st.from_regex(r"[a-z.+']{0,8}@[a-z.-]{0,12}", fullmatch=True),
))
def test_generated_addresses(value):
    theirs, ours = Email(message=MESSAGE), EmailSyntax(message=MESSAGE)
    expected = _errors(theirs, value)
    assert _errors(ours, value) == expected
    assert _errors(ours, value) == expected


def test_a_value_that_is_not_text_is_refused_with_the_message_not_an_exception():
    """A tampered draft can hold a number or a list where the address was: refused as an address is, not a 500."""
    from types import SimpleNamespace

    import pytest
    from wtforms.validators import ValidationError

    ours = EmailSyntax(message=MESSAGE)
    for value in (None, 123, ["pat@example.com"], b"pat@example.com", 1.5):
        with pytest.raises(ValidationError) as refused:
            ours(None, SimpleNamespace(data=value))
        assert str(refused.value) == MESSAGE
    assert _errors(Email(message=MESSAGE), "") == _errors(ours, "") == [MESSAGE]


def test_what_is_kept_is_forgotten_within_the_hour_under_a_new_key():
    asked = []

    def check(value):
        asked.append(value)
        return True

    kept = KeptVerdicts(seconds=3600)
    assert kept.of("pat@example.com", check) and kept.of("pat@example.com", check)
    assert asked == ["pat@example.com"]  # kept within the hour
    kept._since -= 3600  # an hour later
    key = kept._key
    assert kept.of("pat@example.com", check) and asked == ["pat@example.com"] * 2  # asked again
    assert kept._key != key and len(kept) == 1
    never = KeptVerdicts(seconds=0)
    for _ in range(3):
        never.of("pat@example.com", check)
    assert len(asked) == 5 and len(never) == 1
