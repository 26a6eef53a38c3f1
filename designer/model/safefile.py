"""Reading files that may never end: the one way NN Designer reads a file it was handed.

Network files, exercise files, CSV data, recovery files (and lesson files) all come through here,
because any path a user gives may name something that is not a file: a FIFO (reading blocks
forever), ``/dev/zero`` or ``/dev/urandom`` (reading never ends), a terminal, a socket, a folder,
or a symbolic link to any of these. ``st_size`` is 0 for all of them, so a size check before
reading proves nothing.

The rules, in order:

1. ``os.stat`` the path (following links) and refuse anything that is not a regular file without
   opening it: opening a device can have side effects and opening a FIFO blocks.
2. Open it non-blocking (``O_NONBLOCK`` where the platform has it; not on Windows) and without
   making a terminal our controlling terminal, then ``fstat`` the *opened descriptor* and check
   again: the path may have been swapped for a FIFO in between.
3. Read in chunks and count: the size cap holds while reading, whatever ``st_size`` said (files
   in ``/proc`` say 0 and are regular; a file may grow while it is read).

Every refusal is a one-line :class:`~designer.model.jsonread.FormatError` naming the path.
"""

from __future__ import annotations

import errno
import io
import os
import stat

from designer.model.jsonread import MAX_FILE_BYTES, FormatError, one_line

TYPE_CHECKING = False  # not typing's: importing typing costs every command's start 2 ms (issue 14)
if TYPE_CHECKING:
    from typing import BinaryIO

#: Bytes read per ``os.read`` call.
CHUNK = 1 << 20

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0)

_KINDS = (
    (stat.S_ISDIR, "a folder, not a file"),
    (stat.S_ISFIFO, "a FIFO (named pipe), not a regular file"),
    (stat.S_ISCHR, "a character device, not a regular file"),
    (stat.S_ISBLK, "a block device, not a regular file"),
    (stat.S_ISSOCK, "a socket, not a regular file"),
)


class FileTooLarge(FormatError):
    """More bytes than the cap allows (found while reading, or from the size the system reports)."""


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as one printable line for messages (a file name may hold line breaks or escape codes)."""
    return one_line(os.fspath(path), 200)


def kind_problem(mode: int) -> str | None:
    """Why a file of this ``st_mode`` cannot be read as data ("a FIFO (named pipe), …"), or None."""
    if stat.S_ISREG(mode):
        return None
    for test, text in _KINDS:
        if test(mode):
            return text
    return "not a regular file"


def not_kept_there(path: str | os.PathLike[str]) -> str | None:
    """Why a Save that keeps the user's work must not write ``path``, or None. Something there that is no
    regular file (``/dev/null``, a FIFO, a link to either) would take the bytes and keep nothing, while
    the app says "Saved", counts the work as kept (Quit asks nothing) and drops its recovery copy. The
    command line's ``-o`` writes through devices and FIFOs on purpose (designer/model/atomic.py)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None  # nothing there yet (or a dangling link): the save makes the file, or says why not
    problem = kind_problem(mode)
    return None if problem is None else f"it is {problem}: nothing saved there is kept"


def naming_the_file(path: str | os.PathLike[str], exc: Exception | str) -> str:
    """``exc``'s message led by the file it is about, once ("x.json: x.json is a FIFO" read twice).

    Only the reader's own ways of naming a file count as naming it (a file called ``net`` is not
    named by "the network has no output neuron")."""
    text = str(exc)
    return text if without_the_file(path, text) != text else f"{shown_path(path)}: {text}"


def same_file(one: str | os.PathLike[str], other: str | os.PathLike[str]) -> bool:
    """Whether two names reach one file (an output named like its own input: ``-o net.json``)."""
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


def without_the_file(path: str | os.PathLike[str], exc: Exception | str) -> str:
    """``exc``'s message without the reader's own naming of the file ("X is …", "no such file: X",
    "cannot read X: …"), for a row already headed by it ("x.json  unreadable: a loop of symbolic
    links", not "…: cannot read x.json: a loop of …"); unchanged when it does not name the file."""
    where = shown_path(path)
    text = str(exc)
    if text == f"no such file: {where}":
        return "no such file"
    for lead in (f"{where} is ", f"cannot read {where}: "):
        if text.startswith(lead):
            return text[len(lead) :]
    return text


