"""Loss and accuracy over training time, in growing arrays (the curves plot views of them).

What the curves hold depends only on the steps trained, never on how a run was cut into frames, so the
same demo draws the same curves every time: a point at each completed epoch (every other one past
2,048 epochs, every fourth past 4,096, …: at most 1,024 a doubling) and at the steps trained one at a
time. Where training is at the end of a frame is a *tip*: the last point while it is the last, replaced
by the next point recorded.
"""

from __future__ import annotations

import numpy as np

COLUMNS = ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")
#: every completed epoch up to here gets a point; each doubling after it, half as many
ALL_EPOCHS = 2048


def epoch_recorded(epoch: int) -> bool:
    """Does completed epoch ``epoch`` get a point? By its number alone (a frame running thousands of
    one-step epochs records a bounded share of them; which ones never depends on the frames)."""
    stride = max(1, 2 ** (epoch.bit_length() - ALL_EPOCHS.bit_length() + 1))
    return epoch % stride == 0


class History:
    def __init__(self) -> None:
        self._data = np.zeros((len(COLUMNS), 256))
        self._n = 0
        #: epochs and steps done by earlier trainers (a new trainer, after a change of loss or batch size
        #: or of the network's structure, starts at 0)
        self.offset = 0.0
        self.step_offset = 0
        #: the last point is the tip (where a frame ended): the next point replaces it
        self.tip = False

    def __len__(self) -> int:
        return self._n

    def snapshot(self) -> tuple[np.ndarray, float, int]:
        """The records so far and the offsets, copied: what undoing or redoing a training run brings back."""
        return self._data[:, : self._n].copy(), self.offset, self.step_offset

    def restore(self, snapshot: tuple[np.ndarray, float, int]) -> None:
        data, self.offset, self.step_offset = snapshot
        n = data.shape[1]
        if n > self._data.shape[1]:
            self._data = np.zeros((len(COLUMNS), 2 * n))
        self._data[:, :n] = data
        self._n = n
        self.tip = False

    def clear(self) -> None:
        self._n = 0
        self.offset = 0.0
        self.step_offset = 0
        self.tip = False

    def append(
        self,
        epoch: float,
        train_loss: float,
        test_loss: float,
        train_acc: float,
        test_acc: float,
        tip: bool = False,
    ) -> None:
        """A point; ``tip``: only where a frame ended, replaced by the next point."""
        if self.tip:
            self._n -= 1
        self.tip = tip
        if self._n == self._data.shape[1]:
            self._data = np.concatenate([self._data, np.zeros_like(self._data)], axis=1)
        self._data[:, self._n] = (epoch + self.offset, train_loss, test_loss, train_acc, test_acc)
        self._n += 1

    def column(self, name: str) -> np.ndarray:
        return self._data[COLUMNS.index(name), : self._n]

    def last(self, name: str) -> float:
        return float(self._data[COLUMNS.index(name), self._n - 1]) if self._n else float("nan")

    def last_epoch(self) -> float:
        return self.last("epoch") if self._n else 0.0

    def nearest(self, epoch: float) -> int | None:
        """Index of the record closest to ``epoch``."""
        if not self._n:
            return None
        e = self.column("epoch")
        i = int(np.searchsorted(e, epoch))
        if i >= self._n:
            return self._n - 1
        if i > 0 and epoch - e[i - 1] < e[i] - epoch:
            return i - 1
        return i
