"""The sign hint of the chain-rule drills, as the student sees it under a field: a hidden neuron's
∂L/∂a with its sign flipped (the negative weight on its path forgotten) was told "a − t, not t − a",
though the output's ∂L/∂a above it, typed right, already had a − t."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.test_chainrule_panel import open_drill, type_answer

RIGHT = {"da:y": "-1", "dz:y": "-1/4"}  # typed first, from the output backwards


def hint_under(chain, quantity_id: str) -> str:
    return chain.findChild(QLabel, f"hint:{quantity_id}").text()


def test_a_hidden_neurons_flipped_sign_is_sent_to_the_factors_not_to_a_minus_t(qtbot, xor_window):
    chain = open_drill(qtbot, xor_window, "chain-2-2-1-sigmoid")
    for quantity_id, text in RIGHT.items():
        type_answer(qtbot, chain, quantity_id, text)
    type_answer(qtbot, chain, "da:h2", "-1/2")  # right: (−2) · (−1/4) = 1/2
    qtbot.waitUntil(lambda: "sign" in hint_under(chain, "da:h2"))
    hint = hint_under(chain, "da:h2")
    assert "a negative weight or a negative input flips it" in hint
    assert not hint.startswith("↳ sign: check which way it goes")
    type_answer(qtbot, chain, "da:y", "1")  # the output's own flipped sign: that is where a − t goes
    qtbot.waitUntil(lambda: "sign" in hint_under(chain, "da:y"))
    assert "check which way it goes (e.g. a − t, not t − a)" in hint_under(chain, "da:y")
