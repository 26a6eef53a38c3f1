"""Chain-rule practice: exact values, right and wrong answers with their hints, loading, answers files."""

import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest

from designer.cli import main
from designer.exercises import load_exercise, parse_exercise
from designer.exercises.answers import (
    MISSING,
    RIGHT,
    UNREADABLE,
    WRONG,
    Letters,
    answers_from_document,
    check_answers,
    exact_text,
    letters,
)
from designer.exercises.chainrule import ChainRuleExercise, parse_quantity
from designer.model import FormatError
from designer.resources import EXERCISES
from tests.torchref import require_torch

#: Worked out by hand (the lecture's way: forward first, then backwards), not by the engine.
BY_HAND = {
    "chain-1-1-1": {
        "da:f3": "1",
        "dw:f2->f3": "1/2",
        "da:f2": "-3",
        "dz:f2": "-3/4",
        "dw:f1->f2": "-3/4",
        "da:f1": "-3/2",
        "dw:x->f1": "-3",
    },
    "chain-2-2-1-sigmoid": {
        "da:y": "-1",
        "dz:y": "-1/4",
        "dw:h1->y": "-1/8",
        "db:y": "-1/4",
        "da:h1": "-1/4",
        "da:h2": "1/2",
        "dz:h1": "-1/16",
        "dz:h2": "1/8",
        "dw:x2->h1": "-1/8",
        "dw:x1->h2": "1/8",
        "db:h2": "1/8",
    },
    "chain-relu-off": {
        "da:y": "2",
        "dw:h1->y": "4",
        "dw:h2->y": "0",
        "da:h1": "3",
        "da:h2": "-2",
        "dz:h1": "3",
        "dz:h2": "0",
        "dw:x2->h1": "-3",
        "dw:x1->h2": "0",
        "db:h2": "0",
    },
}


