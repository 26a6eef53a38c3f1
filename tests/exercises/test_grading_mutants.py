"""What `nn-designer check` does with a batch of hand-ins where the mutation check (docs/testing.md)
found no test: every case is a verdict, a score, a report row or an exit code staff rely on."""

import csv
import io
import json

from designer.cli import main
from designer.exercises import grading, load_exercise
from designer.exercises.catalog import EXERCISES_DIR
from designer.model import save
from tests.exercises.teacher_files import network, write
from tests.exercises.test_chainrule import BY_HAND, write_answers
from tests.exercises.test_cli import lock_folders_named_locked


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def report_rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))[1:]


def _handins(folder, names):
    """One passing XOR network per name."""
    folder.mkdir()
    for name in names:
        save(load_exercise("xor").solutions[0], folder / name)
    return folder


def _fail_on(monkeypatch, failures):
    """``failures``: file name → (stage, exception) raised while that hand-in is read ("read") or checked
    ("judge"): what a checker bug or a hand-in that exhausts memory does to the batch. Patched inside
    ``grading`` only (the CLI module may be imported meanwhile: it must keep the real functions)."""
    current = []
    real_read, real_check = grading.read_network, grading.check

    def read_network(path):
        current[:] = [path.rsplit("/", 1)[-1]]
        stage, error = failures.get(current[0], ("", None))
        if stage == "read":
            raise error
        return real_read(path)

    def check(network, exercise):
        stage, error = failures.get(current[0], ("", None))
        if stage == "judge":
            raise error
        return real_check(network, exercise)

    monkeypatch.setattr(grading, "read_network", read_network)
    monkeypatch.setattr(grading, "check", check)


FAILURES = {
    "deep.json": ("read", RecursionError()),
    "huge.json": ("read", MemoryError()),
    "oom.json": ("judge", MemoryError()),
    "bug.json": ("judge", ZeroDivisionError("float division by zero")),
}
REASONS = {
    "deep.json": "unreadable: too large or nested too deeply",
    "huge.json": "unreadable: too large or nested too deeply",
    "oom.json": "not checked: out of memory",
    "bug.json": "not checked: internal error (ZeroDivisionError); please report this",
}


def test_a_hand_in_the_checker_cannot_handle_fails_with_its_reason_and_the_batch_goes_on(tmp_path, capsys, monkeypatch):
    handins = _handins(tmp_path / "handins", ["alice.json", *FAILURES])
    _fail_on(monkeypatch, FAILURES)
    report = tmp_path / "grades.csv"
    code, out, err = run(capsys, "check", str(handins), "--exercise", "xor", "--report", str(report))
    assert code == 1 and err == ""
    assert out == f"5 files checked against xor: 1 passed, 4 failed; report written to {report}\n"
    rows = {row[0].rsplit("/", 1)[-1]: row[1:] for row in report_rows(report)}
    assert rows == {
        "alice.json": ["true", "1.0000", ""],
        **{name: ["false", "0.0000", reason] for name, reason in REASONS.items()},
    }
    code, out, _ = run(capsys, "check", str(handins), "--exercise", "xor")
    assert code == 1
    for name, reason in REASONS.items():
        assert f"FAIL  {handins / name}  score 0.00\n  - {reason}\n" in out


def test_a_hidden_link_to_a_folder_is_left_out_like_a_hidden_folder(tmp_path, capsys):
    """Hidden folders (``.git``, ``.snapshots``) are not entered and not listed; a hidden link to a
    folder is one of them, not a "link to a folder" row (nor a reason to say something was skipped)."""
    elsewhere = _handins(tmp_path / "elsewhere", ["old.json"])
    handins = _handins(tmp_path / "handins", ["alice.json"])
    (handins / ".snapshots").symlink_to(elsewhere, target_is_directory=True)
    report = tmp_path / "grades.csv"
    code, out, _ = run(capsys, "check", str(handins), "--exercise", "xor", "--report", str(report))
    assert code == 0
    assert out == f"1 file checked against xor: 1 passed, 0 failed; report written to {report}\n"
    assert report_rows(report) == [[f"{handins}/alice.json", "true", "1.0000", ""]]


