"""A teacher writes exercise and lesson files from the docs and grades hand-ins with the CLI: what
stumbled (a refused lesson the docs call valid, a fault without its place, a grade that hid its cause)."""

from __future__ import annotations

import json

from designer.cli import main
from designer.lessons import load_lesson
from tests.exercises.teacher_files import (
    half_adder_exercise,
    half_adder_solution,
    lesson,
    majority_exercise,
    majority_solution,
    majority_with_starter,
    network,
    write,
)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_lesson_step_on_a_three_input_exercise_shows_its_points_not_the_default_xor(capsys, tmp_path):
    """lessons.md: a step whose "training" names no dataset shows the exercise's own points; the
    reader still made the default two-input xor for the three-input network and refused the lesson."""
    write(tmp_path / "majority.json", majority_with_starter())
    path = write(tmp_path / "week-2.json", lesson("majority.json"))
    assert run(capsys, "lessons", path) == (0, "week-2  Week 2  (1 step)\n1. Majority\n", "")
    step = load_lesson(path).steps[0]
    assert step.exercise.id == "majority3" and step.exercise_data


def test_a_lesson_step_whose_data_does_not_fit_is_still_refused(capsys, tmp_path):
    write(tmp_path / "majority.json", majority_with_starter())
    doc = lesson("majority.json")
    doc["steps"][0]["training"] = {"dataset": "xor"}
    path = write(tmp_path / "week-2.json", doc)
    code, out, err = run(capsys, "lessons", path)
    assert (code, out) == (2, "")
    assert err == (
        f"nn-designer: error: {path}: steps[0].training: dataset 'xor' has 2 input(s) but the network has 3\n"
    )


def test_starter_of_an_exercise_without_one_is_refused_naming_the_exercise_and_the_fix(capsys, tmp_path):
    """It said only "the network has no output neuron": the teacher had written no network at all."""
    write(tmp_path / "majority.json", majority_exercise())
    path = write(tmp_path / "week-2.json", lesson("majority.json"))
    code, out, err = run(capsys, "lessons", path)
    assert (code, out) == (2, "")
    assert err == (
        f"nn-designer: error: {path}: steps[0].network: the starter network of the exercise 'majority3' cannot "
        "be shown: the network has no output neuron (mark a neuron as output); the exercise file has no "
        '"starter" (it starts from its inputs alone): give it one, or give the step a network\n'
    )


def test_a_duplicate_key_is_named_with_its_line_and_column(capsys, tmp_path):
    """Every node has an "id": the key alone did not say which object held it twice."""
    text = json.dumps(majority_exercise(), indent=1).replace('"bias": -1.5', '"bias": -1.5, "bias": 2')
    path = tmp_path / "majority.json"
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"bias": 2' in row)
    column = text.splitlines()[line - 1].index('"bias": 2') + 1
    code, out, err = run(capsys, "exercises", "--verify", path)
    assert (code, out) == (2, "")
    assert err == (
        f"nn-designer: error: {path}: duplicate key 'bias' in a JSON object at line {line} column {column}\n"
    )
    net = tmp_path / "net.json"
    net.write_text('{"format": "nn-designer",\n "version": 1,\n "version": 2}', encoding="utf-8")
    assert run(capsys, "validate", net) == (
        2,
        "",
        f"nn-designer: error: {net}: duplicate key 'version' in a JSON object at line 3 column 2\n",
    )


def test_a_network_saved_from_another_exercise_says_so_in_its_grade(capsys, tmp_path):
    """A hand-in for the wrong exercise read "input x3 missing" as if the student had left one out."""
    exercise = write(tmp_path / "majority.json", majority_exercise())
    hand_ins = tmp_path / "hand-ins"
    hand_ins.mkdir()
    write(hand_ins / "alice.json", majority_solution(exercise="majority3"))
    xor = [{"id": "y", "activation": "step", "bias": -0.5}]
    write(hand_ins / "frank.json", network(xor, [("x1", "y", 1), ("x2", "y", 1)], inputs=("x1", "x2"), exercise="or"))
    write(hand_ins / "grace.json", majority_solution(exercise="nand"))  # passes: whatever it was saved from
    code, out, err = run(capsys, "check", hand_ins, "--exercise", exercise)
    assert (code, err) == (1, "")
    assert out == (
        f"PASS  {hand_ins}/alice.json  score 1.00  (8 of 8 rows right)\n"
        f"FAIL  {hand_ins}/frank.json  score 0.00  (not evaluated: fix the problems listed)\n"
        "  - saved from the exercise 'or', not 'majority3'\n"
        "  - input x3 missing (the exercise needs inputs x1, x2, x3)\n"
        f"PASS  {hand_ins}/grace.json  score 1.00  (8 of 8 rows right)\n"
    )
    report = tmp_path / "grades.csv"
    assert run(capsys, "check", hand_ins, "--exercise", exercise, "--report", report)[0] == 1
    rows = report.read_text(encoding="utf-8").splitlines()
    assert rows[2] == (
        f"{hand_ins}/frank.json,false,0.0000,"
        "\"saved from the exercise 'or', not 'majority3' | input x3 missing (the exercise needs inputs x1, x2, x3)\""
    )


