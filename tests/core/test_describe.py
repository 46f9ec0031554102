"""How times, items and timelines are written out for people and for `--json`."""

from __future__ import annotations

from somatictimer.core import describe
from somatictimer.core.library import load_library
from somatictimer.core.model import Step
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import compile_timeline

from tests.core.factories import sequence

LIBRARY = load_library([[builtin_library_dir()]]).library


def test_clocks_read_like_clocks() -> None:
    assert describe.clock(0) == "0:00" and describe.clock(59) == "0:59"
    assert describe.clock(722) == "12:02" and describe.clock(3900) == "1:05:00"
    assert describe.clock(4.5) == "0:04.5" and describe.clock(4.04) == "0:04"
    assert describe.countdown(59.2) == "1:00" and describe.countdown(0.2) == "0:01"
    assert describe.countdown(3.0000001) == "0:03" and describe.countdown(-1) == "0:00"
    assert describe.whole_seconds_left(0) == 0


def test_items_are_summarised_in_words_and_json() -> None:
    lunge = LIBRARY.poses["low-lunge"]
    assert describe.pose_timing(lunge) == "hold 45 s"
    assert describe.pose_timing(LIBRARY.poses["cat-cow"]) == "10 × 6 s"
    row = describe.pose_json(lunge)
    assert (row["id"], row["tradition"], row["sides"], row["default_s"]) == (
        "low-lunge",
        "hip-opener-yoga",
        "per-side",
        45,
    )
    assert row["cautions"] == ["knee", "hip-replacement-anterior"] and row["ref"] == "Y02"
    assert describe.pose_json(LIBRARY.poses["cat-cow"])["rep_breath"] == ["inhale", "exhale"]
    box = LIBRARY.breaths["box-4-4-4-4"]
    assert describe.breath_summary(box) == "4-4-4-4 (3.8/min)"
    assert describe.breath_json(box)["cycle_s"] == 16 and describe.breath_json(box)["no_hold"]


def test_sequences_and_timelines_as_json() -> None:
    brocades = LIBRARY.sequences["eight-brocades"]
    row = describe.sequence_json(brocades, LIBRARY)
    assert (row["total_s"], row["prep_s"], row["steps"], row["blocks"]) == (722, 10, 10, 10)
    assert describe.sequence_total_s(brocades, LIBRARY) == 722
    timeline = compile_timeline(
        sequence(Step("low-lunge", hold_s=20), prep_s=5, transition_s=5),
        LIBRARY.poses,
        LIBRARY.breaths,
    )
    data = describe.timeline_json(timeline, LIBRARY)
    assert (data["total_s"], data["prep_s"], data["practice_s"]) == (50, 5, 45)
    prep, right, change, left = data["segments"]
    assert change["kind"] == "transition" and left["side"] == "left" and left["start_s"] == 30
    assert prep == {
        "index": 0,
        "kind": "prep",
        "start_s": 0,
        "end_s": 5,
        "pose_id": None,
        "pose_name": None,
        "side": "none",
        "reps": None,
        "breath": None,
        "step": None,
    }
    assert (right["pose_name"], right["side"], right["step"]) == (
        "Low Lunge (Anjaneyasana)",
        "right",
        1,
    )
    switch = [c for c in data["cues"] if c["kind"] == "switch-side"]
    assert switch == [
        {"at_s": 25, "kind": "switch-side", "segment": 2, "count": None, "side": "left"}
    ]
    titles = [describe.segment_title(s, LIBRARY) for s in timeline.segments]
    assert titles == ["Get ready", "Low Lunge (Anjaneyasana)", "Change", "Low Lunge (Anjaneyasana)"]


def documented_keys(kind: str) -> list[str]:
    """The keys docs/cli.md lists for `list KIND --json`, in order."""
    import re
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    bullet = re.search(rf"- \*\*{kind}\*\*: (.*?)(?=\n- \*\*|\n\n)", text, re.S)
    assert bullet is not None, kind
    return re.findall(r"`([a-z_]+)`", bullet.group(1))


def test_the_json_keys_are_exactly_the_documented_ones() -> None:
    pose = describe.pose_json(LIBRARY.poses["cat-cow"])
    assert list(pose) == documented_keys("poses")
    breath = describe.breath_json(LIBRARY.breaths["4-7-8"])
    assert breath == {
        "id": "4-7-8",
        "name": LIBRARY.breaths["4-7-8"].name,
        "inhale_s": 4,
        "hold_in_s": 7,
        "exhale_s": 8,
        "hold_out_s": 0,
        "cycle_s": 19,
        "no_hold": "extended-exhale-4-6",
    }
    assert list(breath) == documented_keys("breaths")
    brocades = LIBRARY.sequences["eight-brocades"]
    row = describe.sequence_json(brocades, LIBRARY)
    assert list(row) == documented_keys("sequences")
    assert (row["id"], row["name"], row["description"]) == (
        brocades.id,
        brocades.name,
        brocades.description,
    )
    cat = describe.pose_json(LIBRARY.poses["cat-cow"])
    assert (cat["name"], cat["category"], cat["position"], cat["reps"], cat["rep_s"]) == (
        "Cat–Cow (Marjaryasana–Bitilasana)",
        "spine warm-up",
        "kneeling",
        10,
        6,
    )
    assert (cat["hold_s"], cat["breath_pattern"], cat["intensity"], cat["props"]) == (
        None,
        None,
        1,
        [],
    )
    assert cat["lineage"] == "modern hatha yoga" and cat["substitutes"]
