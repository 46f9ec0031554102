"""The checks behind each setting, called as the schema builds them: what passes and the
exact sentence a broken settings.toml produces."""

from __future__ import annotations

import math

import pytest
from somatictimer.core import fields as f
from somatictimer.core import settings_schema as schema


def refusal(check, value) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(f.FieldError) as caught:
        check(value)
    return str(caught.value)


def test_seconds_between_bounds_inclusive() -> None:
    check = schema._seconds(10, 600)
    assert check(10) == 10.0 and check(600) == 600.0 and isinstance(check(20), float)
    for bad, shown in ((9.5, "9.5"), (600.5, "600.5"), (True, "true"), ("5", '"5"')):
        assert refusal(check, bad) == f"expected seconds from 10 to 600, found {shown}"
    assert refusal(check, math.inf) == "expected seconds from 10 to 600, found inf"
    assert refusal(check, math.nan) == "expected seconds from 10 to 600, found nan"


def test_unset_or_a_value_with_the_hint_in_the_refusal() -> None:
    check = schema._unset_or(schema._seconds(0, 600), "or leave it out")
    assert check(None) is None and check(5) == 5.0
    assert refusal(check, -1) == "expected seconds from 0 to 600 (or leave it out), found -1"


def test_tables_of_cue_kinds() -> None:
    check = schema._table(f.whole(0, 100))
    assert dict(check({"end": 50, "inhale": 0})) == {"end": 50, "inhale": 0}
    assert refusal(check, 5) == "expected a table of cue kinds like [event_sounds], found 5"
    assert refusal(check, {"end": 101}) == "expected a whole number from 0 to 100, found 101"
    assert refusal(check, {"ending": 1}).startswith("expected a cue kind (session-start, ")
    assert refusal(check, {"ending": 1}).endswith('found an unknown key (did you mean "end"?)')


def test_flags_sounds_texts_and_caution_lists() -> None:
    assert f.flag(True) is True and f.flag(False) is False
    assert refusal(f.flag, 1) == "expected true or false, found 1"
    assert schema._text(" keep  spaces ") == " keep  spaces "
    assert refusal(schema._text, 3) == "expected text in quotes, found 3"
    assert refusal(schema._text, "\ud800") == (
        "expected text, found characters that are not valid Unicode"
    )
    assert schema._sound(" gong ") == "gong" and schema._sound("none") == "none"
    assert schema._sound("~/bells/tibet.wav") == "~/bells/tibet.wav"
    assert schema._sound("chime.ogg") == "chime.ogg"
    assert refusal(schema._sound, "gongg").endswith('found "gongg" (did you mean "gong"?)')
    assert refusal(schema._sound, 3).startswith('expected one of "bowl"')
    assert schema._flags(["neck", "knee", "neck"]) == ("knee", "neck")  # fixed order, once
    assert schema._flags(("balance",)) == ("balance",)
    assert refusal(schema._flags, "knee") == 'expected a list like ["knee", "neck"], found "knee"'


def test_values_are_written_as_toml() -> None:
    assert schema._toml_value(True) == "true" and schema._toml_value(False) == "false"
    assert schema._toml_value(2.5) == "2.5" and schema._toml_value(3) == "3"
    assert schema._toml_value(("knee", "neck")) == '["knee", "neck"]'
    assert schema._toml_value('a "b"\x7f') == '"a \\"b\\"\\u007f"'
