"""What the writer writes loads back equal, and saving never writes over a file unasked."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from somatictimer.core.library import load_library
from somatictimer.core.library.writer import (
    ItemExists,
    SharedFile,
    library_text,
    save_item,
)
from somatictimer.core.model import BreathPattern, Pose, Sequence, Step
from somatictimer.core.paths import builtin_library_dir

from tests.conftest import examples
from tests.core.library.item_strategies import breaths, poses, sequences
from tests.core.library.texts import SIT

BUILTIN = load_library([[builtin_library_dir()]]).library


def test_every_builtin_item_reads_back_equal(tmp_path: Path) -> None:
    items = [*BUILTIN.breaths.values(), *BUILTIN.listed_poses(), *BUILTIN.sequences.values()]
    (tmp_path / "all.toml").write_text(library_text(items), encoding="utf-8")
    loaded = load_library([[tmp_path]])  # alone: every reference must be in the written file
    assert loaded.problems == []
    assert loaded.library.breaths == BUILTIN.breaths
    assert loaded.library.poses == BUILTIN.poses
    assert loaded.library.sequences == BUILTIN.sequences


@pytest.mark.parametrize("sequence_id", sorted(BUILTIN.sequences))
def test_each_builtin_sequence_saved_alone_reads_back_equal(
    tmp_path: Path, sequence_id: str
) -> None:
    sequence = BUILTIN.sequences[sequence_id]
    path = save_item(tmp_path, sequence, replace=True)  # overrides the built-in one
    assert path == tmp_path / f"sequence-{sequence_id}.toml"
    loaded = load_library([[builtin_library_dir()], [tmp_path]])
    assert loaded.problems == []
    assert loaded.library.sequences[sequence_id] == sequence
    assert loaded.library.origins[("sequence", sequence_id)].file == str(path)


def test_a_written_sequence_reads_like_the_documented_example() -> None:
    sequence = Sequence(
        "short-hips",
        "Short Hips",
        (Step("half-pigeon", hold_s=45), Step("half-pigeon", hold_s=30.5, note='the "tight" side')),
        breath="extended-exhale-4-6",
    )
    assert library_text([sequence]) == (
        "schema = 1\n"
        "\n"
        "[[sequence]]\n"
        'id = "short-hips"\n'
        'name = "Short Hips"\n'
        "transition_s = 5\n"
        "prep_s = 10\n"
        'breath = "extended-exhale-4-6"\n'
        "steps = [\n"
        '  { pose = "half-pigeon", hold_s = 45 },\n'
        '  { pose = "half-pigeon", hold_s = 30.5, note = "the \\"tight\\" side" },\n'
        "]\n"
    )


@st.composite
def item_sets(draw: st.DrawFn) -> tuple[list[BreathPattern], list[Pose], Sequence]:
    breath_ids = draw(st.lists(st.sampled_from(["b-one", "b-two", "b-three"]), unique=True))
    patterns = [draw(breaths(pattern_id)) for pattern_id in breath_ids]
    pose_ids = draw(
        st.lists(st.sampled_from(["p-one", "p-two", "p-three"]), min_size=1, unique=True)
    )
    items = [draw(poses(pose_id, tuple(breath_ids))) for pose_id in pose_ids]
    sequence = draw(sequences({p.id: p for p in items}, breath_ids))
    return patterns, items, sequence


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(item_sets())
def test_generated_items_read_back_equal(
    tmp_path: Path, items: tuple[list[BreathPattern], list[Pose], Sequence]
) -> None:
    patterns, pose_list, sequence = items
    (tmp_path / "g.toml").write_text(
        library_text([sequence, *pose_list, *patterns]), encoding="utf-8"
    )
    loaded = load_library([[tmp_path]])
    assert [str(p) for p in loaded.problems] == []
    assert list(loaded.library.breaths.values()) == patterns
    assert list(loaded.library.poses.values()) == pose_list
    assert loaded.library.sequences == {sequence.id: sequence}


POSE = BUILTIN.poses["half-pigeon"]


def test_saving_never_writes_over_a_file_unasked(tmp_path: Path) -> None:
    first = save_item(tmp_path, POSE)
    before = first.read_bytes()
    renamed = Pose(**{**{s: getattr(POSE, s) for s in POSE.__slots__}, "name": "Mine"})
    with pytest.raises(ItemExists, match=r"pose-half-pigeon\.toml is already there"):
        save_item(tmp_path, renamed)
    assert first.read_bytes() == before
    assert save_item(tmp_path, renamed, replace=True) == first
    assert 'name = "Mine"' in first.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pose-half-pigeon.toml"]  # no temp


def test_an_item_in_a_file_of_its_own_is_saved_over_that_file(tmp_path: Path) -> None:
    (tmp_path / "my sit.toml").write_text("schema = 1\n" + SIT, encoding="utf-8")
    sit = load_library([[tmp_path]]).library.poses["sit"]
    with pytest.raises(ItemExists):
        save_item(tmp_path, sit)
    assert save_item(tmp_path, sit, replace=True) == tmp_path / "my sit.toml"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my sit.toml"]


def test_an_item_beside_others_in_a_hand_written_file_is_not_saved(tmp_path: Path) -> None:
    text = "schema = 1\n" + SIT + "\n" + SIT.replace('id = "sit"', 'id = "sit-two"')
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    sit = load_library([[tmp_path]]).library.poses["sit"]
    with pytest.raises(SharedFile, match=r"mine\.toml:2: pose\.sit is defined there beside"):
        save_item(tmp_path, sit, replace=True)
    assert (tmp_path / "mine.toml").read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.toml"]
