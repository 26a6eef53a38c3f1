"""The probe: one input point (under the mouse, or pinned by a click) with every node's z and g(z) there,
which the canvas's probe labels, the Activation view and the walks read.

Apart from the grid's evaluation: one forward pass of a single point, kept in float64 copies, recomputed
with every flush and whenever the point moves. :class:`SessionProbe` is a base of
:class:`~designer.ui.live.session.Session`, which provides ``compiled`` and ``probe_changed``.
"""

from __future__ import annotations

import numpy as np


class SessionProbe:
    """The probed point, its target when it sits on a data point, and the network's values there."""

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
