"""The shipped JSON Schema agrees with what the app writes and reads."""

import json

import jsonschema
import pytest

from designer.model import dumps
from tests.conftest import EXAMPLES, RESOURCES
from tests.netgen import random_dag

SCHEMA = json.loads((RESOURCES / "network.schema.json").read_text(encoding="utf-8"))


def test_schema_is_valid_and_accepts_the_examples():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for path in EXAMPLES.glob("*.json"):
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)


@pytest.mark.parametrize("seed", range(10))
def test_saved_networks_match_the_schema(seed):
    net = random_dag(seed, n_hidden=seed, softmax=seed % 3 == 0)
    jsonschema.validate(json.loads(dumps(net)), SCHEMA)


def test_schema_rejects_what_the_loader_rejects():
    doc = json.loads((EXAMPLES / "xor-step.json").read_text(encoding="utf-8"))
    doc["neurons"][0]["activation"] = "gelu"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
