"""`somatictimer build`: a session for a focus, printed like `plan`, saved into the library
when asked; what a request cannot get is one sentence and exit 1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from somatictimer.cli import main
from somatictimer.core.paths import AppPaths


def _holds(out: str) -> list[str]:
    return [line.split("hold", 1)[1].strip() for line in out.splitlines() if " hold " in line]


def test_build_prints_the_plan_of_twenty_minutes_for_the_hips(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["build", "--minutes", "20", "--focus", "hips", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Hips, 20 min — 20:00 of practice (+0:10 get ready)"
    holds = _holds(out)
    assert holds[0] == "Knee Circles"
    assert holds[-1] == "Corpse Pose (Savasana)"
    assert "High (Crescent) Lunge" in holds[2] and holds[2].endswith("(right)")
    assert "High (Crescent) Lunge" in holds[3] and holds[3].endswith("(left)")
    assert lines[-2].startswith("16:59 – 20:10  hold       Corpse Pose")
    assert lines[-1] == "seed 1: --seed 1 builds this session again; without it, another one"


def test_without_a_seed_each_build_names_its_seed_and_that_seed_builds_it_again(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["build", "--focus", "calm", "--minutes", "15"]) == 0
    first = capsys.readouterr().out
    found = re.search(r"^seed (\d+): --seed \1 builds", first, re.MULTILINE)
    assert found
    assert main(["build", "--focus", "calm", "--minutes", "15", "--seed", found[1]]) == 0
    assert capsys.readouterr().out == first


def test_build_follows_my_body(isolated_dirs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = AppPaths.from_platform().settings_file
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('schema_version = 1\ncaution_profile = ["pregnancy-late"]\n')
    assert main(["build", "--focus", "hips", "--minutes", "30", "--seed", "4"]) == 0
    captured = capsys.readouterr()
    assert _holds(captured.out)[-1] == "Wide-Knee Child's Pose (Balasana variation)"
    assert "Corpse Pose" not in captured.out
    assert captured.err == "caution profile (My body): late pregnancy\n"


def test_a_session_that_cannot_be_built_is_one_sentence_and_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["build", "--minutes", "90", "--focus", "feet", "--family", "feet"]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "somatictimer: The chosen families' poses that fit your caution profile at moderate "
        "intensity fill at most about 23 minutes; choose more families or fewer minutes.\n"
    )


def test_minutes_outside_ten_to_ninety_are_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["build", "--minutes", "5"])
    assert exited.value.code == 2
    assert "expected 10 to 90 minutes, found 5" in capsys.readouterr().err


def test_save_puts_the_session_in_my_library_and_never_over_another(
    user_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["build", "--focus", "calm", "--minutes", "15", "--seed", "5"]
    assert main([*args, "--save", "Evening calm"]) == 0
    captured = capsys.readouterr()
    saved = user_library / "sequence-evening-calm.toml"
    assert captured.err == f'saved "Evening calm" to {saved}\n'
    assert captured.out.startswith("Evening calm — 15:00 of practice (+0:10 get ready)\n")
    assert main(["list"]) == 0
    listed = capsys.readouterr().out
    assert re.search(r"^evening-calm +Evening calm +15:00$", listed, re.MULTILINE)
    assert main(["check"]) == 0
    capsys.readouterr()
    written = saved.read_text(encoding="utf-8")
    assert main([*args, "--seed", "6", "--save", "evening calm!"]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        'somatictimer: a sequence with the id "evening-calm" is already in the library; '
        "choose another name\n"
    )
    assert captured.out == ""
    assert saved.read_text(encoding="utf-8") == written
