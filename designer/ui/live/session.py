"""The live session of one document: the one way in for every live view.

A :class:`Session` owns the compiled network (float32, compiled once per structure), the data,
the probe, the values over the plotted plane and the training (:class:`Training`). It is the
only live object that follows the model's events: a value edit patches the compiled arrays in
place, a structural edit recompiles, and a redraw is scheduled once per event-loop turn however
many edits arrived (a drag, an undo of a big edit). Views subscribe to its signals.

While a training run is in progress its values live here, not in the model: the run reaches
the model as one undoable command when it pauses, or before anything else edits, undoes or
saves the document (:meth:`Document.commit_live`). Views that show weights read them through
:meth:`Session.weights_for` / :meth:`Session.bias_of`, which answer with the live values during
a run and with the model's values otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from designer.engine import CompiledNetwork, EngineError, compile_network
from designer.engine import data as dm
from designer.engine.compiled import FLOAT32_MAX, beyond_float32
from designer.model import Network
from designer.model import events as ev
from designer.model.graph import levels
from designer.ui.live.colors import NEURON_COLORS
from designer.ui.live.grid import LINE_SAMPLES, SampleGrid, grid_size
from designer.ui.live.training import Training
from designer.ui.undo import Document

NONE, LINE, PLANE = "none", "line", "plane"
#: first-layer neurons drawn with their own colour (z = 0 lines, framed maps, 1-D contributions) at most
MAX_COLOURED = 64


@dataclass
class Painting:
    """The Training panel's "Paint points" tool, which clicks on the region map use."""

    active: bool = False
    cls: int = 1  # the class a left click adds (a right click adds class 0)
    target: float = 1.0  # on a regression plane, the target a left click adds (a right click adds 0)


def live_dtype(network: Network) -> np.dtype:
    """float32, the fast path, unless a weight or bias is beyond its range: then float64, so a bias
    of 1e300 is not shown, trained and committed as infinity (a crash of the canvas once)."""
    return np.dtype(np.float64 if beyond_float32(network) else np.float32)


