"""File ▸ Export in the GUI: PyTorch code, LaTeX, the canvas, the decision regions, the loss curves,
the activation view and the loss landscape as figures, canvas and regions side by side; it builds the
PyTorch and Math docks (``code_docks``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QWidget,
)

from designer.export.formulas import latex_document
from designer.export.names import lesson_step_stem
from designer.export.notation import (
    lecture_latex_document,
)
from designer.export.pytorch import ExportError, to_pytorch
from designer.model.fileformat import atomic_write_bytes, atomic_write_text
from designer.model.safefile import same_file, shown_path
from designer.ui.code_docks import CodeDock, MathDock, class_source
from designer.ui.remembered import last_folder, remember_folder, with_suffix
from designer.ui.safetext import plain_message

if TYPE_CHECKING:
    from designer.lessons import Lesson


#: the views File ▸ Export draws, as the View menu names them and as a figure's name says them
VIEW_NAMES = {
    "region": "Decision Regions",
    "curves": "Loss and Accuracy",
    "activation": "Activation",
    "landscape": "Loss Landscape",
}
#: the least size (logical pixels) the decision regions are laid out at beside the canvas: its own figure,
#: not the dock's layout (a narrow dock wrapped the title and squeezed the plot)
SIDE_BY_SIDE_REGION = QSize(480, 420)
FIGURE_NAMES = {
    "region": "decision regions",
    "curves": "loss curves",
    "activation": "activation and its derivative",
    "landscape": "loss landscape",
}


def pytorch_refusal(network, exc: Exception) -> str:
    """Why the PyTorch export refused, once ("PyTorch export: cannot export: …" said it twice), and for
    a network without an output what to do: the last neuron of Add Layer… is no output until marked."""
    reason = str(exc).removeprefix("cannot export: ")
    if not network.outputs:
        how = "select the neuron that gives the answer and press O (Network ▸ Mark/Unmark as Output)"
        return f"PyTorch export: {reason}: {how}."
    return f"PyTorch export: {reason}"


@contextmanager
def figure_only(widget: QWidget) -> Iterator[None]:
    """``widget`` without its ``controls`` (check boxes, "Hover for values", the axes chooser) while a
    figure of it is drawn: what is left re-laid out, so the plot takes their room instead of a gap."""
    controls = [c for c in getattr(widget, "controls", ()) if c.isVisible()]
    for control in controls:
        control.hide()
    _relayout(widget)
    try:
        yield
    finally:
        for control in controls:
            control.show()
        _relayout(widget)


@contextmanager
def laid_out_at(widget: QWidget, least: QSize) -> Iterator[None]:
    """``widget`` laid out at least ``least`` large while a figure of it is drawn, then given its size
    back: a figure for a slide drawn at a 1280×720 dock's width had its title wrapped and its plot
    cramped, a layout made for the dock, not for the figure."""
    size = widget.size()
    if size.expandedTo(least) == size:
        yield
        return
    widget.resize(size.expandedTo(least))
    _relayout(widget)
    try:
        yield
    finally:
        widget.resize(size)
        _relayout(widget)
        # told its size once more: showing the figure's left-out controls had the window's layouts size it
        # back already, while they were half shown (the region view kept its check boxes beside a title
        # squeezed to a word a line)
        QCoreApplication.sendEvent(widget, QResizeEvent(widget.size(), size.expandedTo(least)))


def _relayout(widget: QWidget) -> None:
    """Apply a layout change now (Qt would at the next turn of the event loop, after the drawing). Every
    widget inside is asked for its size again first: the layouts kept what they had cached, and the
    region view laid out wider for a figure kept its plot's old proportions (axes wider than the map)."""
    children = widget.findChildren(QWidget)  # (parents before their children)
    for child in children:  # (not ``widget`` itself: its parent's layout would size it again, for the window)
        child.updateGeometry()
    for child in [widget, *children]:
        if child.layout() is not None:
            child.layout().activate()


