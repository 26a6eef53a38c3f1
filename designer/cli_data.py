"""Subcommands about data: ``datasets`` (what is built in) and ``data`` (a dataset as a CSV file)."""

from __future__ import annotations

import argparse
import csv
import io
import sys

import numpy as np

from designer.cli_network import _count, _noise, _ratio, _seed, load_network, write_output
from designer.engine import data as dm
from designer.engine.datasets import CATALOG, DATASETS, dataset_info
from designer.model import FormatError, InputNode, Network, Neuron
from designer.model.safefile import same_file, shown_path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "datasets", help="list the built-in datasets: name, inputs, outputs, kind, description (one per line)"
    )
    p.set_defaults(func=cmd_datasets)

    p = sub.add_parser("data", help="write a built-in dataset as CSV, exactly as training sees it")
    p.add_argument("name", metavar="NAME", choices=DATASETS, help="a dataset from `nn-designer datasets`")
    p.add_argument("--noise", type=_noise, default=0.0, help="noise, 0-0.5 or 0%%-50%% (default 0)")
    p.add_argument("--seed", type=_seed, default=0, help="seed for the points and the split (default 0)")
    p.add_argument("--points", type=_count, default=None, help="number of points (default 500; 200 for 1-D)")
    p.add_argument("--train-ratio", type=_ratio, default=0.5, help="share of points for training (default 0.5)")
    p.add_argument(
        "--network",
        metavar="NET.json",
        help="name the columns after this network's inputs and outputs and shape the targets for it",
    )
    p.add_argument("-o", "--output", metavar="DATA.csv", default="-", help="output file (default or '-': stdout)")
    p.set_defaults(func=cmd_data)


def cmd_datasets(args: argparse.Namespace) -> int:
    width = max(len(info.name) for info in CATALOG)
    for info in CATALOG:
        print(f"{info.name:<{width}}  {info.n_inputs}  {info.n_outputs}  {info.kind:<14}  {info.description}")
    return 0


def shape_network(name: str) -> Network:
    """A stand-in network with the dataset's natural columns: x1 (x1, x2), and y or y1 … yk."""
    info = dataset_info(name)
    net = Network(name=name)
    for i in range(info.n_inputs):
        node_id = "x" if info.n_inputs == 1 else f"x{i + 1}"
        net.inputs[node_id] = InputNode(node_id)
    outputs = ["y"] if info.n_outputs == 1 else [f"y{k + 1}" for k in range(info.n_outputs)]
    for node_id in outputs:
        net.neurons[node_id] = Neuron(node_id, "linear")
    net.outputs = outputs
    return net


def dataset_csv(data: dm.Data, columns: list[str]) -> str:
    """Input columns, target columns, then ``split``: the training rows in training order, then the test rows."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([*columns, dm.SPLIT_COLUMN])  # ids with "," or '"' get quoted
    for part, x, y in (("train", data.x_train, data.y_train), ("test", data.x_test, data.y_test)):
        for row in np.concatenate([x, y], axis=1).tolist():
            out.write(",".join(repr(float(v) + 0.0) for v in row) + f",{part}\n")  # + 0.0: no "-0.0"
    return out.getvalue()


def cmd_data(args: argparse.Namespace) -> int:
    network = load_network(args.network) if args.network else shape_network(args.name)
    if dm.SPLIT_COLUMN in (*network.inputs, *network.outputs):  # its column would be read as the split
        raise FormatError(
            f"{args.network}: an input or output is named '{dm.SPLIT_COLUMN}', the name of the train/test "
            "column: rename it to write its data"
        )
    options = dm.DataOptions(args.name, args.noise, args.train_ratio, args.seed, n=args.points)
    data = dm.make(network, options)
    if data.problem:
        raise FormatError(f"{args.network}: {data.problem}" if args.network else data.problem)
    text = dataset_csv(data, [*network.inputs, *network.outputs])
    if args.network and args.output != "-" and same_file(args.output, args.network):
        raise FormatError(f"-o {shown_path(args.output)} is the network whose columns are used: give another file")
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_output(args.output, text)
    return 0
