"""What a caller gets after loading: a broken reference is dropped from its item and the item
still works; a bare item gets the documented defaults; the user's folder is layered on top."""

from __future__ import annotations

from pathlib import Path

import pytest
from somatictimer.core.library import Library, load_installed, load_library
from somatictimer.core.library.adapt import adapt
from somatictimer.core.library.practise import practise
from somatictimer.core.model import Pose, Side, Sides, Step
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import SegmentKind, compile_timeline

from tests.core.factories import sequence
from tests.core.library.texts import SIT

LINKS = f"""schema = 1

[[breath]]
id = "even"
name = "Even"
inhale_s = 4
exhale_s = 4

[[breath]]
id = "box"
name = "Box"
inhale_s = 4
hold_in_s = 4
exhale_s = 4
hold_out_s = 4
no_hold = "evn"

[[breath]]
id = "held"
name = "Held"
inhale_s = 4
hold_in_s = 2
exhale_s = 4
no_hold = "box"

{SIT}breath_pattern = "evn"

[[pose]]
id = "kneel"
name = "Kneel"
tradition = "somatics"
category = "rest"
position = "kneeling"
hold_s = 60
cautions = ["knee"]
substitutes = ["lie", "sti", "kneel"]

[[pose]]
id = "lie"
name = "Lie"
tradition = "somatics"
category = "rest"
position = "supine"
hold_s = 60
"""


def loaded(tmp_path: Path, text: str) -> Library:
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    return load_library([[tmp_path]]).library


def test_a_pose_with_a_broken_breath_pattern_still_practises_with_natural_breath(
    tmp_path: Path,
) -> None:
    library = loaded(tmp_path, LINKS)
    assert library.poses["sit"].breath_pattern is None
    timeline = compile_timeline(practise(library, "sit"), library.poses, library.breaths)
    (hold,) = [s for s in timeline.segments if s.kind is SegmentKind.HOLD]
    assert (hold.pose_id, hold.breath, hold.duration_ms) == ("sit", None, 60_000)


def test_broken_substitutes_are_dropped_and_the_good_ones_kept(tmp_path: Path) -> None:
    library = loaded(tmp_path, LINKS)
    assert library.poses["kneel"].substitutes == ("lie",)
    adapted = adapt(sequence(Step("kneel")), library, frozenset({"knee"}))
    assert [s.pose for s in adapted.steps] == ["lie"]


def test_a_broken_no_hold_link_falls_back_to_natural_breath_for_breath_hold_cautions(
    tmp_path: Path,
) -> None:
    library = loaded(tmp_path, LINKS)
    assert (library.breaths["box"].no_hold, library.breaths["held"].no_hold) == (None, None)
    assert library.breaths["box"].hold_in_s == 4  # the pattern itself still loads
    for pattern in ("box", "held"):
        adapted = adapt(
            sequence(Step("lie"), breath=pattern), library, frozenset({"glaucoma-high-bp"})
        )
        assert adapted.breath == "natural"


def test_a_pose_with_only_its_required_keys_gets_every_default(tmp_path: Path) -> None:
    library = loaded(tmp_path, LINKS)
    assert library.poses["lie"] == Pose("lie", "Lie", "somatics", "rest", "supine", hold_s=60)
    lie = library.poses["lie"]
    assert (lie.breath, lie.cue, lie.cautions, lie.rep_moves, lie.rep_breath_span) == (
        "",
        "",
        (),
        (),
        1,
    )
    assert (lie.sides, lie.first_side) == (Sides.NONE, Side.RIGHT)


def test_items_written_as_an_inline_list_load_and_their_problems_are_reported(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        "schema = 1\n"
        'breath = [{ id = "even", name = "Even", inhale_s = 4, exhale_s = 4 },'
        ' { id = "odd", name = "Odd", inhale_s = 4.2, exhale_s = 4 }]\n',
        encoding="utf-8",
    )
    result = load_library([[path]])
    assert list(result.library.breaths) == ["even"]
    (problem,) = result.problems
    assert str(problem).startswith(str(path))
    assert str(problem).endswith("breath.odd.inhale_s: expected seconds in 0.5 s steps, found 4.2")


def test_the_users_folder_is_layered_over_the_builtin_one_when_it_exists(
    tmp_path: Path,
) -> None:
    builtin = load_library([[builtin_library_dir()]])
    missing = load_installed(builtin_library_dir(), tmp_path / "no-such-folder")
    assert missing.problems == [] and missing.library.poses == builtin.library.poses

    user = tmp_path / "library"
    user.mkdir()
    (user / "mine.toml").write_text(
        'schema = 1\n[[pose]]\nid = "half-pigeon"\nname = "My Pigeon"\ntradition = "yin-yoga"\n'
        'category = "hips"\nposition = "prone"\nsides = "per-side"\nhold_s = 90\n',
        encoding="utf-8",
    )
    layered = load_installed(builtin_library_dir(), user)
    assert layered.problems == []
    assert layered.library.poses["half-pigeon"].name == "My Pigeon"
    assert layered.library.sequences == builtin.library.sequences


def test_a_pose_with_a_broken_pattern_and_a_broken_substitute_loses_both(
    tmp_path: Path,
) -> None:
    (tmp_path / "both.toml").write_text(
        'schema = 1\n[[pose]]\nid = "sit"\nname = "Sit"\ntradition = "yin-yoga"\n'
        'category = "rest"\nposition = "seated"\nhold_s = 60\n'
        'breath_pattern = "no-such-breath"\nsubstitutes = ["no-such-pose"]\n',
        encoding="utf-8",
    )
    result = load_library([[tmp_path]])
    assert len(result.problems) == 2  # both reported ...
    sit = result.library.poses["sit"]
    assert (sit.breath_pattern, sit.substitutes) == (None, ())  # ... and both dropped


@pytest.mark.parametrize("written", ["true", "1.0"])
def test_schema_must_be_the_number_one(tmp_path: Path, written: str) -> None:
    (tmp_path / "s.toml").write_text(f"schema = {written}\n", encoding="utf-8")
    (problem,) = load_library([[tmp_path]]).problems
    assert problem.message == f"expected 1, found {written}"


def test_a_pose_that_lists_itself_as_its_substitute_gets_no_self_suggestion(
    tmp_path: Path,
) -> None:
    (tmp_path / "self.toml").write_text(
        'schema = 1\n[[pose]]\nid = "sit"\nname = "Sit"\ntradition = "yin-yoga"\n'
        'category = "rest"\nposition = "seated"\nhold_s = 60\nsubstitutes = ["sit"]\n',
        encoding="utf-8",
    )
    (problem,) = load_library([[tmp_path]]).problems
    assert problem.message == 'expected another item\'s id, found "sit"'
