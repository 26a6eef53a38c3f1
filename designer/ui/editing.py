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
    AddConnection,
    AddNode,
    Command,
    Connection,
    FormatError,
    InputNode,
    Macro,
    MoveNodes,
    Neuron,
    RemoveConnection,
    RemoveNode,
    SetNodeField,
    SetOutputs,
)
from designer.model.clipboard import MIME_TYPE, copy_fragment, paste_command, read_fragment
from designer.model.layout import arrange_by_layers, column_of_new_nodes, next_column
from designer.ui.canvas.glyphs import activation_icon
from designer.ui.canvas.scene import NetworkScene


class Editing:
    """Edit operations on the scene's document; each is one undo step."""

    def __init__(self, scene: NetworkScene, report) -> None:
        self.scene = scene
        self.report = report
        self.default_activation = "sigmoid"

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
        pos = QPointF(*self.scene.to_model(pos))  # presentation may show the layout spread
        self.push(AddNode(InputNode(node_id, label=label, position=(pos.x(), pos.y()))))
        self.scene.select_nodes([node_id])
        return node_id

    def add_neuron(self, pos: QPointF, activation: str | None = None) -> str:
        node_id = self.network.fresh_id("h")
        pos = QPointF(*self.scene.to_model(pos))
        neuron = Neuron(node_id, activation or self.default_activation, 0.0, position=(pos.x(), pos.y()))
        self.push(AddNode(neuron))
        self.scene.select_nodes([node_id])
        return node_id

    def add_layer(self, count: int, activation: str, connect: bool) -> list[str]:
        """A new column of ``count`` neurons right of the network, optionally fully connected to the last column."""
        x, previous = next_column(self.network)
        ids = []
        commands: list[Command] = []
        taken = set(self.network.node_ids())
        for pos in column_of_new_nodes(count, x, self._centre_y(previous)):
            i = 1
            while f"h{i}" in taken:
                i += 1
            node_id = f"h{i}"
            taken.add(node_id)
            ids.append(node_id)
            commands.append(AddNode(Neuron(node_id, activation, 0.0, position=pos)))
        if connect:
            commands += [AddConnection(Connection(s, t, 1.0)) for s in previous for t in ids]
        self.push(Macro(commands, text=f"add layer of {count}"))
        self.scene.select_nodes(ids)
        return ids

    def _centre_y(self, ids: list[str]) -> float:
        if not ids:
            return 60.0
        ys = [self.network.node(n).position[1] for n in ids]
        return (min(ys) + max(ys)) / 2

    # --------------------------------------------------------------- delete
    def delete_selection(self) -> None:
        nodes = self.scene.selected_node_ids()
        conns = [k for k in self.scene.selected_connections if k[0] not in nodes and k[1] not in nodes]
        if not nodes and not conns:
            self.report("Nothing selected to delete.")
            return
        commands: list[Command] = [RemoveConnection(k) for k in conns] + [RemoveNode(n) for n in nodes]
        n = len(nodes) + len(conns)
        self.push(Macro(commands, text=f"delete {n} item{'s' if n > 1 else ''}"))

    # --------------------------------------------------------------- output
    def toggle_output(self, node_ids: list[str] | None = None) -> None:
        ids = [n for n in (node_ids or self.scene.selected_node_ids()) if n in self.network.neurons]
        if not ids:
            self.report("Select a neuron to mark or unmark it as an output (inputs cannot be outputs).")
            return
        outputs = list(self.network.outputs)
        for n in ids:
            if n in outputs:
                outputs.remove(n)
            else:
                outputs.append(n)
        self.push(SetOutputs(outputs))

    def set_activation(self, activation: str, node_ids: list[str] | None = None) -> None:
        ids = [n for n in (node_ids or self.scene.selected_node_ids()) if n in self.network.neurons]
        commands: list[Command] = [
            SetNodeField(n, "activation", activation) for n in ids if self.network.neurons[n].activation != activation
        ]
        if commands:
            self.push(Macro(commands, text=f"set {activation}"))

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


def _looks_like_nodes(raw: bytes | str) -> bool:
    """Whether clipboard content claims to be an NN Designer fragment (other text gets the generic note)."""
    head = raw[:4096]
    return (b'"nn-designer"' if isinstance(head, bytes) else '"nn-designer"') in head


class AddLayerDialog(QDialog):
    def __init__(self, parent: QWidget | None, default_activation: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add layer")
        form = QFormLayout(self)
        self.count = QSpinBox()
        self.count.setRange(1, 256)
        self.count.setValue(2)
        self.activation = QComboBox()
        for name in ACTIVATIONS:
            self.activation.addItem(activation_icon(name), name, name)
        self.activation.setCurrentIndex(ACTIVATIONS.index(default_activation))
        self.connect = QCheckBox("Fully connect from the current last column (weights 1)")
        self.connect.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow("Neurons", self.count)
        form.addRow("Activation", self.activation)
        form.addRow(self.connect)
        form.addRow(buttons)
