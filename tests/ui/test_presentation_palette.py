"""Presentation mode's widget palette: fields and check boxes stand out, their text stays legible."""

import pytest
from PySide6.QtGui import QColor, QPalette

from designer.ui.presentation.look import palette_for
from designer.ui.theme import THEMES


def luminance(color: QColor) -> float:
    """WCAG relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_fields_and_check_boxes_stand_out_and_their_text_reads(qapp, name):
    palette = palette_for(THEMES[name])
    role = QPalette.ColorRole
    window, base, text = palette.color(role.Window), palette.color(role.Base), palette.color(role.Text)
    if window.lightness() < 128:  # Fusion outlines an empty check box in a darker window colour
        assert contrast(base, window) >= 1.5, name  # so its square itself must show
    assert contrast(text, base) >= 4.5, name  # WCAG AA for the text in fields
