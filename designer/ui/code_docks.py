"""The PyTorch and Math docks: the design as PyTorch code and as equations (with linear collapse).

Both follow the model: they are rebuilt a moment after the last edit (not on every event), only
while visible.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from designer.export.collapse import CollapseError, collapse_linear, collapsible_neurons
from designer.export.formulas import LATEX, READABLE_TERMS, TEXT, all_neuron_formulas, network_formula
from designer.export.notation import (
    lecture_equations,
    lecture_legend,
    lecture_network_formula,
    lecture_weights,
)
from designer.export.pytorch import ExportError, to_pytorch
from designer.formatting import format_weight
from designer.model import Network, ReplaceNetwork
from designer.model.events import once_per_action
from designer.ui.combo_names import name_combo
from designer.ui.keys import caret_in_read_only_text, picked_without_focus

REFRESH_MS = 150
#: The Math view writes this many terms of a sum and counts the rest (a 784-input neuron is one line of
#: ten terms, not 784 numbers nobody reads at once); Copy text, Copy LaTeX and File ▸ Export write all.
VIEW_TERMS = READABLE_TERMS
#: …and this many entries of the lecture notation's lists of units and weights per term shown.
LISTED_PER_TERM = 4
#: The math view's notations: the app's own (every neuron with its numbers), the lecture's, or both.
NOTATIONS = {
    "numbers": "Numbers",
    "lecture": "Lecture notation",
    "both": "Lecture notation and numbers",
}
LECTURE_INTRO = (
    "In the lecture's notation: the inputs are layer 1, unit j of layer d computes "
    "z_d,j = g(Σᵢ w_d−1,i,j · z_d−1,i), and the bias is the weight w_d−1,0,j on the constant unit z_d−1,0 = 1 (x₀ = 1)."
)


def lecture_neurons(net: Network, notation: str, style: str = TEXT, max_terms: int | None = None) -> list[str]:
    """Every neuron's equation in the lecture's symbols; with ``both`` its numbers on the line below,
    so symbols and numbers read side by side term by term."""
    lines = []
    for equation in lecture_equations(net, style, max_terms=max_terms):
        lines.append(f"{equation.symbol} = {equation.symbolic}")
        if notation == "both":
            lines.append(f"{' ' * (2 * len(equation.symbol))}= {equation.numeric}")
    return lines


def lecture_whole(net: Network, notation: str, style: str = TEXT, max_terms: int | None = None) -> list[str]:
    """The nested h_w(x) in symbols (and with ``both`` in numbers too); nothing without outputs."""
    if not net.outputs:
        return []
    numbers = network_formula(net, style, max_terms=max_terms) if notation == "both" else []
    return lecture_network_formula(net, style, max_terms=max_terms) + numbers


def listed(items: list[str], most: int | None) -> str:
    """``items`` joined by commas; beyond ``most`` of them the rest are counted (``… and 970 more``)."""
    if most is None or len(items) <= most:
        return ", ".join(items)
    return ", ".join(items[:most]) + f", … and {len(items) - most:,} more"


def math_lines(net: Network, notation: str, max_terms: int | None = None) -> list[str]:
    """The math view's text in ``notation`` (numbers, lecture, both). ``max_terms``: the view's limit
    on each sum's terms (and on the lists of units and weights); None writes everything."""
    if notation == "numbers":
        lines = ["Each neuron (z = Σ w·x + b, a = g(z)):", *all_neuron_formulas(net, TEXT, max_terms=max_terms)]
        if net.outputs:
            lines += ["", "The whole network:", *network_formula(net, TEXT, max_terms=max_terms)]
        return lines
    most = None if max_terms is None else LISTED_PER_TERM * max_terms
    units = [f"{symbol} is {name}" for symbol, name in lecture_legend(net) if symbol != name]
    lines = [LECTURE_INTRO, *(["", "Units: " + listed(units, most)] if units else [])]
    lines += ["", "Each neuron:", *lecture_neurons(net, notation, max_terms=max_terms)]
    if notation == "lecture":
        shown = [f"{symbol} = {format_weight(v)}" for symbol, v in lecture_weights(net, most=most)]
        left_out = len(net.neurons) + len(net.connections) - len(shown)  # every bias and every weight
        more = f", … and {left_out:,} more" if left_out > 0 else ""
        lines += ["", f"Weights: {', '.join(shown) + more or 'none'}"]
    whole = lecture_whole(net, notation, max_terms=max_terms)
    return lines + (["", "The whole network:", *whole] if whole else [])


