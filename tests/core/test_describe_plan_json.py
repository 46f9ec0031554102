"""`plan --json` names its sequence, and titles survive a pose that has left the library."""

from __future__ import annotations

from dataclasses import replace

from somatictimer.core import describe
from somatictimer.core.library import load_library
from somatictimer.core.model import Step
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import compile_timeline

from tests.core.factories import sequence

LIBRARY = load_library([[builtin_library_dir()]]).library


def test_the_plan_json_names_the_sequence_by_id_and_name() -> None:
    timeline = compile_timeline(
        sequence(Step("bound-angle", hold_s=20)), LIBRARY.poses, LIBRARY.breaths
    )
    data = describe.timeline_json(timeline, LIBRARY)
    assert (data["sequence_id"], data["sequence_name"]) == ("s", "S")


def test_a_hold_whose_pose_left_the_library_has_an_empty_title() -> None:
    timeline = compile_timeline(
        sequence(Step("bound-angle", hold_s=20), prep_s=5), LIBRARY.poses, LIBRARY.breaths
    )
    reloaded = replace(LIBRARY, poses={})
    assert [describe.segment_title(s, reloaded) for s in timeline.segments] == ["Get ready", ""]
    rows = describe.timeline_json(timeline, reloaded)["segments"]
    assert [(r["pose_id"], r["pose_name"]) for r in rows] == [(None, None), ("bound-angle", None)]
