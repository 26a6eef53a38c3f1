"""How the live session follows the model's events: a value edit patches the compiled arrays in place,
a structural one marks the session for a recompile (once per action, however many links it adds), a
value float32 cannot hold makes it compile again in float64, and a moved or renamed node is one
``geometry_changed`` per action.

The session's one way in from the model, kept apart from compiling, data and probe so that the rule
"training's values never echo back as events" is read in one place. :class:`ModelFollower` is a base of
:class:`~designer.ui.live.session.Session`, which provides the compiled network, the training and the
signals.
"""

from __future__ import annotations

import numpy as np

from designer.engine.compiled import FLOAT32_MAX, beyond_float32
from designer.model import Network
from designer.model import events as ev


def live_dtype(network: Network) -> np.dtype:
    """float32, the fast path, unless a weight or bias is beyond its range: then float64, so a bias
    of 1e300 is not shown, trained and committed as infinity (a crash of the canvas once)."""
    return np.dtype(np.float64 if beyond_float32(network) else np.float32)


class ModelFollower:
    """The model's events into the compiled network (patched, or recompiled at the next flush)."""

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


def _what_changed(event: ev.Event) -> str:
    """What a structural edit changed, as a paused run's message names it."""
    if event.kind in (ev.NODE_CHANGED, ev.NODES_CHANGED) and event.field == "activation":
        return "an activation"
    if event.kind in (ev.NODE_CHANGED, ev.NODES_CHANGED) and event.field == "expression":
        return "a feature"
    if event.kind == ev.NETWORK_CHANGED and event.field == "softmax":
        return "Softmax Outputs"
    return "the network's structure"
