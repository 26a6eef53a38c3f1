"""What would keep a run from learning, said when Play is pressed (the lecture's points about g′).

Before a run: hidden neurons that are exact copies stay copies, sigmoid or tanh units saturated on
the data learn almost nothing, and ReLU units below 0 on every point ("dead") learn nothing at all;
each is said once (for the same neurons) with a Randomize link, and Play again trains anyway. When a
run starts: cross-entropy on an output that is no probability, or step units whose g′ is 0, are said
in the status bar.
"""

from __future__ import annotations

from designer.engine.saturation import dead_relus, saturated_neurons
from designer.model.initial import copies
from designer.ui.safetext import label_in_text

COPIES_NOTE = "are exact copies: press Randomize before training."


class PlayAdvice:
    """The notes around Play of one main window's Training panel."""

    def __init__(self, window, session, training, panel) -> None:
        self.window = window
        self.session = session
        self.training = training
        self.panel = panel
        self._copies_told: tuple = ()  # the copies Play last warned about (Play again: train anyway)
        self._saturation_told: tuple = ()  # the saturated neurons Play last warned about
        self._dead_told: tuple = ()  # the dead ReLUs Play last warned about

    def holds_back(self) -> bool:
        """Before a run: True when Play is answered with a note instead (copies, saturation)."""
        groups = tuple(tuple(g) for g in copies(self.session.network))
        if groups and groups != self._copies_told:
            self._copies_told = groups
            names = "; ".join(", ".join(g[:-1]) + " and " + g[-1] for g in groups)
            self.panel.offer_randomize(
                f"Not started: {names} are exact copies (same weights in and out), so training would keep "
                "them equal. Play again to train anyway, or"
            )
            self.window.report(f"Hidden neurons {names} {COPIES_NOTE}")
            return True
        return self._tell_saturated() or self._tell_dead()

    def started(self) -> None:
        """A run started: cross-entropy on an output that is no probability, else step units, are said."""
        if not self._tell_cross_entropy():
            self._tell_steps()

    def randomized(self) -> None:
        """New random weights; when they part the exact copies Play refused to train, the status bar's
        "press Randomize" goes too (it stayed for 12 s, telling to do what was just done)."""
        if self._copies_told and not copies(self.session.network):
            self._copies_told = ()
            bar = self.window.statusBar()
            if bar.currentMessage().endswith(COPIES_NOTE):
                bar.clearMessage()

    def _tell_cross_entropy(self) -> bool:
        """Cross-entropy reads each output as a probability: a linear, tanh or ReLU output leaves (0, 1),
        where the loss is cut off (at −log 10⁻¹² ≈ 27.6) and its gradient is huge, so training runs away
        without a word. Said in the status bar when Play starts (a wrong choice, not a fault)."""
        net = self.session.network
        if self.training.settings.loss != "cross_entropy" or net.softmax:
            return False
        no_probability = ("linear", "tanh", "relu")
        others = [o for o in net.outputs if o in net.neurons and net.neurons[o].activation in no_probability]
        if not others:
            return False
        names = _named(net, others)
        self.window.report(
            f"{names}: cross-entropy reads an output as a probability between 0 and 1; a "
            f"{net.neurons[others[0]].activation} output is not one, so its loss and gradients mean little. "
            "Give it a sigmoid activation (or, for several classes, Network ▸ Softmax Outputs), or train with MSE."
        )
        return True

    def _tell_steps(self) -> None:
        """Training hidden step units plateaus without a word: say why (the lecture's point of step 3)."""
        net = self.session.network
        steps = [n for n, neuron in net.neurons.items() if neuron.activation == "step" and neuron.trainable]
        if steps:
            names = _named(net, steps)
            self.window.report(
                f"{names}: step units have g′(z) = 0, so their own weights and bias do not learn and no gradient "
                "passes back through them; sigmoid, tanh or ReLU units would."
            )

    def _tell_dead(self) -> bool:
        """Before a run: ReLU neurons with z < 0 on every training point never learn (relu' = 0 there,
        so no gradient reaches them); Play was silent and the fit used fewer units than drawn. Said
        once for the same neurons, offering Randomize (new weights, a new chance); Play again trains."""
        st = self.session
        st.ensure_fresh()
        if st.compiled is None or st.data.problem or not st.data.n_train:
            return False
        found = tuple(dead_relus(st.compiled, st.data.x_train))
        if not found:
            self._dead_told = ()  # dead again later (other weights): said again
            return False
        if found == self._dead_told:
            return False
        self._dead_told = found
        names = _named(st.network, found)
        one = len(found) == 1
        self.panel.offer_randomize(
            f"Not started: {names} {'is a dead ReLU' if one else 'are dead ReLUs'}: z < 0 on every training "
            f"point, where g′(z) = 0, so no gradient reaches {'its' if one else 'their'} weights and bias and "
            f"{'it stays' if one else 'they stay'} at 0. Play again to train anyway, or"
        )
        self.window.report(f"{names}: dead at the start (ReLU with z < 0 on every point); Randomize gives new weights.")
        return True

    def _tell_saturated(self) -> bool:
        """Before a run: neurons whose sigmoid or tanh is saturated on the data learn almost nothing
        (g' ≈ 0). Said once for the same neurons, offering Randomize; Play again trains anyway."""
        st = self.session
        st.ensure_fresh()
        if st.compiled is None or st.data.problem or not st.data.n_train:
            return False
        loss = self.training.settings.loss
        found = tuple(saturated_neurons(st.compiled, st.data.x_train, st.data.y_train, loss))
        if not found:
            self._saturation_told = ()  # saturated again later (another network, other weights): said again
            return False
        if found == self._saturation_told:
            return False
        self._saturation_told = found
        net = st.network
        names = _named(net, found)
        output = any(n in net.outputs for n in found)
        self.panel.offer_randomize(
            f"Not started: {names} {'is' if len(found) == 1 else 'are'} saturated: on much of the data z is so "
            "far from 0 that g′(z) ≈ 0, and those points barely move the weights"
            + (" (cross-entropy would not have this problem at the output)" if output else "")
            + ". Play again to train anyway, or"
        )
        self.window.report(f"{names}: saturated at the start (g′ ≈ 0); Randomize gives small weights.")
        return True


def _named(network, node_ids, most: int = 4) -> str:
    """The first ``most`` nodes' labels for a status line, each short and isolated (the user's text)."""
    names = ", ".join(label_in_text(network.node(n).display_label) for n in node_ids[:most])
    return names + (" …" if len(node_ids) > most else "")
