"""The features palette: TensorFlow Playground's engineered inputs (x₁², x₂², x₁x₂, sin x₁, sin x₂),
one click each, and "Custom feature…" for any formula of the inputs.

The palette is a menu (the Add Input toolbar button's drop-down, Network ▸ Add Feature and the
canvas's context menu share it): a preset the network already has is checked, and clicking it
again removes that feature. Every click is one undoable command; a refused formula comes back with
its one-line reason (``document.refused``), shown under the field where it was typed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from designer.export.feature_math import formula_math
from designer.formatting import clean_text
from designer.model.shortcuts import add_feature, feature_presets, find_feature, toggle_feature
from designer.model.validation import feature_problem
from designer.ui.menu_letters import letter_entries
from designer.ui.theme import readable_on

EXAMPLE = "x1^2 + x2^2"


def input_names(network) -> dict[str, str]:
    """How formulas show the inputs (their labels, x₁ for x1)."""
    return {i: clean_text(n.display_label) for i, n in network.inputs.items()}


def source_name(network, node_id: str) -> str:
    """How an input or a feature is named beside its value: its label, else a feature's formula (x₁²)."""
    feature = network.features.get(node_id)
    if feature is not None and not feature.label:
        return formula_math(feature.expression, input_names(network))
    return clean_text(network.node(node_id).display_label)


class FeaturePalette(QObject):
    """The palette's menus and the Custom feature dialog of one window's document."""

    def __init__(self, window: QWidget, document, scene) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.scene = scene
        self.dialog: FeatureDialog | None = None

    @property
    def network(self):
        return self.document.network

    def menu(self, title: str, parent: QWidget) -> QMenu:
        """A menu of the presets and Custom feature…, filled each time it opens (it follows the inputs)."""
        menu = QMenu(title, parent)
        menu.setObjectName("featureMenu")
        menu.setToolTipsVisible(True)
        menu.aboutToShow.connect(lambda: self.fill(menu))
        return menu

    def fill(self, menu: QMenu) -> None:
        menu.clear()
        net = self.network
        presets = feature_presets(net)
        if not presets:
            menu.addAction("(add an input first)").setEnabled(False)
        for preset in presets:
            action = menu.addAction(preset.text)
            action.setObjectName(f"feature:{preset.expression}")
            action.setCheckable(True)
            present = find_feature(net, preset.expression) is not None
            action.setChecked(present)
            verb = "Remove the feature" if present else "Add the feature"
            action.setToolTip(f"{verb} {preset.text} = {preset.expression} (computed from the inputs)")
            action.triggered.connect(lambda checked=False, e=preset.expression: self.toggle(e))
        menu.addSeparator()
        custom = menu.addAction("Custom feature…")
        custom.setObjectName("feature:custom")
        custom.setToolTip("Type a formula of the inputs, e.g. x1^2 + x2^2 or sin(x1*x2)")
        custom.setEnabled(bool(net.inputs))
        custom.triggered.connect(lambda checked=False: self.custom())
        letter_entries(menu)

    def toggle(self, expression: str) -> bool:
        """A preset's click: add the feature (selected, so the inspector shows it) or remove it."""
        net = self.network
        had = find_feature(net, expression)
        if not self.document.push(toggle_feature(net, expression)):
            return False
        if had is None:
            added = find_feature(net, expression)
            if added is not None:
                self.scene.select_nodes([added])
        return True

    def custom(self) -> None:
        """Ask for a formula (the dialog stays open, with the reason, until one is accepted or it is cancelled)."""
        self.dialog = FeatureDialog(self.window, self.document, self.scene.theme.refused)
        self.dialog.added.connect(lambda node_id: self.scene.select_nodes([node_id]))
        self.dialog.open()


class FeatureDialog(QDialog):
    """Custom feature: one line for the formula, its math (or why it is refused) right under it."""

    added = Signal(str)

    def __init__(self, parent: QWidget, document, refused_color: str) -> None:
        super().__init__(parent)
        self.setObjectName("featureDialog")
        self.setWindowTitle("Custom feature")
        self.document = document
        self.refused_color = refused_color
        net = document.network
        ids = ", ".join(net.inputs)
        help_text = QLabel(
            f"A formula of the inputs {ids}: numbers, + − * /, ^ with a whole power (x1^2), "
            "( ) and sin cos exp abs tanh."
        )
        help_text.setTextFormat(Qt.TextFormat.PlainText)
        help_text.setWordWrap(True)
        self.formula = QLineEdit()
        self.formula.setObjectName("featureFormula")
        self.formula.setPlaceholderText(f"e.g. {EXAMPLE}" if {"x1", "x2"} <= set(net.inputs) else "e.g. x1^2")
        self.formula.setMaxLength(1000)  # longer text is refused with the limit, not cut silently
        self.formula.setAccessibleName("Feature formula")
        self._help = help_text.text()
        self.shown = QLabel()
        self.shown.setObjectName("featureShown")
        self.shown.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addWidget(self.formula)
        layout.addWidget(self.shown)
        layout.addWidget(self.buttons)
        self.formula.textChanged.connect(self._check)
        self.setMinimumWidth(420)
        self._check("")

    def _check(self, text: str) -> None:
        """As the formula is typed: its math, or why it cannot be a feature (one line); Add only when it can."""
        net = self.document.network
        problem = feature_problem(net, text) if text.strip() else None
        if not problem and text.strip() and (same := find_feature(net, text)) is not None:
            # a second node computing the same numbers adds nothing a weight could not
            there = net.features[same]
            problem = f"the canvas has this feature already: {there.display_label} = {there.expression}"
        if problem:
            self.show_problem(problem)
        else:
            self.shown.setStyleSheet("")
            self.shown.setText(f"= {formula_math(text, input_names(net))}" if text.strip() else " ")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()) and not problem)
        self._describe()

    def show_problem(self, reason: str) -> None:
        self.shown.setStyleSheet(f"color: {readable_on(self.refused_color, self.shown.window().palette())}")
        self.shown.setText(clean_text(reason))
        self._describe()

    def _describe(self) -> None:
        """The field's description is the line under it (the math, or why it is refused), else the help
        above it: a screen reader stays in the field and reads neither label."""
        self.formula.setAccessibleDescription(self.shown.text().strip() or self._help)

    def accept(self) -> None:
        text = self.formula.text().strip()
        net = self.document.network
        command = add_feature(net, text)
        reason = self.document.push_or_reason(command)
        if reason is not None:
            self.show_problem(reason)
            return
        self.added.emit(command.node.id)
        super().accept()
