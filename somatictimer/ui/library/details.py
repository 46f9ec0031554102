"""Rich-text details of a pose, a breath pattern or a sequence, as the Library shows them."""

from __future__ import annotations

import html

from somatictimer.core.blocks import block_plan
from somatictimer.core.describe import breath_summary, clock, pose_timing
from somatictimer.core.library import Library
from somatictimer.core.library.cautions import BY_ID as CAUTIONS_BY_ID
from somatictimer.core.library.cautions import caution_words
from somatictimer.core.library.families import BY_ID as FAMILIES_BY_ID
from somatictimer.core.library.families import family_label
from somatictimer.core.library.framing import BREATH_NOTE
from somatictimer.core.model import BreathPattern, Pose, Sequence, Sides
from somatictimer.core.timeline import compile_timeline

INTENSITY = {1: "gentle", 2: "moderate", 3: "strong"}
e = html.escape


def take_care_html(flags: tuple[str, ...]) -> str:
    """What to avoid for each ticked flag an item touches (§5.2, in our words)."""
    rows = [
        f"<p><b>Take care — {e(CAUTIONS_BY_ID[f].short)}:</b> {e(CAUTIONS_BY_ID[f].avoid)}</p>"
        for f in flags
        if f in CAUTIONS_BY_ID
    ]
    return "".join(rows)


def pose_html(pose: Pose, library: Library, profile: frozenset[str] = frozenset()) -> str:
    family = family_label(pose.tradition)
    same = pose.lineage.casefold() == family.casefold()
    source = f" · {e(pose.lineage)}" if pose.lineage and not same else ""
    rows = [
        f"<h2>{e(pose.name)}</h2>",
        f"<p><small>{e(family)}{source} · {e(pose.category)} · {e(pose.position)}</small></p>",
        f"<p>{e(pose.cue)}</p>",
        f"<p><b>Timing</b> {e(pose_timing(pose))}"
        + (" per side" if pose.sides is Sides.PER_SIDE else "")
        + (" · sides alternate" if pose.sides is Sides.ALTERNATING else "")
        + "</p>",
    ]
    breath = e(pose.breath)
    if pose.rep_breath:
        pairs = zip(pose.rep_breath, pose.rep_moves or [""] * len(pose.rep_breath), strict=True)
        steps = " → ".join(f"{k.value}{': ' + e(m) if m else ''}" for k, m in pairs)
        breath += f"<br><small>Each rep: {steps}</small>"
    pattern = library.breaths.get(pose.breath_pattern or "")
    if pattern is not None:
        breath += f" — pacer: {e(pattern.name)}"
    if breath:
        rows.append(f"<p><b>Breath</b> {breath}</p>")
    rows.append(
        f"<p><b>Intensity</b> {INTENSITY.get(pose.intensity, '')}"
        + (f" · <b>Props</b> {e(', '.join(pose.props))}" if pose.props else "")
        + "</p>"
    )
    if pose.cautions:
        rows.append(f"<p><b>Cautions</b> {e(caution_words(pose.cautions))}</p>")
    rows.append(take_care_html(tuple(f for f in pose.cautions if f in profile)))
    about = FAMILIES_BY_ID.get(pose.tradition)
    if about is not None:
        rows.append(
            f"<p><small><b>About {e(about.label.lower())}:</b> {e(about.about)}</small></p>"
        )
    return "".join(rows)


def breath_html(
    pattern: BreathPattern,
    profile: frozenset[str] = frozenset(),
    library: Library | None = None,
) -> str:
    rows = [
        f"<h2>{e(pattern.name)}</h2>",
        f"<p><b>In – hold – out – hold</b> {e(breath_summary(pattern))}</p>",
        f"<p>{e(pattern.notes)}</p>" if pattern.notes else "",
    ]
    if pattern.cautions:
        rows.append(f"<p><b>Cautions</b> {e(caution_words(pattern.cautions))}</p>")
        rows.append(take_care_html(tuple(f for f in pattern.cautions if f in profile)))
    no_hold = library.breaths.get(pattern.no_hold or "") if library else None
    if no_hold is not None:
        rows.append(f"<p><b>Without holds</b> {e(no_hold.name)} (used for the flags above)</p>")
    if "natural breathing" not in pattern.notes.casefold():  # say it once, not twice
        rows.append(f"<p><small>{e(BREATH_NOTE)}</small></p>")
    return "".join(rows)


def poses_words(poses: int, sequence: Sequence) -> str:
    """ "16 poses, each side counted" when sides make more poses than the list has steps."""
    words = f"{poses} pose{'' if poses == 1 else 's'}"
    return words + (", each side counted" if poses > len(sequence.steps) else "")


def sequence_html(
    sequence: Sequence, library: Library, profile: frozenset[str] = frozenset()
) -> str:
    timeline = compile_timeline(sequence, library.poses, library.breaths)
    poses = len(timeline.holds)  # as the player's progress marks and the end screen count
    items = []
    for step in sequence.steps:
        pose = library.poses[step.pose]
        plan = block_plan(step, pose)
        timing = clock(plan.block_s) + (" each side" if len(plan.sides) == 2 else "")
        note = f" — <i>{e(step.note)}</i>" if step.note else ""
        flags = [f for f in pose.cautions if f in profile]
        mark = f" <b>⚠ {e(caution_words(tuple(flags)))}</b>" if flags else ""
        items.append(f"<li>{e(pose.name)} · {timing}{note}{mark}</li>")
    return (
        f"<h2>{e(sequence.name)}</h2><p>{e(sequence.description)}</p>"
        f"<p><b>{clock(timeline.practice_s)}</b> of practice · {poses_words(poses, sequence)} · "
        f"{sequence.transition_s:g} s between poses</p><ol>{''.join(items)}</ol>"
    )
