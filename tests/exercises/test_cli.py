"""`nn-designer exercises` and `nn-designer check`: outputs, exit codes 0/1/2, batch grading, hostile files."""

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from designer.cli import main
from designer.exercises import load_exercise
from designer.exercises.catalog import BUILTIN_IDS, EXERCISES_DIR
from designer.exercises.grading import EMPTY_FOLDER_REASON, HIDDEN_REASON, LINKED_FOLDER_REASON, safe_cell
from designer.model import load, save
from tests.conftest import EXAMPLES, ROOT

XOR_EXAMPLE = str(EXAMPLES / "xor-step.json")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err):
    return err.count("\n") == 1 and err.startswith("nn-designer: error: ") and "Traceback" not in err


def lock_folders_named_locked(monkeypatch) -> None:
    """Folders named ``locked`` cannot be listed from now on (PermissionError where os.walk lists them):
    a hand-in folder a TA may not read, without needing a user who lacks the permission."""
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_exercises_lists_ids_and_titles(capsys):
    code, out, err = run(capsys, "exercises")
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert [line.split()[0] for line in lines][:4] == ["and", "or", "nand", "xor"]
    assert len(lines) == len(BUILTIN_IDS) and "spiral" in lines[-4] and "Learn the spiral" in lines[-4]
    assert lines[-1].split()[0] == "chain-relu-off" and "a ReLU that is off" in lines[-1]


def test_check_pass_and_fail_print_the_verdict_and_reasons(capsys):
    code, out, err = run(capsys, "check", XOR_EXAMPLE, "--exercise", "xor")
    assert code == 0 and err == ""
    assert out == f"PASS  {XOR_EXAMPLE}  score 1.00  (4 of 4 rows right)\n"
    code, out, _ = run(capsys, "check", XOR_EXAMPLE, "--exercise", "and")
    assert code == 1
    assert out.splitlines() == [
        f"FAIL  {XOR_EXAMPLE}  score 0.12  (1 of 4 rows right)",
        "  - 2 hidden neurons, none allowed (connect the inputs straight to the output)",
        "  - row x1=0, x2=1: output 1.0, expected 0",
        "  - row x1=1, x2=0: output 1.0, expected 0",
        "  - row x1=1, x2=1: output 0.0, expected 1",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--exercise", "xr"], "unknown exercise 'xr'"),
        (["--exercise", "missing.json"], "no such file"),
    ],
)
def test_unknown_exercise_exits_2_with_one_line(capsys, args, message):
    code, out, err = run(capsys, "check", XOR_EXAMPLE, *args)
    assert code == 2 and out == "" and one_line_error(err) and message in err


@pytest.mark.parametrize(
    "content", [b"{ truncated", b"\xff\xfe not utf-8", b'{"format": "nn-designer", "version": 7}', b"[" * 100_000]
)
def test_an_unreadable_single_file_exits_2_naming_it(capsys, tmp_path, content):
    path = tmp_path / "student.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "check", str(path), "--exercise", "xor")
    assert code == 2 and out == "" and one_line_error(err) and "student.json: " in err


