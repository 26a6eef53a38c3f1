"""dev.sh's system-library check, run by bash with fake ldconfig/apt-get/id on PATH.

The old check, ``ldconfig -p | grep -q LIB`` under ``set -o pipefail``, called a library missing
whenever grep found it before ldconfig had written everything (ldconfig then dies of SIGPIPE):
every run reinstalled with apt-get, and failed while another apt held the lock. The fake ldconfig
writes the match first and a megabyte after it, so that race is lost every time.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not shutil.which("bash"), reason="dev.sh is bash")

FUNCTIONS = "\n".join(
    re.findall(
        r"^(?:missing_libs|system_libs)\(\) \{.*?^\}", (ROOT / "dev.sh").read_text(encoding="utf-8"), re.S | re.M
    )
)

FAKES = {
    "ldconfig": 'cat "$FAKE/cache"; head -c 1000000 /dev/zero | tr "\\0" x; echo',
    "fc-list": 'echo "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf: DejaVu Sans:style=Book"',
    "id": "echo 0",
    "apt-get": 'echo "apt-get $*" >> "$FAKE/apt.log"; eval "$FAKE_APT"',
}
LOCKED = 'echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)" >&2; exit 100'


@pytest.fixture
def fake(tmp_path):
    """A folder with the fake commands; ``fake / "cache"`` is what ldconfig -p lists."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in FAKES.items():
        script = bin_dir / name
        script.write_text(f"#!/usr/bin/env bash\n{body}\n", encoding="utf-8", newline="\n")
        script.chmod(0o755)
    (tmp_path / "cache").write_text(cache_line("libEGL.so.1"), encoding="utf-8", newline="\n")
    return tmp_path


def cache_line(soname: str) -> str:
    return f"\t{soname} (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/{soname}\n"


def bash(fake, command: str, apt: str = "exit 0") -> subprocess.CompletedProcess:
    script = f"set -euo pipefail\n{FUNCTIONS}\n{command}\n"
    env = {"PATH": f"{fake / 'bin'}:/usr/bin:/bin", "FAKE": str(fake), "FAKE_APT": apt, "HOME": str(fake)}
    return subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60)


def apt_calls(fake) -> list[str]:
    log = fake / "apt.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_dev_sh_defines_the_checked_functions():
    assert "missing_libs() {" in FUNCTIONS and "system_libs() {" in FUNCTIONS


def test_a_present_library_is_not_missing_however_long_the_list(fake):
    result = bash(fake, 'missing_libs "libEGL.so.1:libegl1"; echo "[end]"')
    assert result.stdout.split() == ["[end]"], result.stderr


def test_a_missing_library_is_named_by_its_package(fake):
    result = bash(fake, 'missing_libs "libEGL.so.1:libegl1 libxcb-cursor.so.0:libxcb-cursor0"')
    assert result.stdout.split() == ["libxcb-cursor0"]


def test_apt_get_runs_only_when_something_is_missing(fake):
    assert bash(fake, 'system_libs "libEGL.so.1:libegl1"').returncode == 0
    assert apt_calls(fake) == []
    result = bash(fake, 'system_libs "libEGL.so.1:libegl1 libGL.so.1:libgl1"')
    assert result.returncode == 0 and result.stdout.startswith("Installing system libraries for Qt: libgl1")
    update, install = apt_calls(fake)
    assert "update" in update.split() and install.split()[-2:] == ["-qq", "libgl1"] and "install" in install


def test_a_locked_apt_goes_on_when_the_libraries_are_there_after_all(fake):
    # meanwhile the other apt installed libGL: the lock stops us, but nothing is missing any more
    appear = f"printf '{cache_line('libGL.so.1').strip()}\\n' >> \"$FAKE/cache\"; {LOCKED}"
    result = bash(fake, 'system_libs "libEGL.so.1:libegl1 libGL.so.1:libgl1"; echo going on', apt=appear)
    assert result.returncode == 0, result.stderr
    assert "apt-get is busy (another apt or dpkg holds its lock)" in result.stderr
    assert "present after all" in result.stderr and result.stdout.endswith("going on\n")


def test_a_locked_apt_with_libraries_still_missing_stops_with_a_reason(fake):
    result = bash(fake, 'system_libs "libGL.so.1:libgl1"; echo going on', apt=LOCKED)
    assert result.returncode == 2 and "going on" not in result.stdout
    assert "apt-get is busy" in result.stderr
    assert "Still missing: libgl1; install them and run this again." in result.stderr
