"""Writing onto what the user has: the one way NN Designer writes a file.

Every save goes through :func:`atomic_write_bytes`: the GUI's Save and autosave, the CLI's ``-o``
and ``--report``, and every export (code, LaTeX, PNG, SVG). The rules (docs/reliability.md):

- **Regular files** (existing or new) are replaced atomically: a temp file ``.NAME.XXXXXXXX.tmp``
  in the same folder is written, fsynced and renamed over the file, then the folder is fsynced. A
  crash leaves the old file or the new one, never half of one.
- **Symbolic links** are followed: the file they point to is replaced in *its* folder and the
  link stays a link (a dangling link gets its target created, as the shell's ``>`` does).
- **An existing file keeps its permission bits** and, where the system allows it, its owner and
  group (always as root; a group the user belongs to otherwise). **A new file gets the mode the
  umask gives** (0644 under the usual umask 022), as any other program's would: the temp file is
  created with mode 0666 and the kernel applies the umask (and default ACLs).
- **FIFOs and character devices** (``/dev/null``, ``/dev/stdout``, a terminal, ``>(gzip)``) are
  written through, like stdout: opened for writing, never replaced, so ``-o /dev/null`` does not
  turn the system's ``/dev/null`` into a file. A FIFO that gets no reader within
  :data:`FIFO_READER_WAIT` seconds is refused instead of blocking forever.
- **This process's own open files** (``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``,
  ``/proc/self/fd/N``, or the very file stdout or stderr is redirected to) are written through
  their descriptor, at its position: ``{ echo a; nn-designer … --report /dev/stdout; } > log``
  keeps ``a`` in ``log``. Replacing (or reopening and truncating) the file there would throw away
  what the shell and this program already wrote into it.
- **A read-only file** (no write permission for this user; root may write it, as the shell's ``>`` does)
  is refused, though the folder would let its rename replace it.
- **Folders, block devices, sockets** and anything else are refused with an ``OSError`` whose
  ``strerror`` is one line (callers print ``cannot write PATH: REASON``).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import time

TYPE_CHECKING = False  # not typing's (issue 14: every command's start)
if TYPE_CHECKING:
    from pathlib import Path

#: Temp files of a save killed before its rename are removed by a later save once they are this old.
STALE_TEMP_SECONDS = 600
#: Seconds a FIFO may take to get a reader (``mkfifo p; cat p & nn-designer … -o p``) before it is refused.
FIFO_READER_WAIT = 5.0

_TEMP_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_MAX_NAME_BYTES = 255


def _random_suffix() -> str:
    """Eight random name characters for a temporary file (os.urandom: the ``secrets`` module's
    import costs more than a whole small save)."""
    return "".join(_TEMP_CHARS[b % len(_TEMP_CHARS)] for b in os.urandom(8))


_O_BINARY = getattr(os, "O_BINARY", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_THROUGH_FLAGS = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | _O_BINARY | _O_CLOEXEC


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` by the rules above; OSError (one-line ``strerror``) if it cannot be done."""
    target = os.fspath(path)
    try:
        st: os.stat_result | None = os.stat(target)  # follows links: what the user's path really names
    except FileNotFoundError:
        st = None
    except ValueError:  # an embedded NUL character
        raise OSError(errno.EINVAL, "the name contains a NUL character") from None
    own = _own_descriptor(target, st)
    if own is not None:
        _write_to_descriptor(own, data)
        return
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_through(target, st, data)
        return
    real = os.path.realpath(target)
    if st is not None and not _same_file(real, st):  # e.g. /proc/self/fd/N: no folder to replace it in
        _write_through(target, st, data)
        return
    from pathlib import Path  # here, on saving: pathlib is 2.7 ms of every command's start (issue 14)

    _replace(Path(real), st, data)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """UTF-8 text with Unix newlines, written by the rules of :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _same_file(path: str, st: os.stat_result) -> bool:
    try:
        return os.path.samestat(os.stat(path), st)
    except OSError:
        return False


# ------------------------------------------------------------------ this process's own files
#: A path naming one of a process's descriptors, once its folder's links are resolved (/dev/fd and
#: /proc/self are links to /proc/PID/fd and /proc/PID). Linux only: elsewhere the descriptors checked
#: are stdout's and stderr's, by the file they write to.
# As text, compiled (and cached by re) at the first save: not on every command's start (issue 14).
_DESCRIPTOR_PATH = r"/proc/(\d+)(?:/task/\d+)?/fd/(\d+)" if sys.platform.startswith("linux") else None
_MAX_LINKS = 40


def _own_descriptor(target: str, st: os.stat_result | None) -> int | None:
    """The descriptor of this process that ``target`` names (``/dev/stdout``, ``/dev/fd/N``, …, or the
    file stdout or stderr writes to), when it is still that file; else None.

    Descriptors 1 and 2 count only while Python's stdout and stderr are open on them: started with
    stdout closed (``>&-``), a GUI's descriptor 1 may be its X server connection."""
    if st is None:
        return None
    named = _descriptor_in_links(target)
    candidates = (named,) if named is not None else (1, 2)
    for fd in candidates:
        try:
            opened = os.fstat(fd)
        except OSError:
            continue
        if os.path.samestat(opened, st) and _writable_as_given(fd, opened):
            return fd
    return None


