"""PyTorch export: the generated module computes exactly what the engine computes."""

from __future__ import annotations

import runpy
import subprocess
import sys

import numpy as np
import pytest

from designer.engine import compile_network
from designer.export import ExportError, to_pytorch
from designer.model import Connection, InputNode, Network, Neuron, load
from tests.conftest import EXAMPLES
from tests.export.helpers import load_generated, sample_inputs, skip_network
from tests.netgen import layered, random_dag
from tests.torchref import require_torch

torch = require_torch()

ALL = ("linear", "sigmoid", "step", "relu", "tanh")


def exported_outputs(network: Network, x: np.ndarray, dtype=None) -> np.ndarray:
    ns = load_generated(to_pytorch(network))
    model = ns["build_model"](dtype or torch.float64)
    with torch.no_grad():
        return model(torch.tensor(x, dtype=dtype or torch.float64)).double().numpy()


def random_networks():
    for seed in range(40):
        yield random_dag(seed, n_inputs=1 + seed % 3, n_hidden=seed % 9, n_outputs=1 + seed % 3, activations=ALL)
    for seed in range(40, 55):
        yield random_dag(seed, n_inputs=3, n_hidden=7, n_outputs=3, activations=ALL, softmax=True)
    for seed in range(55, 65):
        yield random_dag(seed, n_inputs=2, n_hidden=12, n_outputs=2, activations=ALL, density=0.3)
    for seed, act in enumerate(ALL):
        yield layered([2, 5, 4, 2], [act, "tanh", act], seed=seed)
    yield layered([3, 6, 1], ["relu", "sigmoid"], seed=9)


@pytest.mark.parametrize("network", list(random_networks()), ids=lambda n: n.name)
def test_float64_export_matches_the_engine(network):
    x = sample_inputs(network, seed=len(network.neurons))
    assert len(x) > 50
    expected = compile_network(network).forward(x)
    got = exported_outputs(network, x)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)


def test_layered_net_is_an_nn_sequential_and_the_xor_example_too():
    net = layered([2, 8, 8, 1], ["relu", "relu", "sigmoid"])
    code = to_pytorch(net)
    assert "nn.Sequential(" in code and "nn.Linear(2, 8)," in code and "nn.Linear(8, 1)," in code
    assert "nn.ReLU()," in code and "nn.Sigmoid()," in code
    assert "Masked" not in code and "torch.cat" not in code
    xor = to_pytorch(load(EXAMPLES / "xor-step.json"))
    assert "nn.Sequential(" in xor and "Step()," in xor
    assert "class Step(nn.Module)" in xor


def test_sequential_last_layer_follows_the_output_order():
    net = layered([2, 3, 3], ["tanh", "linear"], seed=4)
    net.outputs = ["y3", "y1", "y2"]
    code = to_pytorch(net)
    assert "nn.Sequential(" in code and "nn.Identity()," in code
    x = sample_inputs(net)
    np.testing.assert_allclose(exported_outputs(net, x), compile_network(net).forward(x), rtol=1e-12, atol=1e-12)


