"""Observers: every callback runs, in order; a failing one is logged by its hook's name."""

from __future__ import annotations

import logging

import pytest
from somatictimer.core.events import Hook

from tests.core.test_engine import make_engine


def test_callbacks_run_in_order_and_a_failure_does_not_stop_the_rest(
    caplog: pytest.LogCaptureFixture,
) -> None:
    hook = Hook("step_did_start")
    heard: list[object] = []

    def broken(*args: object) -> None:
        raise RuntimeError("observer bug")

    hook.connect(lambda *a: heard.append(("first", a)))
    hook.connect(broken)
    hook.connect(lambda *a: heard.append(("last", a)))
    with caplog.at_level(logging.ERROR):
        hook.emit(1, 2)
    assert heard == [("first", (1, 2)), ("last", (1, 2))]
    assert caplog.messages == ["callback for step_did_start failed"]
    hook.disconnect(broken)
    caplog.clear()
    hook.emit(3)
    assert caplog.messages == [] and heard[-1] == ("last", (3,))


@pytest.mark.parametrize(
    "name",
    [
        "state_did_change",
        "segment_did_start",
        "timeline_did_change",
        "session_did_autopause",
        "cues_were_skipped",
    ],
)
def test_engine_hooks_are_named_in_the_log(name: str, caplog: pytest.LogCaptureFixture) -> None:
    engine, _ = make_engine()
    getattr(engine, name).connect(lambda *a: 1 / 0)
    with caplog.at_level(logging.ERROR):
        getattr(engine, name).emit()
    assert caplog.messages == [f"callback for {name} failed"]


def test_an_engine_not_yet_started_stands_at_zero() -> None:
    engine, clock = make_engine()
    clock.advance(100)
    assert engine.position_ms == 0 and engine.remaining_s == engine.timeline.total_s
    assert engine.practised_s == 0 and engine.segment.index == 0
