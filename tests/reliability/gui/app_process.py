"""Reading an app process's progress lines in the kill tests (each test's script prints one line per step)."""

from __future__ import annotations

import select
import subprocess


def next_line(child: subprocess.Popen, timeout: float) -> str:
    """The child's next line; fails (instead of hanging) if none comes within ``timeout`` seconds, or
    if the child ended without one (with its stderr's end, when the test kept it)."""
    ready, _, _ = select.select([child.stdout], [], [], timeout)
    assert ready, "the app process printed nothing"
    line = child.stdout.readline().strip()
    if not line:
        said = child.stderr.read()[-2000:] if child.stderr is not None else ""
        raise AssertionError(f"the app ended: {child.wait(timeout=30)} {said}")
    return line
