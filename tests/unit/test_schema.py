"""quizzes/schema.json (for editors) and the build agree: on each type's keys, and on the corpus of banks.

The file is generated from the question types (`python -m quizbank schema`): it must be what that writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from quizbank import REGISTRY, BankError, load_bank_file
from quizbank.model import COMMON_KEYS, keys_of, required_keys_of
from quizbank.schema import schema_text
from support import CORPUS, ROOT

SCHEMA = json.loads((ROOT / "quizzes" / "schema.json").read_text(encoding="utf-8"))
FILES = sorted([*CORPUS.glob("good/*.yml"), *CORPUS.glob("bad/*.yml"), *(ROOT / "quizzes").glob("**/*.yml")])

# What JSON Schema cannot express: the build alone refuses these (and says so in its error).
BUILD_ONLY = {
    "duplicate-id": "ids unique within a bank",
    "duplicate-option": "option texts unique within a question",
    "blank-only-in-code": "a blank inside `code` is not a blank",
    "raw-div": "structural HTML outside code",
    "span-in-feedback": "structural HTML outside code",
    "blank-tolerance": "a tolerance reads 'number ± number'",
    "blank-empty-alternative": "no empty alternative between bars",
    "words-min-max": "min not above max",
    "matching-answer-reused": "an answer used once unless reuse: true",
    "matching-duplicate-prompt": "prompts unique within a question",
    "matching-distractor-is-answer": "a distractor is no prompt's answer",
    "pool-draw-too-large": "a pool draws no more than its variants",
    "pool-draw-differs": "one draw per pool",
    "calculated-unknown-var": "the formula names only the vars",
    "calculated-caret": "the formula reads (** for powers)",
    "calculated-no-eval": "the formula calls only its functions",
    "calculated-divides-by-zero": "the formula has a value for every variant drawn",
    "calculated-too-few": "the ranges hold as many sets of numbers as variants",
    "calculated-tolerance-too-tight": "the tolerance accepts the answer as shown",
    "calculated-unknown-placeholder": "each placeholder names a variable",
    "calculated-answer-in-question": "{answer} in the explanation only",
    "calculated-min-max": "min not above max",
}


def as_json(node: yaml.Node | None) -> Any:
    """The instance an editor's YAML 1.2 parser would validate."""
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): as_json(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [as_json(v) for v in node.value]
    value = str(node.value)
    if isinstance(node, yaml.ScalarNode) and node.style is not None:
        return value
    if re.fullmatch(r"true|True|TRUE", value):
        return True
    if re.fullmatch(r"false|False|FALSE", value):
        return False
    if re.fullmatch(r"|~|null|Null|NULL", value):
        return None
    if re.fullmatch(r"[-+]?\d+", value):
        return int(value)
    if re.fullmatch(r"[-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?", value):
        return float(value)
    return value


def schema_accepts(path: Path) -> bool:
    try:
        instance = as_json(yaml.compose(path.read_bytes().decode("utf-8"), Loader=yaml.SafeLoader))
    except (UnicodeDecodeError, yaml.YAMLError):
        return False
    return not list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(instance))


def build_accepts(path: Path) -> bool:
    try:
        load_bank_file(path, path.parent, ROOT)
    except BankError:
        return False
    return True


def test_the_checked_in_schema_is_the_one_the_types_generate() -> None:
    written = (ROOT / "quizzes" / "schema.json").read_text(encoding="utf-8")
    assert written == schema_text(), "quizzes/schema.json is stale: run `make schema` and commit it"


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def schema_types() -> dict[str, dict[str, Any]]:
    """Each question type's `then` branch in the schema, by type name."""
    question = SCHEMA["$defs"]["question"]
    return {branch["if"]["properties"]["type"]["const"]: branch["then"] for branch in question["allOf"]}


def test_schema_knows_exactly_the_question_types() -> None:
    assert SCHEMA["$defs"]["question"]["properties"]["type"]["enum"] == list(REGISTRY)
    assert sorted(schema_types()) == sorted(REGISTRY)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_schema_has_each_types_keys_and_required_keys(name: str) -> None:
    """The keys a type's class declares (types/<name>.py) are the keys the schema allows, and the same are required."""
    cls = REGISTRY[name]
    branch = schema_types()[name]
    common_required = set(SCHEMA["$defs"]["question"]["required"])
    assert set(branch["properties"]) == {*COMMON_KEYS, *keys_of(cls)}, name
    assert branch.get("additionalProperties") is False, name
    assert common_required | set(branch.get("required", [])) == {*COMMON_KEYS, *required_keys_of(cls)}, name


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_schema_and_build_agree(path: Path) -> None:
    build = build_accepts(path)
    schema = schema_accepts(path)
    if path.stem in BUILD_ONLY and path.parent.name == "bad":
        assert not build and schema, f"{path.name} is listed as build-only ({BUILD_ONLY[path.stem]})"
    else:
        assert build == schema, (
            f"{path.name}: build {'accepts' if build else 'refuses'}, schema {'accepts' if schema else 'refuses'}"
        )


def test_every_bad_bank_is_refused_by_the_build() -> None:
    refused = [p.stem for p in CORPUS.glob("bad/*.yml") if not build_accepts(p)]
    assert sorted(refused) == sorted(p.stem for p in CORPUS.glob("bad/*.yml"))
