"""The app decides its BLAS threading once, at start, before anything computes."""

import pytest


def test_the_app_limits_blas_before_it_builds_anything(monkeypatch):
    from designer.ui import app

    calls = []

    def stop():
        calls.append("app")
        raise RuntimeError("stop here")

    monkeypatch.setattr(app, "limit_blas_threads", lambda: calls.append("limit"))
    monkeypatch.setattr(app, "create_app", stop)
    with pytest.raises(RuntimeError, match="stop here"):
        app.run("net.json")
    assert calls == ["limit", "app"]
