"""Insight Timer rows pass the same checks as every saved session, and a broken CSV names
the line it broke on."""

from __future__ import annotations

from pathlib import Path

import pytest
from somatictimer.core.history.io import INSIGHT_HEADER, import_file
from somatictimer.core.history.records import HistoryError
from somatictimer.core.history.store import HistoryStore


def test_an_insight_row_with_a_name_past_the_text_limit_is_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "insight.csv"
    long_name = "x" * 100_001
    path.write_text(
        ",".join(INSIGHT_HEADER)
        + f"\n11/20/2026 07:30:00,0:10:00,{long_name},Meditation\n"
        + "11/21/2026 07:30:00,0:10:00,Sit,Meditation\n",
        encoding="utf-8",
    )
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        result = import_file(store, path, accept_bad=True)
        assert [(bad.line, bad.message[:15]) for bad in result.bad] == [(2, "sequence_name: ")]
        assert result.added == 1 and [s.sequence_name for s in store.sessions()] == ["Sit"]


def test_a_field_too_long_for_csv_is_reported_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "insight.csv"
    path.write_text(
        ",".join(INSIGHT_HEADER)
        + "\n11/20/2026 07:30:00,0:10:00,Sit,Meditation\n"
        + '11/21/2026 07:30:00,0:10:00,"'
        + "x" * 200_000
        + '",Meditation\n',
        encoding="utf-8",
    )
    with HistoryStore(tmp_path / "h.sqlite3") as store, pytest.raises(HistoryError) as caught:
        import_file(store, path)
    assert str(caught.value).startswith(f"{path}: line 3: not valid CSV (field larger than")
