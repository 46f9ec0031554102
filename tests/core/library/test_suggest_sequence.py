"""The sequence suggested for a name that matches none: the one holding the word typed,
else the closest name or id."""

from __future__ import annotations

from dataclasses import replace

from somatictimer.core.library import Library
from somatictimer.core.model import Step

from tests.core.factories import pose, sequence


def _library(*names: str) -> Library:
    steps = (Step("sit"),)
    return Library(
        poses={"sit": pose("sit", hold_s=60)},
        sequences={
            f"s{n}": replace(sequence(*steps), id=f"s{n}", name=name)
            for n, name in enumerate(names)
        },
    )


def test_the_one_sequence_holding_the_word_is_suggested_whatever_its_case() -> None:
    library = _library("Pilates Core & Hips", "Evening Hip Release", "Yin Hip Series")
    assert library.suggest_sequence("pilates") == "Pilates Core & Hips"
    assert library.suggest_sequence(" CORE ") == "Pilates Core & Hips"


def test_a_word_in_several_names_or_part_of_a_word_falls_back_to_the_closest() -> None:
    library = _library("Pilates Core & Hips", "Evening Hip Release", "Yin Hip Series")
    assert library.suggest_sequence("hip") is None  # in two names: no one answer
    assert library.suggest_sequence("ates") is None  # part of a word is not the word
    assert library.suggest_sequence("Evening Hip Relase") == "Evening Hip Release"
    assert library.suggest_sequence("") is None
