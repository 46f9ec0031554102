"""From a posed body to what is drawn: an orthographic camera, depth order, props.

The output is plain data, in body units with y up and the floor at 0: strokes (a polyline of
one width), a disc for the head, polygons for props, each with a depth and a shade (0 near,
1 far) so the painter draws far things first and fainter. ``ui`` only strokes them.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

from somatictimer.figures.skeleton import HEAD_R, SIDES, Body, Vec

# yaw turns the camera from the figure's right side (0) to its front (90); pitch raises it.
VIEWS: dict[str, tuple[float, float]] = {
    "side": (0.0, 0.0),
    "front": (90.0, 0.0),
    "three-quarter": (38.0, 14.0),
    "high-side": (0.0, 32.0),
    "high-front": (90.0, 30.0),
    "top": (0.0, 90.0),
}
PROPS = ("block", "strap", "bolster", "ball", "chair", "wall", "blanket", "cushion")

Pt = tuple[float, float]

# Widths of each part (body units).
WIDTHS = {
    "upper_arm": 5.0,
    "forearm": 4.3,
    "hand": 3.6,
    "thigh": 7.6,
    "shin": 5.6,
    "foot": 3.8,
    "neck": 4.6,
    "spine": 11.5,
}


@dataclass(frozen=True, slots=True)
class Camera:
    yaw: float
    pitch: float

    @classmethod
    def named(cls, view: str) -> Camera:
        return cls(*VIEWS[view])

    def project(self, p: Vec) -> tuple[float, float, float]:
        """Screen x, screen y (up) and depth (larger is farther) of a world point."""
        r, u, f = _basis(self.yaw, self.pitch)
        return _dot(p, r), _dot(p, u), _dot(p, f)


@functools.lru_cache(maxsize=256)
def _basis(yaw_deg: float, pitch_deg: float) -> tuple[Vec, Vec, Vec]:
    """The camera's right, up and forward vectors (cached: a view has one)."""
    yaw, pitch = math.radians(yaw_deg), math.radians(pitch_deg)
    d = (math.sin(yaw) * math.cos(pitch), math.sin(pitch), math.cos(yaw) * math.cos(pitch))
    r = (math.cos(yaw), 0.0, -math.sin(yaw))
    f = (-d[0], -d[1], -d[2])
    u = (r[1] * f[2] - r[2] * f[1], r[2] * f[0] - r[0] * f[2], r[0] * f[1] - r[1] * f[0])
    return r, u, f


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


@dataclass(frozen=True, slots=True)
class Stroke:
    """A round-capped polyline (``width`` > 0), a filled disc (one point, ``radius``), or a
    filled polygon (``fill``); ``prop`` marks the props, drawn in a quieter tone."""

    points: tuple[Pt, ...]
    width: float = 0.0
    depth: float = 0.0
    shade: float = 0.0  # 0 near ... 1 far
    radius: float = 0.0
    fill: bool = False
    prop: bool = False
    group: str = ""  # the part it belongs to: "trunk", "arm_r", "leg_l", ... or the prop


@dataclass(frozen=True, slots=True)
class Prop:
    kind: str  # one of PROPS
    at: str  # the joint it is placed by (for a strap: where it starts)
    to: str = ""  # a strap's other end
    offset: Vec = (0.0, 0.0, 0.0)  # from the joint, in world units


@dataclass(frozen=True, slots=True)
class Drawing:
    strokes: tuple[Stroke, ...]
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1 (floor at y = 0)
    floor: bool = True


@dataclass
class _Builder:
    camera: Camera
    body: Body
    lift: float
    strokes: list[Stroke] = field(default_factory=list)

    def point(self, name: str) -> tuple[float, float, float]:
        x, y, z = self.body.points[name]
        sx, sy, depth = self.camera.project((x, y - self.lift, z))
        return sx, sy, depth

    def chain(self, names: tuple[str, ...], width: float, group: str) -> None:
        projected = [self.point(n) for n in names]
        depth = sum(p[2] for p in projected) / len(projected)
        points = tuple((p[0], p[1]) for p in projected)
        self.strokes.append(Stroke(points, width, depth, group=group))


