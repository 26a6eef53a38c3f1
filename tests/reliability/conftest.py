import pytest

from tests.qt_isolation import isolate_qt_settings
from tests.reliability.helpers import CASES


def pytest_terminal_summary(terminalreporter):
    if CASES:
        total = sum(CASES.values())
        parts = ", ".join(f"{kind} {n}" for kind, n in sorted(CASES.items()))
        terminalreporter.write_line(f"reliability cases: {total} ({parts})")


@pytest.fixture(autouse=True)
def _qt_settings_for_gui_tests(request, tmp_path):
    """The GUI tests of this folder (those using qtbot) get their own Qt settings; the rest import no Qt."""
    if "qtbot" in request.fixturenames:
        isolate_qt_settings(tmp_path / "settings")
