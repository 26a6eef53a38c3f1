"""Can a window be shown here? Checked before Qt is loaded (no PySide6 import in this module).

Without a usable display Qt prints a few lines and aborts the process (SIGABRT, no exit code a
script can use). On Linux and the BSDs :func:`display_problem` finds the usual causes first and
names the missing piece in one line: no display at all, the xcb platform plugin's system
libraries not installed (e.g. libxcb-cursor0 since Qt 6.5), an X server that does not answer, a
Wayland socket that is not there. Windows and macOS always have their native platform plugin.

The checks load what Qt itself would load (the platform plugin file of the installed PySide6, the
X client library), so they do not report a problem Qt would not have: when the plugin file cannot
be found (e.g. a distribution's Qt), the library check is skipped and Qt decides.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

#: Shared libraries Qt's xcb platform plugin needs, and the Debian/Ubuntu package of each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

#: Shared libraries Qt itself (libQt6Gui) loads on Linux, with or without a display, and their
#: Debian/Ubuntu packages: when one is missing, QT_QPA_PLATFORM=offscreen does not help either.
QT_GUI_LIBRARIES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libpng16.so.16": "libpng16-16",
    "libz.so.1": "zlib1g",
}

#: Platform plugins that need no display server (QT_QPA_PLATFORM=offscreen etc.): trusted as given.
WINDOW_SYSTEMS = ("xcb", "wayland")

OFFSCREEN_HINT = "or set QT_QPA_PLATFORM=offscreen to run without a screen"

Loader = Callable[[str], object]


def display_problem(
    environ: Mapping[str, str] | None = None, platform: str | None = None, load: Loader | None = None
) -> str | None:
    """One line naming why no window can be shown, or None if Qt should be able to start."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    load = load or ctypes.CDLL
    if not (platform.startswith("linux") or "bsd" in platform):
        return None
    unknown = unknown_platform(environ)
    if unknown:
        return unknown
    candidates = _platform_candidates(environ)
    if not candidates:
        return None  # offscreen, vnc, eglfs…: the user chose a platform that needs no display server
    problems = []
    for name in candidates:
        problem = _wayland_problem(environ) if name == "wayland" else _xcb_problem(environ, load)
        if problem is None:
            return None
        problems.append(problem)
    return problems[0]


def _platform_candidates(environ: Mapping[str, str]) -> list[str]:
    """The window systems Qt will try, in order (QT_QPA_PLATFORM may list several: ``wayland;xcb``)."""
    requested = _requested_platforms(environ)
    if requested:
        chosen = []
        for name in requested:
            if not name.startswith(WINDOW_SYSTEMS):
                return []  # a display-less platform is among the fallbacks: Qt can always start
            chosen.append("wayland" if name.startswith("wayland") else "xcb")
        return chosen
    if environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def unknown_platform(environ: Mapping[str, str]) -> str | None:
    """One line when QT_QPA_PLATFORM names only platforms the installed PySide6 has no plugin for
    (``bogus``: Qt printed several lines and aborted); None when one is there or it cannot be told."""
    requested = _requested_platforms(environ)
    folder = qt_plugin_file("platforms", "")
    if not requested or folder is None:
        return None
    known = sorted(p.name[len("libq") : -len(".so")] for p in folder.glob("libq*.so"))
    if not known or any(name.split("-")[0] in known for name in requested):  # wayland-egl: the wayland plugin
        return None
    asked = ";".join(requested)
    return (
        f"cannot show a window: QT_QPA_PLATFORM is '{asked}', which this Qt does not have (it has: {', '.join(known)})"
    )


def _requested_platforms(environ: Mapping[str, str]) -> list[str]:
    """The platform names QT_QPA_PLATFORM lists, in order, without their options (``vnc:size=…``)."""
    names = [item.split(":")[0].strip() for item in environ.get("QT_QPA_PLATFORM", "").split(";")]
    return [name for name in names if name]


def _wayland_problem(environ: Mapping[str, str]) -> str | None:
    name = environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return _no_display(environ)
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if not Path(name).is_absolute() and not runtime:
        return f"cannot show a window: WAYLAND_DISPLAY is '{name}' but XDG_RUNTIME_DIR is not set; {OFFSCREEN_HINT}"
    socket = Path(runtime, name)  # an absolute name stays as it is
    if not socket.exists():
        return f"cannot show a window: no Wayland display at {socket}; {OFFSCREEN_HINT}"
    return None