def test_exercise_by_path_and_invalid_exercise_file(capsys, tmp_path):
    path = tmp_path / "mine.json"
    path.write_text((EXERCISES_DIR / "xor.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(capsys, "check", XOR_EXAMPLE, "--exercise", str(path))[0] == 0
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["constraints"]["max_hiden"] = 1
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "check", XOR_EXAMPLE, "--exercise", str(path))
    assert (
        code == 2 and one_line_error(err) and "constraints.max_hiden: unknown key (did you mean 'max_hidden'?)" in err
    )


def _submissions(tmp_path):
    """A folder as students hand it in: good, wrong, hostile and junk files."""
    sub = tmp_path / "subs"
    (sub / "group-b").mkdir(parents=True)
    (sub / ".git").mkdir()
    xor = load_exercise("xor")
    save(xor.solutions[0], sub / "alice.json")
    save(xor.solutions[1], sub / "group-b" / "bob.json")
    doc = json.loads((sub / "alice.json").read_text(encoding="utf-8"))
    text = json.dumps(doc).replace('"h1"', '"=HYPERLINK(\\"http://x\\")"')  # a hostile id ends up in a reason
    (sub / "carol.json").write_text(text, encoding="utf-8")
    (sub / "=SUM(A1).json").write_text("{ not json", encoding="utf-8")
    (sub / "dave.json").write_bytes(b"\x1b[31m" + b"[" * 50_000)
    (sub / "._alice.json").write_bytes(b"\x00\x05\x16\x07 mac junk")
    (sub / ".git" / "x.json").write_text("{}", encoding="utf-8")
    (sub / "notes.txt").write_text("not a submission", encoding="utf-8")
    return sub


def test_batch_report_rows_hostile_files_and_exit_1(capsys, tmp_path):
    sub = _submissions(tmp_path)
    report = tmp_path / "out" / "grades.csv"
    report.parent.mkdir()
    report.write_text("old report\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(sub), "--exercise", "xor-relu", "--report", str(report))
    assert code == 1 and err == ""
    assert (
        out == f"5 files checked against xor-relu: 1 passed, 4 failed, 1 hidden skipped; report written to {report}\n"
    )
    rows = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert rows[0] == ["file", "passed", "score", "reasons"]
    files = [r[0] for r in rows[1:]]
    assert files == [
        f"{sub}/=SUM(A1).json",  # tmp_path starts with "/": not a formula
        f"{sub}/alice.json",
        f"{sub}/carol.json",
        f"{sub}/dave.json",
        f"{sub}/group-b/bob.json",
        f"{sub}/._alice.json",  # hidden: listed as skipped, after the graded files
    ]
    by_name = {r[0].rsplit("/", 1)[1]: r for r in rows[1:]}
    assert by_name["bob.json"][1:] == ["true", "1.0000", ""]
    assert by_name["alice.json"][1] == "false" and "allowed: relu" in by_name["alice.json"][3]
    assert by_name["=SUM(A1).json"][1:3] == ["false", "0.0000"]
    assert by_name["=SUM(A1).json"][3].startswith("unreadable: not valid JSON")
    assert by_name["dave.json"][3].startswith("unreadable: ")
    assert by_name["._alice.json"][1:] == ["false", "0.0000", HIDDEN_REASON]
    carol = by_name["carol.json"][3]
    assert carol.startswith("'=HYPERLINK(") and "h2 use step; allowed: relu | output y uses step" in carol  # defused
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
        assert all("\x1b" not in cell for cell in row)
    assert sorted(p.name for p in report.parent.iterdir()) == ["grades.csv"]  # atomic: no temp file left


def test_batch_without_report_prints_a_block_per_file_and_exit_0_when_all_pass(capsys, tmp_path):
    xor = load_exercise("xor")
    for i, solution in enumerate(xor.solutions):
        save(solution, tmp_path / f"s{i}.json")
    code, out, _ = run(capsys, "check", str(tmp_path / "s1.json"), str(tmp_path), "--exercise", "xor")
    assert code == 0
    assert out.splitlines() == [
        f"PASS  {tmp_path / 's1.json'}  score 1.00  (4 of 4 rows right)",
        f"PASS  {tmp_path / 's0.json'}  score 1.00  (4 of 4 rows right)",
    ]  # arguments in order, each file once
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path), "--exercise", "xor")
    assert code == 1
    assert out.splitlines()[:2] == [
        f"FAIL  {tmp_path / 'broken.json'}  score 0.00",
        "  - unreadable: not valid JSON: Expecting property name enclosed in double quotes at end of file (truncated?)",
    ]


def test_a_row_about_a_file_does_not_name_it_again(capsys, tmp_path):
    """The row is headed by the file: its reason says what is wrong, not the file's name a second time."""
    good = tmp_path / "good.json"
    save(load_exercise("xor").solutions[0], good)
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone" / "x.json")
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    os.mkfifo(tmp_path / "pipe.json")
    names = ["dangling.json", "loop.json", "pipe.json", "missing.json"]
    code, out, _ = run(capsys, "check", *(str(tmp_path / n) for n in names), str(good), "--exercise", "xor")
    assert code == 1
    reasons = [line for line in out.splitlines() if line.startswith("  - ")]
    assert reasons == [
        f"  - unreadable: a symbolic link to {tmp_path / 'gone' / 'x.json'}, which does not exist",
        "  - unreadable: a loop of symbolic links",
        "  - unreadable: a FIFO (named pipe), not a regular file",
        "  - unreadable: no such file",
    ]