def _os_error(path: str | os.PathLike[str], exc: OSError) -> FormatError:
    where = shown_path(path)
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ELOOP:  # a link to nothing, or a loop of links
        return FormatError(missing_file(path))
    if isinstance(exc, IsADirectoryError):
        return FormatError(f"{where} is a folder, not a file")
    return FormatError(f"cannot read {where}: {exc.strerror or exc}")


def missing_file(path: str | os.PathLike[str]) -> str:
    """Why there is no file at ``path``: nothing there, a link to nothing, or a loop of links."""
    where = shown_path(path)
    try:
        target = os.readlink(path)
    except (OSError, ValueError):
        return f"no such file: {where}"
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"cannot read {where}: a loop of symbolic links"
    return f"{where} is a symbolic link to {shown_path(target)}, which does not exist"


def _check_kind(path: str | os.PathLike[str], st: os.stat_result) -> None:
    problem = kind_problem(st.st_mode)
    if problem:
        raise FormatError(f"{shown_path(path)} is {problem}")


def _check_size(path: str | os.PathLike[str], size: int, limit: int) -> None:
    if size > limit:
        raise FileTooLarge(f"file too large: {size} bytes (limit {limit})")


def _open_regular(path: str | os.PathLike[str], limit: int) -> int:
    """A descriptor of the regular file at ``path``, opened without blocking; FormatError otherwise."""
    try:
        before = os.stat(path)
    except OSError as exc:
        raise _os_error(path, exc) from None
    except ValueError:  # an embedded NUL character
        raise FormatError(f"cannot read {shown_path(path)}: the name contains a NUL character") from None
    _check_kind(path, before)  # before opening: a device is never opened at all
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_error(path, exc) from None
    try:
        st = os.fstat(fd)  # the descriptor is what will be read, whatever the path names now
        _check_kind(path, st)
        _check_size(path, st.st_size, limit)  # a shortcut only: the cap is enforced while reading
    except BaseException:
        os.close(fd)
        raise
    return fd


class _CappedReader(io.RawIOBase):
    """A descriptor's bytes, refusing (FileTooLarge) the moment more than ``limit`` have been read."""

    def __init__(self, fd: int, limit: int) -> None:
        super().__init__()
        self.fd = fd
        self.limit = limit
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        want = min(len(view), self.limit + 1 - self.count)  # one byte more than allowed proves the excess
        if want <= 0:
            raise FileTooLarge(f"file too large: more than {self.limit} bytes")
        data = os.read(self.fd, want)
        self.count += len(data)
        if self.count > self.limit:
            raise FileTooLarge(f"file too large: more than {self.limit} bytes")
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            try:
                os.close(self.fd)
            finally:
                super().close()


def open_regular(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> _RegularStream:
    """``with open_regular(path) as stream``: a buffered binary stream over the regular file at
    ``path``, capped at ``limit`` bytes.

    For streaming readers (CSV): reading past the cap raises FileTooLarge; an OSError while
    reading becomes a FormatError naming the path.
    """
    return _RegularStream(path, limit)


class _RegularStream:
    """:func:`open_regular`'s context: a class, not contextlib's generator (contextlib is 0.4 ms of
    every command's start, issue 14). The file is opened on entering, closed on leaving."""

    def __init__(self, path: str | os.PathLike[str], limit: int) -> None:
        self.path, self.limit = path, limit
        self.stream: io.BufferedReader | None = None

    def __enter__(self) -> BinaryIO:
        raw = _CappedReader(_open_regular(self.path, self.limit), self.limit)
        self.stream = io.BufferedReader(raw, CHUNK)
        return self.stream  # type: ignore[return-value]

    def __exit__(self, kind: object, exc: BaseException | None, traceback: object) -> None:
        if self.stream is not None:
            self.stream.close()
        if isinstance(exc, OSError):
            raise _os_error(self.path, exc) from None


def read_file_bytes(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> bytes:
    """All bytes of the regular file at ``path`` (at most ``limit``), or a one-line FormatError."""
    fd = _open_regular(path, limit)
    chunks: list[bytes] = []
    count = 0
    try:
        while True:
            chunk = os.read(fd, min(CHUNK, limit + 1 - count))
            if not chunk:
                break
            count += len(chunk)
            if count > limit:
                raise FileTooLarge(f"file too large: more than {limit} bytes")
            chunks.append(chunk)
    except OSError as exc:
        raise _os_error(path, exc) from None
    except MemoryError:
        from pathlib import Path  # here only: pathlib is 2.7 ms of every command's start (issue 14)

        raise FormatError(f"not enough memory to read {shown_path(Path(path).name)}") from None
    finally:
        os.close(fd)
    return b"".join(chunks)
