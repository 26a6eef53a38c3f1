"""Colours, sizes and fonts in one place, so presentation mode can scale and re-theme everything.

The diverging palette is orange (negative) / grey / blue (positive), TensorFlow Playground's
scale, which stays distinguishable under red-green colour blindness.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

NEGATIVE = "#f59322"
NEUTRAL = "#e8eaeb"
POSITIVE = "#0877bd"


@dataclass
class Theme:
    name: str = "light"
    background: str = "#ffffff"
    grid: str = "#eef0f2"
    text: str = "#1d232a"
    muted_text: str = "#5f6b76"
    node_fill: str = "#ffffff"
    input_fill: str = "#eaf3fb"
    output_fill: str = "#fff3e2"
    node_border: str = "#39424c"
    selection: str = "#7b3fe4"
    hover: str = "#9b6cf0"
    negative: str = NEGATIVE
    neutral: str = NEUTRAL
    positive: str = POSITIVE
    refused: str = "#c0392b"
    #: multiplies text size, node size and line widths (presentation mode: 1×–3×)
    scale: float = 1.0
    #: presentation mode: no text smaller than this many pixels on screen (0: no floor)
    min_text_px: float = 0.0
    #: the canvas zoom the floor accounts for: canvas text is drawn in scene units, so its floor
    #: there is ``min_text_px / canvas_zoom`` (presentation mode keeps this current)
    canvas_zoom: float = 1.0
    extra: dict[str, str] = field(default_factory=dict)

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))

    def font(self, points: float = 10.0, bold: bool = False) -> QFont:
        """A font for text drawn on the canvas (in scene units, so the view's zoom scales it)."""
        floor = self.min_text_px / max(self.canvas_zoom, 1e-6) if self.min_text_px > 0 else 0.0
        return self._font(points, bold, floor)

    def screen_font(self, points: float = 10.0, bold: bool = False) -> QFont:
        """A font for widgets and plots (screen pixels): as much larger as the user's application font is
        larger than Qt's default (a 14 pt desktop font left the plots' ticks and titles at 9 pt)."""
        if self.min_text_px > 0:  # presentation: its own sizes, whatever the desktop's
            return self._font(points, bold, self.min_text_px)
        return self._font(points * ui_font_factor(), bold, 0.0)

    def _font(self, points: float, bold: bool, floor: float) -> QFont:
        font = QFont()
        if floor > 0:  # presentation: whole pixels, never below the floor
            px = points * self.scale * px_per_point()
            font.setPixelSize(max(round(px), math.ceil(floor - 1e-6)))
        else:
            font.setPointSizeF(points * self.scale)
        font.setBold(bold)
        return font

    def weight_color(self, weight: float, limit: float = 3.0) -> QColor:
        """Blend neutral → positive/negative by |w| (saturating at ``limit``)."""
        t = min(abs(weight) / limit, 1.0) if limit > 0 else 1.0
        t = 0.35 + 0.65 * t  # small weights stay visible
        end = QColor(self.positive if weight >= 0 else self.negative)
        start = QColor(self.neutral)
        return QColor(
            round(start.red() + (end.red() - start.red()) * t),
            round(start.green() + (end.green() - start.green()) * t),
            round(start.blue() + (end.blue() - start.blue()) * t),
        )


LIGHT = Theme()
DARK = Theme(
    name="dark",
    background="#1e2227",
    grid="#2a2f36",
    text="#eef1f4",
    muted_text="#a9b3bd",
    node_fill="#2b3139",
    input_fill="#1f3447",
    output_fill="#4a3519",
    node_border="#c9d1d9",
    selection="#c4a7ff",
    hover="#d6c2ff",
    neutral="#4a525b",
)
HIGH_CONTRAST = Theme(
    name="high-contrast",
    background="#ffffff",
    grid="#ffffff",
    text="#000000",
    muted_text="#000000",
    node_fill="#ffffff",
    input_fill="#ffffff",
    output_fill="#ffffff",
    node_border="#000000",
    selection="#d400d4",
    hover="#d400d4",
    negative="#d55e00",
    neutral="#bbbbbb",
    positive="#0050a0",
)
THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}


#: the application font size (points) the screen fonts' sizes are given for: Qt's default on Linux
DEFAULT_UI_POINTS = 9.0


def ui_font_factor() -> float:
    """The application font's size over :data:`DEFAULT_UI_POINTS`, never below 1 (1 without an application)."""
    if QGuiApplication.instance() is None:
        return 1.0
    font = QGuiApplication.font()
    points = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() / px_per_point()
    return max(1.0, points / DEFAULT_UI_POINTS)


def px_per_point() -> float:
    """Pixels per typographic point on the primary screen (96/72 without one)."""
    screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() is not None else None
    dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0
    return dpi / 72.0


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark desktop's (a KDE Breeze Dark, GNOME's dark style): light text on dark."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def desktop_theme(palette: QPalette) -> Theme:
    """The canvas and plots' theme for widgets in ``palette``: dark on a dark desktop (white islands in a
    dark window glared, and colours picked for white lost their contrast on the dark panels around them)."""
    return DARK if is_dark(palette) else LIGHT


#: the themes :func:`desktop_theme` chooses from
DESKTOP_THEMES = (LIGHT, DARK)


def readable_on(color: str, palette: QPalette) -> str:
    """``color`` for text on ``palette``'s window: as it is on a light desktop, lightened towards white on a
    dark one until it reads (contrast 4.5:1, WCAG AA; the status greens and reds were 2.2–2.9:1 there).

    For a label with a style sheet pass its window's palette: the label's own stays as it was polished."""
    if not is_dark(palette):
        return color
    background = palette.color(QPalette.ColorRole.Window)
    base, white = QColor(color), QColor("#ffffff")
    for step in range(11):
        t = step / 10
        mixed = QColor(
            round(base.red() + (white.red() - base.red()) * t),
            round(base.green() + (white.green() - base.green()) * t),
            round(base.blue() + (white.blue() - base.blue()) * t),
        )
        if contrast(mixed, background) >= 4.5:
            return mixed.name()
    return white.name()


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def luminance(color: QColor) -> float:
    """WCAG relative luminance of ``color``."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())
