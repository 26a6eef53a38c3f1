"""Typed numbers and small expressions (``1/2``, ``-3/2``, ``0,5``): parsed by a tiny grammar, never evaluated."""

from __future__ import annotations

import builtins
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.model.expressions import MAX_DEPTH, MAX_LENGTH, parse_number, plain_number

ACCEPTED = {
    "1": 1.0,
    "-1": -1.0,
    "+2": 2.0,
    "1/2": 0.5,
    "-3/2": -1.5,
    "0.5*3": 1.5,
    " 0.5 * 3 ": 1.5,
    "1/3": 1 / 3,
    "2.5e-3": 0.0025,
    "1E3": 1000.0,
    "-1e+2": -100.0,
    ".5": 0.5,
    "5.": 5.0,
    "−0.75": -0.75,  # the canvas shows negative weights with a unicode minus
    "3×4": 12.0,
    "8÷2": 4.0,
    "-3 · 1/4": -0.75,  # the middle dot, as the chain-rule hints write products
    "2 ⋅ 3": 6.0,
    "(-3)·(1/4)": -0.75,
    "0,5": 0.5,
    "-1,5/2": -0.75,
    "0,125": 0.125,
    "12,5": 12.5,
    "(1+2)*3": 9.0,
    "1+2*3": 7.0,
    "1-2-3": -4.0,
    "8/4/2": 1.0,
    "--1": 1.0,
    "-(-(2))": 2.0,
    "2*-3": -6.0,
    "1e-400": 0.0,  # too small for a float: rounds to 0 like any calculator
    "1.7976931348623157e308": 1.7976931348623157e308,
    "\t1\n": 1.0,
    "-0.75·2": -1.5,  # a number with its decimal point: the dot after it is a product (was: "write 75.2")
    "2⋅0.5": 1.0,
    "1.5·2·0.5": 1.5,
}

REFUSED = {
    "": "empty",
    "   ": "empty",
    "abc": "'abc' is not a number",
    "pi": "'pi' is not a number",
    "inf": "'inf' is not a number",
    "-inf": "'inf' is not a number",
    "nan": "'nan' is not a number",
    "1e": "'e' is not a number",
    "2**3": "powers are not supported",
    "2^3": "powers are not supported",
    "1/0": "division by zero",
    "1/(2-2)": "division by zero",
    "0/0": "division by zero",
    "1e400": "too large",
    "-1e400": "too large",
    "1e308*10": "too large",
    "1e308+1e308": "too large",
    "1e-300/1e-300/1e-300/1e-300": "too large",
    "1,000": "ambiguous comma",
    "1·5": "'1·5': write 1.5 for a decimal or 1*5 for a product (position 2)",  # a British decimal point?
    "-0⋅25": "write 0.25 for a decimal or 0*25 for a product",
    "2··3": "two product signs in a row (position 2)",  # not a power, as ** would be
    "2*·3": "two product signs in a row",
    "·5": "unexpected '·' at position 1",  # the sign typed, not the * it is read as
    "-2,500": "ambiguous comma",
    "1,5,2": "use '.' as the decimal point",
    "1.5,2": "use '.' as the decimal point",
    "(1+2": "a closing ')' is missing",
    "1+2)": "unexpected ')' at position 4",
    "()": "unexpected ')'",
    "2(3)": "unexpected '(' at position 2",
    "2 3": "unexpected '3' at position 3",
    "1.2.3": "unexpected '.' at position 4",
    "-": "incomplete",
    "1+": "incomplete",
    "1_000": "is not a number",
    "0x10": "is not a number",
    "١٢": "unexpected '١'",  # other scripts' digits: float() would take them, the parser does not
    "½": "is not a number",
    "1;2": "unexpected ';'",
    "1\n+\x1b": "unexpected '\\x1b'",
    "__import__('os').system('rm -rf /')": "'__import__' is not a number",
    "exec('1')": "'exec' is not a number",
    "[1]": "unexpected '['",
    "1 if 1 else 2": "'if' is not a number",
    "lambda: 1": "'lambda' is not a number",
    "1" * (MAX_LENGTH + 1): "too long",
    "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1): "too many nested parentheses",
}


@pytest.mark.parametrize("text", sorted(ACCEPTED))
def test_accepted(text):
    assert parse_number(text) == ACCEPTED[text]


