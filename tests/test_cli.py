"""The command line as a user runs it: real subprocesses, real exit codes, real JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from somatictimer import __version__
from somatictimer.cli import main

from tests.conftest import DATA


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "somatictimer", *args], capture_output=True, text=True, timeout=60
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"somatictimer {__version__}"


def test_check_reports_every_broken_file_with_exit_1_and_no_traceback(tmp_path: Path) -> None:
    huge = tmp_path / "ten-megabytes.toml"
    huge.write_bytes(b"schema = 1\n" + b"x" * (10 * 2**20))
    broken = sorted((DATA / "broken").glob("*.toml"))
    result = run("check", *map(str, broken), str(DATA / "broken" / "duplicate-id"), str(huge))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for path in [*broken, huge]:
        assert f"{path}" in result.stdout, path
    assert "second.toml:9: breath.equal-4-4: id already defined in" in result.stdout


@pytest.mark.parametrize("path", sorted((DATA / "broken").glob("*.toml")), ids=lambda p: p.name)
def test_check_one_broken_file_exits_1(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(path)]) == 1
    assert str(path) in capsys.readouterr().out


def test_check_without_paths_validates_installed_and_user_library(user_library: Path) -> None:
    assert run("check").returncode == 0
    (user_library / "typo.toml").write_text(
        'schema = 1\n[[sequence]]\nid = "x"\nname = "X"\nsteps = [{ pose = "cat-cwo" }]\n',
        encoding="utf-8",
    )
    result = run("check")
    assert result.returncode == 1
    assert (
        'typo.toml:5: sequence.x.steps[1].pose: expected a known pose id, found "cat-cwo" '
        '(did you mean "cat-cow"?)' in result.stdout
    )


def test_plan_json_for_the_hip_sequence_ends_exactly_at_total() -> None:
    result = run("plan", "Evening Hip Release", "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["segments"][-1]["end_s"] == plan["total_s"] == 1210.0
    assert plan["practice_s"] == 1200.0
    end = [c for c in plan["cues"] if c["kind"] == "end"]
    assert [c["at_s"] for c in end] == [plan["total_s"]]
    for segment in plan["segments"]:
        assert {"start_s", "end_s", "kind", "pose_id", "side"} <= segment.keys()
    assert {c["kind"] for c in plan["cues"]} >= {
        "session-start",
        "countdown",
        "step-start",
        "switch-side",
        "halfway",
        "inhale",
        "exhale",
    }
    sides = [s["side"] for s in plan["segments"] if s["pose_id"] == "half-pigeon"]
    assert sides == ["right", "left"]


def test_plan_text_lists_blocks_with_times(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "eight-brocades"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Eight Brocades — 12:02 of practice (+0:10 get ready)")
    # No wider than the longest time: the blocks start at the left edge.
    assert out.splitlines()[1:3] == [
        " 0:00 –  0:10  prep       Get ready",
        " 0:10 –  0:55  hold       Preparatory Posture (Yù Bèi Shì)",
    ]
    assert out.splitlines()[-1] == "11:12 – 12:12  hold       Closing Form (Shōu Shì)"


def test_plan_unknown_name_suggests_and_exits_2() -> None:
    result = run("plan", "Evening Hip Relase")
    assert result.returncode == 2
    assert 'did you mean "Evening Hip Release"?' in result.stderr


def test_list_sequences_json_has_ids_names_and_totals() -> None:
    result = run("list", "sequences", "--json")
    rows = json.loads(result.stdout)
    totals = {r["id"]: r["total_s"] for r in rows}
    assert totals["eight-brocades"] == 722.0
    assert all({"id", "name", "total_s"} <= r.keys() for r in rows)


@pytest.mark.parametrize("what", ["poses", "breaths"])
def test_list_poses_and_breaths_json(what: str) -> None:
    rows = json.loads(run("list", what, "--json").stdout)
    assert rows and all({"id", "name"} <= r.keys() for r in rows)


def test_cues_render_writes_every_sound_as_wav(tmp_path: Path) -> None:
    from somatictimer.audio.synth import SOUND_NAMES

    result = run("cues", "render", str(tmp_path / "cues"))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "cues").glob("*.wav"))
    assert written == sorted(f"{name}.wav" for name in SOUND_NAMES)


def test_install_desktop_entry_flag(isolated_dirs: Path) -> None:
    result = run("--install-desktop-entry")
    assert result.returncode == 0, result.stderr
    entry = isolated_dirs / "data" / "applications" / "io.github.somatictimer.SomaticTimer.desktop"
    assert str(entry) in result.stdout and entry.exists()


def test_list_families_shows_the_ten_families_with_their_counts() -> None:
    result = run("list", "families")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 10
    assert lines[1].split()[:4] == ["yin-yoga", "Yin", "yoga", "11"]


def test_plan_and_run_accept_a_pose_or_a_breath_pattern(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "cat-cow", "--cues"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cat–Cow (Marjaryasana–Bitilasana) — 1:00 of practice")
    assert "0:13  exhale 1" in out
    assert main(["plan", "4-7-8", "--minutes", "1"]) == 0
    assert "0:57 of practice" in capsys.readouterr().out  # whole 19 s cycles
    assert main(["plan", "nothing-like-this"]) == 2
    assert (
        'no sequence, pose or breath pattern named "nothing-like-this"' in capsys.readouterr().err
    )


def test_run_fits_the_sequence_to_my_body_unless_asked_not_to(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from somatictimer import terminal
    from somatictimer.core.paths import AppPaths

    settings = AppPaths.from_platform().settings_file
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('schema_version = 1\ncaution_profile = ["glaucoma-high-bp"]\n')
    practised: list = []
    monkeypatch.setattr(
        terminal, "run_in_terminal", lambda seq, *a, **k: practised.append(seq) or 0
    )
    assert main(["run", "Evening Hip Release", "--audio", "null"]) == 0
    err = capsys.readouterr().err
    assert (
        "caution (glaucoma / high blood pressure): Legs Up the Wall (Viparita Karani) replaced by"
        in err
    )
    assert "legs-up-the-wall" not in [s.pose for s in practised[0].steps]
    assert main(["run", "box-breathing", "--audio", "null"]) == 0
    assert practised[1].steps[0].pose == "equal-breathing"  # no breath holds with this flag
    assert main(["run", "evening-hip-release", "--as-written", "--audio", "null"]) == 0
    assert "legs-up-the-wall" in [s.pose for s in practised[2].steps]
