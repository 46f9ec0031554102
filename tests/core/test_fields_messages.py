"""Field refusals at their edges, word for word: the value the user wrote is quoted back, long
lists are cut after six entries, and a list may hold fifty entries but not more."""

from __future__ import annotations

from typing import Any

import pytest
from somatictimer.core import fields as f


def refusal(check: Any, value: Any) -> str:
    with pytest.raises(f.FieldError) as caught:
        check(value)
    return str(caught.value)


def test_a_bad_id_is_quoted_back_as_written() -> None:
    assert refusal(f.identifier, "Half Pigeon") == (
        'expected an id of lowercase words joined by dashes (like "half-pigeon"), '
        'found "Half Pigeon"'
    )


def test_a_list_is_shown_whole_up_to_six_entries_and_cut_after() -> None:
    assert f.show(list(range(7))) == "[0, 1, 2, 3, 4, 5, …]"


def test_a_list_holds_fifty_entries_at_most() -> None:
    colours = f.list_of(("red", "green"))
    assert colours(["red"] * 50) == ("red",) * 50
    assert refusal(colours, ["green"] * 51) == "expected at most 50 entries, found 51"
