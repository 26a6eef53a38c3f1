"""The data set's name at the end of the region legend, elided to the one line it has left.

A name of 40 characters cut by count ("Chain rule: a ch…ree functions") still wrapped onto a second line
in a narrow dock, and a short cut wasted the room of a wide one: the name is elided (its start and end,
which tell files apart) by the legend's font to the room after the counts, or to a line of its own where
the counts leave too little. The full name is in the legend's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextDocument
from PySide6.QtWidgets import QLabel

from designer.ui.safetext import literal_tooltip, markup

SEPARATOR = " &nbsp; "  # between the legend's items
#: a name that does not fit whole after the counts gets a line of its own where they leave it less than
#: this share of the line ("exercise: Ch…ee functions" told nothing apart)
MIN_NAME_SHARE = 0.5
SLACK_PX = 4  # kept free at the line's end: rounding in Qt's layout must not wrap the last letter


def html_width(label: QLabel, html: str) -> float:
    """The width ``html`` takes on one line in ``label``'s font."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(label.font())
    doc.setHtml(html)
    return doc.idealWidth()


def name_font(label: QLabel) -> QFont:
    font = QFont(label.font())
    font.setItalic(True)  # as drawn (<i>)
    return font


def legend_with_name(label: QLabel, items_html: str, name: str) -> str:
    """``items_html`` followed by ``name`` in italics, elided to fit one line in ``label``'s width:
    after the items where it fits whole or they leave it MIN_NAME_SHARE of the line, else on a line of its own."""
    if not name:
        return items_html
    room = label.contentsRect().width() - 2 * label.margin() - SLACK_PX
    if room <= 0:  # not laid out yet: the name whole (fitted at the first resize)
        return items_html + SEPARATOR + markup("<i>{}</i>", name)
    lead = items_html + SEPARATOR if items_html else ""
    after = room - html_width(label, lead) if lead else room
    metrics = QFontMetricsF(name_font(label))
    if metrics.horizontalAdvance(name) > after and after < MIN_NAME_SHARE * room:
        lead, after = (items_html + "<br>" if items_html else ""), room
    shown = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, max(after, 1.0))
    return lead + markup("<i>{}</i>", shown)


def name_tooltip(name: str) -> str:
    """The legend's tooltip: the data set's whole name, shown literally."""
    return literal_tooltip(f"Data: {name}") if name else ""
