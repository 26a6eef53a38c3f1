"""Presentation mode: F5 (View ▸ Present) shows the network full screen for a lecture hall; Esc or F5
leaves and puts the window back exactly as it was (geometry, docks, toolbars, theme, zoom).

While presenting, the canvas and the region view are borrowed into a :class:`Stage`; the scene gets
a presentation theme (scale 1×–3×, no text below 24 px on screen: the canvas's text floor follows
the zoom), widgets get large fonts and the theme's palette, and :class:`DemoKeys` runs the demo.

Its parts: the View menu's entries (``menu``), fitting the network to the stage (``fitting``), the
focused neuron (``spotlight``), where messages go (``caption``), the stage itself (``stage``).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget

from designer.model import SetNetworkField
from designer.model.events import once_per_action
from designer.ui.presentation import config as cfg
from designer.ui.presentation.badges import NumberBadges
from designer.ui.presentation.caption import CaptionRoom
from designer.ui.presentation.chrome import ChromeHider
from designer.ui.presentation.config import PresentationConfig
from designer.ui.presentation.fit_margin import fit_margin_px, value_box_width
from designer.ui.presentation.fitting import StageFitter, fit_settled
from designer.ui.presentation.focus import FocusCard, neuron_order
from designer.ui.presentation.keys import DemoKeys
from designer.ui.presentation.look import WidgetLook, presentation_theme
from designer.ui.presentation.menu import PresentMenu
from designer.ui.presentation.overlays import BlankScreen, MouseFollower
from designer.ui.presentation.saved import Saved, capture, prepare_canvas, restore
from designer.ui.presentation.spotlight import Spotlight
from designer.ui.presentation.stage import Stage

PRESENT_FIT_ZOOM = 4.0  # small networks may fill the projector
PANEL_REFRESH_MS = 150
LABEL_SPACING = 0.12  # free space between any two text boxes on the canvas, in lines of their text


class Presentation(QObject):
    def __init__(self, window, live, exercise, exports) -> None:
        super().__init__(window)
        self.window = window
        self.live = live
        self.exercise = exercise
        self.exports = exports
        self.active = False
        self.config = cfg.from_network(window.document.network) or cfg.last_config()
        self._file_section = window.document.network.extras.get(cfg.EXTRAS_KEY)
        self.scale = cfg.remembered_scale()
        self.stage: Stage | None = None
        self.card: FocusCard | None = None
        self.badges: NumberBadges | None = None
        self.spotlight = Spotlight(self)
        self.fitter = StageFitter(self)
        self._caption_room = CaptionRoom(self)
        self._saved: Saved | None = None
        self._look: WidgetLook | None = None
        self._chrome = ChromeHider(window, live, exercise)
        #: the lesson player, when one is open its step decides the stage (see :meth:`follow_lesson`)
        self.lesson = None
        self.blank = BlankScreen(window)
        self.keys = DemoKeys(self)
        self._follower: MouseFollower | None = None
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(PANEL_REFRESH_MS)
        self._panel_timer.timeout.connect(self._refresh_panel)
        self._unsubscribe = window.document.network.events.subscribe(once_per_action(self._model_changed))
        self._build_actions()
        window.document.path_changed.connect(self._document_loaded)
        window.scene.labels.add_keep_clear(self.badge_cover)  # text boxes keep clear of the number badges
        window.view.zoomed.connect(self._zoomed)
        live.gradients.legend.band_changed.connect(self._band_changed)
        window.actions["show_weights"].toggled.connect(self._room_changed)
        live.actions["forward_walk"].toggled.connect(self._room_changed)
        window.statusBar().messageChanged.connect(self._status_message)
        live.session.structure_changed.connect(self._structure_changed)
        live.session.geometry_changed.connect(self._geometry_changed)
        window.installEventFilter(self)
        window.destroyed.connect(lambda *_: self._unsubscribe())

    # -------------------------------------------------------------- menu
    def _build_actions(self) -> None:
        self.menu = PresentMenu(self)
        self.presets_menu = self.menu.presets_menu

    @property
    def setup_dialog(self):
        return self.menu.setup_dialog

    def present_preset(self, name: str) -> bool:
        return self.menu.present_preset(name)

    def open_setup(self) -> None:
        self.menu.open_setup()

    # ---------------------------------------------------------- enter/leave
    def enter(self) -> None:
        if self.active:
            return
        w = self.window
        view = w.view
        self._saved = capture(w)
        self.active = True
        self._look = WidgetLook(w)
        self.stage = Stage()
        self.stage.needs_changed.connect(self.fitter.views_changed)
        self._caption_room.attach(self.stage.caption)
        w.takeCentralWidget()
        w.setCentralWidget(self.stage)
        self.stage.show()  # now, not when the queued show arrives
        self.card = FocusCard(self.stage, w, self.live.session)
        self.badges = NumberBadges(w.scene, neuron_order, self.live.maps.map_rects)
        w.scene.addItem(self.badges)
        self.badges.refresh()
        view.node_marks.append(self.badges.content_rect)  # fitted with the nodes they number
        w.scene.labels.spacing = LABEL_SPACING
        w.menuBar().hide()
        w.statusBar().hide()
        prepare_canvas(w, PRESENT_FIT_ZOOM)
        self.fitter.start()
        self.exports.math_dock.set_brief(True)  # the formula's lines, not a note that nothing collapses
        self.apply()
        w.showFullScreen()
        QApplication.instance().installEventFilter(self.keys)
        view.setFocus()
        self.fit()
        QTimer.singleShot(0, self.fit)  # again once the full-screen size has arrived
        w.actions["present"].setChecked(True)
        self.show_help()

    def follow_lesson(self, player) -> None:
        """While ``player`` has a lesson open, its step's plan (views, side panels, text) sets the stage."""
        self.lesson = player

    def apply(self) -> None:
        """(Re)apply the configuration and scale: layout, chrome, theme, fonts, pointer."""
        w = self.window
        config = self.config
        theme = presentation_theme(config.theme, self.scale, w.view.transform().m11())
        plan = self.lesson.stage_plan() if self.lesson is not None else None
        self._chrome.apply(config, only=None if plan is None else plan.side_docks)
        self.stage.arrange(w.view, self.live.region, config.layout, config.panel != "none")
        if plan is not None:
            self.stage.arrange_views(plan.columns, plan.below, plan.titles, plan.main)
        self.stage.lesson_text.set_style(theme.text, theme.muted_text, round(cfg.text_px(self.scale)))
        self.stage.show_lesson_text(plan.text_html if plan is not None else "")  # measured in its style
        self._refresh_panel()
        theme.canvas_zoom = max(w.view.transform().m11(), 1e-6)  # the layout above may have refitted the canvas
        w.scene.set_theme(theme)  # the live views restyle from it
        w.view.fit_margin_px = fit_margin_px(theme)  # room for values beside the network
        w.view.fit_box_width = partial(value_box_width, w.scene)  # and for them centred under its outer nodes
        w.view.min_node_px = self.fitter.node_floor()  # neurons readable from the back, scrolled to if need be
        w.view.refit_on_resize = False  # the stage fits (and spreads) the network itself, in its order
        self.spread_nodes()
        self._look.apply(theme, cfg.text_px(self.scale))
        self._look.style_other_plots(
            theme, [self.live.region.plot, self.live.curves.loss_plot, self.live.curves.acc_plot]
        )
        self.stage.caption.set_style(theme.background, theme.text, theme.muted_text, round(cfg.text_px(self.scale)))
        self.stage.pointer.color = theme.color("selection")
        self.stage.pointer.radius = 44 * self.scale
        self.stage.pointer.width_px = 6 * self.scale
        self.set_pointer(config.pointer)
        w.actions["show_weights"].setChecked(config.weights)
        self.badges.refresh()
        self.place_card()

    def leave(self) -> None:
        if not self.active or self._saved is None:
            return
        w, saved = self.window, self._saved
        QApplication.instance().removeEventFilter(self.keys)
        self.blank.hide()
        self.focus_neuron(None)
        self.set_pointer(False)
        self._chrome.restore()
        # (a lesson in the window keeps the note out too: see LessonPlayer.open)
        self.exports.math_dock.set_brief(self.lesson is not None and self.lesson.is_open)
        w.scene.set_spread(1.0, 1.0)
        w.view.fit_margin_px = w.view.min_node_px = 0.0
        w.view.fit_box_width = None
        w.view.refit_on_resize = True
        w.takeCentralWidget()
        canvas, region = self.stage.release()
        w.setCentralWidget(canvas)
        if region is not None:  # else a lesson step already gave it back to its dock
            self.live.region_dock.setWidget(region)
            region.show()
        canvas.show()
        self.stage.deleteLater()
        self.stage = self.card = None
        w.scene.removeItem(self.badges)
        w.view.node_marks.remove(self.badges.content_rect)
        self.badges = None
        w.scene.labels.spacing = 0.0
        self._look.restore()
        self._look = None
        self.active = False
        restore(w, saved)
        self._saved = None
        w.actions["present"].setChecked(False)

    def saved_layout(self) -> tuple[QByteArray, QByteArray] | None:
        """While presenting: the window's geometry and docks as leaving will put them back."""
        return (self._saved.geometry, self._saved.state) if self.active and self._saved is not None else None

    def put_back_docks(self, state: QByteArray) -> None:
        """While presenting: leaving puts these docks back instead of the ones from before presenting
        (a lesson closed on the stage gives back the layout from before the lesson)."""
        if self.active and self._saved is not None:
            self._saved.state = state

    @property
    def blanked(self) -> bool:
        return self.blank.isVisible()

    def toggle_blank(self) -> None:
        """Black out the whole window (a clicker's B or .), or bring the picture back."""
        if self.blanked:
            self.blank.hide()
        elif self.active:
            self.blank.cover()

    def escape(self) -> None:
        if self.focused is not None:
            self.focus_neuron(None)
        else:
            self.window.actions["present"].setChecked(False)

    # ----------------------------------------------------------- settings
    def set_config(self, config: PresentationConfig, *, save_with_file: bool = False) -> None:
        """Use ``config`` from now on (remembered; with the file through an undoable command)."""
        self.config = config.copy()
        cfg.remember_config(self.config)
        if save_with_file:
            net = self.window.document.network
            self.window.document.push(SetNetworkField("extras", cfg.extras_with(net, self.config)))
            self._file_section = net.extras.get(cfg.EXTRAS_KEY)
        if self.active:
            self.apply()
            self.fit()

    def set_scale(self, scale: float) -> None:
        self.scale = cfg.clamp_scale(scale)
        cfg.remember_scale(self.scale)
        if self.active:
            self.apply()
            self.fit()

    def step_scale(self, direction: int) -> None:
        self.set_scale(self.scale + direction * cfg.SCALE_STEP)
        self.caption(f"Scale {self.scale:g}×")

    def next_theme(self) -> None:
        names = cfg.THEME_NAMES
        self.config.theme = names[(names.index(self.config.theme) + 1) % len(names)]
        self.apply()
        self.fit()  # the theme's fonts and sizes move the nodes: the whole network in view again, as after F5
        self.caption(f"Theme: {self.config.theme}")

    def toggle_pointer(self) -> None:
        self.config.pointer = not self.config.pointer
        self.set_pointer(self.config.pointer)

    def set_pointer(self, on: bool) -> None:
        stage = self.stage
        if stage is not None:
            stage.pointer.setVisible(on)
            stage.pointer.raise_()
        app = QApplication.instance()
        if on and self._follower is None and stage is not None:
            self._follower = MouseFollower(stage.pointer)
            app.installEventFilter(self._follower)
        elif not on and self._follower is not None:
            app.removeEventFilter(self._follower)
            self._follower = None

    # -------------------------------------------------------------- focus
    @property
    def focused(self) -> str | None:
        return self.spotlight.focused

    def badge_rects(self) -> list:
        """Where the number badges are while presenting (none otherwise)."""
        return self.badges.rects() if self.badges is not None else []

    def badge_cover(self) -> list:
        """What text boxes keep clear of: the number badges' discs."""
        return self.badges.cover() if self.badges is not None else []

    def focus_number(self, number: int) -> None:
        self.spotlight.focus_number(number)

    def type_digit(self, digit: int) -> None:
        self.spotlight.type_digit(digit)

    def focus_neuron(self, node_id: str | None) -> None:
        """Show ``node_id`` enlarged over the dimmed canvas (None: back to the whole network)."""
        self.spotlight.focus_neuron(node_id)

    def place_card(self) -> None:
        self.spotlight.place_card()

    # ------------------------------------------------------------ helpers
    def fit(self) -> None:
        self.fitter.fit()

    def spread_nodes(self) -> None:
        self.fitter.spread_nodes()

    def kept_docks(self) -> list[QDockWidget]:
        """The panels shown beside the stage."""
        return list(self._chrome.kept.values())

    def caption(self, text: str, timeout_ms: int = 12_000, asked: bool = False) -> None:
        if self.stage is not None:
            self.stage.caption.show_text(text, timeout_ms, asked)

    def show_help(self) -> None:
        """The keys, in free space, else readable over the network for their full time (also on ? or F1)."""
        self.caption(self.keys.help_text(), asked=True)

    def _status_message(self, text: str) -> None:
        """A status message as a caption, unless the canvas's legend already shows it (a walk's "Level 2
        of 2 …": on a low stage its caption found no free place and covered the neurons)."""
        if not (self.active and text):
            return
        if not self._legend_shows(text):
            self.caption(text)
        elif self.stage is not None and self.stage.caption.isVisible():
            self.stage.caption.place()  # what it shows (the keys, the scale) moves off the legend

    def _legend_shows(self, text: str) -> bool:
        legend = self.live.gradients.legend
        return legend.isVisible() and text in legend.lines

    def _zoomed(self, zoom: float) -> None:
        """Canvas text is in scene units: keep its floor at 24 px on screen whatever the zoom."""
        if not self.active:
            return
        scene = self.window.scene
        scene.theme.canvas_zoom = max(zoom, 1e-6)
        for item in scene.node_items.values():
            item.sync()  # labels' widths follow their (floored) font
        if self.badges is not None:
            self.badges.refresh()
        self.fitter.scroll_bars()
        scene.update()

    def _band_changed(self) -> None:
        """The walk's legend took a band under the canvas (or gave it back): the network fitted into the
        canvas left (at 1024×768 it went on under the band, x₂ and h₂ cut), the caption placed again."""
        if self.active and self.stage is not None and self.window.view.fitted:
            QTimer.singleShot(0, self._fit_canvas)

    def _fit_canvas(self) -> None:
        if not (self.active and self.stage is not None and self.window.view.fitted):
            return
        fit_settled(self.window.view)
        self.place_card()
        if self.stage.caption.isVisible():
            self.stage.caption.place()

    def _room_changed(self) -> None:
        """Weight labels need room between the columns, a forward walk's values between the rows:
        spread and fit again."""
        if self.active and self.stage is not None:
            self.spread_nodes()
            self.fit()

    def _geometry_changed(self) -> None:
        if self.active:
            self.spread_nodes()
        if self.badges is not None:
            self.badges.refresh()

    def _structure_changed(self) -> None:
        if self.active:
            self.spread_nodes()
            self._chrome.restore_controls()
            self._chrome.hide_controls(self.config)  # the region view re-shows its switches
            if self.badges is not None:
                self.badges.refresh()
            if self.focused is not None and self.focused not in self.window.document.network.neurons:
                self.focus_neuron(None)

    def _model_changed(self) -> None:
        if self.active and self.config.panel != "none":
            self._panel_timer.start()

    def _refresh_panel(self) -> None:
        if self.stage is None or self.config.panel == "none":
            return
        dock = self.exports.math_dock if self.config.panel == "math" else self.exports.code_dock
        dock.refresh()
        self.stage.show_panel_text(dock.text.toPlainText())

    def _document_loaded(self) -> None:
        """Another file: its own presentation if it has one, else the teacher's last own choice.

        A save emits this too; the section is then unchanged and the session's choices stay.
        """
        section = self.window.document.network.extras.get(cfg.EXTRAS_KEY)
        if section == self._file_section:
            return
        self._file_section = section
        saved = cfg.from_network(self.window.document.network)
        self.config = saved if saved is not None else cfg.last_config()  # not the previous file's demo
        if self.active:
            self.apply()
            self.fit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Resize and self.active:
            QTimer.singleShot(0, self.fit)  # full screen, or a projector with another size
            if self.blanked:
                self.blank.cover()
        return False