def class_source(document) -> str:
    """What the exported PyTorch class is named after: the file name of a saved network (what the
    title bar shows), else the network's name."""
    return document.path.stem if document.path is not None else document.network.name


def _model_class_block(document: QTextDocument) -> QTextBlock | None:
    """The line ``class Name(nn.Module):`` of the class build_model() returns (helpers such as Step come
    before it), or None."""
    lines = document.toPlainText().splitlines()
    returned = next((line.partition("-> ")[2].rstrip(":") for line in lines if line.startswith("def build_model(")), "")
    if not returned:
        return None
    block = document.begin()
    while block.isValid() and not block.text().startswith(f"class {returned}("):
        block = block.next()
    return block if block.isValid() else None


def _mono(widget: QWidget) -> None:
    widget.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))


def copy_and_say(text: str, what: str, report) -> None:
    """``text`` to the clipboard; the status bar says what was copied and how long it is, in the lines an
    editor or ``wc -l`` counts once it is pasted: a final line break ends the last line (the PyTorch code,
    142 lines, was said to be 143)."""
    QGuiApplication.clipboard().setText(text)
    lines = len(text.splitlines())
    report(f"Copied {what} ({lines} line{'' if lines == 1 else 's'}) to the clipboard.")


def collapse_sentence(count: int) -> str:
    """What the collapse note says the hidden linear neurons do, in the number they are ("neuron(s)"
    read as a form to fill in)."""
    if count == 1:
        return "The 1 hidden linear neuron computes the same as this network without it"
    return f"The {count} hidden linear neurons compute the same as this network without them"


class _FollowingDock(QDockWidget):
    """A dock whose content is recomputed from the model shortly after edits, when visible."""

    def __init__(self, title: str, name: str, parent: QMainWindow, document, report) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self.document = document
        self.report = report
        self.body: QWidget | None = None  # the content (a lesson may show it on the presentation stage)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._unsubscribe = document.network.events.subscribe(once_per_action(self.schedule))
        self.visibilityChanged.connect(lambda visible: visible and self.refresh())

    @property
    def network(self) -> Network:
        return self.document.network

    def schedule(self) -> None:
        if self.isVisible() or (self.body is not None and self.body.isVisible()):
            self._timer.start()

    def refresh(self) -> None:
        raise NotImplementedError


class CodeDock(_FollowingDock):
    def __init__(self, parent: QMainWindow, document, report, save_as) -> None:
        super().__init__("PyTorch", "pytorchDock", parent, document, report)
        document.path_changed.connect(self.schedule)  # saved under a new name: the class is renamed
        #: the next code shown starts at its class (a network opened, a lesson step shown); edits keep the scroll
        self._to_class = True
        document.replaced.connect(self._show_class_next)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.text = QPlainTextEdit()
        self.text.setObjectName("pytorchCode")
        self.text.setAccessibleName("PyTorch code")
        self.text.setReadOnly(True)
        caret_in_read_only_text(self.text)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        _mono(self.text)
        buttons = QHBoxLayout()
        copy = QPushButton("Copy")
        copy.setObjectName("copyCode")
        copy.clicked.connect(self.copy)
        save = QPushButton("Save as…")
        save.clicked.connect(lambda: save_as())
        question = QLabel("How would you write this network in PyTorch?")
        question.setWordWrap(True)  # unwrapped it set the dock's least width past a 1280×720 screen's canvas
        question.setBuddy(self.text)
        buttons.addWidget(question)
        buttons.addStretch()
        buttons.addWidget(copy)
        buttons.addWidget(save)
        layout.addLayout(buttons)
        layout.addWidget(self.text)
        self.body = body
        self.setWidget(body)

    def copy(self) -> None:
        """The code to the clipboard, and a word that it is there (the button changed nothing one could see)."""
        copy_and_say(self.text.toPlainText(), "the PyTorch code", self.report)

    def refresh(self) -> None:
        try:
            code = to_pytorch(self.network, class_source(self.document))
        except (ExportError, ValueError) as exc:
            code = f"# Not exportable yet: {exc}"
        if code != self.text.toPlainText():
            scroll = self.text.verticalScrollBar().value()
            self.text.setPlainText(code)
            self.text.verticalScrollBar().setValue(scroll)
        if self._to_class:
            self._to_class = False
            self._scroll_to_class()

    def _show_class_next(self) -> None:
        self._to_class = True
        self.schedule()

    def _scroll_to_class(self) -> None:
        """The network's class at the top of the view, the caret on it: "how would you write this network in
        PyTorch?" is answered there (the view opened on the docstring and the import boilerplate, and on a
        lecture's screen the nn.Sequential was below its edge)."""
        block = _model_class_block(self.text.document())
        if block is None:  # "# Not exportable yet: …"
            return
        self.text.setTextCursor(QTextCursor(block))
        self.text.verticalScrollBar().setValue(block.blockNumber())  # no wrapping: one step per line