def test_answers_for_another_drill_fail_in_a_batch_too(tmp_path, capsys):
    """Right values, but the file names another drill: a failing row, counted as failed (the batch sums
    the verdicts: anything but True or False there is no verdict)."""
    folder = tmp_path / "answers"
    folder.mkdir()
    write_answers(folder / "alice.json", BY_HAND["chain-relu-off"])
    write_answers(folder / "bob.json", BY_HAND["chain-relu-off"], exercise="chain-1-1-1")
    report = tmp_path / "grades.csv"
    code, out, _ = run(capsys, "check", str(folder), "--exercise", "chain-relu-off", "--report", str(report))
    assert code == 1
    assert out == f"2 files checked against chain-relu-off: 1 passed, 1 failed; report written to {report}\n"
    rows = {row[0].rsplit("/", 1)[-1]: row[1:] for row in report_rows(report)}
    assert rows["alice.json"] == ["true", "1.0000", ""]
    assert rows["bob.json"][0] == "false"
    assert rows["bob.json"][2] == "these answers are for the exercise 'chain-1-1-1'"


#: an exercise id of 41 characters: the grade shows 39 of them and "…"
LONG_ID = "majority-of-three-inputs-for-group-b-2026"
SHOWN_ID = LONG_ID[:39] + "…"


def test_a_hand_in_for_another_exercise_says_so_first_with_its_id_shortened(tmp_path, capsys):
    """The first reason of a wrong-exercise hand-in names the exercise it was made for (shortened to
    40 characters), before the failures that follow from it."""
    folder = tmp_path / "handins"
    folder.mkdir()
    write_answers(folder / "answers.json", {**BY_HAND["chain-relu-off"], "da:y": "1"}, exercise=LONG_ID)
    report = tmp_path / "grades.csv"
    assert run(capsys, "check", str(folder), "--exercise", "chain-relu-off", "--report", str(report))[0] == 1
    reasons = report_rows(report)[0][3].split(" | ")
    assert reasons[0] == f"these answers are for the exercise '{SHOWN_ID}'" and len(reasons) == 2
    (folder / "answers.json").unlink()
    y = {"id": "y", "activation": "step", "bias": -0.5}  # OR
    or_network = network([y], [("x1", "y", 1), ("x2", "y", 1)], inputs=("x1", "x2"), exercise=LONG_ID)
    write(folder / "network.json", or_network)
    assert run(capsys, "check", str(folder), "--exercise", "xor", "--report", str(report))[0] == 1
    reasons = report_rows(report)[0][3].split(" | ")
    assert reasons[0] == f"saved from the exercise '{SHOWN_ID}', not 'xor'" and reasons[1].startswith("row ")


def test_a_hand_in_that_overflows_says_at_how_many_points(tmp_path, capsys):
    """y = 1e308·x1 + 1e308 is +∞ on the two rows with x1 = 1: each counts as wrong, and the reason
    counts them (not "1 point" for the whole table)."""
    y = {"id": "y", "activation": "linear", "bias": 1e308}
    huge = write(tmp_path / "huge.json", network([y], [("x1", "y", 1e308), ("x2", "y", 0)], inputs=("x1", "x2")))
    code, out, err = run(capsys, "check", str(huge), "--exercise", "and")
    assert code == 1, err
    assert out.startswith(f"FAIL  {huge}  score 0.00  (0 of 4 rows right)\n")
    assert out.endswith("  - the output is not a finite number at 2 point(s): are some weights huge?\n")


def test_verify_says_when_a_teachers_starter_passes_already(tmp_path, capsys):
    """A starter that already solves the exercise is worth a word to its author (it is no error)."""
    doc = json.loads((EXERCISES_DIR / "and.json").read_text(encoding="utf-8"))
    doc["id"] = "and-solved"
    doc["starter"] = doc["solutions"][0]
    path = tmp_path / "and-solved.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run(capsys, "exercises", "--verify", str(path))
    assert code == 0
    assert out.splitlines()[-1] == "starter: passes already (is that intended?)"


