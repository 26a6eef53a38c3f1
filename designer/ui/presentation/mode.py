"""Presentation mode: F5 (View ▸ Present) shows the network full screen for a lecture hall; Esc or F5
leaves and puts the window back exactly as it was (geometry, docks, toolbars, theme, zoom).

While presenting, the canvas and the region view are borrowed into a :class:`Stage`; the scene gets
a presentation theme (scale 1×–3×, no text below 24 px on screen: the canvas's text floor follows
the zoom), widgets get large fonts and the theme's palette, and :class:`DemoKeys` runs the demo.

Its parts: the View menu's entries (``menu``), fitting the network to the stage (``fitting``), the
focused neuron (``spotlight``), where messages go (``caption``), the stage itself (``stage``), the
stage kept in step with the window while presenting (``follow``).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QByteArray, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget

from designer.model import SetNetworkField
from designer.ui.presentation import config as cfg
from designer.ui.presentation.badges import NumberBadges, neuron_order
from designer.ui.presentation.caption import CaptionRoom
from designer.ui.presentation.chrome import ChromeHider
from designer.ui.presentation.config import PresentationConfig
from designer.ui.presentation.fit_margin import fit_margin_px, value_box_width
from designer.ui.presentation.fitting import StageFitter
from designer.ui.presentation.focus import FocusCard
from designer.ui.presentation.follow import StageFollower
from designer.ui.presentation.keys import DemoKeys
from designer.ui.presentation.look import WidgetLook, presentation_theme
from designer.ui.presentation.menu import PresentMenu
from designer.ui.presentation.overlays import BlankScreen, MouseFollower
from designer.ui.presentation.saved import Saved, capture, cover_screen, prepare_canvas, restore
from designer.ui.presentation.spotlight import Spotlight
from designer.ui.presentation.stage import Stage

PRESENT_FIT_ZOOM = 4.0  # small networks may fill the projector
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
        self.chrome = ChromeHider(window, live, exercise)
        #: the lesson player, when one is open its step decides the stage (see :meth:`follow_lesson`)
        self.lesson = None
        self.blank = BlankScreen(window)
        self.keys = DemoKeys(self)
        self._follower: MouseFollower | None = None
        self._build_actions()
        window.document.path_changed.connect(self._document_loaded)
        window.scene.labels.add_keep_clear(self.badge_cover)  # text boxes keep clear of the number badges
        self.stage_follower = StageFollower(self)  # zoom, edits, walks, messages, the window's size

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
        cover_screen(w)  # first: moved or resized after it, a window leaves the full-screen state
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
        self.chrome.apply(config, only=None if plan is None else plan.side_docks)
        self.stage_follower.watch_docks(self.kept_docks())
        self.stage.arrange(w.view, self.live.region, config.layout, config.panel != "none")
        if plan is not None:
            self.stage.arrange_views(plan.columns, plan.below, plan.titles, plan.main)
        self.stage.lesson_text.set_style(theme.text, theme.muted_text, round(cfg.text_px(self.scale)))
        self.stage.show_lesson_text(plan.text_html if plan is not None else "")  # measured in its style
        self.stage_follower.refresh_panel()
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
        self.stage_follower.watch_docks([])
        self.chrome.restore()
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
        return list(self.chrome.kept.values())

    def caption(self, text: str, timeout_ms: int = 12_000, asked: bool = False) -> None:
        if self.stage is not None:
            self.stage.caption.show_text(text, timeout_ms, asked)

    def show_help(self) -> None:
        """The keys, in free space, else readable over the network for their full time (also on ? or F1)."""
        self.caption(self.keys.help_text(), asked=True)

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
