"""Figures for slides and handouts: the canvas as PNG (2× for projectors) or SVG, headless.

Used by File ▸ Export and by ``nn-designer export NET.json --to png|svg`` (offscreen Qt).
"""

from __future__ import annotations

import functools
import math
import os
import re
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator, QSvgRenderer
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QWidget

from designer.export.formats import ExportFormat, register_format
from designer.export.pytorch import ExportError
from designer.export.svg_strokes import bake_cosmetic_strokes
from designer.export.svg_text import Font, portable_text
from designer.formatting import clean_text
from designer.model import Network
from designer.ui.canvas.scene import NetworkScene
from designer.ui.theme import LIGHT, Theme
from designer.ui.undo import Document

MARGIN = 30.0
#: Rendered images stay within these bounds whatever the canvas spans (a node at (20000, 20000) would
#: otherwise need 6.4 GB): a bigger picture is scaled down to fit, keeping its proportions.
MAX_SIDE = 16_384  # pixels per side
MAX_PIXELS = 50_000_000  # 200 MB as ARGB32
#: Beyond this span (scene units) a picture of the whole canvas would show only dots: refused.
MAX_SPAN = 1e7
#: the resolution fonts are laid out at, as in the PNG: font sizes in the SVG are then pixels, as
#: every renderer reads them (at the generator's default of 72 dpi a 13 pt label became 13 px)
SVG_DPI = 96


class FigureError(ExportError):
    """A figure that cannot be drawn; ``str()`` is one line saying why (the export CLI prints it)."""


def ensure_app() -> QApplication:
    """A QApplication for headless rendering: always offscreen, whatever QT_QPA_PLATFORM says (a figure
    needs no screen; ``QT_QPA_PLATFORM=xcb`` without a display made Qt abort the export, exit 134)."""
    app = QApplication.instance()
    if app is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication(sys.argv[:1])
    return app  # type: ignore[return-value]


def network_scene(network: Network, theme: Theme = LIGHT) -> NetworkScene:
    """A scene showing ``network`` without a window (for export)."""
    ensure_app()
    scene = NetworkScene(Document(network.copy()), theme)
    scene.show_grid = False
    scene.show_ports = False
    return scene


def scene_rect(scene: QGraphicsScene) -> QRectF:
    """What a figure shows: the nodes with everything drawn at them (maps, text boxes), and a margin."""
    rect = scene.content_rect() if isinstance(scene, NetworkScene) else scene.itemsBoundingRect()
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN) if not rect.isNull() else QRectF(0, 0, 200, 120)


def fitted_size(width: float, height: float, scale: float = 1.0) -> QSize:
    """Pixels for a ``width`` × ``height`` area at ``scale``, scaled down to MAX_SIDE and MAX_PIXELS.

    Raises FigureError for an area that is not finite or spans more than MAX_SPAN units.
    """
    if not (math.isfinite(width) and math.isfinite(height)) or max(width, height) > MAX_SPAN:
        span = max(width, height)
        raise FigureError(
            f"the canvas spans {span:.3g} units (limit {MAX_SPAN:.0e}): nodes are too far apart to draw; "
            "use Arrange by Layers"
        )
    w, h = max(width * scale, 1.0), max(height * scale, 1.0)
    shrink = min(1.0, MAX_SIDE / w, MAX_SIDE / h, math.sqrt(MAX_PIXELS / (w * h)))

    def pixels(length: float) -> int:  # the small epsilon: MAX_SIDE / w * w may come out as 2047.9999…
        return max(1, min(MAX_SIDE, math.floor(length * shrink + 1e-6)))

    return QSize(pixels(w), pixels(h))


