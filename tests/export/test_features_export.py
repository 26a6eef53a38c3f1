"""Feature nodes and softmax in the exports: PyTorch code computes them in forward and checks itself;
the math shows x₁², sin x₁; the CLI exports what it loads."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from designer.engine import compile_network
from designer.exercises import load_exercise
from designer.export import to_pytorch
from designer.export.feature_math import formula_math
from designer.export.formulas import latex_document, network_formula, neuron_formula
from designer.model import Connection, FeatureNode, save
from tests.export.helpers import load_generated
from tests.featuregen import POOL, add_features, points_away_from_poles
from tests.netgen import layered, random_dag
from tests.torchref import require_torch

torch = require_torch()


def _with_all_features():
    """A layered 2-4-3 softmax net reading every formula of the pool (a sequential design)."""
    net = layered([2, 4, 3], ["tanh", "linear"], seed=4)
    net.softmax = True
    for k, expression in enumerate(sorted(POOL)):
        fid = f"f{k}"
        net.features[fid] = FeatureNode(fid, expression)
        for j in range(4):
            net.connections[(fid, f"l1n{j + 1}")] = Connection(fid, f"l1n{j + 1}", 0.1 * (k - j))
    return net


def _exported(network, x):
    model = load_generated(to_pytorch(network))["build_model"](torch.float64)
    with torch.no_grad():
        return model(torch.tensor(x, dtype=torch.float64)).numpy()


def test_every_formula_is_computed_in_forward_of_a_sequential_model():
    net = _with_all_features()
    code = to_pytorch(net)
    assert "nn.Sequential(" in code and "return self.layers(with_features(x))" in code
    assert f"nn.Linear({2 + len(POOL)}, 4)," in code and "nn.Softmax(dim=1)," in code
    x = points_away_from_poles(200, 1)
    np.testing.assert_allclose(_exported(net, x), compile_network(net).forward(x), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", range(8))
def test_random_designs_with_features_match_the_engine(seed):
    net = add_features(random_dag(seed, n_hidden=5, n_outputs=1 + seed % 3, softmax=seed % 2 == 0), seed, count=3)
    x = points_away_from_poles(150, seed)
    code = to_pytorch(net)
    assert "x = with_features(x)" in code or "with_features(x))" in code
    np.testing.assert_allclose(_exported(net, x), compile_network(net).forward(x), rtol=1e-9, atol=1e-12)


def test_exported_files_print_ok(tmp_path):
    for i, net in enumerate([_with_all_features(), load_exercise("circle-one-neuron").solutions[1]]):
        path = tmp_path / f"model{i}.py"
        path.write_text(to_pytorch(net), encoding="utf-8")
        done = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_feature_ids_and_labels_are_only_data_in_the_code():
    net = layered([2, 1], ["sigmoid"])
    hostile = 'x"); import os; os.system("echo pwned") #\n'
    net.features[hostile] = FeatureNode(hostile, "x1 * x2", label="\u2028label\nwith breaks")
    net.connections[(hostile, "y1")] = Connection(hostile, "y1", 1.0)
    code = to_pytorch(net)
    assert "os.system" not in code.replace(repr(hostile), "")
    namespace = load_generated(code)
    assert namespace["FEATURES"] == (hostile,) and namespace["LABELS"][hostile] == "\u2028label\nwith breaks"
    assert "x[:, 0] * x[:, 1]," in code


@pytest.mark.parametrize(
    ("expression", "text", "latex"),
    [
        ("x1^2", "x₁²", "{x_{1}}^{2}"),
        ("x1*x2", "x₁·x₂", r"x_{1} \cdot x_{2}"),
        ("sin(x1)", "sin x₁", r"\sin x_{1}"),
        ("sin(x1 + x2)", "sin(x₁ + x₂)", r"\sin\left(x_{1} + x_{2}\right)"),
        ("abs(x1)", "|x₁|", r"\left|x_{1}\right|"),
        ("x1/(1 + x2^2)", "x₁/(1 + x₂²)", r"\frac{x_{1}}{1 + {x_{2}}^{2}}"),
        ("(x1 + 1)^-2", "(x₁ + 1)⁻²", r"{\left(x_{1} + 1\right)}^{-2}"),
        ("-x2^2 + 3", "−x₂² + 3", "-{x_{2}}^{2} + 3"),
        ("x1 - (x2 - 1)", "x₁ − (x₂ − 1)", r"x_{1} - \left(x_{2} - 1\right)"),
        ("exp(-x1^2/4)", "exp(−x₁²/4)", r"\exp\left(\frac{-{x_{1}}^{2}}{4}\right)"),
    ],
)
def test_formulas_in_the_lectures_notation(expression, text, latex):
    assert formula_math(expression, {"x1": "x₁", "x2": "x₂"}) == text
    assert formula_math(expression, {"x1": "x_{1}", "x2": "x_{2}"}, "latex") == latex


def test_networks_show_unlabelled_features_by_their_formula():
    net = layered([2, 1], ["sigmoid"])
    for i in (1, 2):
        net.inputs[f"x{i}"].label = f"x{'₁₂'[i - 1]}"
    net.features["s"] = FeatureNode("s", "x1 + x2")
    net.features["q"] = FeatureNode("q", "x1^2", label="Q")
    net.connections = {}
    for source, weight in (("s", 0.5), ("q", -1.0)):
        net.connections[(source, "y1")] = Connection(source, "y1", weight)
    net.neurons["y1"].bias = 2.0
    assert neuron_formula(net, "y1") == "y1 = σ(0.5·(x₁ + x₂) − 1·Q + 2)"
    assert network_formula(net) == ["h(x) = σ(0.5·(x₁ + x₂) − Q + 2)"]
    document = latex_document(net)
    assert r"0.5 \cdot \left(x_{1} + x_{2}\right)" in document and r"1 \cdot Q" in document


def test_the_cli_exports_a_feature_network(tmp_path, capsys):
    from designer.cli import main

    path = tmp_path / "circle.json"
    save(load_exercise("circle-one-neuron").solutions[0], path)
    assert main(["export", str(path), "--to", "latex"]) == 0
    assert "{x_{1}}^{2}" in capsys.readouterr().out
    assert main(["export", str(path), "--to", "pytorch", "-o", str(tmp_path / "m.py")]) == 0
    assert "x[:, 0] ** 2," in (tmp_path / "m.py").read_text()


def test_a_masked_level_ignores_an_infinite_column_it_does_not_read(tmp_path):
    """r = 1/x1 is read by h only; y reads x2 and h: at x1 = 0, y is finite in NN Designer, in the
    exported model (Masked once made 0 · ∞ = NaN of the missing link) and in its gradients."""
    from tests.engine.test_unconnected_nonfinite import _reciprocal, _reciprocal_reference

    net = _reciprocal()
    x = np.array([[0.0, 0.3], [0.5, -1.0], [0.0, -0.7]])
    model = load_generated(to_pytorch(net))["build_model"](torch.float64)
    assert "Masked(" in to_pytorch(net)
    inputs = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    out = model(inputs)
    np.testing.assert_allclose(out.detach().numpy()[:, 0], _reciprocal_reference(x), rtol=1e-12)
    out.sum().backward()
    grads = dict(model.named_parameters())
    assert grads["level1.weight"].grad[0].tolist()[:2] == [0.0, 0.0]  # missing links x1, x2 → h: no gradient
    for name in ("level1.bias", "level2.weight", "level2.bias"):  # h's r link itself has ∞ · 0 in its gradient
        assert torch.isfinite(grads[name].grad).all(), name
    assert torch.isfinite(inputs.grad[:, 1]).all()
    path = tmp_path / "model.py"
    path.write_text(to_pytorch(net), encoding="utf-8")
    done = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
