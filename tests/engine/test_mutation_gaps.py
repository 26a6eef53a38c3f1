"""Engine behaviour that the uniform mutation sample of 2026-12-01 (docs/testing.md, third round)
showed no test pinned: messages, dtypes, chunking, epochs with mini-batches, quiet divergence."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from designer.engine import EngineError, Trainer, TrainingSettings, activations, compile_network, make_dataset
from designer.engine import data as dm
from designer.engine import landscape as ls
from designer.engine.activations import numpy_simd_target
from designer.engine.backprop import BatchGradient, gradients, parameter_gradients
from designer.engine.datasets import DATASETS, DatasetError, read_csv
from designer.engine.formula import backward
from designer.model.formula import FEATURE, parse
from designer.model.templates import two_two_one
from tests.netgen import layered


def test_numpy_simd_target_is_empty_when_numpy_names_no_current_code(monkeypatch):
    import numpy.lib.introspect as introspect

    monkeypatch.setattr(introspect, "opt_func_info", lambda **_: {"tanh": {"float32": {"dispatchable": True}}})
    assert numpy_simd_target("tanh", "float32") == ""
    monkeypatch.setattr(introspect, "opt_func_info", lambda **_: {"tanh": {"float32": {"current": "X86_V3"}}})
    assert numpy_simd_target("tanh", "float32") == "X86_V3"


def test_targets_of_the_wrong_shape_are_named_in_the_message():
    net = compile_network(two_two_one("sigmoid", seed=1))
    x, y = np.zeros((3, 2)), np.zeros((3, 2))
    with pytest.raises(ValueError, match=r"^expected targets of shape \(3, 1\), got \(3, 2\)$"):
        gradients(net, x, y, "mse")
    with pytest.raises(ValueError, match=r"got \(3, 2\)$"):
        parameter_gradients(net, x, y, "mse")


def test_a_bad_csv_cell_is_shown_cut_at_40_characters():
    cell = "n" * 39 + "xyz"  # 42 characters: the shown text ends after the first x
    with pytest.raises(DatasetError) as error:
        read_csv(f"x1,y\n1,{cell}\n", ["x1"], ["y"])
    assert str(error.value) == f"CSV line 2, column y: not a number: {cell[:40]!r}"


def test_a_dataset_shown_on_a_network_with_more_inputs_keeps_its_points_in_the_first_columns():
    net = layered([3, 1], ["sigmoid"])
    data = dm.make(net, dm.DataOptions("xor", 0.0, 0.5, 0))
    raw = make_dataset("xor", train_ratio=0.5, seed=0)
    assert data.problem and data.x_train.shape == (len(raw.x_train), 3)
    assert np.array_equal(data.x_train[:, :2], raw.x_train) and not data.x_train[:, 2].any()


def test_one_missing_embedded_column_is_named_in_the_singular():
    net = layered([2, 1], ["sigmoid"])  # inputs x1, x2; output y1
    x1, x2, y1 = [*net.inputs, *net.outputs]
    with pytest.raises(DatasetError) as error:
        dm.from_rows(net, [x1, x2], np.zeros((3, 2)), "rows", 0.5, 0)
    assert str(error.value) == f"the embedded data lacks column {y1} (columns: {x1}, {x2})"


def test_class_labels_are_integers_for_one_and_several_outputs():
    data = dm.make(layered([2, 1], ["sigmoid"]), dm.DataOptions("circle", 0.0, 0.5, 0))
    for y in (np.array([[0.2], [0.7], [0.5]]), np.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])):
        labels = data.labels(y)
        assert labels.dtype.kind == "i"
    assert data.labels(np.array([[0.2], [0.7], [0.5]])).tolist() == [0, 1, 1]


@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_gives_float_inputs_and_targets(name):
    d = make_dataset(name, n=40, train_ratio=0.5, seed=1)
    for array in (d.x_train, d.y_train, d.x_test, d.y_test):
        assert array.dtype == np.float64, (name, array.dtype)


def _feature_gradient(expression: str, at: float) -> float:
    tree = parse(expression, ["x1"], FEATURE)
    return float(backward(tree, {"x1": np.array([at])}, np.array([1.0]))["x1"][0])


@pytest.mark.parametrize(
    "expression, at, slope",
    [("+x1", 2.0, 1.0), ("-x1", 2.0, -1.0), ("+x1 * 3", 1.5, 3.0), ("x1 ** 0", 0.0, 0.0), ("x1 ** 0", 2.0, 0.0)],
)
def test_feature_slopes_of_unary_plus_and_a_zeroth_power(expression, at, slope):
    """d/dx (+x) = 1, not -1; d/dx x⁰ = 0 also at x = 0 (not 0/0)."""
    assert _feature_gradient(expression, at) == slope


def test_the_loss_landscape_is_computed_in_disjoint_chunks(monkeypatch):
    """Each grid point's loss once: a 30 × 30 grid in small chunks covers the 900 points exactly once,
    and the values equal one big chunk's."""
    net = compile_network(layered([2, 3, 1], ["tanh", "sigmoid"], seed=2))
    x, y = np.random.default_rng(0).normal(size=(8, 2)), np.ones((8, 1))
    keys = net.connection_keys[:2]
    parameters = [ls.Parameter(t, s) for s, t in keys]
    axes = [np.linspace(-2, 2, 30), np.linspace(-1, 1, 30)]
    whole = ls.loss_landscape(net, x, y, "mse", parameters, axes, dtype=np.float64).values
    points = []
    real = ls._losses
    monkeypatch.setattr(
        ls, "_losses", lambda net, loss, outputs, y: points.append(outputs.points) or real(net, loss, outputs, y)
    )
    monkeypatch.setattr(ls, "CHUNK_ENTRIES", 8 * 16)  # 8 samples: chunks of at most 16 points
    chunked = ls.loss_landscape(net, x, y, "mse", parameters, axes, dtype=np.float64).values
    assert points[0] == 1 and sum(points[1:]) == 900 and len(points) - 1 >= math.ceil(900 / 16)
    np.testing.assert_allclose(chunked, whole, rtol=1e-12)


