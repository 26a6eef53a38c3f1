"""The whole demo in one file: the experiment a window shows (the data, the training settings, the
stop conditions, the speed and the open views) saved with the network as its ``"training"`` section,
and put back when a network that has one is shown.

When a section is written (docs/format.md, "The training section"): the app saves one when the
network came with one (a demo stays a demo, updated to what the window shows), or when the
experiment differs from what the app shows for a network anyway (the data it picks by itself, the
default settings, no stop, automatic speed). Which views are open is saved with a section but never
makes one by itself, so a plain design stays a version-1 file.

Changing a setting is not an edit of the network: the section is built from the live state when
the file is saved, and given to the network then, as one undo step (:meth:`Experiment.store`), so
the network is what the file holds. The recovery file gets a copy with the section instead
(:meth:`Experiment.network_to_save`): an autosave adds nothing to the history.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget

from designer.engine import data as dm
from designer.engine.experiment import data_options, prepare_data, section_from, training_settings
from designer.model import Network, SetNetworkField, TrainingSection
from designer.model.experiment import VIEW_NAMES, training_problems

View = QDockWidget | QAction
#: the datasets the app shows by itself (``designer.engine.data.default_name``)
AUTOMATIC_DATASETS = ("xor", "bump")


class Experiment(QObject):
    """Saves and restores the experiment of one window (built by the main window from its parts).

    ``views`` maps the file's view names (:data:`VIEW_NAMES`) to the docks and checkable actions
    that show them.
    """

    def __init__(self, window: QWidget, document, session, panel, views: Mapping[str, View]) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.session = session
        self.training = session.training
        self.panel = panel
        self.views = {name: views[name] for name in VIEW_NAMES if name in views}
        t = self.training
        #: the window's own settings before any file changed them: the "defaults" a section is compared with
        self._default_settings = dataclasses.replace(t.settings)
        self._default_speed = t.steps_per_frame
        self._pending_views: tuple[str, ...] | None = None
        self._baseline: TrainingSection | None = None
        session.data_changed.connect(self._follow_data_seed)
        document.replaced.connect(self.network_replaced)
        window.installEventFilter(self)
        self.network_replaced()

    # ------------------------------------------------------------ reading
    def current(self) -> TrainingSection:
        """What the window shows now, as a training section (unknown keys of the file's section kept)."""
        st, t = self.session, self.training
        section = section_from(
            st.network,
            st.data,
            t.settings,
            epochs=t.stop_epochs or 0,  # 0: the app's run has no stop (it runs until paused)
            stop_loss=t.stop_loss,
            steps_per_frame=t.steps_per_frame,
            views=self.open_views(),
        )
        if self._exercise_points():  # the exercise id brings them back: a handed-in file stays small
            section = section.replace(dataset=None, data=None, noise=0.0, train_ratio=1.0, points=None)
        loaded = self.document.network.training
        if loaded is not None and loaded.extras:
            section = section.replace(extras=dict(loaded.extras))
        return section

    def open_views(self) -> list[str]:
        return [name for name, view in self.views.items() if _is_open(view)]

    def _settings_chosen(self) -> bool:
        """Do the settings, stops or speed differ from the window's own (the shuffling seed follows the data)?"""
        t = self.training
        shown = (dataclasses.replace(t.settings, seed=0), t.stop_epochs, t.stop_loss, t.steps_per_frame)
        return shown != (dataclasses.replace(self._default_settings, seed=0), None, None, self._default_speed)

    def _data_chosen(self) -> bool:
        """Were the data chosen (a dataset, points, a CSV file), not what the app picks by itself?

        By itself the app shows ``xor`` (two inputs or more; more cannot use it) or ``bump`` (one input),
        noise 0, seed 0, half for training, or no points at all; for a network saved from an exercise,
        the exercise's own points.
        """
        options, data = self.session.options, self.session.data
        if self._exercise_points():
            return False
        if options.name in dm.NAMED:
            return options != dm.DataOptions(options.name) or options.name not in AUTOMATIC_DATASETS
        return bool(len(data.x_train) + len(data.x_test))

    def _exercise_points(self) -> bool:
        """The window shows the own points of the exercise the network was saved from: the app shows
        them by itself when the file is opened (its ``"exercise"`` id), so they are not saved (a
        solution file with 67 KB of the triangle's points was handed in where 2 KB said it all)."""
        return self.session.showing_exercise and isinstance(self.document.network.extras.get("exercise"), str)

    def to_save(self) -> TrainingSection | None:
        """The section a save writes now, or None when the network needs none (see the module's rule)."""
        chosen = self.document.network.training is not None or self._data_chosen() or self._settings_chosen()
        return self.current() if chosen else None

    def store(self) -> None:
        """Before a save: what the window shows becomes the network's section, one undo step (when it changed).

        A section the format refuses (a learning rate above 10⁶ typed into the panel) is not stored:
        the file keeps the section it had, and the panel says why.
        """
        net = self.document.network
        section = self.to_save()
        if section is None or section == net.training:
            return
        command = SetNetworkField("training", section)
        command.text = "save the experiment with the network"
        reason = self.document.push_or_reason(command)
        if reason is not None:
            self.panel.show_message(f"The experiment was not saved with the network: {reason}", True)

    def network_to_save(self) -> Network:
        """A copy of the network with the experiment the window shows, for the recovery file (no undo step;
        the network itself when it holds that already, or when the format would refuse the section)."""
        net = self.document.network
        section = self.to_save()
        if section == net.training or (section is not None and training_problems(section, rows=True)):
            return net
        copy = net.copy()
        copy.training = section
        return copy

    @property
    def unsaved(self) -> bool:
        """A file that carries its experiment shows other data or settings than it holds (views do not count).

        Only a demo's experiment is unsaved work: trying another dataset on a plain design is not.
        """
        if self._baseline is None or self.document.network.training is None:
            return False
        return _without_views(self.current()) != _without_views(self._baseline)

    def saved(self) -> None:
        """The network (with what :meth:`store` gave it) was written: what the window shows is the new baseline."""
        self._baseline = self.current()

    # ------------------------------------------------------------ restoring
    def network_replaced(self) -> None:
        """Another network is shown (opened, new, recovered): its experiment, if it has one, comes back."""
        section = self.document.network.training
        if section is not None:
            self.restore(section)
        self._baseline = self.current()

    def restore(self, section: TrainingSection) -> None:
        """Data, settings, stops, speed and views of ``section`` in the window, as if chosen by hand."""
        self._restore_data(section)
        t = self.training
        t.pause()
        settings = training_settings(section)
        for field in dataclasses.fields(settings):
            setattr(t.settings, field.name, getattr(settings, field.name))
        t.steps_per_frame = section.steps_per_frame
        t.stop_epochs = section.epochs or None
        t.stop_loss = section.stop_loss
        t.invalidate()  # the next run builds its trainer from these settings
        self.panel.show_settings()
        if section.views:
            self._pending_views = section.views
            if self.window.isVisible():
                self._apply_views()

    def _restore_data(self, section: TrainingSection) -> None:
        st = self.session
        try:
            data = prepare_data(st.network, section)
        except dm.DatasetError as exc:
            self.panel.show_message(f"The file's training data cannot be used: {exc}", True)
            return
        if data is None:
            return
        if section.dataset is not None:
            st.regenerate(data_options(section))
        else:
            st.options = dm.DataOptions(dm.CUSTOM, 0.0, section.train_ratio, section.seed)
            st.set_data(data)

    def _apply_views(self) -> None:
        names, self._pending_views = self._pending_views, None
        if names is None:
            return
        for name, view in self.views.items():
            _set_open(view, name in names)
        # opened in the file's order, the last raised (the Exercise dock) hid the Training dock behind
        # "No exercise" where they share a tab bar: the one that matters for this network comes up
        front = self.views.get("exercise" if self.document.network.extras.get("exercise") else "training")
        if isinstance(front, QDockWidget) and front.isVisible():
            front.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Show and self._pending_views is not None:
            QTimer.singleShot(0, self._apply_views)  # after the window put back its own dock layout
        return False

    def _follow_data_seed(self) -> None:
        """Mini-batches are shuffled with the data's seed, as ``nn-designer train`` does with a file's one seed."""
        self.training.settings.seed = self.session.options.seed


def _is_open(view: View) -> bool:
    if isinstance(view, QDockWidget):
        return view.toggleViewAction().isChecked()
    return view.isChecked()


def _set_open(view: View, on: bool) -> None:
    if isinstance(view, QDockWidget):
        view.setVisible(on)
        if on:
            view.raise_()
    elif view.isChecked() != on:
        view.setChecked(on)


def _without_views(section: TrainingSection) -> TrainingSection:
    return section.replace(views=())