def test_a_file_of_another_kind_is_named_as_what_it_is(capsys, tmp_path):
    """Arguments swapped (the hand-in as --exercise), an exercise file handed in, a lesson validated:
    each read "not an NN Designer … file", as if foreign or broken."""
    exercise = write(tmp_path / "majority.json", majority_exercise())
    alice = write(tmp_path / "alice.json", majority_solution(exercise="majority3"))
    week = write(tmp_path / "week-2.json", lesson("majority.json"))
    expected = 'nn-designer: error: {}: not an NN Designer {} file (no "format": "{}"): it is {}\n'
    assert run(capsys, "check", exercise, "--exercise", alice) == (
        2,
        "",
        expected.format(alice, "exercise", "nn-designer-exercise", "a network file"),
    )
    assert run(capsys, "check", exercise, "--exercise", exercise) == (
        2,
        "",
        expected.format(exercise, "network", "nn-designer", "an exercise file"),
    )
    assert run(capsys, "validate", week) == (2, "", expected.format(week, "network", "nn-designer", "a lesson file"))
    assert run(capsys, "lessons", exercise) == (
        2,
        "",
        expected.format(exercise, "lesson", "nn-designer-lesson", "an exercise file"),
    )
    code, out, err = run(capsys, "check", tmp_path, "--exercise", exercise)
    assert (code, err) == (1, "")
    reason = '  - unreadable: not an NN Designer network file (no "format": "nn-designer"): it is {}\n'
    assert f"FAIL  {exercise}  score 0.00\n{reason.format('an exercise file')}" in out
    assert f"FAIL  {week}  score 0.00\n{reason.format('a lesson file')}" in out


def test_a_truth_table_giving_one_input_two_outputs_is_refused_naming_both_rows(capsys, tmp_path):
    """A row pasted twice with another output was accepted: no network can pass, and --verify called the
    reference solution wrong (`row x1=0, x2=0, x3=0: output 0.0, expected 1`)."""
    doc = majority_exercise()
    doc["target"]["rows"].append({"inputs": [0, 0, 0], "output": 1})
    path = write(tmp_path / "majority.json", doc)
    assert run(capsys, "exercises", "--verify", path) == (
        2,
        "",
        f"nn-designer: error: {path}: target.rows[8]: inputs [0, 0, 0] are those of target.rows[0] with another "
        "output (1, not 0)\n",
    )
    doc["target"]["rows"][-1]["output"] = 0  # the same row twice is no contradiction
    write(path, doc)
    assert run(capsys, "exercises", "--verify", path) == (
        0,
        "PASS  solutions[0]  score 1.00  (9 of 9 rows right)\nstarter: fails, as it should\n",
        "",
    )


def test_version_0_is_named_as_an_unknown_version_not_as_no_whole_number(capsys, tmp_path):
    """`"version": 0` read `"version": expected a whole number` in exercise, lesson and answers files."""
    doc = {**majority_exercise(), "version": 0}
    path = write(tmp_path / "majority.json", doc)
    assert run(capsys, "exercises", "--verify", path) == (
        2,
        "",
        f"nn-designer: error: {path}: unknown exercise version 0 (this one reads version 1)\n",
    )
    week = write(tmp_path / "week-2.json", {**lesson("majority.json"), "version": -1})
    assert run(capsys, "lessons", week) == (
        2,
        "",
        f"nn-designer: error: {week}: unknown lesson version -1 (this one reads version 1)\n",
    )
    write(path, majority_exercise())
    answers = write(tmp_path / "a.json", {"format": "nn-designer-answers", "version": 0, "answers": {}})
    code, out, err = run(capsys, "check", answers, "--exercise", "chain-relu-off")
    assert (code, out) == (2, "")
    assert err == f"nn-designer: error: {answers}: unknown answers version 0 (this one reads version 1)\n"


def test_a_drill_without_its_kind_is_told_to_add_it(capsys, tmp_path):
    """It read `network: unknown key (allowed: format, version, id, …)`: the file was taken for a design."""
    drill = {
        "format": "nn-designer-exercise",
        "version": 1,
        "id": "chain-majority",
        "title": "Chain rule on the majority",
        "group": "backpropagation",
        "prompt": "Backpropagate by hand.",
        "network": majority_solution(),
        "sample": {"inputs": {"x1": 1, "x2": 1, "x3": 0}, "target": {"y": 1}},
        "loss": "mse",
        "asked": ["db:y"],
    }
    path = write(tmp_path / "drill.json", drill)
    assert run(capsys, "exercises", "--verify", path) == (
        2,
        "",
        f'nn-designer: error: {path}: kind: missing: sample, loss, asked belong to a chain-rule exercise; add "kind": '
        '"chain_rule" (a network design has no "kind")\n',
    )
    design = {**majority_exercise(), "network": majority_solution()}  # "given" misnamed: no drill
    path = write(tmp_path / "design.json", design)
    code, out, err = run(capsys, "exercises", "--verify", path)
    assert (code, out) == (2, "") and err.startswith(f"nn-designer: error: {path}: network: unknown key")


