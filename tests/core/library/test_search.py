"""Library search and filters, as the Library page uses them."""

from __future__ import annotations

import pytest
from somatictimer.core.library import Library, load_library, search
from somatictimer.core.library.cautions import caution_label, caution_words
from somatictimer.core.library.families import FAMILY_IDS, family_label
from somatictimer.core.library.framing import has_shaking, is_shaking
from somatictimer.core.paths import builtin_library_dir


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([[builtin_library_dir()]]).library


def ids(library: Library, **filters: object) -> set[str]:
    chosen = search.PoseFilter(**filters)  # type: ignore[arg-type]
    return {p.id for p in library.poses.values() if chosen.accepts(p)}


def test_text_matches_every_word_in_name_family_lineage_cue_or_position(
    library: Library,
) -> None:
    assert ids(library, text="half pigeon") == {"half-pigeon"}
    assert ids(library, text="CHQA routine 8") == {"bouncing-on-the-heels"}  # lineage + name
    assert "dragon" in ids(library, text="yin kneeling")  # family label + position
    assert ids(library, text="no-such-word") == set()


def test_each_filter_narrows_and_any_means_everything(library: Library) -> None:
    everything = set(library.poses)
    assert ids(library) == everything
    yin = ids(library, tradition="yin-yoga")
    assert len(yin) == 11
    assert ids(library, tradition="yin-yoga", position="prone") == {"frog", "sleeping-swan"}
    assert all(library.poses[i].position == "supine" for i in ids(library, position="supine"))
    assert all("ball" in library.poses[i].props for i in ids(library, prop="ball"))
    assert all(library.poses[i].intensity == 3 for i in ids(library, intensity=3))
    assert ids(library, sides="alternating") < everything
    assert all(
        "hip flexor" in library.poses[i].category for i in ids(library, category="hip flexor")
    )
    knees = ids(library, avoid=frozenset({"knee"}))
    assert "frog" not in knees and "butterfly" in knees


def test_sequences_are_found_by_their_poses_and_hidden_when_they_hold_an_avoided_item(
    library: Library,
) -> None:
    brocades = library.sequences["eight-brocades"]
    assert search.sequence_accepts(brocades, library, "bow hawk")
    assert search.sequence_accepts(brocades, library, "qi gong")  # a family label
    assert not search.sequence_accepts(brocades, library, "pigeon")
    assert not search.sequence_accepts(brocades, library, "", frozenset({"knee"}))
    assert search.sequence_accepts(brocades, library, "", frozenset({"wrist"}))


def test_filter_choices_list_the_families_in_order_with_counts(library: Library) -> None:
    choices = search.choices(library)
    assert choices["tradition"] == list(FAMILY_IDS)
    assert search.family_counts(library)["feet"] == 6
    assert (
        choices["position"] == sorted(choices["position"]) and "side-lying" in choices["position"]
    )
    assert "hip flexor" in choices["category"] and "" not in choices["category"]
    assert choices["sides"] == ["alternating", "none", "per-side"]
    assert "ball" in choices["prop"]


def test_flags_and_families_read_as_words(library: Library) -> None:
    assert caution_words(("knee", "glaucoma-high-bp")) == "knees, glaucoma / high blood pressure"
    assert caution_label("pregnancy-late").startswith("Later pregnancy")
    assert caution_label("made-up") == "made-up" and caution_words(("made-up",)) == "made-up"
    assert family_label("tai-chi") == "Tai chi" and family_label("old text") == "old text"


def test_only_tremor_and_shaking_items_bring_the_shaking_notes(library: Library) -> None:
    assert is_shaking(library.poses["floor-tremor"]) and is_shaking(library.poses["standing-shake"])
    assert not is_shaking(library.poses["wall-sit"])  # a lead-in exercise of the same family
    assert has_shaking(library.sequences["shake-and-release"], library)
    assert not has_shaking(library.sequences["evening-hip-release"], library)
