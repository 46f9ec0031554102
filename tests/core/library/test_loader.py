"""Library loading: built-ins are valid, layers override, and every broken file is explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from somatictimer.core.library import load_library
from somatictimer.core.paths import builtin_library_dir

from tests.conftest import DATA

BROKEN = DATA / "broken"

# file -> (line, text) pairs that must all appear in its report.
EXPECTED = {
    "syntax-error.toml": [(5, "expected valid TOML, found a syntax error")],
    "wrong-types.toml": [
        (6, 'tradition: expected one of "hip-opener-yoga", "yin-yoga"'),
        (8, 'position: expected one of "standing"'),
        (9, 'sides: expected one of "none", "per-side", "alternating", found "both"'),
        (10, 'hold_s: expected a number of seconds, found "sixty"'),
        (11, "intensity: expected a whole number from 1 to 3, found 5"),
        (12, 'cautions: expected a list like ["a", "b"], found "knee"'),
    ],
    "unknown-key.toml": [
        (
            9,
            "pose.happy-baby.hold: expected no such key (unknown keys are usually typos) "
            '(did you mean "hold_s"?)',
        ),
        (3, "pose.happy-baby.hold_s: expected either hold_s or reps + rep_s, found neither"),
        (
            11,
            "poses: expected [[pose]], [[breath]] or [[sequence]] tables, found an unknown "
            'key (did you mean "pose"?)',
        ),
    ],
    "missing-reference.toml": [
        (
            6,
            'sequence.my-hips.breath: expected a known breath pattern id or "natural", '
            'found "box-breathing"',
        ),
        (
            9,
            'sequence.my-hips.steps[2].pose: expected a known pose id, found "half-pigon" '
            '(did you mean "half-pigeon"?)',
        ),
    ],
    "bad-durations.toml": [
        (9, "pose.zero-hold.hold_s: expected seconds > 0 and <= 7200, found 0"),
        (17, "pose.negative-hold.hold_s: expected seconds > 0 and <= 7200, found -5"),
        (25, "pose.typo-minutes.hold_s: expected seconds > 0 and <= 7200, found 72000"),
        (30, "breath.odd-breath.inhale_s: expected seconds in 0.5 s steps, found 4.2"),
    ],
    "bad-links.toml": [
        (10, "pose.my-rocking.rep_breath: expected a rep-based item (reps + rep_s)"),
        (11, "pose.my-rocking.rep_moves: expected one move per rep_breath phase (2), found 1"),
        (
            20,
            'pose.my-rest.substitutes: expected a known pose id, found "corps-pose" '
            '(did you mean "corpse-pose"?)',
        ),
        (20, 'pose.my-rest.substitutes: expected another item\'s id, found "my-rest"'),
        (38, "pose.lone-moves.rep_moves: expected rep_breath beside it, found none"),
        (39, "pose.lone-moves.rep_breath_span: expected rep_breath beside it, found none"),
        (50, "pose.both-breaths.breath_pattern: expected either breath_pattern or rep_breath"),
        (28, 'breath.my-box.no_hold: expected a pattern without holds, found "box-4-4-4-4"'),
    ],
    "bad-sounds.toml": [
        (6, "sequence.noisy.sounds.ending: expected a cue kind, found an unknown key"),
        (6, 'sequence.noisy.sounds.end: expected a sound name in quotes, found ""'),
        (6, "sequence.noisy.sounds.halfway: expected a sound name in quotes, found 3"),
        (12, 'sequence.odd.sounds: expected a table like { end = "gong" }, found "gong"'),
    ],
    "empty-sequence.toml": [(6, "sequence.nothing.steps: expected at least one step")],
    "no-schema.toml": [(1, "schema: expected 1, found nothing")],
    "newer-schema.toml": [(1, "schema: expected 1, found 2; this file needs a newer")],
    "empty.toml": [(None, "found an empty file")],
    "latin1.toml": [(None, "expected UTF-8 TOML text, found byte 0xe9 at offset 29")],
    "binary-garbage.toml": [(None, "expected UTF-8 TOML text, found binary data")],
}


def builtin():  # type: ignore[no-untyped-def]
    return load_library([[builtin_library_dir()]])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_is_explained_with_file_line_and_key(name: str) -> None:
    path = BROKEN / name
    result = load_library([[builtin_library_dir()], [path]])
    messages = [str(p) for p in result.problems if p.file == str(path)]
    for line, text in EXPECTED[name]:
        where = f"{path}:{line}: " if line else f"{path}: "
        assert any(m.startswith(where) and text in m for m in messages), (where, text, messages)
    assert len(messages) == len(EXPECTED[name])  # all problems at once, nothing extra


def test_duplicate_id_in_one_layer_names_both_files() -> None:
    folder = BROKEN / "duplicate-id"
    result = load_library([[folder]])
    (problem,) = result.problems
    assert problem.file.endswith("second.toml") and problem.line == 9
    assert "first.toml:3" in problem.message
    # The first definition is kept; the app carries on with it.
    assert result.library.breaths["equal-4-4"].name == "Equal 4-4"


def test_a_user_item_overrides_the_builtin_with_the_same_id(user_library: Path) -> None:
    (user_library / "mine.toml").write_text(
        'schema = 1\n\n[[pose]]\nid = "half-pigeon"\nname = "My Pigeon"\ntradition = "yin-yoga"\n'
        'category = "hips"\nposition = "prone"\nsides = "per-side"\nhold_s = 90\n',
        encoding="utf-8",
    )
    result = load_library([[builtin_library_dir()], [user_library]])
    assert result.problems == []
    pose = result.library.poses["half-pigeon"]
    assert (pose.name, pose.hold_s) == ("My Pigeon", 90)
    assert result.library.origins[("pose", "half-pigeon")].file.endswith("mine.toml")


def test_broken_items_are_dropped_and_the_rest_still_loads(tmp_path: Path) -> None:
    (tmp_path / "mixed.toml").write_text(
        'schema = 1\n\n[[breath]]\nid = "good"\nname = "Good"\ninhale_s = 4\nexhale_s = 4\n\n'
        '[[breath]]\nid = "bad"\nname = "Bad"\ninhale_s = -1\nexhale_s = 4\n',
        encoding="utf-8",
    )
    result = load_library([[tmp_path]])
    assert list(result.library.breaths) == ["good"]
    assert [p.line for p in result.problems] == [12]


def test_a_ten_megabyte_file_is_refused_without_parsing(tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"schema = 1\n" + b"# padding padding padding\n" * 400_000)
    (problem,) = load_library([[huge]]).problems
    assert "expected a library file of at most 1 MiB, found 9.9 MiB" in str(problem)


def test_find_sequence_by_name_or_id_and_suggest_on_typos() -> None:
    library = builtin().library
    assert library.find_sequence("eight brocades").id == "eight-brocades"  # type: ignore[union-attr]
    assert library.find_sequence("evening-hip-release") is not None
    assert library.find_sequence("Evening Hip Relese") is None
    assert library.suggest_sequence("Evening Hip Relese") == "Evening Hip Release"
