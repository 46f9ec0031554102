"""Turn checked TOML tables (plain dicts) into model values."""

from __future__ import annotations

from typing import Any

from somatictimer.core.model import BreathPattern, CueKind, Pose, Sequence, Side, Sides, Step


def build_breath(table: dict[str, Any]) -> BreathPattern:
    return BreathPattern(
        id=table["id"],
        name=table["name"],
        inhale_s=table["inhale_s"],
        exhale_s=table["exhale_s"],
        hold_in_s=table.get("hold_in_s", 0.0),
        hold_out_s=table.get("hold_out_s", 0.0),
        notes=table.get("notes", ""),
        cautions=table.get("cautions", ()),
        no_hold=table.get("no_hold"),
    )


def build_pose(table: dict[str, Any]) -> Pose:
    return Pose(
        id=table["id"],
        name=table["name"],
        tradition=table["tradition"],
        category=table["category"],
        position=table["position"],
        sides=Sides(table.get("sides", Sides.NONE)),
        hold_s=table.get("hold_s"),
        reps=table.get("reps"),
        rep_s=table.get("rep_s"),
        first_side=Side(table.get("first_side", Side.RIGHT)),
        breath=table.get("breath", ""),
        breath_pattern=table.get("breath_pattern"),
        cue=table.get("cue", ""),
        cautions=table.get("cautions", ()),
        props=tuple(p for p in table.get("props", ()) if p != "none"),
        intensity=table.get("intensity", 1),
        figure=table.get("figure"),
        figure_mirror=table.get("figure_mirror", False),
        lineage=table.get("lineage", ""),
        ref=table.get("ref", ""),
        rep_breath=tuple(CueKind(kind) for kind in table.get("rep_breath", ())),
        rep_breath_span=table.get("rep_breath_span", 1),
        rep_moves=table.get("rep_moves", ()),
        substitutes=table.get("substitutes", ()),
    )


def build_step(table: dict[str, Any]) -> Step:
    side = table.get("side")
    return Step(
        pose=table["pose"],
        hold_s=table.get("hold_s"),
        reps=table.get("reps"),
        rep_s=table.get("rep_s"),
        side=Side(side) if side else None,
        breath=table.get("breath"),
        rest_after_s=table.get("rest_after_s", 0.0),
        note=table.get("note", ""),
    )


def build_sequence(table: dict[str, Any]) -> Sequence:
    return Sequence(
        id=table["id"],
        name=table["name"],
        steps=tuple(build_step(step) for step in table["steps"]),
        description=table.get("description", ""),
        transition_s=table.get("transition_s", 5.0),
        prep_s=table.get("prep_s", 10.0),
        breath=table.get("breath"),
        interval_s=table.get("interval_s"),
        sounds=tuple(sorted(table.get("sounds", {}).items())),
    )
