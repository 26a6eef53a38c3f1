"""Starting the app where it cannot start: one line on stderr and exit code 2, never Qt's abort.

Real processes: without a display Qt prints several lines and aborts (SIGABRT), which only a
child process shows. ``PySide6 loaded: False`` proves a check ran before Qt was imported.
"""

from __future__ import annotations

import ctypes
import io
import os
import shutil
import sys

import pytest

from designer.cli import main, utf8_when_redirected
from designer.ui import display
from designer.ui.display import display_problem
from tests.conftest import EXAMPLES, ROOT
from tests.install.helpers import error_lines, run

NO_DISPLAY = {"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None, "XDG_SESSION_TYPE": None}
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland checks")


def start_gui(home, *argv: str, patch: str = "", **env: str | None):
    """``main(argv)`` in a child process; ``patch`` runs first (to fake what this machine has)."""
    code = (
        "import sys\n"
        f"{patch}\n"
        "from designer.cli import main\n"
        f"code = main({list(argv)!r})\n"
        "print('PySide6 loaded:', any(name.startswith('PySide6') for name in sys.modules))\n"
        "sys.exit(code)\n"
    )
    return run(["-c", code], home, **{**NO_DISPLAY, **env})


def one_error_line(result) -> str:
    lines = error_lines(result.stderr)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("nn-designer: error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize("name", ["nosuchcommand", "exercise", "valdate"])
def test_a_name_that_is_no_subcommand_and_no_file_is_refused_before_qt(tmp_path, name):
    result = start_gui(tmp_path, name)
    line = one_error_line(result)
    assert f"'{name}' is neither a subcommand nor a file" in line and "exercises" in line
    assert result.stdout == "PySide6 loaded: False\n"


def test_a_close_subcommand_is_suggested(capsys):
    assert main(["exercise"]) == 2
    assert "did you mean 'exercises'?" in capsys.readouterr().err


def test_a_missing_network_file_is_named_before_qt(tmp_path):
    result = start_gui(tmp_path, "lost/network.json")
    assert "no such file: lost/network.json" in one_error_line(result)
    assert result.stdout == "PySide6 loaded: False\n"


def test_python_m_designer_with_a_bad_name_exits_2(tmp_path):
    assert one_error_line(run(["-m", "designer", "nosuchcommand"], tmp_path, **NO_DISPLAY))


@linux_only
def test_no_display_is_one_line_instead_of_qts_abort(tmp_path):
    result = start_gui(tmp_path)
    line = one_error_line(result)
    assert "no display" in line and "DISPLAY" in line and "QT_QPA_PLATFORM=offscreen" in line
    assert result.stdout == "PySide6 loaded: False\n"


@linux_only
def test_no_display_also_for_an_exercise_or_a_file(tmp_path):
    network = tmp_path / "net.json"
    network.write_text("{}", encoding="utf-8")
    for argv in (["--exercise", "xor"], [str(network)]):
        assert "no display" in one_error_line(start_gui(tmp_path, *argv))


@linux_only
def test_missing_xcb_libraries_are_named_with_their_packages(tmp_path):
    fake_loader = (
        "import ctypes, designer.ui.display as d\n"
        "real = ctypes.CDLL\n"
        "d.qt_plugin_file = lambda folder, name: '/qt/plugins/platforms/libqxcb.so'\n"
        "def cdll(name, *a, **k):\n"
        "    if name.endswith('libqxcb.so') or name in ('libxcb-cursor.so.0', 'libxcb-icccm.so.4'):\n"
        "        raise OSError(name + ': cannot open shared object file: No such file or directory')\n"
        "    return real(name, *a, **k)\n"
        "ctypes.CDLL = cdll\n"
    )
    line = one_error_line(start_gui(tmp_path, patch=fake_loader, DISPLAY=":0"))
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in line
    assert "apt-get install libxcb-cursor0 libxcb-icccm4" in line


@linux_only
def test_an_x_server_that_does_not_answer_is_named(tmp_path):
    try:
        ctypes.CDLL("libxcb.so.1")
    except OSError:
        pytest.skip("no libxcb here")
    no_plugin_check = "import designer.ui.display as d; d.qt_plugin_file = lambda folder, name: None"
    line = one_error_line(start_gui(tmp_path, patch=no_plugin_check, DISPLAY=":93"))
    assert "the X display ':93' does not answer" in line


@linux_only
def test_a_missing_wayland_socket_is_named(tmp_path):
    line = one_error_line(start_gui(tmp_path, WAYLAND_DISPLAY="wayland-7", XDG_RUNTIME_DIR=str(tmp_path)))
    assert f"no Wayland display at {tmp_path / 'wayland-7'}" in line


def test_qt_that_cannot_be_loaded_is_one_line(monkeypatch, capsys):
    monkeypatch.setattr(display, "display_problem", lambda: None)
    monkeypatch.setitem(sys.modules, "designer.ui.app", None)  # import fails like a missing libEGL.so.1
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nn-designer: error: cannot load Qt (PySide6): ") and err.count("\n") == 1


MISSING_LIBEGL = "libEGL.so.1: cannot open shared object file: No such file or directory"


@pytest.fixture
def qt_without_libegl(tmp_path):
    """A PYTHONPATH whose PySide6 fails to import as the real one does on a Linux without libEGL."""
    fake = tmp_path / "fake-site" / "PySide6"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(f"raise ImportError({MISSING_LIBEGL!r})\n", encoding="utf-8")
    return f"{fake.parent}{os.pathsep}{ROOT}"


@pytest.mark.parametrize("to", ["png", "svg"])
def test_a_figure_export_without_qts_libraries_is_one_line_not_an_internal_error(tmp_path, qt_without_libegl, to):
    network = shutil.copy(EXAMPLES / "xor-step.json", tmp_path / "xor.json")
    argv = ["-m", "designer", "export", str(network), "--to", to, "-o", str(tmp_path / f"fig.{to}")]
    line = one_error_line(run(argv, tmp_path, PYTHONPATH=qt_without_libegl))
    assert line == f"nn-designer: error: --to {to} needs Qt, which cannot be loaded (PySide6): {MISSING_LIBEGL}"
    assert not (tmp_path / f"fig.{to}").exists()


def test_qt_without_a_library_of_its_own_names_the_package(tmp_path, qt_without_libegl):
    result = start_gui(tmp_path, PYTHONPATH=qt_without_libegl, QT_QPA_PLATFORM="offscreen")
    line = one_error_line(result)
    assert line == "nn-designer: error: cannot load Qt (PySide6): libEGL.so.1 (Debian/Ubuntu: apt-get install libegl1)"


# ---------------------------------------------------------------- which platform Qt will use
def loads_everything(name: str) -> object:
    return object()


def fail_on(*missing: str):
    def load(name: str) -> object:
        if name in missing or name.endswith("libqxcb.so"):
            raise OSError(f"{name}: cannot open shared object file")
        return object()

    return load


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "vnc:size=800x600", "xcb;offscreen"])
def test_display_less_platforms_are_trusted(platform):
    assert display_problem({"QT_QPA_PLATFORM": platform}, "linux", loads_everything) is None


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_always_have_a_display(platform):
    assert display_problem({}, platform, fail_on("libxcb.so.1")) is None