def exercise_doc(exercise_id="chain-2-2-1-sigmoid"):
    return json.loads(EXERCISES.joinpath(f"{exercise_id}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("exercise_id", sorted(BY_HAND))
def test_the_engine_agrees_with_the_hand_computation(exercise_id):
    exercise = load_exercise(exercise_id)
    assert isinstance(exercise, ChainRuleExercise) and exercise.kind == "chain_rule"
    key = exercise.answer_key()
    assert list(key) == list(BY_HAND[exercise_id])
    assert {q: exact_text(v) for q, v in key.items()} == BY_HAND[exercise_id]


def torch_gradients(exercise):
    """∂L/∂a and ∂L/∂z of every neuron by PyTorch autograd (an independent backward pass)."""
    torch = require_torch()
    net = exercise.network
    value = {i: torch.tensor(exercise.inputs[i], dtype=torch.float64, requires_grad=True) for i in net.inputs}
    zs, acts = {}, {}
    fns = {"linear": lambda z: z, "sigmoid": torch.sigmoid, "relu": torch.relu, "tanh": torch.tanh}
    from designer.model.graph import topological_order

    for nid in topological_order(net):
        neuron = net.neurons[nid]
        z = torch.tensor(neuron.bias, dtype=torch.float64) + sum(c.weight * value[c.source] for c in net.incoming(nid))
        z.retain_grad()
        a = fns[neuron.activation](z)
        a.retain_grad()
        zs[nid], acts[nid], value[nid] = z, a, a
    outputs = [acts[o] for o in net.outputs]
    targets = [exercise.targets.get(o) for o in net.outputs]
    if exercise.loss == "output":
        loss = outputs[0]
    elif exercise.loss == "cross_entropy":
        loss = -sum(t * a.log() + (1 - t) * (1 - a).log() for a, t in zip(outputs, targets, strict=True)) / len(outputs)
    else:
        loss = sum((a - t) ** 2 for a, t in zip(outputs, targets, strict=True))
        loss = loss / len(outputs) if exercise.loss == "mse" else loss
    loss.backward()
    return {n: float(t.grad) for n, t in acts.items()}, {n: float(t.grad) for n, t in zs.items()}


@pytest.mark.parametrize("exercise_id", sorted(BY_HAND))
def test_the_engine_agrees_with_pytorch(exercise_id):
    exercise = load_exercise(exercise_id)
    da, dz = torch_gradients(exercise)
    values = exercise.values
    for n in exercise.network.neurons:
        assert values.da[n] == pytest.approx(da[n], abs=1e-12) and values.dz[n] == pytest.approx(dz[n], abs=1e-12)


def two_outputs_exercise(loss: str, feeds_on: bool, second: str) -> ChainRuleExercise:
    """chain-2-2-1-sigmoid with a second output y2 of activation ``second``; with ``feeds_on`` the sigmoid
    output y also feeds y2. Both outputs lie in (0, 1), for cross-entropy."""
    doc = exercise_doc()
    network = doc["network"]
    network["neurons"].append({"id": "y2", "activation": second, "bias": 0.25})
    network["connections"] += [{"source": "h2", "target": "y2", "weight": 0.5}]
    if feeds_on:
        network["connections"].append({"source": "y", "target": "y2", "weight": 0.5})
    network["outputs"] = ["y", "y2"]
    asked = [f"{d}:{n}" for n in ("y", "y2", "h1", "h2") for d in ("da", "dz", "db")]
    doc.update(loss=loss, asked=asked + [f"dw:{c['source']}->{c['target']}" for c in network["connections"]])
    doc["sample"]["target"] = {"y": 0.25, "y2": 0.5}
    return parse_exercise(json.dumps(doc))


@pytest.mark.parametrize("second", ["linear", "sigmoid"])
@pytest.mark.parametrize("feeds_on", [False, True])
@pytest.mark.parametrize("loss", ["mse", "sse", "cross_entropy"])
def test_two_outputs_agree_with_pytorch(loss, feeds_on, second):
    """Cross-entropy beside a linear output is not fused in the engine: ∂L/∂a of the sigmoid output already
    holds the loss's part (it was counted twice). The loss's own ∂L/∂a (where a student starts, and the
    hints' base) is a mean over both outputs for mse and cross-entropy."""
    exercise = two_outputs_exercise(loss, feeds_on, second)
    da, dz = torch_gradients(exercise)
    values = exercise.values
    for n in exercise.network.neurons:
        assert values.da[n] == pytest.approx(da[n], abs=1e-12), f"da:{n}"
        assert values.dz[n] == pytest.approx(dz[n], abs=1e-12), f"dz:{n}"
    for output in ["y2"] if feeds_on else ["y", "y2"]:  # feeding nothing, ∂L/∂a is the loss's own part
        assert values.output_grad[output] == pytest.approx(da[output], abs=1e-12), output


def test_cross_entropy_on_a_sigmoid_output_gets_da_of_the_output_right():
    """The engine takes sigmoid + cross-entropy at z; ∂L/∂a of that output is added back (finite differences)."""
    doc = exercise_doc()
    doc.update(loss="cross_entropy", asked=["da:y", "dz:y", "da:h1"])
    doc["sample"]["target"] = {"y": 0.25}
    exercise = parse_exercise(json.dumps(doc))
    a, y = exercise.values.a["y"], 0.25

    def loss(p):
        return -(y * np.log(p) + (1 - y) * np.log(1 - p))

    h = 1e-7
    assert exercise.values.da["y"] == pytest.approx((loss(a + h) - loss(a - h)) / (2 * h), rel=1e-6)
    assert exercise.values.dz["y"] == pytest.approx(a - y, rel=1e-12)
    assert check_answers(exercise, {"da:y": "1", "dz:y": "1/4", "da:h1": "1/4"}).passed  # a = 1/2: (a − y)/(a(1 − a))


@pytest.mark.parametrize("exercise_id", sorted(BY_HAND))
def test_right_answers_pass_in_any_spelling(exercise_id):
    exercise = load_exercise(exercise_id)
    typed = {k: v.replace("-", "−") for k, v in BY_HAND[exercise_id].items()}  # the canvas's minus sign
    result = check_answers(exercise, typed)
    assert result.passed and result.score == 1.0 and result.reasons == []
    assert result.summary == f"{len(typed)} of {len(typed)} entries right"
    as_numbers = {k: float(v) for k, v in exercise.answer_key().items()}
    assert check_answers(exercise, as_numbers).passed


def test_decimals_within_the_tolerance_pass():
    exercise = load_exercise("chain-2-2-1-sigmoid")
    right = dict(BY_HAND["chain-2-2-1-sigmoid"])
    assert check_answers(exercise, {**right, "dz:h1": "-0.0625", "dz:h2": "0.1251"}).passed
    result = check_answers(exercise, {**right, "dz:h1": "-0.06"})  # 0.0025 off: more than 0.001 and 1 %
    assert not result.passed and [e.quantity.id for e in result.wrong_entries] == ["dz:h1"]
    doc = exercise_doc()
    doc["tolerance"] = {"absolute": 0.01}
    assert check_answers(parse_exercise(json.dumps(doc)), {**right, "dz:h1": "-0.06"}).passed


SLIPS = [
    ("chain-2-2-1-sigmoid", "dz:y", "-1", "multiply by g'(z) of y: for a sigmoid g'(z) = g(z)(1 − g(z)) = 1/4"),
    ("chain-2-2-1-sigmoid", "dz:y", "-1/2", "g'(z), not g(z)"),
    ("chain-2-2-1-sigmoid", "da:y", "-1/2", "the factor 2 of the squared error"),
    ("chain-2-2-1-sigmoid", "da:y", "1", "sign"),
    ("chain-2-2-1-sigmoid", "dw:h1->y", "-1/4", "multiply by the input on this connection: a of h1 = 1/2"),
    ("chain-2-2-1-sigmoid", "dw:h1->y", "-1/2", "multiply by g'(z) of y"),
    ("chain-2-2-1-sigmoid", "da:h2", "-1/4", "you forgot the weight on the path"),
    ("chain-2-2-1-sigmoid", "da:h2", "2", "multiply by g'(z) of the next neuron (y)"),
    ("chain-2-2-1-sigmoid", "da:h2", "1/8", "that is ∂L/∂z of h2"),
    ("chain-2-2-1-sigmoid", "db:h2", "1/16", "the bias is a weight on the constant input 1"),
    ("chain-2-2-1-sigmoid", "dw:x2->h1", "1/16", "multiply by the input (x₂), not by the weight"),
    ("chain-relu-off", "dz:h2", "-2", "h2 is a ReLU that is off here (z = -1 < 0), so g'(z) = 0"),
    ("chain-relu-off", "dw:h2->y", "2", "multiply by the input on this connection: a of h2 = 0"),
    ("chain-relu-off", "da:y", "1", "the factor 2 of the squared error"),
    ("chain-1-1-1", "da:f3", "0", "J is the output itself"),
    ("chain-1-1-1", "dw:x->f1", "-3/2", "multiply by the input on this connection: x = 2"),
    ("chain-1-1-1", "dz:f2", "-3", "multiply by g'(s) of f₂"),  # the exercise calls the sum s₂
    ("chain-1-1-1", "da:f1", "-3/4", "you forgot the weight on the path: ∂J/∂z = Σ w · ∂J/∂s"),
    ("chain-1-1-1", "da:f1", "-6", "multiply by g'(s) of the next neuron (f₂): use ∂J/∂s there, not ∂J/∂z"),
    # J is the output itself: no target t, so no "a − t, not t − a"
    (
        "chain-1-1-1",
        "da:f2",
        "3",
        "sign: check the sign of each factor (a negative weight or a negative input flips it)",
    ),
    ("chain-2-2-1-sigmoid", "da:y", "1", "sign: check which way it goes (e.g. a − t, not t − a)"),
    # further back the sign comes from a factor (here the weight −2 of h2 → y), not from a − t
    (
        "chain-2-2-1-sigmoid",
        "da:h2",
        "-1/2",
        "sign: check the sign of each factor (a negative weight or a negative input flips it; "
        "the loss gives a\u00a0−\u00a0t, not t\u00a0−\u00a0a)",
    ),
]


@pytest.mark.parametrize(("exercise_id", "quantity", "typed", "hint"), SLIPS)
def test_a_typical_slip_gets_the_hint_that_names_the_missing_factor(exercise_id, quantity, typed, hint):
    exercise = load_exercise(exercise_id)
    result = check_answers(exercise, {**BY_HAND[exercise_id], quantity: typed})
    [entry] = result.wrong_entries
    assert entry.quantity.id == quantity and entry.status == WRONG and entry.value == pytest.approx(float(eval(typed)))
    assert hint in entry.hint, entry.hint
    assert any(hint in reason for reason in result.reasons)
    total = len(BY_HAND[exercise_id])
    assert not result.passed and result.score == pytest.approx((total - 1) / total)


def test_hints_use_the_letters_the_questions_use():
    """chain-1-1-1 asks for ∂J/∂z₂ (z: a function's output, the app's a) and ∂J/∂s₂ (its sum, the app's z)."""
    exercise = load_exercise("chain-1-1-1")
    assert letters(exercise) == Letters("z", "s")
    assert letters(load_exercise("chain-2-2-1-sigmoid")) == Letters()  # default labels: ∂L/∂a of h1
    wrong = {"da:f2": "-3/4", "dz:f2": "-3", "da:f1": "-3/4"}
    for quantity, typed in wrong.items():
        [entry] = check_answers(exercise, {**BY_HAND["chain-1-1-1"], quantity: typed}).wrong_entries
        assert "∂J/∂a" not in entry.hint and "g'(z)" not in entry.hint, entry.hint
    [entry] = check_answers(exercise, {**BY_HAND["chain-1-1-1"], "dz:f2": "123"}).wrong_entries
    assert entry.hint == "∂J/∂s = ∂J/∂z · g'(s)"


@pytest.mark.parametrize(
    "labels",
    [
        {"da:h1": "∂L/∂a₁", "dz:h1": "∂L/∂a₂"},  # one letter for both kinds: keep the app's
        {"da:h1": "∂L/∂z₁"},  # z for outputs and no letter for sums: z would mean both
        {"da:h1": "∂L/∂u₁", "da:h2": "∂L/∂v₂"},  # labels that disagree
        {"da:h1": "∂L/∂out of h1"},  # a word, not a letter
        {"da:h1": "∂L/∂w₁", "dz:h1": "∂L/∂b₁"},  # the hints' own w and b: "∂L/∂b = ∂L/∂w · g'(b)"
        {"da:y": "∂L/∂y"},  # y is the target: "2(y − y)"
        {"da:h1": "∂L/∂g₁"},
        {"da:h1": "∂L/∂y\u0302₁"},  # y and a combining hat: ŷ, not the letter y
    ],
)
def test_letters_fall_back_to_the_apps_when_the_labels_do_not_name_one_each(labels):
    doc = exercise_doc()
    doc["asked"] = [{"id": key, "label": label} for key, label in labels.items()]
    assert letters(parse_exercise(json.dumps(doc))) == Letters()


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_output_hints_use_the_letters_too(loss):
    """Outputs asked as ∂L/∂z₃ (z: an output, s: a sum): the loss's hints said "∂L/∂a … 2(a − y)" and,
    for cross-entropy, "that is ∂L/∂z of a sigmoid output", naming the asked quantity as the wrong one."""
    doc = exercise_doc()
    doc["loss"] = loss
    labels = {
        "da:y": "∂L/∂z₃",
        "da:h1": "∂L/∂z₁",
        "da:h2": "∂L/∂z₂",
        "dz:y": "∂L/∂s₃",
        "dz:h1": "∂L/∂s₁",
        "dz:h2": "∂L/∂s₂",
    }
    doc["asked"] = [{"id": q, "label": labels[q]} if q in labels else q for q in doc["asked"]]
    exercise = parse_exercise(json.dumps(doc))
    assert letters(exercise) == Letters("z", "s")
    right = exercise.answer_key()
    value = right["da:y"]
    for typed in (value / 2, -value, 123.0, value * 0.999 + 0.5):
        [entry] = check_answers(exercise, {**{k: str(v) for k, v in right.items()}, "da:y": str(typed)}).wrong_entries
        assert not re.search(r"∂L/∂a\b|\ba − [ty]|∂L/∂z of a sigmoid", entry.hint), entry.hint


def test_an_answer_built_on_an_earlier_wrong_one_says_so():
    exercise = load_exercise("chain-2-2-1-sigmoid")
    answers = {**BY_HAND["chain-2-2-1-sigmoid"], "da:h1": "-1/2", "dz:h1": "-1/8", "dw:x2->h1": "-1/4"}
    entries = {e.quantity.id: e for e in check_answers(exercise, answers).entries}
    assert "multiply by" not in entries["da:h1"].hint  # the real slip there: an unexplained value
    assert entries["dz:h1"].hint == "right rule, but it builds on your ∂L/∂a of h1, which is wrong"
    assert entries["dw:x2->h1"].hint == "right rule, but it builds on your ∂L/∂z of h1, which is wrong"


def test_a_weight_or_an_a_built_on_a_wrong_a_where_no_z_is_asked_says_so():
    """The lecture's chain (chain-1-1-1) asks ∂J/∂z₁ and ∂J/∂w₁ but not the sum's derivative of f₁:
    ∂J/∂w₁ built right on a wrong ∂J/∂z₁ got the bare rule, and in chain-relu-off ∂L/∂w of h1 → y built
    on a wrong ∂L/∂a of y was told to multiply by the input it had multiplied by."""
    chain = load_exercise("chain-1-1-1")
    entries = {e.quantity.id: e for e in check_answers(chain, {"da:f1": "-3", "dw:x->f1": "-6"}).entries}
    assert entries["dw:x->f1"].hint == "right rule, but it builds on your ∂J/∂z of f₁, which is wrong"
    entries = {e.quantity.id: e for e in check_answers(chain, {"da:f3": "2", "da:f2": "-6"}).entries}
    assert entries["da:f2"].hint == "right rule, but it builds on your ∂J/∂z of the next neuron, which is wrong"
    relu = load_exercise("chain-relu-off")
    entries = {e.quantity.id: e for e in check_answers(relu, {"da:y": "1", "dw:h1->y": "2"}).entries}
    assert entries["dw:h1->y"].hint == "right rule, but it builds on your ∂L/∂a of y, which is wrong"


def test_an_unexplained_value_gets_the_rule():
    exercise = load_exercise("chain-2-2-1-sigmoid")
    rules = {
        "da:y": "∂L/∂a of an output is the loss's derivative: 2(a − t) divided by the number of outputs",
        "da:h1": "∂L/∂a = Σ over the neurons it feeds of w · ∂L/∂z there",
        "dz:h1": "∂L/∂z = ∂L/∂a · g'(z)",
        "db:h2": "∂L/∂b = ∂L/∂z (the bias is a weight on the constant input 1)",
        "dw:x2->h1": "∂L/∂w = ∂L/∂z of the target · the input it carries (a of the source)",
    }
    for quantity, rule in rules.items():
        [entry] = check_answers(exercise, {**BY_HAND["chain-2-2-1-sigmoid"], quantity: "123"}).wrong_entries
        assert entry.hint == rule


def test_missing_unreadable_and_unasked_entries():
    exercise = load_exercise("chain-relu-off")
    answers = {**BY_HAND["chain-relu-off"], "da:h1": "", "dz:h1": "three", "db:h1": "3", "dw:h1->y": "1/0"}
    del answers["da:y"]
    result = check_answers(exercise, answers)
    status = {e.quantity.id: e.status for e in result.entries}
    assert status["da:y"] == MISSING and status["da:h1"] == MISSING
    assert status["dz:h1"] == UNREADABLE and status["dw:h1->y"] == UNREADABLE and status["dz:h2"] == RIGHT
    assert "∂L/∂a of y: no answer" in result.reasons
    assert any("cannot read 'three': 'three' is not a number" in r for r in result.reasons)
    assert any("division by zero" in r for r in result.reasons)
    assert result.reasons[-1] == "not asked: db:h1"
    assert result.score == pytest.approx(6 / 10) and not result.passed
    assert check_answers(exercise, {}).score == 0.0


def test_quantities_have_labels_and_nodes_for_the_gui():
    exercise = load_exercise("chain-2-2-1-sigmoid")
    q = {q.id: q for q in exercise.quantities}
    assert q["dw:x2->h1"].label == "∂L/∂w of x₂ → h1" and q["dw:x2->h1"].nodes == ("x2", "h1")
    assert q["da:h2"].label == "∂L/∂a of h2" and q["da:h2"].nodes == ("h2",)
    chain = load_exercise("chain-1-1-1")
    assert [q.label for q in chain.quantities][:3] == ["∂J/∂z₃", "∂J/∂w₃", "∂J/∂z₂"] and chain.symbol == "J"
    assert parse_quantity("dw:a->b") == ("w", "b", "a") and parse_quantity("db:h") == ("b", "h", None)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "chain"}, 'kind: expected "chain_rule"'),
        ({"loss": "hinge"}, "loss: expected one of mse, sse, cross_entropy, output, got 'hinge'"),
        ({"loss": "output"}, "sample.target: unknown key (allowed: inputs)"),
        ({"group": "logic gates"}, 'group: a chain-rule exercise belongs to the group "backpropagation"'),
        ({"asked": ["dq:y"]}, "asked[0]: 'dq:y': expected da:NEURON"),
        ({"asked": ["da:x1"]}, "asked[0]: 'x1' is not a neuron of the network"),
        ({"asked": ["dw:x1->y"]}, "asked[0]: the network has no connection x1 → y"),
        ({"asked": ["da:y", "da:y"]}, "asked[1]: 'da:y' is asked twice"),
        ({"asked": []}, "asked: must not be empty"),
        ({"asked": [3]}, "asked[0]: expected a quantity id"),
        ({"sample": {"inputs": {"x1": 1}, "target": {"y": 1}}}, 'sample.inputs: missing "x2"'),
        ({"sample": {"inputs": {"x1": 1, "x2": "2"}, "target": {"y": 1}}}, "sample.inputs.x2: expected a number"),
        ({"sample": {"inputs": {"x1": 1, "x2": 2}, "target": {"y": 1, "z": 0}}}, "sample.target.z: unknown key"),
        ({"tolerance": {"relative": 2}}, "tolerance.relative: 2 is outside 0..1"),
        ({"hints": [""]}, "hints[0]: expected a non-empty string"),
        ({"prompt": 5}, "prompt: expected a string"),
        ({"extra": 1}, "extra: unknown key"),
        ({"version": 2}, "made by a newer NN Designer"),
    ],
)
def test_bad_files_get_one_line_reasons(change, message):
    doc = {**exercise_doc(), **change}
    with pytest.raises(FormatError) as error:
        parse_exercise(json.dumps(doc))
    assert message in str(error.value) and "\n" not in str(error.value)