def test_the_summary_counts_each_kind_of_skipped_entry(tmp_path, capsys):
    """One hidden file and one link to a folder beside a graded hand-in: both counted, in the singular."""
    handins = _handins(tmp_path / "handins", ["alice.json", ".alice.json"])
    (handins / "bob").symlink_to(_handins(tmp_path / "bob", ["b.json"]), target_is_directory=True)
    report = tmp_path / "grades.csv"
    code, out, _ = run(capsys, "check", str(handins), "--exercise", "xor", "--report", str(report))
    assert code == 0
    assert out == (
        f"1 file checked against xor: 1 passed, 0 failed, 1 hidden skipped, 1 folder skipped; "
        f"report written to {report}\n"
    )


def test_a_report_in_the_current_folder_is_written(tmp_path, capsys, monkeypatch):
    """``--report grades.csv`` (no folder in the name) writes into the current folder."""
    _handins(tmp_path / "handins", ["alice.json"])
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "handins", "--exercise", "xor", "--report", "grades.csv")
    assert (code, err) == (0, "")
    assert out == "1 file checked against xor: 1 passed, 0 failed; report written to grades.csv\n"
    assert report_rows(tmp_path / "grades.csv") == [["handins/alice.json", "true", "1.0000", ""]]


def test_nothing_to_grade_says_exactly_what_was_found_instead(tmp_path, capsys, monkeypatch):
    """Exit 2, and one line naming what is there and why none of it is graded."""
    subs = tmp_path / "subs"
    (subs / "locked").mkdir(parents=True)
    for name in (".a.json", ".b.json"):
        save(load_exercise("xor").solutions[0], subs / name)
    for name in ("stud1", "stud2"):
        (subs / name).symlink_to(tmp_path, target_is_directory=True)
    lock_folders_named_locked(monkeypatch)
    code, out, err = run(capsys, "check", str(subs), "--exercise", "xor")
    assert (code, out) == (2, "")
    assert err == (
        f"nn-designer: error: no .json files found in {subs} (2 links to a folder, not followed; "
        f"2 hidden files, graded only when named on the command line; "
        f"{subs}/locked: a folder that cannot be read (Permission denied))\n"
    )
    empty = [tmp_path / "a", tmp_path / "b"]
    for folder in empty:
        folder.mkdir()
    code, out, err = run(capsys, "check", *map(str, empty), "--exercise", "xor")
    assert (code, out) == (2, "")
    assert err == f"nn-designer: error: no .json files found in {empty[0]}, {empty[1]}\n"


def test_an_answers_row_quotes_what_the_student_wrote(tmp_path, capsys):
    """A wrong JSON number is quoted as written; an unreadable text is shortened to 30 characters;
    entries the drill does not ask for are named, five at most, each shortened to 30."""
    labels = {q.id: q.label for q in load_exercise("chain-relu-off").quantities}
    unreadable = "three halves, or so I would say"  # 31 characters
    extra = {"an-entry-id-of-thirty-one-chars": "1"} | {f"extra{i}": "1" for i in range(5)}
    answers = {**BY_HAND["chain-relu-off"], "da:y": 0.5, "da:h1": unreadable, **extra}
    path = write_answers(tmp_path / "alice.json", answers)
    report = tmp_path / "grades.csv"
    assert run(capsys, "check", str(path), "--exercise", "chain-relu-off", "--report", str(report))[0] == 1
    [(_, passed, score, reasons)] = report_rows(report)
    reasons = reasons.split(" | ")
    assert (passed, score, len(reasons)) == ("false", "0.8000", 3)
    assert reasons[0].startswith(f"{labels['da:y']}: 0.5 is wrong: ")
    assert reasons[1].startswith(f"{labels['da:h1']}: cannot read '{unreadable[:29]}…': ")
    assert reasons[2] == "not asked: an-entry-id-of-thirty-one-cha…, extra0, extra1, extra2, extra3 …"
    del answers["extra4"]  # five not asked: all named, nothing more to hint at
    write_answers(path, answers)
    assert run(capsys, "check", str(path), "--exercise", "chain-relu-off", "--report", str(report))[0] == 1
    assert report_rows(report)[0][3].endswith(
        " | not asked: an-entry-id-of-thirty-one-cha…, extra0, extra1, extra2, extra3"
    )
