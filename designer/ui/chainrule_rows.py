"""The chain-rule practice's answer rows: a label, the entry field, its mark, the revealed answer and
the hint. Where the panel is wide enough the label stands left of its field; in a narrow dock (a
lesson's drill beside the canvas in a 1000 px window) it stands above it, so no field is cut off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from designer.exercises import Quantity
from designer.ui.safetext import wrappable
from designer.ui.theme import readable_on

RIGHT_COLOR, WRONG_COLOR = "#1b7f3b", "#c0392b"
MARKS = {
    "right": ("✓", RIGHT_COLOR),
    "wrong": ("✗", WRONG_COLOR),
    "unreadable": ("?", WRONG_COLOR),
    "missing": ("", ""),
}
#: a mark as a screen reader says it (the field's accessible description)
SPOKEN = {"right": "right", "wrong": "wrong", "unreadable": "cannot read this"}
FIELD_TEXT = "-0.123456"  # a field left of its label keeps room for an entry this long
SHORTEST_ROOM = "-0.125"  # a field is never narrower than this entry (and its clear button)
COLUMNS = 4  # label, field, mark, answer


def plain_label(text: str = "", name: str = "") -> QLabel:
    """A wrapping label for text from an exercise file: plain text, never HTML."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def text_width(label: QLabel) -> int:
    """How wide ``label``'s text is unwrapped (its widest line)."""
    metrics = label.fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in label.text().splitlines()), default=0)


class AnswerRow:
    """One asked quantity: its label, the entry field, the mark, the hint and (revealed) the answer."""

    def __init__(self, quantity: Quantity) -> None:
        self.quantity = quantity
        self.label = plain_label(wrappable(quantity.label))  # (a file's label of 200 letters wraps)
        self.field = QLineEdit()
        self.field.setObjectName(f"answer:{quantity.id}")
        self.field.setPlaceholderText("e.g. -1/8")
        self.field.setClearButtonEnabled(True)
        # room for an entry such as -0.125 beside the clear button, however narrow the dock is made (it
        # was the Start button's long text that kept the dock wide enough)
        self.field.setMinimumWidth(
            self.field.fontMetrics().horizontalAdvance(SHORTEST_ROOM) + 2 * self.field.sizeHint().height()
        )
        self.field.setAccessibleName(quantity.label)  # "∂L/∂z of h1": a screen reader reads the field by it
        self.label.setBuddy(self.field)
        self.mark = QLabel()
        self.mark.setObjectName(f"mark:{quantity.id}")
        self.mark.setMinimumWidth(self.mark.fontMetrics().horizontalAdvance("✓✓"))
        self.answer = plain_label()
        self.hint = plain_label()
        self.hint.setObjectName(f"hint:{quantity.id}")
        self.hint.hide()

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.label, self.field, self.mark, self.answer, self.hint)

    def place(self, grid: QGridLayout, row: int, stacked: bool) -> None:
        """Into rows ``3 * row`` onwards of ``grid``: the label left of the field, or above it."""
        top = 3 * row
        if stacked:
            grid.addWidget(self.label, top, 0, 1, COLUMNS)
            grid.addWidget(self.field, top + 1, 0, 1, 2)
        else:
            grid.addWidget(self.label, top, 0)
            grid.addWidget(self.field, top, 1)
        line = top + 1 if stacked else top
        grid.addWidget(self.mark, line, 2)
        grid.addWidget(self.answer, line, 3)
        grid.addWidget(self.hint, top + 2, 0, 1, COLUMNS)

    def show_status(self, status: str, hint: str) -> None:
        mark, color = MARKS[status]
        self.mark.setText(mark)
        shown_color = readable_on(color, self.mark.window().palette()) if color else ""
        self.mark.setStyleSheet(f"color: {shown_color}; font-weight: bold" if color else "")
        self.mark.setToolTip(SPOKEN.get(status, ""))
        shown = status in ("wrong", "unreadable")
        self.hint.setText(f"↳ {hint}" if shown else "")
        self.hint.setVisible(shown)
        # the mark and hint beside the field are seen, not heard: a screen reader reads the description
        verdict = SPOKEN.get(status, "")
        self.field.setAccessibleDescription(f"{verdict}: {hint}" if shown and hint else verdict)


class AnswerTable(QWidget):
    """The rows packed at the top; each label left of its field when all of it fits there beside a
    field of useful width, else above its field (decided again at every width)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("chainAnswerTable")
        self.rows: list[AnswerRow] = []
        self.stacked = False
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(self.grid)
        outer.addStretch(1)

    def set_quantities(self, quantities: list[Quantity]) -> list[AnswerRow]:
        """New rows for ``quantities`` (the former ones are deleted)."""
        for row in self.rows:
            for widget in row.widgets:
                self.grid.removeWidget(widget)
                widget.hide()  # gone from the table now, deleted at the next turn of the event loop
                widget.deleteLater()
        self.rows = [AnswerRow(quantity) for quantity in quantities]
        for i, row in enumerate(self.rows):
            row.place(self.grid, i, self.stacked)
        self.arrange()
        return self.rows

    def side_by_side_width(self) -> int:
        """The width every label needs beside a field wide enough for an entry, its mark and answer."""
        if not self.rows:
            return 0
        gap = self.grid.horizontalSpacing() if self.grid.horizontalSpacing() >= 0 else 6
        margins = self.layout().contentsMargins()
        first = self.rows[0]
        field = first.field.fontMetrics().horizontalAdvance(FIELD_TEXT) + 2 * first.field.sizeHint().height()
        label = max(text_width(row.label) for row in self.rows)
        answer = max(text_width(row.answer) for row in self.rows)
        mark = first.mark.minimumWidth()
        return margins.left() + margins.right() + label + field + mark + answer + 3 * gap

    def arrange(self) -> None:
        """Labels beside or above their fields, whichever the width asks for."""
        stacked = self.width() < self.side_by_side_width()
        if stacked == self.stacked:
            return
        self.stacked = stacked
        for row in self.rows:
            for widget in row.widgets:
                self.grid.removeWidget(widget)
        for i, row in enumerate(self.rows):
            row.place(self.grid, i, stacked)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.arrange()
