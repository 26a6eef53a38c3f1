"""Presentation mode for the lecture hall: F5 / View ▸ Present. See docs/presentation.md."""

from designer.ui.presentation.mode import Presentation

__all__ = ["Presentation"]
