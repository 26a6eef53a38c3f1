"""The canvas scrolls over what is on it now, with a margin, not over all the scene ever held.

In the main window with XOR open, Fit to Window showed scroll bars although everything fitted (the
text boxes' layer reaches 240 beyond the nodes, and Qt's own scene rect followed it); after a layer
was deleted, its empty space stayed scrollable; and the view must not jump when a drag ends.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtWidgets import QAbstractSlider, QApplication

from designer.ui.canvas.scroll_range import scroll_range
from designer.ui.canvas.zoom import FIT_MARGIN
from tests.ui.gui import move, node_pos, press, release


def _settled(qtbot, window) -> None:
    """The scroll range has followed the last edit (at the next turn of the event loop)."""
    qtbot.waitUntil(lambda: not window.scene.extent_pending)
    QApplication.processEvents()  # and the scroll bars have followed the range


def _fit_by_toolbar(qtbot, window) -> None:
    window.actions["zoom_fit"].trigger()
    _settled(qtbot, window)


def _bars(view) -> tuple[bool, bool]:
    return view.horizontalScrollBar().isVisible(), view.verticalScrollBar().isVisible()


def _within_content(view) -> bool:
    """The view scrolls no further than the content with its margin, and what it shows now."""
    content = view.scene().content_rect()
    allowed = content.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN).united(view.visible_scene_rect())
    return allowed.contains(view.sceneRect().adjusted(1, 1, -1, -1))


def test_fit_after_training_shows_no_scroll_bars(qtbot, xor_window):
    w = xor_window
    w.resize(1280, 720)
    live = w.live
    live.panel.stop_epochs.setValue(2)
    live.panel.stop_epochs_on.setChecked(True)
    live.panel.buttons["train_play"].click()  # Play in the Training panel: the maps are drawn as it trains
    qtbot.waitUntil(lambda: not live.training.running, timeout=5000)
    _fit_by_toolbar(qtbot, w)
    assert _bars(w.view) == (False, False)
    content = w.scene.content_rect()
    assert w.view.sceneRect().contains(content)  # all of it can be seen
    assert w.view.visible_scene_rect().contains(content)


def test_deleting_a_layer_shrinks_the_scroll_range(qtbot, xor_window):
    w = xor_window
    view = w.view
    view.zoom(2.0)  # zoomed in: the network is larger than the view, scroll bars show
    qtbot.waitUntil(lambda: _bars(view) == (True, True))
    net = w.document.network
    w.scene.select_nodes(list(net.neurons))  # the hidden layer and the output: all right of the inputs
    w.actions["delete"].trigger()
    qtbot.waitUntil(lambda: _within_content(view), timeout=3000)  # still zoomed in: the layer's space is gone
    _fit_by_toolbar(qtbot, w)
    assert _within_content(view)
    assert _bars(view) == (False, False)


def test_deleting_a_layer_beside_a_vertical_bar_leaves_the_view_and_its_width(qtbot, xor_window):
    """Zoomed in and scrolled to the top left, the inputs left after the delete fit across the view but
    not down it: the view stays, no horizontal bar, and the range ends where the view does (it stuck out
    half a vertical bar beyond it; the test above met this only after a test left the pointer over the view)."""
    w = xor_window
    view = w.view
    view.zoom(2.0)
    qtbot.waitUntil(lambda: _bars(view) == (True, True))
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):  # dragged to their start
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    seen = view.visible_scene_rect()
    w.scene.select_nodes(list(w.document.network.neurons))
    w.actions["delete"].trigger()
    _settled(qtbot, w)
    assert _bars(view) == (False, True)
    now = view.visible_scene_rect()
    assert (now.left(), now.top(), now.width()) == (seen.left(), seen.top(), seen.width())  # (taller: no bar)
    assert now.left() <= view.sceneRect().left() and view.sceneRect().right() <= now.right()
    assert _within_content(view)


def test_an_edit_after_zooming_in_scrolls_no_further_than_the_content(qtbot, xor_window):
    w = xor_window
    view = w.view
    view.zoom(2.0)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    _settled(qtbot, w)
    seen = view.visible_scene_rect()
    press(view, node_pos(w, "x1"))  # x1 dragged a little: one edit
    move(view, node_pos(w, "x1") + QPointF(0, 5))
    release(view, node_pos(w, "x1"))
    _settled(qtbot, w)
    assert view.visible_scene_rect() == seen  # the view stayed where it was
    reach = w.scene.content_rect().adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN).united(seen)
    assert reach.adjusted(-1, -1, 1, 1).contains(view.sceneRect())  # and scrolls no further than that


def test_a_drag_in_a_fitted_view_never_moves_the_view(qtbot, xor_window):
    """Each move of the drag and its end keep the view where it was (the node follows the cursor)."""
    w = xor_window
    view = w.view
    _fit_by_toolbar(qtbot, w)
    seen = view.visible_scene_rect()
    start = node_pos(w, "y")
    press(view, start)
    for i in range(1, 6):
        move(view, start + QPointF(-8 * i, 6 * i))
        assert view.visible_scene_rect() == seen, i
    release(view, start + QPointF(-40, 30))
    _settled(qtbot, w)  # the range follows the moved node
    assert view.visible_scene_rect() == seen
    assert _bars(view) == (False, False)
    for _ in range(3):  # and again, edit after edit: it never creeps
        w.actions["undo"].trigger()
        _settled(qtbot, w)
        w.actions["redo"].trigger()
        _settled(qtbot, w)
        assert view.visible_scene_rect() == seen


def test_a_range_in_view_is_centred_where_the_view_is_and_narrower_than_it():
    seen = QRectF(-93.5, -120.5, 580.7, 343.8)
    scale = 559 / 580.7
    rect = scroll_range(seen, QSize(559, 331), 14, scale, QRectF(0, 0, 100, 100), FIT_MARGIN)
    assert rect.width() * scale < 559 and rect.height() * scale < 331  # no scroll bar
    # Qt centres a range narrower than the viewport at viewport // 2: the view stays at seen's corner
    assert int(rect.center().x() * scale - 559 // 2) == round(seen.left() * scale)
    assert int(rect.center().y() * scale - 331 // 2) == round(seen.top() * scale)


def test_the_margin_alone_brings_no_scroll_bar():
    """Content wider than the view needs a horizontal bar; its margin above and below, which would
    not fit beside that bar, brings no vertical one (it narrowed the view at a drag's end)."""
    seen = QRectF(0, 0, 400, 300)
    rect = scroll_range(seen, QSize(400, 300), 14, 1.0, QRectF(10, 10, 900, 270), FIT_MARGIN)
    assert rect.left() <= 0 and rect.right() >= 910 + FIT_MARGIN  # scrolls over the content and margin
    assert rect.height() < 300 - 14  # no vertical bar beside the horizontal one


def test_a_range_across_the_view_beside_the_other_bar_ends_where_the_view_does():
    """The view at the failing delete: zoom 2, a 472×503 viewport less a 14 px vertical bar; only inputs
    left, which fit across the view but not down it."""
    seen, scale = QRectF(-59.5, -143.5, 229, 251.5), 2.0
    rect = scroll_range(seen, QSize(472, 503), 14, scale, QRectF(-41, -36, 82, 212), FIT_MARGIN)
    assert rect.width() * scale < 472 - 14  # no horizontal bar
    assert seen.left() <= rect.left() and rect.right() <= seen.right()  # within what the view shows
    assert int(rect.center().x() * scale - 472 // 2) == round(seen.left() * scale)  # Qt keeps the view there


def test_a_big_action_asks_for_the_scroll_range_once(qtbot):
    """Add Layer… of 64 after 64 (4,224 links), its undo and its redo: the scroll range follows each once,
    at the action's end, and each link's event is only noted. The scene restarted its timer for every
    link's event (4,224 calls into Qt per action, 16 ms of a redo's 0.36 s under the profiler) to send
    the one signal all the same, and went through its general path for lines that changed for each."""
    from PySide6.QtCore import QTimer

    from tests.ui.live_gui import mlp, open_window
    from tests.ui.test_building import _add_layer

    w = open_window(qtbot, mlp([2, 64], "relu", "relu"))
    view, timer = w.view, w.scene._extent_timer
    _settled(qtbot, w)
    starts = []
    timer.start = lambda *args: (starts.append(args), QTimer.start(timer, *args))[1]
    noted = []  # the scene's work for lines that came or went, outside the batch's notes of each link
    lines_changed = type(w.scene)._lines_changed
    w.scene._lines_changed = lambda: (noted.append(1), lines_changed(w.scene))[1]
    for act in (lambda: _add_layer(qtbot, w, 64, "relu"), w.actions["undo"].trigger, w.actions["redo"].trigger):
        starts.clear()
        noted.clear()
        act()
        _settled(qtbot, w)
        assert 1 <= len(starts) <= 3  # (the action's end; a fit may ask again)
        assert len(noted) <= 64 + 2  # per node at most, not per link
        assert view.sceneRect().contains(w.scene.network_rect())  # every node can be scrolled to
    assert len(w.document.network.connections) == 2 * 64 + 64 * 64


def test_a_fit_after_a_big_action_measures_the_content_twice_not_three_times(qtbot):
    """Add Layer… of 64 after 64 in a fitted view, its undo and its redo: the fit measures the content
    (every item of the scene: 0.8 ms a time for this net) and the scroll range follows it at the fit's
    end. The fit first sent the action's pending change of extent, and the scroll range followed the
    content once more, to be set again a moment later."""
    from tests.ui.live_gui import mlp, open_window
    from tests.ui.test_building import _add_layer

    w = open_window(qtbot, mlp([2, 64], "relu", "relu"))
    view = w.view
    _settled(qtbot, w)
    measured, fits = [], []
    content_rect, zoom_to_fit = w.scene.content_rect, view.zoom_to_fit
    w.scene.content_rect = lambda: (measured.append(1), content_rect())[1]
    view.zoom_to_fit = lambda: (fits.append(1), zoom_to_fit())[1]
    for act in (lambda: _add_layer(qtbot, w, 64, "relu"), w.actions["undo"].trigger, w.actions["redo"].trigger):
        measured.clear()
        fits.clear()
        act()
        _settled(qtbot, w)
        assert len(measured) <= max(2 * len(fits), 1)  # a fit and its scroll range (3 a fit before)
        assert view.sceneRect().contains(w.scene.network_rect())  # every node can be scrolled to
    assert fits  # the redo brought the layer into view by a fit
