"""The Lesson dock: the step's title and text, Back / Next, Reset this step, and the list of steps.

The text is the lesson's Markdown-lite rendered by ``designer.lessons.to_html`` (escaped: raw
HTML in a lesson file is shown as the characters it is, never interpreted); titles are plain text.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from designer.ui.keys import caret_in_read_only_text
from designer.ui.safetext import title_text, wrappable

if TYPE_CHECKING:
    from designer.lessons import Lesson

#: lines of the step text and rows of the step list the Lesson dock keeps at its lowest: it gives the
#: rest of the column to the Exercise dock's verdict and truth table (steps 12–15 at 1152×680)
LOWEST_TEXT_LINES = 3
LOWEST_LIST_ROWS = 2
#: lines of the step text the Lesson dock asks for where the column has them with the exercise's verdict
#: in view (a step's text is 5–10 lines at its usual width): more scroll (at 9, step 14's ten lines
#: scrolled by one at 1152×680 and 1229×691 while its check had the room to spare)
READING_TEXT_LINES = 10
#: rows of the step list it asks for with them (the steps before and after the current one)
READING_LIST_ROWS = 4


def _plain(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles come from a file
    label.setWordWrap(True)
    return label


def _lines_bottom(document: QTextDocument, lines: int) -> float:
    """Where the first ``lines`` lines of ``document`` end as laid out (its last line's bottom when it has
    fewer); the document is laid out already (its ``size()`` was asked)."""
    block = document.begin()
    counted = 0
    bottom = 0.0
    while block.isValid() and counted < lines:
        text_layout = block.layout()
        top = text_layout.position().y()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            bottom = top + line.y() + line.height()
            counted += 1
            if counted == lines:
                break
        block = block.next()
    return bottom


class StepList(QListWidget):
    """The list of steps, keeping the current step in view when it is resized: the step list of a lesson
    opened again at step 15 showed steps 10 and 11 once the Exercise dock took its share of the column.

    Its rows are shown whole: it scrolls a row at a time, and the space below the last row that fits
    whole is left blank (at 1366×768 the fourth row was cut in half, its title's lower half gone)."""

    def __init__(self) -> None:
        super().__init__()
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        # (its bar always there: one that came and went rewrapped the titles, and the rows changed height)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # titles wrap instead
        self.setBackgroundRole(QPalette.ColorRole.Base)  # the space below the rows is the list's, not a gap
        self.setAutoFillBackground(True)
        self._trimming = False  # the viewport is being made shorter (it resizes: no second pass inside)
        self.verticalScrollBar().valueChanged.connect(self.whole_rows)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._trimming:  # (its own viewport made shorter: the rows scrolled to stay where they are)
            self.show_current()
            self.whole_rows()

    def show_current(self) -> None:
        item = self.currentItem()
        if item is not None:
            self.scrollToItem(item, QAbstractItemView.ScrollHint.EnsureVisible)

    def whole_rows(self) -> None:
        """The viewport ends where the last row that fits whole from the top row does (its rows' heights
        differ: a long title wraps); a list that shows every row is left as it is. A shorter viewport may
        scroll the current step up a row: a few passes until the rows stay."""
        if self._trimming:
            return
        self._trimming = True
        try:
            for _ in range(3):
                spare = self._spare_below_whole_rows()
                if self.viewportMargins().bottom() == spare:
                    break
                self.setViewportMargins(0, 0, 0, spare)
        finally:
            self._trimming = False

    def _spare_below_whole_rows(self) -> int:
        """The pixels below the last row that fits whole in the list from its top row."""
        self.executeDelayedItemsLayout()  # the rows' heights at the list's width
        room = self.contentsRect().height()
        used = 0
        for row in range(max(0, self.verticalScrollBar().value()), self.count()):
            height = self.visualItemRect(self.item(row)).height()
            if used + height > room:
                return room - used if used else 0
            used += height
        return 0


class StepText(QTextBrowser):
    """The step's text, with no scroll bar where it fits without one. A text that fits at the full width
    but not at the width left beside a scroll bar kept the bar it had (Qt keeps either state): step 14
    showed nine of its ten lines and scrolled at 1152×680 in a box as tall as the ten lines wrapped wide."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.drop_needless_scroll_bar()

    def drop_needless_scroll_bar(self) -> None:
        bar = self.verticalScrollBar()
        if not bar.isVisible() or self.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAsNeeded:
            return
        document = self.document().clone(self)
        try:
            document.setTextWidth(self.viewport().width() + bar.width())  # the width without the bar
            fits = math.ceil(document.size().height()) <= self.viewport().height()
        finally:
            document.deleteLater()
        if fits:  # laid out again at the full width, where it needs no bar
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)


class LessonPanel(QWidget):
    """Emits ``go`` with a step index, ``reset`` and ``close``; shows what :meth:`show_step` is given."""

    go = Signal(int)
    reset = Signal()
    close_lesson = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lessonPanel")
        self.lesson_title = _plain("lessonTitle")
        self.position = _plain("lessonPosition")
        self.step_title = _plain("lessonStepTitle")
        for label, scale in ((self.lesson_title, 1.0), (self.step_title, 1.25)):
            font = QFont(label.font())
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * scale)
            label.setFont(font)
        self.text = StepText()
        self.text.setObjectName("lessonText")
        self.text.setAccessibleName("Lesson text")
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        caret_in_read_only_text(self.text)
        self.back = QPushButton("◀ Back")
        self.back.setObjectName("lessonBack")
        self.back.setToolTip("The previous step (Ctrl+PgUp; PageUp or ← while presenting)")
        self.next = QPushButton("Next ▶")
        self.next.setObjectName("lessonNext")
        self.next.setToolTip("The next step (Ctrl+PgDown; PageDown or → while presenting)")
        self.reset_button = QPushButton("Reset this step")
        self.reset_button.setObjectName("lessonReset")
        self.reset_button.setToolTip("Back to the step as the lesson sets it (your edits in this step are dropped)")
        self.close_button = QPushButton("Close lesson")
        self.close_button.setObjectName("lessonClose")
        self.steps = StepList()
        self.steps.setObjectName("lessonSteps")
        self.steps.setAccessibleName("Lesson steps")
        self.steps.setWordWrap(True)
        self.steps.setToolTip("Click a step, or move to it with the arrow keys and press Enter")
        self.shown = 0  # the step on show: the list's highlight may be elsewhere (moved with the arrow keys)
        self.back.clicked.connect(lambda: self.go.emit(self.shown - 1))
        self.next.clicked.connect(lambda: self.go.emit(self.shown + 1))
        self.reset_button.clicked.connect(self.reset)
        self.close_button.clicked.connect(self.close_lesson)
        self.steps.itemActivated.connect(lambda item: self.go.emit(self.steps.row(item)))
        self.steps.itemClicked.connect(lambda item: self.go.emit(self.steps.row(item)))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        self.position.setWordWrap(False)  # "Step 14 of 21" beside the lesson's title, on its line
        header = QHBoxLayout()  # (a line of its own left the text of step 14 a line short at 1152×680)
        header.addWidget(self.lesson_title, 1)
        header.addWidget(self.position, 0, Qt.AlignmentFlag.AlignTop)
        top = QWidget()
        layout = QVBoxLayout(top)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.step_title)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        bottom = QWidget()
        below = QVBoxLayout(bottom)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.steps, 1)
        below.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([420, 260])
        split.setChildrenCollapsible(False)
        split.splitterMoved.connect(self._moved_by_hand)
        self._split, self._top, self._bottom = split, top, bottom
        self._by_hand = False  # the student dragged the handle: their sizes stay
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(split)
        self._keep_lowest_heights()

    def _keep_lowest_heights(self) -> None:
        """A few lines of text and rows of steps at the least (the scroll areas' own minimum, 70 px each,
        kept the Lesson dock too tall to leave the Exercise dock its check); both scroll."""
        line = self.text.fontMetrics().lineSpacing()
        frame = 2 * self.text.frameWidth() + 8  # the frame and the document's margin
        self.text.setMinimumHeight(LOWEST_TEXT_LINES * line + frame)
        self._list_rows = 0  # rows the step list keeps at its lowest (compact_list)
        self.compact_list(False)

    @property
    def list_compact(self) -> bool:
        """Whether the step list is down to the current step (:meth:`compact_list`)."""
        return self._list_rows == 1

    def compact_list(self, compact: bool) -> None:
        """The step list down to one row, the current step (``compact``), or :data:`LOWEST_LIST_ROWS`: in a
        design step at 1280×720 the four rows it asked for left the check's picture and reasons below the
        fold of the Exercise dock under it (Back and Next still go on; the list scrolls)."""
        rows = 1 if compact else LOWEST_LIST_ROWS
        if rows == self._list_rows:
            return
        self._list_rows = rows
        row = self.steps.fontMetrics().lineSpacing() + 2
        self.steps.setMinimumHeight(rows * row + 2 * self.steps.frameWidth())
        self._share()

    def _text_height(self, capped: bool = True) -> int:
        """The step text's height in full (with its frame) as Qt lays it out at the width it has, up to
        its first :data:`READING_TEXT_LINES` lines when ``capped`` (what the dock asks for beside an
        exercise). Measured on a copy of the document, wrapped at the width without a scroll bar (the
        text that fits has none): lines with sub- and superscripts are taller than the font's line."""
        document = self.text.document().clone(self)
        try:
            document.setTextWidth(self._text_width())
            height = document.size().height()  # the document's margins included
            if capped:
                height = min(height, _lines_bottom(document, READING_TEXT_LINES) + document.documentMargin())
        finally:
            document.deleteLater()
        return math.ceil(height) + 2 * self.text.frameWidth()

    def _text_width(self) -> int:
        """The width the step text wraps to when it shows without a scroll bar."""
        width = self._top.width()  # the text is as wide as the split's upper part
        if width <= 0:  # not laid out yet
            return self.text.viewport().width()
        return width - 2 * self.text.frameWidth()

    def reading_height(self, full: bool = False) -> int:
        """The panel's height that shows the step's text in full (up to :data:`READING_TEXT_LINES`) and
        :data:`READING_LIST_ROWS` steps (one while the list is compact, unless ``full``): the Lesson dock
        asks for this much before the exercise's picture."""
        rows = (1 if self._list_rows == 1 and not full else READING_LIST_ROWS) - self._list_rows
        bottom = self._bottom.minimumSizeHint().height() + rows * (self.steps.fontMetrics().lineSpacing() + 2)
        margins = self.layout().contentsMargins()
        split = self._top_wanted() + self._split.handleWidth() + bottom
        return max(self.minimumSizeHint().height(), split + margins.top() + margins.bottom())

    def _top_wanted(self, capped: bool = True) -> int:
        """The split's upper part (titles, text, buttons) with the text in full: from size hints, not from
        the sizes of the moment (they change while the docks are laid out). A title wrapped to two or
        three lines counts at its height for the part's width (its minimum size hint counted one line:
        steps 3, 4 and 16 scrolled their text at 1366×768)."""
        layout = self._top.layout()
        width = self._top.width()
        titles = layout.heightForWidth(width) if layout.hasHeightForWidth() and width > 0 else -1
        if titles < 0:  # not laid out yet: the minimum size hint
            return self._top.minimumSizeHint().height() - self.text.minimumHeight() + self._text_height(capped)
        return titles - self.text.sizeHint().height() + self._text_height(capped)

    def _share(self) -> None:
        """The text first: as much of the split as shows it in full, the step list the rest (it had a
        third of the dock while the text scrolled). Not capped at :data:`READING_TEXT_LINES` here: a
        step of 12 lines scrolled its text while the list below had room for 20 steps."""
        if self._by_hand:
            return
        total = sum(self._split.sizes())
        if total <= 0:
            return
        top_least, bottom_least = self._top.minimumSizeHint().height(), self._bottom.minimumSizeHint().height()
        top = max(top_least, min(self._top_wanted(capped=False), total - bottom_least))
        self._split.setSizes([top, total - top])

    def _moved_by_hand(self) -> None:
        self._by_hand = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share()

    def show_lesson(self, lesson: Lesson) -> None:
        self.lesson_title.setText(wrappable(title_text(lesson.title)))
        self.steps.blockSignals(True)
        self.steps.clear()
        for number, step in enumerate(lesson.steps, start=1):
            self.steps.addItem(QListWidgetItem(f"{number}. {title_text(step.title)}"))
        self.steps.blockSignals(False)

    def show_step(self, index: int, count: int, title: str, html: str) -> None:
        """Step ``index`` (0-based) of ``count``; ``html`` is escaped HTML from ``to_html``."""
        self.shown = index
        self.position.setText(f"Step {index + 1} of {count}")
        self.step_title.setText(wrappable(title_text(title)))
        self.text.setHtml(html)
        self._share()
        self.text.drop_needless_scroll_bar()
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(index)
        self.steps.blockSignals(False)
        self.steps.show_current()
        first, last = index == 0, index == count - 1
        # a button that goes grey passes the focus to the other one, not on to "Reset this step" (Space
        # pressed again on the last step reset it)
        if last and self.next.hasFocus() and not first:
            self.back.setFocus(Qt.FocusReason.OtherFocusReason)
        elif first and self.back.hasFocus() and not last:
            self.next.setFocus(Qt.FocusReason.OtherFocusReason)
        self.back.setEnabled(not first)
        self.next.setEnabled(not last)
