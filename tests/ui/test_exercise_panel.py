"""Exercises in the GUI: open one, build the solution with the mouse, watch the live check turn to PASS."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTreeWidgetItemIterator

from designer.exercises import load_exercise
from tests.ui import gui
from tests.ui.test_canvas_build import connect, on_line, place


def _browser_item(panel, exercise_id):
    it = QTreeWidgetItemIterator(panel.browser)
    while it.value():
        if it.value().data(0, Qt.ItemDataRole.UserRole) == exercise_id:
            return it.value()
        it += 1
    raise AssertionError(exercise_id)


def click_exercise(qtbot, panel, exercise_id, double=False):
    """Click (or double-click) an entry of the exercise list with the mouse."""
    item = _browser_item(panel, exercise_id)
    panel.browser.scrollToItem(item)
    point = panel.browser.visualItemRect(item).center()
    qtbot.mouseClick(panel.browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    if double:
        qtbot.mouseDClick(panel.browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_open_xor_build_the_solution_with_the_mouse_and_pass(qtbot, xor_window):
    w = xor_window
    panel = w.exercise.panel
    w.exercise.show()
    click_exercise(qtbot, panel, "xor")
    assert panel.title.text() == "XOR gate"
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    net = w.document.network
    assert set(net.neurons) == {"y"} and net.extras["exercise"] == "xor"
    qtbot.waitUntil(lambda: "not yet" in panel.status.text())
    assert panel.picture.table.item(0, 3).background().color().name() == "#f8d7d3"  # step(0) = 1 on row (0,0): red
    assert panel.picture.table.item(1, 3).background().style() == Qt.BrushStyle.NoBrush  # row (0,1) right

    w.view.centerOn(200, 60)
    y_x, y_y = net.neurons["y"].position
    gui.drag(w.view, gui.node_pos(w, "y"), (y_x + 220, y_y + 60))  # make room for a hidden layer
    place(qtbot, w, "add_neuron", (200, 0))
    place(qtbot, w, "add_neuron", (200, 120))
    for s, t in [("x1", "h1"), ("x2", "h1"), ("x1", "h2"), ("x2", "h2"), ("h1", "y"), ("h2", "y")]:
        connect(w, s, t)
    gui.click(w.view, on_line(w, ("x1", "y"), 0.15))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    gui.click(w.view, on_line(w, ("x2", "y"), 0.15))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    combo = w.inspector.n_activation
    for n in ("h1", "h2"):
        gui.click(w.view, gui.node_pos(w, n))
        qtbot.waitUntil(lambda n=n: w.inspector.current == n)
        combo.setCurrentIndex(combo.findData("step"))
    for key, text in [
        (("x1", "h1"), "1"),
        (("x2", "h1"), "1"),
        (("x1", "h2"), "1"),
        (("x2", "h2"), "1"),
        (("h1", "y"), "1"),
        (("h2", "y"), "-1"),
    ]:
        gui.double_click(w.view, on_line(w, key))
        gui.type_into_editor(qtbot, w, text)
    for n, text in [("h1", "-0.5"), ("h2", "-1.5"), ("y", "-0.5")]:
        gui.double_click(w.view, gui.node_pos(w, n))
        gui.type_into_editor(qtbot, w, text)
    qtbot.waitUntil(lambda: "PASS" in panel.status.text())
    assert panel.result.passed and panel.result.right == 4
    assert "✓" in _browser_item(panel, "xor").text(0)  # remembered as solved


def test_violations_are_named_and_hints_come_one_at_a_time(qtbot, xor_window):
    w = xor_window
    panel = w.exercise.panel
    panel.set_exercise(load_exercise("and"))
    qtbot.waitUntil(lambda: panel.result is not None)
    assert not panel.result.passed
    texts = [panel.reasons.item(i).text() for i in range(panel.reasons.count())]
    assert any("2 hidden neurons" in t for t in texts), texts
    qtbot.mouseClick(panel.hint_button, Qt.MouseButton.LeftButton)
    assert panel.hints.text().startswith("Hint 1:") and "Hint 2" not in panel.hints.text()


def test_show_solution_passes_and_undo_restores_but_is_not_counted_as_solved(qtbot, xor_window):
    w = xor_window
    panel = w.exercise.panel
    panel.set_exercise(load_exercise("abs-relu"))
    before = set(w.document.network.neurons)
    qtbot.mouseClick(panel.solution_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "PASS" in panel.status.text())
    assert "✓" not in _browser_item(panel, "abs-relu").text(0)
    w.actions["undo"].trigger()
    assert set(w.document.network.neurons) == before


def test_exam_mode_hides_solutions(qtbot, xor_window):
    from designer.ui.files import settings

    settings().setValue("exercises/hide_solutions", True)
    panel = xor_window.exercise.panel
    panel.set_exercise(load_exercise("xor"))
    assert not panel.solution_button.isEnabled()


def test_one_dimensional_target_marks_the_largest_error(qtbot, xor_window):
    panel = xor_window.exercise.panel
    exercise = load_exercise("abs-relu")
    panel.show_exercise(exercise)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.outputs is not None)
    x, _ = panel.picture.output_curve.getData()
    assert len(x) == len(exercise.cases)
    marker = panel.picture.error_marker.data
    assert len(marker) == 1


def test_wrong_rows_are_circled_on_the_region_plot(qtbot, xor_window):
    w = xor_window
    panel = w.exercise.panel
    panel.show_exercise(load_exercise("xor"))
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)  # step(0) = 1 everywhere: rows (0,0), (1,1) wrong
    qtbot.waitUntil(lambda: panel.result is not None and not panel.result.passed)
    xs, ys = panel.marks.item.getData()
    assert sorted(zip(xs.tolist(), ys.tolist(), strict=True)) == [(0.0, 0.0), (1.0, 1.0)]
    qtbot.mouseClick(panel.solution_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result.passed)
    assert len(panel.marks.item.getData()[0]) == 0


def test_a_teachers_design_file_with_a_built_in_id_does_not_tick_the_built_in(qtbot, xor_window, tmp_path, monkeypatch):
    """Solved marks were kept by id: passing a teacher's "id": "xor" file ticked the built-in XOR gate."""
    from PySide6.QtWidgets import QFileDialog

    from designer.resources import resource_file

    path = tmp_path / "course" / "xor.json"
    path.parent.mkdir()
    path.write_bytes(resource_file("exercises", "xor.json").read_bytes())
    w = xor_window
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w.actions["open_exercise"].trigger()
    panel = w.exercise.panel
    assert panel.exercise.source == str(path)
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)  # the open XOR network passes it
    qtbot.waitUntil(lambda: "PASS" in panel.status.text())
    assert w.statusBar().currentMessage().startswith("Solved:")
    assert "✓" not in _browser_item(panel, "xor").text(0)


