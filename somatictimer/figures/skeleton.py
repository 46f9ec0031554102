"""The body: joints with anatomical ranges, and forward kinematics from joint angles to 3D.

World axes: x forward (the way the figure faces), y up, z to the figure's right. Lengths are
in "body units": a standing figure is about 100 tall. Angles are degrees:

- ``spine``, ``chest``, ``neck``: [flex, side, twist]: flex bends forward, side bends to the
  right, twist turns to the right.
- ``shoulder_*``, ``hip_*``: [flex, abduct, twist]: flex swings the limb forward (arms up in
  front, knee up), abduct swings it out to its own side, twist turns it outward.
- ``elbow_*``, ``knee_*``: a bend (0 straight); ``wrist_*``, ``ankle_*``: flex (hand back /
  toes up positive, pointing negative).
- ``root``: [pitch, roll, yaw] of the pelvis: pitch tips the body forward (90 lies it face
  down, -90 on its back), roll tips it onto its right side, yaw turns it to the right.

Only pure Python: the figures are data, drawn by ``ui``, rendered by ``somatictimer figures``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # rows

SIDES = ("r", "l")
# (name, how many angles, range of each angle in degrees)
JOINTS: dict[str, tuple[tuple[float, float], ...]] = {
    "root": ((-180, 180), (-180, 180), (-180, 180)),
    "spine": ((-45, 100), (-50, 50), (-70, 70)),
    "chest": ((-45, 70), (-40, 40), (-60, 60)),
    "neck": ((-60, 75), (-45, 45), (-85, 85)),
    **{f"shoulder_{s}": ((-80, 190), (-50, 190), (-100, 100)) for s in SIDES},
    **{f"elbow_{s}": ((0, 160),) for s in SIDES},
    **{f"wrist_{s}": ((-90, 90),) for s in SIDES},
    **{f"hip_{s}": ((-50, 160), (-60, 100), (-80, 80)) for s in SIDES},
    **{f"knee_{s}": ((0, 165),) for s in SIDES},
    **{f"ankle_{s}": ((-70, 45),) for s in SIDES},
}

# Proportions (body units). The pelvis centre is the origin of the body.
LOWER_SPINE, UPPER_SPINE, NECK, HEAD_R = 16.0, 15.0, 6.0, 6.6
SHOULDER_W, HIP_W = 9.5, 5.2
UPPER_ARM, FOREARM, HAND = 15.5, 13.5, 6.5
THIGH, SHIN, FOOT = 24.0, 23.0, 10.0
HEEL = 2.5  # the heel is this far behind the ankle

Angles = Mapping[str, tuple[float, ...]]


def _rot_x(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1, 0, 0), (0, c, -s), (0, s, c))


def _rot_y(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0, s), (0, 1, 0), (-s, 0, c))


def _rot_z(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0), (s, c, 0), (0, 0, 1))


def _mul(a: Mat, b: Mat) -> Mat:
    # Written out: called some thirty times a frame, sixty frames a second while moving.
    (a0, a1, a2), (a3, a4, a5), (a6, a7, a8) = a
    (b0, b1, b2), (b3, b4, b5), (b6, b7, b8) = b
    return (
        (a0 * b0 + a1 * b3 + a2 * b6, a0 * b1 + a1 * b4 + a2 * b7, a0 * b2 + a1 * b5 + a2 * b8),
        (a3 * b0 + a4 * b3 + a5 * b6, a3 * b1 + a4 * b4 + a5 * b7, a3 * b2 + a4 * b5 + a5 * b8),
        (a6 * b0 + a7 * b3 + a8 * b6, a6 * b1 + a7 * b4 + a8 * b7, a6 * b2 + a7 * b5 + a8 * b8),
    )


def _apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _forward(deg: float) -> Mat:
    """Swing forward: +y (or -y) tips toward +x by ``deg``."""
    return _rot_z(-deg)


def _trunk(flex: float, side: float, twist: float) -> Mat:
    """A trunk segment: bend forward, bend to the right (+y toward +z), turn right."""
    return _mul(_mul(_forward(flex), _rot_x(side)), _rot_y(-twist))


def _limb(flex: float, abduct: float, twist: float, side: str) -> Mat:
    """A hanging limb (rest: pointing down): swing forward, out to its side, turn out."""
    out = 1.0 if side == "r" else -1.0
    # Rest direction is -y; forward swing of -y toward +x is a rotation about z by +flex.
    return _mul(_mul(_rot_z(flex), _rot_x(-out * abduct)), _rot_y(-out * twist))


def angle(angles: Angles, joint: str, index: int = 0) -> float:
    values = angles.get(joint, ())
    return values[index] if index < len(values) else 0.0


def angles3(angles: Angles, joint: str) -> tuple[float, float, float]:
    return angle(angles, joint, 0), angle(angles, joint, 1), angle(angles, joint, 2)


@dataclass(frozen=True, slots=True)
class Body:
    """Every joint's position in world space (before the body is set on the floor)."""

    points: dict[str, Vec]

    def lowest(self) -> float:
        return min(p[1] for p in self.points.values())


