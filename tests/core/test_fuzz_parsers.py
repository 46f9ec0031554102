"""Fuzzing every parser a user (or anyone) can feed: library and settings TOML, history JSON
and CSV imports, control-socket lines, command-line arguments.

The promise: whatever the input, the documented outcome (a problem naming the file, a
HistoryError, a ValueError, exit status 2) and never another exception; a failed import
changes nothing that was there.
"""

from __future__ import annotations

import json
import os
import stat
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from somatictimer import control
from somatictimer.cli import build_parser
from somatictimer.core.history.io import INSIGHT_HEADER, import_file
from somatictimer.core.history.records import HistoryError, SessionRecord, record_to_dict
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.library import load_library
from somatictimer.core.settings import Settings, load_settings

from tests.conftest import examples

FUZZ = settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text that tends to break parsers: brackets, quotes, escapes, odd Unicode.
NASTY = st.text(
    alphabet=st.sampled_from([*string.printable, *"[]{}\"'\\\x00", "\ud800", "é", "🪷"]),
    max_size=300,
)
DEEP = st.integers(min_value=1, max_value=5000).map(lambda n: "x = " + "[" * n + "]" * n + "\n")
TOML_LIKE = st.one_of(
    NASTY,
    DEEP,
    st.builds(lambda body: f"schema = 1\n[[pose]]\n{body}", NASTY),
    st.builds(
        lambda n: "schema = 1\n" + "a = {b = " * n + "1" + "}" * n + "\n", st.integers(1, 3000)
    ),
)


def write_bytes(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))


DEEP_TOML = "x = " + "[" * 3000 + "]" * 3000 + "\n"  # 6 KB that once raised RecursionError


@FUZZ
@given(text=TOML_LIKE)
@example(text=DEEP_TOML)
def test_any_library_file_gives_problems_naming_it_never_an_exception(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "lib" / "fuzz.toml"
    path.parent.mkdir(exist_ok=True)
    write_bytes(path, text)
    before = path.read_bytes()
    result = load_library([[path.parent]])
    for problem in result.problems:
        assert problem.file == str(path)
    assert path.read_bytes() == before


@FUZZ
@given(text=TOML_LIKE)
@example(text=DEEP_TOML)
def test_any_settings_file_gives_settings_and_notices_never_an_exception(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "cfg" / "settings.toml"
    path.parent.mkdir(exist_ok=True)
    for old in path.parent.iterdir():
        old.unlink()
    write_bytes(path, text)
    loaded, notices = load_settings(path)
    assert isinstance(loaded, Settings)
    assert all(str(path) in notice for notice in notices)


def a_session() -> SessionRecord:
    started = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)
    return SessionRecord(
        id="kept",
        started_at=started,
        ended_at=started,
        sequence_id="s",
        sequence_name="Kept",
        tradition="",
        planned_s=60.0,
        practised_s=60.0,
        status="completed",
    )


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**80), max_value=2**80),
        st.floats(allow_nan=True, allow_infinity=True),
        NASTY,
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(NASTY, inner, max_size=4)),
    max_leaves=20,
)
SESSION_KEYS = sorted(record_to_dict(a_session()))  # every key our export writes
SESSIONS = st.lists(
    st.dictionaries(st.sampled_from(SESSION_KEYS), JSON_VALUES, max_size=len(SESSION_KEYS)),
    max_size=5,
).map(lambda items: json.dumps(items, ensure_ascii=True))
INSIGHT = st.lists(st.lists(NASTY, max_size=5), max_size=6).map(
    lambda rows: "\n".join(
        [",".join(INSIGHT_HEADER)] + [",".join(json.dumps(c) for c in row) for row in rows]
    )
)
IMPORTS = st.one_of(
    SESSIONS,
    INSIGHT,
    NASTY,
    st.integers(1, 5000).map(lambda n: "[" * n + "]" * n),
    st.just(",".join(INSIGHT_HEADER) + '\n"' + "x" * 200_000 + '",1:00:00,a,b\n'),
    st.just(",".join(INSIGHT_HEADER) + "\n12/31/9999 23:59:59,999999:00:00,Late,Sit\n"),
)


