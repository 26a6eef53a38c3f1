"""A file's experiment (``network.training``) turned into what the engine runs, and back.

The app and the ``train`` command use the same functions, so a file replays the same way in both:
:func:`prepare_data` builds the data (a built-in dataset, or the rows embedded in the file),
:func:`training_settings` the optimiser settings; :func:`section_from` writes what the app shows
into a section to save with the network.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from designer.engine import data as dm
from designer.engine.training import TrainingSettings
from designer.model import Network
from designer.model.experiment import MAX_DATA_VALUES, EmbeddedData, TrainingSection
from designer.model.jsonread import one_line


def data_options(section: TrainingSection) -> dm.DataOptions:
    """The dataset choice of a section (name, noise, split, seed, points); CUSTOM without a dataset."""
    name = section.dataset if section.dataset is not None else dm.CUSTOM
    return dm.DataOptions(name, section.noise, section.train_ratio, section.seed, n=section.points)


def prepare_data(network: Network, section: TrainingSection | None) -> dm.Data | None:
    """The data a section trains on, prepared like the app's Training dock; None if it names none.

    Raises DatasetError (one line) for an unknown dataset name or embedded columns that do not fit;
    a dataset whose shape does not fit the network comes back with ``problem`` set.
    """
    if section is None:
        return None
    if section.data is not None:
        embedded = section.data
        values = np.array(embedded.rows, dtype=np.float64).reshape(len(embedded.rows), len(embedded.columns))
        name = embedded.source or dm.CUSTOM
        return dm.from_rows(network, list(embedded.columns), values, name, section.train_ratio, section.seed)
    if section.dataset is None:
        return None
    if section.dataset not in dm.NAMED:
        raise dm.DatasetError(f"unknown dataset '{one_line(section.dataset, 60)}' (known: {', '.join(dm.NAMED)})")
    return dm.make(network, data_options(section))


def training_settings(section: TrainingSection, batch_size: int | None = None) -> TrainingSettings:
    """Loss, optimizer, learning rate, momentum, batch size, L1/L2 and the shuffling seed of a section."""
    return TrainingSettings(
        loss=section.loss,
        optimizer=section.optimizer,
        learning_rate=section.learning_rate,
        batch_size=section.batch_size if batch_size is None else batch_size,
        l1=section.l1,
        l2=section.l2,
        seed=section.seed,
        momentum=section.momentum,
    )


def embedded_rows(data: dm.Data, network: Network) -> EmbeddedData | None:
    """The data as rows for the file, or None when it is a built-in dataset, empty, or larger than the
    file format embeds (``MAX_DATA_VALUES``).

    A CSV file's rows are kept in file order (the seed and train ratio split them again the same
    way); painted points as they are, with a ``split`` column (1 training, 0 test) when some are test points.
    """
    if data.name in dm.NAMED:
        return None
    columns: tuple[str, ...] = (*network.inputs, *network.outputs)
    if data.rows is not None:
        x, y = data.rows
        table = np.concatenate([x, y], axis=1)
    else:
        x = np.concatenate([data.x_train, data.x_test])
        y = np.concatenate([data.y_train, data.y_test])
        table = np.concatenate([x, y], axis=1)
        if len(data.x_test):
            split = np.concatenate([np.ones(len(data.x_train)), np.zeros(len(data.x_test))])
            table = np.concatenate([table, split[:, None]], axis=1)
            columns = (*columns, dm.SPLIT_COLUMN)
    if len(table) == 0 or table.size > MAX_DATA_VALUES or len(columns) != table.shape[1]:
        return None
    csv_prefix = f"{dm.CSV}: "
    source = data.name.removeprefix(csv_prefix) if data.name.startswith(csv_prefix) else None
    return EmbeddedData(columns, tuple(tuple(row) for row in table.tolist()), source)


def section_from(
    network: Network,
    data: dm.Data,
    settings: TrainingSettings,
    *,
    epochs: int,
    stop_loss: float | None = None,
    steps_per_frame: int | None = None,
    views: Sequence[str] = (),
) -> TrainingSection:
    """What the app shows, as a section to save with the network (``SetNetworkField("training", …)``).

    A built-in dataset is saved by name, a CSV or painted points as embedded rows when they fit
    (else the section names no data). The section's one ``seed`` is the data's.
    """
    options = data.options
    embedded = embedded_rows(data, network)
    named = data.name in dm.NAMED  # Data.name: a dataset's name, "custom" (painted) or "csv: FILE"
    return TrainingSection(
        dataset=data.name if named else None,
        data=None if named else embedded,
        noise=options.noise if named else 0.0,
        seed=options.seed,
        train_ratio=options.train_ratio if data.rows is not None or named else 1.0,
        points=options.n if named else None,
        loss=settings.loss,
        optimizer=settings.optimizer,
        learning_rate=settings.learning_rate,
        momentum=settings.momentum,
        batch_size=settings.batch_size,
        l1=settings.l1,
        l2=settings.l2,
        epochs=epochs,
        stop_loss=stop_loss,
        steps_per_frame=steps_per_frame,
        views=tuple(views),
    )