def pose_body(angles: Angles) -> Body:
    """Forward kinematics: joint angles to points (pelvis at the origin)."""
    a = angles
    pitch, roll, yaw = angles3(a, "root")
    root = _mul(_mul(_rot_y(-yaw), _rot_x(roll)), _forward(pitch))
    points: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}

    lower = _mul(root, _trunk(*angles3(a, "spine")))
    mid = _apply(lower, (0.0, LOWER_SPINE, 0.0))
    upper = _mul(lower, _trunk(*angles3(a, "chest")))
    chest = _add(mid, _apply(upper, (0.0, UPPER_SPINE, 0.0)))
    head_frame = _mul(upper, _trunk(*angles3(a, "neck")))
    neck_top = _add(chest, _apply(head_frame, (0.0, NECK, 0.0)))
    points.update(
        mid=mid,
        chest=chest,
        neck=neck_top,
        head=_add(neck_top, _apply(head_frame, (1.0, HEAD_R * 0.9, 0.0))),
        nose=_add(neck_top, _apply(head_frame, (HEAD_R * 1.05, HEAD_R * 0.75, 0.0))),
    )
    for side in SIDES:
        out = 1.0 if side == "r" else -1.0
        shoulder = _add(chest, _apply(upper, (0.0, -1.5, out * SHOULDER_W)))
        arm = _mul(upper, _limb(*angles3(a, f"shoulder_{side}"), side))
        elbow = _add(shoulder, _apply(arm, (0.0, -UPPER_ARM, 0.0)))
        fore = _mul(arm, _rot_z(angle(a, f"elbow_{side}")))  # bends forward, like a curl
        wrist = _add(elbow, _apply(fore, (0.0, -FOREARM, 0.0)))
        hand = _mul(fore, _rot_z(-angle(a, f"wrist_{side}")))
        points[f"shoulder_{side}"] = shoulder
        points[f"elbow_{side}"] = elbow
        points[f"wrist_{side}"] = wrist
        points[f"hand_{side}"] = _add(wrist, _apply(hand, (0.0, -HAND, 0.0)))

        hip = _apply(root, (0.0, 0.0, out * HIP_W))
        thigh = _mul(root, _limb(*angles3(a, f"hip_{side}"), side))
        knee = _add(hip, _apply(thigh, (0.0, -THIGH, 0.0)))
        shin = _mul(thigh, _rot_z(-angle(a, f"knee_{side}")))  # bends backward
        ankle = _add(knee, _apply(shin, (0.0, -SHIN, 0.0)))
        foot = _mul(shin, _rot_z(angle(a, f"ankle_{side}")))
        points[f"hip_{side}"] = hip
        points[f"knee_{side}"] = knee
        points[f"ankle_{side}"] = ankle
        points[f"heel_{side}"] = _add(ankle, _apply(foot, (-HEEL, -2.0, 0.0)))
        points[f"toe_{side}"] = _add(ankle, _apply(foot, (FOOT, -2.0, 0.0)))
    return Body(points)
