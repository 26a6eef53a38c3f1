"""Every way out of the app ends with exit code 0 (real processes: a crash at exit shows only there).

Copy once left a Python-made QMimeData on the clipboard, deleted by Qt after Python had shut
down: SIGSEGV, exit code 139, on every run that had copied anything. All apps start together
(one module fixture) so the start-up costs overlap; each test then finishes its own.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from designer.model import load, loads, save
from tests.conftest import EXAMPLES
from tests.install.helpers import DRIVER, error_lines, start

TIMEOUT = 120
POSIX = sys.platform != "win32"
SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP") if POSIX else ()

pytestmark = pytest.mark.skipif(not POSIX, reason="the signal scenarios and this driver's pipes are POSIX")


@pytest.fixture(scope="module")
def apps(tmp_path_factory):
    """One running app per scenario, each with its own home folder: name -> (process, home)."""
    network = load(EXAMPLES / "xor-step.json")
    for neuron in network.neurons.values():
        neuron.activation = "sigmoid"  # so that training moves the weights
    sigmoid_xor = tmp_path_factory.mktemp("nets") / "xor-sigmoid.json"
    save(network, sigmoid_xor)
    scenarios = {
        "copy": ["copy"],
        "discard": ["discard"],
        "present": ["present"],
        "train": ["train", str(sigmoid_xor)],
        "signal-unsaved": ["signal-unsaved"],
        **{name: ["signal"] for name in SIGNALS},
    }
    started = {}
    for name, args in scenarios.items():
        home = tmp_path_factory.mktemp(name)
        started[name] = (start([str(DRIVER), *args], home), home)
    home = tmp_path_factory.mktemp("signal-restore")
    (home / "recovery").mkdir()
    save(network, home / "recovery" / "4242-1-abcdef.json")  # left by a session that crashed: offered back
    started["signal-restore"] = (start([str(DRIVER), "signal-restore"], home, NN_DESIGNER_AUTOSAVE_MS="50"), home)
    yield started
    for process, _ in started.values():
        if process.poll() is None:
            process.kill()
            process.communicate()


def finish(process: subprocess.Popen) -> tuple[int, list[str], list[str]]:
    out, err = process.communicate(timeout=TIMEOUT)
    return process.returncode, out.splitlines(), error_lines(err)


def test_copy_then_quit_exits_0(apps):
    code, out, err = finish(apps["copy"][0])
    assert out[0].startswith("copied ") and int(out[0].split()[1]) > 100, out
    assert (code, err) == (0, [])


def test_quit_with_unsaved_changes_discarded_exits_0(apps):
    process, home = apps["discard"]
    code, out, err = finish(process)
    assert out == ["asked"]
    assert (code, err) == (0, [])
    assert not list(home.glob("recovery/*.json"))


def test_quit_while_presenting_exits_0(apps):
    code, out, err = finish(apps["present"][0])
    assert out == ["presenting"]
    assert (code, err) == (0, [])


def test_quit_while_training_exits_0(apps):
    code, out, err = finish(apps["train"][0])
    assert out == ["training (Pause)", "asked"]  # trained weights are unsaved changes
    assert (code, err) == (0, [])


def wait_for(process: subprocess.Popen, line: str) -> None:
    for got in process.stdout:
        if got.strip() == line:
            return
    raise AssertionError(f"the app ended before '{line}': {process.wait()} {process.stderr.read()}")


@pytest.mark.parametrize("name", SIGNALS)
def test_a_signal_closes_the_window_like_quit(apps, name):
    process, _ = apps[name]
    wait_for(process, "ready")
    process.send_signal(getattr(signal, name))
    code, _, err = finish(process)
    assert (code, err) == (0, [])


def test_a_second_signal_keeps_unsaved_work_for_the_next_start(apps):
    process, home = apps["signal-unsaved"]
    wait_for(process, "ready")
    process.send_signal(signal.SIGTERM)  # asks about the unsaved changes, like Quit
    wait_for(process, "asked")
    process.send_signal(signal.SIGTERM)  # does not wait for the answer
    code, _, err = finish(process)
    assert (code, err) == (0, [])
    (slot,) = home.glob("recovery/*.json")  # this window's recovery file
    kept = loads(slot.read_bytes())  # the edit: everything deleted
    assert not kept.neurons and not kept.inputs


def test_a_signal_during_the_restore_question_keeps_the_recovery_file(apps):
    process, home = apps["signal-restore"]
    wait_for(process, "asked")
    orphan = home / "recovery" / "4242-1-abcdef.json"
    before = orphan.read_bytes()
    process.send_signal(signal.SIGTERM)
    code, _, err = finish(process)
    assert (code, err) == (0, [])
    assert orphan.read_bytes() == before  # still offered at the next start