def _entry_titled(panel, text):
    """The exercise list's entry showing ``text`` (None if there is none)."""
    it = QTreeWidgetItemIterator(panel.browser)
    while it.value():
        if it.value().text(0) == text:
            return it.value()
        it += 1
    return None


def open_teachers_exercise(w, monkeypatch, path, **fields) -> None:
    """A teacher's exercise file (the shipped abs-relu with ``fields`` changed) written at ``path`` and
    opened with File ▸ Open Exercise… in the window's Exercise dock."""
    import json

    from PySide6.QtWidgets import QFileDialog

    from designer.resources import resource_file

    teachers = json.loads(resource_file("exercises", "abs-relu.json").read_text(encoding="utf-8"))
    path.write_text(json.dumps({**teachers, **fields}), encoding="utf-8")
    w.exercise.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w.actions["open_exercise"].trigger()


def test_a_teachers_exercise_file_opened_is_listed_in_its_group_to_come_back_to(
    qtbot, xor_window, tmp_path, monkeypatch
):
    """File ▸ Open Exercise… on a teacher's file showed it with nothing chosen in the list (a teacher's
    "id": "xor" chose the built-in XOR gate); after a click on another exercise the way back was the
    file dialog again."""

    path = tmp_path / "week 5" / "hat.json"
    path.parent.mkdir()
    w = xor_window
    open_teachers_exercise(w, monkeypatch, path, id="xor", title="A hat from three ReLUs")
    panel = w.exercise.panel
    entry = _entry_titled(panel, "A hat from three ReLUs (hat.json)")
    assert entry is not None and entry.parent().text(0) == "1-D functions"
    assert panel.browser.currentItem() is entry  # chosen: not the built-in of its id, "xor"
    assert str(path.resolve()) in entry.toolTip(0)  # where it is read from

    click_exercise(qtbot, panel, "and")
    assert panel.title.text() == "AND gate"
    entry = _entry_titled(panel, "A hat from three ReLUs (hat.json)")  # still listed: one click back
    panel.browser.scrollToItem(entry)
    qtbot.mouseClick(
        panel.browser.viewport(), Qt.MouseButton.LeftButton, pos=panel.browser.visualItemRect(entry).center()
    )
    assert panel.title.text() == "A hat from three ReLUs" and panel.exercise.source == str(path.resolve())
    assert panel.browser.currentItem().text(0) == "A hat from three ReLUs (hat.json)"
    click_exercise(qtbot, panel, "xor")  # the built-in of the same id is another entry
    assert panel.title.text() == "XOR gate" and panel.exercise.source != str(path.resolve())