def render_image(scene: QGraphicsScene, scale: float = 2.0, background: str | None = None) -> QImage:
    rect = scene_rect(scene)
    size = fitted_size(rect.width(), rect.height(), scale)
    image = QImage(size, QImage.Format.Format_ARGB32)
    if image.isNull():
        raise FigureError(f"not enough memory for a {size.width()} × {size.height()} image")
    image.fill(QColor(background or getattr(scene, "theme", LIGHT).background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("could not encode the PNG image")
    return bytes(buffer.data().data())


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 can hold it: one line, without the characters XML forbids (NUL and other
    controls, U+FFFE, U+FFFF, lone surrogates), which Qt's SVG generator writes as they are."""
    return "".join(c for c in clean_text(text) if c not in "\ufffe\uffff")


#: characters XML 1.0 forbids (controls but tab, newline and return; U+FFFE, U+FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(svg: str) -> str:
    """Qt's SVG generator writes drawn text as it is: a label or file name with a control character
    made a file no XML reader opens (and the export failed in the stroke baking)."""
    return _NOT_XML.sub("", svg)


def svg_text(scene: QGraphicsScene, title: str = "NN Designer network") -> str:
    rect = scene_rect(scene)
    size = fitted_size(rect.width(), rect.height())
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setResolution(SVG_DPI)
    generator.setTitle(xml_text(title))
    generator.setDescription("Made with NN Designer")
    painter = QPainter(generator)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    data: QByteArray = buffer.data()
    return xml_safe(bytes(data.data()).decode("utf-8"))


def network_png(network: Network, scale: float = 2.0) -> bytes:
    """The canvas of ``network`` as PNG at ``scale``× (2× reads well on projectors)."""
    scene = network_scene(network)
    try:
        return png_bytes(render_image(scene, scale))
    finally:
        scene.detach()


def network_svg(network: Network) -> str:
    """The canvas of ``network`` as SVG; labels are outlines, so every renderer shows them as the app does."""
    scene = network_scene(network)
    try:
        return svg_text(scene, network.name or "NN Designer network")
    finally:
        scene.detach()


def widget_image(widget: QWidget, scale: float = 2.0) -> QImage:
    """A widget (a plot, the loss curves) at ``scale``×, sharp on projectors: its SVG drawing rendered at that
    size, so every line, point and letter is ``scale`` times what the window shows.

    Painted into the image directly, the plots' cosmetic pens (curves, the 0.5 boundary, the z = 0 lines,
    axes, point outlines) kept their width in image pixels: the 2× PNG drew them half as thick as the
    window and the SVG export do.
    """
    size = widget.size()
    fitted = fitted_size(size.width(), size.height(), scale)  # within MAX_SIDE and MAX_PIXELS, as the canvas
    drawing = QSvgRenderer(QByteArray(widget_svg(widget, "").encode("utf-8")))
    image = QImage(fitted, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        drawing.render(painter, QRectF(0, 0, fitted.width(), fitted.height()))
    finally:
        painter.end()
    return image


def widget_svg(widget: QWidget, title: str) -> str:
    """A widget drawn into an SVG: axes, curves and text stay vectors (heat maps are embedded images).

    pyqtgraph's own SVGExporter fails on the region plot's contour paths, so Qt's generator is used,
    with the plots' items in pyqtgraph's export mode (scatter symbols drawn as shapes, not copied from
    a pixmap atlas) and the cosmetic strokes baked into pixel coordinates for every renderer.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(widget.size())
    generator.setViewBox(QRectF(0, 0, widget.width(), widget.height()))
    generator.setResolution(SVG_DPI)
    generator.setTitle(xml_text(title))
    generator.setDescription("Made with NN Designer")
    items = _exportable_items(widget)
    painter = QPainter(generator)
    try:
        for item in items:
            item.setExportMode(True, {"antialias": True, "resolutionScale": 1.0})
        QWidget.render(widget, painter, QPoint(0, 0))
    finally:
        painter.end()
        for item in items:
            item.setExportMode(False)
    svg = bake_cosmetic_strokes(xml_safe(bytes(buffer.data().data()).decode("utf-8")))
    return portable_text(svg, text_advance, drawn_family)


def _qfont(font: Font) -> QFont:
    qfont = QFont(font.family)
    qfont.setPixelSize(max(1, round(font.size)))  # the generator writes sizes in px at SVG_DPI
    qfont.setWeight(QFont.Weight(min(1000, max(1, font.weight))))
    qfont.setItalic(font.italic)
    return qfont


def text_advance(text: str, font: Font) -> float:
    """How far Qt advanced drawing ``text`` in ``font`` (px): where it put the next piece of a line."""
    return QFontMetricsF(_qfont(font)).horizontalAdvance(text)


@functools.lru_cache(maxsize=64)  # asked for every group of the drawing: thousands in a scatter plot
def drawn_family(family: str) -> str:
    """The family Qt drew ``family`` with: ``Sans Serif`` is Qt's own name, unknown to other renderers."""
    return QFontInfo(QFont(family)).family() or family


def _exportable_items(widget: QWidget) -> list:
    """The pyqtgraph items in ``widget``'s plots (those that know an export mode)."""
    items = []
    views = [widget] if isinstance(widget, QGraphicsView) else []  # the region export is a plot widget itself
    for view in views + widget.findChildren(QGraphicsView):
        scene = view.scene()
        if scene is not None:
            items += [item for item in scene.items() if hasattr(item, "setExportMode")]
    return items


def side_by_side(left: QImage, right: QImage, gap: int = 24, background: str = "#ffffff") -> QImage:
    """Two images next to each other, vertically centred (canvas + region view), within MAX_SIDE/MAX_PIXELS."""
    height = max(left.height(), right.height())
    fitted = fitted_size(left.width() + gap + right.width(), height)
    if fitted.height() < height:  # too big together: both scaled down by the same factor
        factor = fitted.height() / height
        smooth = Qt.TransformationMode.SmoothTransformation
        left = left.scaledToHeight(max(1, math.floor(left.height() * factor)), smooth)
        right = right.scaledToHeight(max(1, math.floor(right.height() * factor)), smooth)
        gap = max(1, math.floor(gap * factor))
        height = max(left.height(), right.height())
    image = QImage(left.width() + gap + right.width(), height, QImage.Format.Format_ARGB32)
    image.fill(QColor(background))
    painter = QPainter(image)
    painter.drawImage(0, (height - left.height()) // 2, left)
    painter.drawImage(left.width() + gap, (height - right.height()) // 2, right)
    painter.end()
    return image


register_format(ExportFormat("png", network_png, "the canvas as a PNG image at 2× (for slides)", binary=True))
register_format(ExportFormat("svg", network_svg, "the canvas as an SVG drawing"))