def test_a_half_adder_graded_with_one_output_says_1_output(capsys, tmp_path):
    """A two-output truth table (the half adder): a hand-in with only the sum bit read "1 outputs (s)"."""
    path = write(tmp_path / "half-adder.json", half_adder_exercise())
    sum_only = write(tmp_path / "sum-only.json", {**half_adder_solution(), "outputs": ["s"]})
    assert run(capsys, "check", sum_only, "--exercise", path) == (
        1,
        f"FAIL  {sum_only}  score 0.00  (not evaluated: fix the problems listed)\n"
        "  - 1 output (s), the exercise needs 2\n",
        "",
    )


def test_verify_notes_a_teachers_file_that_borrows_a_built_in_id(capsys, tmp_path):
    """A file with "id": "xor" verified silently, yet networks saved from it reopen with the built-in XOR."""
    path = write(tmp_path / "xor.json", {**majority_exercise(), "id": "xor"})
    assert run(capsys, "exercises", "--verify", path) == (
        0,
        "PASS  solutions[0]  score 1.00  (8 of 8 rows right)\nstarter: fails, as it should\n",
        "nn-designer: note: 'xor' is the id of a built-in exercise: a network saved from this file reopens with "
        "the built-in one; give this exercise an id of its own\n",
    )
    assert run(capsys, "exercises", "--verify", "xor")[2] == ""  # the built-in itself


def test_a_number_running_into_a_name_is_told_in_the_expressions_own_words(capsys, tmp_path):
    """`2x` in a one-input exercise said "write 2*x1", a name it does not have; `0x1` in a feature
    formula was Python's hexadecimal 1, where 0*x1 was meant."""
    doc = {
        **majority_exercise(),
        "id": "tent",
        "group": "1-D functions",
        "inputs": [{"id": "x", "range": [-3, 3]}],
        "target": {"kind": "function", "expression": "max(0, 1 - 2x)", "sample": {"grid": 61}},
        "pass": {"rule": "max_error", "tolerance": 0.1},
    }
    path = write(tmp_path / "tent.json", doc)
    assert run(capsys, "exercises", "--verify", path) == (
        2,
        "",
        f"nn-designer: error: {path}: target.expression: not a valid expression: a number runs into letters "
        "(write 2*x for a product) (column 12)\n",
    )
    features = {**majority_solution(), "version": 2, "features": [{"id": "f", "expression": "0x1 + x2"}]}
    net = write(tmp_path / "net.json", features)
    problem = "feature 'f': not a valid formula: a number runs into letters (write 0*x1 for a product) (column 1)"
    assert run(capsys, "validate", net) == (
        2,
        f"{problem}\n",
        f"nn-designer: error: {net}: 1 problem, first: {problem}\n",
    )


def test_a_duplicated_megabyte_key_is_placed_and_quoted_short(capsys, tmp_path):
    """Over 1 MiB the text was not read again to place the duplicate: no line and column for a 1 MB key
    written twice. Placed where it is written as a key; a key written in more places stays unplaced."""
    key = "k" * 1_000_000
    net = tmp_path / "net.json"
    net.write_text('{"format": "nn-designer",\n "' + key + '": 1,\n "' + key + '": 2}', encoding="utf-8")
    expected = f"duplicate key '{'k' * 59}…' in a JSON object"
    assert run(capsys, "validate", net) == (2, "", f"nn-designer: error: {net}: {expected} at line 3 column 2\n")
    escaped = '"s": "\\"' + key + '\\": ", '  # the key inside a string, escaped: not a key
    thrice = '{"format": "nn-designer", ' + escaped + '"' + key + '": 1, "x": {"' + key + '": 2, "' + key + '": 3}}'
    net.write_text(thrice, encoding="utf-8")
    assert run(capsys, "validate", net) == (2, "", f"nn-designer: error: {net}: {expected}\n")
    net.write_text('{"format": "nn-designer", ' + escaped + '"' + key + '": 1, "' + key + '": 2}', encoding="utf-8")
    column = len('{"format": "nn-designer", ' + escaped + '"' + key + '": 1, ') + 1
    assert run(capsys, "validate", net) == (2, "", f"nn-designer: error: {net}: {expected} at line 1 column {column}\n")
