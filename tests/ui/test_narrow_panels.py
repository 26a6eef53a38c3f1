"""The Exercise dock at the widths a small screen leaves it: nothing of the design check or the
chain-rule drill is cut off on the right or squeezed under its neighbour; text wraps, buttons take
more rows, answer labels go above their fields and the dock scrolls up and down.

Found at 1000×720 (the first-start size on small screens) and 1366×768: the drill's buttons and
fields ran 160 px past a 290 px dock; the design steps' prompts lost their last lines and the status
was drawn over the buttons and the truth table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QLineEdit, QWidget
from pytestqt.exceptions import TimeoutError

from designer.exercises import load_exercise
from designer.lessons import load_lesson
from designer.resources import resource_file
from designer.ui.exercise_target import TargetPicture
from tests.ui.live_gui import sized_window
from tests.ui.test_landscape_view import small_net

CHAIN_RULE_STEP = 16  # chain-1-1-1 beside the canvas
DESIGN_STEPS = (12, 13, 14, 15)  # AND, XOR, the triangle, approximate sin x
USABLE_FIELD = 80  # px: room for an entry such as -3/4 beside the clear button


def shown_parts(root: QWidget) -> list[QWidget]:
    """The labels, buttons and fields of ``root`` the user sees."""
    kinds = (QLabel, QAbstractButton, QLineEdit)
    return [w for w in root.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(root) and w.isVisible()]


def in_view(widget: QWidget, view: QWidget) -> QRect:
    return QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())


def name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {text[:30]!r}"


def cut_off(root: QWidget, view: QWidget) -> list[str]:
    """What of ``root`` is not readable in ``view`` (the scroll area's viewport): reaching past its right
    edge, a text cut (a label lower than its wrapped text, one line wider than the label, a button
    narrower than its text), a field too narrow to type in, or two parts drawn over each other."""
    problems = []
    parts = shown_parts(root)
    for w in parts:
        rect = in_view(w, view)
        if rect.right() >= view.width():
            problems.append(f"{name(w)} reaches x={rect.right()} past {view.width()}")
        if isinstance(w, QLabel) and w.text():
            if w.wordWrap() and w.height() < w.heightForWidth(w.width()):
                problems.append(f"{name(w)} is {w.height()} px high for {w.heightForWidth(w.width())} px of text")
            if not w.wordWrap() and w.sizeHint().width() > w.width():
                problems.append(f"{name(w)} is {w.width()} px wide for {w.sizeHint().width()} px of text")
        if isinstance(w, QAbstractButton) and w.sizeHint().width() > w.width():
            problems.append(f"{name(w)} is {w.width()} px wide for its {w.sizeHint().width()} px text")
        if isinstance(w, QLineEdit) and w.width() < USABLE_FIELD:
            problems.append(f"{name(w)} is only {w.width()} px wide")
    for i, a in enumerate(parts):
        for b in parts[i + 1 :]:
            if in_view(a, view).intersects(in_view(b, view)) and a.text() and b.text():
                problems.append(f"{name(a)} overlaps {name(b)}")
    return problems


def table_cut(table) -> list[str]:
    """Truth-table columns narrower than their header or values, unless the table scrolls to them."""
    header = table.horizontalHeader()
    return [
        f"column {table.horizontalHeaderItem(c).text()!r}: {header.sectionSize(c)} px for {header.sectionSizeHint(c)}"
        for c in range(table.columnCount())
        if header.sectionSize(c) < max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
    ]


def window_at(qtbot, size):
    return sized_window(qtbot, small_net(), size)


def settled(qtbot, w):
    """The dock's viewport once the docks have their sizes (a few turns of the event loop: waited
    for, not slept); it scrolls up and down only."""
    scroll = w.exercise.widget()
    assert scroll.objectName() == "exerciseScroll"
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0, timeout=5000)
    return scroll.viewport()


def assert_fits(qtbot, root: QWidget, view: QWidget) -> None:
    """Nothing of ``root`` cut off in ``view``, once the layout has settled (the parts named if not)."""
    try:
        qtbot.waitUntil(lambda: cut_off(root, view) == [], timeout=5000)
    except TimeoutError:
        assert cut_off(root, view) == []


@pytest.mark.parametrize("size", [(1000, 720), (1366, 768)])
def test_the_chain_rule_drill_beside_the_canvas_is_readable(qtbot, size):
    w = window_at(qtbot, size)
    assert w.lessons.open(load_lesson("neural-networks"), CHAIN_RULE_STEP - 1)
    view = settled(qtbot, w)
    chain = w.exercise.panel.chain
    assert chain.isVisible() and chain.exercise.id == "chain-1-1-1"
    assert_fits(qtbot, chain, view)
    qtbot.mouseClick(chain.answers_button, Qt.MouseButton.LeftButton)
    assert all(row.answer.text().startswith("=") for row in chain.rows)
    assert_fits(qtbot, chain, view)  # the revealed answers fit beside the fields too


def test_in_a_narrow_dock_the_answer_labels_stand_above_their_fields(qtbot):
    w = window_at(qtbot, (1000, 720))
    assert w.lessons.open(load_lesson("neural-networks"), CHAIN_RULE_STEP - 1)
    settled(qtbot, w)
    chain = w.exercise.panel.chain
    qtbot.waitUntil(lambda: chain.width() < 320 and chain.table.stacked, timeout=5000)  # the lesson's narrow dock
    for row in chain.rows:
        assert row.label.geometry().bottom() < row.field.geometry().top()
        assert row.field.width() >= USABLE_FIELD


@pytest.mark.parametrize("step", DESIGN_STEPS)
def test_a_design_step_keeps_its_prompt_buttons_and_table_whole(qtbot, step):
    w = window_at(qtbot, (1366, 768))
    assert w.lessons.open(load_lesson("neural-networks"), step - 1)
    view = settled(qtbot, w)
    panel = w.exercise.panel
    assert panel.detail.isVisible()
    assert_fits(qtbot, panel.detail, view)
    if panel.exercise.is_truth_table:
        assert table_cut(panel.picture.table) == []


@pytest.mark.parametrize("exercise_id", ["xor", "triangle", "chain-2-2-1-sigmoid"])
def test_an_exercise_opened_from_the_file_menu_fits_the_dock(qtbot, monkeypatch, exercise_id):
    w = window_at(qtbot, (1000, 720))
    path = str(resource_file("exercises", f"{exercise_id}.json"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (path, ""))
    w.actions["open_exercise"].trigger()
    view = settled(qtbot, w)
    panel = w.exercise.panel
    page = panel.pages.currentWidget()
    assert page.isVisible() and panel.shown_id == exercise_id
    assert_fits(qtbot, page, view)


def test_a_truth_table_narrower_than_its_headers_scrolls_sideways(qtbot):
    picture = TargetPicture()  # as in a dock dragged to its narrowest
    qtbot.addWidget(picture)
    picture.show_exercise(load_exercise("xor"))
    picture.resize(150, 200)
    picture.show()
    qtbot.waitExposed(picture)
    table = picture.table
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() > 0)
    assert table_cut(table) == []
    assert table.maximumHeight() > table.horizontalHeader().height() + 4 * table.rowHeight(0)  # room for the bar
    picture.resize(400, 200)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)  # wide again: the width shared out
    assert table_cut(table) == []
    assert table.horizontalHeader().sectionSize(0) > table.horizontalHeader().sectionSizeHint(0)


def test_a_table_wide_enough_in_all_but_equal_shares_cuts_no_header(qtbot):
    """Presenting steps 12/13: the columns' contents fitted the table's width together, but equal
    shares were narrower than "expected" needs ("xpecte")."""
    picture = TargetPicture()
    qtbot.addWidget(picture)
    picture.show_exercise(load_exercise("xor"))
    table = picture.table
    widths = table.contents_widths()
    picture.show()
    qtbot.waitExposed(picture)
    frame = picture.width() - table.viewport().width()
    room = (sum(widths) + max(widths) * len(widths)) // 2  # between the two
    picture.resize(room + frame, 200)
    qtbot.waitUntil(lambda: table.viewport().width() >= sum(widths))
    qtbot.waitUntil(lambda: table_cut(table) == [])
    assert table.horizontalScrollBar().maximum() == 0