def _no_display(environ: Mapping[str, str]) -> str:
    return (
        "cannot show a window: no display (neither DISPLAY nor WAYLAND_DISPLAY is set; "
        f"run it in a desktop session, or over ssh -X, {OFFSCREEN_HINT})"
    )


def _xcb_problem(environ: Mapping[str, str], load: Loader) -> str | None:
    display = environ.get("DISPLAY", "")
    if not display:
        return _no_display(environ)
    plugin = qt_plugin_file("platforms", "libqxcb.so")
    if plugin is not None:
        try:
            load(str(plugin))
        except OSError as exc:
            return _missing_libraries_message(load, str(exc))
    return _x_server_problem(display, load)


def qt_plugin_file(folder: str, name: str) -> Path | None:
    """A plugin file of the PySide6 wheel, found without importing PySide6 (None if not there)."""
    return _pyside_file("plugins", folder, name)


def qt_library_file(name: str) -> Path | None:
    """A Qt library of the PySide6 wheel (``libQt6Gui.so.6``), found without importing PySide6."""
    return _pyside_file("lib", name)


def _pyside_file(*parts: str) -> Path | None:
    """``PySide6/Qt/<parts>`` of the installed PySide6; a file, or a folder when the last part is empty."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location, "Qt", *parts)
        if path.is_file() or (not parts[-1] and path.is_dir()):
            return path
    return None


def missing_libraries(load: Loader) -> list[str]:
    """The xcb plugin's libraries that the dynamic loader cannot find."""
    missing = []
    for soname in XCB_LIBRARIES:
        try:
            load(soname)
        except OSError:
            missing.append(soname)
    return missing


def _missing_libraries_message(load: Loader, loader_error: str) -> str:
    gui_error = _qt_gui_load_error(load)
    if gui_error is not None:  # Qt itself cannot load: offscreen would fail the same way
        return f"cannot show a window: Qt needs {with_package(gui_error)}"
    missing = missing_libraries(load)
    if missing:
        packages = " ".join(XCB_LIBRARIES[soname] for soname in missing)
        what = f"{', '.join(missing)} (Debian/Ubuntu: apt-get install {packages})"
    else:  # something outside the known list: the loader's own words name it
        what = with_package(loader_error)
    return f"cannot show a window: Qt's xcb platform plugin needs {what}; {OFFSCREEN_HINT}"


def _qt_gui_load_error(load: Loader) -> str | None:
    """The loader's words when PySide6's libQt6Gui cannot be loaded (None if it can, or is not found)."""
    library = qt_library_file("libQt6Gui.so.6")
    if library is None:
        return None
    try:
        load(str(library))
    except OSError as exc:
        return str(exc)
    return None


def with_package(loader_error: str) -> str:
    """The loader's error on one line, naming the Debian/Ubuntu package of the library it names, if known.

    ``/lib/x86_64-linux-gnu/libEGL.so.1: cannot open shared object file…`` becomes
    ``libEGL.so.1 (Debian/Ubuntu: apt-get install libegl1)``.
    """
    words = " ".join(loader_error.split())
    known = {**XCB_LIBRARIES, **QT_GUI_LIBRARIES}
    for soname, package in known.items():
        if re.search(rf"(?:^|[\s/]){re.escape(soname)}:", words):
            return f"{soname} (Debian/Ubuntu: apt-get install {package})"
    return words


def _x_server_problem(display: str, load: Loader) -> str | None:
    """Connect to the X server the way Qt will (libxcb); None if it answers or libxcb is absent."""
    try:
        xcb = load("libxcb.so.1")
        connect, has_error, disconnect = xcb.xcb_connect, xcb.xcb_connection_has_error, xcb.xcb_disconnect
    except (OSError, AttributeError):
        return None
    connect.restype = ctypes.c_void_p
    connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    has_error.argtypes = [ctypes.c_void_p]
    disconnect.argtypes = [ctypes.c_void_p]
    connection = connect(display.encode(), None)  # XAUTHORITY is read from the environment, as Qt does
    try:
        failed = connection is None or has_error(connection) != 0
    finally:
        if connection is not None:
            disconnect(connection)
    if failed:
        return f"cannot show a window: the X display '{display}' does not answer (DISPLAY); {OFFSCREEN_HINT}"
    return None
