"""The pose figure on screen: the player's large figure, the library's thumbnails.

A dumb view: it is given a ``FigureFrame`` (what to draw at this moment, from
``figures.motion``) or one keyframe of a figure, and paints it with ``figure_painter``. The
side label ("Right side" / "Left side") sits in its own strip above the figure, so it never
covers it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from somatictimer.figures.camera import Camera, Drawing, draw
from somatictimer.figures.data import Figure
from somatictimer.figures.motion import FigureFrame
from somatictimer.figures.skeleton import pose_body
from somatictimer.ui.figures.figure_painter import Ink, mix, paint_drawing
from somatictimer.ui.figures.figure_render import figure_bounds
from somatictimer.ui.painted import DIMMED_OPACITY, PaintedWidget

LABEL_STRIP = 0.14  # of the height, above the figure, for the side label


def ink_from(palette: QPalette) -> Ink:
    """The figure in the window's text colour on its background, props and floor quieter."""
    role = QPalette.ColorRole
    paper = palette.color(role.Window)
    return Ink(
        palette.color(role.WindowText),
        paper,
        palette.color(role.Mid),
        mix(palette.color(role.Mid), paper, 0.5),
    )


def union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


class FigureView(PaintedWidget):
    def __init__(self, parent: QWidget | None = None, *, thumbnail: bool = False) -> None:
        super().__init__(parent)
        self._thumbnail = thumbnail
        self._drawing: Drawing | None = None
        self._bounds: tuple[float, float, float, float] | None = None
        self._mirror = False
        self._label = ""
        self._bounds_cache: dict[str, tuple[float, float, float, float]] = {}
        self._last_frame: tuple[FigureFrame | None, str] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Pose figure")

    # -- what to show ----------------------------------------------------------------------
    def set_frame(self, frame: FigureFrame | None, label: str = "") -> None:
        """The figure at this moment of the session (None: nothing to draw)."""
        if (frame, label) == self._last_frame:
            return  # a held pose: nothing to compute, nothing to repaint
        self._last_frame = (frame, label)
        if frame is None:
            self._show(None, None, False, label)
            return
        drawing = draw(pose_body(frame.angles), Camera(frame.yaw, frame.pitch), frame.props)
        bounds = union([self._figure_bounds(f) for f in frame.figures] + [drawing.bounds])
        self._show(drawing, bounds, frame.mirror, label)

    def set_keyframe(self, figure: Figure | None, index: int = 0, mirror: bool = False) -> None:
        """One still keyframe (library thumbnails, the end screen)."""
        if figure is None:
            self._show(None, None, False, "")
            return
        frame = figure.keyframes[min(index, len(figure.keyframes) - 1)]
        drawing = draw(pose_body(frame.angles), Camera.named(figure.view), figure.props)
        self._show(drawing, self._figure_bounds(figure), mirror, "")

    def _figure_bounds(self, figure: Figure) -> tuple[float, float, float, float]:
        if figure.id not in self._bounds_cache:
            self._bounds_cache[figure.id] = figure_bounds(figure)
        return self._bounds_cache[figure.id]

    def _show(
        self,
        drawing: Drawing | None,
        bounds: tuple[float, float, float, float] | None,
        mirror: bool,
        label: str,
    ) -> None:
        if (drawing, bounds, mirror, label) == (
            self._drawing,
            self._bounds,
            self._mirror,
            self._label,
        ):
            return
        self._drawing, self._bounds, self._mirror, self._label = drawing, bounds, mirror, label
        self.setAccessibleDescription(label)
        self.update()

    # -- Qt --------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(150, 120) if self._thumbnail else QSize(360, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 48) if self._thumbnail else QSize(140, 120)

    def figure_rect(self) -> QRectF:
        """Where the figure is drawn: below the label strip (none for thumbnails)."""
        rect = QRectF(self.rect())
        if self._thumbnail:
            return rect
        return rect.adjusted(0, rect.height() * LABEL_STRIP, 0, 0)

    dims_by_opacity = False  # faded colours, so overlapping limbs stay one shape

    def _paint(self, p: QPainter) -> None:
        palette = self.palette()
        ink = ink_from(palette)
        if self.is_dimmed():
            fade = 1 - DIMMED_OPACITY
            ink = Ink(
                mix(ink.body, ink.paper, fade),
                ink.paper,
                mix(ink.prop, ink.paper, fade),
                mix(ink.floor, ink.paper, fade),
            )
        if self._drawing is not None:
            paint_drawing(
                p,
                self._drawing,
                self.figure_rect(),
                ink,
                mirror=self._mirror,
                bounds=self._bounds,
                stage=not self._thumbnail,  # a thumbnail is filled by its figure
            )
        if self._label and not self._thumbnail:
            strip = QRectF(self.rect()).adjusted(0, 0, 0, -self.height() * (1 - LABEL_STRIP))
            font = p.font()
            font.setPointSizeF(max(9.0, strip.height() * 0.42))
            font.setWeight(font.Weight.DemiBold)
            p.setFont(font)
            p.setPen(palette.color(QPalette.ColorRole.Highlight))
            p.drawText(strip, Qt.AlignmentFlag.AlignCenter, self._label)
