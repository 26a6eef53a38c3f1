import time
from designer.model import Connection, InputNode, Network, Neuron
from designer.model.templates import empty
from tests.ui.live_gui import shown_window


def wide(n_in, hidden, n_out):
    net = Network(name="wide")
    for i in range(n_in):
        net.inputs[f"x{i}"] = InputNode(f"x{i}", position=(0.0, 50.0 * i))
    for j in range(hidden):
        net.neurons[f"h{j}"] = Neuron(f"h{j}", "linear", 0.1, position=(200.0, 50.0 * j))
        for i in range(n_in):
            net.connections[(f"x{i}", f"h{j}")] = Connection(f"x{i}", f"h{j}", 0.123456789 + i)
    for k in range(n_out):
        net.neurons[f"y{k}"] = Neuron(f"y{k}", "linear", 0.2, position=(400.0, 50.0 * k))
        for j in range(hidden):
            net.connections[(f"h{j}", f"y{k}")] = Connection(f"h{j}", f"y{k}", 0.987654321 + k)
    net.outputs = [f"y{k}" for k in range(n_out)]
    return net


def test_wide(qtbot, dialogs):
    window = shown_window(qtbot, empty())
    dock = window.exports.math_dock
    dock.toggleViewAction().trigger()
    for shape in [(300, 2, 300)]:
        net = wide(*shape)
        t = time.time()
        window.document.replace(net, path=None)
        qtbot.waitUntil(lambda: "hidden linear" in dock.collapse_label.text(), timeout=120000)
        qtbot.wait(10)
        t1 = time.time()
        import cProfile, pstats
        prof = cProfile.Profile(); prof.enable()
        window.actions["collapse_linear"].trigger()
        qtbot.wait(10)
        prof.disable(); pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        print(dock.collapse_label.text()[:200])
        print(shape, f"math view {t1 - t:.2f}s collapse+refresh {time.time() - t1:.2f}s", len(dock.collapse_label.text()), flush=True)
