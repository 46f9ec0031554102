"""A table with problems of its own still has the ids it names checked, so fixing a file
takes one pass of `somatictimer check`, not one per kind of problem."""

from __future__ import annotations

from pathlib import Path

from somatictimer.core.library import load_library
from somatictimer.core.paths import builtin_library_dir

REJECTED = """schema = 1
[[pose]]
id = "p1"
name = "P1"
category = "x"
position = "standing"
tradition = "feet"
hold_s = 30
breath_pattern = "equal-4-5"
substitutes = ["cat-cwo", "p1", "half-pigeon", 3, "Not An Id"]
colour = 1

[[breath]]
id = "b1"
name = "B"
inhale_s = 4
exhale_s = 4
no_hold = "equal-4-5"
colour = 2

[[sequence]]
id = "s1"
name = "S"
breath = "naturall"
colour = 3
steps = [
  { pose = "p1", breath = "b1" },
  { pose = "half-pigon", breath = "natural", side = "up" }, 5,
]

[[pose]]
name = "A pose without an id"

[[sequence]]
name = "No id"
breath = "b1"
steps = [{ pose = "cat-cwo" }]
"""


def test_every_unknown_id_of_a_rejected_table_is_reported(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(REJECTED, encoding="utf-8")
    loaded = load_library([[builtin_library_dir()], [mine]])
    found = [str(p).removeprefix(f"{mine}:") for p in loaded.problems]
    references = [line for line in found if "expected a known" in line]
    assert references == [
        '9: pose.p1.breath_pattern: expected a known breath pattern id, found "equal-4-5" '
        '(did you mean "equal-4-4"?)',
        '10: pose.p1.substitutes: expected a known pose id, found "cat-cwo" '
        '(did you mean "cat-cow"?)',
        '18: breath.b1.no_hold: expected a known breath pattern id, found "equal-4-5" '
        '(did you mean "equal-4-4"?)',
        '24: sequence.s1.breath: expected a known breath pattern id or "natural", found '
        '"naturall" (did you mean "natural"?)',
        '28: sequence.s1.steps[2].pose: expected a known pose id, found "half-pigon" '
        '(did you mean "half-pigeon"?)',
        '37: sequence[1].steps[1].pose: expected a known pose id, found "cat-cwo" '
        '(did you mean "cat-cow"?)',
    ]


def test_a_rejected_table_adds_nothing_to_the_library(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(REJECTED, encoding="utf-8")
    library = load_library([[mine]]).library
    assert (library.poses, library.breaths, library.sequences) == ({}, {}, {})
