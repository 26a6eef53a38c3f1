"""The formula parser of feature nodes: the documented language works, anything else is refused with one line."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.model.formula import FEATURE, TARGET, FormulaError, parse
from designer.model.formula_tree import Binary, Call, Name, Number, Unary, referenced_names, rename, to_source

INPUTS = ["x1", "x2"]


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("x1^2", Binary("**", Name("x1"), Number(2.0))),
        ("x1**2", Binary("**", Name("x1"), Number(2.0))),
        ("x1 ^ -1", Binary("**", Name("x1"), Number(-1.0))),
        ("x1^(3)", Binary("**", Name("x1"), Number(3.0))),
        ("-x1^2", Unary("-", Binary("**", Name("x1"), Number(2.0)))),
        ("x1*x2 + 1", Binary("+", Binary("*", Name("x1"), Name("x2")), Number(1.0))),
        ("sin(x1)", Call("sin", (Name("x1"),))),
        ("abs(x1 - x2) / 2", Binary("/", Call("abs", (Binary("-", Name("x1"), Name("x2")),)), Number(2.0))),
        ("x₁² + x₂²", Binary("+", Binary("**", Name("x1"), Number(2.0)), Binary("**", Name("x2"), Number(2.0)))),
        ("x1 × x2 − 1", Binary("-", Binary("*", Name("x1"), Name("x2")), Number(1.0))),
        ("2.5e-1", Number(0.25)),
    ],
)
def test_the_feature_language_parses(text, tree):
    assert parse(text, INPUTS, FEATURE) == tree


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the formula is empty"),
        ("   ", "the formula is empty"),
        ("x3^2", "unknown name 'x3' (a feature may use the inputs x1, x2)"),
        ("pi * x1", "unknown name 'pi'"),
        ("x1^0.5", "a power must be a whole number from -8 to 8"),
        ("x1^9", "a power must be a whole number from -8 to 8"),
        ("x1^x2", "a power must be a whole number from -8 to 8"),
        ("2^x1", "a power must be a whole number from -8 to 8"),
        ("x1 % 2", "operator % is not allowed in a feature"),
        ("x1 // 2", "operator // is not allowed in a feature"),
        ("x1 @ x2", "operator @ is not allowed in a feature"),
        ("x1 < 2", "a comparison is not allowed in a feature"),
        ("x1 if x2 else 0", "if-else is not allowed in a feature"),
        ("x1 and x2", "and/or is not allowed in a feature"),
        ("not x1", "operator not is not allowed in a feature"),
        ("~x1", "operator ~ is not allowed in a feature"),
        ("x1.real", "an attribute (.) is not allowed in a feature"),
        ("x1[0]", "indexing ([ ]) is not allowed in a feature"),
        ("[x1]", "a list is not allowed in a feature"),
        ("lambda: 1", "lambda is not allowed in a feature"),
        ("'x1'", "only numbers can be written in a feature"),
        ("True", "only numbers can be written in a feature"),
        ("log(x1)", "unknown function 'log' (known: sin, cos, exp, abs, tanh)"),
        ("__import__('os').system('true')", "only the functions sin, cos, exp, abs, tanh can be called"),
        ("open('f')", "unknown function 'open'"),
        ("sin(x1, x2)", "sin() takes 1 argument, got 2"),
        ("sin(x=1)", "sin() takes no keyword arguments"),
        ("sin(*x1)", "sin() takes 1 argument"),
        ("2(x1)", "write * for a product"),
        ("x1 +", "not a valid formula"),
        ("x1 = 2", "not a valid formula"),
        ("x1\nx2", "not a valid formula"),
        ("1e400 * x1", "a number is too large"),
        ("x1+" * 70 + "x1", "feature too long (212 characters, limit 200)"),
        ("sin(" * 25 + "x1" + ")" * 25, "feature nested too deeply (limit 20 levels)"),
        ("-" * 30 + "x1", "nested too deeply"),
        ("(x1 + 1", "not a valid formula"),
    ],
)
def test_anything_else_is_refused_with_one_line(text, message):
    with pytest.raises(FormulaError) as info:
        parse(text, INPUTS, FEATURE)
    assert message in str(info.value)
    assert "\n" not in str(info.value) and len(str(info.value)) < 200


@pytest.mark.parametrize(
    "text, message",
    [
        ("1/x1 +", "not a valid formula: something is missing after '1/x1 +'"),
        ("x1 ** ", "something is missing after 'x1 **'"),
        ("x1^^2", "unexpected '^2' (column 4)"),  # the typed column, not the one after ^ became **
        ("  x₁² ^^ 2", "unexpected '^' (column 8)"),  # ² and ₁ are one character each as typed
        ("x1 x2", "unexpected 'x2' (column 4)"),
        ("2x1", "a number runs into letters (write 2*x1 for a product) (column 1)"),
        ("x1\nx2", "not a valid formula: a formula is one line"),
        ("sin(x1", "'(' was never closed (column 4)"),
        ("x1 + x2 # x3", "unexpected '#' (column 9)"),  # a comment to Python: x3 was dropped unsaid
        ("x1 +\x00 x2", "a character that cannot be in a formula (U+0000) (column 5)"),
        ("x1 + \ud800", "a character that cannot be in a formula (U+D800) (column 6)"),  # was "nested too deeply"
        ("x1 + 01", "a number cannot start with 0 (write 1, or 0.1) (column 6)"),
        ('"abc', "quotes are not allowed (column 1)"),
        ("x1··2", "two product signs in a row (column 3)"),  # was read as x1 ** 2
        ("x1 ×× 2", "two product signs in a row (column 4)"),
        ("1·5*x1", "'1·5': write 1.5 for a decimal or 1*5 for a product (column 2)"),
    ],
)
def test_a_syntax_fault_is_told_in_plain_words_at_the_typed_column(text, message):
    with pytest.raises(FormulaError) as info:
        parse(text, INPUTS, FEATURE)
    assert str(info.value).endswith(message)
    assert "invalid syntax" not in str(info.value) and "\n" not in str(info.value)


def test_the_dot_operator_reads_as_a_product_as_in_typed_numbers():
    assert parse("2⋅x1", INPUTS, FEATURE) == parse("2*x1", INPUTS, FEATURE)


def test_refusal_names_what_is_allowed():
    with pytest.raises(FormulaError, match=r"use numbers, the inputs, \+ - \* / \^, \( \) and sin cos exp abs tanh"):
        parse("x1 % 2", INPUTS, FEATURE)


def test_not_text_is_refused():
    with pytest.raises(FormulaError, match="must be text"):
        parse(None, INPUTS, FEATURE)  # type: ignore[arg-type]


def test_target_dialect_allows_more_and_keeps_its_messages():
    tree = parse("x1**0.5 < pi if x2 else 0", INPUTS, TARGET)
    assert referenced_names(tree) == ["x2", "x1", "pi"]
    with pytest.raises(FormulaError, match="Attribute is not allowed in a target expression"):
        parse("x1.real", INPUTS, TARGET)
    with pytest.raises(FormulaError, match=r"unknown name 'y' \(inputs: x1, x2; constants: pi, e\)"):
        parse("y", INPUTS, TARGET)


def test_names_rename_and_are_listed_in_order():
    tree = parse("x2*sin(x1) + x2", INPUTS, FEATURE)
    assert referenced_names(tree) == ["x2", "x1"]
    assert to_source(rename(tree, {"x1": "a", "x2": "b"})) == "b * sin(a) + b"


def test_an_unknown_name_lists_at_most_twenty_inputs():
    many = [f"x{i:02d}" for i in range(25)]
    with pytest.raises(FormulaError) as info:
        parse("q + x00", many, FEATURE)
    assert str(info.value) == f"unknown name 'q' (a feature may use the inputs {', '.join(many[:20])}, …)"


def test_rename_reaches_comparisons_logic_and_conditionals():
    tree = parse("x1 if x1 > x2 >= 0 and not x2 < 3 or x1 == 1 else -x2", INPUTS, TARGET)
    renamed = to_source(rename(tree, {"x1": "a", "x2": "b"}))
    assert renamed == "(a) if (a > b >= 0 and not b < 3 or a == 1) else (-b)"
    assert parse(renamed, ["a", "b"], TARGET) == rename(tree, {"x1": "a", "x2": "b"})


@pytest.mark.parametrize(
    "text",
    ["(not x1) + 1", "not x1 + 1", "-(not x1)", "(x1 < 2) * 3", "x1 < 2 or not x2", "(x1 < 1) == 1", "x1 == (x2 < 1)"],
)
def test_written_back_logic_keeps_its_grouping(text):
    tree = parse(text, INPUTS, TARGET)
    assert to_source(tree) == text and parse(to_source(tree), INPUTS, TARGET) == tree


# ------------------------------------------------------------ writing back
def trees(depth: int = 4):
    leaves = st.one_of(
        st.sampled_from(INPUTS).map(Name),
        st.floats(0, 1e6, allow_nan=False).map(Number),
    )

    def grow(children):
        return st.one_of(
            st.tuples(st.sampled_from("+-*/"), children, children).map(lambda t: Binary(*t)),
            st.tuples(children, st.integers(-8, 8)).map(lambda t: Binary("**", t[0], Number(float(t[1])))),
            children.map(lambda c: Unary("-", c)),
            st.tuples(st.sampled_from(["sin", "cos", "exp", "abs", "tanh"]), children).map(
                lambda t: Call(t[0], (t[1],))
            ),
        )

    return st.recursive(leaves, grow, max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(tree=trees())
def test_source_text_parses_back_to_the_same_tree(tree):
    """to_source keeps the tree (and so the order of evaluation) exactly, parentheses where needed."""
    text = to_source(tree)
    if len(text) > FEATURE.max_length:
        return
    again = parse(text, INPUTS, FEATURE)
    assert again == tree
    assert to_source(again) == text


def test_python_spelling_for_code():
    tree = parse("x1^2 - (x2 - 1)^-1", INPUTS, FEATURE)
    code = to_source(tree, lambda n: f"v[{n!r}]", lambda f: f"math.{f}", power="**")
    assert code == "v['x1'] ** 2 - (v['x2'] - 1) ** (-1)"
    v = {"x1": 3.0, "x2": 3.0}
    assert eval(code, {"v": v, "math": math}) == 9 - 0.5
