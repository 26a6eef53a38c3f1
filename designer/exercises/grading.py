"""Grade many submitted files against one exercise; write a spreadsheet-safe CSV report.

A file that cannot be read (not JSON, hostile, too large, invalid) becomes a failing row with
its reason; the batch always goes on.
"""

from __future__ import annotations

import csv
import io
import math
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes

from designer.exercises.answers import ANSWERS_FORMAT, Answers, AnswersResult, check_answers, read_answers
from designer.exercises.catalog import BUILTIN_IDS, load_exercise
from designer.exercises.chainrule import ChainRuleExercise
from designer.exercises.checker import CheckResult, check
from designer.exercises.exercise import Exercise
from designer.model import FormatError, Network
from designer.model.fileformat import (
    atomic_write_text,
    network_from_document,
    one_line,
    parse_json,
    read_file_bytes,
)
from designer.model.safefile import without_the_file

CSV_COLUMNS = ("file", "passed", "score", "reasons")
MAX_CELL = 2000
#: Between the reasons in one cell (a reason itself may contain "; ", e.g. "h2 uses tanh; allowed: relu").
REASON_SEPARATOR = " | "
#: A cell starting with one of these is a formula to Excel/LibreOffice/Sheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


@dataclass
class Grade:
    file: str
    result: CheckResult | AnswersResult | None  # None: the file could not be read (or was skipped)
    error: str = ""  # why it could not be read or checked
    skipped: bool = (
        False  # found while looking for files (hidden file, link to a folder, empty folder): listed, not graded
    )

    @property
    def passed(self) -> bool:
        return self.result is not None and self.result.passed

    @property
    def score(self) -> float:
        return self.result.score if self.result is not None else 0.0


#: The reason in a hidden file's row (``.x.json``: macOS's ``._x.json`` resource forks, editor backups).
HIDDEN_REASON = "skipped: hidden file (its name starts with '.'); name it on the command line to grade it"
#: The reason in the row of a link to a folder found inside a graded folder (a student's folder
#: linked in would otherwise vanish from the report without a word).
LINKED_FOLDER_REASON = (
    "skipped: a link to a folder (links to folders are not followed); name the folder on the command line to grade it"
)
#: The start of the reason in the row of a folder that cannot be listed (no read permission).
UNREADABLE_FOLDER_REASON = "skipped: a folder that cannot be read"
#: The reason in the row of a folder named on the command line that holds no ``*.json`` file.
EMPTY_FOLDER_REASON = "skipped: a folder without .json files"