def test_batch_bad_input_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path), "--exercise", "xor")
    assert code == 2 and one_line_error(err) and "no .json files found" in err
    save(load_exercise("xor").solutions[0], tmp_path / "a.json")
    code, _, err = run(capsys, "check", str(tmp_path), "--exercise", "xor", "--report", str(tmp_path / "no" / "g.csv"))
    assert code == 2 and one_line_error(err) and "cannot write the report" in err


def test_verify_checks_the_reference_solutions(capsys, tmp_path):
    code, out, _ = run(capsys, "exercises", "--verify", "xor")
    assert code == 0 and out.splitlines()[0].startswith("PASS  solutions[0]") and "starter: fails" in out
    doc = json.loads((EXERCISES_DIR / "and.json").read_text(encoding="utf-8"))
    doc["solutions"][0]["neurons"][0]["bias"] = -0.5  # that is OR
    path = tmp_path / "bad-and.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run(capsys, "exercises", "--verify", str(path))
    assert code == 1 and out.startswith("FAIL  solutions[0]")


def test_safe_cell_defuses_formulas_and_control_characters():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("  -2") == "'-2"
    assert safe_cell("＝1") == "'＝1"
    assert safe_cell("\x1b[31mred\r\n=x") == "[31mred =x"
    assert safe_cell("a\u202etxt.exe") == "a txt.exe"
    assert safe_cell("ok; fine") == "ok; fine"


