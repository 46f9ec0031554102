"""Values a user types into settings.toml: which sounds count as a file path (the documented
rule), and a refusal that quotes the user's own text without rewriting it."""

from __future__ import annotations

from pathlib import Path

import pytest
from somatictimer.core import fields as f
from somatictimer.core import settings_schema as schema
from somatictimer.core.settings import Settings, load_settings


@pytest.fixture
def path(isolated_dirs: Path) -> Path:
    """Where the app keeps settings in this test's XDG config dir (AppPaths.settings_file)."""
    return isolated_dirs / "config" / "somatictimer" / "settings.toml"


def test_every_documented_form_of_a_sound_file_path_is_accepted(path: Path) -> None:
    """docs/settings.md: a path is anything with a `/`, a `\\`, a leading `~` or an extension."""
    sounds = {
        "session-start": "/usr/share/sounds/bell",
        "countdown": "C:\\Sounds\\bell",
        "step-start": "~bell",
        "end": "bell.ogg",
    }
    path.parent.mkdir(parents=True)
    table = "".join(f"{kind} = '{sound}'\n" for kind, sound in sounds.items())
    path.write_text("[event_sounds]\n" + table, encoding="utf-8")
    assert load_settings(path) == (Settings(event_sounds=sounds), [])


def test_a_word_that_is_neither_a_sound_nor_a_path_is_refused(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("[event_sounds]\nend = 'temple'\n", encoding="utf-8")
    loaded, notices = load_settings(path)
    assert loaded == Settings()
    assert notices[0].endswith('found "temple"; it is ignored')


def test_the_leave_it_out_hint_is_added_once_and_never_inside_the_users_text() -> None:
    check = schema._unset_or(schema._seconds(0, 600), "or leave it out")
    with pytest.raises(f.FieldError) as caught:
        check("soon, found later")
    assert str(caught.value) == (
        'expected seconds from 0 to 600 (or leave it out), found "soon, found later"'
    )
