"""Cue sound synthesis and playback backends (imports core, never ui)."""
