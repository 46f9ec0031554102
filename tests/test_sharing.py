"""A sequence shared as one file comes back equal in another install; a clash is never
settled silently; a failed import writes nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from somatictimer import sharing
from somatictimer.core.library import load_library
from somatictimer.core.library.writer import library_text
from somatictimer.core.paths import builtin_figures_dir, builtin_library_dir
from somatictimer.figures.data import figure_for, load_figures
from somatictimer.sharing import (
    Folders,
    ImportRefused,
    OnClash,
    export_sequence,
    import_shared,
    read_shared,
)

MINE = """schema = 1

[[breath]]
id = "my-breath"
name = "My breath"
inhale_s = 4
hold_in_s = 2
exhale_s = 6
no_hold = "my-plain"

[[breath]]
id = "my-plain"
name = "My plain"
inhale_s = 4
exhale_s = 6.5

[[breath]]
id = "not-used"
name = "Not used"
inhale_s = 3
exhale_s = 3

[[pose]]
id = "my-sit"
name = "My \\"sit\\""
tradition = "somatics"
category = "rest"
position = "seated"
hold_s = 60
breath_pattern = "my-breath"
substitutes = ["my-lie"]

[[pose]]
id = "my-lie"
name = "My lie"
tradition = "somatics"
category = "rest"
position = "supine"
sides = "per-side"
hold_s = 45

[[sequence]]
id = "my-flow"
name = "My Flow"
transition_s = 3
sounds = { end = "gong", halfway = "chime.wav" }
steps = [
  { pose = "my-sit", hold_s = 30, note = "settle" },
  { pose = "my-lie", side = "left" },
  { pose = "cat-cow", breath = "natural" },
]
"""

MY_FIGURES = """schema = 1

[[figure]]
id = "my-sit"
like = "base-table"
props = [{ kind = "block", at = "hand_r", offset = [1, 0, 0] }]
[[figure.keyframe]]
name = "low"
spine = 20
[[figure.keyframe]]
spine = [30, 5]

