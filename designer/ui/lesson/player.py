"""The lesson player: a lesson's steps, one at a time, each setting the state it describes.

A step sets the network, the dataset and training settings, the views and their layout, the
exercise with its live check, and runs its actions (see :mod:`designer.ui.lesson.actions`). Edits
made during a step are kept while moving back and forth (by the step whose network it is: steps
that share a network share its edits), as are the chain-rule answers typed in a step, and can be
saved like any network (File ▸ Save As); "Reset this step" drops them and replays the step; opening
the lesson again starts fresh. Edits are kept only while the lesson is open: opening a lesson over
unsaved work, and closing, reopening or quitting a lesson with edits, asks first.

In the window the Lesson dock shows the text with Back / Next and the step list; while presenting
the step's text is a strip above the stage's views, and PageDown / PageUp (→ / ←) step through the
lesson: PageDown first finishes a walk the step started, a level per press, then goes on.

The edits are kept in :mod:`designer.ui.lesson.edits`, autosaved and put back after a crash by
:mod:`designer.ui.lesson.recovery`; the Lesson dock and the docks before the lesson are
:mod:`designer.ui.lesson.dock`'s.

Nothing here imports ``designer.lessons`` or pyqtgraph at start-up: a lesson is read when opened.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from shiboken6 import isValid

from designer.model import FormatError, Network, ReplaceNetwork
from designer.ui.exercise_parts import tagged
from designer.ui.lesson.actions import ActionRunner
from designer.ui.lesson.dock import LessonDock
from designer.ui.lesson.edits import LessonEdits
from designer.ui.lesson.panel import LessonPanel
from designer.ui.lesson.recovery import LessonRecovery
from designer.ui.lesson.resume import lesson_key, remember_step, remembered_step
from designer.ui.lesson.views import StagePlan, StepViews
from designer.ui.live.panel_settings import select
from designer.ui.menu_letters import letter_entries
from designer.ui.safetext import label_in_text, plain_message, wrappable
from designer.ui.spoken import announce

if TYPE_CHECKING:
    from designer.exercises.answers import Answers
    from designer.lessons import Lesson, Step, TrainingSpec
    from designer.ui.chainrule_panel import Typed
    from designer.ui.recovery import LessonPlace

L1_L2_MAX = 10.0  # the Training panel's range


class LessonPlayer(QObject):
    step_changed = Signal(int)  # the index of the step now shown
    closed = Signal()

    def __init__(self, window, document, files, live, exercise, exports, presentation) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.files = files
        self.live = live
        self.exercise = exercise
        self.exports = exports
        self.presentation = presentation
        self.lesson: Lesson | None = None
        self.index = -1
        self.edits = LessonEdits(window, document, exercise)
        self.recovery = LessonRecovery(self)
        #: a file was opened during the lesson: the document is no longer the step's network
        self._foreign = False
        self._replacing = False  # the player itself is putting a step's network in the document
        document.replaced.connect(self._document_replaced)
        self.visited: set[int] = set()  # the steps shown since the lesson opened (their actions have run)
        #: how the lesson's place is remembered (designer/ui/lesson/resume.py); None: not remembered
        self._resume_key: str | None = None
        self.views = StepViews(window, live, exercise, exports)
        self.runner = ActionRunner(window, live, exports, presentation)
        self.runner.finished.connect(self._actions_done)
        self._holding = False  # the start's restore question is open: steps' actions wait for its answer
        self._held: tuple[int, bool] | None = None  # (step, first visit) whose actions wait
        self._asked: tuple[Lesson, int] | None = None  # the lesson and step --step asked for, while held
        self.panel = LessonPanel()
        self.panel.go.connect(self.go)
        self.panel.reset.connect(self.reset)
        self.panel.close_lesson.connect(self.close)
        self.docks = LessonDock(window, self.panel, presentation)
        self.dock = self.docks.dock
        self._build_actions()
        presentation.follow_lesson(self)
        window.actions["present"].toggled.connect(
            lambda on: self.runner.start_held_walk() if on else self._presentation_ended()
        )
        window.inspector.stack.currentChanged.connect(self._inspector_page)

    # ------------------------------------------------------------ menus
    def _build_actions(self) -> None:
        w = self.window
        a = w.add_action
        open_lesson = a("open_lesson", "Open &Lesson…", self.open_dialog, tip="Open a lesson file (.json)")
        w.menu("file").insertAction(w.actions["save"], open_lesson)
        a("lesson_next", "&Next Step", self.next, QKeySequence("Ctrl+PgDown"))
        a("lesson_back", "&Previous Step", self.back, QKeySequence("Ctrl+PgUp"))
        a("lesson_reset", "&Reset This Step", self.reset)
        a("lesson_close", "&Close Lesson", self.close)
        # after Getting Started, as the page's step 5 follows its steps: last, under About, it was missed
        help_menu = w.menu("help")
        self.menu = QMenu("&Lessons", help_menu)
        help_menu.insertMenu(w.actions["keyboard_help"], self.menu)
        self.menu.setObjectName("lessonsMenu")
        self.menu.aboutToShow.connect(self._fill_menu)
        self._add_own_entries()  # there before the menu first opens: Help ▸ Keyboard Shortcuts reads them
        w.menu("view").addAction(self.dock.toggleViewAction())
        self._enable()

    def _fill_menu(self) -> None:
        """The shipped lessons (read when the menu opens), then the player's own entries."""
        from designer.lessons import list_lessons

        menu = self.menu
        menu.clear()
        try:
            infos = list_lessons()
        except FormatError as exc:
            menu.addAction(f"(lessons cannot be read: {exc})"[:120]).setEnabled(False)
            infos = []
        for info in infos:
            action = menu.addAction(f"{info.title} ({info.steps} steps)")
            action.setObjectName(f"lesson:{info.id}")
            action.triggered.connect(lambda checked=False, i=info.id: self.open_id(i))
        self._add_own_entries()

    def _add_own_entries(self) -> None:
        """Open Lesson…, then the steps' entries: until the menu had been opened once, Help ▸ Keyboard
        Shortcuts (which reads the menus) did not list Ctrl+PgDown / Ctrl+PgUp at all."""
        menu = self.menu
        menu.addAction(self.window.actions["open_lesson"])
        menu.addSeparator()
        for key in ("lesson_back", "lesson_next", "lesson_reset", "lesson_close"):
            menu.addAction(self.window.actions[key])
        letter_entries(menu)

    def _enable(self) -> None:
        actions = self.window.actions
        count = len(self.lesson) if self.lesson is not None else 0
        actions["lesson_back"].setEnabled(count > 0 and self.index > 0)
        actions["lesson_next"].setEnabled(count > 0 and self.index < count - 1)
        actions["lesson_reset"].setEnabled(count > 0)
        actions["lesson_close"].setEnabled(count > 0)

    # ------------------------------------------------------------- open
    @property
    def is_open(self) -> bool:
        return self.lesson is not None

    @property
    def foreign(self) -> bool:
        """Whether the document is a file opened during the lesson, not the step's network."""
        return self._foreign

    @property
    def step(self) -> Step | None:
        return self.lesson.steps[self.index] if self.lesson is not None and 0 <= self.index < len(self.lesson) else None

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open lesson", "", "NN Designer lessons (*.json)")
        if path:
            self.open_id(str(Path(path)))

    def open_id(self, id_or_path: str) -> bool:
        """A shipped lesson by id or a lesson file, at the step last shown of it (Help ▸ Lessons, Open
        Lesson…: a student goes on where they left off); a lesson that cannot be used gets a one-line dialog."""
        from designer.lessons import load_lesson

        try:
            lesson = load_lesson(id_or_path)
        except (FormatError, OSError) as exc:
            plain_message(self.window, "warning", "Cannot open lesson", str(exc))
            return False
        key = lesson_key(id_or_path, lesson.id)
        return self.open(lesson, remembered_step(key, len(lesson)), resume_key=key)

    def open(
        self,
        lesson: Lesson,
        step: int = 0,
        resume_key: str | None = None,
        restored: dict[int, Network] | None = None,
        *,
        left_off: bool = True,
        keep_shown: bool = False,
    ) -> bool:
        """Play ``lesson`` from ``step`` (0-based), fresh: no edits of an earlier opening are kept.
        ``resume_key``: the steps shown are remembered under it (the next ``open_id`` goes on there);
        ``left_off``: ``step`` is where the student left off (the status bar says so).
        ``restored``: networks autosaved before a crash, by step: each is that step's edits (unsaved),
        shown as the user left it (the step's actions do not run on it again); the start's ``--step``
        goes before the step they were on (see :meth:`hold_actions`).
        ``keep_shown``: the network on show (work restored at start) stays, unasked, as a file opened
        during the lesson would: the step's actions do not run on it."""
        if restored is not None and (asked := self._asked_step(lesson)) is not None:
            step, left_off = asked, False  # straight there: not the restored step first, then the asked one
        carried = self._answers_to_carry(lesson)
        if not keep_shown and not self._may_open(answers_carried=carried is not None):
            return False
        self._resume_key = resume_key
        self._stop_step()
        if self.lesson is None:
            self.docks.keep_before()
        self.lesson = lesson
        self.index = -1
        self.edits.clear()
        if carried is not None:
            self.edits.typed[carried[0]] = carried[1]
        self.visited = set()
        self.exercise.panel.detail.fold_task(True)  # the step's text says the task: room for it to be read
        # no "Linear collapse: no hidden linear neurons…" under the formulas of a step with nothing to collapse:
        # its three lines cut the Math view's last formula at 1152×680 (steps 1 and 2); step 10 keeps it
        self.exports.math_dock.set_brief(True)
        self.recovery.put_back(restored or {})
        self.exercise.panel.browser.hide()  # built now, not in the middle of a presentation; the lesson picks
        self.live.activation  # noqa: B018
        self.live.landscape  # noqa: B018
        self.panel.show_lesson(lesson)
        self.docks.show()
        shown = max(0, min(step, len(lesson) - 1))
        self._show(shown, first_visit=shown not in self.visited, keep_shown=keep_shown)
        self.recovery.autosave_now()
        back = self.index > 0 and resume_key and left_off
        where = f": back at step {self.index + 1}, where you left off" if back else ""
        self.window.report(f"Lesson: {label_in_text(lesson.title)}, {len(lesson)} steps{where}")
        return True

    def take_answers(self, answers: Answers, path: Path | None) -> bool:
        """Chain-rule answers autosaved before a crash, back in their step (see :mod:`.recovery`)."""
        return self.recovery.take_answers(answers, path)

    def recovery_work(self) -> tuple[LessonPlace | None, list[tuple[Network, LessonPlace]]]:
        """What crash recovery keeps of the lesson (see :mod:`.recovery`)."""
        return self.recovery.work()

    def close(self) -> None:
        """End the lesson; the network of the step on show stays open (save it like any network)."""
        if self.lesson is None or not self._may_drop(keep_current=not self._foreign):
            return
        self._stop_step()
        self.lesson = None
        self.index = -1
        self._resume_key = None
        self.edits.clear()
        self.visited = set()
        self.exercise.panel.clear_exercise()
        self.exercise.panel.browser.show()
        self.exercise.panel.detail.fold_task(False)
        self.exports.math_dock.set_brief(self.presentation.active)
        self._enable()
        self.docks.put_back()
        if self.presentation.active:
            self.presentation.apply()
            self.presentation.fit()
        self.recovery.closed()
        self.recovery.autosave_now()
        self.closed.emit()
        self.window.report("Lesson closed; the network stays open")

    def docks_before(self) -> QByteArray | None:
        """The docks as they were before the lesson; None when no lesson is open."""
        return self.docks.before if self.lesson is not None else None

    # ------------------------------------------------------------- moving
    def next(self) -> None:
        self.go(self.index + 1)

    def back(self) -> None:
        self.go(self.index - 1)

    def go(self, index: int) -> bool:
        """Show step ``index`` (0-based); the step left keeps its edits."""
        if self.lesson is None or not 0 <= index < len(self.lesson):
            return False
        if index == self.index:
            return True
        if not self._may_leave():
            self._show_text()  # the step list shows where we still are
            return False
        self._keep_edits()
        self._show(index, first_visit=index not in self.visited)
        return True

    def reset(self) -> None:
        """The step as the lesson sets it: its network fresh, its actions run again."""
        step = self.step
        if step is None or not (self._may_leave() if self._foreign else self.edits.may_reset(step, self.index)):
            return
        self._stop_step()
        self.edits.forget(step, self.index)
        self._show(self.index, first_visit=True)
        self.recovery.autosave_now()
        self.window.report(f"Step {self.index + 1} reset")

    def new_network(self, network: Network) -> bool:
        """File ▸ New during a step: the template becomes the step's network as an edit of it, one undo step
        (Edit ▸ Undo brings back what was there, Reset this step the lesson's), and an exercise step keeps
        its exercise and live check; nothing is asked, nothing is lost. False when the network on show is
        no step's own (a file opened during the lesson) or was saved under a name (Save would write the
        template there): File ▸ New then replaces it as outside a lesson."""
        step = self.step
        if step is None or self._foreign or self.document.path is not None:
            return False
        self.window.view.editor.flush()  # a value half-typed goes into what Undo brings back
        self._stop_step()
        fresh = tagged(network, step.exercise.id) if step.exercise is not None else network
        if not self.document.push(ReplaceNetwork(fresh, text="new network")):
            return True  # refused (said in the status bar): the step's network stays
        self.window.view.zoom_to_fit()
        self.window.report(
            "A new network for this step. Undo brings back the one before; Reset this step the lesson's."
        )
        return True

    def keep_before_a_file(self) -> bool:
        """A file is about to replace the step's own network (File ▸ Open, Open Recent, a dropped file): the
        step keeps its edits, as when going to another step, and the lesson asks about them when it closes
        (File's "Save the changes first?" offered them only a save or their loss). True when kept."""
        step = self.step
        if step is None or self._foreign or self.document.path is not None:
            return False
        self._keep_edits()
        return True

    def clicker(self, direction: int) -> None:
        """PageDown / → (+1) and PageUp / ← (−1) while presenting: PageDown first finishes a walk, PageUp
        first takes it back to where it started, a level a press (the walk's legend says "← or PageUp:
        back"; PageUp left the step, and the walk with it, from any level)."""
        live = self.live
        forward_level = live.probe.walk_level or 0
        if direction > 0 and self.runner.waiting_for_click:
            self.runner.click()
        elif direction > 0 and live.forward.active and forward_level < live.forward.depth:
            live.forward.step(+1)
        elif direction > 0 and live.backward.active and live.backward.level > 1:
            live.backward.step(-1)
        elif direction < 0 and live.forward.active and forward_level > 0:
            live.forward.step(-1)
        elif direction < 0 and live.backward.active and live.backward.level < live.backward.depth:
            live.backward.step(+1)
        elif self.lesson is not None and not 0 <= self.index + direction < len(self.lesson):
            end = "the end" if direction > 0 else "the first step"
            self.presentation.caption(f"This is {end} of the lesson", 4000)
        else:
            self.go(self.index + direction)

    # -------------------------------------------------------------- steps
    def _may_leave(self) -> bool:
        """A file opened during the lesson with unsaved changes, a drill picked that is not the step's (the
        lesson keeps only its own drills' answers): ask first (lesson edits are kept anyway)."""
        if not self._may_leave_drill():
            return False
        kept = self.document.path is None and not self._foreign  # the step's own network: the lesson keeps it
        return kept or not self.document.modified or self.files.confirm_discard()

    def _may_leave_drill(self) -> bool:
        step = self.step
        own = step is not None and step.exercise is not None and step.exercise.id == self.exercise.panel.shown_id
        return own or self.exercise.may_leave_for(None)

    def _may_open(self, answers_carried: bool = False) -> bool:
        """Before a lesson replaces what is on show: unsaved work (a network, typed answers) is offered a
        save (``answers_carried``: the typed answers go into the lesson's step instead); a lesson open
        already has its edits asked about."""
        if self.lesson is None:
            return (answers_carried or self.exercise.confirm_discard()) and self.files.confirm_discard()
        return self._may_drop(keep_current=False) and self._may_leave()

    def _answers_to_carry(self, lesson: Lesson) -> tuple[int, Typed] | None:
        """Unsaved answers in the Exercise dock (restored after a crash, typed before the lesson) to a drill
        of ``lesson``, with the first step (0-based) that has that drill: they go on in that step, as if
        typed there (the question offered only a save, and the step began empty)."""
        panel = self.exercise.panel
        if self.lesson is not None or self.exercise.unsaved_answers() is None or not panel.chain_mode:
            return None
        index = next((i for i, s in enumerate(lesson.steps) if s.exercise and s.exercise.id == panel.shown_id), None)
        return None if index is None else (index, panel.chain.typed())

    def confirm_quit(self) -> bool:
        """Before the window closes: the edits kept for the lesson's steps go with it (a file on show is
        asked about by File's own question)."""
        return self.lesson is None or self._may_drop(keep_current=self.document.path is not None and not self._foreign)

    def unsaved_answers(self) -> list[tuple[str, Path | None]]:
        """The answers typed in the lesson's other steps and not saved (crash recovery keeps them)."""
        if self.lesson is None:
            return []
        step, panel = self.step, self.exercise.panel
        own = step is not None and step.exercise is not None and panel.chain_mode
        shown = self.index if own and step.exercise.id == panel.shown_id else None
        return self.edits.unsaved_answers(self.lesson.steps, shown)

    def answers_files(self) -> list[tuple[Path, str, str]]:
        """The answers files the drills of the lesson's steps were opened from or saved to, as the lesson
        keeps them while another step is on show, each with what it is and its drill's id (empty: no lesson)."""
        if self.lesson is None:
            return []
        steps = self.lesson.steps
        return [
            (path, f"the chain-rule answers file of lesson step {index + 1}", steps[index].exercise.id)
            for index, path in self.edits.answers_files()
            if steps[index].exercise is not None
        ]

    def _may_drop(self, keep_current: bool) -> bool:
        """Ask before the lesson's edits go (``keep_current``: the step on show stays open)."""
        return self.edits.may_drop(self.step, self.index, keep_current=keep_current, foreign=self._foreign)

    def _document_replaced(self) -> None:
        if self.lesson is not None and not self._replacing:
            self._foreign = True  # File ▸ Open during the lesson: the steps' edits stay in the lesson's store

    def _actions_done(self) -> None:
        if self.lesson is not None and not self._foreign:
            self.edits.actions_done(self.runner.undo_from)

    def _stop_step(self) -> None:
        busy = self.runner.busy
        self.runner.stop()
        self.runner.close_dialogs()
        self.live.training.pause()  # a run becomes an undo step of the step's network
        if busy:  # the step's actions were cut short: what they did is still theirs, not the user's
            self._actions_done()
        # each step starts with the views it names: no colouring or walk left on from before
        for key in ("forward_walk", "backward_pass", "gradient_flow"):
            self.live.actions[key].setChecked(False)

    def _keep_edits(self) -> None:
        step = self.step
        self.window.view.editor.flush()  # a value half-typed on the canvas goes into this step's network
        self._stop_step()
        if step is not None and not self._foreign:  # (a file opened meanwhile is not the step's network)
            self.edits.note(step, self.index)
            history = self.document.history()
            if self.document.path is not None:  # saved as a file meanwhile: shown again as the lesson's network
                history = self.edits.lesson_state(history)
            self.edits.keep(step.network_from, self.document.network.copy(), history)

    def _show(self, index: int, first_visit: bool, keep_shown: bool = False) -> None:
        lesson = self.lesson
        step = lesson.steps[index]
        answering = self._in_exercise(QApplication.focusWidget())  # typing into the last step's drill
        self.index = index
        self.visited.add(index)
        if self._resume_key is not None:
            remember_step(self._resume_key, index)
        self.recovery.step_shown(index)
        # what the last step said (a walk's level, "Undo brings them back") is not about this one
        self.window.statusBar().clearMessage()
        self.presentation.caption("")
        if not keep_shown:
            self._replacing = True
            try:
                self.document.replace(self._network_for(step), path=None)
                if (history := self.edits.histories.get(step.network_from)) is not None:
                    self.document.restore_history(history)  # Undo goes on where it was left
            finally:
                self._replacing = False
        self._foreign = keep_shown
        self.live.session.regenerate(step.training.data_options())
        self._apply_training(step.training)
        self.exports.math_dock.set_notation(step.notation)
        self._set_exercise(step)
        self._show_text()
        if self.presentation.active:
            self.presentation.apply()
            self.presentation.fit()
            self.window.view.setFocus()  # the clicker's keys go to the stage, not to a text field
        else:
            self.views.show_in_window(step, self.dock)
            self._keep_focus(answering)
        self._enable()
        self.live.session.flush()
        if self._holding:
            self._held = (index, first_visit)
        elif not self._foreign:  # (the step's actions are for its own network)
            self.runner.run(step, first_visit)
        if not self.presentation.active:
            self.views.keep_within_room()  # what the actions wrote into the views may not fit
        # the step's text changed where the focus is not: a screen reader says which step this is
        announce(self.panel, f"Step {index + 1} of {len(lesson)}: {label_in_text(step.title)}")
        self.step_changed.emit(index)

    def hold_actions(self, asked: tuple[Lesson, int] | None = None) -> None:
        """While the start asks about restoring work: a step shown meanwhile (this lesson's work restored)
        runs its actions only once answered (they ran a second time when the lesson opened again).
        ``asked``: the lesson and step ``--lesson … --step`` asked for: restored work of that lesson opens
        there at once (it showed the restored step first, then the asked one)."""
        self._holding, self._held, self._asked = True, None, asked

    def _asked_step(self, lesson: Lesson) -> int | None:
        """The step the start asked for in ``lesson`` while its question is open; None: none asked."""
        if not self._holding or self._asked is None:
            return None
        asked, step = self._asked
        return step if (asked.id, asked.source) == (lesson.id, lesson.source) else None

    def release_actions(self) -> None:
        """The question is answered: the actions of the step on show run now, unless a restored file
        replaced its network (the step's network is not on show) or the step was left meanwhile."""
        held, self._holding, self._held, self._asked = self._held, False, None, None
        if held is not None and self.lesson is not None and not self._foreign and held[0] == self.index:
            self.runner.run(self.lesson.steps[self.index], held[1])

    def _in_exercise(self, widget) -> bool:
        return widget is not None and self.exercise.isAncestorOf(widget)

    def _keep_focus(self, answering: bool = False) -> None:
        """The focus was in what the step replaced (an answer field of the last drill, Ctrl+PgDown pressed
        there): it goes where the keyboard goes on, the step's first open answer field or the canvas (it
        went nowhere, and Tab or typing did nothing until a click; Qt may also have passed it on out of
        the Exercise dock as the field went)."""
        focused = QApplication.focusWidget()
        passed_on = answering and not self._in_exercise(focused)
        if focused is not None and focused.isVisible() and not passed_on:
            return  # the Next button, the step list: the user's place
        panel = self.exercise.panel
        if panel.chain_mode and panel.chain.rows and self.exercise.isVisible():
            panel.chain.focus_first_open()
        else:
            self.window.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _network_for(self, step: Step) -> Network:
        kept = self.edits.networks.get(step.network_from)
        network = kept if kept is not None else step.network
        if step.exercise is not None:  # a saved file reopens its exercise
            return tagged(network, step.exercise.id)
        return network.copy()

    def _apply_training(self, spec: TrainingSpec) -> None:
        """The step's settings in the Training panel (its widgets set the training, as a user's clicks do)."""
        panel, training = self.live.panel, self.live.training
        select(panel.loss, spec.loss)
        select(panel.optimizer, spec.optimizer)
        panel.rate.setCurrentText(f"{spec.learning_rate:g}")
        panel.batch.setValue(spec.batch_size or 0)
        panel.l1.setValue(min(spec.l1, L1_L2_MAX))
        panel.l2.setValue(min(spec.l2, L1_L2_MAX))
        training.settings.momentum = spec.momentum
        training.settings.seed = spec.seed
        if spec.epochs:
            panel.stop_epochs.setValue(spec.epochs)
        panel.stop_epochs_on.setChecked(bool(spec.epochs))

    def _set_exercise(self, step: Step) -> None:
        panel = self.exercise.panel
        if step.exercise is None:
            panel.clear_exercise()
        else:
            panel.set_exercise(step.exercise, own_data=step.exercise_data)  # or the step's own data stay on the map
            if panel.chain_mode and self.index in self.edits.typed:
                panel.chain.retype(self.edits.typed[self.index])  # the answers typed before, back in their fields

    def _caption_html(self) -> str:
        from designer.lessons import to_html

        step = self.step
        title = f"Step {self.index + 1} of {len(self.lesson)} · {step.title}"
        # (a title of 200 letters without a space wraps, as in the Lesson dock, instead of running off the strip)
        return f"<p><big><b>{html.escape(wrappable(title))}</b></big></p>{to_html(step.text)}"

    def _show_text(self) -> None:
        from designer.lessons import to_html

        step = self.step
        if step is not None:
            self.panel.show_step(self.index, len(self.lesson), step.title, to_html(step.text))

    # ------------------------------------------------------- presentation
    def stage_plan(self) -> StagePlan | None:
        """The presentation stage for the step on show (None: no lesson, the presentation's own layout)."""
        step = self.step
        if step is None:
            return None
        plan = self.views.stage_plan(step, self._caption_html())
        if self.presentation.active:
            self.runner.adopt_restarts()
        restarts = self.runner.restarts
        if restarts is not None and isValid(restarts):
            plan.columns.append((restarts, lambda widget: widget.close()))
        return plan

    def _inspector_page(self) -> None:
        """The Inspector shows something else: in a lesson in the window it takes room only when it shows
        a selection."""
        if self.lesson is not None and not self.presentation.active:
            self.views.selection_shown()

    def _presentation_ended(self) -> None:
        """Back in the window: the step's views where they belong (the window state before presenting is older)."""
        step = self.step
        if step is not None:
            self.views.show_in_window(step, self.dock)