A_ROW = {
    "id": "x",
    "started_at": "2026-11-01T07:00:00+00:00",
    "ended_at": "2026-11-01T07:10:00+00:00",
    "sequence_name": "S",
    "planned_s": 600,
    "practised_s": 600,
    "status": "completed",
}


@FUZZ
@given(text=IMPORTS, accept_bad=st.booleans())
@example(text="[" * 3000 + "]" * 3000, accept_bad=True)  # once a RecursionError
@example(text=json.dumps([{**A_ROW, "pauses": 2**70}]), accept_bad=True)  # past SQLite's int
@example(text=json.dumps([{**A_ROW, "notes": "\ud800"}]), accept_bad=True)  # a lone surrogate
@example(  # a field over csv's 128 KiB limit
    text=",".join(INSIGHT_HEADER) + '\n"' + "x" * 200_000 + '",1:00:00,a,b\n', accept_bad=True
)
@example(  # an end past the year 9999
    text=",".join(INSIGHT_HEADER) + "\n12/31/9999 23:59:59,999999:00:00,Late,Sit\n",
    accept_bad=True,
)
def test_any_import_adds_valid_sessions_or_fails_cleanly_and_changes_nothing(
    tmp_path: Path, text: str, accept_bad: bool
) -> None:
    database = tmp_path / "h.sqlite3"
    database.unlink(missing_ok=True)
    with HistoryStore(database) as store:
        store.save(a_session())
        path = tmp_path / "import.json"
        write_bytes(path, text)
        try:
            result = import_file(store, path, accept_bad=accept_bad)
        except HistoryError as error:
            assert str(path) in str(error)
            result = None
        sessions = store.sessions()
        if result is None or not result.committed:
            assert [s.id for s in sessions] == ["kept"]
        else:
            assert len(sessions) == 1 + result.added
        for session in sessions:  # everything stored reads back
            assert store.get(session.id) == session


@pytest.mark.parametrize("special", ["fifo", "device", "folder"])
def test_special_files_are_refused_by_every_reader(tmp_path: Path, special: str) -> None:
    path = tmp_path / "thing.toml"
    if special == "fifo":
        os.mkfifo(path)  # a plain open() would wait forever for a writer
    elif special == "device":
        # A private copy of /dev/zero (endless: it would fill the memory). Never the real
        # one: a reader that went wrong (a mutant, say) could rename it.
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
    else:
        path.mkdir()
    with (
        HistoryStore(tmp_path / "h.sqlite3") as store,
        pytest.raises(HistoryError, match="cannot be imported: it is a"),
    ):
        import_file(store, path)
    loaded, notices = load_settings(path)
    assert loaded == Settings() and len(notices) == 1 and str(path) in notices[0]
    if special == "fifo":
        assert "named pipe" in notices[0]
        problems = load_library([[tmp_path]]).problems
        assert [p.message for p in problems] == [
            "expected a library file, found a named pipe (FIFO)"
        ]


@FUZZ
@given(line=st.one_of(st.binary(max_size=200), JSON_VALUES.map(lambda v: json.dumps(v).encode())))
def test_any_control_line_is_a_request_or_a_value_error(line: bytes) -> None:
    try:
        request = control.parse_request(line)
    except ValueError:
        return
    assert request["command"] in control.COMMANDS


def test_control_lines_that_are_too_long_or_too_deep_are_refused() -> None:
    with pytest.raises(ValueError, match="too long"):
        control.parse_request(b'{"command": "status", "x": "' + b"a" * 70_000 + b'"}')
    with pytest.raises(ValueError, match="nested too deeply"):
        control.parse_request(b"[" * 30_000 + b"]" * 30_000)


@FUZZ
@given(
    argv=st.lists(
        st.one_of(
            NASTY,
            st.sampled_from(
                [
                    "run",
                    "plan",
                    "list",
                    "history",
                    "export",
                    "import",
                    "-o",
                    "--json",
                    "--minutes",
                    "--volume",
                    "--audio",
                    "status",
                    "check",
                    "cues",
                    "-1",
                    "1e309",
                ]
            ),
        ),
        max_size=6,
    )
)
def test_any_command_line_parses_or_exits_with_usage(argv: list[str]) -> None:
    try:
        build_parser().parse_args(argv)
    except SystemExit as exit_:
        assert exit_.code in (0, 2)