def test_a_teachers_file_with_a_line_break_in_its_name_is_listed_on_one_line(qtbot, xor_window, tmp_path, monkeypatch):
    """A file named "hat\\n(1).json" (a mail program's save, or a hostile one) made its entry two lines tall,
    the second reading "(1).json)" under the title, as if it were another entry."""

    path = tmp_path / "hat\n(1)\x1b[31m.json"
    w = xor_window
    open_teachers_exercise(w, monkeypatch, path, title="A hat")
    panel = w.exercise.panel
    entry = panel.browser.currentItem()
    assert entry.text(0) == "A hat (hat (1)\\x1b[31m.json)"  # one printable line
    assert entry.text(0).isprintable()
    height = panel.browser.visualItemRect(entry).height()
    assert height == panel.browser.visualItemRect(_browser_item(panel, "xor")).height()


def test_a_teachers_title_with_a_line_break_and_an_override_is_listed_and_shown_on_one_line(
    qtbot, xor_window, tmp_path, monkeypatch
):
    """A title "A hat\nfor\u202eyou" (the format takes it) made its entry two lines tall, the second looking
    like another entry, and the dock's heading read "A hat", then "foruoy" under it."""
    path = tmp_path / "hat.json"
    w = xor_window
    open_teachers_exercise(w, monkeypatch, path, title="A hat\nfor\u202eyou")
    panel = w.exercise.panel
    entry = panel.browser.currentItem()
    assert entry.text(0) == "A hat for you (hat.json)"
    height = panel.browser.visualItemRect(entry).height()
    assert height == panel.browser.visualItemRect(_browser_item(panel, "xor")).height()
    assert panel.title.text() == "A hat for you"


