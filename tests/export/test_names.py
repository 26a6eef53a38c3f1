"""Names offered for exports of a network without a file (a lesson step's)."""

import pytest

from designer.export.names import lesson_step_stem, name_part


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("A multilayer perceptron and its equations", "a-multilayer-perceptron-and-its-equations"),
        ("Why g must be nicely differentiable (1): a step stays put", "why-g-must-be-nicely-differentiable-1-a-step"),
        ("Réseaux à 2 couches", "reseaux-a-2-couches"),
        ("Straße, Ørsted, Łódź, Æsir", "strasse-orsted-lodz-aesir"),  # letters with no accent to drop
        ("../../etc/passwd", "etc-passwd"),
        ("con:aux*?<>|\u202eevil\x00", "con-aux-evil"),
        ("Σ w·a", "w-a"),
        ("Δ ∂ →", ""),
        ("x" * 100, "x" * 48),
    ],
)
def test_a_name_part_is_safe_in_every_file_system(text, part):
    assert name_part(text) == part
    assert len(part) <= 48


def test_a_lesson_step_is_named_by_lesson_number_and_title():
    assert lesson_step_stem("neural-networks", 8, 19, "A multilayer perceptron and its equations") == (
        "neural-networks-step-08-a-multilayer-perceptron-and-its-equations"
    )
    assert lesson_step_stem("tiny", 3, 120, "∂∂∂") == "tiny-step-003"  # sorts among 120 steps; no title left