def test_networks_that_cannot_be_worked_through_are_refused():
    doc = exercise_doc()
    doc["network"]["softmax"] = True
    doc["network"]["neurons"][2]["activation"] = "linear"
    with pytest.raises(FormatError, match="softmax outputs are not used"):
        parse_exercise(json.dumps(doc))
    doc = exercise_doc()
    doc.update(loss="cross_entropy")
    doc["sample"]["target"] = {"y": 2}
    with pytest.raises(FormatError, match="cross-entropy needs targets between 0 and 1"):
        parse_exercise(json.dumps(doc))
    doc = exercise_doc("chain-1-1-1")
    doc["sample"]["inputs"]["x"] = 1e308
    doc["network"]["connections"][0]["weight"] = 1e308
    with pytest.raises(FormatError, match="not a finite number"):
        parse_exercise(json.dumps(doc))
    doc = exercise_doc()
    doc["network"]["neurons"] = [dict(doc["network"]["neurons"][0], id=f"n{i}") for i in range(51)]
    doc["network"]["connections"], doc["network"]["outputs"] = [], ["n0"]
    with pytest.raises(FormatError, match="51 neurons, at most 50"):
        parse_exercise(json.dumps(doc))


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"format": "nn-designer"}, r'not an NN Designer answers file \(no "format": "nn-designer-answers"\)'),
        ({"format": "nn-designer-answers", "version": 9, "answers": {}}, "made by a newer NN Designer"),
        ({"format": "nn-designer-answers", "version": 1}, '"answers": expected an object'),
        ({"format": "nn-designer-answers", "version": 1, "answers": {"da:y": [1]}}, "answers.da:y: expected a number"),
        ({"format": "nn-designer-answers", "version": 1, "answers": {"da:y": None}}, "got null"),
        ({"format": "nn-designer-answers", "version": 1, "answers": {}, "exercise": 3}, '"exercise": expected'),
        ({"format": "nn-designer-answers", "version": 1, "answers": {}, "grade": 1}, "unknown key 'grade'"),
    ],
)
def test_answers_files_are_read_strictly(doc, message):
    with pytest.raises(FormatError, match=message):
        answers_from_document(doc)


