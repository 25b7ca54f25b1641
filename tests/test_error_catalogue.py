"""The error catalogue: every AWS message is written once, in one form, with its provenance."""

from __future__ import annotations

import inspect
import pathlib

from pytest_iamfake.model import errors

MODEL = pathlib.Path(errors.__file__).parent


def _constructors() -> dict[str, object]:
    return {
        name: fn
        for name, fn in vars(errors).items()
        if inspect.isfunction(fn) and fn.__module__ == errors.__name__ and not name.startswith("_")
    }


def test_every_constructor_and_phrase_carries_a_provenance_label() -> None:
    helpers = {"aws", "member_name"}  # not messages
    unlabelled = sorted(set(_constructors()) - set(errors.CATALOGUE) - helpers)
    assert unlabelled == []
    assert set(errors.CATALOGUE.values()) <= {"REAL", "DOC", "INFERRED", "CHOSEN"}


def test_no_model_module_builds_an_error_outside_the_catalogue() -> None:
    offenders = [
        path.name
        for path in MODEL.rglob("*.py")
        if path.name != "errors.py" and "IAMError(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_generic_answers_carry_their_own_code() -> None:
    for code, constructor in errors.GENERIC.items():
        assert constructor().code == code
