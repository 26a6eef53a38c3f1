"""Where strict JSON reading says a problem is: a short, printable path into the document."""

import math

import pytest

from designer.model.jsonread import MAX_NESTING, FormatError, check_kept_value, json_number, one_line, parse_json


def test_a_problem_deep_in_the_document_is_placed_by_its_path():
    with pytest.raises(FormatError) as info:
        parse_json('{"neurons": [{"label": "\\ud800"}]}')
    assert str(info.value) == "neurons[0].label contains an unpaired surrogate (\\ud800), which is not a character"


def test_long_keys_and_long_paths_are_shortened():
    key = "k" * 50
    with pytest.raises(FormatError) as info:
        parse_json(f'{{"a": {{"{key}": {{"{key}": "\\ud800"}}}}}}')
    path = "a." + "k" * 39 + "…." + "k" * 36 + "…"  # each key at most 40 characters, the path at most 80
    assert str(info.value) == f"{path} contains an unpaired surrogate (\\ud800), which is not a character"


def _nested(levels: int) -> dict:
    value: dict = {}
    for _ in range(levels - 1):
        value = {"k": value}
    return value


def test_a_kept_unknown_value_may_nest_exactly_up_to_the_limit():
    check_kept_value(_nested(MAX_NESTING), "later")
    check_kept_value([_nested(MAX_NESTING - 1)], "later")
    with pytest.raises(FormatError, match=rf"nested too deeply \(limit {MAX_NESTING} levels\)$"):
        check_kept_value(_nested(MAX_NESTING + 1), "later")
    with pytest.raises(FormatError, match="^later.k: nan is not a finite number$"):
        check_kept_value({"k": float("nan")}, "later")


def test_whole_numbers_too_large_for_a_float_keep_their_sign_as_infinity():
    assert json_number(10**400) == math.inf and json_number(-(10**400)) == -math.inf
    assert json_number(-3) == -3.0


def test_control_characters_are_escaped_and_line_breaks_become_spaces():
    assert one_line("a\x1bb\nc\x00d", 100) == "a\\x1bb c\\x00d"


def test_text_of_exactly_the_size_limit_is_read_and_one_more_character_is_refused(monkeypatch):
    import designer.model.jsonread as jsonread

    monkeypatch.setattr(jsonread, "MAX_FILE_BYTES", 20)
    text = '{"a": "' + "x" * 11 + '"}'  # 20 characters
    assert parse_json(text) == {"a": "x" * 11} and parse_json(text.encode()) == {"a": "x" * 11}
    with pytest.raises(FormatError, match=r"^file too large: 21 characters \(limit 20 bytes\)$"):
        parse_json(text + " ")


TEXT = '{"format": "nn-designer", "version": 1}'


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-16", "UTF-16"),  # with its byte-order mark (FF FE): Windows Notepad's "Unicode"
        ("utf-16-be", "UTF-16"),  # no mark: zero bytes beside an ASCII first character
        ("utf-16-le", "UTF-16"),
        ("utf-32", "UTF-32"),  # FF FE 00 00, which starts like UTF-16's mark
        ("utf-32-be", "UTF-32"),
        ("utf-32-le", "UTF-32"),
    ],
)
def test_utf16_and_utf32_files_are_named_as_such(encoding, name):
    data = TEXT.encode(encoding)
    with pytest.raises(FormatError, match=f"^{name} text: save it as UTF-8$"):
        parse_json(data)
    if encoding == "utf-16":
        with pytest.raises(FormatError, match="^UTF-16 text: save it as UTF-8$"):
            parse_json(b"\xfe\xff" + TEXT.encode("utf-16-be"))


def test_utf8_with_or_without_its_mark_is_read_and_other_bytes_are_still_not_utf8():
    assert parse_json(TEXT.encode("utf-8")) == parse_json(TEXT.encode("utf-8-sig"))
    with pytest.raises(FormatError, match=r"^not UTF-8 text \(bad byte at position 1\)$"):
        parse_json(b"{\xe9}")
