"""File ▸ New ▸ 2-2-1 saved as a file: ``nn-designer train`` follows its training section (Adam, XOR, to
epoch 1000) and learns XOR; the command's own defaults (SGD at 0.03, 100 epochs) are unchanged and on
this network still sit on the plateau a student met in the app."""

from designer.model import save
from designer.model.templates import TEMPLATES, two_two_one
from tests.cli.test_experiment_cli import _report, run


def train(capsys, tmp_path, network, *options):
    path, out = tmp_path / "t221.json", tmp_path / "out.json"
    save(network, path)
    code, text, err = run(capsys, "train", path, "-o", out, *options)
    assert code == 0, err
    return text, _report(text)


def test_the_saved_2_2_1_template_trains_xor_to_all_four_rows(capsys, tmp_path):
    text, report = train(capsys, tmp_path, TEMPLATES["2-2-1"][1]())
    assert text.startswith("epochs 1000")
    loss, accuracy = report["train"]
    assert accuracy == 1.0 and loss < 0.001


def test_without_a_section_train_keeps_its_defaults_and_the_plateau(capsys, tmp_path):
    text, report = train(capsys, tmp_path, two_two_one(), "--dataset", "xor")
    assert text.startswith("epochs 100 ")
    loss, accuracy = report["train"]
    assert accuracy <= 0.75 and 0.25 < loss < 0.26  # SGD at 0.03: no better than a constant 0.5