def _writable_as_given(fd: int, opened: os.stat_result) -> bool:
    """Whether descriptor ``fd`` is one the user gave this process to write to: stdout or stderr while
    Python's are open on it, or another that is a file, a pipe or a device (never a socket of ours)."""
    if fd in (1, 2):
        stream = sys.stdout if fd == 1 else sys.stderr
        try:
            return stream is not None and stream.fileno() == fd
        except (OSError, ValueError, AttributeError):
            return False
    return stat.S_ISREG(opened.st_mode) or stat.S_ISFIFO(opened.st_mode) or stat.S_ISCHR(opened.st_mode)


def names_stdout(path: str | os.PathLike[str]) -> bool:
    """Whether writing to ``path`` writes to this process's stdout (``-o /dev/stdout``): the caller's
    own messages then go to stderr, so that what is written stays a file of its own kind."""
    target = os.fspath(path)
    try:
        st = os.stat(target)
    except (OSError, ValueError):
        return False
    return _own_descriptor(target, st) == 1


def stream_kind(path: str | os.PathLike[str]) -> str | None:
    """What writing to ``path`` writes through instead of replacing a file ("standard output", "a FIFO
    (named pipe)", "a device", …), or None when a write replaces a file (an existing regular file or a
    new one). A stream keeps every write in sequence: a caller that writes again and again (checkpoints)
    would pile documents up in it."""
    target = os.fspath(path)
    try:
        st = os.stat(target)
    except (OSError, ValueError):
        return None
    own = _own_descriptor(target, st)
    if own is not None:
        return {1: "standard output", 2: "standard error"}.get(own, f"this program's descriptor {own}")
    if stat.S_ISREG(st.st_mode) and _same_file(os.path.realpath(target), st):
        return None
    if stat.S_ISFIFO(st.st_mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(st.st_mode) and not _same_file(os.devnull, st):  # /dev/null keeps nothing to pile up
        return "a device"
    return None  # folders and the like: the write itself refuses them with its own reason


def _descriptor_in_links(target: str) -> int | None:
    """N when ``target`` or a link it leads through is /proc/<this process>/fd/N (/dev/stdout is a
    link to /proc/self/fd/1); None otherwise. Follows at most _MAX_LINKS links, like the kernel."""
    if _DESCRIPTOR_PATH is None:
        return None
    path = os.path.abspath(target)
    for _ in range(_MAX_LINKS):
        folder = os.path.realpath(os.path.dirname(path))
        path = os.path.join(folder, os.path.basename(path))
        match = re.fullmatch(_DESCRIPTOR_PATH, path)
        if match:
            return int(match.group(2)) if int(match.group(1)) == os.getpid() else None
        try:
            link = os.readlink(path)
        except (OSError, ValueError):
            return None
        path = os.path.join(folder, link)
    return None


def _write_to_descriptor(fd: int, data: bytes) -> None:
    """Write ``data`` at the descriptor's position (after what Python's stdout and stderr hold)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    _write_all(fd, data)


# ------------------------------------------------------------------ write through
def _write_through(target: str, st: os.stat_result, data: bytes) -> None:
    """FIFOs and character devices get the bytes like stdout would; every other kind is refused."""
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder")
    if not (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        kind = "a block device" if stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "special"
        raise OSError(errno.EINVAL, f"it is {kind}, not a file (refused)")
    fd = _open_through(target)
    try:
        opened = os.fstat(fd)
        if not (stat.S_ISFIFO(opened.st_mode) or stat.S_ISCHR(opened.st_mode)):
            raise OSError(errno.EINVAL, "it changed while being opened (refused)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # from here on like stdout: a slow reader slows us down
        _write_all(fd, data)
    finally:
        os.close(fd)


def _open_through(target: str) -> int:
    """Open a FIFO or device for writing without blocking; a FIFO gets FIFO_READER_WAIT s to find a reader."""
    deadline = time.monotonic() + FIFO_READER_WAIT
    while True:
        try:
            return os.open(target, _THROUGH_FLAGS)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: a FIFO that no program has open for reading (yet)
                raise
            if time.monotonic() >= deadline:
                raise OSError(errno.ENXIO, "it is a FIFO (named pipe) that no program is reading") from None
            time.sleep(0.05)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


# ------------------------------------------------------------------ atomic replace
def _temp_stem(name: str) -> str:
    """The file name as used in its temp files' names, shortened so that they stay valid names."""
    stem = name
    while stem and len(os.fsencode(f".{stem}.xxxxxxxx.tmp")) > _MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem


def _create_temp(folder: Path, stem: str) -> tuple[int, Path]:
    """A new temp file created with mode 0666 (the umask and default ACLs apply, as for any new file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY | _O_CLOEXEC
    while True:
        tmp = folder / f".{stem}.{_random_suffix()}.tmp"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


def _keep_owner_and_mode(fd: int, tmp: Path, st: os.stat_result) -> None:
    """Give the new version the old file's owner and group where allowed, then its permission bits."""
    if hasattr(os, "fchown"):
        mine = os.fstat(fd)
        if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
            try:
                os.fchown(fd, st.st_uid, st.st_gid)
            except OSError:
                try:
                    os.fchown(fd, -1, st.st_gid)
                except OSError:
                    pass  # not allowed: the file becomes the user's own, as any editor would make it
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(st.st_mode))  # after chown, which may clear set-id bits
    else:
        os.chmod(tmp, stat.S_IMODE(st.st_mode))


def _replace(real: Path, st: os.stat_result | None, data: bytes) -> None:
    if st is not None and not os.access(real, os.W_OK):
        # the rename needs only the folder's permission: a file made read-only was replaced all the same
        raise PermissionError(errno.EACCES, "it is read-only (its permissions do not let you write it)")
    folder = real.parent
    stem = _temp_stem(real.name)
    fd, tmp = _create_temp(folder, stem)
    try:
        with os.fdopen(fd, "wb") as handle:
            if st is not None:
                _keep_owner_and_mode(handle.fileno(), tmp, st)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _remove_stale_temps(folder, stem)
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Delete this file's temp files left by saves killed before their rename, once they are old.

    Young ones are kept: they may belong to a save still running in another process.
    """
    pattern = re.compile(re.escape(f".{name}.") + r"[a-z0-9_]{8}\.tmp")
    limit = time.time() - STALE_TEMP_SECONDS
    try:
        candidates = [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return
    for path in candidates:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass
