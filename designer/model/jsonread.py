"""Reading JSON that may be hostile: every fault becomes a one-line FormatError.

Duplicate keys, nesting too deep, unpaired surrogates and non-finite numbers in kept values are
refused here, so that whatever loads can also be saved again.
"""

from __future__ import annotations

import json
import json.scanner
import math
import re
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs every command's start 2 ms (issue 14)
if TYPE_CHECKING:
    from typing import Any

#: Documented limits (docs/format.md); larger input is refused at once instead of hanging the app.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Largest text whose duplicate key is located by line and column (reading it again is slow, see below).
LOCATE_LIMIT = 1024 * 1024
MAX_NESTING = 100  # levels of lists/objects inside a kept unknown key (deeper ones could not be saved again)


class FormatError(ValueError):
    """A file that cannot be read as a network; ``str()`` is one line for the user."""


# ------------------------------------------------------------------ reading
class _DuplicateKey(Exception):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


#: byte-order marks of the Unicode encodings that are not UTF-8 (longest first: UTF-32 LE starts like UTF-16 LE)
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


#: What students hand in instead of a network file, by the bytes such files start with.
_NOT_TEXT = (
    (b"PK\x03\x04", "a ZIP archive (or an .xlsx or .docx file, which are ZIP archives)"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)


def known_binary(head: bytes) -> str:
    """ "a ZIP archive (…), not a text file" when ``head`` (a file's first bytes) says what it is, else ""."""
    for magic, name in _NOT_TEXT:
        if head.startswith(magic):
            return f"{name}, not a text file"
    return ""


def foreign_encoding(head: bytes) -> str:
    """Why text starting with ``head`` (its first 4 bytes or more) is UTF-16 or UTF-32, not UTF-8, as
    one line, or "" when it is not. Both are what editors call "Unicode" (Windows Notepad): named
    by their byte-order mark, or without one by the zero bytes of an ASCII first character, as
    RFC 4627 (section 3) detects the encoding of JSON text."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return f"{name} text: save it as UTF-8"
    zeros = tuple(b == 0 for b in head[:4])
    if len(zeros) == 4 and zeros in {(True, True, True, False), (False, True, True, True)}:
        return "UTF-32 text: save it as UTF-8"
    if len(zeros) >= 2 and zeros[:2] in {(True, False), (False, True)}:
        return "UTF-16 text: save it as UTF-8"
    return ""


def parse_json(data: bytes | str) -> Any:
    """Bytes or text to JSON values, with every failure as a FormatError."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise FormatError(f"file too large: {len(data)} bytes (limit {MAX_FILE_BYTES})")
        foreign = known_binary(data[:8]) or foreign_encoding(data[:4])
        if foreign:
            raise FormatError(foreign)
        try:
            # utf-8-sig by hand (a leading BOM dropped, bad bytes counted after it, as that codec does):
            # loading the codec is 0.1 ms of every command's start (issue 14)
            text = (data[3:] if data.startswith(b"\xef\xbb\xbf") else data).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormatError(f"not UTF-8 text (bad byte at position {exc.start})") from None
    else:
        text = data
        if len(text) > MAX_FILE_BYTES:
            raise FormatError(f"file too large: {len(text)} characters (limit {MAX_FILE_BYTES} bytes)")
        check_encodable(text, "the text")
    if not text.strip():
        raise FormatError("the file is empty")
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as exc:
        key = exc.args[0]
        raise FormatError(f"duplicate key '{one_line(key)}' in a JSON object{_duplicate_place(text, key)}") from None
    except RecursionError:
        raise FormatError("JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        where = "end of file (truncated?)" if exc.pos >= len(text.rstrip()) else f"line {exc.lineno} column {exc.colno}"
        msg = exc.msg.removesuffix(" at")
        raise FormatError(f"not valid JSON: {msg} at {where}") from None
    except ValueError as exc:  # e.g. integer string too long to convert
        raise FormatError(f"not valid JSON: {_too_many_digits(text) or one_line(str(exc))}") from None
    if re.search(_SURROGATE_ESCAPE, text):  # "\ud800" alone reads fine but could never be written as UTF-8
        _check_strings(doc)
    return doc


def _too_many_digits(text: str) -> str:
    """Where ``text`` holds an integer longer than Python converts (4,300 digits), as one line; "" when it
    does not. Python's own words ("Exceeds the limit (4300 digits) for integer string conversion: value
    has 5000 digits; use sys.set_int_max_str_digits()…") were cut at 60 characters, in mid-word."""
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
    found = re.search(rf"(?<![\w.\"\\])\d{{{limit + 1},}}", text) if limit > 0 else None  # (not in a string)
    if found is None:
        return ""
    digits = len(found.group(0))
    return f"a number of {digits:,} digits{_line_column(text, found.start())} (at most {limit:,})"


def _duplicate_place(text: str, key: str) -> str:
    """Where ``key`` occurs twice, as " at line L column C" of its second occurrence (an exercise file has
    an "id" in every node: the key alone did not say where), or "" when it cannot be found.

    Only on this error path: ``text`` is read again by the pure-Python scanner, whose objects are
    parsed by :func:`_located_object` (the C scanner has no hook that knows positions); a text over
    :data:`LOCATE_LIMIT` characters is not read again (that scanner takes about 0.4 s per MiB): there
    the key is looked for as written (:func:`_written_twice`), which finds a long key (a 1 MB one)."""
    if len(text) > LOCATE_LIMIT:
        position = _written_twice(text, key)
        return "" if position is None else _line_column(text, position)
    decoder = json.JSONDecoder()
    decoder.parse_object = _located_object  # type: ignore[method-assign]
    scan = json.scanner.py_make_scanner(decoder)
    start = len(text) - len(text.lstrip(" \t\n\r"))
    try:
        scan(text, start)
    except _DuplicateAt as found:
        return _line_column(text, found.position)
    except (RecursionError, ValueError, StopIteration):
        pass
    return ""


def _line_column(text: str, position: int) -> str:
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    return f" at line {line} column {column}"


def _written_twice(text: str, key: str) -> int | None:
    """The position of the second of exactly two places where ``key`` is written as a key, as
    ``json.dumps`` writes it (``"key":`` after ``{`` or ``,``, its quote not escaped); None when it is
    written otherwise (escapes of its own) or in more places (an "id" in every node: which one is
    twice in its object cannot be told without reading the text again). Plain ``str.find``: a
    compiled pattern of a 1 MB key costs more than the search."""
    found: list[int] = []
    for quoted in dict.fromkeys((json.dumps(key, ensure_ascii=False), json.dumps(key))):
        start = text.find(quoted)
        while start >= 0:
            if _is_key_at(text, start, len(quoted)):
                found.append(start)
                if len(found) > 2:
                    return None
            start = text.find(quoted, start + 1)
    return sorted(found)[1] if len(found) == 2 else None


def _is_key_at(text: str, start: int, length: int) -> bool:
    """Whether the string written at ``start`` (``length`` characters, quotes included) is an object's key."""
    after = _after_blanks(text, start + length)
    if after >= len(text) or text[after] != ":":
        return False
    before = start - 1
    while before >= 0 and text[before] in " \t\n\r":
        before -= 1
    return before >= 0 and text[before] in "{,"


class _DuplicateAt(Exception):
    def __init__(self, position: int) -> None:
        super().__init__(position)
        self.position = position


def _located_object(s_and_end: tuple[str, int], strict: bool, scan_once: Any, *rest: Any) -> tuple[dict, int]:
    """``json.decoder.JSONObject`` that raises :class:`_DuplicateAt` with the position of a key seen twice."""
    pairs, end = json.decoder.JSONObject(s_and_end, strict, scan_once, None, list, *rest[2:])
    keys = [key for key, _ in pairs]
    if len(set(keys)) == len(keys):
        return dict(pairs), end
    text, position = s_and_end
    seen: set[str] = set()
    while True:  # the object's keys in order, each value skipped by the scanner (its objects are fine)
        position = _after_blanks(text, position)
        key, after = json.decoder.scanstring(text, position + 1, strict)
        if key in seen:
            raise _DuplicateAt(position)
        seen.add(key)
        position = _after_blanks(text, after) + 1  # past the ':'
        _, position = scan_once(text, _after_blanks(text, position))
        position = _after_blanks(text, position) + 1  # past the ','


def _after_blanks(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n\r":
        position += 1
    return position


_SURROGATE_ESCAPE = r"\\u[dD][89a-fA-F]"  # compiled and cached by re at first use, not at import


def check_encodable(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FormatError(
            f"{where} contains an unpaired surrogate (\\u{ord(text[exc.start]):04x}), which is not a character"
        ) from None


def _walk(value: Any, path: str) -> Any:
    """Every nested value with its depth and a function naming its place (iterative: no recursion limit)."""
    stack: list[tuple[Any, Any, int]] = [(value, path, 0)]
    while stack:
        item, where, depth = stack.pop()
        yield item, depth, lambda where=where: _path_text(where)
        if isinstance(item, dict):
            stack.extend((v, (where, k), depth + 1) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, (where, i), depth + 1) for i, v in enumerate(item))


def _path_text(where: Any) -> str:
    parts: list[str] = []
    while isinstance(where, tuple):
        where, key = where
        parts.append(f"[{key}]" if isinstance(key, int) else f".{one_line(key, 40)}")
    text = (where + "".join(reversed(parts))).removeprefix(".")
    return one_line(text, 80) if text else "the file"


def _check_strings(doc: Any) -> None:
    """Every key and string of ``doc`` must be encodable as UTF-8."""
    for item, _, where in _walk(doc, ""):
        if isinstance(item, str):
            check_encodable(item, where())
        elif isinstance(item, dict):
            for key in item:
                check_encodable(key, f"a key in {where()}")


def check_kept_value(value: Any, path: str) -> None:
    """A value kept as it is (an unknown key) must be writable again: finite numbers, bounded nesting."""
    for item, depth, where in _walk(value, path):
        if isinstance(item, float) and not math.isfinite(item):
            raise FormatError(f"{where()}: {item} is not a finite number")
        if depth >= MAX_NESTING and isinstance(item, (dict, list)):
            raise FormatError(f"{where()}: nested too deeply (limit {MAX_NESTING} levels)")


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def clipped(text: str, limit: int) -> str:
    """At most ``limit`` characters, a cut marked with "…" (for a message whose error class makes the
    line printable itself: ``ExerciseError``, ``LessonError``)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(text: str, limit: int = 60) -> str:
    """One printable line: line breaks become spaces, other control characters escapes, at most ``limit``."""
    if not text.isprintable():
        text = "".join(
            ch if ch.isprintable() else " " if ch in _LINE_BREAKS else ch.encode("unicode_escape").decode("ascii")
            for ch in text
        )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_number(value: int | float) -> float:
    """A JSON number as a float; integers too large for one (10**400) become ±inf, for the caller to refuse."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def type_name(value: Any) -> str:
    """How a JSON value is named in error messages: 'a number', 'null', 'an object'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
