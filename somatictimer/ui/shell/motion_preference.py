"""Whether figures should move: the "Motion" setting, or the desktop's own preference.

Qt exposes no "reduce motion" hint on Linux (its UI-effects flags are off on every platform
plugin here, whatever the desktop says), so "system" asks GNOME's setting where it exists
(`org.gnome.desktop.interface enable-animations`, also honoured by several other desktops)
and otherwise lets figures move.
"""

from __future__ import annotations

import functools
import shutil
import subprocess


@functools.cache
def desktop_prefers_reduced_motion() -> bool:
    gsettings = shutil.which("gsettings")
    if gsettings is None:
        return False
    try:
        result = subprocess.run(
            [gsettings, "get", "org.gnome.desktop.interface", "enable-animations"],
            capture_output=True,
            text=True,
            timeout=1.0,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and result.stdout.strip() == "false"


def reduce_motion(setting: str) -> bool:
    if setting == "system":
        return desktop_prefers_reduced_motion()
    return setting == "reduce"
