"""Network edits behind menus, toolbar and context menus: add, delete, layers, clipboard, layout."""

from __future__ import annotations

import json

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from designer.model import (
    ACTIVATIONS,
    AddConnections,
    AddNode,
    AddNodes,
    Command,
    Connection,
    FormatError,
    InputNode,
    Macro,
    MoveNodes,
    Neuron,
    RemoveConnections,
    RemoveNodes,
    SetNodesField,
    SetOutputs,
)
from designer.model.clipboard import MIME_TYPE, copy_fragment, paste_command, read_fragment
from designer.model.fileformat import beyond_file_limits
from designer.model.initial import layer_weights, scheme
from designer.model.layout import (
    COLUMN_SPACING,
    ROW_SPACING,
    LayerSlot,
    arrange_by_layers,
    column_of_new_nodes,
    column_positions,
    layer_slot,
    outputs_toggled,
    snap_x,
)
from designer.ui.canvas.glyphs import activation_icon
from designer.ui.canvas.nodes import RADIUS
from designer.ui.canvas.scene import NetworkScene

RANDOM, ZERO = "random", "zero"  # Add Layer's initial weights
LINE_CLEARANCE = 8.0  # scene units between a new node's rim and the nearest line or node
PLACE_STEPS = [0.0, *(sign * 15.0 * k for k in range(1, 21) for sign in (1, -1))]  # tried in this order


