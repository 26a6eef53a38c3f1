"""``eval``'s own reading of its everyday command line (``cli_network.quick_args``) against argparse's.

The quick reader exists only for start-up time (issue 14); it must never read a line differently
from argparse: it either gives argparse's values or declines (None), and argparse reads the line.
"""

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer import cli_args, cli_network
from designer.cli import main
from tests.conftest import EXAMPLES

XOR = str(EXAMPLES / "xor-step.json")
#: Tokens a user might type after ``eval``: files, both sources (whole, abbreviated, with "="),
#: values that look like options or negative numbers, help, the end-of-options mark.
TOKENS = [
    "net.json",
    "other.json",
    "a=b.json",
    "",
    "--points",
    "--csv",
    "--poi",
    "--cs",
    "--points=0,0",
    "--points=",
    "--points=--",
    "--csv=--",
    "--csv=in.csv",
    "--points=-1,2",
    "0,0;1,1",
    "-2,0",
    "-.5,1",
    "-x",
    "-a b",
    "--",
    "-",
    "-h",
    "--help",
    "in.csv",
    "--other",
]


def _argparse_reading(argv: list[str]) -> dict | None:
    """argparse's values for ``argv``, or None when it refuses the line (or prints help)."""
    parser = cli_args.build_parser(argv[0])
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            args = parser.parse_args(argv)
        except SystemExit:
            return None
    return {k: v for k, v in vars(args).items()}


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["eval", "validate"]), st.lists(st.sampled_from(TOKENS), max_size=5))
def test_the_quick_reading_is_argparses_or_none(command, tokens):
    argv = [command, *tokens]
    quick = cli_network.quick_args(argv)
    if quick is not None:
        assert vars(quick) == _argparse_reading(argv), argv


@pytest.mark.parametrize(
    "argv",
    [
        ["eval", XOR, "--points", "0,0;1,1"],
        ["eval", "--points", "0,0;1,1", XOR],
        ["eval", XOR, "--points=-1,2"],
        ["eval", XOR, "--points", "-2,0;1,-3"],
        ["eval", XOR, "--csv", "in.csv"],
        ["eval", "--csv=in.csv", XOR],
        ["validate", XOR],
        ["validate", ""],
    ],
)
def test_everyday_lines_are_read_without_argparse_and_as_argparse_reads_them(argv):
    quick = cli_network.quick_args(argv)
    assert quick is not None
    assert vars(quick) == _argparse_reading(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["eval", XOR, "--poi", "0,0"],  # an abbreviation: argparse's rules
        ["eval", XOR, "--points", "-x"],  # a value that looks like an option: argparse's message
        ["eval", XOR, "--points", "0,0", "--csv", "in.csv"],  # both sources: argparse's message
        ["eval", XOR, "--points", "0,0", "--points", "1,1"],
        ["eval", XOR, "--points="],
        ["eval", XOR],
        ["eval", "--help"],
        ["eval", "--", XOR, "--points", "0,0"],
        ["validate", XOR, XOR],
        ["validate", "-h"],
        ["validate"],
        ["grad", XOR, "--csv", "in.csv", "--loss", "mse"],
    ],
)
def test_anything_else_is_left_to_argparse(argv):
    assert cli_network.quick_args(argv) is None


def test_a_line_left_to_argparse_keeps_its_one_line_message(capsys):
    assert main(["eval", XOR, "--points", "0,0", "--csv", "in.csv"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not allowed with argument" in err


def test_both_readings_print_the_same(capsys):
    assert main(["eval", XOR, "--points", "0,0;1,0"]) == 0
    quick = capsys.readouterr()
    assert main(["eval", XOR, "--po", "0,0;1,0"]) == 0  # abbreviated: argparse reads it
    assert capsys.readouterr() == quick
    assert quick.out.splitlines() == ["x1,x2,y", "0.0,0.0,0.0", "1.0,0.0,1.0"]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["eval", XOR, "--po=--"], "point 1 ('--') is not comma-separated numbers"),
        (["eval", XOR, "--cs=--"], "no such file: --"),
        (["grad", XOR, "--csv=--", "--loss", "mse"], "no such file: --"),
        (["train", XOR, "-o", "out.json", "--lr=--"], "argument --lr: invalid float value: '--'"),
        (["train", XOR, "-o", "out.json", "--dataset=--"], "argument --dataset: invalid choice: '--'"),
        (["--lesson", "neural-networks", "--step=--"], "argument --step: invalid int value: '--'"),
        (["--lesson=--"], "unknown lesson '--'"),
        (["--exercise=--"], "unknown exercise '--'"),
    ],
)
def test_an_option_given_as_equals_dash_dash_is_the_value_dash_dash(argv, said, capsys):
    """Python 3.11's argparse took ``=--`` for the end of the options and gave the option ``[]``,
    unchecked: 'internal error (TypeError …); please report this', and ``--dataset=--`` passed."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err and "internal error" not in err


def test_equals_dash_dash_reads_the_same_quickly_and_through_argparse():
    argv = ["eval", XOR, "--points=--"]
    assert vars(cli_network.quick_args(argv)) == _argparse_reading(argv)