def collapse_refusal(net: Network) -> str | None:
    """Why the linear layers of ``net`` cannot be collapsed now, or None. Without an output every
    neuron counts as hidden: all linear ones would be removed (the Math view said "no hidden linear
    neurons" then, beside a Replace button that did just that)."""
    if not collapsible_neurons(net):
        return (
            "no hidden linear neurons. (Build layers of linear neurons to see that "
            "a deep network with only linear layers is exactly one linear layer.)"
        )
    if not net.outputs:
        return "mark the output neuron(s) first (Network ▸ Mark/Unmark as Output): without one, every neuron is hidden."
    return None


class NotationBox(QComboBox):
    """The Math panel's notation list: it may shrink to its minimum contents length, but asks for the width
    of its current text (on a lesson stage at 1366×768 it read "Lecture notation and n…" with room beside it)."""

    def __init__(self) -> None:
        super().__init__()
        self.currentIndexChanged.connect(lambda _: self.updateGeometry())  # another text, another width

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        reserved = self.minimumContentsLength() * metrics.horizontalAdvance("X")  # what the hint has room for
        return QSize(hint.width() + max(metrics.horizontalAdvance(self.currentText()) - reserved, 0), hint.height())


class MathDock(_FollowingDock):
    #: while presenting: no collapse note where there is nothing to collapse (its two lines left the
    #: Math panel's formula cut at 1024×768)
    brief = False

    def __init__(self, parent: QMainWindow, document, report) -> None:
        super().__init__("Math", "mathDock", parent, document, report)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.text = QPlainTextEdit()
        self.text.setObjectName("mathText")
        self.text.setAccessibleName("Math: the network's formulas")
        self.text.setReadOnly(True)
        caret_in_read_only_text(self.text)
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.text.setFont(font)
        self.notation = "numbers"
        self.notation_box = picked_without_focus(NotationBox())
        self.notation_box.setObjectName("mathNotation")
        name_combo(self.notation_box, "Math notation")
        self.notation_box.setToolTip("The app's numbers, the lecture's notation (w_d,i,j, z, nested h_w(x)), or both")
        for key, text in NOTATIONS.items():
            self.notation_box.addItem(text, key)
        self.notation_box.currentIndexChanged.connect(lambda _: self.set_notation(self.notation_box.currentData()))
        # as narrow as "Lecture notation" at least (its list shows every entry whole): the longest entry made
        # the row 405 px wide, and opening Math under a 380 px canvas at 1280×720 narrowed both side columns;
        # where the row has room, wide enough for its whole text (see NotationBox)
        self.notation_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.notation_box.setMinimumContentsLength(len(NOTATIONS["lecture"]))
        self.notation_box.view().setMinimumWidth(self.notation_box.view().sizeHintForColumn(0) + 24)
        buttons = QHBoxLayout()
        buttons.addWidget(self.notation_box)
        copy_text = QPushButton("Copy text")
        copy_text.setObjectName("copyText")
        copy_text.clicked.connect(self.copy_text)
        copy_latex = QPushButton("Copy LaTeX")
        copy_latex.setObjectName("copyLatex")
        copy_latex.clicked.connect(self.copy_latex)
        buttons.addWidget(copy_text)
        buttons.addWidget(copy_latex)
        buttons.addStretch()
        self.collapse_label = QLabel()
        self.collapse_label.setTextFormat(Qt.TextFormat.PlainText)  # formulas carry the nodes' labels
        self.collapse_label.setObjectName("collapseLabel")
        self.collapse_label.setWordWrap(True)
        self.collapse_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.replace = QPushButton("Replace the linear layers by the single equivalent layer")
        self.replace.setObjectName("replaceCollapsed")
        self.replace.clicked.connect(self.replace_collapsed)
        layout.addLayout(buttons)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.collapse_label)
        layout.addWidget(self.replace)
        self.body = body
        self.setWidget(body)

    def set_notation(self, notation: str) -> None:
        """Show ``notation`` (numbers, lecture, both); the combo box follows."""
        self.notation = notation if notation in NOTATIONS else "numbers"
        index = self.notation_box.findData(self.notation)
        if self.notation_box.currentIndex() != index:
            self.notation_box.setCurrentIndex(index)
        self.refresh()

    def shown_text(self, max_terms: int | None = VIEW_TERMS) -> str:
        """What the view shows (long sums cut to ``max_terms``; None: every term, as Copy text copies)."""
        net = self.network
        if not net.neurons:
            return "Add neurons to see their equations here."
        try:
            return "\n".join(math_lines(net, self.notation, max_terms))
        except ValueError as exc:  # a network the formulas cannot write (e.g. a cycle while editing)
            return f"No equations: {exc}"

    def refresh(self) -> None:
        net = self.network
        text = self.shown_text()
        if text != self.text.toPlainText():
            scroll = self.text.verticalScrollBar().value()
            self.text.setPlainText(text)
            self.text.verticalScrollBar().setValue(scroll)
        self._refresh_collapse(net)

    def _refresh_collapse(self, net: Network) -> None:
        hidden_linear = collapsible_neurons(net)
        refusal = collapse_refusal(net)
        self.replace.setVisible(refusal is None)
        self.collapse_label.setVisible(not (self.brief and not hidden_linear))
        if refusal is not None:
            self.collapse_label.setText(f"Linear collapse: {refusal}")
            return
        try:
            collapsed = collapse_linear(net)
        except (CollapseError, ValueError) as exc:
            self.collapse_label.setText(f"Linear collapse not possible: {exc}")
            self.replace.setVisible(False)
            return
        formula = "\n".join(network_formula(collapsed, TEXT))
        count = len(hidden_linear)
        self.collapse_label.setText(f"{collapse_sentence(count)}:\n{formula}")

    def set_brief(self, brief: bool) -> None:
        """Leave out the collapse note where there is nothing to collapse (presentation mode)."""
        self.brief = brief
        self._refresh_collapse(self.network)

    def copy_text(self) -> None:
        """Every term of every sum, also those the view counts instead of showing."""
        copy_and_say(self.shown_text(max_terms=None), "the equations as text", self.report)

    def copy_latex(self) -> None:
        net = self.network
        if self.notation == "numbers":
            lines = all_neuron_formulas(net, LATEX) + (network_formula(net, LATEX) if net.outputs else [])
        else:
            lines = lecture_neurons(net, self.notation, LATEX) + lecture_whole(net, self.notation, LATEX)
        copy_and_say("\n".join(lines), "the equations as LaTeX", self.report)

    def replace_collapsed(self) -> None:
        """The linear layers replaced by the single equivalent layer, one undo step (the Replace button
        and Network ▸ Collapse Linear Layers); the status bar says why when there is nothing to do."""
        refusal = collapse_refusal(self.network)
        if refusal is not None:
            self.report(f"Cannot collapse: {refusal}")
            return
        try:
            collapsed = collapse_linear(self.network)
        except (CollapseError, ValueError) as exc:
            self.report(f"Cannot collapse: {exc}")
            return
        self.document.push(ReplaceNetwork(collapsed, text="collapse linear layers"))
        self.report("Replaced the linear layers by one equivalent layer (Undo brings them back).")
