"""How the Exercise panel's parts take their height: the page on show decides, and wrapped text is as
tall as it needs at the width it has (the dock's scroll area then scrolls instead of squeezing)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QSplitter, QStackedWidget, QWidget


def needed_height(widget: QWidget, width: int) -> int:
    """The height ``widget`` wants at ``width``: its height for that width (wrapped labels), else its
    size hint's."""
    wanted = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
    return max(wanted, widget.sizeHint().height(), widget.minimumSizeHint().height())


class CurrentPage(QStackedWidget):
    """Pages as large as the page on show: the hidden chain-rule table (792 px at lecture-hall text)
    made the Exercise dock cut the design check's buttons while presenting."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return self.currentWidget() is not None

    def heightForWidth(self, width: int) -> int:
        page = self.currentWidget()
        return needed_height(page, width) if page is not None else -1


class BrowserAndPage(QSplitter):
    """The exercise browser above the page on show. A plain QSplitter has no height for a width, so the
    dock's scroll area gave the panel its minimum height and the page squeezed its wrapped prompt, its
    buttons and its truth table over each other in a narrow dock. This one asks for the browser's
    height as the user left it plus all the page needs at that width; extra height goes to the page."""

    def __init__(self, browser: QWidget, page: CurrentPage) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self.browser, self.page = browser, page
        self.addWidget(browser)
        self.addWidget(page)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.splitterMoved.connect(lambda _pos, _index: self.updateGeometry())  # the scroll area follows

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        page = needed_height(self.page, width)
        if self.browser.isHidden():
            return page
        browser = max(self.sizes()[0], self.browser.minimumSizeHint().height())
        return browser + self.handleWidth() + page
