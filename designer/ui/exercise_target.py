"""The picture of an exercise's target, with the current design's mistakes marked on it.

- truth tables: a table of rows (inputs, expected, network), wrong rows in red;
- 1-D functions: the target and the network's output as curves, the largest error marked;
- 2-D regions and datasets: the points coloured by label, misclassified ones circled in red.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QStackedWidget, QTableWidget, QTableWidgetItem

from designer.exercises.checker import CheckResult
from designer.exercises.exercise import Exercise
from designer.exercises.target_line import target_line
from designer.formatting import clean_text, format_number, format_reading
from designer.ui.live.plot_style import no_tab_stop_plot
from designer.ui.safetext import escape
from designer.ui.theme import Theme, desktop_theme

QWIDGETSIZE_MAX = (1 << 24) - 1

#: The target plot's height as asked for: it takes whatever room its page has beyond that. (A plot's own
#: size hint is the size it last had: the picture asked for 476 px at step 14 of the lesson and kept the
#: check's reasons under it below the fold of a 507 px dock.)
PLOT_HEIGHT = 200
#: The least a target plot is shrunk to where the column is low (1280×720: the lesson's text, the verdict,
#: the picture and the check's reasons in 615 px): its shape and axis numbers still read.
PLOT_MIN_HEIGHT = 110

WRONG = QColor("#c0392b")
WRONG_FILL = QColor("#f8d7d3")


class TruthTable(QTableWidget):
    """Columns share the width; where that would cut a header ("expected" in a narrow dock) or a value,
    each column takes its contents' width and the table scrolls sideways. ``fitted`` gives the height
    that shows every row (and the sideways scroll bar when there is one)."""

    fitted = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("truthTable")
        self.setAccessibleName("Truth table: inputs, expected and your network's output")
        self.setTabKeyNavigation(False)  # read-only: Tab leaves it (it walked the cells round), arrows move
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QTableWidget.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def contents_widths(self) -> list[int]:
        """Each column's width for its header and values uncut."""
        header = self.horizontalHeader()
        return [max(header.sectionSizeHint(c), self.sizeHintForColumn(c)) for c in range(self.columnCount())]

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        widths = self.contents_widths()
        room = self.width() - 2 * self.frameWidth()
        if self.verticalScrollBar().isVisible():
            room -= self.verticalScrollBar().width()
        squeezed = sum(widths) > room
        if widths and not squeezed and max(widths) * len(widths) <= room:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # equal shares cut nothing
        else:  # each its contents' width, what is left spread evenly (equal shares cut "expected")
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            spare = 0 if squeezed or not widths else (room - sum(widths)) // len(widths)
            for c, width in enumerate(widths):
                header.resizeSection(c, width + spare)
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        bar = self.horizontalScrollBar().sizeHint().height() if squeezed else 0
        self.fitted.emit(header.height() + rows + bar + 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def changeEvent(self, event) -> None:
        """A new font or style (presenting makes the text larger) changes what the headers need: the
        columns are fitted again once it has reached them (else "expected" showed as "xpecte")."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self.fit_columns)  # none once the table is gone: a font reaches all


class TargetPicture(QStackedWidget):
    full_height = PLOT_HEIGHT  # the plot's height as asked for where the column has room
    least_height = PLOT_MIN_HEIGHT  # where it has not

    def __init__(self) -> None:
        super().__init__()
        self.table = TruthTable()
        self.table.fitted.connect(self._table_height)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("targetPlot")
        self.plot.setAccessibleName("Target function plot")
        no_tab_stop_plot(self.plot)
        self.plot.setBackground(self.theme().background)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        self.addWidget(self.table)
        self.addWidget(self.plot)
        self.exercise: Exercise | None = None
        self._plot_height = PLOT_HEIGHT  # as asked for (ask_for)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.currentWidget() is self.plot:
            hint.setHeight(self._plot_height)
        return hint

    def ask_for(self, height: int) -> None:
        """The plot's height to ask for, between :data:`PLOT_MIN_HEIGHT` (a low column) and
        :data:`PLOT_HEIGHT`; it takes more where its page has more."""
        height = max(PLOT_MIN_HEIGHT, min(PLOT_HEIGHT, height))
        if height != self._plot_height:
            self._plot_height = height
            self.updateGeometry()

    def theme(self) -> Theme:
        """The plot's colours: the desktop's (or the presentation's) light or dark, as the canvas has them."""
        return desktop_theme(self.palette())

    def changeEvent(self, event) -> None:
        """A dark desktop, or presenting in a dark theme: the plot's background follows the panel's."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.plot.setBackground(self.theme().background)

    def _table_height(self, height: int) -> None:
        """No empty band under a short table, and no row hidden under its sideways scroll bar."""
        if self.exercise is not None and self.exercise.is_truth_table:
            self.table.setMaximumHeight(height)
            self.setMaximumHeight(height)

    def clear(self) -> None:
        """No exercise: an empty picture, no marks of a former one."""
        self.exercise = None
        self.plot.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.setCurrentWidget(self.table)
        self.hide()

    def show_exercise(self, exercise: Exercise) -> None:
        self.show()
        self.exercise = exercise
        self.plot.clear()
        self.plot.setAspectLocked(False)  # a 1-D target after a 2-D one: x and y have their own scales
        if exercise.is_truth_table:
            self.setCurrentWidget(self.table)
            ids = exercise.input_ids
            self.table.setColumnCount(len(ids) + 2)
            self.table.setHorizontalHeaderLabels([*(s.label or s.id for s in exercise.inputs), "expected", "network"])
            if exercise.cases.y.shape[1] > 1:
                self.name_outputs([f"output {i + 1}" for i in range(exercise.cases.y.shape[1])])
            self.table.setRowCount(len(exercise.cases))
            for r, (x, y) in enumerate(zip(exercise.cases.x, exercise.cases.y, strict=True)):
                for c, v in enumerate(x):
                    self.table.setItem(r, c, QTableWidgetItem(format_number(float(v))))
                # every output's value in one cell, as the network column shows them (a half adder's second
                # expected value went into the network column, where "–" replaced it)
                expected = ", ".join(format_number(float(v)) for v in y)
                self.table.setItem(r, len(ids), QTableWidgetItem(expected))
                self.table.setItem(r, len(ids) + 1, QTableWidgetItem("–"))
            self.table.resizeRowsToContents()
            self.table.fit_columns()
            return
        self.setMaximumHeight(QWIDGETSIZE_MAX)
        self.setCurrentWidget(self.plot)
        x, y = exercise.cases.x, exercise.cases.y
        theme = self.theme()
        if x.shape[1] == 1:
            self.plot.setLabel("bottom", escape(exercise.inputs[0].label or exercise.inputs[0].id))
            self.plot.setLabel("left", "output")
            line = target_line(exercise)  # as the file defines it: no notch where excluded points are left out
            if line is None:  # only its cases (a dataset): through them
                order = np.argsort(x[:, 0])
                line = (x[order, 0], y[order, 0])
            self.target_curve = self.plot.plot(
                *line, pen=pg.mkPen(theme.muted_text, width=3), name="target", connect="finite"
            )
            self.output_curve = self.plot.plot([], [], pen=pg.mkPen(theme.positive, width=2))
            self.error_marker = pg.ScatterPlotItem(size=14, pen=pg.mkPen(WRONG, width=2), brush=None, symbol="o")
            self.plot.addItem(self.error_marker)
            return
        if x.shape[1] >= 2:
            self.plot.setAspectLocked(True)
            a, b = exercise.inputs[0], exercise.inputs[1]
            self.plot.setLabel("bottom", escape(a.label or a.id))  # axis labels are HTML; these come from a file
            self.plot.setLabel("left", escape(b.label or b.id))
            positive = y[:, 0] >= 0.5
            brushes = [pg.mkBrush(theme.positive if p else theme.negative) for p in positive]
            self.points = pg.ScatterPlotItem(x[:, 0], x[:, 1], size=6, pen=None, brush=brushes)
            self.plot.addItem(self.points)
            few = len(x) <= 400  # on a dense grid, small rings: the target must stay visible under them
            self.wrong_marker = pg.ScatterPlotItem(
                size=12 if few else 7, pen=pg.mkPen(WRONG, width=2 if few else 1), brush=None, symbol="o"
            )
            self.plot.addItem(self.wrong_marker)

    def show_result(self, result: CheckResult) -> None:
        exercise = self.exercise
        if exercise is None:
            return
        if exercise.is_truth_table:
            self._table_result(result)
        elif exercise.cases.x.shape[1] == 1:
            self._curve_result(result)
        else:
            wrong = result.wrong_points if result.evaluated else []
            pts = exercise.cases.x[wrong] if wrong else np.zeros((0, 2))
            self.wrong_marker.setData(pts[:, 0], pts[:, 1])

    def name_outputs(self, labels: list[str]) -> None:
        """Which value of a cell is which output (several outputs, as "0, 1"): "expected (s, c)"."""
        exercise = self.exercise
        if exercise is None or not exercise.is_truth_table or exercise.cases.y.shape[1] < 2:
            return
        if len(labels) != exercise.cases.y.shape[1]:  # a network with other outputs: named by place
            labels = [f"output {i + 1}" for i in range(exercise.cases.y.shape[1])]
        names = ", ".join(clean_text(label) for label in labels)
        col = self.table.columnCount()
        for c, what in ((col - 2, "expected"), (col - 1, "network")):
            self.table.setHorizontalHeaderItem(c, QTableWidgetItem(f"{what} ({names})"))
        self.table.fit_columns()

    def _table_result(self, result: CheckResult) -> None:
        col = self.table.columnCount() - 1
        rows = {row.index: row for row in result.rows}
        for r in range(self.table.rowCount()):
            row = rows.get(r)
            # decimals alike near 0 and 1, never an integer the output is not (0.99995 read "1")
            text = ", ".join(format_reading(v) for v in row.got) if row else "–"
            item = QTableWidgetItem(text)
            self.table.setItem(r, col, item)
            bad = row is not None and not row.ok
            for c in range(self.table.columnCount()):
                cell = self.table.item(r, c)
                if cell is not None:
                    cell.setBackground(QBrush(WRONG_FILL) if bad else QBrush(Qt.BrushStyle.NoBrush))
                    # a right row in the table's own text colour (a fixed near-black vanished on a dark desktop)
                    cell.setData(Qt.ItemDataRole.ForegroundRole, QBrush(WRONG) if bad else None)
                    cell.setToolTip("wrong row" if bad else "")

    def _curve_result(self, result: CheckResult) -> None:
        x = self.exercise.cases.x[:, 0]
        order = np.argsort(x)
        if result.outputs is None:
            self.output_curve.setData([], [])
            self.error_marker.setData([], [])
            return
        self.output_curve.setData(x[order], result.outputs[order, 0])
        if result.max_error is not None and not result.passed:
            at = result.max_error
            self.error_marker.setData([x[at.index]], [at.got])
        else:
            self.error_marker.setData([], [])
