"""The presentation's entries in the View menu: Present (F5), Present with Preset and Presentation Setup…."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from designer.ui.menu_letters import letter_entries
from designer.ui.presentation import config as cfg


class PresentMenu:
    """Builds the actions on the window and fills the presets submenu when it opens."""

    def __init__(self, presentation) -> None:
        self.presentation = presentation
        self.setup_dialog = None
        w = presentation.window
        present = QAction("&Present", w)
        present.setObjectName("present")
        present.setShortcut(QKeySequence("F5"))
        present.setCheckable(True)
        present.setStatusTip("Full screen for the lecture hall; Esc or F5 leaves")
        present.toggled.connect(lambda on: presentation.enter() if on else presentation.leave())
        setup = QAction("Presentation Set&up…", w)
        setup.setObjectName("presentation_setup")
        setup.setStatusTip("Layout, theme, scale and what to hide while presenting")
        setup.triggered.connect(self.open_setup)
        for key, action in (("present", present), ("presentation_setup", setup)):
            w.actions[key] = action
            w.addAction(action)
        view = w.menu("view")
        view.addSeparator()
        view.addAction(present)
        self.presets_menu = view.addMenu("Present with Prese&t")
        self.presets_menu.setObjectName("presentPresets")
        self.presets_menu.aboutToShow.connect(self._fill_presets)
        view.addAction(setup)

    def _fill_presets(self) -> None:
        menu = self.presets_menu
        menu.clear()
        names = cfg.preset_names()
        if not names:
            menu.addAction("(none: save one in Presentation Setup…)").setEnabled(False)
        for name in names:
            menu.addAction(name, lambda n=name: self.present_preset(n))
        letter_entries(menu)

    def present_preset(self, name: str) -> bool:
        """Present with a named preset (its layout, theme and chrome; the scale stays the room's)."""
        config = cfg.load_preset(name)
        if config is None:
            return False
        self.presentation.set_config(config)
        self.presentation.window.actions["present"].setChecked(True)
        return True

    def open_setup(self) -> None:
        from designer.ui.presentation.setup import SetupDialog

        p = self.presentation
        if self.setup_dialog is None:
            self.setup_dialog = SetupDialog(p)
        self.setup_dialog.load(p.config, p.scale)
        self.setup_dialog.open()
