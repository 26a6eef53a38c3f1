"""View ▸ Presentation Setup…: layout, panel, theme, scale, and the chrome kept while presenting;
saved with the network (undoable, written by File ▸ Save) or as a named preset.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from designer.ui.combo_names import name_combo
from designer.ui.presentation import config as cfg
from designer.ui.presentation.config import PresentationConfig

ROLE = Qt.ItemDataRole.UserRole


class SetupDialog(QDialog):
    def __init__(self, presentation) -> None:
        super().__init__(presentation.window)
        self.presentation = presentation
        self.setObjectName("presentationSetup")
        self.setWindowTitle("Presentation Setup")
        self.layout_combo = self._combo("presentLayout", cfg.LAYOUTS)
        self.panel_combo = self._combo("presentPanel", cfg.PANELS)
        self.theme_combo = self._combo("presentTheme", {name: name for name in cfg.THEME_NAMES})
        self.scale = QDoubleSpinBox()
        self.scale.setObjectName("presentScale")
        self.scale.setRange(cfg.MIN_SCALE, cfg.MAX_SCALE)
        self.scale.setSingleStep(cfg.SCALE_STEP)
        self.scale.setSuffix(" ×")
        self.scale.setToolTip("Text, node size and line widths (Ctrl + / Ctrl − while presenting); remembered")
        self.weights = QCheckBox("Weights written on the lines")
        self.weights.setObjectName("presentWeights")
        self.pointer = QCheckBox("Pointer highlight: a large ring around the mouse (P)")
        self.pointer.setObjectName("presentPointer")
        self.chrome = QTreeWidget()
        self.chrome.setObjectName("presentChrome")
        self.chrome.setAccessibleName("Show while presenting")
        self.chrome.setHeaderLabel("Show while presenting (everything unticked is hidden)")
        self.items: dict[str, QTreeWidgetItem] = {}
        for group, members in cfg.CHROME_GROUPS.items():
            parent = QTreeWidgetItem([group])
            parent.setFlags(parent.flags() | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsUserCheckable)
            self.chrome.addTopLevelItem(parent)
            for key, label in members.items():
                item = QTreeWidgetItem([label])
                item.setData(0, ROLE, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                parent.addChild(item)
                self.items[key] = item
        self.chrome.expandAll()
        self.save_with_file = QCheckBox("Save with this network (undoable; File ▸ Save writes it)")
        self.save_with_file.setObjectName("presentSaveWithFile")
        self.presets = QComboBox()
        self.presets.setObjectName("presentPresets")
        name_combo(self.presets, "Preset")
        load = QPushButton("Load preset")
        load.clicked.connect(self.load_preset)
        save = QPushButton("Save as preset…")
        save.clicked.connect(self._ask_preset_name)
        delete = QPushButton("Delete preset")
        delete.clicked.connect(self.delete_preset)
        form = QFormLayout()
        form.addRow("Layout", self.layout_combo)
        form.addRow("Extra panel", self.panel_combo)
        form.addRow("Theme", self.theme_combo)
        form.addRow("Scale", self.scale)
        form.addRow(self.weights)
        form.addRow(self.pointer)
        presets = QHBoxLayout()
        for widget in (self.presets, load, save, delete):
            presets.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.present_button = buttons.addButton("Present", QDialogButtonBox.ButtonRole.AcceptRole)
        # the box's clicked(button) comes before its accepted(); the button's own clicked came after it,
        # too late: Present closed the dialog without presenting
        buttons.clicked.connect(lambda button: setattr(self, "_present", button is self.present_button))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.chrome, 1)
        layout.addWidget(self.save_with_file)
        layout.addLayout(presets)
        layout.addWidget(buttons)
        self._present = False
        self.resize(560, 720)

    @staticmethod
    def _combo(name: str, choices: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for key, text in choices.items():
            combo.addItem(text, key)
        return combo

    # ---------------------------------------------------------------- values
    def load(self, config: PresentationConfig, scale: float) -> None:
        for combo, value in (
            (self.layout_combo, config.layout),
            (self.panel_combo, config.panel),
            (self.theme_combo, config.theme),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.scale.setValue(scale)
        self.weights.setChecked(config.weights)
        self.pointer.setChecked(config.pointer)
        for key, item in self.items.items():
            item.setCheckState(0, Qt.CheckState.Checked if config.shows(key) else Qt.CheckState.Unchecked)
        self.presets.clear()
        self.presets.addItems(cfg.preset_names())
        self._present = False

    def config(self) -> PresentationConfig:
        return PresentationConfig(
            layout=self.layout_combo.currentData(),
            panel=self.panel_combo.currentData(),
            theme=self.theme_combo.currentData(),
            weights=self.weights.isChecked(),
            pointer=self.pointer.isChecked(),
            show={key for key, item in self.items.items() if item.checkState(0) == Qt.CheckState.Checked},
        )

    def accept(self) -> None:
        p = self.presentation
        p.set_scale(self.scale.value())
        p.set_config(self.config(), save_with_file=self.save_with_file.isChecked())
        present = self._present
        super().accept()
        if present and not p.active:
            p.window.actions["present"].setChecked(True)

    # --------------------------------------------------------------- presets
    def _ask_preset_name(self) -> None:
        name, ok = QInputDialog.getText(self, "Save preset", "Name of the preset:")
        if ok:
            self.save_preset(name)

    def save_preset(self, name: str) -> str:
        name = name.strip().replace("/", "-").replace("\\", "-")
        if name:
            cfg.save_preset(name, self.config())
            self.presets.clear()
            self.presets.addItems(cfg.preset_names())
            self.presets.setCurrentText(name)
        return name

    def load_preset(self) -> None:
        name = self.presets.currentText()
        loaded = cfg.load_preset(name)
        if loaded is not None:
            self.load(loaded, self.scale.value())
            self.presets.setCurrentText(name)

    def delete_preset(self) -> None:
        cfg.delete_preset(self.presets.currentText())
        self.presets.clear()
        self.presets.addItems(cfg.preset_names())
