"""Shared checks of the reliability suite: the loader and CLI contracts, and a case counter."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from designer.cli import main
from designer.model import FormatError, Network, dumps, loads, validate

#: Cases run per kind, printed at the end of the session (tests/reliability/conftest.py).
CASES: Counter[str] = Counter()

MAX_MESSAGE = 300
PREFIX = "nn-designer: error: "


def check_one_line(message: str, limit: int = MAX_MESSAGE) -> None:
    assert message, "empty message"
    assert len(message.splitlines()) == 1 and "\n" not in message and "\r" not in message, repr(message)
    assert message.isprintable(), repr(message)
    assert len(message) <= limit, f"{len(message)} characters: {message[:100]!r}…"


def check_loads(data: bytes | str, kind: str = "loader") -> Network | str:
    """The loader's contract: a valid network that round-trips, or a one-line FormatError.

    Any other exception propagates and fails the calling test. Returns the network or the message.
    """
    CASES[kind] += 1
    try:
        net = loads(data)
    except FormatError as exc:
        check_one_line(str(exc))
        return str(exc)
    assert validate(net) == []
    text = dumps(net)
    again = loads(text.encode("utf-8"))  # writable as UTF-8, and reads back equal
    assert again == net
    assert dumps(again) == text
    return net


def run_cli(capsys, argv: Sequence[str], kind: str = "cli in-process") -> tuple[int, str, str]:
    """``nn-designer ARGV`` in this process; no traceback and at most one error line, whatever happens."""
    CASES[kind] += 1
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 1, 2)
    if code == 2:
        check_error_line(err)
    return code, out, err


def check_error_line(err: str) -> None:
    assert err.endswith("\n") and err.count("\n") == 1, repr(err[:500])
    assert err.startswith(PREFIX), repr(err[:200])
    check_one_line(err[:-1], limit=2000)


def with_activation(tmp_path_factory, activation: str) -> str:
    """The XOR example with every neuron using ``activation``, saved; its path."""
    from designer.model import load, save
    from tests.conftest import EXAMPLES

    net = load(EXAMPLES / "xor-step.json")
    for neuron in net.neurons.values():
        neuron.activation = activation
    path = tmp_path_factory.mktemp("net") / f"xor-{activation}.json"
    save(net, path)
    return str(path)
