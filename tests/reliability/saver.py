"""The child process of test_atomic_save: saves one version of a 5,000-neuron network and stops at a
named point of the write, so the parent can SIGKILL it exactly there.

Usage: ``python -m tests.reliability.saver PATH VERSION STAGE``. The child wraps the calls the atomic
save makes (``os.open`` creating the temp file, its ``write``, ``os.fsync``, ``os.replace``), all in
this process only: no test hook in the application. When the save reaches ``STAGE`` it prints
``at STAGE`` and blocks reading stdin, which the parent never answers. If the save finishes without
reaching it (atomic.py changed how it writes), it prints ``saved`` and the test fails loudly.

Stages, in order: ``temp created`` (an empty temp file exists), ``half written`` (half the bytes
are in the temp file, flushed to the OS), ``temp written`` (all bytes, fsynced, not yet renamed),
``renamed`` (the temp file replaced the target; the folder not yet fsynced).
"""

from __future__ import annotations

import os
import random
import sys

from designer.model import Connection, InputNode, Network, Neuron, save

NEURONS = 5_000
STAGES = ("temp created", "half written", "temp written", "renamed")


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


class _Stop:
    """Say where the save is, then wait forever (until the parent's SIGKILL) when it is the chosen stage."""

    def __init__(self, stage: str) -> None:
        self.stage = stage

    def __call__(self, stage: str) -> None:
        if stage == self.stage:
            print(f"at {stage}", flush=True)
            sys.stdin.read(1)
            raise SystemExit("the parent answered instead of killing")


class _HalvedFile:
    """The temp file, written in two halves with a stop between them."""

    def __init__(self, handle, stop: _Stop) -> None:
        self.handle = handle
        self.stop = stop

    def write(self, data) -> int:
        view = memoryview(data)
        half = len(view) // 2
        self.handle.write(view[:half])
        self.handle.flush()
        self.stop("half written")
        self.handle.write(view[half:])
        return len(view)

    def __getattr__(self, name: str):
        return getattr(self.handle, name)

    def __enter__(self) -> _HalvedFile:
        return self

    def __exit__(self, *exc) -> None:
        self.handle.__exit__(*exc)


def _arm(stop: _Stop) -> None:
    real_open, real_fdopen, real_fsync, real_replace = os.open, os.fdopen, os.fsync, os.replace
    temp_fds: set[int] = set()

    def open_(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        if flags & os.O_CREAT and os.fspath(path).endswith(".tmp"):  # the save's new temp file
            temp_fds.add(fd)
            stop("temp created")
        return fd

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        return _HalvedFile(handle, stop) if fd in temp_fds else handle

    def fsync(fd) -> None:
        real_fsync(fd)
        if fd in temp_fds:
            stop("temp written")

    def replace(src, dst, *args, **kwargs) -> None:
        real_replace(src, dst, *args, **kwargs)
        stop("renamed")

    os.open, os.fdopen, os.fsync, os.replace = open_, fdopen, fsync, replace


def main(path: str, version: int, stage: str) -> None:
    assert stage in STAGES, stage
    net = set_version(network(), version)
    _arm(_Stop(stage))
    save(net, path)
    print("saved", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
