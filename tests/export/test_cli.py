"""``nn-designer export``: formats, output files, exit codes, the format registry."""

from __future__ import annotations

import json
import sys

import pytest

from designer.cli import main
from designer.export import formats
from designer.export.formats import available_formats, get_format
from designer.export.formulas import latex_document
from designer.export.pytorch import to_pytorch
from designer.model import load
from tests.conftest import EXAMPLES

XOR = str(EXAMPLES / "xor-step.json")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_pytorch_to_a_file(capsys, tmp_path):
    target = tmp_path / "model.py"
    code, out, err = run(capsys, "export", XOR, "--to", "pytorch", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == to_pytorch(load(XOR))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.py"]  # no temp file left


def test_overwrites_atomically_keeping_nothing_else(capsys, tmp_path):
    target = tmp_path / "doc.tex"
    target.write_text("old", encoding="utf-8")
    assert run(capsys, "export", XOR, "--to", "latex", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == latex_document(load(XOR))
    assert [p.name for p in tmp_path.iterdir()] == ["doc.tex"]


@pytest.mark.parametrize("dash", [(), ("-o", "-")])
def test_latex_to_stdout(capsys, dash):
    code, out, err = run(capsys, "export", XOR, "--to", "latex", *dash)
    assert code == 0 and err == ""
    assert out == latex_document(load(XOR))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", XOR, "--to", "docx", "-o", "x.docx"], "invalid choice: 'docx'"),
        (["export", XOR], "--to"),
        (["export", "missing.json", "--to", "pytorch"], "missing.json"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_invalid_network_and_unwritable_target(capsys, tmp_path):
    doc = json.loads((EXAMPLES / "xor-step.json").read_text(encoding="utf-8"))
    doc["connections"].append({"source": "y", "target": "h1", "weight": 1.0})
    bad = tmp_path / "cycle.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "export", str(bad), "--to", "pytorch")
    assert code == 2 and "cycle" in err and err.count("\n") == 1
    code, _, err = run(capsys, "export", XOR, "--to", "pytorch", "-o", str(tmp_path / "no" / "dir" / "m.py"))
    assert code == 2 and "cannot write" in err and err.count("\n") == 1


FAKE_FIGURES = """
from designer.export.formats import ExportFormat, register_format

IMPORTED = True
register_format(ExportFormat("fakepng", lambda net: b"PNG:" + net.name.encode(), binary=True))
"""


def test_formats_can_be_registered_and_loaded_lazily(capsys, tmp_path, monkeypatch):
    """How the UI package adds png/svg: a lazy module that registers its formats on import."""
    assert "fakepng" not in available_formats()
    (tmp_path / "fake_figures_for_export_test.py").write_text(FAKE_FIGURES, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(formats.LAZY_MODULES, "fakepng", "fake_figures_for_export_test")
    monkeypatch.setattr(formats, "_FORMATS", dict(formats._FORMATS))
    monkeypatch.delitem(sys.modules, "fake_figures_for_export_test", raising=False)
    assert "fakepng" in available_formats()
    assert "fake_figures_for_export_test" not in sys.modules  # listed without importing it
    target = tmp_path / "fig.fake"
    code, _, err = run(capsys, "export", XOR, "--to", "fakepng", "-o", str(target))
    assert (code, err) == (0, "")
    assert sys.modules["fake_figures_for_export_test"].IMPORTED
    assert target.read_bytes() == b"PNG:XOR from step units"
    code, out, err = run(capsys, "export", XOR, "--to", "fakepng")
    assert code == 2 and out == "" and "binary" in err
    sys.modules.pop("fake_figures_for_export_test", None)


def test_unknown_format_lookup_names_the_known_ones():
    with pytest.raises(KeyError, match="pytorch"):
        get_format("docx")


def test_help_names_the_bias_as_the_lecture_document_writes_it(capsys):
    help_text = " ".join(run(capsys, "export", "--help")[1].split())
    code, document, _ = run(capsys, "export", XOR, "--to", "latex", "--notation", "lecture")
    assert code == 0
    assert "the bias is the weight $w_{d-1,0,j}$" in document
    assert "bias as w_{d-1,0,j}" in help_text