def find_submissions(paths: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(files to grade, (path, reason) of everything found and not graded) for the given files and folders.

    Files named on the command line are graded whatever their name. In folders (recursively,
    sorted): every ``*.json`` (any case: ``.JSON`` too) is graded, whatever it is (a FIFO or a
    device becomes a failed row saying so), except hidden ones (names starting with '.'), which are
    listed as skipped. Hidden folders are not entered; symbolic links to folders are not followed
    and listed as skipped; a named folder without any ``*.json`` is listed as skipped; each file
    is listed once.
    """
    found: list[str] = []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        if not os.path.isdir(path):
            found.append(path)
            continue
        in_folder = sorted(_walk(path))
        if not in_folder:
            skipped.append((path, EMPTY_FOLDER_REASON))
        for file, why_not in in_folder:
            if why_not:
                skipped.append((file, why_not))
            elif os.path.basename(file).startswith("."):
                skipped.append((file, HIDDEN_REASON))
            else:
                found.append(file)
    found = list(dict.fromkeys(found))
    listed = set(found)
    return found, [(p, reason) for p, reason in dict.fromkeys(skipped) if p not in listed]


def _walk(folder: str) -> Iterator[tuple[str, str]]:
    """(path, why it is not graded, or "") of every ``*.json`` under ``folder``, every link to a folder
    and every folder that cannot be read (a student's folder without read permission)."""
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=unreadable.append):
        for name in dirs:
            if not name.startswith(".") and os.path.islink(os.path.join(root, name)):
                yield os.path.join(root, name), LINKED_FOLDER_REASON
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.lower().endswith(".json"):
                yield os.path.join(root, name), ""
    for error in unreadable:  # (the named folder itself too: not "a folder without .json files")
        if error.filename is not None:
            yield os.fspath(error.filename), f"{UNREADABLE_FOLDER_REASON} ({error.strerror or error})"


def renamed_submissions(paths: Iterable[str]) -> list[str]:
    """Files in the given folders (walked as :func:`find_submissions` walks them) whose name holds
    ``.json`` but does not end in it: hand-ins a browser or a mail program renamed (``alice.json.txt``,
    ``alice.json (1)``). Folders grade only ``*.json``, so these were left out without a word and the
    student had no row at all; other files (``notes.txt``) are not a hand-in's and stay unnamed."""
    renamed: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            continue
        for root, dirs, files in os.walk(path, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            renamed += [
                os.path.join(root, name)
                for name in sorted(files)
                if ".json" in name.lower() and not name.lower().endswith(".json") and not name.startswith(".")
            ]
    return list(dict.fromkeys(renamed))


def read_network(path: str) -> Network:
    """A submitted network file; FormatError (one line) if it cannot be used (a chain-rule answers file
    is named as one: "not an NN Designer network file" sounded like a broken or foreign file)."""
    document = parse_json(read_file_bytes(path))
    if isinstance(document, dict) and document.get("format") == ANSWERS_FORMAT:
        raise FormatError(_answers_not_a_network(document.get("exercise")))
    return network_from_document(document)


def _answers_not_a_network(exercise: object) -> str:
    """Why an answers file is no network, with the ``--exercise`` to give only when the file names a
    built-in chain-rule drill (it said "--exercise xor" for a file naming xor, the exercise given)."""
    plain = "a chain-rule answers file, not a network: check grades it only against a chain-rule exercise"
    if not isinstance(exercise, str):
        return plain
    drill = one_line(exercise, 40)
    named = plain.replace("answers file,", f"answers file (for '{drill}'),", 1)
    if exercise not in BUILTIN_IDS:  # a teacher's drill, or garbage: the file's text is no option to suggest
        return named
    if not isinstance(load_exercise(exercise), ChainRuleExercise):
        return f"{named}; it names '{drill}', which is no chain-rule exercise"
    return f"{named} (--exercise {drill})"


def read_submission(path: str, exercise: Exercise | ChainRuleExercise) -> Network | Answers:
    """What a student hands in for this exercise: a network file, or an answers file for chain-rule practice."""
    if isinstance(exercise, ChainRuleExercise):
        return read_answers(path)
    return read_network(path)


def judge(submission: Network | Answers, exercise: Exercise | ChainRuleExercise) -> CheckResult | AnswersResult:
    """The verdict on a submission read by :func:`read_submission` for the same exercise."""
    if isinstance(exercise, ChainRuleExercise):
        assert isinstance(submission, Answers)
        result = check_answers(exercise, submission.entries)
        if submission.exercise is not None and submission.exercise != exercise.id:
            result.passed = False
            result.reasons.insert(0, f"these answers are for the exercise '{one_line(submission.exercise, 40)}'")
        return result
    assert isinstance(submission, Network)
    result = check(submission, exercise)
    saved_from = submission.extras.get("exercise")
    if not result.passed and isinstance(saved_from, str) and saved_from != exercise.id:
        # its failures (an input missing, a wrong row) are those of a file handed in for the wrong exercise
        result.reasons.insert(0, f"saved from the exercise '{one_line(saved_from, 40)}', not '{exercise.id}'")
    return result


def grade_file(path: str, exercise: Exercise | ChainRuleExercise) -> Grade:
    try:
        submission = read_submission(path, exercise)
    except FormatError as exc:
        return Grade(path, None, f"unreadable: {without_the_file(path, exc)}")
    except (MemoryError, RecursionError):
        return Grade(path, None, "unreadable: too large or nested too deeply")
    try:
        return Grade(path, judge(submission, exercise))
    except MemoryError:
        return Grade(path, None, "not checked: out of memory")
    except Exception as exc:  # a bug must not stop the batch; the row says what happened
        return Grade(path, None, f"not checked: internal error ({type(exc).__name__}); please report this")


def grade_all(
    paths: Iterable[str], exercise: Exercise | ChainRuleExercise, skipped: Iterable[tuple[str, str]] = ()
) -> list[Grade]:
    """A grade per file, in order, then a row per (path, reason) found and not graded."""
    grades = [grade_file(path, exercise) for path in paths]
    return grades + [Grade(path, None, reason, skipped=True) for path, reason in skipped]


def reasons_of(grade: Grade) -> list[str]:
    if grade.result is None:
        return [grade.error]
    return grade.result.reasons


def format_score(score: float, digits: int = 2) -> str:
    """A score rounded down, so a failing 0.9962 reads 0.99, never 1.00 (only a full score shows 1)."""
    scale = 10**digits
    return f"{math.floor(score * scale + 1e-9) / scale:.{digits}f}"


def safe_text(text: str) -> str:
    """One line without control or format characters (no terminal escapes, no bidi tricks)."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


def file_cell(path: str) -> str:
    """A file name as one spreadsheet-safe cell that identifies the file: escaped reversibly.

    Like a URL: ``%`` becomes ``%25``; every character that is not printable (``str.isprintable``:
    tabs, newlines, escape codes, bidi overrides, zero-width and no-break spaces) becomes ``%XX`` of
    its UTF-8 bytes; a byte that was not UTF-8 (Python's surrogate escape) becomes ``%XX`` of that
    byte; a first character that would start a formula (``= + - @``) is escaped too. Everything
    else, accents and spaces included, is kept. So two files never share a row, and on POSIX
    ``os.fsdecode(urllib.parse.unquote_to_bytes(cell))`` gives the name back (:func:`file_from_cell`).
    Never shortened.
    """
    out = [_escaped(ch) for ch in path]
    if path.startswith(_FORMULA_START):
        out[0] = "".join(f"%{b:02X}" for b in path[0].encode("utf-8"))
    return "".join(out)


def file_from_cell(cell: str) -> str:
    """The file name back from :func:`file_cell`'s text."""
    return os.fsdecode(unquote_to_bytes(cell))


def _escaped(ch: str) -> str:
    if ch == "%":
        return "%25"
    if "\udc80" <= ch <= "\udcff":  # an undecodable byte, as os.fsdecode keeps it
        return f"%{ord(ch) - 0xDC00:02X}"
    if not ch.isprintable():  # controls, format characters, separators other than the plain space
        return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    return ch


def safe_cell(text: str) -> str:
    """One line of plain text that a spreadsheet shows as text, never runs as a formula."""
    text = safe_text(text)
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def report_csv(grades: Iterable[Grade]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for grade in grades:
        writer.writerow(
            [
                file_cell(grade.file),
                "true" if grade.passed else "false",
                format_score(grade.score, 4),
                safe_cell(REASON_SEPARATOR.join(reasons_of(grade))),
            ]
        )
    return buffer.getvalue()


def write_report(path: str, grades: Iterable[Grade]) -> None:
    """Write the CSV atomically (a crash leaves the old report or the new one)."""
    folder = Path(path).parent
    if not folder.is_dir():
        raise FormatError(f"cannot write the report: no folder {folder}")
    try:
        atomic_write_text(path, report_csv(grades))
    except OSError as exc:
        raise FormatError(f"cannot write the report {path}: {exc.strerror or exc}") from None
