"""Build a session from a request: a warm-up, a main part for the focus, a closing rest,
with hold lengths fitted so the practice lasts the minutes asked for. Pure and seeded: the
same request and library always give the same sequence."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from somatictimer.core.compose.fit import fit_blocks
from somatictimer.core.compose.request import ComposeError, ComposeRequest
from somatictimer.core.compose.rules import (
    MAX_MAIN_POSITIONS,
    NEVER_FIRST,
    POSITION_ORDER,
    PREP_S,
    TRANSITION_S,
    WARM_UP_MAX_INTENSITY,
    block_range,
    blocks,
    clear_rests,
    is_rest,
    is_warm_up,
    serves,
)
from somatictimer.core.library.adapt import substitute_for
from somatictimer.core.library.families import FAMILY_IDS, family_label
from somatictimer.core.library.types import Library
from somatictimer.core.model import Pose, Sequence, Step

# The closing rest, best first; any other clear rest pose comes after these.
CLOSING_PREFERENCE = (
    "corpse-pose",
    "constructive-rest-position",
    "legs-up-the-wall",
    "reclined-bound-angle",
    "wide-knee-childs-pose",
)
WARM_UP_ESTIMATE_S = 60.0  # budgeted for the warm-up before it is chosen
ATTEMPTS = 4  # re-selections when the first choice cannot be fitted to the minutes


@dataclass(frozen=True, slots=True)
class _Shape:
    """What the fitting needs to know of a chosen pose."""

    pose: Pose

    @property
    def blocks(self) -> int:
        return blocks(self.pose)

    @property
    def shortest(self) -> float:
        return self.blocks * block_range(self.pose)[0]

    @property
    def longest(self) -> float:
        return self.blocks * block_range(self.pose)[1]

    @property
    def default(self) -> float:
        return self.blocks * self.pose.default_s


def compose(request: ComposeRequest, library: Library) -> Sequence:
    """The session for ``request``, or ComposeError saying why there can be none."""
    request.check()
    builder = _Builder(request, library)
    return builder.build()


class _Builder:
    def __init__(self, request: ComposeRequest, library: Library) -> None:
        self.request = request
        self.library = library
        self.level = request.intensity.level
        rng = random.Random(request.seed)
        # One draw per pose, so every choice made from the same seed agrees.
        self.draw = {pose_id: rng.random() for pose_id in sorted(library.poses)}

    def build(self) -> Sequence:
        closing = self._closing()
        focus = [p for p in self._main_pool(focused=True) if p.id != closing.id]
        if not focus:
            raise ComposeError(self._nothing_for_focus())
        # The focus first; the chosen families' other poses only when it cannot fill the time.
        others = [p for p in self._main_pool(focused=False) if p.id != closing.id]
        taken = {p.id for p in focus}
        ordered = self._shuffled(focus) + self._shuffled([p for p in others if p.id not in taken])
        for pool in (ordered, _by_capacity(ordered)):
            sequence = self._fitted(pool, closing)
            if sequence is not None:
                return sequence
        raise ComposeError(self._cannot_fit(_by_capacity(ordered), closing))

    def _fitted(self, pool: list[Pose], closing: Pose) -> Sequence | None:
        """Select from ``pool`` and fit; select again with a larger or smaller budget while
        the selection is too short or too long for the minutes."""
        target = self.request.minutes * 60.0
        budget = target - closing.default_s - WARM_UP_ESTIMATE_S - 2 * TRANSITION_S
        previous: list[Pose] = []
        for _attempt in range(ATTEMPTS):
            main = _select(pool, budget)
            if main == previous:
                return None
            previous = main
            warm_up = self._warm_up(main, closing)
            rest_of_main = [p for p in main if p is not warm_up]
            poses = [warm_up, *_in_position_order(rest_of_main), closing]
            shapes = [_Shape(p) for p in poses]
            holds = target - (sum(s.blocks for s in shapes) - 1) * TRANSITION_S
            lengths = fit_blocks(self._fit_items(poses), holds)
            if lengths is not None:
                return self._sequence(poses, lengths)
            shortest = sum(s.shortest for s in shapes)
            if shortest > holds:
                budget -= shortest - holds
            else:
                budget += holds - sum(s.longest for s in shapes)
        return None

    # --- what may be chosen ---------------------------------------------------------

    def _usable(self, pose: Pose) -> Pose | None:
        """The pose, or the library's substitute for it when the profile flags it."""
        if set(pose.cautions) & self.request.profile:
            sub = substitute_for(pose, self.library, self.request.profile)
            if sub is None:
                return None
            pose = sub
        return pose if pose.intensity <= self.level else None

    def _usable_all(self, poses: Iterable[Pose]) -> list[Pose]:
        found: dict[str, Pose] = {}
        for pose in poses:
            usable = self._usable(pose)
            if usable is not None:
                found.setdefault(usable.id, usable)
        return list(found.values())

    def _main_pool(self, focused: bool) -> list[Pose]:
        """The chosen families' poses (or substitutes) that fit; only those serving the
        focus when ``focused``."""
        families = set(self.request.families)
        return self._usable_all(
            p
            for p in self.library.listed_poses()
            if p.tradition in families
            and (serves(p, self.request.focus) or not focused)
            and p.intensity <= self.level
        )

    def _shuffled(self, poses: list[Pose]) -> list[Pose]:
        """A seeded order; at moderate and strong, poses at that intensity come up more often."""

        def key(pose: Pose) -> float:
            weight = 3.0 if self.level > 1 and pose.intensity == self.level else 1.0
            return float(self.draw[pose.id] ** (1.0 / weight))

        return sorted(poses, key=key, reverse=True)

    def _closing(self) -> Pose:
        rests = {p.id: p for p in clear_rests(self.library, self.request.profile)}
        for pose_id in (*CLOSING_PREFERENCE, *sorted(rests)):
            if pose_id in rests:
                return rests[pose_id]
        # Every rest pose is flagged: the library's substitute for the first that has one.
        for pose_id in CLOSING_PREFERENCE:
            pose = self.library.poses.get(pose_id)
            sub = substitute_for(pose, self.library, self.request.profile) if pose else None
            if sub is not None:
                return sub
        raise ComposeError("Your caution profile leaves no resting pose to end a session with.")

    def _warm_up(self, main: list[Pose], closing: Pose) -> Pose:
        """A gentle pose outside the main part, in (or above) the main part's first position;
        else the main part's own first pose, when it is gentle."""
        taken = {p.id for p in main} | {closing.id}
        first = min(POSITION_ORDER.index(p.position) for p in main)
        families = set(self.request.families)
        for chosen_only in (True, False):
            candidates = [
                p
                for p in self._usable_all(
                    p
                    for p in self.library.listed_poses()
                    if p.tradition in families or not chosen_only
                )
                if p.id not in taken
                and p.intensity <= WARM_UP_MAX_INTENSITY
                and not is_rest(p)
                and p.id not in NEVER_FIRST
            ]
            if candidates:
                return min(candidates, key=lambda p: self._warm_up_rank(p, first))
        opening = _in_position_order(main)[0]
        if opening.intensity <= WARM_UP_MAX_INTENSITY and len(main) > 1:
            return opening
        raise ComposeError("No gentle pose fits your caution profile to warm up with.")

    def _warm_up_rank(self, pose: Pose, first: int) -> tuple[int, int, int, float]:
        place = POSITION_ORDER.index(pose.position)
        distance = first - place if place <= first else 10 + place - first  # never climb up
        return (
            distance,
            0 if is_warm_up(pose) else 1,
            0 if serves(pose, self.request.focus) else 1,
            self.draw[pose.id],
        )

    # --- fitting -------------------------------------------------------------------

    @staticmethod
    def _fit_items(poses: list[Pose]) -> list[tuple[int, float, float, float, float | None]]:
        items = []
        for pose in poses:
            shortest, longest = block_range(pose)
            rep_s = pose.rep_s if pose.reps and pose.rep_s else None
            items.append((blocks(pose), pose.default_s, shortest, longest, rep_s))
        return items

    def _sequence(self, poses: list[Pose], lengths: list[float]) -> Sequence:
        steps = []
        for pose, length in zip(poses, lengths, strict=True):
            if pose.reps and pose.rep_s:
                steps.append(Step(pose=pose.id, reps=round(length / pose.rep_s)))
            else:
                steps.append(Step(pose=pose.id, hold_s=length))
        request = self.request
        families = (
            "every family"
            if set(request.families) >= set(FAMILY_IDS)
            else ", ".join(family_label(f) for f in request.families)
        )
        return Sequence(
            id=f"built-{request.focus.value}-{request.minutes}-min-{request.seed}",
            name=f"{request.focus.label}, {request.minutes} min",
            steps=tuple(steps),
            description=(
                f"Built for {request.focus.label.lower()}, {request.intensity.value}, "
                f"from {families} (seed {request.seed})."
            ),
            transition_s=TRANSITION_S,
            prep_s=PREP_S,
        )

    # --- why not ---------------------------------------------------------------------

    def _nothing_for_focus(self) -> str:
        request = self.request
        return (
            f"None of the chosen families has a pose for {request.focus.label.lower()} that "
            f"fits your caution profile at {request.intensity.value} intensity."
        )

    def _cannot_fit(self, pool: list[Pose], closing: Pose) -> str:
        request = self.request
        main = _select(pool, float("inf"))
        warm_up = self._warm_up(main, closing)
        poses = [warm_up, *(p for p in main if p is not warm_up), closing]
        shapes = [_Shape(p) for p in poses]
        longest = sum(s.longest for s in shapes)
        transitions = (sum(s.blocks for s in shapes) - 1) * TRANSITION_S
        most = int((longest + transitions) // 60)
        if most < request.minutes:
            return (
                f"The chosen families' poses that fit your caution profile at "
                f"{request.intensity.value} intensity fill at most about {most} minutes; "
                "choose more families or fewer minutes."
            )
        return (
            f"No choice of the poses fits exactly {request.minutes} minutes; "
            "try other minutes or more families."
        )


def _select(ordered: list[Pose], budget: float) -> list[Pose]:
    """Poses in the seeded order, from at most MAX_MAIN_POSITIONS positions, until their
    default lengths (with transitions) fill ``budget``; none that could not be shortened
    to fit it."""
    chosen: list[Pose] = []
    positions: set[str] = set()
    filled = shortest = 0.0
    for pose in ordered:
        if filled >= budget and chosen:
            break
        if pose.position not in positions and len(positions) == MAX_MAIN_POSITIONS:
            continue
        shape = _Shape(pose)
        transitions = shape.blocks * TRANSITION_S
        if chosen and shortest + shape.shortest + transitions > budget:
            continue
        chosen.append(pose)
        positions.add(pose.position)
        filled += shape.default + transitions
        shortest += shape.shortest + transitions
    return chosen


def _by_capacity(ordered: list[Pose]) -> list[Pose]:
    """The same poses, those of the positions that can hold the most time first."""
    capacity: dict[str, float] = {}
    for pose in ordered:
        capacity[pose.position] = capacity.get(pose.position, 0.0) + _Shape(pose).longest
    rank = sorted(capacity, key=lambda position: -capacity[position])
    return sorted(ordered, key=lambda pose: rank.index(pose.position))


def _in_position_order(main: list[Pose]) -> list[Pose]:
    """Grouped from standing down to lying; the first group builds up from its gentlest
    pose, later groups ease down towards the rest."""
    groups: dict[str, list[Pose]] = {}
    for pose in main:
        groups.setdefault(pose.position, []).append(pose)
    ordered: list[Pose] = []
    for number, position in enumerate(p for p in POSITION_ORDER if p in groups):
        group = groups[position]
        ordered.extend(sorted(group, key=lambda p: p.intensity, reverse=number > 0))
    return ordered
