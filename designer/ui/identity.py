"""Who the application is to the operating system, and where that puts its files.

Qt derives the standard places from these names: settings (``QSettings``: the registry on
Windows, a plist on macOS, ``~/.config/NN Designer/`` on Linux), application data such as the
recovery folder (``QStandardPaths.AppDataLocation``) and the Wayland app id that links the window
to the shipped ``nn-designer.desktop`` file and its icon.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QGuiApplication, QIcon

from designer import __version__
from designer.resources import resource_file

ORGANIZATION = "NN Designer"
APPLICATION = "NN Designer"
#: Used by macOS for the settings file name. A reserved placeholder (RFC 2606) until the project
#: has a domain of its own; changing it later moves macOS settings.
DOMAIN = "nn-designer.example"
#: The shipped ``nn-designer.desktop`` without its suffix (Wayland app id, X11 desktop file hint).
DESKTOP_FILE = "nn-designer"
ICON_FILE = "nn-designer.svg"


def apply_identity(app: QGuiApplication) -> None:
    """Name, version, desktop file and window icon; call before any settings or paths are read."""
    app.setOrganizationName(ORGANIZATION)
    app.setOrganizationDomain(DOMAIN)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(app_icon())


def app_icon() -> QIcon:
    """The window icon, drawn from the shipped SVG (Qt's svg icon engine scales it to any size)."""
    return QIcon(str(resource_file(ICON_FILE)))


def settings() -> QSettings:
    """The application's settings in the platform's standard place (independent of the QApplication's names)."""
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def documents_folder() -> Path:
    """Where file dialogs start when there is no current file: the user's documents folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location and Path(location).is_dir() else Path.home()
