"""The value checks behind every "expected …, found …" message a library or settings file
can produce: each accepts what it should and words its refusal the way users read it."""

from __future__ import annotations

import pytest
from somatictimer.core import fields as f


def refusal(check, value) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(f.FieldError) as caught:
        check(value)
    return str(caught.value)


def test_show_renders_values_as_they_look_in_the_file() -> None:
    assert f.show(True) == "true" and f.show(False) == "false"
    assert f.show('a "quoted" \\ path') == '"a \\"quoted\\" \\\\ path"'
    assert f.show([1, "x"]) == '[1, "x"]'
    assert f.show(list(range(8))) == "[0, 1, 2, 3, 4, 5, …]"
    assert f.show(list(range(6))) == "[0, 1, 2, 3, 4, 5]"
    assert f.show({"a": 1}) == "a table"
    assert f.show(2.5) == "2.5" and f.show(None) == "None"


def test_suggest_offers_only_a_close_option() -> None:
    assert f.suggest("hold", ["hold_s", "reps"]) == ' (did you mean "hold_s"?)'
    assert f.suggest("zzz", ["hold_s", "reps"]) == ""


def test_seconds_bounds_and_zero() -> None:
    positive = f.seconds()
    assert positive(1) == 1.0 and isinstance(positive(1), float)
    assert positive(7200) == 7200.0
    assert refusal(positive, 0) == "expected seconds > 0 and <= 7200, found 0"
    assert refusal(positive, 7200.5) == "expected seconds > 0 and <= 7200, found 7200.5"
    zero_ok = f.seconds(allow_zero=True, maximum=600)
    assert zero_ok(0) == 0.0
    assert refusal(zero_ok, -1) == "expected seconds >= 0 and <= 600, found -1"
    assert refusal(positive, "sixty") == 'expected a number of seconds, found "sixty"'
    assert refusal(positive, True) == "expected a number of seconds, found true"
    assert refusal(positive, float("nan")) == "expected a finite number of seconds, found nan"
    assert refusal(positive, float("inf")) == "expected a finite number of seconds, found inf"
    assert refusal(positive, float("-inf")) == "expected a finite number of seconds, found -inf"


def test_breath_phases_come_in_half_seconds_up_to_a_minute() -> None:
    phase = f.half_seconds(allow_zero=False)
    assert phase(5.5) == 5.5 and phase(60) == 60.0
    assert refusal(phase, 4.2) == "expected seconds in 0.5 s steps, found 4.2"
    assert refusal(phase, 0) == "expected seconds > 0 and <= 60, found 0"
    assert refusal(phase, 60.5) == "expected seconds > 0 and <= 60, found 60.5"
    assert f.half_seconds(allow_zero=True)(0) == 0.0


def test_whole_numbers_in_a_range() -> None:
    check = f.whole(1, 3)
    assert check(1) == 1 and check(3) == 3
    for bad, shown in ((0, "0"), (4, "4"), (2.0, "2.0"), (True, "true")):
        assert refusal(check, bad) == f"expected a whole number from 1 to 3, found {shown}"


def test_text_names_and_ids() -> None:
    assert f.text("  padded  ") == "padded" and f.text("") == ""
    assert refusal(f.text, 3) == "expected text in quotes, found 3"
    assert f.name(" Name ") == "Name"
    assert refusal(f.name, "   ") == 'expected a non-empty name, found ""'
    assert f.identifier("half-pigeon") == "half-pigeon" and f.identifier("4-7-8") == "4-7-8"
    for bad in ("Half-Pigeon", "half_pigeon", "-lead", "trail-", "a--b", 7):
        assert refusal(f.identifier, bad).startswith("expected an id of lowercase words")


def test_one_of_and_lists_of_choices() -> None:
    colour = f.one_of(("red", "green"))
    assert colour("red") == "red"
    assert (
        refusal(colour, "gren")
        == 'expected one of "red", "green", found "gren" (did you mean "green"?)'
    )
    assert refusal(colour, 1) == 'expected one of "red", "green", found 1'
    colours = f.list_of(("red", "green"))
    assert colours(["red", "green"]) == ("red", "green") and colours([]) == ()
    assert refusal(colours, "red") == 'expected a list like ["a", "b"], found "red"'


def test_checked_lists_short_texts_and_patterns() -> None:
    ids = f.list_checked(f.identifier, max_items=2)
    assert ids(["a", "b-c"]) == ("a", "b-c")
    assert refusal(ids, ["a", "b", "c"]) == "expected at most 2 entries, found 3"
    assert refusal(ids, "a") == 'expected a list like ["a", "b"], found "a"'
    assert refusal(ids, ["A"]).startswith("expected an id")
    short = f.short_text(5)
    assert short(" abcde ") == "abcde"
    assert refusal(short, "abcdef") == "expected at most 5 characters, found 6"
    ref = f.matching(r"^[A-Z][0-9]{2}$", "Y01")
    assert ref("N11") == "N11"
    assert refusal(ref, "y01") == 'expected text like "Y01", found "y01"'
    assert refusal(ref, 1) == 'expected text like "Y01", found 1'
