"""Where the shipped resources (examples, exercises, schemas) live."""

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
EXAMPLES = RESOURCES / "examples"
EXERCISES = RESOURCES / "exercises"
