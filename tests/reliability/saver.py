"""The child process of test_atomic_save: saves versions of a 5,000-neuron network to one path until killed.

Usage: ``python -m tests.reliability.saver PATH FIRST_VERSION [slow]``; prints ``ready`` once the network is
built. Writing the file takes ~3 % of a save (validation and formatting take the rest), so few random kills
would land mid-write; ``slow`` simulates a slow disk (USB stick, network folder): the temp file is written in
64 KB pieces with a pause after each, which makes the write most of the save.
"""

from __future__ import annotations

import builtins
import os
import random
import sys
import time

from designer.model import Connection, InputNode, Network, Neuron, save

NEURONS = 5_000


def network() -> Network:
    """A deterministic network of 4 inputs and 5,000 neurons with two incoming connections each (~1.3 MB saved)."""
    rng = random.Random(5000)
    net = Network()
    for i in range(4):
        net.inputs[f"x{i}"] = InputNode(f"x{i}", position=(0.0, 50.0 * i))
    ids = list(net.inputs)
    for i in range(NEURONS):
        nid = f"n{i}"
        activation = rng.choice(["relu", "sigmoid", "tanh", "linear"])
        net.neurons[nid] = Neuron(nid, activation, bias=rng.uniform(-1, 1), position=(100.0 + i, rng.uniform(0, 1e3)))
        for source in rng.sample(ids, 2):
            net.connections[(source, nid)] = Connection(source, nid, rng.uniform(-2, 2))
        ids.append(nid)
    net.outputs = [ids[-1]]
    return net


def set_version(net: Network, k: int) -> Network:
    """Version k: its name says k; the file's length varies with k, so a mix of two versions cannot pass as one."""
    net.name = f"version {k}"
    net.description = "d" * (10_000 * (k % 5))
    net.neurons["n0"].bias = k / 7
    return net


def _slow_if_writing(handle):
    return _SlowFile(handle) if any(c in getattr(handle, "mode", "") for c in "wax+") else handle


class _SlowFile:
    def __init__(self, handle) -> None:
        self.handle = handle

    def write(self, text: str) -> int:
        for i in range(0, len(text), 65536):
            self.handle.write(text[i : i + 65536])
            self.handle.flush()
            time.sleep(0.004)
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self.handle, name)

    def __enter__(self) -> _SlowFile:
        return self

    def __exit__(self, *exc) -> None:
        self.handle.__exit__(*exc)


def main(path: str, first: int, slow: bool = False) -> None:
    if slow:  # every file this process opens for writing (only the save's) becomes slow
        for module, name in ((os, "fdopen"), (builtins, "open")):
            real = getattr(module, name)
            setattr(module, name, lambda *a, _real=real, **k: _slow_if_writing(_real(*a, **k)))
    net = network()
    print("ready", flush=True)
    k = first
    while True:
        save(set_version(net, k), path)
        k += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:] == ["slow"])