def test_softmax_layered_net_ends_with_nn_softmax():
    net = layered([2, 4, 3], ["tanh", "linear"], seed=2)
    net.softmax = True
    code = to_pytorch(net)
    assert "nn.Softmax(dim=1)," in code
    x = sample_inputs(net)
    got = exported_outputs(net, x)
    np.testing.assert_allclose(got.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(got, compile_network(net).forward(x), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize(
    "change",
    ["mixed activations", "missing link", "skip connection", "hidden output"],
)
def test_irregular_nets_get_an_explicit_forward(change):
    net = layered([2, 3, 2], ["sigmoid", "linear"], seed=1)
    if change == "mixed activations":
        net.neurons["l1n2"].activation = "step"
    elif change == "missing link":
        del net.connections[("x1", "l1n1")]
    elif change == "skip connection":
        net.connections[("x2", "y1")] = Connection("x2", "y1", 0.5)
    else:
        net.outputs = ["y1", "l1n3"]
    code = to_pytorch(net)
    assert "nn.Sequential" not in code
    assert "def forward(self, x: torch.Tensor) -> torch.Tensor:\n        a1 = " in code or "z1 = " in code
    assert ("Masked(" in code) == (change in ("missing link", "skip connection"))
    x = sample_inputs(net)
    np.testing.assert_allclose(exported_outputs(net, x), compile_network(net).forward(x), rtol=1e-9, atol=1e-9)


def test_mixed_level_applies_each_activation_to_its_block():
    net = layered([2, 4, 1], ["relu", "linear"], seed=3)
    net.neurons["l1n2"].activation = "step"
    net.neurons["l1n4"].activation = "tanh"
    code = to_pytorch(net)
    assert "a1 = torch.cat([step(z1[:, 0:1]), torch.relu(z1[:, 1:3]), torch.tanh(z1[:, 3:4])], dim=1)" in code
    assert "LEVELS = (\n    ('l1n2', 'l1n1', 'l1n3', 'l1n4'),\n    ('y1',),\n)" in code


def test_weights_are_embedded_exactly():
    net = skip_network()
    net.connections[("x1", "h1")].weight = 0.1 + 0.2  # 0.30000000000000004
    net.neurons["y"].bias = -1e-300
    ns = load_generated(to_pytorch(net))
    model = ns["build_model"](torch.float64)
    level = model.level1
    assert level.weight[0, 0].item() == 0.1 + 0.2
    assert model.level3.bias.item() == -1e-300


def test_build_model_defaults_to_float32_and_runs():
    net = skip_network()
    ns = load_generated(to_pytorch(net))
    model = ns["build_model"]()
    assert all(p.dtype == torch.float32 for p in model.parameters())
    x = sample_inputs(net)
    got = model(torch.tensor(x, dtype=torch.float32)).detach().double().numpy()
    np.testing.assert_allclose(got, compile_network(net).forward(x), rtol=1e-5, atol=1e-5)
    assert ns["INPUTS"] == ("x1", "x2") and ns["OUTPUTS"] == ("y",)
    assert ns["LABELS"] == {"x1": "x₁", "x2": "x₂"}


def test_frozen_tensors_do_not_require_grad():
    net = layered([2, 3, 1], ["sigmoid", "sigmoid"])
    for c in net.connections.values():
        if c.target == "y1":
            c.trainable = False
    for n in ("l1n1", "l1n2", "l1n3"):
        net.neurons[n].trainable = False
    model = load_generated(to_pytorch(net))["build_model"](torch.float64)
    frozen = {name for name, p in model.named_parameters() if not p.requires_grad}
    assert frozen == {"layers.2.weight", "layers.0.bias"}


def test_partly_frozen_tensors_keep_their_frozen_entries_through_training():
    net = skip_network()
    net.connections[("x1", "h2")].trainable = False  # level 2 reads x and a1: one of two links frozen
    net.connections[("x2", "y")].trainable = False
    net.neurons["y"].trainable = False  # the only neuron of its level: whole bias frozen
    code = to_pytorch(net)
    assert 'keep_fixed(self.level2, "weight"' in code and "self.level3.bias.requires_grad_(False)" in code
    ns = load_generated(code)
    model = ns["build_model"](torch.float64)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    optimiser = torch.optim.Adam(model.parameters(), lr=0.1)
    x = torch.tensor(sample_inputs(net), dtype=torch.float64)
    for _ in range(5):
        optimiser.zero_grad()
        model(x).pow(2).mean().backward()
        optimiser.step()
    after = model.state_dict()
    # level2 reads [x1, x2, h1]; h2's links: x1 (frozen), x2 (missing), h1 (trainable)
    assert after["level2.weight"][0, 0] == before["level2.weight"][0, 0]
    assert after["level2.weight"][0, 2] != before["level2.weight"][0, 2]
    # level3 reads [x1, x2, h2]: x1 missing, x2 frozen, h2 trainable
    assert after["level3.weight"][0, 1] == before["level3.weight"][0, 1] == -0.5
    assert after["level3.weight"][0, 2] != before["level3.weight"][0, 2]
    assert torch.equal(after["level3.bias"], before["level3.bias"])
    assert not model.level3.bias.requires_grad


def test_a_masked_level_whose_links_are_all_frozen_needs_no_hook():
    net = skip_network()
    for key in (("x1", "h2"), ("h1", "h2")):
        net.connections[key].trainable = False
    code = to_pytorch(net)
    assert "self.level2.weight.requires_grad_(False)" in code and "keep_fixed" not in code


def test_missing_links_stay_zero_during_training():
    net = skip_network()
    ns = load_generated(to_pytorch(net))
    model = ns["build_model"](torch.float64)
    optimiser = torch.optim.SGD(model.parameters(), lr=0.5)
    model(torch.ones(4, 2, dtype=torch.float64)).sum().backward()
    optimiser.step()
    mask = model.level2.mask
    assert not bool(mask.all())
    effective = model.level2.weight * mask
    assert torch.all(effective[~mask] == 0)


@pytest.mark.filterwarnings("ignore:Initializing zero-element tensors")
def test_network_without_inputs_and_unconnected_neurons():
    net = Network(name="constant")
    net.neurons["y"] = Neuron("y", "sigmoid", bias=0.3)
    net.outputs = ["y"]
    code = to_pytorch(net)
    ns = load_generated(code)
    out = ns["build_model"](torch.float64)(torch.zeros(2, 0, dtype=torch.float64))
    np.testing.assert_allclose(out.detach().numpy(), compile_network(net).forward(np.zeros((2, 0))), rtol=1e-12)


def test_invalid_networks_are_refused():
    net = skip_network()
    net.connections[("y", "h1")] = Connection("y", "h1", 1.0)
    with pytest.raises(ExportError, match="cycle"):
        to_pytorch(net)
    empty = Network(inputs={"x": InputNode("x")}, neurons={"n": Neuron("n")})
    with pytest.raises(ExportError, match="output"):
        to_pytorch(empty)


def test_export_is_deterministic():
    net = random_dag(7, activations=ALL)
    assert to_pytorch(net) == to_pytorch(net.copy())


def test_step_at_zero_is_checked_where_exact():
    # the lecture's AND: z = x1 + x2 - 2 is exactly 0 at (1, 1) and step(0) = 1
    net = Network(name="AND")
    net.inputs = {"x1": InputNode("x1"), "x2": InputNode("x2")}
    net.neurons["y"] = Neuron("y", "step", bias=-2.0)
    net.connections = {(s, "y"): Connection(s, "y", 1.0) for s in ("x1", "x2")}
    net.outputs = ["y"]
    ns = load_generated(to_pytorch(net))
    assert [1.0, 1.0] in ns["CHECK_INPUTS"]
    assert ns["CHECK_OUTPUTS"][ns["CHECK_INPUTS"].index([1.0, 1.0])] == [1.0]


def test_self_check_fails_loudly_on_a_mismatch(tmp_path):
    code = to_pytorch(skip_network())
    start = code.index("CHECK_OUTPUTS = [\n    [") + len("CHECK_OUTPUTS = [\n    [")
    tampered = code[:start] + "1000.0 + " + code[start:]
    path = tmp_path / "bad.py"
    path.write_text(tampered, encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        runpy.run_path(str(path), run_name="__main__")
    assert "mismatch" in str(exc.value.code)


@pytest.mark.parametrize(
    "network",
    [
        load(EXAMPLES / "xor-step.json"),
        skip_network(),
        random_dag(3, n_inputs=3, n_hidden=6, n_outputs=3, activations=ALL, softmax=True),
    ],
    ids=["xor", "skip", "softmax-dag"],
)
def test_python_model_py_prints_ok(network, tmp_path):
    path = tmp_path / "model.py"
    path.write_text(to_pytorch(network), encoding="utf-8")
    done = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.py"]


def test_the_self_check_names_the_input_and_both_values_when_they_differ(tmp_path):
    """A check that failed said "differ by up to nan", which tells a student nothing: it names the
    check input and both values (and says why when one of them overflowed)."""
    source = to_pytorch(load(EXAMPLES / "xor-step.json"))
    assert "CHECK_OUTPUTS = [\n    [0.0],\n" in source
    path = tmp_path / "model.py"
    path.write_text(
        source.replace("CHECK_OUTPUTS = [\n    [0.0],\n", "CHECK_OUTPUTS = [\n    [5.0],\n", 1), encoding="utf-8"
    )
    done = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    line = done.stderr.strip()
    assert line == "mismatch at check input [0.0, 0.0], output 0: NN Designer computed 5.0, this model 0.0", line


def test_a_relu_file_says_where_its_gradient_differs_from_the_apps_and_that_holds():
    """relu'(0) is 1 in the lecture and the engine, 0 in PyTorch: the file says so (a student comparing
    gradients found the difference unexplained), and only files with ReLUs say it."""
    from designer.engine import gradients

    net = layered([1, 1, 1], ["relu", "linear"], seed=0)
    net.connections[("x1", next(iter(net.neurons)))].weight = 1.0
    hidden = next(iter(net.neurons))
    net.neurons[hidden].bias = 0.0
    code = to_pytorch(net)
    assert "PyTorch's ReLU has the derivative 0 at exactly z = 0" in code
    assert "derivative 0 at exactly" not in to_pytorch(layered([2, 3, 1], ["tanh", "sigmoid"]))
    model = load_generated(code)["build_model"](torch.float64)
    x, y = torch.zeros((1, 1), dtype=torch.float64), torch.ones((1, 1), dtype=torch.float64)
    ((model(x) - y) ** 2).mean().backward()
    torch_bias_grad = model.layers[0].bias.grad.item()
    app = gradients(compile_network(net), np.zeros((1, 1)), np.ones((1, 1)), "mse")
    assert torch_bias_grad == 0.0 and app.biases[hidden] != 0.0  # z = 0 exactly: the two disagree, as said