# ------------------------------------------------------------------- File ▸ Export
class Exports(QObject):
    """The PyTorch and Math docks and the File ▸ Export menu of one window; built by the main window.

    ``plots`` gives the widgets that can be exported as figures ("region", "curves", "activation",
    "landscape"), built when asked; a widget with a ``figure`` widget is drawn as that part of it.
    """

    def __init__(self, window, document, scene, plots: dict[str, Callable[[], QWidget]]) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.scene = scene
        self.plots = plots
        #: the lesson step whose network is shown, if any (its exports are named after it; see follow_lesson)
        self._shown_step: Callable[[], tuple[Lesson, int] | None] = lambda: None
        self.code_dock = CodeDock(window, document, window.report, self.pytorch)
        self.math_dock = MathDock(window, document, window.report)
        for dock in (self.code_dock, self.math_dock):
            window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            dock.hide()
        window.tabifyDockWidget(self.code_dock, self.math_dock)
        collapse = window.add_action(
            "collapse_linear",
            "Colla&pse Linear Layers",
            self.math_dock.replace_collapsed,
            tip="Replace the hidden linear neurons by the one equivalent layer (Undo brings them back)",
        )
        window.menu("network").insertAction(window.actions["arrange"], collapse)
        view_menu = window.menu("view")
        view_menu.addAction(self.code_dock.toggleViewAction())
        view_menu.addAction(self.math_dock.toggleViewAction())
        for key, text, slot in (
            ("export_pytorch", "PyTorch code…", self.pytorch),
            ("export_latex", "Math as LaTeX…", self.latex),
            ("export_png", "Canvas as PNG (2×)…", lambda: self.canvas("png")),
            ("export_svg", "Canvas as SVG…", lambda: self.canvas("svg")),
            ("export_region_png", "Decision regions as PNG (2×)…", lambda: self.view("region", "png")),
            ("export_region_svg", "Decision regions as SVG…", lambda: self.view("region", "svg")),
            ("export_curves_png", "Loss curves as PNG (2×)…", lambda: self.view("curves", "png")),
            ("export_curves_svg", "Loss curves as SVG…", lambda: self.view("curves", "svg")),
            ("export_activation_png", "Activation g and g′ as PNG (2×)…", lambda: self.view("activation", "png")),
            ("export_activation_svg", "Activation g and g′ as SVG…", lambda: self.view("activation", "svg")),
            ("export_landscape_png", "Loss landscape as PNG (2×)…", lambda: self.view("landscape", "png")),
            ("export_landscape_svg", "Loss landscape as SVG…", lambda: self.view("landscape", "svg")),
            ("export_side_by_side", "Canvas and regions side by side (PNG)…", self.side_by_side),
        ):
            window.export_menu.addAction(window.add_action(key, text, slot))

    def follow_lesson(self, shown_step: Callable[[], tuple[Lesson, int] | None]) -> None:
        """A lesson step's network has no file: its exports are offered the lesson's and step's name
        (``neural-networks-step-08-a-multilayer-perceptron-and-its-regions.png``), not ``network-…``.
        ``shown_step()``: the (lesson, index) whose network is shown, kept by the main window."""
        self._shown_step = shown_step

    def _unsaved_stem(self) -> str:
        shown = self._shown_step()
        if shown is None:
            return "network"
        lesson, index = shown
        return lesson_step_stem(lesson.id, index + 1, len(lesson.steps), lesson.steps[index].title)

    def _ask_path(self, title: str, suffix: str, filter_text: str, part: str = "") -> Path | None:
        """Where to export: the network's name, plus ``part`` for the figures of a view (``xor-regions.png``
        beside ``xor.png``: one name for every figure had each export offer to overwrite the last)."""
        doc_path = self.document.path
        folder = last_folder("exports", doc_path.parent if doc_path else None)
        stem = doc_path.stem if doc_path else self._unsaved_stem()
        base = folder / f"{stem}{'-' + part if part else ''}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self.window, title, str(base), filter_text)
        if not path:
            return None
        remember_folder("exports", Path(path))
        chosen = with_suffix(path, suffix)
        if doc_path is not None and same_file(chosen, doc_path):  # Save As keeps an existing name: xor.json
            plain_message(
                self.window,
                "warning",
                "Not exported",
                f"{shown_path(chosen.name)} is this network's own file: export to another name "
                "(the network stays as it is).",
            )
            return None
        if answers := self.window.files.answers_file_named(chosen):  # a student's typed answers
            plain_message(
                self.window, "warning", "Not exported", f"{chosen.name} is {answers}: export to another name."
            )
            return None
        return chosen

    def _write(self, path: Path, content: str | bytes) -> None:
        try:
            if isinstance(content, bytes):
                atomic_write_bytes(path, content)
            else:
                atomic_write_text(path, content)
        except OSError as exc:
            plain_message(self.window, "warning", "Cannot export", f"{shown_path(path.name)}: {exc}")
            return
        self.window.report(f"Exported {shown_path(path)}")

    def pytorch(self) -> None:
        self.document.commit_live()
        try:
            code = to_pytorch(self.document.network, class_source(self.document))
        except (ExportError, ValueError) as exc:
            plain_message(self.window, "warning", "Cannot export", pytorch_refusal(self.document.network, exc))
            return
        path = self._ask_path("Export as PyTorch", ".py", "Python files (*.py)")
        if path:
            self._write(path, code)

    def latex(self) -> None:
        self.document.commit_live()
        path = self._ask_path("Export the math as LaTeX", ".tex", "LaTeX files (*.tex)")
        if path:
            notation = self.math_dock.notation  # the document in the notation the Math view shows
            network = self.document.network
            self._write(
                path, latex_document(network) if notation == "numbers" else lecture_latex_document(network, notation)
            )

    def _render_canvas(self, fmt: str) -> str | bytes:
        """The canvas without the editing chrome (grid, ports, selection)."""
        from designer.ui import figures  # (QtSvg and the SVG rewriting load when first asked for)

        scene = self.scene
        with scene.as_figure():
            if fmt == "png":
                return figures.png_bytes(figures.render_image(scene, 2.0))
            return figures.svg_text(scene, self.document.network.name or "NN Designer network")

    def canvas(self, fmt: str) -> None:
        from designer.ui import figures  # (QtSvg and the SVG rewriting load when first asked for)

        path = self._ask_path(f"Export the canvas as {fmt.upper()}", f".{fmt}", f"{fmt.upper()} files (*.{fmt})")
        if not path:
            return
        try:
            content = self._render_canvas(fmt)
        except figures.FigureError as exc:  # too big or too spread out to draw: one line, nothing written
            plain_message(self.window, "warning", "Cannot export", str(exc))
            return
        self._write(path, content)

    def _shown_plot(self, which: str) -> QWidget | None:
        widget = self.plots[which]()
        if not widget.isVisible():
            name = VIEW_NAMES[which]
            plain_message(self.window, "warning", "Cannot export", f"Show the {name} view first (View menu).")
            return None
        return widget

    def view(self, which: str, fmt: str) -> None:
        """The decision-region plot, the loss/accuracy curves, the activation view or the loss landscape
        as PNG (2×) or SVG."""
        from designer.ui import figures  # (QtSvg and the SVG rewriting load when first asked for)

        widget = self._shown_plot(which)
        if widget is None:
            return
        refusal = self._nothing_drawn(which, widget)
        if refusal:
            plain_message(self.window, "warning", "Cannot export", refusal)
            return
        view, widget = widget, getattr(widget, "figure", widget)  # the landscape: its plot, not the choosers
        part = "regions" if which == "region" else which
        name = FIGURE_NAMES[which]
        path = self._ask_path(f"Export the {name} as {fmt.upper()}", f".{fmt}", f"{fmt.upper()} files (*.{fmt})", part)
        if path:
            title = self.document.network.name or "NN Designer"
            with figure_only(view), figure_only(widget):
                content = (
                    figures.png_bytes(figures.widget_image(widget))
                    if fmt == "png"
                    else figures.widget_svg(widget, title)
                )
            self._write(path, content)

    @staticmethod
    def _nothing_drawn(which: str, widget: QWidget) -> str:
        """Why a shown view has nothing to export (one line), or ""."""
        if which == "activation" and widget.neuron is None:
            return "Select a neuron first: the view shows its g and g′."
        if which == "landscape" and widget.landscape is None:
            return "The Loss Landscape shows no loss yet: its view says what it needs."
        return ""

    def side_by_side(self) -> None:
        """Canvas and decision regions in one PNG, for a slide."""
        from designer.ui import figures  # (QtSvg and the SVG rewriting load when first asked for)

        region = self._shown_plot("region")
        if region is None:
            return
        path = self._ask_path("Export canvas and regions side by side", ".png", "PNG files (*.png)", "side-by-side")
        if not path:
            return
        try:
            with self.scene.as_figure():
                canvas = figures.render_image(self.scene, 2.0)
        except figures.FigureError as exc:
            plain_message(self.window, "warning", "Cannot export", str(exc))
            return
        with laid_out_at(region, SIDE_BY_SIDE_REGION), figure_only(region):
            plot = figures.widget_image(region, 2.0)
        if canvas.height() > 0 and plot.height() > 0:  # same height: the smaller one is scaled up
            target = max(canvas.height(), plot.height())
            canvas = canvas.scaledToHeight(target, Qt.TransformationMode.SmoothTransformation)
            plot = plot.scaledToHeight(target, Qt.TransformationMode.SmoothTransformation)
        gap = self.scene.theme.background  # the canvas's own: a white band split a dark desktop's figure
        self._write(path, figures.png_bytes(figures.side_by_side(canvas, plot, background=gap)))
