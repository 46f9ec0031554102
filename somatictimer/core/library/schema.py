"""What each library table may contain: the field tables for schema 1."""

from __future__ import annotations

from somatictimer.core import fields as f
from somatictimer.core.library.families import FAMILY_IDS
from somatictimer.core.model import BREATH_CUES, CAUTIONS, POSITIONS, PROPS, Side, Sides

SCHEMA_VERSION = 1
KINDS = ("breath", "pose", "sequence")

BREATH_FIELDS = {
    "id": f.Field(f.identifier, required=True),
    "name": f.Field(f.name, required=True),
    "inhale_s": f.Field(f.half_seconds(allow_zero=False), required=True),
    "exhale_s": f.Field(f.half_seconds(allow_zero=False), required=True),
    "hold_in_s": f.Field(f.half_seconds(allow_zero=True)),
    "hold_out_s": f.Field(f.half_seconds(allow_zero=True)),
    "notes": f.Field(f.text),
    "cautions": f.Field(f.list_of(CAUTIONS)),
    "no_hold": f.Field(f.identifier),
}

POSE_FIELDS = {
    "id": f.Field(f.identifier, required=True),
    "name": f.Field(f.name, required=True),
    "tradition": f.Field(f.one_of(FAMILY_IDS), required=True),
    "lineage": f.Field(f.text),
    "ref": f.Field(f.matching(r"^[A-Z][0-9]{2}$", "Y01")),
    "category": f.Field(f.name, required=True),
    "position": f.Field(f.one_of(POSITIONS), required=True),
    "sides": f.Field(f.one_of(s.value for s in Sides)),
    "first_side": f.Field(f.one_of((Side.RIGHT.value, Side.LEFT.value))),
    "hold_s": f.Field(f.seconds()),
    "reps": f.Field(f.whole(1, 1000)),
    "rep_s": f.Field(f.seconds(maximum=600)),
    "breath": f.Field(f.text),
    "breath_pattern": f.Field(f.identifier),
    "cue": f.Field(f.text),
    "cautions": f.Field(f.list_of(CAUTIONS)),
    "props": f.Field(f.list_of(PROPS)),
    "intensity": f.Field(f.whole(1, 3)),
    "figure": f.Field(f.identifier),  # another item's figure (default: the item's own)
    "figure_mirror": f.Field(f.flag),  # that figure, drawn the other way round
    "rep_breath": f.Field(f.list_of(kind.value for kind in BREATH_CUES)),
    "rep_breath_span": f.Field(f.whole(1, 8)),
    "rep_moves": f.Field(f.list_checked(f.short_text(40), max_items=4)),
    "substitutes": f.Field(f.list_checked(f.identifier, max_items=10)),
}

STEP_FIELDS = {
    "pose": f.Field(f.identifier, required=True),
    "hold_s": f.Field(f.seconds()),
    "reps": f.Field(f.whole(1, 1000)),
    "rep_s": f.Field(f.seconds(maximum=600)),
    "side": f.Field(f.one_of((Side.RIGHT.value, Side.LEFT.value))),
    "breath": f.Field(f.identifier),
    "rest_after_s": f.Field(f.seconds(allow_zero=True, maximum=3600)),
    "note": f.Field(f.text),
}

SEQUENCE_FIELDS = {
    "id": f.Field(f.identifier, required=True),
    "name": f.Field(f.name, required=True),
    "description": f.Field(f.text),
    "transition_s": f.Field(f.seconds(allow_zero=True, maximum=600)),
    "prep_s": f.Field(f.seconds(allow_zero=True, maximum=600)),
    "breath": f.Field(f.identifier),
    "interval_s": f.Field(f.seconds(maximum=3600)),
    # "sounds" and "steps" are nested and checked by the loader itself.
}

FIELDS_BY_KIND = {"breath": BREATH_FIELDS, "pose": POSE_FIELDS, "sequence": SEQUENCE_FIELDS}