[[figure]]
id = "not-drawn"
[[figure.keyframe]]
neck = 10
"""


def install(root: Path, library: str = "", figures: str = "") -> Folders:
    folders = Folders(
        builtin_library_dir(), root / "library", builtin_figures_dir(), root / "figures"
    )
    for folder, text in ((folders.user_library, library), (folders.user_figures, figures)):
        folder.mkdir(parents=True)
        if text:
            (folder / "mine.toml").write_text(text, encoding="utf-8")
    return folders


def loaded(folders: Folders):  # type: ignore[no-untyped-def]
    return load_library([[folders.builtin_library], [folders.user_library]])


def snapshot(folders: Folders) -> dict[str, bytes]:
    return {
        str(p): p.read_bytes()
        for folder in (folders.user_library, folders.user_figures)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def mine(tmp_path: Path) -> Folders:
    return install(tmp_path / "mine", MINE, MY_FIGURES)


def shared_file(mine: Folders, tmp_path: Path, sequence_id: str = "my-flow") -> Path:
    library = loaded(mine).library
    export = export_sequence(library.sequences[sequence_id], library, mine)
    path = tmp_path / "shared.toml"
    path.write_text(export.text, encoding="utf-8")
    return path


def test_export_then_import_into_a_fresh_install_gives_equal_items(
    mine: Folders, tmp_path: Path
) -> None:
    source = loaded(mine)
    assert source.problems == []
    path = shared_file(mine, tmp_path)
    fresh = install(tmp_path / "fresh")
    incoming = read_shared(path, fresh)
    assert (incoming.problems, incoming.clashes) == ([], [])
    written = import_shared(incoming, fresh, OnClash.ASK)
    assert sorted(p.name for p in written) == [
        "breath-my-breath.toml",
        "breath-my-plain.toml",
        "figure-my-sit.toml",
        "pose-my-lie.toml",
        "pose-my-sit.toml",
        "sequence-my-flow.toml",
    ]
    after = loaded(fresh)
    assert after.problems == []
    theirs, ours = after.library, source.library
    expected = replace(ours.sequences["my-flow"], sounds=(("end", "gong"),))  # no sound files
    assert theirs.sequences["my-flow"] == expected
    for pose_id in ("my-sit", "my-lie"):
        assert theirs.poses[pose_id] == ours.poses[pose_id]
    for pattern_id in ("my-breath", "my-plain"):
        assert theirs.breaths[pattern_id] == ours.breaths[pattern_id]
    assert "not-used" not in theirs.breaths
    drawn = load_figures([fresh.builtin_figures, fresh.user_figures]).figures["my-sit"]
    original = load_figures([mine.builtin_figures, mine.user_figures]).figures["my-sit"]
    assert replace(drawn, like="") == replace(original, like="")
    assert "not-drawn" not in load_figures([fresh.user_figures]).figures


def test_export_says_what_it_left_out_and_names_what_it_holds(mine: Folders) -> None:
    library = loaded(mine).library
    export = export_sequence(library.sequences["my-flow"], library, mine)
    assert export.notes == ['the sound file "chime.wav" (halfway) is not included']
    assert export.text.startswith(
        '# Somatic Timer sequence "My Flow", with the 2 poses, 2 breath patterns, 1 figure of '
        "its own it needs.\n# Add it to your library with: somatictimer sequence import FILE\n"
        "schema = 1\n"
    )
    assert 'id = "cat-cow"' not in export.text  # built-in items travel by id only


def test_a_clash_is_reported_and_nothing_is_written_until_the_person_chooses(
    mine: Folders, tmp_path: Path
) -> None:
    path = shared_file(mine, tmp_path)
    text = path.read_text(encoding="utf-8").replace("hold_s = 30", "hold_s = 40")
    path.write_text(text, encoding="utf-8")
    before = snapshot(mine)
    incoming = read_shared(path, mine)
    assert [str(c) for c in incoming.clashes] == [
        f'sequence "my-flow" is already in your library ({mine.user_library / "mine.toml"})'
    ]
    assert sorted(incoming.unchanged) == [
        "breath.my-breath",
        "breath.my-plain",
        "figure.my-sit",
        "pose.my-lie",
        "pose.my-sit",
    ]
    with pytest.raises(ImportRefused, match=r"choose --replace .* or --rename"):
        import_shared(incoming, mine, OnClash.ASK)
    # Their sequence sits in a file beside other items: replacing it there is refused too.
    with pytest.raises(ImportRefused, match=r"mine\.toml:\d+: sequence\.my-flow is defined"):
        import_shared(incoming, mine, OnClash.REPLACE)
    assert snapshot(mine) == before
    written = import_shared(incoming, mine, OnClash.RENAME)
    assert [p.name for p in written] == ["sequence-my-flow-2.toml"]
    library = loaded(mine).library
    assert library.sequences["my-flow-2"].name == "My Flow (2)"
    assert library.sequences["my-flow-2"].steps[0].hold_s == 40
    assert library.sequences["my-flow"].steps[0].hold_s == 30


def test_replace_overrides_a_built_in_item_and_rename_keeps_both(tmp_path: Path) -> None:
    folders = install(tmp_path / "user")
    builtin = loaded(folders).library
    cat_cow = replace(builtin.poses["cat-cow"], name="Cat–Cow, slower", reps=4)
    path = tmp_path / "shared.toml"
    sequence = replace(builtin.sequences["evening-hip-release"], name="Evening, mine")
    path.write_text(library_text([cat_cow, sequence]), encoding="utf-8")
    incoming = read_shared(path, folders)
    assert [(c.kind, c.id, c.where, c.new_id) for c in incoming.clashes] == [
        ("pose", "cat-cow", "built-in", "cat-cow-2"),
        ("sequence", "evening-hip-release", "built-in", "evening-hip-release-2"),
    ]
    other_folders = install(tmp_path / "other")
    import_shared(incoming, other_folders, OnClash.REPLACE)
    other = loaded(other_folders)
    assert other.library.poses["cat-cow"] == cat_cow
    assert other.library.sequences["evening-hip-release"] == sequence
    import_shared(incoming, folders, OnClash.RENAME)
    library = loaded(folders).library
    assert library.poses["cat-cow"] == builtin.poses["cat-cow"]
    renamed = library.poses["cat-cow-2"]
    assert (renamed.name, renamed.reps, renamed.figure) == ("Cat–Cow, slower", 4, "cat-cow")
    steps = library.sequences["evening-hip-release-2"].steps
    assert [s.pose for s in steps if "cat-cow" in s.pose] == ["cat-cow-2"]


def test_a_failed_write_removes_what_the_import_had_written(
    mine: Folders, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = shared_file(mine, tmp_path)
    fresh = install(tmp_path / "fresh")
    incoming = read_shared(path, fresh)
    calls = []
    real = sharing.write_atomically

    def fail_fourth(target: Path, data: bytes, *, replace: bool = True) -> None:
        calls.append(target)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        real(target, data, replace=replace)

    monkeypatch.setattr(sharing, "write_atomically", fail_fourth)
    with pytest.raises(OSError, match="No space left"):
        import_shared(incoming, fresh, OnClash.ASK)
    assert snapshot(fresh) == {}


def test_a_name_with_control_characters_still_makes_a_valid_file(
    mine: Folders, tmp_path: Path
) -> None:
    library = loaded(mine).library
    odd = replace(library.sequences["my-flow"], name="Odd\x01name\x7f\u2028end\nsecond line")
    path = tmp_path / "odd.toml"
    path.write_text(export_sequence(odd, library, mine).text, encoding="utf-8")
    incoming = read_shared(path, install(tmp_path / "fresh"))
    assert incoming.problems == []
    assert [i.name for i in incoming.items if i.id == "my-flow"] == [odd.name]


def test_a_figure_drawn_differently_is_a_clash_at_its_line(mine: Folders, tmp_path: Path) -> None:
    path = shared_file(mine, tmp_path)
    text = path.read_text(encoding="utf-8").replace("spine = [20, 0, 0]", "spine = [25, 0, 0]")
    path.write_text(text, encoding="utf-8")
    incoming = read_shared(path, mine)
    header = text.splitlines().index("[[figure]]") + 1
    figures = [c for c in incoming.clashes if c.kind == "figure"]  # (and the sound-less flow)
    assert [(c.kind, c.id, c.where, c.line) for c in figures] == [
        ("figure", "my-sit", str(mine.user_figures / "mine.toml"), header)
    ]
    with pytest.raises(ImportRefused) as refused:
        import_shared(incoming, mine, OnClash.ASK)
    assert refused.value.lines[1] == (
        f'{path}:{header}: figure "my-sit" is already in your library '
        f"({mine.user_figures / 'mine.toml'})"
    )
    import_shared(incoming, mine, OnClash.RENAME)
    drawn = load_figures([mine.builtin_figures, mine.user_figures])
    theirs = loaded(mine).library.poses["my-sit-2"]  # follows its figure to the new id
    figure, _mirror = figure_for(theirs.id, theirs.figure, theirs.figure_mirror, drawn)
    assert figure is not None and figure.keyframes[0].angles["spine"] == (25.0, 0.0, 0.0)
    drawn = drawn.figures
    assert drawn["my-sit"].keyframes[0].angles["spine"] == (20.0, 0.0, 0.0)
