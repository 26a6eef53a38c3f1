"""The application's identity: names and version for the standard places, the icon, the .desktop file."""

from __future__ import annotations

import configparser

import pytest

from designer import __version__
from designer.resources import resource_file
from designer.ui import identity


@pytest.fixture
def app(qapp):
    """The test QApplication with NN Designer's identity, restored afterwards."""
    saved = (qapp.organizationName(), qapp.organizationDomain(), qapp.applicationName(), qapp.applicationVersion())
    saved_desktop, saved_icon = qapp.desktopFileName(), qapp.windowIcon()
    from designer.ui.app import create_app

    assert create_app() is qapp
    yield qapp
    qapp.setOrganizationName(saved[0])
    qapp.setOrganizationDomain(saved[1])
    qapp.setApplicationName(saved[2])
    qapp.setApplicationVersion(saved[3])
    qapp.setDesktopFileName(saved_desktop)
    qapp.setWindowIcon(saved_icon)


def test_names_version_and_desktop_file(app):
    assert (app.organizationName(), app.applicationName()) == ("NN Designer", "NN Designer")
    assert app.organizationDomain() == identity.DOMAIN
    assert app.applicationVersion() == __version__
    assert app.desktopFileName() == "nn-designer"


def test_standard_places_follow_the_names(app):
    from PySide6.QtCore import QStandardPaths

    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert data.replace("\\", "/").endswith("NN Designer/NN Designer")
    store = identity.settings()
    assert (store.organizationName(), store.applicationName()) == ("NN Designer", "NN Designer")


def test_the_window_icon_is_drawn_from_the_shipped_svg(app):
    icon = app.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    assert image.width() == 64
    corner, centre = image.pixelColor(1, 1), image.pixelColor(32, 32)
    assert corner.alpha() == 0 and centre.alpha() == 255  # the rounded square is drawn, its corner is not


def test_the_main_window_uses_the_app_icon(app, qtbot):
    from designer.ui.mainwindow import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.windowIcon().cacheKey() == app.windowIcon().cacheKey()


def test_the_desktop_file_launches_the_command_with_the_shipped_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read_string(resource_file(f"{identity.DESKTOP_FILE}.desktop").read_text(encoding="utf-8"))
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "NN Designer"
    assert desktop["Exec"].split()[0] == "nn-designer" == desktop["TryExec"]
    assert resource_file(f"{desktop['Icon']}.svg") == resource_file(identity.ICON_FILE)
    assert desktop["StartupWMClass"] == identity.DESKTOP_FILE  # create_app's argv[0]: the WM_CLASS instance
    assert desktop["Categories"].endswith(";") and "Education" in desktop["Categories"].split(";")
