"""The forward and backward walks' switches: only one walk at a time, the ← / → level keys only while
one goes on, its status-bar text gone when it ends, and Unpin Probe ending a walk at the pin.

Apart from the docks and the Train menu (``views``, ``views_actions``): the rules between the two walks,
the probe and the model's changes (a new structure ends a walk, an edit redraws a backward one) are
read together here. :class:`WalkControls` is a base of :class:`~designer.ui.live.views.LiveViews`,
which provides ``forward``, ``backward``, ``probe``, ``actions``, ``session`` and ``window``.
"""

from __future__ import annotations


class WalkControls:
    """The walks' actions' slots and the state they keep in step."""

    _walk_said: str  # the status bar's text a walk last showed (its keys)

    def _set_walk_keys(self) -> None:
        on = self.forward.active or self.backward.active
        for key in ("walk_next", "walk_prev"):
            self.actions[key].setEnabled(on)

    def _walk_report(self, message: str) -> None:
        self.window.report(message)
        self._walk_said = self.window.statusBar().currentMessage()

    def _forget_walk_message(self) -> None:
        """A walk that ends takes its "← next level towards the inputs, → back" out of the status bar: it
        stayed there 12 s after B (or the toolbar) had ended the walk, naming keys that did nothing."""
        bar = self.window.statusBar()
        if self._walk_said and bar.currentMessage() == self._walk_said:
            bar.clearMessage()
        self._walk_said = ""

    def _forward(self, on: bool) -> None:
        if on:
            self.actions["backward_pass"].setChecked(False)
            if not self.forward.start():
                self.actions["forward_walk"].setChecked(False)
        else:
            self.forward.stop()
            self._forget_walk_message()
        self._set_walk_keys()

    def _backward(self, on: bool) -> None:
        if on:
            self.actions["forward_walk"].setChecked(False)
            if not self.backward.start():
                self.actions["backward_pass"].setChecked(False)
        else:
            self.backward.stop()
            self._forget_walk_message()
        self.probe.visible_values = not self.backward.active  # its factor labels carry the values
        self.probe.update()
        self._set_walk_keys()

    def unpin_probe(self) -> None:
        """The probe follows the mouse again; a walk at the pinned point ends with it. A backward pass left
        on said "Backward pass at x = (0, 0)" with no point marked there any more, and the next edit pinned
        the point again behind the user's back."""
        ended = ""
        for key, name in (("forward_walk", "forward pass"), ("backward_pass", "backward pass")):
            if self.actions[key].isChecked():
                self.actions[key].setChecked(False)
                ended = f" and the {name} at it ended"
        self.session.set_probe(None)
        self.window.report(f"Probe unpinned{ended}: hover the map to probe, click to pin a point.")

    def _walk(self, direction: int) -> None:
        if self.forward.active:
            self.forward.step(direction)
        elif self.backward.active:
            self.backward.step(direction)

    def _stop_walks(self) -> None:
        """The structure changed: a walk's levels and values no longer apply."""
        if self.forward.active:
            self.actions["forward_walk"].setChecked(False)
        if self.backward.active:
            self.actions["backward_pass"].setChecked(False)

    def _values_changed(self) -> None:
        if self.backward.active and not self.training.running:
            level = self.backward.level
            if self.backward.start():
                self.backward.show(level)
