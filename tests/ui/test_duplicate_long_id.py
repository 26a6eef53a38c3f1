"""A copy of a node gets an id a file can hold, however long the node's own id is."""

from __future__ import annotations

import json

from designer.model import load, loads
from designer.model.limits import MAX_TEXT
from tests.ui.conftest import _window


def test_duplicating_a_node_whose_id_has_a_files_most_characters_saves_a_file_that_opens(qtbot, tmp_path):
    """Ctrl+D on an input named by 10,000 letters (the most a file's id may have) gave the copy 10,001: Save
    wrote a file File ▸ Open refused ("text too long"), and the autosaved work could not be restored."""
    long_id = "a" * MAX_TEXT
    document = {"format": "nn-designer", "version": 1, "inputs": [{"id": long_id, "position": [0, 0]}]}
    w = _window(qtbot, loads(json.dumps({**document, "neurons": [], "connections": [], "outputs": []})))
    w.scene.select_nodes([long_id])
    w.actions["duplicate"].trigger()  # Edit ▸ Duplicate (Ctrl+D)
    copy = next(node_id for node_id in w.document.network.inputs if node_id != long_id)
    assert len(copy) == MAX_TEXT and copy.endswith("1")
    assert w.scene.selected_node_ids() == [copy]
    w.document.path = tmp_path / "long.json"
    assert w.files.save()
    assert list(load(tmp_path / "long.json").inputs) == [long_id, copy]
