"""The TOML writer: every value it writes reads back the same with tomllib."""

from __future__ import annotations

import math
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from somatictimer.core import toml_emit


def read_back(value: object) -> object:
    return tomllib.loads(toml_emit.pair("x", value))["x"]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('say "hi"', r'"say \"hi\""'),
        ("back\\slash", r'"back\\slash"'),
        ("two\nlines\ttab\r", r'"two\nlines\ttab\r"'),
        ("bell\x07 del\x7f", r'"bell\u0007 del\u007F"'),
        ("Cat–Cow ✓", '"Cat–Cow ✓"'),
        (True, "true"),
        (False, "false"),
        (60, "60"),
        (2.5, "2.5"),
        (60.0, "60.0"),
        (1e-05, "1e-05"),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        (["a", 1], '["a", 1]'),
        ({"pose": "cat-cow", "hold_s": 30}, '{ pose = "cat-cow", hold_s = 30 }'),
        ({"odd key": 1}, '{ "odd key" = 1 }'),
        ({}, "{}"),
    ],
)
def test_values_are_written_as_a_person_would(value: object, written: str) -> None:
    assert toml_emit.value(value) == written
    assert read_back(value) == value


def test_nan_is_written_as_toml_nan() -> None:
    assert toml_emit.value(math.nan) == "nan"
    assert math.isnan(read_back(math.nan))  # type: ignore[arg-type]


def test_anything_else_is_refused_rather_than_written_wrongly() -> None:
    with pytest.raises(TypeError, match="cannot write set as TOML"):
        toml_emit.value({1, 2})


def test_a_table_puts_each_step_on_its_own_line() -> None:
    lines = toml_emit.table_lines(
        "sequence", {"id": "s", "steps": [{"pose": "a"}, {"pose": "b"}]}, one_per_line="steps"
    )
    assert lines == [
        "[[sequence]]",
        'id = "s"',
        "steps = [",
        '  { pose = "a" },',
        '  { pose = "b" },',
        "]",
    ]
    assert tomllib.loads("\n".join(lines))["sequence"][0]["steps"][1] == {"pose": "b"}


scalars = (
    st.text()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(values)
def test_any_value_reads_back_equal(value: object) -> None:
    assert read_back(value) == value


@given(st.text(min_size=1))
def test_any_key_reads_back_equal(key: str) -> None:
    assert list(tomllib.loads(toml_emit.pair(key, 1))) == [key]