def test_mini_batches_finish_an_epoch_when_they_have_used_every_sample():
    net = compile_network(layered([2, 3, 1], ["tanh", "sigmoid"], seed=0))
    x, y = np.random.default_rng(1).normal(size=(25, 2)), np.ones((25, 1))
    trainer = Trainer(net, x, y, TrainingSettings(loss="mse", batch_size=10, learning_rate=0.01))
    epochs = [trainer.step().epoch for _ in range(6)]
    assert epochs == [0, 0, 1, 1, 1, 2]  # batches of 10, 10, 5 per epoch
    assert trainer.run_epoch().epoch == 3


def test_a_diverging_training_step_raises_no_floating_point_warning():
    net = compile_network(two_two_one("linear", weight=1e200))
    x, y = np.array([[1.0, -3.0], [2.0, 5.0]]), np.array([[1.0], [0.0]])
    trainer = Trainer(net, x, y, TrainingSettings(loss="mse", learning_rate=0.1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        results = [trainer.step() for _ in range(3)]
    assert any(r.diverged for r in results)


def test_inputs_of_the_wrong_width_are_named_in_the_message():
    net = compile_network(two_two_one("sigmoid", seed=1))
    with pytest.raises(EngineError, match=r"^expected inputs of shape \(N, 2\), got \(3, 5\)$"):
        net.forward(np.zeros((3, 5)))


def test_a_float32_network_evaluates_with_its_float32_kernels(monkeypatch):
    """Where float32 tanh goes through exp (AVX2 CPUs), the forward pass of a float32 network must
    use that way too: here it is forced, and the result is the exp form's, not numpy's tanh."""
    monkeypatch.setitem(activations.FLOAT32_USES_ALTERNATIVE, "tanh", True)
    net = layered([1, 1], ["tanh"])
    net.connections[("x1", "y1")].weight, net.neurons["y1"].bias = 1.0, 0.0
    z = np.linspace(-3, 3, 101, dtype=np.float32)
    expected = np.empty_like(z)
    activations.KERNELS["tanh"].float32_alternative(z, expected)
    got = compile_network(net, np.float32).forward(z[:, None])[:, 0]
    assert got.dtype == np.float32 and np.array_equal(got, expected)
    assert not np.array_equal(got, np.tanh(z))  # the two ways differ in the last bits somewhere


def test_a_csv_file_shows_a_bad_cell_as_written_even_with_a_line_break_inside_quotes(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b'x1,x2,y1\r\n1,2,"3\r\n4"\r\n')
    with pytest.raises(DatasetError) as error:
        dm.load_csv(layered([2, 1], ["sigmoid"]), path, 1.0, 0)
    assert str(error.value).endswith(r"not a number: '3\r\n4'")


def test_a_split_column_in_a_csv_file_decides_training_and_test_rows(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("x1,x2,y1,split\n1,1,1,train\n2,2,0,test\n3,3,1,train\n4,4,0,test\n5,5,1,train\n", encoding="utf-8")
    data = dm.load_csv(layered([2, 1], ["sigmoid"]), path, 0.3, 7)  # the column wins over ratio and seed
    assert data.x_train[:, 0].tolist() == [1, 3, 5] and data.x_test[:, 0].tolist() == [2, 4]
    assert data.options.train_ratio == pytest.approx(0.6)


# ------------------------------------------------ from the second uniform sample (fresh seed)
@pytest.mark.parametrize(
    "target, wins",
    [("X86_V3", True), ("AVX2", True), ("X86_V4", False), ("AVX512_SKX", False), ("", False), ("AVX512F AVX2", False)],
)
def test_float32_tanh_goes_through_exp_only_on_avx2_code(monkeypatch, target, wins):
    """AVX-512 code wins over any mention of AVX2 (numpy's tanh is then the faster way)."""
    monkeypatch.setattr(activations, "numpy_simd_target", lambda ufunc, dtype: target)
    monkeypatch.setattr(activations.platform, "machine", lambda: "x86_64")
    assert activations._alternative_wins("tanh") is wins


def test_numpy_simd_target_asks_numpy_about_the_given_dtype(monkeypatch):
    import numpy.lib.introspect as introspect

    def report(func_name, signature=None):
        kinds = {"float16": "A", "float32": "B", "float64": "C"}
        chosen = kinds if signature is None else {signature: kinds[signature]}
        return {"tanh": {dtype: {"current": code} for dtype, code in chosen.items()}}

    monkeypatch.setattr(introspect, "opt_func_info", report)
    assert numpy_simd_target("tanh", "float32") == "B" and numpy_simd_target("tanh", "float64") == "C"


def test_embedded_rows_remember_their_split_settings():
    net = layered([2, 1], ["sigmoid"])
    values = np.arange(30.0).reshape(10, 3)
    data = dm.from_rows(net, [*net.inputs, *net.outputs], values, "rows", 0.7, 5)
    assert (data.options.train_ratio, data.options.seed) == (0.7, 5)
    assert len(data.x_train) == 7


def test_reg_gauss_targets_far_from_every_bump_are_zero_not_minus_zero():
    y = make_dataset("reg-gauss", n=2000, train_ratio=1.0, seed=3).y_train
    zero = y == 0
    assert zero.any() and not np.signbit(y[zero]).any()


def test_the_chunked_gradient_keeps_no_per_node_arrays():
    """Full-batch gradients in chunks keep memory flat: their workspaces share dL/dz with dL/da."""
    ws = BatchGradient(compile_network(two_two_one("tanh", seed=1)), "mse").workspace(64)
    assert ws.per_node is False and ws.grad_z is ws.grad_a


def test_an_overflowing_csv_number_is_called_non_finite_also_with_a_unicode_minus():
    for cell in ("1e999", "\u22121e999"):  # the second is not plain ASCII: it takes the cell-by-cell way
        with pytest.raises(DatasetError, match=r"^CSV contains a non-finite number \(nan or inf\): line 2, column y"):
            read_csv(f"x1,y\n1,{cell}\n", ["x1"], ["y"])


def test_a_long_csv_header_is_shown_cut_at_200_characters():
    header = "c" * 201
    with pytest.raises(DatasetError) as error:
        read_csv(f"{header}\n1\n", ["x1"], ["y"])
    assert str(error.value) == f"CSV header lacks columns x1, y (header: {'c' * 199}…)"


def test_too_many_csv_rows_name_the_limit(monkeypatch):
    from designer.engine import csvfile

    monkeypatch.setattr(csvfile, "MAX_CSV_VALUES", 4)
    with pytest.raises(DatasetError) as error:
        read_csv("x1,y\n1,1\n2,2\n3,3\n", ["x1"], ["y"])
    assert str(error.value) == "too many rows: more than 2 of 2 column(s) (limit 4 values)"


def test_a_batch_size_given_overrides_the_sections():
    from designer.engine.experiment import training_settings
    from designer.model.experiment import TrainingSection

    section = TrainingSection(batch_size=10)
    assert training_settings(section).batch_size == 10
    assert training_settings(section, batch_size=3).batch_size == 3


def test_and_in_a_target_formula_needs_both_sides():
    from designer.engine.formula import evaluate
    from designer.model.formula import TARGET

    tree = parse("x1 > 0 and x2 > 0", ["x1", "x2"], TARGET)
    values = {"x1": np.array([1.0, 1.0, -1.0]), "x2": np.array([1.0, -1.0, 1.0])}
    assert evaluate(tree, values, 3).tolist() == [1.0, 0.0, 0.0]


def test_a_divergence_says_what_was_kept_and_what_to_try():
    net = compile_network(two_two_one("linear", weight=1e200))
    trainer = Trainer(net, np.array([[1.0, -3.0]]), np.array([[1.0]]), TrainingSettings(loss="mse"))
    result = next(r for r in (trainer.step() for _ in range(5)) if r.diverged)
    assert result.message == (
        "training diverged (the loss or a weight became infinite or NaN); "
        "weights kept from the last finite step; try a smaller learning rate"
    )


def test_spiral_noise_jitters_every_point_both_ways_by_at_most_the_noise():
    clean = make_dataset("spiral-3", n=600, noise=0.0, train_ratio=1.0, seed=4).x_train
    noisy = make_dataset("spiral-3", n=600, noise=0.5, train_ratio=1.0, seed=4).x_train
    jitter = (noisy - clean) / 0.5  # the same draws with and without noise: the difference is the jitter
    assert jitter.max() <= 1.0 and jitter.min() >= -1.0
    assert jitter.max() > 0.95 and jitter.min() < -0.95 and abs(jitter.mean()) < 0.05


def test_the_derivative_table_of_float32_uses_float32_training_kernels(monkeypatch):
    """The derivative view shows g' as float32 training computes it (tanh through exp on AVX2)."""
    monkeypatch.setitem(activations.FLOAT32_USES_ALTERNATIVE, "tanh", True)
    z = np.linspace(-3, 3, 101, dtype=np.float32)
    a = np.empty_like(z)
    activations.KERNELS["tanh"].float32_alternative(z, a)
    expected = (1 - a * a).astype(np.float32)
    assert np.array_equal(activations.derivative("tanh", z, np.float32), expected)


def test_a_csv_file_whose_split_column_marks_every_row_for_training_trains_on_all(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("x1,x2,y1,split\n1,1,1,train\n2,2,0,train\n", encoding="utf-8")
    data = dm.load_csv(layered([2, 1], ["sigmoid"]), path, 0.5, 0)
    assert data.problem == "" and data.options.train_ratio == 1.0 and len(data.x_test) == 0


def test_the_float32_way_of_tanh_is_decided_for_tanh_by_the_cpu(monkeypatch):
    monkeypatch.setattr(activations, "numpy_simd_target", lambda ufunc, dtype: "X86_V3" if ufunc == "tanh" else "")
    monkeypatch.setattr(activations.platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(activations, "FLOAT32_USES_ALTERNATIVE", {})
    assert activations.kernel("tanh", np.float32).value is activations.KERNELS["tanh"].float32_alternative
    assert activations.float32_way("tanh") == "alternative"


def test_a_split_column_without_a_training_row_is_refused_in_one_line():
    with pytest.raises(DatasetError, match="^CSV column split: no row is marked train$"):
        read_csv("x1,y,split\n1,1,test\n2,2,test\n", ["x1"], ["y"])
