"""What a presentation shows: layout, extra panel, theme, weights, pointer ring, and the chrome kept.

A configuration is stored with the network (``network.extras["presentation"]``, set through an
undoable command, so File ▸ Save writes it) or as a named preset in the settings. The scale is
a property of the room and the projector, not of the demo: it is remembered in the settings only.
Chrome (toolbars, panels, training controls) not listed in ``show`` is hidden while presenting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from designer.ui.files import settings
from designer.ui.settings_values import read_float, read_text

EXTRAS_KEY = "presentation"
LAYOUTS = {
    "both": "Canvas and decision regions side by side",
    "canvas": "Canvas only",
    "region": "Decision regions only",
}
PANELS = {"none": "No extra panel", "math": "Math: every neuron's equation", "code": "PyTorch code"}
THEME_NAMES = ("light", "dark", "high-contrast")
MIN_SCALE, MAX_SCALE, SCALE_STEP = 1.0, 3.0, 0.25
BASE_TEXT_PX = 24.0  # the smallest text at 1×, in screen pixels

TOOLBARS = {"tools_toolbar": "Editing toolbar", "training_toolbar": "Training toolbar"}
DOCKS = {
    "inspector": "Inspector",
    "history": "History",
    "exercise": "Exercise",
    "training": "Training panel",
    "curves": "Loss and accuracy curves",
    "activation": "Activation view: g(z) and g'(z)",
    "landscape": "Loss Landscape",
}
REGION_OPTIONS = {"region_options": "Discretize and z = 0 line switches"}
TRAINING_CONTROLS = {
    "train_play": "Play / Pause",
    "train_step": "Step",
    "train_epoch": "Epoch",
    "train_reset": "Reset",
    "train_randomize": "Randomize",
    "gradient_flow": "Gradient flow (toolbar)",
    "backward_pass": "Backward pass (toolbar)",
    "forward_walk": "Forward pass (toolbar)",
    "data": "Data: dataset, noise, seed, painting",
    "loss": "Loss and optimiser",
    "learning_rate": "Learning rate and batch size",
    "regularization": "L1 and L2",
    "speed": "Speed",
    "progress": "Epoch and loss",
    "stops": "Stop conditions",
    "restarts": "Several restarts",
    "message": "Messages",
}
CHROME_GROUPS = {
    "Toolbars": TOOLBARS,
    "Panels": DOCKS,
    "Training controls (in the training panel and toolbar)": TRAINING_CONTROLS,
    "Decision regions": REGION_OPTIONS,
}
CHROME = {key: label for group in CHROME_GROUPS.values() for key, label in group.items()}


def text_px(scale: float) -> float:
    """The smallest text while presenting at ``scale``: 24 px at 1×, 36 px at 2×, 48 px at 3×."""
    return BASE_TEXT_PX * (1.0 + scale) / 2.0


def clamp_scale(value: float) -> float:
    return min(MAX_SCALE, max(MIN_SCALE, round(value / SCALE_STEP) * SCALE_STEP))


@dataclass
class PresentationConfig:
    layout: str = "both"
    panel: str = "none"
    theme: str = "light"
    weights: bool = True  # weights written on the lines
    pointer: bool = False  # a large ring around the mouse pointer
    #: the chrome kept while presenting (CHROME keys); everything else is hidden
    show: set[str] = field(default_factory=lambda: set(TRAINING_CONTROLS))

    def shows(self, key: str) -> bool:
        return key in self.show

    def to_json(self) -> dict[str, Any]:
        return {
            "layout": self.layout,
            "panel": self.panel,
            "theme": self.theme,
            "weights": self.weights,
            "pointer": self.pointer,
            "show": sorted(self.show),
        }

    @classmethod
    def from_json(cls, data: object) -> PresentationConfig:
        """Tolerant: unknown or wrong values fall back to the defaults, unknown chrome is ignored."""
        config = cls()
        if not isinstance(data, dict):
            return config
        for name, allowed in (("layout", LAYOUTS), ("panel", PANELS), ("theme", THEME_NAMES)):
            value = data.get(name)
            if isinstance(value, str) and value in allowed:
                setattr(config, name, value)
        for name in ("weights", "pointer"):
            if isinstance(data.get(name), bool):
                setattr(config, name, data[name])
        show = data.get("show")
        if isinstance(show, list):
            config.show = {key for key in show if isinstance(key, str) and key in CHROME}
        return config

    def copy(self) -> PresentationConfig:
        return PresentationConfig.from_json(self.to_json())


# ----------------------------------------------------------------- the file
def from_network(network) -> PresentationConfig | None:
    """The configuration saved with ``network``, if it has one."""
    data = network.extras.get(EXTRAS_KEY)
    return PresentationConfig.from_json(data) if isinstance(data, dict) else None


def extras_with(network, config: PresentationConfig) -> dict[str, Any]:
    """The network's extra sections with ``config`` as its presentation section (for SetNetworkField)."""
    return {**network.extras, EXTRAS_KEY: config.to_json()}


# ------------------------------------------------------------- the settings
def remembered_scale() -> float:
    return clamp_scale(read_float("presentation/scale", MIN_SCALE, MIN_SCALE, MAX_SCALE))


def remember_scale(scale: float) -> None:
    settings().setValue("presentation/scale", float(scale))


def last_config() -> PresentationConfig:
    return _decode(read_text("presentation/last")) or PresentationConfig()


def remember_config(config: PresentationConfig) -> None:
    settings().setValue("presentation/last", json.dumps(config.to_json()))


def preset_names() -> list[str]:
    store = settings()
    store.beginGroup("presentation/presets")
    try:
        return sorted(store.childKeys())
    finally:
        store.endGroup()


def load_preset(name: str) -> PresentationConfig | None:
    return _decode(read_text(f"presentation/presets/{name}"))


def save_preset(name: str, config: PresentationConfig) -> None:
    """Store ``config`` under ``name`` ("/" would make a settings group: it becomes "-")."""
    name = name.strip().replace("/", "-").replace("\\", "-")
    settings().setValue(f"presentation/presets/{name}", json.dumps(config.to_json()))


def delete_preset(name: str) -> None:
    settings().remove(f"presentation/presets/{name}")


def _decode(text: str) -> PresentationConfig | None:
    if not text:
        return None
    try:
        return PresentationConfig.from_json(json.loads(text))
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested past Python's limit
        return None
