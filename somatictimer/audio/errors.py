"""Errors shared by the audio backends."""


class PlaybackError(RuntimeError):
    """A backend cannot play (missing library, no device, device lost)."""