def test_python_m_designer_check_end_to_end(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "designer", "check", XOR_EXAMPLE, "--exercise", "nand"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1 and result.stdout.startswith("FAIL") and result.stderr == ""


def test_links_to_folders_and_empty_folders_get_a_skipped_row_not_silence(tmp_path, capsys):
    """A student's folder linked into the hand-ins, or an empty folder named beside files, vanished
    from the report: "1 file checked … 1 passed", exit 0, no word of stud1 (found by a TA's script)."""
    real = tmp_path / "real" / "stud1"
    real.mkdir(parents=True)
    save(load(XOR_EXAMPLE), real / "s.json")
    handins = tmp_path / "handins"
    handins.mkdir()
    save(load(XOR_EXAMPLE), handins / "alice.json")
    (handins / "stud1").symlink_to(real, target_is_directory=True)
    empty = tmp_path / "empty"
    empty.mkdir()
    report = tmp_path / "r.csv"
    code, out, err = run(capsys, "check", str(handins), str(empty), "--exercise", "xor", "--report", str(report))
    assert code == 0 and err == ""
    assert out.startswith("1 file checked against xor: 1 passed, 0 failed, 2 folders skipped;")
    rows = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert [(r[0], r[1], r[3]) for r in rows[1:]] == [
        (f"{handins}/alice.json", "true", ""),
        (f"{handins}/stud1", "false", LINKED_FOLDER_REASON),
        (str(empty), "false", EMPTY_FOLDER_REASON),
    ]
    code, out, _ = run(capsys, "check", str(handins), str(empty), "--exercise", "xor")
    assert code == 0 and f"SKIP  {handins}/stud1  score 0.00\n  - {LINKED_FOLDER_REASON}" in out
    assert f"SKIP  {empty}  score 0.00\n  - {EMPTY_FOLDER_REASON}" in out


def test_only_empty_folders_is_still_bad_input(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    code, out, err = run(capsys, "check", str(tmp_path / "a"), str(tmp_path / "b"), "--exercise", "xor")
    assert code == 2 and out == "" and one_line_error(err) and "no .json files found" in err


def test_a_folder_of_only_hidden_files_is_bad_input_not_all_passed(tmp_path, capsys):
    """It printed a SKIP block and exited 0, as if every hand-in had passed."""
    save(load_exercise("xor").solutions[0], tmp_path / ".alice.json")
    code, out, err = run(capsys, "check", str(tmp_path), "--exercise", "xor")
    assert code == 2 and out == "" and one_line_error(err)
    assert "no .json files found" in err and "1 hidden file, graded only when named on the command line" in err


def test_a_folder_of_only_links_to_folders_grades_nothing_and_says_so(tmp_path, capsys):
    """`subs/` built from links to the students' folders: "0 files checked … 1 folder skipped", exit 0,
    read as "all passed"; it is bad input, as a folder without .json files."""
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "stud1").symlink_to(tmp_path, target_is_directory=True)
    code, out, err = run(capsys, "check", str(subs), "--exercise", "xor")
    assert code == 2 and out == "" and one_line_error(err)
    assert err.endswith(f"no .json files found in {subs} (1 link to a folder, not followed)\n")


def test_a_folder_that_cannot_be_read_gets_a_skipped_row(tmp_path, capsys, monkeypatch):
    """A student's folder without read permission vanished from the report (root reads anything:
    the refusal is simulated where os.walk lists the folder)."""
    folder = tmp_path / "handins"
    (folder / "locked").mkdir(parents=True)
    save(load(XOR_EXAMPLE), folder / "alice.json")
    lock_folders_named_locked(monkeypatch)
    code, out, _ = run(capsys, "check", str(folder), "--exercise", "xor")
    assert code == 0
    assert f"SKIP  {folder}/locked  score 0.00\n  - skipped: a folder that cannot be read (Permission denied)" in out
    code, out, err = run(capsys, "check", str(folder / "locked"), "--exercise", "xor")  # alone: bad input, said why
    assert code == 2 and out == "" and one_line_error(err)
    assert err.endswith("a folder that cannot be read (Permission denied))\n") and "without .json" not in err


def test_a_report_never_replaces_a_hand_in_or_the_exercise(capsys, tmp_path):
    """--report naming a checked file or the exercise file replaced it with the grades CSV."""
    hand_in = tmp_path / "mine.json"
    save(load_exercise("xor").solutions[0], hand_in)
    exercise = tmp_path / "ex.json"
    exercise.write_bytes((EXERCISES_DIR / "xor.json").read_bytes())
    before = hand_in.read_bytes(), exercise.read_bytes()
    code, out, err = run(capsys, "check", str(hand_in), "--exercise", "xor", "--report", str(hand_in))
    assert code == 2 and out == "" and "is one of the files being checked: give another file" in err
    code, _, err = run(capsys, "check", str(tmp_path), "--exercise", str(exercise), "--report", str(exercise))
    assert code == 2 and "is the exercise file: give another file" in err
    assert (hand_in.read_bytes(), exercise.read_bytes()) == before


def test_check_of_an_answers_file_against_a_design_exercise_says_what_the_file_is(capsys, tmp_path):
    """It said "not an NN Designer network file", as if the file were broken or foreign."""
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps({"format": "nn-designer-answers", "version": 1, "exercise": "chain-1-1-1", "answers": {}}),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", "--exercise", "xor", str(path))
    assert code == 2 and out == "" and one_line_error(err)
    assert err == (
        f"nn-designer: error: {path}: a chain-rule answers file (for 'chain-1-1-1'), not a network: "
        "check grades it only against a chain-rule exercise (--exercise chain-1-1-1)\n"
    )
    path.write_text(json.dumps({"format": "nn-designer-answers", "version": 1, "answers": {}}), encoding="utf-8")
    code, out, err = run(capsys, "check", "--exercise", "xor", str(path))
    assert code == 2 and one_line_error(err)
    assert err.endswith(
        ": a chain-rule answers file, not a network: check grades it only against a chain-rule exercise\n"
    )
    for named, hint in [("xor", "; it names 'xor', which is no chain-rule exercise"), ("<b>my-drill", "")]:
        # the exercise given, or a teacher's drill: the file's text is no option to suggest
        document = {"format": "nn-designer-answers", "version": 1, "exercise": named, "answers": {}}
        path.write_text(json.dumps(document), encoding="utf-8")
        code, out, err = run(capsys, "check", "--exercise", "xor", str(path))
        assert code == 2 and one_line_error(err) and "--exercise" not in err
        assert err.endswith(
            f"(for '{named}'), not a network: check grades it only against a chain-rule exercise{hint}\n"
        )


@pytest.mark.parametrize("name", ["two\nlines.csv", "grades\u202evsc.csv", "a\x1b[31m.csv"])
def test_the_report_line_names_an_odd_report_file_on_one_line(capsys, tmp_path, name):
    """ "report written to two" and "lines.csv" came on two lines (and U+202E reversed the rest)."""
    save(load_exercise("xor").solutions[0], tmp_path / "alice.json")
    report = tmp_path / "out" / name
    report.parent.mkdir()
    code, out, err = run(capsys, "check", str(tmp_path / "alice.json"), "--exercise", "xor", "--report", str(report))
    assert code == 0 and err == "" and report.exists()
    assert out.count("\n") == 1 and out[:-1].isprintable() and "report written to " in out


def test_a_renamed_hand_in_in_a_folder_is_named_on_stderr_not_dropped_without_a_word(capsys, tmp_path):
    """A browser saved alice's file as ``alice.json.txt``: folders grade only ``*.json``, so it had no row,
    the summary counted one file less and nothing said a hand-in was left out."""
    sub = tmp_path / "subs"
    sub.mkdir()
    xor = load_exercise("xor")
    save(xor.solutions[0], sub / "bob.json")
    save(xor.solutions[0], sub / "alice.json.txt")
    save(xor.solutions[0], sub / "carol.JSON (1)")
    (sub / "notes.txt").write_text("not a submission", encoding="utf-8")
    report = tmp_path / "grades.csv"
    code, out, err = run(capsys, "check", str(sub), "--exercise", "xor", "--report", str(report))
    assert code == 0 and out == f"1 file checked against xor: 1 passed, 0 failed; report written to {report}\n"
    assert err == (
        f"nn-designer: note: left out 2 files whose name does not end in .json: {sub}/alice.json.txt, "
        f"{sub}/carol.JSON (1); rename them to end in .json or name them on the command line to grade them\n"
    )
    assert [row[0] for row in csv.reader(io.StringIO(report.read_text(encoding="utf-8")))] == [
        "file",
        f"{sub}/bob.json",
    ]
    code, out, err = run(capsys, "check", str(sub), str(sub / "alice.json.txt"), "--exercise", "xor")
    assert code == 0 and f"PASS  {sub}/alice.json.txt" in out  # named on the command line: graded, and no note
    assert err.count("\n") == 1 and "alice.json.txt" not in err and "carol.JSON (1)" in err


def test_a_folder_holding_only_renamed_hand_ins_says_so_in_its_error(capsys, tmp_path):
    sub = tmp_path / "subs"
    sub.mkdir()
    save(load_exercise("xor").solutions[0], sub / "alice.json.txt")
    code, out, err = run(capsys, "check", str(sub), "--exercise", "xor")
    assert code == 2 and out == "" and one_line_error(err)
    assert err.endswith(
        f"(left out 1 file whose name does not end in .json: {sub}/alice.json.txt; rename it to "
        "end in .json or name it on the command line to grade it)\n"
    )


def test_an_exercise_given_without_its_json_beside_the_file_suggests_the_path(capsys, tmp_path, monkeypatch):
    """``--exercise hat`` in the folder holding the teacher's hat.json said only "unknown exercise 'hat'"."""
    exercise = json.loads((EXERCISES_DIR / "xor.json").read_text(encoding="utf-8"))
    (tmp_path / "hat.json").write_text(json.dumps({**exercise, "id": "week5-hat"}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", XOR_EXAMPLE, "--exercise", "hat")
    assert code == 2 and out == "" and one_line_error(err)
    assert err.startswith("nn-designer: error: unknown exercise 'hat' (known: and, or,")
    assert err.endswith("; or give the path of an exercise .json file: did you mean hat.json?)\n")
    code, out, err = run(capsys, "check", XOR_EXAMPLE, "--exercise", "hut")
    assert code == 2 and err.endswith("; or give the path of an exercise .json file)\n")
    code, out, err = run(capsys, "check", XOR_EXAMPLE, "--exercise", "hat.json")
    assert code == 0 and out.startswith("PASS")


def test_a_renamed_hand_in_named_on_the_command_line_in_other_words_gets_no_note(capsys, tmp_path, monkeypatch):
    """``check ./subs subs/alice.json.txt`` graded alice's file and still said it was left out: the note
    matched the folder's path and the named one letter for letter (./subs/… against subs/…)."""
    sub = tmp_path / "subs"
    sub.mkdir()
    xor = load_exercise("xor")
    save(xor.solutions[0], sub / "bob.json")
    save(xor.solutions[0], sub / "alice.json.txt")
    monkeypatch.chdir(tmp_path)
    for folder, named in (("./subs", "subs/alice.json.txt"), ("subs", "./subs//alice.json.txt")):
        code, out, err = run(capsys, "check", folder, named, "--exercise", "xor")
        assert code == 0 and f"PASS  {named}" in out
        assert err == ""