class Editing:
    """Edit operations on the scene's document; each is one undo step."""

    def __init__(self, scene: NetworkScene, report) -> None:
        self.scene = scene
        self.report = report
        self.default_activation = "sigmoid"
        #: Add Layer's choices last time in this window (offered again: count, activation, connect, weights)
        self.layer_choices: dict[str, object] = {}
        self.snap = True  # nodes placed by click join a column nearby, like dragged ones
        scene.document.replaced.connect(self._forget_zero_weights)

    def _forget_zero_weights(self) -> None:
        """Zero weights are chosen to type in one network's weights by hand: another network (New,
        Open, a starter) gets Add Layer's small random ones again (offering zeros made a network built
        for training refuse Play as exact copies). The count, activation and connect choice stay."""
        if self.layer_choices.get("weights") == ZERO:
            del self.layer_choices["weights"]

    @property
    def network(self):
        return self.scene.network

    def push(self, command: Command) -> bool:
        return self.scene.document.push(command)

    # ------------------------------------------------------------------ add
    def add_input(self, pos: QPointF) -> str:
        node_id = self.network.fresh_id("x")
        subscripts = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
        label = "x" + node_id[1:].translate(subscripts)
        self.push(AddNode(InputNode(node_id, label=label, position=self.place_at(pos))))
        self.scene.select_nodes([node_id])
        return node_id

    def add_neuron(self, pos: QPointF, activation: str | None = None) -> str:
        node_id = self.network.fresh_id("h")
        neuron = Neuron(
            node_id,
            activation or self.default_activation,
            0.0,
            position=self.place_at(pos),
        )
        self.push(AddNode(neuron))
        self.scene.select_nodes([node_id])
        return node_id

    def place_at(self, pos: QPointF) -> tuple[float, float]:
        """Where a node clicked at ``pos`` goes: into a column nearby (snapping on), and off any line or
        node it would sit on (moved up or down), so it never looks connected when it is not."""
        pos = QPointF(*self.scene.to_model(pos))  # presentation may show the layout spread
        x = snap_x(pos.x(), column_positions(self.network)) if self.snap else pos.x()
        for dy in PLACE_STEPS:
            if self._free(x, pos.y() + dy):
                return (x, pos.y() + dy)
        return (x, pos.y())

    def _free(self, x: float, y: float) -> bool:
        radius = RADIUS * self.scene.theme.scale
        if self.scene.connections.distance_to_lines(x, y) < radius + LINE_CLEARANCE:
            return False
        return all(
            _apart(node.position, (x, y), radius)
            for node in (*self.network.inputs.values(), *self.network.neurons.values())
        )

    def add_layer(
        self,
        count: int,
        activation: str,
        connect: bool,
        weights: str = RANDOM,
        seed: int = 0,
        before_outputs: bool = True,
    ) -> list[str]:
        """A new column of ``count`` neurons: in front of an output column (``before_outputs``; the
        outputs move one column right) or right of everything. Optionally fully connected from the
        column before it (and on to the outputs, replacing their direct connections from that column),
        with small random weights (``seed``; Glorot or He by activation) or zeros. One undo step."""
        net = self.network
        slot = layer_slot(net, before_outputs)
        if too_big := self._layer_too_big(slot, count, connect):
            self.scene.document.refused.emit(too_big)
            return []
        commands: list[Command] = []
        if slot.outputs:
            commands.append(
                MoveNodes(
                    {o: (net.node(o).position[0] + COLUMN_SPACING, net.node(o).position[1]) for o in slot.outputs}
                )
            )
        ids = self._fresh_ids(count)
        places = column_of_new_nodes(count, slot.x, self._centre_y(slot.sources))
        commands.append(AddNodes([Neuron(n, activation, 0.0, position=p) for n, p in zip(ids, places, strict=True)]))
        if connect:  # one command per kind of change: the views are told once, not once per link
            links = self._connect(slot.sources, ids, activation, weights, seed)
            if slot.outputs:
                sources, outputs = set(slot.sources), set(slot.outputs)
                direct = [k for k in net.connections if k[0] in sources and k[1] in outputs]
                commands += [RemoveConnections(direct)] if direct else []
                output_activation = net.neurons[slot.outputs[0]].activation
                links += self._connect(ids, slot.outputs, output_activation, weights, seed + 1)
            commands += [AddConnections(links)] if links else []
        self.push(Macro(commands, text=f"add layer of {count}"))
        self.scene.select_nodes(ids)
        return ids

    def _layer_too_big(self, slot: LayerSlot, count: int, connect: bool) -> str:
        """Why a layer of ``count`` would make a network File ▸ Open refuses ("" if it would not), known before
        any link is made: 256 neurons in front of 784 inputs' outputs built and drew 203,264 links (10 s of a
        frozen window) to be refused and taken away again."""
        net = self.network
        links = len(net.connections)
        if connect:
            links += len(slot.sources) * count + count * len(slot.outputs)
            sources, outputs = set(slot.sources), set(slot.outputs)
            links -= sum(1 for s, t in net.connections if s in sources and t in outputs) if outputs else 0
        nodes = len(net.inputs) + len(net.features) + len(net.neurons) + count
        too_big = beyond_file_limits(nodes, links)
        return f"that would make {too_big}" if too_big else ""

    def _fresh_ids(self, count: int) -> list[str]:
        taken = set(self.network.node_ids())
        ids: list[str] = []
        i = 1
        while len(ids) < count:
            if f"h{i}" not in taken:
                ids.append(f"h{i}")
            i += 1
        return ids

    @staticmethod
    def _connect(sources: list[str], targets: list[str], activation: str, weights: str, seed: int) -> list[Connection]:
        values = layer_weights(sources, targets, activation, seed) if weights == RANDOM else {}
        return [Connection(s, t, values.get((s, t), 0.0)) for t in targets for s in sources]

    def _centre_y(self, ids: list[str]) -> float:
        if not ids:
            return 60.0
        ys = [self.network.node(n).position[1] for n in ids]
        return (min(ys) + max(ys)) / 2

    # --------------------------------------------------------------- delete
    def delete_selection(self) -> None:
        nodes = self.scene.selected_node_ids()
        going = set(nodes)  # a set: Ctrl+A on 109,184 links looked each end up in a list of 986 nodes
        conns = [k for k in self.scene.selected_connections if k[0] not in going and k[1] not in going]
        if not nodes and not conns:
            self.report("Nothing selected to delete.")
            return
        commands: list[Command] = [RemoveConnections(conns)] if conns else []
        commands += [RemoveNodes(nodes)] if nodes else []  # one pass over the links for all the nodes
        n = len(nodes) + len(conns)
        text = f"delete {n} item{'s' if n > 1 else ''}"
        if self.push(Macro(commands, text=text)):  # the status bar no longer describes what is gone
            self.report(f"Deleted {n} item{'s' if n > 1 else ''} (Ctrl+Z brings {'them' if n > 1 else 'it'} back).")

    # --------------------------------------------------------------- output
    def toggle_output(self, node_ids: list[str] | None = None) -> None:
        ids = [n for n in (node_ids or self.scene.selected_node_ids()) if n in self.network.neurons]
        if not ids:
            self.report("Select a neuron to mark or unmark it as an output (inputs cannot be outputs).")
            return
        self.push(SetOutputs(outputs_toggled(self.network, ids)))

    def set_activation(self, activation: str, node_ids: list[str] | None = None) -> None:
        ids = [n for n in (node_ids or self.scene.selected_node_ids()) if n in self.network.neurons]
        changed = {n: activation for n in ids if self.network.neurons[n].activation != activation}
        if changed:  # one event for them all: the canvas, the live session and the views follow once
            self.push(SetNodesField("activation", changed, text=f"set {activation}"))

    # ------------------------------------------------------------ clipboard
    def copy(self) -> bool:
        ids = self.scene.selected_node_ids()
        if not ids:
            self.report("Select nodes to copy.")
            return False
        # Plain text, which paste reads too. Not a QMimeData made here: the clipboard keeps its data
        # after the app's last Python code ran, and deleting a Python-made object then crashes the
        # exit (SIGSEGV); setText makes the clipboard's data in C++.
        QApplication.clipboard().setText(json.dumps(copy_fragment(self.network, ids), ensure_ascii=False))
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete_selection()

    def paste(self, at: QPointF | None = None) -> None:
        """Paste the clipboard's nodes, shifted a little, or with their top-left corner at ``at``.

        The clipboard text is read like a file (File ▸ Open's loader, and the network after pasting
        validated like an opened one): a NaN bias, an unpaired surrogate or deep nesting is refused
        with its one-line reason in the status bar, so nothing gets in that could not be saved again.
        """
        data = QApplication.clipboard().mimeData()
        raw = bytes(data.data(MIME_TYPE)) if data.hasFormat(MIME_TYPE) else data.text()
        if not _looks_like_nodes(raw):
            self.report("The clipboard holds no NN Designer nodes to paste.")
            return
        try:
            document = read_fragment(raw)
            where = None if at is None else self.scene.to_model(at)  # presentation may show the layout spread
            command, ids = paste_command(self.network, document, at=where)
        except FormatError as exc:
            self.report(f"Not pasted: {exc}")
            return
        except (MemoryError, RecursionError):
            self.report("Not pasted: the clipboard's content is too large or nested too deeply.")
            return
        if self.push(command):
            self.scene.select_nodes(ids)

    def duplicate(self) -> None:
        if self.copy():
            self.paste()

    # --------------------------------------------------------------- layout
    def arrange(self) -> None:
        positions = arrange_by_layers(self.network)
        changed = {n: p for n, p in positions.items() if tuple(self.network.node(n).position) != p}
        if changed:
            cmd = MoveNodes(changed)
            cmd.text = "arrange by layers"
            self.push(cmd)


