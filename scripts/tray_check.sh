#!/usr/bin/env bash
# Under Xvfb, with and without a tray host (trayer): screenshot the desktop while a session
# runs. With a tray the icon shows the minutes; without one the mini window stands in.
#   bash scripts/tray_check.sh [OUT_DIR]     (needs xvfb, trayer, imagemagick)
set -euo pipefail
out=${1:-/tmp/tray-check}
mkdir -p "$out"
here=$(cd "$(dirname "$0")/.." && pwd)
py="$here/.venv/bin/python"
home=$(mktemp -d)
export XDG_CONFIG_HOME=$home/c XDG_DATA_HOME=$home/d XDG_CACHE_HOME=$home/k
export XDG_RUNTIME_DIR=$home/r && mkdir -m 700 "$XDG_RUNTIME_DIR"
unset QT_QPA_PLATFORM

shoot() {  # $1 display, $2 with tray (yes/no), $3 name
  Xvfb ":$1" -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
  export DISPLAY=":$1"
  if [ "$2" = yes ]; then
    trayer --edge top --align right --widthtype request --height 32 --tint 0x303030 \
      --transparent false >/dev/null 2>&1 & tray=$!
    sleep 1
  fi
  (cd "$here" && "$py" -m somatictimer --audio null --start evening-hip-release) >/dev/null 2>&1 &
  app=$!
  sleep 14
  # Hide the main window the way a person would close it: the session carries on.
  (cd "$here" && "$py" -m somatictimer status) || true
  xdotool search --name "^Somatic Timer$" | while read -r w; do
    xdotool windowclose "$w" 2>/dev/null || true; done
  sleep 2
  import -window root "$out/$3.png"
  echo "$out/$3.png"
  kill "$app" 2>/dev/null || true
  [ "$2" = yes ] && kill "$tray" 2>/dev/null
  kill "$xvfb" 2>/dev/null || true
  wait 2>/dev/null || true
}

shoot 91 yes with-tray
shoot 92 no without-tray
