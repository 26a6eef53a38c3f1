"""What the user changed in a lesson's steps, and the questions before it is lost.

Edits are kept while moving back and forth: a step's network (by the step whose network it is:
steps that share a network share its edits) with its undo steps, and the chain-rule answers typed
in it. They live only as long as the lesson is open, so closing, reopening or quitting a lesson
with edits asks first, as Reset This Step does. What a step's own actions did (a training run, a collapse) is
the step as the lesson sets it, not an edit: the undo stack is marked clean after them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from designer.exercises.answers import answers_text
from designer.ui.safetext import Button, plain_message

if TYPE_CHECKING:
    from designer.lessons import Step
    from designer.model import Command, Network
    from designer.ui.chainrule_panel import Typed
    from designer.ui.undo import History

ACTION_STEPS = ("train", "collapse linear layers")  # the undo texts of what actions do to a network


def _made_by_actions(command) -> bool:
    """An undo step a lesson's action makes: its training run, the collapse of linear layers."""
    model_command = getattr(command, "command", None)
    return model_command is not None and _made_by_actions_command(model_command)


def _made_by_actions_command(command: Command) -> bool:
    """The model command of such an undo step."""
    return command.text in ACTION_STEPS


class LessonEdits:
    def __init__(self, window, document, exercise) -> None:
        self.window = window
        self.document = document
        self.exercise = exercise
        self.edited: set[int] = set()  # the steps (whose network it is) that the user edited
        self.typed: dict[int, Typed] = {}  # chain-rule answers, by step
        #: the steps (whose network it is) whose network was restored after a crash: edited even with no
        #: undo step in force (Undo cannot take back what was done before the crash)
        self.recovered: set[int] = set()
        #: the networks left edited, by the step whose network it is, and their undo steps, put back with them
        self.networks: dict[int, Network] = {}
        self.histories: dict[int, History] = {}

    def clear(self) -> None:
        self.edited, self.typed, self.recovered = set(), {}, set()
        self.networks, self.histories = {}, {}

    def keep(self, network_from: int, network: Network, history: History) -> None:
        """The network of the step whose network it is, as it is left, with its undo steps."""
        self.networks[network_from] = network
        self.histories[network_from] = history

    def restored(self, network_from: int) -> None:
        """The step's network is work autosaved before a crash: an edit of the user's until Reset."""
        self.recovered.add(network_from)
        self.edited.add(network_from)

    def note(self, step: Step | None, index: int) -> None:
        """Record whether the step on show was edited (its network, the answers typed in it)."""
        if step is None:
            return
        self.document.commit_live()
        if self._all_undone() and step.network_from not in self.recovered:  # Undo may take every edit back
            self.edited.discard(step.network_from)
        elif self._user_edited():  # (saved under a name since? its later edits count too)
            self.edited.add(step.network_from)
        panel = self.exercise.panel
        typed = panel.chain.typed() if panel.chain_mode and step.exercise is not None else None
        if typed and typed.entered:
            self.typed[index] = typed
        else:
            self.typed.pop(index, None)

    def _user_edited(self) -> bool:
        """Whether the document holds an undo step of the user's since it was last as the lesson set it
        (a training run of the step's own action, running or stopped, is not one)."""
        stack = self.document.undo_stack
        clean, now = stack.cleanIndex(), stack.index()
        if clean < 0 or now < clean:  # undone past the lesson's state, or the clean state is gone
            return self.document.modified
        return any(not _made_by_actions(stack.command(i)) for i in range(clean, now))

    def _all_undone(self) -> bool:
        """Whether no undo step of the user's is in force: the network is as the lesson set it (or as
        it was before the step's own actions, when they were undone too: nothing of the user's either)."""
        stack = self.document.undo_stack
        return all(_made_by_actions(stack.command(i)) for i in range(stack.index()))

    def lesson_state(self, history: History) -> History:
        """``history`` with its clean state where the lesson set the network (after the step's own
        actions, before the user's first edit), not where a Save As put it: the step is shown again
        as the lesson's network, not as that file."""
        actions = 0
        while actions < history.index and _made_by_actions_command(history.commands[actions]):
            actions += 1
        return replace(history, clean=actions)

    def unsaved_answers(self, steps: list[Step], shown: int | None) -> list[tuple[str, Path | None]]:
        """The answers typed in steps not on show (``shown``: the step whose drill the Exercise dock shows,
        whose answers it keeps itself) and not saved since, as answers files' texts with the answers
        files they belong to: autosaved for crash recovery like the drill's on show."""
        kept = []
        for index, typed in sorted(self.typed.items()):
            exercise = steps[index].exercise
            if index == shown or exercise is None or not typed.entered or typed.entered == typed.saved:
                continue
            text = answers_text(exercise.id, {**typed.entered, **typed.kept}, typed.student)
            kept.append((text, typed.path))
        return kept

    def answers_files(self) -> list[tuple[int, Path]]:
        """The answers files of the typed answers kept for the steps (saved or not), by step (0-based)."""
        return [(index, typed.path) for index, typed in sorted(self.typed.items()) if typed.path is not None]

    def forget(self, step: Step, index: int) -> None:
        """The step starts again as the lesson sets it (Reset This Step)."""
        self.edited.discard(step.network_from)
        self.recovered.discard(step.network_from)
        self.networks.pop(step.network_from, None)
        self.histories.pop(step.network_from, None)
        self.typed.pop(index, None)

    def actions_done(self, undo_from: int) -> None:
        """The step's actions have run (or were stopped): what they did is the step as the lesson sets
        it, not an edit. Only when every undo step since ``undo_from`` is theirs: an edit the user made
        meanwhile (a bias typed while the lesson trains) keeps the network edited."""
        stack = self.document.undo_stack
        start, end = min(undo_from, stack.index()), stack.index()
        # nothing done (a step shown again: its own undo steps, put back, stay as clean or not as they were)
        if (
            self.document.path is None
            and start < end
            and all(_made_by_actions(stack.command(i)) for i in range(start, end))
        ):
            stack.setClean()

    def unsaved_steps(self, step: Step | None, index: int, keep_current: bool, foreign: bool = False) -> list[int]:
        """The steps (1-based) whose edits, of their network or typed answers, exist only in the lesson
        (``keep_current``: not those of the step on show, which stays open; ``foreign``: the document
        is a file opened during the lesson, not the step's network)."""
        if not foreign:
            self.note(step, index)
        steps = {*self.edited, *self.typed}
        if keep_current and step is not None:
            steps -= {step.network_from, index}
        return sorted(n + 1 for n in steps)

    def may_drop(self, step: Step | None, index: int, keep_current: bool, foreign: bool = False) -> bool:
        """Ask before the lesson's edits are lost; True when there are none or the user discards them."""
        steps = self.unsaved_steps(step, index, keep_current, foreign)
        if not steps:
            return True
        numbers = ", ".join(str(n) for n in steps)
        answer = plain_message(
            self.window,
            "question",
            "Lesson edits",
            f"Your edits in lesson step{'s' if len(steps) > 1 else ''} {numbers} are kept only while the "
            "lesson is open. Discard them?",
            self._how_to_keep(steps),
            buttons=Button.Discard | Button.Cancel,
            default=Button.Cancel,
        )
        if answer != Button.Discard:
            return False
        if not keep_current and not foreign and self.document.path is None:
            self.document.undo_stack.setClean()  # discarded: File's question need not ask again
        return True

    def _how_to_keep(self, steps: list[int]) -> str:
        """How to keep what those steps (1-based) hold: a network, typed answers (only the network's way
        was said, and a student with answers in step 16 saved a network that holds none of them)."""
        ways = []
        if any(n - 1 in self.edited for n in steps):
            ways.append("To keep a step's network, show that step and use File ▸ Save As.")
        if any(n - 1 in self.typed for n in steps):
            ways.append("To keep a step's answers, show that step and use Save answers… in the Exercise dock.")
        return " ".join(ways)

    def may_reset(self, step: Step, index: int) -> bool:
        self.note(step, index)
        if step.network_from not in self.edited and index not in self.typed:
            return True
        answer = plain_message(
            self.window,
            "question",
            "Reset this step",
            f"Reset step {index + 1}? Your edits in it are lost and the step starts as the lesson sets it.",
            buttons=Button.Reset | Button.Cancel,
            default=Button.Cancel,
        )
        return answer == Button.Reset
