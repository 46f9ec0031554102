"""Every key of a library file reaches the item it describes, exactly."""

from __future__ import annotations

from pathlib import Path

from somatictimer.core.library import load_library
from somatictimer.core.model import BreathPattern, CueKind, Pose, Sequence, Side, Sides, Step

FULL = """schema = 1

[[breath]]
id = "held"
name = "Held"
inhale_s = 4
hold_in_s = 2
exhale_s = 6
hold_out_s = 1.5
notes = "Soft holds."
cautions = ["glaucoma-high-bp"]
no_hold = "plain"

[[breath]]
id = "plain"
name = "Plain"
inhale_s = 3
exhale_s = 5

[[pose]]
id = "rock"
ref = "S09"
name = "Rock"
tradition = "somatics"
lineage = "Hanna Somatics"
category = "low back"
position = "supine"
sides = "per-side"
first_side = "left"
reps = 4
rep_s = 7.5
breath = "in up, out down"
rep_breath = ["inhale", "exhale"]
rep_breath_span = 2
rep_moves = ["rock up", "rock down"]
cue = "Small and slow."
cautions = ["neck", "knee"]
props = ["bolster", "none"]
intensity = 2
figure = "rock-figure"
substitutes = ["lie"]

[[pose]]
id = "lie"
name = "Lie"
tradition = "somatics"
category = "rest"
position = "supine"
hold_s = 90
breath_pattern = "held"

[[sequence]]
id = "all"
name = "All"
description = "Everything set."
transition_s = 7
prep_s = 3
breath = "plain"
interval_s = 120
sounds = { end = "gong", "step-start" = "none" }
steps = [
  { pose = "rock", hold_s = 30, reps = 3, side = "right", breath = "natural", \
    rest_after_s = 15, note = "right only" },
  { pose = "lie", rep_s = 5, reps = 2 },
]
"""


def test_every_key_reaches_its_item(tmp_path: Path) -> None:
    (tmp_path / "full.toml").write_text(FULL, encoding="utf-8")
    result = load_library([[tmp_path]])
    assert result.problems == []
    library = result.library
    assert library.breaths["held"] == BreathPattern(
        "held", "Held", 4, 6, 2, 1.5, "Soft holds.", ("glaucoma-high-bp",), "plain"
    )
    assert library.breaths["plain"] == BreathPattern("plain", "Plain", 3, 5)
    assert library.poses["rock"] == Pose(
        id="rock",
        name="Rock",
        tradition="somatics",
        category="low back",
        position="supine",
        sides=Sides.PER_SIDE,
        reps=4,
        rep_s=7.5,
        first_side=Side.LEFT,
        breath="in up, out down",
        cue="Small and slow.",
        cautions=("neck", "knee"),
        props=("bolster",),  # "none" is no prop
        intensity=2,
        figure="rock-figure",
        lineage="Hanna Somatics",
        ref="S09",
        rep_breath=(CueKind.INHALE, CueKind.EXHALE),
        rep_breath_span=2,
        rep_moves=("rock up", "rock down"),
        substitutes=("lie",),
    )
    lie = library.poses["lie"]
    assert (lie.hold_s, lie.breath_pattern, lie.sides, lie.first_side, lie.intensity) == (
        90,
        "held",
        Sides.NONE,
        Side.RIGHT,
        1,
    )
    assert (lie.lineage, lie.ref, lie.rep_breath, lie.substitutes, lie.props) == (
        "",
        "",
        (),
        (),
        (),
    )
    assert library.sequences["all"] == Sequence(
        id="all",
        name="All",
        steps=(
            Step(
                "rock",
                hold_s=30,
                reps=3,
                side=Side.RIGHT,
                breath="natural",
                rest_after_s=15,
                note="right only",
            ),
            Step("lie", reps=2, rep_s=5),
        ),
        description="Everything set.",
        transition_s=7,
        prep_s=3,
        breath="plain",
        interval_s=120,
        sounds=(("end", "gong"), ("step-start", "none")),
    )


def test_a_sequence_with_only_its_required_keys_gets_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "bare.toml").write_text(
        'schema = 1\n[[sequence]]\nid = "bare"\nname = "Bare"\nsteps = [{ pose = "corpse-pose" }]\n'
    )
    from somatictimer.core.paths import builtin_library_dir

    bare = load_library([[builtin_library_dir()], [tmp_path]]).library.sequences["bare"]
    assert bare == Sequence("bare", "Bare", (Step("corpse-pose"),))
    assert (bare.transition_s, bare.prep_s, bare.breath, bare.interval_s, bare.sounds) == (
        5.0,
        10.0,
        None,
        None,
        (),
    )
