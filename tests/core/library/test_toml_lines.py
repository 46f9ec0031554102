"""Finding the line of a key or a step, so every problem names the line a person must edit."""

from __future__ import annotations

from somatictimer.core.library.toml_lines import TomlLines

TEXT = """schema = 1
"quoted-top" = 2
[[pose]]
id = "a"
name = "A"
[[pose]]
id = "b"
'hold_s' = 30
[extra]
x = 1
[[sequence]]
id = "s"
steps = [
  { pose = "a", note = "a { brace in quotes" },  # and { in a comment
  { pose = "b", note = 'single { quoted' }, { pose = "a" },
  { pose = "b", note = "escaped \\" quote { still inside" },
  { pose = "a" },
]
[[sequence]]
id = "t"
[[sequence.steps]]
pose = "a"
[[sequence.steps]]
pose = "b"
"""


def test_top_level_keys_stop_at_the_first_table() -> None:
    lines = TomlLines(TEXT)
    assert lines.top_level("schema") == 1
    assert lines.top_level("quoted-top") == 2
    assert lines.top_level("id") is None  # only inside tables
    assert lines.top_level("x") is None


def test_tables_and_keys_inside_them() -> None:
    lines = TomlLines(TEXT)
    assert [lines.table("pose", i) for i in range(3)] == [3, 6, None]
    assert lines.key("pose", 0, "name") == 5
    assert lines.key("pose", 1, "hold_s") == 8  # a quoted key
    assert lines.key("pose", 1, "name") == 6  # missing: the table's own line
    assert lines.key("pose", 2, "id") is None  # no such table
    assert lines.key("sequence", 0, "steps") == 13
    assert lines.key("pose", 1, "x") == 6  # [extra] ends the pose's table


def test_inline_steps_are_counted_by_braces_outside_strings_and_comments() -> None:
    lines = TomlLines(TEXT)
    found = [lines.item("sequence", 0, "steps", n) for n in range(6)]
    assert found == [14, 15, 15, 16, 17, 13]  # a missing step points at `steps`


def test_steps_written_as_tables_belong_to_their_sequence() -> None:
    lines = TomlLines(TEXT)
    assert [lines.item("sequence", 1, "steps", n) for n in range(3)] == [21, 23, 19]
    assert lines.item("sequence", 2, "steps", 0) is None


def test_a_sequence_without_steps_points_at_its_table() -> None:
    lines = TomlLines('[[sequence]]\nid = "x"\n')
    assert lines.item("sequence", 0, "steps", 0) == 1