@pytest.mark.parametrize("text", sorted(REFUSED))
def test_refused_with_one_line_message(text):
    with pytest.raises(ValueError) as info:
        parse_number(text)
    message = str(info.value)
    assert REFUSED[text] in message
    _one_line(message)


def _one_line(message: str) -> None:
    assert message and message.isprintable() and len(message) <= 120, repr(message)


def test_a_long_word_is_named_shortened_and_a_short_one_whole():
    with pytest.raises(ValueError, match=r"^'abcdefghijklmnopqrs…' is not a number \(use digits"):
        parse_number("abcdefghijklmnopqrstuvwxyz + 1")
    with pytest.raises(ValueError, match=r"^'abcdefghijklmnopqrst' is not a number"):
        parse_number("abcdefghijklmnopqrst")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1/0", "division by zero"),
        ("1e308*10", "the result is too large for a number"),
        ("1,500", "ambiguous comma (a thousands separator?): write e.g. 1.5 or 1500"),
    ],
)
def test_the_commonest_slips_get_these_exact_words(text, message):
    with pytest.raises(ValueError) as info:
        parse_number(text)
    assert str(info.value) == message


def test_a_plain_number_refuses_arithmetic_with_one_word():
    assert plain_number(" -1.5e3 ") == -1500.0
    with pytest.raises(ValueError, match="^not a number$"):
        plain_number("1/2")


def test_limits_are_inclusive():
    assert parse_number("1" * MAX_LENGTH) == float("1" * MAX_LENGTH)
    assert parse_number("(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH) == 1.0
    assert parse_number("-" * (MAX_LENGTH - 1) + "1") == -1.0  # signs are counted, not recursed into


def test_negative_zero_keeps_its_sign():
    assert math.copysign(1, parse_number("-0.0")) == -1


def test_not_text_is_a_value_error():
    with pytest.raises(ValueError, match="expected text"):
        parse_number(0.5)  # type: ignore[arg-type]


def test_never_evaluates_python(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("Python code was evaluated")

    for name in ("eval", "exec", "compile", "__import__"):
        monkeypatch.setattr(builtins, name, forbidden)
    assert parse_number("-(1/2) * 3") == -1.5
    with pytest.raises(ValueError):
        parse_number("__import__('os')")


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(max_size=MAX_LENGTH + 20))
def test_random_text_gives_a_finite_number_or_a_one_line_value_error(text):
    try:
        value = parse_number(text)
    except ValueError as exc:
        _one_line(str(exc))
    else:
        assert math.isfinite(value)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet="0123456789.,+-*/()eE −×÷^", max_size=40))
def test_near_valid_text_gives_a_finite_number_or_a_one_line_value_error(text):
    try:
        value = parse_number(text)
    except ValueError as exc:
        _one_line(str(exc))
    else:
        assert math.isfinite(value)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_repr_of_every_finite_float_reads_back_exactly(x):
    assert parse_number(repr(x)) == x
    assert parse_number(repr(x).replace("-", "−")) == x
    assert math.copysign(1, parse_number(repr(x))) == math.copysign(1, x)


_numbers = st.floats(min_value=0, max_value=1e6, allow_nan=False).map(repr) | st.integers(0, 10**6).map(str)


@st.composite
def _expressions(draw, depth=0):
    """(text, value or None when it must be refused), built with the same float operations the parser does."""
    if depth > 3 or draw(st.booleans()):
        text = draw(_numbers)
        return text, float(text)
    op = draw(st.sampled_from("+-*/"))
    (lt, lv), (rt, rv) = draw(_expressions(depth + 1)), draw(_expressions(depth + 1))
    if lv is None or rv is None or (op == "/" and rv == 0):
        value = None
    else:
        value = {"+": lv + rv, "-": lv - rv, "*": lv * rv, "/": lv / rv if rv else 0.0}[op]
        value = value if math.isfinite(value) else None
    negate = draw(st.booleans())
    text = f"({lt} {op} {rt})"
    if negate:
        text, value = "-" + text, None if value is None else -value
    return text, value


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_expressions())
def test_expressions_match_float_arithmetic(case):
    text, value = case
    if len(text) > MAX_LENGTH:
        with pytest.raises(ValueError, match="too long"):
            parse_number(text)
    elif value is None:
        with pytest.raises(ValueError, match="division by zero|too large"):
            parse_number(text)
    else:
        assert parse_number(text) == value
