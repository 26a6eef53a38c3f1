"""Reliability tests that drive the GUI (pytest-qt): left out of CI's Qt-free run."""

from tests.qt_isolation import isolated_qt_settings  # noqa: F401 (an autouse fixture for every GUI test here)