def test_an_explicit_xcb_without_display_is_named():
    assert "no display" in display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", loads_everything)


def test_wayland_falls_back_to_xcb(tmp_path, monkeypatch):
    monkeypatch.setattr(display, "qt_plugin_file", lambda folder, name: None)
    monkeypatch.setattr(display, "_x_server_problem", lambda name, load: None)
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path), "DISPLAY": ":1"}
    assert display_problem(env, "linux", loads_everything) is None  # no socket, but XWayland answers
    (tmp_path / "wayland-0").touch()
    assert display_problem({**env, "DISPLAY": ""}, "linux", loads_everything) is None


def test_an_unknown_missing_library_is_named_by_the_loader(monkeypatch):
    monkeypatch.setattr(display, "qt_plugin_file", lambda folder, name: "/qt/libqxcb.so")
    line = display_problem({"DISPLAY": ":1"}, "linux", fail_on())
    assert "libqxcb.so: cannot open shared object file" in line
    line = display_problem({"DISPLAY": ":1"}, "linux", fail_on("libX11-xcb.so.1"))
    assert "libX11-xcb.so.1 (Debian/Ubuntu: apt-get install libx11-xcb1)" in line


def test_a_library_qt_itself_needs_is_named_without_the_offscreen_advice(monkeypatch):
    """libEGL.so.1 missing: libqxcb.so fails to load, but so does libQt6Gui, which offscreen Qt needs too."""
    monkeypatch.setattr(display, "qt_plugin_file", lambda folder, name: "/qt/plugins/platforms/libqxcb.so")
    monkeypatch.setattr(display, "qt_library_file", lambda name: f"/qt/lib/{name}")

    def load(name: str) -> object:
        if name.endswith(("libqxcb.so", "libQt6Gui.so.6")):
            raise OSError("libEGL.so.1: cannot open shared object file: No such file or directory")
        return object()

    line = display_problem({"DISPLAY": ":1"}, "linux", load)
    assert line == "cannot show a window: Qt needs libEGL.so.1 (Debian/Ubuntu: apt-get install libegl1)"


def test_a_library_only_the_xcb_plugin_needs_keeps_the_offscreen_advice(monkeypatch):
    monkeypatch.setattr(display, "qt_plugin_file", lambda folder, name: "/qt/plugins/platforms/libqxcb.so")
    monkeypatch.setattr(display, "qt_library_file", lambda name: f"/qt/lib/{name}")
    line = display_problem({"DISPLAY": ":1"}, "linux", fail_on("libxcb-cursor.so.0"))
    named = "libxcb-cursor.so.0 (Debian/Ubuntu: apt-get install libxcb-cursor0)"
    assert line == f"cannot show a window: Qt's xcb platform plugin needs {named}; {display.OFFSCREEN_HINT}"


# ---------------------------------------------------------------- text output on Windows
def test_redirected_output_is_utf8_whatever_the_locale(monkeypatch):
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    redirected = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")  # Windows, stdout to a file
    utf8_when_redirected([redirected])
    redirected.write("cycle: h1 → h2")  # cp1252 has no arrow: UnicodeEncodeError without the switch
    redirected.flush()
    assert redirected.buffer.getvalue().decode("utf-8") == "cycle: h1 → h2"


def test_a_chosen_encoding_is_kept(monkeypatch):
    monkeypatch.setenv("PYTHONIOENCODING", "cp1252")
    redirected = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    utf8_when_redirected([redirected])
    assert redirected.encoding == "cp1252"


@linux_only
def test_a_platform_qt_does_not_have_is_one_line_instead_of_qts_abort(tmp_path):
    """QT_QPA_PLATFORM=bogus: Qt printed several lines and aborted (exit 134)."""
    result = start_gui(tmp_path, QT_QPA_PLATFORM="bogus")
    line = one_error_line(result)
    assert "QT_QPA_PLATFORM is 'bogus'" in line and "offscreen" in line
    assert result.stdout == "PySide6 loaded: False\n"


@pytest.mark.parametrize("platform", ["bogus;offscreen", "wayland-egl", "offscreen"])
def test_a_known_platform_among_those_asked_for_is_not_refused(platform):
    assert display.unknown_platform({"QT_QPA_PLATFORM": platform}) is None
