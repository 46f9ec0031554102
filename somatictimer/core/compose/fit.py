"""Fit block lengths to a total: scale every pose's default by one factor within its range,
round to whole seconds (whole reps for rep-based poses), then nudge to land on the total."""

from __future__ import annotations

from math import ceil, floor

# (blocks, default block s, shortest block s, longest block s, rep_s or None)
FitItem = tuple[int, float, float, float, float | None]
SEARCH_STEPS = 40
NUDGES = 200


def fit_blocks(items: list[FitItem], total_s: float) -> list[float] | None:
    """Block lengths whose sum (each times its blocks) is ``total_s`` to within a second or
    so, each within its range; None when the ranges cannot reach ``total_s``."""
    if sum(n * low for n, _d, low, _h, _r in items) > total_s + 0.5:
        return None
    if sum(n * high for n, _d, _l, high, _r in items) < total_s - 0.5:
        return None
    factor = _factor(items, total_s)
    lengths = [_rounded(item, item[1] * factor) for item in items]
    return _nudged(items, lengths, total_s)


def _clamped(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _sum(items: list[FitItem], factor: float) -> float:
    return sum(n * _clamped(d * factor, low, high) for n, d, low, high, _r in items)


def _factor(items: list[FitItem], total_s: float) -> float:
    """The one scale factor whose clamped lengths sum to ``total_s`` (bisection)."""
    below, above = 0.0, max(high / d for _n, d, _l, high, _r in items) + 1
    for _ in range(SEARCH_STEPS):
        middle = (below + above) / 2
        if _sum(items, middle) < total_s:
            below = middle
        else:
            above = middle
    return (below + above) / 2


def _rounded(item: FitItem, length: float) -> float:
    _n, _d, low, high, rep_s = item
    if rep_s:
        reps = _clamped(round(length / rep_s), round(low / rep_s), round(high / rep_s))
        return reps * rep_s
    whole_low, whole_high = ceil(low), floor(high)
    if whole_low > whole_high:
        return _clamped(length, low, high)
    return float(_clamped(round(length), whole_low, whole_high))


def _nudged(items: list[FitItem], lengths: list[float], total_s: float) -> list[float]:
    """Move single lengths (whole seconds, or one rep) while that brings the sum closer."""
    for _ in range(NUDGES):
        missing = total_s - sum(
            n * length for (n, *_rest), length in zip(items, lengths, strict=True)
        )
        if abs(missing) < 0.5:
            break
        best: tuple[float, int, float, float] | None = None
        for index, ((n, _d, low, high, rep_s), length) in enumerate(
            zip(items, lengths, strict=True)
        ):
            if rep_s:
                step = rep_s if missing > 0 else -rep_s
                moved = length + step
                if not low - 1e-9 <= moved <= high + 1e-9:
                    continue
            else:
                moved = _clamped(length + round(missing / n), ceil(low), floor(high))
            left = abs(missing - n * (moved - length))
            # Of equal moves, the longest hold's: seconds more or less show least there.
            if left < abs(missing) and (best is None or (left, -length) < (best[0], -best[3])):
                best = (left, index, moved, length)
        if best is None:
            break
        lengths[best[1]] = best[2]
    return lengths
