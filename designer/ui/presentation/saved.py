"""The window as it was before presenting, and putting it back exactly.

Geometry and docks/toolbars go through Qt's own ``saveGeometry``/``saveState``; the rest (menu
and status bar, theme, canvas zoom and scroll, weights on lines, grid, ports, scroll bars, frame,
focus) is recorded field by field.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRect, Qt, QTimer
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QApplication, QFrame, QWidget
from shiboken6 import isValid

from designer.ui.remembered import LAYOUT_VERSION
from designer.ui.theme import DESKTOP_THEMES, Theme, desktop_theme


@dataclass
class Saved:
    geometry: QByteArray
    rect: QRect
    state: QByteArray
    window_state: Qt.WindowState
    menu_bar: bool
    status_bar: bool
    theme: Theme
    transform: QTransform
    scroll: tuple[int, int]
    weights: bool
    grid: bool
    ports: bool
    fit_zoom: float
    scroll_bars: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy]
    frame: QFrame.Shape
    focus: QWidget | None


def capture(w) -> Saved:
    view = w.view
    return Saved(
        geometry=w.saveGeometry(),
        rect=w.geometry(),
        state=w.saveState(LAYOUT_VERSION),  # the version the next start accepts (remembered.py)
        window_state=w.windowState(),
        menu_bar=not w.menuBar().isHidden(),
        status_bar=not w.statusBar().isHidden(),
        theme=w.scene.theme,
        transform=view.transform(),
        scroll=(view.horizontalScrollBar().value(), view.verticalScrollBar().value()),
        weights=w.actions["show_weights"].isChecked(),
        grid=w.scene.show_grid,
        ports=w.scene.show_ports,
        fit_zoom=view.max_fit_zoom,
        scroll_bars=(view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()),
        frame=view.frameShape(),
        focus=QApplication.focusWidget(),
    )


def prepare_canvas(w, fit_zoom: float) -> None:
    """The canvas without editing chrome: no grid, ports, scroll bars or frame; larger fits."""
    view = w.view
    w.scene.show_grid = w.scene.show_ports = False
    view.resetCachedContent()
    view.max_fit_zoom = fit_zoom
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setFrameShape(QFrame.Shape.NoFrame)


def cover_screen(w) -> None:
    """The window over its whole screen, as full screen asks: without a window manager (an X11 kiosk
    session on a lecture-hall PC, Xvfb) nobody honours the full-screen state and the window kept its size
    in a corner of the projector. With one, this asks for the geometry full screen gives anyway."""
    screen = w.screen().geometry()
    w.layout().activate()  # the window's least size is the presentation's, not the docks' (801 px wide)
    if w.geometry() != screen:
        w.setGeometry(screen)


def restore(w, saved: Saved) -> None:
    """Everything in ``saved`` back (the canvas must be the central widget again)."""
    w.scene.show_grid, w.scene.show_ports = saved.grid, saved.ports
    # the desktop's light or dark as it is now: it may have switched while the presentation had the screen
    w.scene.set_theme(desktop_theme(w.palette()) if saved.theme in DESKTOP_THEMES else saved.theme)
    w.actions["show_weights"].setChecked(saved.weights)
    w.menuBar().setVisible(saved.menu_bar)
    w.statusBar().setVisible(saved.status_bar)
    w.setWindowState(saved.window_state)
    w.restoreGeometry(saved.geometry)
    if not saved.window_state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        w.setGeometry(saved.rect)  # restoreGeometry fits the window to the screen; this is exact
    w.restoreState(saved.state, LAYOUT_VERSION)
    # once the normal size and the restored fonts are laid out, the dock sizes again
    QTimer.singleShot(0, lambda state=saved.state: QTimer.singleShot(0, lambda: w.restoreState(state, LAYOUT_VERSION)))
    view = w.view
    view.max_fit_zoom = saved.fit_zoom
    view.setHorizontalScrollBarPolicy(saved.scroll_bars[0])
    view.setVerticalScrollBarPolicy(saved.scroll_bars[1])
    view.setFrameShape(saved.frame)
    view.resetCachedContent()
    view.setTransform(saved.transform)
    view.horizontalScrollBar().setValue(saved.scroll[0])
    view.verticalScrollBar().setValue(saved.scroll[1])
    if saved.focus is not None and isValid(saved.focus) and saved.focus.window() is w:
        saved.focus.setFocus()
