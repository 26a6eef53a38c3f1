"""The inspector dock: everything about the selected neuron, input or connection.

It reads the model on every relevant event and writes only through commands. The neuron page's
table of incoming weights is its own widget (``incoming_weights.py``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from designer.export.feature_math import formula_math
from designer.formatting import clean_text
from designer.model import ACTIVATIONS, SetConnectionField, SetNodeField, SetOutputs
from designer.model import events as ev
from designer.model.shortcuts import SetSoftmax
from designer.ui.canvas.glyphs import activation_icon
from designer.ui.canvas.scene import NetworkScene
from designer.ui.coalesce import Coalesced
from designer.ui.combo_names import name_combo
from designer.ui.features import input_names
from designer.ui.incoming_weights import IncomingWeights
from designer.ui.keys import picked_without_focus
from designer.ui.number_field import NumberField
from designer.ui.safetext import markup, set_plain
from designer.ui.theme import readable_on

VALUES_INTERVAL_MS = 200  # live values during training: readable, and cheap next to the frames


class Inspector(QWidget):
    def __init__(self, scene: NetworkScene, report) -> None:
        super().__init__()
        self.scene = scene
        self.report = report
        self.current: str | tuple[str, str] | None = None
        self._updating = False
        self._formula_in_run = False  # the formula shown says that a training run moves its numbers
        self.stack = QStackedWidget()
        self.empty = QLabel("Select a neuron, an input or a connection to see and edit it here.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._neuron_page())
        self.stack.addWidget(self._input_page())
        self.stack.addWidget(self._connection_page())
        self.stack.addWidget(self._feature_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.stack.currentChanged.connect(self._size_to_page)
        self._size_to_page()
        scene.selection_changed_.connect(self.follow_selection)
        self._unsubscribe = scene.network.events.subscribe(ev.once_per_action(self._model_changed))
        #: training moves weights and biases without model events: shown a few times a second
        self._values_timer = Coalesced(self, VALUES_INTERVAL_MS, self.show_live_values)

    def _show_formula(self, node_id: str) -> None:
        """The neuron's formula with the model's numbers; said so while a training run moves them."""
        text = self.scene.tooltip_for(node_id)
        self._formula_in_run = self.scene.values.in_run
        if self._formula_in_run:
            text += "\n(numbers as of the last pause: training is moving them)"
        set_plain(self.n_formula, text)

    def _size_to_page(self, *_args) -> None:
        """The stack is as tall as the page it shows (the hidden neuron page would make a short
        dock scroll even when it shows one line)."""
        for i in range(self.stack.count()):
            page = self.stack.widget(i)
            shown = i == self.stack.currentIndex()
            policy = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
            page.adjustSize()
        self.stack.adjustSize()

    def least_width(self) -> int:
        """The width its widest page needs (a neuron's): the dock keeps it whichever page is shown, and
        does not change width with the selection."""
        margins = self.layout().contentsMargins()
        pages = (self.stack.widget(i) for i in range(self.stack.count()))
        return max(page.minimumSizeHint().width() for page in pages) + margins.left() + margins.right()

    def neuron_page_height(self, node_id: str) -> int:
        """The height the Inspector asks for to show ``node_id``'s page whole (what it shows stays shown)."""
        shown = self.current
        self.current = node_id
        self.refresh()
        self._size_to_page()
        height = self.sizeHint().height()
        self.current = shown
        self.refresh()
        return height

    def follow_values(self, values_changed) -> None:
        """Show the live values while a training run moves them (``values_changed``: the session's signal)."""
        values_changed.connect(self._values_moved)

    def _values_moved(self) -> None:
        self._values_timer.request()

    def show_live_values(self) -> None:
        """Rewrite only the numbers of what is shown. A field being typed into is left alone, also its
        current value: leaving it unchanged must not apply the number it showed when it got focus."""
        values = self.scene.values
        self._updating = True
        try:
            if isinstance(self.current, tuple) and self.current in self.scene.network.connections:
                if not self.c_weight.hasFocus():
                    self.c_weight.show_value(values.weight_of(self.current))
            elif isinstance(self.current, str) and self.current in self.scene.network.neurons:
                if not self.n_bias.hasFocus():
                    self.n_bias.show_value(values.bias_of(self.current))
                if self.scene.values.in_run != self._formula_in_run:  # the model's numbers do not move
                    self._show_formula(self.current)
                self.n_weights.show_live_values()
        finally:
            self._updating = False

    # ----------------------------------------------------------------- pages
    def _neuron_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        # narrow (a small window's right column), a field goes under its label: the page is as narrow as its
        # widest field row, not that row beside the widest label (least_width)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.n_title = QLabel()
        self.n_title.setTextFormat(Qt.TextFormat.RichText)  # the app's bold around escaped ids (safetext.markup)
        self.n_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.n_title.setWordWrap(True)  # a long label wraps: it does not widen the dock (least_width)
        self.n_label = QLineEdit()
        self.n_label.setObjectName("neuronLabelField")
        self.n_label.setPlaceholderText("(uses the id)")
        self.n_label.editingFinished.connect(lambda: self._set_node("label", self.n_label.text().strip() or None))
        self.n_activation = picked_without_focus(QComboBox())
        name_combo(self.n_activation, "Activation")  # its form label names the row, not the box
        self.n_activation.setObjectName("activationCombo")
        for name in ACTIVATIONS:
            self.n_activation.addItem(activation_icon(name), name, name)
        self.n_activation.currentIndexChanged.connect(
            lambda _: self._set_node("activation", self.n_activation.currentData())
        )
        self.n_bias = NumberField(lambda v: self._set_node("bias", v), self.report)
        self.n_bias.setObjectName("biasField")
        self.n_bias.setAccessibleName("Bias")  # its form label names the row (the field shares it with Lock)
        self.n_bias.error.setObjectName("biasError")
        self.n_lock = QCheckBox("Lock")
        self.n_lock.setObjectName("biasLock")
        self.n_lock.setToolTip("Lock the bias: training leaves it unchanged")
        self.n_lock.toggled.connect(lambda on: self._set_node("trainable", not on))
        self.n_output = QCheckBox("Output")
        self.n_output.setToolTip("An output neuron of the network")
        self.n_output.setObjectName("outputCheck")
        self.n_output.toggled.connect(self._set_output)
        self.n_softmax = QCheckBox("Softmax over all outputs")
        self.n_softmax.setObjectName("softmaxCheck")
        self.n_softmax.setToolTip(
            "Class probabilities: one output per class; the outputs become linear and softmax turns them into "
            "probabilities"
        )
        self.n_softmax.toggled.connect(self._set_softmax)
        self.n_formula = QLabel()
        self.n_formula.setObjectName("neuronFormula")
        self.n_formula.setWordWrap(True)
        self.n_formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.n_weights = IncomingWeights(self.scene, self.report)
        # compact, the weights before the formula: at 1280×720 the table was below the fold for every neuron
        form.addRow(self.n_title)
        form.addRow("Label", self.n_label)
        form.addRow("Activation", _beside(self.n_activation, self.n_output))
        form.addRow("Bias", _beside(self.n_bias, self.n_lock))
        form.addRow("", self.n_bias.error)
        form.addRow(self.n_softmax)
        weights_label = QLabel("Incoming weights")
        weights_label.setBuddy(self.n_weights)
        form.addRow(weights_label)
        form.addRow(self.n_weights)
        form.addRow(self.n_weights.error)
        form.addRow(self.n_formula)
        return page

    def _input_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.i_title = QLabel()
        self.i_title.setWordWrap(True)  # a long label wraps: it does not widen the dock
        self.i_title.setTextFormat(Qt.TextFormat.RichText)
        self.i_label = QLineEdit()
        self.i_label.setObjectName("inputLabelField")
        self.i_label.setPlaceholderText("(uses the id)")
        self.i_label.editingFinished.connect(lambda: self._set_node("label", self.i_label.text().strip() or None))
        form.addRow(self.i_title)
        form.addRow("Label", self.i_label)
        note = QLabel("Inputs take the values of a data point; they have no weights or bias.")
        note.setObjectName("inputNote")
        note.setWordWrap(True)  # unwrapped, it gave a 400 px Inspector a horizontal scroll bar
        form.addRow(note)
        return page

    def _feature_page(self) -> QWidget:
        """A feature node: its formula (editable; a refusal is shown under it), its math and label."""
        page = QWidget()
        form = QFormLayout(page)
        self.f_title = QLabel()
        self.f_title.setWordWrap(True)  # a long label wraps: it does not widen the dock
        self.f_title.setTextFormat(Qt.TextFormat.RichText)  # the app's bold around an escaped id
        self.f_expression = QLineEdit()
        self.f_expression.setObjectName("featureExpression")
        self.f_expression.setMaxLength(1000)
        self.f_expression.editingFinished.connect(self._set_expression)
        self.f_problem = QLabel()
        self.f_problem.setObjectName("featureProblem")
        self.f_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.f_problem.setWordWrap(True)
        self.f_problem.hide()
        self.f_math = QLabel()
        self.f_math.setObjectName("featureMath")
        self.f_math.setTextFormat(Qt.TextFormat.PlainText)
        self.f_math.setWordWrap(True)
        self.f_label = QLineEdit()
        self.f_label.setPlaceholderText("(shows the formula)")
        self.f_label.editingFinished.connect(lambda: self._set_node("label", self.f_label.text().strip() or None))
        note = QLabel(
            "A feature is a fixed formula of the inputs: it connects like an input, has no weights or bias "
            "and is never trained."
        )
        note.setWordWrap(True)
        form.addRow(self.f_title)
        form.addRow("Formula", self.f_expression)
        form.addRow(self.f_problem)
        form.addRow(self.f_math)
        form.addRow("Label", self.f_label)
        form.addRow(note)
        return page

    def _connection_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.c_title = QLabel()
        self.c_title.setWordWrap(True)  # a long label wraps: it does not widen the dock
        self.c_title.setTextFormat(Qt.TextFormat.RichText)
        self.c_weight = NumberField(self._set_weight, self.report)
        self.c_weight.setObjectName("weightField")
        self.c_weight.error.setObjectName("weightError")
        self.c_lock = QCheckBox("Lock weight")  # short: the page is no wider than a neuron's (least_width)
        self.c_lock.setToolTip("Lock the weight: training leaves it unchanged")
        self.c_lock.setObjectName("weightLock")
        self.c_lock.toggled.connect(self._set_connection_lock)
        form.addRow(self.c_title)
        form.addRow("Weight", self.c_weight)
        form.addRow("", self.c_weight.error)
        form.addRow(self.c_lock)
        return page

    # ------------------------------------------------------------- follow
    def follow_selection(self) -> None:
        for field in (self.n_bias, self.c_weight):
            field.show_error(None)
        self.n_weights.show_error("")
        nodes = self.scene.selected_node_ids()
        conns = sorted(self.scene.selected_connections)
        if len(nodes) == 1 and not conns:
            self.current = nodes[0]
        elif len(conns) == 1 and not nodes:
            self.current = conns[0]
        else:
            self.current = None
        self.refresh()

    def _model_changed(self) -> None:
        """Once per user action (a whole Add Layer is one): drop a selection that is gone, show the rest."""
        net = self.scene.network
        if isinstance(self.current, tuple) and self.current not in net.connections:
            self.current = None
        if isinstance(self.current, str) and not net.has_node(self.current):
            self.current = None
        self.refresh()

    def refresh(self) -> None:
        self._updating = True
        try:
            net = self.scene.network
            if isinstance(self.current, tuple) and self.current in net.connections:
                self._show_connection(self.current)
            elif isinstance(self.current, str) and self.current in net.neurons:
                self._show_neuron(self.current)
            elif isinstance(self.current, str) and self.current in net.inputs:
                node = net.inputs[self.current]
                self.i_title.setText(markup("<b>Input {}</b>", node.id))
                if not self.i_label.hasFocus():
                    self.i_label.setText(node.label or "")
                self.stack.setCurrentIndex(2)
            elif isinstance(self.current, str) and self.current in net.features:
                self._show_feature(self.current)
            else:
                self.stack.setCurrentIndex(0)
        finally:
            self._updating = False

    def _show_neuron(self, node_id: str) -> None:
        net = self.scene.network
        n = net.neurons[node_id]
        role = "Output neuron" if node_id in net.outputs else "Neuron"
        self.n_title.setText(markup("<b>{} {}</b>", role, node_id))
        if not self.n_label.hasFocus():
            self.n_label.setText(n.label or "")
        self.n_activation.setCurrentIndex(ACTIVATIONS.index(n.activation))
        values = self.scene.values  # live during a training run
        self.n_bias.show_value(values.bias_of(node_id))
        self.n_lock.setChecked(not n.trainable)
        self.n_output.setChecked(node_id in net.outputs)
        self.n_softmax.setVisible(node_id in net.outputs and len(net.outputs) > 1)
        self.n_softmax.setChecked(net.softmax)
        self._show_formula(node_id)
        self.n_weights.show_neuron(node_id)
        self.stack.setCurrentIndex(1)

    def _show_feature(self, node_id: str) -> None:
        net = self.scene.network
        feature = net.features[node_id]
        self.f_title.setText(markup("<b>Feature {}</b>", node_id))
        if not self.f_expression.hasFocus():
            self.f_expression.setText(feature.expression)
        if not self.f_label.hasFocus():
            self.f_label.setText(feature.label or "")
        shown = f"{feature.label} ({node_id})" if feature.label else node_id
        set_plain(self.f_math, f"{shown} = {formula_math(feature.expression, input_names(net))}")
        self.stack.setCurrentIndex(4)

    def _set_expression(self) -> None:
        if self._updating or not isinstance(self.current, str) or self.current not in self.scene.network.features:
            return
        text = self.f_expression.text().strip()
        if text == self.scene.network.features[self.current].expression:
            self.f_problem.hide()
            return
        reason = self.scene.document.push_or_reason(SetNodeField(self.current, "expression", text))
        refused = readable_on(self.scene.theme.refused, self.f_problem.window().palette())
        self.f_problem.setStyleSheet(f"color: {refused}")
        self.f_problem.setText(clean_text(reason or ""))
        self.f_problem.setVisible(reason is not None)

    def _show_connection(self, key: tuple[str, str]) -> None:
        c = self.scene.network.connections[key]
        self.c_title.setText(markup("<b>Connection {} → {}</b>", key[0], key[1]))
        self.c_weight.show_value(self.scene.values.weight_of(key))
        self.c_lock.setChecked(not c.trainable)
        self.stack.setCurrentIndex(3)

    # -------------------------------------------------------------- writes
    def _set_node(self, name: str, value: object) -> None:
        if self._updating or not isinstance(self.current, str):
            return
        node = self.scene.network.node(self.current)
        if hasattr(node, name) and getattr(node, name) != value:  # a page left behind by a new selection
            if not self.scene.document.push(SetNodeField(self.current, name, value)) and name == "label":
                # refused (the reason is in the status bar): the field shows the model's label again, not
                # the 12,000 characters the model never took
                for field in (self.n_label, self.i_label, self.f_label):
                    if field.hasFocus():
                        field.setText(getattr(node, "label", None) or "")

    def _set_output(self, on: bool) -> None:
        if self._updating or not isinstance(self.current, str):
            return
        outputs = list(self.scene.network.outputs)
        if on and self.current not in outputs:
            outputs.append(self.current)
        elif not on and self.current in outputs:
            outputs.remove(self.current)
        else:
            return
        self.scene.document.push(SetOutputs(outputs))

    def _set_softmax(self, on: bool) -> None:
        if not self._updating and on != self.scene.network.softmax:
            self.scene.document.push(SetSoftmax(on))
            self.refresh()  # a refusal leaves the check box as the model is

    def _set_weight(self, value: float) -> None:
        if isinstance(self.current, tuple) and self.scene.network.connections[self.current].weight != value:
            self.scene.document.push(SetConnectionField(self.current, "weight", value))

    def _set_connection_lock(self, on: bool) -> None:
        if not self._updating and isinstance(self.current, tuple):
            self.scene.document.push(SetConnectionField(self.current, "trainable", not on))


def _beside(first: QWidget, second: QWidget) -> QWidget:
    """Two fields on one form row, the first taking the width (the row stays focusable in Tab order)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(first, 1)
    layout.addWidget(second)
    return row
