"""Atomic file writes: a crash leaves the old file or the new one, never half of one."""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

#: Temp files of a save killed before its rename are removed by a later save once they are this old.
STALE_TEMP_SECONDS = 600


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write via a temp file in the same folder, fsync, then rename over ``path``.

    A crash at any point leaves either the old file or the new one, never half.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _remove_stale_temps(folder, target.name)
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


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """UTF-8 text with Unix newlines, written atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))
