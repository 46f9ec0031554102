"""Counts and names as the command line prints them."""

from __future__ import annotations

from somatictimer.core.describe import fit, plural


def test_one_is_singular_every_other_count_plural() -> None:
    assert plural(1, "minute") == "1 minute"
    assert plural(2, "minute") == "2 minutes"
    assert plural(0, "session") == "0 sessions"
    assert plural(1, "breath pattern") == "1 breath pattern"
    assert plural(3, "pose entry", "pose entries") == "3 pose entries"
    assert plural(1, "pose entry", "pose entries") == "1 pose entry"


def test_fit_pads_a_short_name_and_ends_a_long_one_with_an_ellipsis() -> None:
    assert fit("Cat–Cow", 10) == "Cat–Cow   "
    assert fit("Half Pigeon", 11) == "Half Pigeon"
    assert fit("Standing Like a Tree", 12) == "Standing Li…"
    assert len(fit("Standing Like a Tree", 12)) == 12


def test_an_unknown_name_says_the_closest_one_or_where_to_look() -> None:
    from somatictimer.core.describe import unknown_line

    assert unknown_line('no sequence is called "pilats"', "Pilates Core & Hips") == (
        'somatictimer: no sequence is called "pilats"; did you mean "Pilates Core & Hips"?'
    )
    assert unknown_line("no such thing", None) == (
        "somatictimer: no such thing; see `somatictimer list`"
    )
