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

By job: this module compiles, evaluates the grid and answers for the live values; following the
model's events is ``session_follow``, the data ``session_data``, the probe ``session_probe``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from designer.engine import CompiledNetwork, EngineError, compile_network
from designer.engine import data as dm
from designer.model import Network
from designer.model.graph import levels
from designer.ui.live.colors import NEURON_COLORS
from designer.ui.live.grid import LINE_SAMPLES, SampleGrid, grid_size
from designer.ui.live.session_data import Painting, SessionData
from designer.ui.live.session_follow import ModelFollower, live_dtype
from designer.ui.live.session_probe import SessionProbe
from designer.ui.live.training import Training
from designer.ui.undo import Document

__all__ = ["LINE", "MAX_COLOURED", "NONE", "PLANE", "Painting", "Session", "live_dtype"]  # imported from here

NONE, LINE, PLANE = "none", "line", "plane"
#: first-layer neurons drawn with their own colour (z = 0 lines, framed maps, 1-D contributions) at most
MAX_COLOURED = 64


class Session(ModelFollower, SessionData, SessionProbe, QObject):
    """The live state and its signals: compiling, the values views show, evaluating the grid. Following
    the model's events, the data and the probe are its bases' (``session_follow``, ``session_data``,
    ``session_probe``)."""

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
