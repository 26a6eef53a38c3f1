from tests.reliability.helpers import CASES


def pytest_terminal_summary(terminalreporter):
    if CASES:
        total = sum(CASES.values())
        parts = ", ".join(f"{kind} {n}" for kind, n in sorted(CASES.items()))
        terminalreporter.write_line(f"reliability cases: {total} ({parts})")