def test_an_answers_file_reads_numbers_and_texts():
    doc = {"format": "nn-designer-answers", "version": 1, "exercise": "chain-1-1-1"}
    answers = answers_from_document({**doc, "answers": {"da:f3": 1, "dz:f2": "-3/4"}})
    assert answers.exercise == "chain-1-1-1" and answers.entries == {"da:f3": 1, "dz:f2": "-3/4"}


# ------------------------------------------------------------ command line
def write_answers(path, answers, exercise="chain-relu-off"):
    doc = {"format": "nn-designer-answers", "version": 1, "exercise": exercise, "answers": answers}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_grades_one_answers_file(tmp_path, capsys):
    right = write_answers(tmp_path / "right.json", BY_HAND["chain-relu-off"])
    assert main(["check", str(right), "--exercise", "chain-relu-off"]) == 0
    assert capsys.readouterr().out == f"PASS  {right}  score 1.00  (10 of 10 entries right)\n"
    wrong = write_answers(tmp_path / "wrong.json", {**BY_HAND["chain-relu-off"], "dz:h2": "-2"})
    assert main(["check", str(wrong), "--exercise", "chain-relu-off"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"FAIL  {wrong}  score 0.90  (9 of 10 entries right)"
    assert out[1].startswith("  - ∂L/∂z of h2: -2 is wrong: multiply by g'(z): h2 is a ReLU that is off here")


def test_check_refuses_an_unreadable_single_file_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["check", str(bad), "--exercise", "chain-1-1-1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{bad}: not valid JSON" in err


def test_answers_for_another_exercise_fail(tmp_path, capsys):
    other = write_answers(tmp_path / "other.json", BY_HAND["chain-relu-off"], exercise="chain-1-1-1")
    assert main(["check", str(other), "--exercise", "chain-relu-off"]) == 1
    assert "  - these answers are for the exercise 'chain-1-1-1'" in capsys.readouterr().out


def test_batch_grading_of_a_folder_of_answers(tmp_path, capsys):
    folder = tmp_path / "submissions"
    (folder / "group-b").mkdir(parents=True)
    write_answers(folder / "alice.json", BY_HAND["chain-relu-off"])
    write_answers(folder / "group-b" / "bob.json", {**BY_HAND["chain-relu-off"], "da:y": "1", "dw:h2->y": "2"})
    (folder / "carol.json").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "dave.json").write_text(json.dumps(load_network_doc()), encoding="utf-8")  # a network, not answers
    report = tmp_path / "grades.csv"
    assert main(["check", str(folder), "--exercise", "chain-relu-off", "--report", str(report)]) == 1
    assert "4 files checked against chain-relu-off: 1 passed, 3 failed" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    by_file = {Path(r["file"]).name: r for r in rows}
    assert [Path(r["file"]).name for r in rows] == ["alice.json", "carol.json", "dave.json", "bob.json"]
    assert by_file["alice.json"]["passed"] == "true" and by_file["alice.json"]["score"] == "1.0000"
    assert by_file["bob.json"]["passed"] == "false" and by_file["bob.json"]["score"] == "0.8000"
    assert "the factor 2 of the squared error" in by_file["bob.json"]["reasons"]
    assert " | " in by_file["bob.json"]["reasons"]  # one reason per wrong entry
    assert by_file["carol.json"]["reasons"].startswith("unreadable: a PNG image, not a text file")
    assert by_file["dave.json"]["reasons"].startswith("unreadable: not an NN Designer answers file")


def load_network_doc():
    return exercise_doc("chain-relu-off")["network"]


def test_verify_prints_the_answer_key(capsys):
    assert main(["exercises", "--verify", "chain-2-2-1-sigmoid"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["da:y", "-1", "∂L/∂a", "of", "y"]
    assert out[-1] == "answer key: passes; empty answers: 0 of 11 entries right"


def test_a_huge_number_in_an_answers_file_is_unreadable_not_an_internal_error(tmp_path, capsys):
    """An integer no float holds (10**400, written out) is read like 1e400: an unreadable entry, exit 1."""
    path = tmp_path / "big.json"
    for number in ("1" + "0" * 400, "-1" + "0" * 400, "1e400"):
        path.write_text(
            '{"format": "nn-designer-answers", "version": 1, "exercise": "chain-1-1-1", '
            f'"answers": {{"da:f3": {number}}}}}',
            encoding="utf-8",
        )
        assert main(["check", str(path), "--exercise", "chain-1-1-1"]) == 1
        captured = capsys.readouterr()
        assert captured.err == ""
        assert "  - ∂J/∂z₃: cannot read '" in captured.out and "': not finite" in captured.out
