"""Build me a session: compose a sequence from minutes, a focus, families and an intensity
(docs/session-builder.md)."""

from somatictimer.core.compose.compose import compose
from somatictimer.core.compose.request import (
    ComposeError,
    ComposeRequest,
    Focus,
    Intensity,
)
from somatictimer.core.compose.rules import broken_rules

__all__ = ["ComposeError", "ComposeRequest", "Focus", "Intensity", "broken_rules", "compose"]
