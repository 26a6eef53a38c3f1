"""The training section's ``steps_per_frame``: absent or null means the app's automatic speed."""

from designer.model.experiment import TrainingSection, training_from_document, training_to_document


def test_absent_or_null_steps_per_frame_is_the_automatic_speed_and_is_not_written():
    assert training_from_document({}).steps_per_frame is None
    assert training_from_document({"steps_per_frame": None}).steps_per_frame is None
    assert "steps_per_frame" not in training_to_document(TrainingSection())
    assert training_to_document(TrainingSection(steps_per_frame=5))["steps_per_frame"] == 5
    assert training_from_document({"steps_per_frame": 5}).steps_per_frame == 5