def test_a_teachers_file_edited_since_is_listed_as_it_reads_now(qtbot, xor_window, tmp_path, monkeypatch):
    """The teacher fixed the title in the file and clicked its entry: the exercise showed "Hat, fixed" and
    its entry still read "Hat, frist (hat.json)", the title it had when first opened."""
    import json

    path = tmp_path / "hat.json"
    w = xor_window
    open_teachers_exercise(w, monkeypatch, path, title="Hat, frist")
    panel = w.exercise.panel
    click_exercise(qtbot, panel, "and")
    written = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**written, "title": "Hat, fixed"}), encoding="utf-8")
    entry = _entry_titled(panel, "Hat, frist (hat.json)")
    panel.browser.scrollToItem(entry)
    rect = panel.browser.visualItemRect(entry)
    qtbot.mouseClick(
        panel.browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.topLeft() + QPoint(10, rect.height() // 2)
    )
    assert panel.title.text() == "Hat, fixed"
    assert panel.browser.currentItem().text(0) == "Hat, fixed (hat.json)"
    assert _entry_titled(panel, "Hat, frist (hat.json)") is None


def test_a_teachers_title_without_spaces_wraps_and_leaves_the_verdict_whole(qtbot, xor_window, tmp_path, monkeypatch):
    """A title of 190 letters without a space (the format takes 200) made the title label as wide as the
    word: the whole Exercise page grew past the dock, and the verdict, the reasons and the picture were cut
    at its right edge (no scroll bar across)."""

    from PySide6.QtCore import QRect

    path = tmp_path / "hat.json"
    w = xor_window
    open_teachers_exercise(w, monkeypatch, path, title="<b>" + "T" * 190)
    panel = w.exercise.panel
    assert panel.title.text().replace("\u200b", "") == "<b>" + "T" * 190  # plain text, whole
    dock = w.exercise
    qtbot.waitUntil(lambda: panel.title.isVisible() and dock.width() > 200)
    for widget in (panel.title, panel.status):
        shown = QRect(widget.mapTo(dock, widget.rect().topLeft()), widget.size())
        assert shown.right() <= dock.width(), (widget.objectName(), shown, dock.width())


def test_next_hint_scrolls_the_hint_into_view_on_a_small_screen(qtbot, xor_window):
    """At 1280×720 the hint came below the fold of the Exercise dock: Next hint seemed to do nothing."""
    w = xor_window
    w.live.build_plots()
    w.resize(1152, 680)  # what fit_to_screen leaves of a 1280×720 screen
    w.exercise.show()
    w.exercise.raise_()
    panel = w.exercise.panel
    panel.set_exercise(load_exercise("xor"))
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    for shown in (1, 2):
        qtbot.mouseClick(panel.hint_button, Qt.MouseButton.LeftButton)
        assert panel.hints.text().count("Hint ") == shown
        label = panel.hints
        qtbot.waitUntil(lambda label=label: _laid_out_and_in_view(label))


def _laid_out_and_in_view(label) -> bool:
    """The label has the height of its wrapped text (its layout has settled) and all of it shows."""
    settled = label.height() == label.heightForWidth(label.width())
    return settled and label.visibleRegion().boundingRect() == label.rect()


def test_the_last_xor_hint_works_for_sigmoids_too(qtbot, xor_window):
    """The hint said step(h1 - h2 - 0.5) with OR and AND of step units: built with sigmoids as it says
    (weights 1, biases -0.5, -1.5, -0.5) it gave 0.437 for (0, 1) and (1, 0), and no hint said why."""
    from designer.model import SetConnectionField, SetNodeField

    w = xor_window
    w.exercise.show()
    panel = w.exercise.panel
    panel.set_exercise(load_exercise("xor"))
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    while panel.hint_button.isEnabled():
        qtbot.mouseClick(panel.hint_button, Qt.MouseButton.LeftButton)
    assert "With sigmoids, multiply every weight and bias by 10" in panel.hints.text()
    h1, h2 = w.editing.add_layer(2, "sigmoid", True, weights="zeros")
    scaled = {("x1", h1): 10, ("x2", h1): 10, ("x1", h2): 10, ("x2", h2): 10, (h1, "y"): 10, (h2, "y"): -10}
    for key, weight in scaled.items():
        w.document.push(SetConnectionField(key, "weight", float(weight)))
    for node, bias in ((h1, -5.0), (h2, -15.0), ("y", -5.0)):
        w.document.push(SetNodeField(node, "bias", bias))
    w.document.push(SetNodeField("y", "activation", "sigmoid"))
    qtbot.waitUntil(lambda: "PASS" in panel.status.text())


def test_start_over_unsaved_work_says_what_will_replace_it(qtbot, xor_window, monkeypatch):
    """A student edits the example, clicks *AND gate* to read it and presses Start: the box asked only
    "Save the changes to this network first?", and nothing said that Start was about to replace their
    network. It now says so under the question; Cancel keeps the network."""
    from PySide6.QtWidgets import QMessageBox

    w = xor_window
    gui.click(w.view, gui.node_pos(w, "h2"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)  # unsaved work
    asked = []

    def answer(box):
        asked.append((box.text(), box.informativeText()))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answer)
    panel = w.exercise.panel
    w.exercise.show()
    click_exercise(qtbot, panel, "and")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert asked == [
        ("Save the changes to this network first?", "Start replaces it with the starter network of AND gate.")
    ]
    assert "h2" not in w.document.network.neurons and "h1" in w.document.network.neurons  # Cancel: kept