class Session(QObject):
    evaluated = Signal()  # the maps were recomputed
    structure_changed = Signal()  # recompiled (or failed: see ``error``)
    values_changed = Signal()  # training moved weights and biases the model does not hold yet (edits: model events)
    data_changed = Signal()
    probe_changed = Signal()
    geometry_changed = Signal()  # node positions or labels
    shown_output_changed = Signal()  # another output chosen for the region view (``show_output``)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.compiled: CompiledNetwork | None = None
        self.error = ""
        self.mode = NONE
        self.grid = SampleGrid()
        self.ax, self.ay = 0, 1
        self.fixed = np.zeros(0)
        self.level: dict[str, int] = {}
        #: palette slot of the neurons drawn as lines/curves in the region view (first layer; 1-D: the output's sources)
        self.colour_of: dict[str, int] = {}
        #: the output the region view shows on its own (several outputs: 1-D, or separate questions)
        self.shown_output = 0
        self.node_ids: list[str] = []
        self.rows = np.zeros(0, np.intp)
        self.a: np.ndarray | None = None  # (n_rows, N) activations over the grid (engine buffers)
        self.out: np.ndarray | None = None  # (n_outputs, N) network outputs over the grid
        self.data = dm.empty(0, 1)
        self.options = dm.DataOptions(dm.default_name(self.network))
        #: the last 2-D dataset shown, brought back when a network has two inputs again (see _fitting_name)
        self._last_plane = ""
        #: while an exercise is solved: makes its own points for the current network (``show_exercise``)
        self.exercise_data: Callable[[Network], dm.Data] | None = None
        #: the objective of the exercise whose points are shown, if it has its own (a chain-rule drill's
        #: loss: "output" is J = the network's output), which the backward pass then walks
        self.exercise_objective: str | None = None
        self.probe: np.ndarray | None = None
        self.probe_pinned = False
        self.probe_target: np.ndarray | None = None  # the target when the probe sits on a data point
        self.probe_z: np.ndarray | None = None
        self.probe_a: np.ndarray | None = None
        self.hovered = ""  # a node whose map replaces the output in the region view
        self.painting = Painting()
        self.frames = 0
        self.edits = 0  # model events seen: what a view caches from the model is stale when this moved
        self.data_version = 0  # bumped whenever ``data`` is replaced
        self._structure_dirty = True
        self._bias_slot: dict[str, int] = {}
        self._weight_slot: dict[tuple[str, str], int] = {}
        self._batch_depth = 0
        self._geometry_pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self.training = Training(self)
        document.add_live_source(self.training.commit)
        self._unsubscribe = self.network.events.subscribe(self._on_event)
        self._recompile()
        self.regenerate()

    @property
    def network(self):
        return self.document.network

    @property
    def depth(self) -> int:
        """The deepest level of the current network: how many steps a forward/backward walk has."""
        return max(self.level.values(), default=0)

    def detach(self) -> None:
        """Stop following the model (the window is gone)."""
        self.training.stop()
        self._unsubscribe()

    # ------------------------------------------------------------ values
    def weights_for(self, keys: list[tuple[str, str]]) -> np.ndarray:
        """The weights of these connections as the views should show them: live during a training run."""
        net = self.compiled
        if self.training.uncommitted and net is not None and net.connection_keys == keys:
            return net.theta[net.connection_index].astype(float)
        connections = self.network.connections
        return np.array([connections[k].weight for k in keys], dtype=float)

    @property
    def in_run(self) -> bool:
        """A training run holds values the model does not have yet (the views show those)."""
        return self.training.uncommitted

    def weight_of(self, key: tuple[str, str]) -> float:
        """One connection's weight as the views should show it (live during a training run)."""
        net = self.compiled
        slot = self._weight_slot.get(key)
        if self.training.uncommitted and net is not None and slot is not None:
            return float(net.theta[slot])
        return self.network.connections[key].weight

    def bias_of(self, neuron_id: str) -> float:
        net = self.compiled
        slot = self._bias_slot.get(neuron_id)
        if self.training.uncommitted and net is not None and slot is not None:
            return float(net.theta[slot])
        return self.network.neurons[neuron_id].bias

    # ------------------------------------------------------------ events
    def _on_event(self, event: ev.Event) -> None:
        self.edits += 1
        kind, key, name = event.kind, event.key, event.field
        moved = kind in (ev.NODE_CHANGED, ev.NODES_CHANGED) and name in ("position", "label")
        if moved:
            self._geometry_pending = True
        elif kind == ev.BATCH_BEGIN:
            self._batch_depth += 1
        elif kind == ev.BATCH_END:
            self._batch_depth -= 1
        if self._geometry_pending and not self._batch_depth:  # once per action: a drag of 100 nodes is one
            self._geometry_pending = False
            self.geometry_changed.emit()
        if kind in (ev.BATCH_BEGIN, ev.BATCH_END) or moved:
            return
        if kind == ev.NETWORK_CHANGED and not event.structural:
            return
        if kind == ev.RESET and self.probe is not None and self.document.loading:
            self.set_probe(None)  # another network: a pinned point of the old one means nothing (an edit keeps it)
        if event.structural:  # the views rebuild from the model's own event; values follow the recompile
            if not self._structure_dirty or kind == ev.RESET:  # once per action, however many connections it adds
                self._structure_dirty = True
                # another network shown (File ▸ Open) drops the run; Collapse or Show a solution (undoable
                # replacements) count on like any structural edit
                replaced = kind == ev.RESET and self.document.loading
                self.training.structure_changed(replaced=replaced, what=_what_changed(event))
                self.schedule()
            return
        with np.errstate(over="ignore", invalid="ignore"):  # huge values (a divergence) become inf in float32
            self._follow_values(kind, key, name)
        self.schedule()

    def _follow_values(self, kind: str, key, name: str | None) -> None:
        if self.compiled is None or self._structure_dirty:
            pass  # the next recompile reads every value
        elif self._dtype_outgrown(kind, key, name):
            self._structure_dirty = True
            self.training.structure_changed(replaced=False)
        elif kind == ev.CONNECTION_CHANGED and name == "weight":
            self.compiled.set_weight(key, self.network.connections[key].weight)
        elif kind == ev.NODE_CHANGED and name == "bias":
            self.compiled.set_bias(key, self.network.neurons[key].bias)
        else:  # many values at once (a committed run, undo), or a lock: re-read values and the trainable mask
            self.compiled.load_values(self.network)
            self.training.values_reloaded()

    def _dtype_outgrown(self, kind: str, key, name: str | None) -> bool:
        """A value float32 cannot hold arrived (or the last one left a float64 copy): compile again.
        One edited value is checked alone; a whole network only when many values changed at once."""
        if self.compiled.dtype == np.float32 and kind == ev.CONNECTION_CHANGED and name == "weight":
            return abs(self.network.connections[key].weight) > FLOAT32_MAX
        if self.compiled.dtype == np.float32 and kind == ev.NODE_CHANGED and name == "bias":
            return abs(self.network.neurons[key].bias) > FLOAT32_MAX
        return self.compiled.dtype != live_dtype(self.network)

    @property
    def fresh(self) -> bool:
        """False between a structural edit and the recompile (ids in ``node_ids`` may be gone)."""
        return not self._structure_dirty

    def ensure_fresh(self) -> None:
        if self._structure_dirty:
            self.flush()

    def schedule(self) -> None:
        """Recompute once, at the next turn of the event loop (coalesces a burst of edits)."""
        if not self._timer.isActive():
            self._timer.start(0)

    # ----------------------------------------------------------- compile
    def _recompile(self) -> None:
        self._structure_dirty = False
        net = self.network
        self.node_ids = list(net.node_ids())
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                self.compiled = compile_network(net, live_dtype(net))
            self.error = ""
        except EngineError as exc:
            self.compiled = None
            self.error = str(exc)
        n_in = len(net.inputs)
        self.mode = NONE if self.compiled is None or n_in == 0 else LINE if n_in == 1 else PLANE
        if self.fixed.shape != (n_in,):
            self.fixed = np.zeros(n_in)
        if self.ax >= n_in or self.ay >= n_in or self.ax == self.ay:
            self.ax, self.ay = 0, min(1, max(n_in - 1, 0))
        self._bias_slot: dict[str, int] = {}
        self._weight_slot = {}
        if self.compiled is not None:
            self.rows = np.array([self.compiled.index[n] for n in self.node_ids], dtype=np.intp)
            self.level = levels(net)
            self._bias_slot = dict(zip(self.compiled.neuron_ids, self.compiled.bias_index.tolist(), strict=True))
            keys, index = self.compiled.connection_keys, self.compiled.connection_index
            self._weight_slot = dict(zip(keys, index.tolist(), strict=True))
        self.colour_of = self._colours()
        self.a = self.out = None
        remade = not dm.compatible(self.data, net)
        if remade:
            one_d = self.options.name in dm.FUNCTIONS
            exercise = self.options.name == dm.EXERCISE and self.exercise_data is not None
            if not exercise and (self.options.name not in dm.NAMED or one_d != (len(net.inputs) == 1)):
                self.options.name = self._fitting_name(net)
            self._make_data()
        self._evaluate_probe()
        self.structure_changed.emit()
        if remade:  # e.g. the second input of an empty network: the dataset list shows the new data
            self.data_changed.emit()

    def _fitting_name(self, net: Network) -> str:
        """The dataset for a network the shown one no longer fits. Building from an empty network passes
        through one input: the lesson's "and" became "bump" at x₁ and "xor" at x₂, and the AND neuron
        was then judged on XOR points. A 2-D dataset given up for one input comes back at two."""
        name = self.options.name
        if name in dm.NAMED and name not in dm.FUNCTIONS:
            self._last_plane = name
        if len(net.inputs) == 2 and self._last_plane:
            return self._last_plane
        return dm.default_name(net)

    def _colours(self) -> dict[str, int]:
        net = self.network
        sources: dict[str, list[str]] = {}
        for s, t in net.connections:
            sources.setdefault(t, []).append(s)
        if self.mode == LINE and net.outputs:
            output = net.outputs[min(self.shown_output, len(net.outputs) - 1)]
            chosen = [s for s in sources.get(output, []) if s in net.neurons]
        else:
            chosen = [n for n in net.neurons if self.level.get(n) == 1 and n in sources]
        if len(chosen) > MAX_COLOURED:
            return {}  # hundreds of coloured lines and frames tell nothing apart; they only cost
        return {n: i % len(NEURON_COLORS) for i, n in enumerate(chosen)}

    def show_output(self, column: int) -> None:
        """Show output ``column`` on its own: over one input its sources are the coloured curves."""
        if column == self.shown_output:
            return
        self.shown_output = column
        self.colour_of = self._colours()
        self.shown_output_changed.emit()

    # -------------------------------------------------------------- data
    def _make_data(self) -> None:
        try:
            if self.options.name == dm.EXERCISE and self.exercise_data is not None:
                self.data = self.exercise_data(self.network)
                self.options = self.data.options  # its own noise, split and seed
            else:
                self.data = dm.make(self.network, self.options)
        except dm.DatasetError as exc:
            self.data = dm.empty(len(self.network.inputs), max(len(self.network.outputs), 1))
            self.data.problem = str(exc)
        self.data_version += 1

    def regenerate(self, options: dm.DataOptions | None = None) -> None:
        """A named dataset (with noise, split and seed) for the current network."""
        if options is not None:
            self.options = options
        self._make_data()
        self.set_probe(None)
        self.data_changed.emit()
        self.schedule()

    def show_exercise(self, make: Callable[[Network], dm.Data] | None, objective: str | None = None) -> None:
        """Show and train on an exercise's own points (``make(network)``), or, with None, leave them
        for the network's default dataset. The exercise's points stay one choice of the dataset list.
        ``objective``: the exercise's own loss (a chain-rule drill's), for the backward pass."""
        self.exercise_data = make
        self.exercise_objective = objective if make is not None else None
        if make is not None:
            self.options = dm.DataOptions(dm.EXERCISE, train_ratio=1.0)
        elif self.options.name == dm.EXERCISE:
            self.options = dm.DataOptions(dm.default_name(self.network))
        else:
            return
        self.regenerate()

    @property
    def showing_exercise(self) -> bool:
        """True while the data are the exercise's own points (not a dataset picked since)."""
        return self.exercise_data is not None and self.options.name == dm.EXERCISE

    @property
    def shown_objective(self) -> str | None:
        """The shown exercise's own objective while its points are shown, else None."""
        return self.exercise_objective if self.showing_exercise else None

    def set_data(self, data: dm.Data) -> None:
        self.data = data
        self.data_version += 1
        self.data_changed.emit()
        self.schedule()

    def add_point(self, x: np.ndarray, y: np.ndarray, bits: bool = False) -> None:
        """A painted point; ``bits``: its targets are separate 0/1 questions (not a one-hot class)."""
        base = (
            self.data
            if dm.compatible(self.data, self.network) and not self.data.problem
            else dm.empty(len(self.network.inputs), max(len(self.network.outputs), 1), self.data.rect)
        )
        self.set_data(base.with_points(x[None, :], y[None, :], bits=bits))

    def clear_points(self) -> None:
        self.options = dm.DataOptions(dm.CUSTOM)
        self.set_data(dm.empty(len(self.network.inputs), max(len(self.network.outputs), 1), self.data.rect))

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return self.data.rect

    # ---------------------------------------------------------- evaluate
    def flush(self) -> None:
        """Recompute the grid (the output map and every node's map) now."""
        self._timer.stop()
        if self._structure_dirty:
            self._recompile()
        net = self.compiled
        if net is None or self.mode == NONE:
            self.a = self.out = None
            self.evaluated.emit()
            return
        with np.errstate(all="ignore"):  # a view of data beyond float32 (±1e39) is inf there: NaN on the map
            if self.mode == PLANE:
                size = grid_size(net.n_rows)
                pts = self.grid.plane(net.n_inputs, self.ax, self.ay, self.rect, self.fixed, size)
            else:
                x0, x1, _, _ = self.rect
                pts = self.grid.line(net.n_inputs, self.ax, (x0, x1), self.fixed, LINE_SAMPLES)
            _, self.a = net.forward_all(pts, keep_z=False, copy=False)
            self.out = net.network_output(self.a)
        self._evaluate_probe()
        self.frames += 1
        self.evaluated.emit()

    def node_row(self, node_id: str) -> np.ndarray | None:
        if self.a is None or self.compiled is None or node_id not in self.compiled.index:
            return None
        return self.a[self.compiled.index[node_id]]

    # ------------------------------------------------------------- probe
    def set_probe(self, point: np.ndarray | None, *, pinned: bool = False, target: np.ndarray | None = None) -> None:
        self.probe = None if point is None else np.asarray(point, dtype=float)
        self.probe_pinned = pinned and point is not None
        self.probe_target = None if target is None else np.asarray(target, dtype=float)
        self._evaluate_probe()
        self.probe_changed.emit()

    def _evaluate_probe(self) -> None:
        net = self.compiled
        if net is None or self.probe is None or len(self.probe) != net.n_inputs:
            self.probe_z = self.probe_a = None
            return
        with np.errstate(all="ignore"):
            z, a = net.forward_all(self.probe[None, :], keep_z=True, copy=True)
        self.probe_z, self.probe_a = z[:, 0].astype(float), a[:, 0].astype(float)

    def probe_softmax(self) -> dict[str, float]:
        """Each softmax output's probability at the probe point (empty: no probe, or no softmax)."""
        compiled = self.compiled
        if self.probe_a is None or compiled is None or not compiled.softmax:
            return {}
        p = compiled.network_output(self.probe_a.reshape(-1, 1))[:, 0]
        return dict(zip(compiled.output_ids, p.tolist(), strict=True))

    def probe_value(self, node_id: str) -> tuple[float, float] | None:
        """(z, g(z)) of a node at the probe point (inputs: their value twice)."""
        if self.probe_z is None or self.compiled is None or node_id not in self.compiled.index:
            return None
        row = self.compiled.index[node_id]
        return float(self.probe_z[row]), float(self.probe_a[row])


def _what_changed(event: ev.Event) -> str:
    """What a structural edit changed, as a paused run's message names it."""
    if event.kind in (ev.NODE_CHANGED, ev.NODES_CHANGED) and event.field == "activation":
        return "an activation"
    if event.kind in (ev.NODE_CHANGED, ev.NODES_CHANGED) and event.field == "expression":
        return "a feature"
    if event.kind == ev.NETWORK_CHANGED and event.field == "softmax":
        return "Softmax Outputs"
    return "the network's structure"
