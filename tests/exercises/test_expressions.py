"""Target expressions: the documented language works, anything else is refused (never run as Python)."""

import math

import numpy as np
import pytest

from designer.exercises.expressions import MAX_DEPTH, ExpressionError, compile_expression, evaluate

X = np.array([-2.0, -0.5, 0.0, 1.0, 3.0])


def run(text, **values):
    values = values or {"x": X}
    n = len(next(iter(values.values())))
    return evaluate(compile_expression(text, list(values)), values, n)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abs(x)", np.abs(X)),
        ("sin(x) + cos(x)**2", np.sin(X) + np.cos(X) ** 2),
        ("1 if 1 <= x < 3 else 0", ((X >= 1) & (X < 3)).astype(float)),
        ("not (x > 0) or x == 3", ((X <= 0) | (X == 3)).astype(float)),
        ("-x % 2", np.mod(-X, 2)),
        ("max(x, 0) - min(x, 0)", np.abs(X)),
        ("2 * pi + e", np.full(5, 2 * math.pi + math.e)),
        ("hypot(x, 1) / sqrt(1 + x**2)", np.ones(5)),
        ("7", np.full(5, 7.0)),
    ],
)
def test_documented_expressions_evaluate(text, expected):
    np.testing.assert_allclose(run(text), expected)


def test_two_inputs_and_chained_comparisons():
    x1, x2 = np.array([0.0, 1.0, 2.0]), np.array([0.0, 0.5, 5.0])
    np.testing.assert_array_equal(run("x2 > 2*x1 - 1", x1=x1, x2=x2), [1.0, 0.0, 1.0])
    np.testing.assert_array_equal(run("-1 < x1 - x2 < 1", x1=x1, x2=x2), [1.0, 1.0, 0.0])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("__import__('os').system('true')", "only the listed functions can be called"),
        ("open('x')", "unknown function 'open'"),
        ("x.real", "Attribute is not allowed"),
        ("y + 1", "unknown name 'y'"),
        ("[x]", "List is not allowed"),
        ("lambda: 1", "Lambda is not allowed"),
        ("'text'", "only numbers can be written literally"),
        ("True", "only numbers can be written literally"),
        ("x @ x", "operator MatMult is not allowed"),
        ("x in x", "comparison In is not allowed"),
        ("sin(x, 1)", "sin() takes 1 argument, got 2"),
        ("sin(x=1)", "sin() takes no keyword arguments"),
        ("x +", "not a valid expression"),
        ("", "the expression is empty"),
        ("x" + "+x" * 1500, "expression too long"),
        ("(" * 300 + "x" + ")" * 300, "not a valid expression"),
        ("sin(" * 70 + "x" + ")" * 70, "nested too deeply"),
        ("-" * (MAX_DEPTH + 5) + "x", "nested too deeply"),
        ("9" * 400, "a number is too large"),
    ],
)
def test_anything_else_is_refused_with_one_line(text, message):
    with pytest.raises(ExpressionError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        compile_expression(text, ["x"])
    assert "\n" not in str(info.value)


def test_overflow_gives_inf_not_a_hang():
    assert np.isinf(run("10 ** 10 ** 10")).all()