def draw(body: Body, camera: Camera, props: tuple[Prop, ...] = ()) -> Drawing:
    """Set the body on the floor, project it, and order its parts far to near (a part is
    the trunk, or one arm or leg: drawn as one shape, so it is painted whole)."""
    b = _Builder(camera, body, body.lowest())
    b.chain(("pelvis", "mid", "chest"), WIDTHS["spine"], "trunk")
    torso = [b.point(n) for n in ("hip_r", "shoulder_r", "shoulder_l", "hip_l")]
    points = tuple((p[0], p[1]) for p in torso)
    depth = sum(p[2] for p in torso) / 4
    b.strokes.append(Stroke(points, 6.0, depth, fill=True, group="trunk"))
    trunk_depth = (b.strokes[0].depth + depth) / 2
    b.chain(("chest", "neck"), WIDTHS["neck"], "trunk")
    head, nose = b.point("head"), b.point("nose")
    b.strokes.append(Stroke(((head[0], head[1]),), depth=head[2], radius=HEAD_R, group="trunk"))
    face = Stroke(((nose[0], nose[1]),), depth=head[2], radius=HEAD_R * 0.42, group="trunk")
    b.strokes.append(face)
    for s in SIDES:
        b.chain((f"shoulder_{s}", f"elbow_{s}"), WIDTHS["upper_arm"], f"arm_{s}")
        b.chain((f"elbow_{s}", f"wrist_{s}"), WIDTHS["forearm"], f"arm_{s}")
        b.chain((f"wrist_{s}", f"hand_{s}"), WIDTHS["hand"], f"arm_{s}")
        b.chain((f"hip_{s}", f"knee_{s}"), WIDTHS["thigh"], f"leg_{s}")
        b.chain((f"knee_{s}", f"ankle_{s}"), WIDTHS["shin"], f"leg_{s}")
        b.chain((f"heel_{s}", f"ankle_{s}", f"toe_{s}"), WIDTHS["foot"], f"leg_{s}")
    trunk = [_with(s, trunk_depth, 0.0) for s in b.strokes[:5]]  # one part, full ink
    # Seen from above, "behind" is "below": no fading then.
    limbs = _limbs(b.strokes[5:], trunk_depth if camera.pitch < 60 else None)
    prop_strokes = [stroke for prop in props for stroke in _prop(b, prop)]
    order = sorted([*prop_strokes, *trunk, *limbs], key=lambda s: -s.depth)  # stable
    # A floor line only where the floor is seen edge-on: from higher up, parts nearer the
    # camera would be drawn below it.
    return Drawing(tuple(order), _bounds(order), floor=camera.pitch < 10)


def _with(s: Stroke, depth: float, shade: float) -> Stroke:
    # Built directly: dataclasses.replace costs more than the rest of a frame's geometry.
    return Stroke(s.points, s.width, depth, shade, s.radius, s.fill, s.prop, s.group)


def _limbs(strokes: list[Stroke], trunk_depth: float | None) -> list[Stroke]:
    """Each limb is one part: all its strokes take the part's mean depth. Limbs behind the
    trunk fade with their distance behind it, so they read as behind (not when
    ``trunk_depth`` is None); the trunk, neck and head are always in full ink."""
    groups: dict[str, list[float]] = {}
    for s in strokes:
        groups.setdefault(s.group, []).append(s.depth)
    mean = {g: sum(d) / len(d) for g, d in groups.items()}
    out = []
    for s in strokes:
        depth = mean[s.group]
        shade = 0.0
        if trunk_depth is not None:
            shade = min(1.0, max(0.0, (depth - trunk_depth - 1.5) / 9.0))
        out.append(_with(s, depth, shade))
    return out


def _prop(b: _Builder, prop: Prop) -> list[Stroke]:
    """A prop in screen space by the joint it belongs to: resting on the floor in a level
    view; centred on the joint seen from above (where the floor is the whole picture)."""
    x, y, z = b.body.points[prop.at]
    ox, oy, oz = prop.offset
    sx, sy, depth = b.camera.project((x + ox, y - b.lift + oy, z + oz))
    far = depth + 40.0  # behind the body it supports
    group = prop.kind
    if prop.kind == "strap":
        tx, ty, _ = b.point(prop.to)
        return [Stroke(((sx, sy), (tx, ty)), 1.6, depth - 40.0, prop=True, group=group)]
    if prop.kind == "wall":
        return [Stroke(((sx, -2.0), (sx, 118.0)), 2.2, far, prop=True, group=group)]
    if prop.kind == "ball":
        return [Stroke(((sx, sy),), depth=depth - 0.5, radius=7.5, prop=True, group=group)]
    if prop.kind == "chair":
        seat = max(sy - 1.5, 10.0)
        frame = ((sx + 9, 0.0), (sx + 9, seat), (sx - 9, seat), (sx - 10.5, seat + 26.0))
        back_leg = ((sx - 9, seat), (sx - 9, 0.0))
        return [Stroke(line, 2.0, far, prop=True, group=group) for line in (frame, back_leg)]
    w, h = PROP_SIZES[prop.kind]
    bottom = sy - h / 2 if b.camera.pitch >= 60 else 0.0
    rect = (
        (sx - w / 2, bottom),
        (sx - w / 2, bottom + h),
        (sx + w / 2, bottom + h),
        (sx + w / 2, bottom),
    )
    return [Stroke(rect, 1.2, far, fill=True, prop=True, group=group)]


PROP_SIZES: dict[str, tuple[float, float]] = {  # width, height (resting on the floor)
    "block": (11.0, 7.0),
    "bolster": (24.0, 8.0),
    "blanket": (30.0, 2.6),
    "cushion": (18.0, 6.0),
}


def _bounds(strokes: list[Stroke]) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for s in strokes:
        pad = max(s.width / 2, s.radius)
        for x, y in s.points:
            xs += [x - pad, x + pad]
            ys += [y - pad, y + pad]
    return min(xs), min(ys), max(xs), max(ys)
