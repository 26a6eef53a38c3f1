"""Markdown-lite: the documented subset, escaped HTML with a fixed set of tags, plain text."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from designer.lessons.markup import Block, Span, math_text, parse, to_html, to_plain

ALLOWED_TAGS = {"p", "br", "ul", "li", "b", "i", "code", "sub", "sup"}


def tags(html):
    return re.findall(r"</?([^ >/]*)[^>]*>", html)


def test_inline_styles():
    [block] = parse("A **bold** and *soft* word, `code` and $z$.")
    assert block == Block(
        "paragraph",
        (
            (
                Span("A "),
                Span("bold", bold=True),
                Span(" and "),
                Span("soft", italic=True),
                Span(" word, "),
                Span("code", "code"),
                Span(" and "),
                Span("z", "math"),
                Span("."),
            ),
        ),
    )


def test_nesting_bold_with_emphasis_and_code_inside():
    [block] = parse("**all *of* `it`**")
    assert block.lines[0] == (
        Span("all ", bold=True),
        Span("of", bold=True, italic=True),
        Span(" ", bold=True),
        Span("it", "code", bold=True),
    )


def test_paragraphs_line_breaks_and_bullets():
    blocks = parse("First line\nsecond line\n\n- one\n- two $x^2$\n\n\nLast")
    assert [b.kind for b in blocks] == ["paragraph", "bullets", "paragraph"]
    assert len(blocks[0].lines) == 2 and len(blocks[1].lines) == 2
    assert to_html("a\nb\n\n* x\n* y") == "<p>a<br>b</p><ul><li>x</li><li>y</li></ul>"
    assert to_html("Rules:\n- one\n- two\nAfter.") == "<p>Rules:</p><ul><li>one</li><li>two</li></ul><p>After.</p>"
    assert to_plain("a\nb\n\n- x\n- $x_1$") == "a\nb\n\n• x\n• x₁"


def test_unmatched_markers_and_escapes_are_text():
    assert to_plain("3 * 4 * 5, a ** b, `open, $5 and $") == "3 * 4 * 5, a ** b, `open, $5 and $"
    assert to_plain(r"\*not em\*, \$x\$, \`c\`, \\") == r"*not em*, $x$, `c`, \ "[:-1]
    assert to_html(r"\*x\*") == "<p>*x*</p>"


def test_math():
    assert math_text(r"z = \sum_i w_i x_i + b") == "z = Σᵢ wᵢ xᵢ + b"
    assert math_text(r"\sigma(z)(1 - \sigma(z))") == "σ(z)(1 − σ(z))"  # a minus sign in math
    assert math_text("x^2 + e^{-z}") == "x² + e⁻ᶻ"
    assert math_text("w_{d,i,j}") == "w_{d,i,j}"  # no subscript d: kept readable
    assert math_text(r"\partial L / \partial w \le 1, \unknown") == r"∂L / ∂w ≤ 1, \unknown"
    assert math_text(r"(y_n - \hat y_n)^2 + \bar{x}") == "(yₙ − y\u0302ₙ)² + x\u0304"  # combining accents
    assert to_html(r"$\hat y_n^2$") == "<p><i>y\u0302</i><sub>n</sub><sup>2</sup></p>"
    assert to_html(r"$\sum_k w_{3,k,1}$") == "<p>Σ<sub>k</sub> <i>w</i><sub>3,k,1</sub></p>"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "**<b onclick='x'>**",
        "$<i>$ and `<code>` and *<a href=javascript:x>*",
        "&lt; &amp; \"quotes\" 'single'",
        "- <li>\n- </ul>",
    ],
)
def test_no_html_gets_through(text):
    html = to_html(text)
    assert set(tags(html)) <= ALLOWED_TAGS
    assert "<script" not in html and "onerror" not in html.replace("onerror=&quot;", "") or "&lt;" in html
    assert not re.search(r"<[a-z]+ ", html)  # no tag with attributes


@given(st.text(max_size=200))
def test_any_text_renders_to_allowed_tags_only(text):
    html = to_html(text)
    assert set(tags(html)) <= ALLOWED_TAGS
    assert not re.search(r"<[a-z]+ ", html)
    assert isinstance(to_plain(text), str)
