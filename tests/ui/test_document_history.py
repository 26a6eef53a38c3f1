"""Document.history / restore_history: a network's undo steps taken away and put back (lesson steps)."""

from __future__ import annotations

from designer.model import SetNodeField, dumps
from designer.model.templates import two_two_one
from designer.ui.undo import Document


def biased(document: Document, *values: float) -> None:
    for value in values:
        document.push(SetNodeField("y", "bias", value))


def test_put_back_steps_undo_and_redo_as_before_without_running_again(qtbot):
    document = Document(two_two_one())
    start = dumps(document.network)
    biased(document, 1.0, 2.0, 3.0)
    document.undo()  # 3.0 undone: Redo has it
    history = document.history()
    assert [c.value for c in history.commands] == [1.0, 2.0, 3.0] and (history.index, history.clean) == (2, 0)
    shown = document.network.copy()
    document.replace(two_two_one(), path=None)  # another step on show
    document.replace(shown, path=None)
    ran: list[float] = []
    for command in history.commands:
        original = command.do
        command.do = lambda network, c=command, o=original: (ran.append(c.value), o(network))
    document.restore_history(history)
    stack = document.undo_stack
    assert ran == [3.0]  # only the undone step ran (and was undone again): the others are in the network
    assert document.network.neurons["y"].bias == 2.0
    assert (stack.count(), stack.index(), stack.cleanIndex()) == (3, 2, 0) and document.modified
    document.redo()
    assert document.network.neurons["y"].bias == 3.0
    for _ in range(3):
        document.undo()
    assert dumps(document.network) == start and not document.modified


def test_the_clean_mark_comes_back_where_it_was_or_not_at_all(qtbot):
    document = Document(two_two_one())
    biased(document, 1.0, 2.0)
    document.undo_stack.setIndex(1)
    document.undo_stack.setClean()  # saved after one step
    document.redo()
    history = document.history()
    assert history.clean == 1
    document.restore_history(history)
    assert document.undo_stack.cleanIndex() == 1 and document.modified
    document.undo()
    assert not document.modified
    document.undo()  # below the clean mark, then a new step: the clean state is gone for good
    biased(document, 5.0)
    history = document.history()
    assert history.clean == -1 and history.index == len(history.commands) == 1
    document.restore_history(history)
    assert document.undo_stack.cleanIndex() == -1 and document.modified
    document.undo()
    assert document.modified  # the saved state (bias 1.0) cannot be reached any more
