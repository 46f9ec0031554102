"""Library search and filters (pure, so the browser stays thin and this stays tested)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from somatictimer.core.library.families import FAMILIES, family_label
from somatictimer.core.library.types import Library
from somatictimer.core.model import Pose, Sequence

ANY = ""


def _words(text: str) -> list[str]:
    return text.casefold().split()


@dataclass(frozen=True)
class PoseFilter:
    """Every field narrows the list; empty means "any"."""

    text: str = ""
    tradition: str = ANY
    category: str = ANY
    position: str = ANY
    sides: str = ANY
    prop: str = ANY
    intensity: int = 0
    avoid: frozenset[str] = field(default_factory=frozenset)

    def accepts(self, pose: Pose) -> bool:
        haystack = " ".join(
            (
                pose.name,
                pose.id,
                family_label(pose.tradition),
                pose.lineage,
                pose.category,
                pose.cue,
                pose.position,
            )
        ).casefold()
        return (
            all(word in haystack for word in _words(self.text))
            and self.tradition in (ANY, pose.tradition)
            and (self.category == ANY or self.category in pose.category)
            and self.position in (ANY, pose.position)
            and self.sides in (ANY, pose.sides.value)
            and (self.prop == ANY or self.prop in pose.props)
            and self.intensity in (0, pose.intensity)
            and not self.avoid.intersection(pose.cautions)
        )


def sequence_accepts(
    sequence: Sequence, library: Library, text: str, avoid: frozenset[str] = frozenset()
) -> bool:
    """Search a sequence by its name, description and the poses in it."""
    poses = [library.poses[s.pose] for s in sequence.steps if s.pose in library.poses]
    haystack = " ".join(
        [
            sequence.name,
            sequence.description,
            *(p.name for p in poses),
            *(family_label(p.tradition) for p in poses),
        ]
    ).casefold()
    flagged = any(avoid.intersection(p.cautions) for p in poses)
    return all(word in haystack for word in _words(text)) and not flagged


def choices(library: Library) -> dict[str, list[str]]:
    """Values present in the library for each filter, sorted for the combo boxes."""
    poses = library.listed_poses()
    categories = {c.strip() for p in poses for c in p.category.split(",")}
    return {
        "tradition": list(family_counts(library)),
        "category": sorted(categories),
        "position": sorted({p.position for p in poses}),
        "sides": sorted({p.sides.value for p in poses}),
        "prop": sorted({prop for p in poses for prop in p.props}),
    }


def family_counts(library: Library) -> dict[str, int]:
    """How many items each family holds, in the families' fixed order (empty ones left out)."""
    counts = Counter(p.tradition for p in library.listed_poses())
    return {family.id: counts[family.id] for family in FAMILIES if counts[family.id]}