def _apart(node: tuple[float, float], new: tuple[float, float], radius: float) -> bool:
    """Whether a node at ``new`` leaves ``node`` readable: beside it, clear of its rim; in its column, a
    row apart (a neuron's map sits above it and its name below; closer, one covers the other's name)."""
    beside = abs(node[0] - new[0]) >= 2 * radius + LINE_CLEARANCE
    return beside or abs(node[1] - new[1]) >= ROW_SPACING


def _looks_like_nodes(raw: bytes | str) -> bool:
    """Whether clipboard content claims to be an NN Designer fragment (other text gets the generic note)."""
    head = raw[:4096]
    return (b'"nn-designer"' if isinstance(head, bytes) else '"nn-designer"') in head


class AddLayerDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, default_activation: str, seed: int = 0, outputs_last: bool = False
    ) -> None:
        """``outputs_last``: the network's last column holds only outputs (the layer can go in front of it)."""
        super().__init__(parent)
        self.setWindowTitle("Add layer")
        form = QFormLayout(self)
        self.count = QSpinBox()
        self.count.setObjectName("layerCount")
        self.count.setRange(1, 256)
        self.count.setValue(2)
        self.activation = QComboBox()
        self.activation.setObjectName("layerActivation")
        for name in ACTIVATIONS:
            self.activation.addItem(activation_icon(name), name, name)
        self.activation.setCurrentIndex(ACTIVATIONS.index(default_activation))
        self.connect = QCheckBox("Fully connect from the column before it")
        self.connect.setObjectName("layerConnect")
        self.connect.setChecked(True)
        self.before_outputs = QCheckBox("Put it in front of the output column (a hidden layer)")
        self.before_outputs.setObjectName("layerBeforeOutputs")
        self.before_outputs.setToolTip("The outputs move one column right and are fed by the new layer")
        self.before_outputs.setChecked(outputs_last)
        self.before_outputs.setVisible(outputs_last)
        self.weights = QComboBox()
        self.weights.setObjectName("layerWeights")
        self.weights.addItem("Small random", RANDOM)
        self.weights.addItem("Zero (to type them in)", ZERO)
        self.seed = QSpinBox()
        self.seed.setObjectName("layerSeed")
        self.seed.setRange(0, 999_999)
        self.seed.setValue(seed)
        self.seed.setToolTip("The same seed gives the same weights again")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow("Neurons", self.count)
        form.addRow("Activation", self.activation)
        form.addRow(self.before_outputs)
        form.addRow(self.connect)
        form.addRow("Weights", self.weights)
        form.addRow("Seed", self.seed)
        for widget in (self.activation, self.weights):
            widget.currentIndexChanged.connect(self._explain)
        self.connect.toggled.connect(self._explain)
        self._explain()
        form.addRow(buttons)

    def choices(self) -> dict[str, object]:
        """What the user chose, to offer again next time (the seed is not: a new layer gets new weights)."""
        return {
            "count": self.count.value(),
            "activation": self.activation.currentData(),
            "connect": self.connect.isChecked(),
            "weights": self.weights.currentData(),
        }

    def offer(self, choices: dict[str, object]) -> None:
        """Start from the choices made last time in this window (it reset to 2 sigmoids every time)."""
        if isinstance(count := choices.get("count"), int):
            self.count.setValue(count)
        for combo, key in ((self.activation, "activation"), (self.weights, "weights")):
            if (i := combo.findData(choices.get(key))) >= 0:
                combo.setCurrentIndex(i)
        if isinstance(connect := choices.get("connect"), bool):
            self.connect.setChecked(connect)

    def _explain(self) -> None:
        """Name the initialisation the chosen activation gets; zeros are a trap for training."""
        activation = self.activation.currentData()
        random_weights = self.weights.currentData() == RANDOM
        self.weights.setItemText(0, f"Small random ({scheme(activation)} uniform, for {activation})")
        self.weights.setEnabled(self.connect.isChecked())
        self.seed.setEnabled(self.connect.isChecked() and random_weights)
        self.weights.setToolTip(
            "Neurons that start with equal weights get equal gradients and never become different: "
            "train from random weights, type in your own, or press Randomize before training."
        )
