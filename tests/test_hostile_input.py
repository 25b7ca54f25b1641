"""Hostile input: IAM's patterns read as Java reads them, names folded as IAM folds them, and wrongly
typed values sent with botocore's client-side validation off (issue 14, findings 4 and 5).

The tests through boto3 clients pass under both transports (the suite also runs with
`-o iamfake_transport=wire`).  The property tests walk the operation tables at run time, so
operations added later are covered without touching this file.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

import boto3
import pytest
from botocore import xform_name
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError
from botocore.model import OperationModel, Shape
from botocore.serialize import create_serializer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_iamfake import IAMFake, UsageError, fake_iam
from pytest_iamfake.adapter import wire_codec
from pytest_iamfake.java_regex import UnsupportedPattern, compile_java
from pytest_iamfake.model import errors
from pytest_iamfake.model.errors import IAMError
from pytest_iamfake.model.names import fold
from pytest_iamfake.model.operations import OPERATIONS
from pytest_iamfake.services import service_model
from pytest_iamfake.validation import normalise, validate

GOOD = "Str0ng!Passw0rd"
NO_CLIENT_CHECKS = Config(parameter_validation=False)
TAG_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*"
USER_NAME_INVALID = (
    "The specified value for userName is invalid. "
    "It must contain only alphanumeric characters and/or the following: +=,.@_-"
)
ARABIC_INDIC_ACCOUNT = "١١١١٢٢٢٢٣٣٣٣"  # twelve Arabic-Indic digits (category Nd, not ASCII)
EXAMPLES = int(os.environ.get("IAMFAKE_HYPOTHESIS_EXAMPLES", "10"))  # raise it to hunt for bugs


def one_error(message: str) -> str:
    return f"1 validation error detected: {message}"


def validation_message(exc_info: pytest.ExceptionInfo[ClientError]) -> str:
    error = exc_info.value.response["Error"]
    assert (error["Code"], exc_info.value.response["ResponseMetadata"]["HTTPStatusCode"]) == ("ValidationError", 400)
    return str(error["Message"])


# --- the model's patterns, read as Java reads them -------------------------------------------


def every_pattern() -> dict[str, str]:
    """Each distinct pattern of the IAM and STS models -> a shape that uses it."""
    found: dict[str, str] = {}
    for service in ("iam", "sts"):
        model = service_model(service)
        for name in model.shape_names:
            pattern = model.shape_for(name).metadata.get("pattern")
            if pattern is not None:
                found.setdefault(pattern, f"{service}:{name}")
    return found


def test_every_iam_and_sts_pattern_compiles() -> None:
    patterns = every_pattern()
    assert any("\\p{" in pattern for pattern in patterns)  # those re cannot compile on its own are there
    for pattern, where in patterns.items():
        try:
            compile_java(pattern)
        except UnsupportedPattern as err:  # pragma: no cover - the failure this test exists for
            pytest.fail(f"{where}: {err}")


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("部署", True),  # Lo
        ("Ελλάδα", True),  # Ll/Lu
        ("٣٤", True),  # Nd: the pattern's \p{N} takes any script's digits
        ("Ⅻ", True),  # Nl
        ("½", True),  # No
        ("a b\u3000c", True),  # Zs
        ("\u2028", True),  # Zl is in \p{Z}
        ("_.:/=+-@", True),
        ("\x07", False),  # control characters (Cc) are no letter, separator or number
        ("\t", False),
        ("\n", False),
        ("\x7f", False),
        ("e\u0301", False),  # a combining accent (Mn)
        ("😀", False),  # So
        ("a&b", False),
        ("{x}", False),
    ],
)
def test_tag_pattern_property_classes(text: str, accepted: bool) -> None:
    assert bool(compile_java(TAG_PATTERN).fullmatch(text)) is accepted


def test_property_classes_match_exactly_the_unicode_categories() -> None:
    # Planes 0-3 (nearly every assigned character) and 14-16 (tags, variation selectors, private use).
    codes = [*range(0x40000), *range(0xE0000, sys.maxunicode + 1)]
    every = "".join(map(chr, codes))
    categories = [unicodedata.category(char)[0] for char in every]
    for letter in "LZN":
        matched = [codes[m.start()] for m in compile_java(f"\\p{{{letter}}}").finditer(every)]
        assert matched == [code for code, found in zip(codes, categories, strict=True) if found == letter], letter
    not_letters = compile_java("[\\P{L}]")
    assert not_letters.fullmatch("1")
    assert not_letters.fullmatch("\U0010ffff")
    assert not not_letters.fullmatch("ß")


@pytest.mark.parametrize(
    ("pattern", "text", "accepted"),
    [
        ("\\d{12}", ARABIC_INDIC_ACCOUNT, False),  # \d, \w and \s are ASCII in Java
        ("\\d{12}", "111122223333", True),
        ("[\\w+=,.@-]+", "bob٣", False),
        ("[\\w+=,.@-]+", "ünïcode", False),
        ("\\s", "\u00a0", False),
        ("(?i)kate", "\u212aATE", False),  # case-insensitive matching folds ASCII only
        ("(?i)kate", "KATE", True),
        ("a.", "a\u2028", False),  # Java's '.' stops at every line terminator, not just \n
        ("a.", "a\u0085", False),
        ("a.", "ab", True),
        ("^a$\\s*", "a\r\n", True),  # '$' before a final \r\n, as in Java
        # STS arnType: Java reads \u10000 as \u1000 then "0", so characters above U+FFFF are refused.
        ("[\\u0020-\\u007E\\u10000-\\u10FFFF]+", "arn:aws:iam::111122223333:root", True),
        ("[\\u0020-\\u007E\\u10000-\\u10FFFF]+", "\U00010000", False),
        ("\\Qa.b\\E", "a.b", True),
        ("\\Qa.b\\E", "axb", False),
    ],
)
def test_java_semantics(pattern: str, text: str, accepted: bool) -> None:
    assert bool(compile_java(pattern).fullmatch(text)) is accepted


@pytest.mark.parametrize("pattern", ["\\p{IsLatin}", "[a-z&&[^q]]", "[a[b]]", "(?s).", "\\bword", "\\Z", "\\p{Nope}"])
def test_a_construct_without_exact_translation_fails_loudly(pattern: str) -> None:
    with pytest.raises(UnsupportedPattern, match="pattern"):
        compile_java(pattern)


def test_tag_with_letters_of_other_scripts_is_accepted(iam: Any) -> None:
    tags = [{"Key": "部署", "Value": "Ελλάδα ٣ Ⅻ"}, {"Key": "cost-center", "Value": ""}]
    iam.create_user(UserName="bob", Tags=tags)
    assert iam.get_user(UserName="bob")["User"]["Tags"] == tags


@pytest.mark.parametrize(("member", "pattern"), [("Key", TAG_PATTERN[:-1] + "+"), ("Value", TAG_PATTERN)])
@pytest.mark.parametrize("control", ["\x00", "\x07", "\t", "\x1f", "\x7f", "\x9f"])
def test_tag_with_a_control_character_is_refused(iam: Any, member: str, pattern: str, control: str) -> None:
    tag = {"Key": "team", "Value": "blue", member: f"a{control}b"}
    with pytest.raises(ClientError) as exc_info:
        iam.create_user(UserName="bob", Tags=[tag])
    assert validation_message(exc_info) == one_error(
        f"Value at 'tags.1.member.{member.lower()}' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {pattern}"
    )
    assert iam.list_users()["Users"] == []


def test_arabic_indic_digits_are_not_word_characters(iam: Any) -> None:
    with pytest.raises(ClientError) as exc_info:
        iam.create_user(UserName="bob٣")
    assert validation_message(exc_info) == USER_NAME_INVALID


def test_arabic_indic_digits_are_no_account_id(iamfake: IAMFake) -> None:
    iamfake.add_user("alice")
    iamfake.add_user_policy(
        "alice",
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*"}]},
    )
    sts = iamfake.client("sts", user="alice")
    task = {"arn": "arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword"}
    with pytest.raises(ClientError) as exc_info:
        sts.assume_root(TargetPrincipal=ARABIC_INDIC_ACCOUNT, TaskPolicyArn=task)
    assert validation_message(exc_info) == "TargetPrincipal must be a 12-digit account id or an account root ARN."
    with pytest.raises(ClientError):
        sts.assume_root(TargetPrincipal=f"arn:aws:iam::{ARABIC_INDIC_ACCOUNT}:root", TaskPolicyArn=task)
    assert sts.assume_root(TargetPrincipal="111122223333", TaskPolicyArn=task)["Credentials"]["AccessKeyId"]


def test_arabic_indic_digits_are_no_account_in_a_boundary_arn(iam: Any) -> None:
    arn = f"arn:aws:iam::{ARABIC_INDIC_ACCOUNT}:policy/team"
    with pytest.raises(ClientError) as exc_info:
        iam.create_user(UserName="bob", PermissionsBoundary=arn)
    assert exc_info.value.response["Error"]["Code"] == "InvalidInput"
    assert exc_info.value.response["Error"]["Message"] == f"ARN {arn} is not valid."


def test_arabic_indic_digits_are_no_epoch_in_a_policy_date(iam: Any) -> None:
    iam.create_user(UserName="bob")
    condition = {"DateGreaterThan": {"aws:CurrentTime": "\u0661\u0662\u0663"}}
    statement = {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": condition}
    document = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    with pytest.raises(iam.exceptions.MalformedPolicyDocumentException):
        iam.put_user_policy(UserName="bob", PolicyName="dates", PolicyDocument=document)
    condition["DateGreaterThan"]["aws:CurrentTime"] = "123"
    iam.put_user_policy(
        UserName="bob",
        PolicyName="dates",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
    )


def test_d_in_a_model_pattern_takes_ascii_digits_only() -> None:
    # EnableMFADevice is not modelled yet, but its AuthenticationCode members use `[\d]+`.
    operation = service_model("iam").operation_model("EnableMFADevice")
    params = {"UserName": "bob", "SerialNumber": "arn:aws:iam::123456789012:mfa/bob"}
    validate(operation, {**params, "AuthenticationCode1": "123456", "AuthenticationCode2": "654321"})
    with pytest.raises(IAMError) as exc_info:
        validate(operation, {**params, "AuthenticationCode1": "١٢٣٤٥٦", "AuthenticationCode2": "654321"})
    assert exc_info.value.message == one_error(
        "Value at 'authenticationCode1' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\d]+"
    )


# --- names fold ASCII case only ---------------------------------------------------------------


def test_fold_folds_ascii_only() -> None:
    assert fold("KaTe") == "kate"
    assert fold("\u212aATE") == "\u212aate"  # the Kelvin sign stays (str.lower() makes it "k")
    assert fold("İSTANBUL") == "İstanbul"  # str.lower() would add a combining dot


def test_kelvin_sign_does_not_find_kate(iamfake: IAMFake, iam: Any) -> None:
    iamfake.add_user("kate")
    iamfake.add_login_profile("kate", GOOD)
    assert iamfake.check_password("KATE", GOOD)
    assert not iamfake.check_password("\u212aate", GOOD)
    account = iamfake.backend.account(iamfake.options.account_id)
    assert account.find_user("KaTe") is not None
    assert account.find_user("\u212aate") is None
    with pytest.raises(UsageError, match="has no IAM user"):
        iamfake.client(user="\u212aate")
    with pytest.raises(ClientError) as exc_info:
        iam.get_user(UserName="\u212aate")
    assert validation_message(exc_info) == USER_NAME_INVALID
    with pytest.raises(UsageError, match="userName is invalid"):
        iamfake.add_user("\u212aATE")


# --- wrongly typed values, with botocore's client-side validation off -------------------------


@pytest.fixture
def raw(iamfake: IAMFake) -> Any:
    """A boto3 IAM client that sends whatever it is given: IAM sees the serialized text."""
    return boto3.client("iam", config=NO_CLIENT_CHECKS)


def assert_well_formed(fake: IAMFake) -> None:
    """Every stored value is what IAM could have stored, and listing and reading still work."""
    for account in fake.backend.accounts.values():
        for key, user in account.users.items():
            assert isinstance(user.name, str)
            assert key == fold(user.name)
            assert isinstance(user.path, str)
            assert all(isinstance(t["Key"], str) and isinstance(t["Value"], str) for t in user.tags)
            assert user.permissions_boundary is None or isinstance(user.permissions_boundary, str)
            assert all(isinstance(k.key_id, str) and isinstance(k.status, str) for k in user.access_keys.values())
    iam = fake.client()
    listed = [u["UserName"] for page in iam.get_paginator("list_users").paginate() for u in page["Users"]]
    assert sorted(listed) == sorted(u.name for u in fake.backend.account(fake.options.account_id).users.values())
    for name in listed:
        assert iam.get_user(UserName=name)["User"]["UserName"] == name


def test_a_number_as_user_name_is_its_text(iamfake: IAMFake, raw: Any) -> None:
    assert raw.create_user(UserName=123)["User"]["UserName"] == "123"
    assert raw.get_user(UserName=123)["User"]["Arn"].endswith(":user/123")
    assert iamfake.get_call("CreateUser").params == {"UserName": "123"}  # recorded as IAM received it
    assert_well_formed(iamfake)


@pytest.mark.parametrize("given", [b"bob", ("bob",), ["bob"], {"bob": 1}])
def test_one_item_and_bytes_are_sent_as_that_text(iamfake: IAMFake, raw: Any, given: Any) -> None:
    raw.create_user(UserName=given)
    assert [u["UserName"] for u in raw.list_users()["Users"]] == ["bob"]
    assert_well_formed(iamfake)


def test_bytes_that_are_not_utf8_arrive_as_replacement_characters(iamfake: IAMFake, raw: Any) -> None:
    with pytest.raises(ClientError) as exc_info:
        raw.create_user(UserName=b"bob\xff")
    assert validation_message(exc_info) == USER_NAME_INVALID
    with pytest.raises(ClientError) as exc_info:  # U+FFFD is a symbol (So), not a letter
        raw.create_user(UserName="bob", Tags=[{"Key": b"k", "Value": b"\xff"}])
    assert "Value at 'tags.1.member.value'" in validation_message(exc_info)
    raw.create_user(UserName="bob", Tags=[{"Key": b"caf\xc3\xa9", "Value": b"ok"}])
    assert raw.get_user(UserName="bob")["User"]["Tags"] == [{"Key": "café", "Value": "ok"}]


@pytest.mark.parametrize("given", [["bob", "eve"], ("bob", "bob"), {"bob": 1, "eve": 2}])
def test_several_items_where_one_value_goes_are_refused(iamfake: IAMFake, raw: Any, given: Any) -> None:
    with pytest.raises(ClientError) as exc_info:
        raw.create_user(UserName=given)
    assert validation_message(exc_info) == one_error(
        "Value at 'userName' failed to satisfy constraint: Member must have exactly one value"
    )
    assert_well_formed(iamfake)


@pytest.mark.parametrize("given", [[], (), {}])
def test_an_empty_item_list_sends_nothing(iamfake: IAMFake, raw: Any, given: Any) -> None:
    with pytest.raises(ClientError) as exc_info:
        raw.create_user(UserName=given)
    assert validation_message(exc_info) == one_error(
        "Value at 'userName' failed to satisfy constraint: Member must not be null"
    )
    # GetUser without UserName: the caller's own user (here the root).
    assert raw.get_user(UserName=given)["User"]["Arn"].endswith(":root")


def test_max_items_as_text_is_read_as_a_number(iamfake: IAMFake, raw: Any) -> None:
    iamfake.add_user("alice")
    iamfake.add_user("bob")
    page = raw.list_users(MaxItems="1")
    assert (len(page["Users"]), page["IsTruncated"]) == (1, True)
    assert raw.list_users(MaxItems=["2"])["IsTruncated"] is False
    assert raw.list_users(MaxItems="+1")["IsTruncated"] is True


@pytest.mark.parametrize("given", ["five", True, 1.0, "1.5", " 1", "1_0", "\u0661", None, {"a": 1}, "9" * 5000])
def test_max_items_that_is_no_integer_is_refused(iamfake: IAMFake, raw: Any, given: Any) -> None:
    with pytest.raises(ClientError) as exc_info:
        raw.list_users(MaxItems=given)
    assert validation_message(exc_info) == one_error(
        "Value at 'maxItems' failed to satisfy constraint: Member must be an integer"
    )


@pytest.mark.parametrize("given", [5, None, 5.5, True, ["/a/", "/b/"]])
def test_a_path_of_the_wrong_type_is_never_stored(iamfake: IAMFake, raw: Any, given: Any) -> None:
    with pytest.raises(ClientError) as exc_info:
        raw.create_user(UserName="bob", Path=given)
    # Its text ("5", "None", ...) fails the path pattern, which IAM words with a sentence of its own;
    # several values are refused before any pattern is tried.
    assert validation_message(exc_info) in (
        errors.path_invalid().message,
        "1 validation error detected: Value at 'path' failed to satisfy constraint: Member must have exactly one value",
    )
    assert raw.list_users()["Users"] == []
    raw.create_user(UserName="bob", Path=["/eng/"])  # one item: its text
    assert raw.list_users(PathPrefix=("/eng/",))["Users"][0]["Path"] == "/eng/"
    with pytest.raises(ClientError) as exc_info:
        raw.list_users(PathPrefix=5)
    assert "Value at 'pathPrefix' failed to satisfy constraint" in validation_message(exc_info)
    assert_well_formed(iamfake)


def test_a_dict_as_access_key_id_is_the_text_of_its_key(iamfake: IAMFake, raw: Any) -> None:
    iamfake.add_user("bob")
    key_id = iamfake.add_access_key("bob")["AccessKeyId"]
    with pytest.raises(ClientError) as exc_info:
        raw.delete_access_key(UserName="bob", AccessKeyId={"x": 1})
    assert validation_message(exc_info) == one_error(
        "Value at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16"
    )
    with pytest.raises(ClientError) as exc_info:
        raw.update_access_key(UserName="bob", AccessKeyId={key_id: 1, "y": 2}, Status="Inactive")
    assert "Member must have exactly one value" in validation_message(exc_info)
    raw.delete_access_key(UserName="bob", AccessKeyId={key_id: "whatever"})  # botocore sends the key
    assert raw.list_access_keys(UserName="bob")["AccessKeyMetadata"] == []
    assert_well_formed(iamfake)


@pytest.mark.parametrize(("given", "received"), [("false", True), ("", False), ([], False), (None, False), (2, True)])
def test_a_boolean_is_the_truth_of_what_was_given(iamfake: IAMFake, raw: Any, given: Any, received: bool) -> None:
    iamfake.add_user("bob")
    raw.create_login_profile(UserName="bob", Password=GOOD, PasswordResetRequired=given)
    assert raw.get_login_profile(UserName="bob")["LoginProfile"]["PasswordResetRequired"] is received


def test_tags_of_other_types_are_stored_as_their_text(iamfake: IAMFake, raw: Any) -> None:
    raw.create_user(UserName="bob", Tags=[{"Key": 1, "Value": None}, {"Key": 2.5, "Value": True}])
    assert raw.get_user(UserName="bob")["User"]["Tags"] == [
        {"Key": "1", "Value": "None"},
        {"Key": "2.5", "Value": "True"},
    ]
    raw.create_user(UserName="eve", Tags=None)  # botocore sends an empty list
    assert "Tags" not in raw.get_user(UserName="eve")["User"]
    assert_well_formed(iamfake)


def test_a_password_of_the_wrong_type_is_its_text(iamfake: IAMFake, raw: Any) -> None:
    iamfake.add_user("bob")
    with pytest.raises(raw.exceptions.PasswordPolicyViolationException):
        raw.create_login_profile(UserName="bob", Password=12345678)  # "12345678": one class only
    raw.create_login_profile(UserName="bob", Password=["Str0ng!Passw0rd"])
    assert iamfake.check_password("bob", GOOD)


def test_a_lone_surrogate_fails_as_botocore_fails_to_encode_it(iamfake: IAMFake, raw: Any) -> None:
    with pytest.raises(UnicodeEncodeError, match="surrogates not allowed"):
        raw.create_user(UserName="bob\ud800")
    assert iamfake.calls == []
    assert_well_formed(iamfake)


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"UserName": "bob", "Tags": "ab"}, AttributeError),
        ({"UserName": "bob", "Tags": 5}, TypeError),
        ({"UserName": "bob", "Tags": [5]}, AttributeError),
        ({"UserName": "bob", "Bogus": 1}, KeyError),
    ],
)
def test_what_botocore_cannot_serialize_never_reaches_the_fake(
    iamfake: IAMFake, raw: Any, params: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error) as exc_info:
        raw.create_user(**params)
    raised_in = traceback.extract_tb(exc_info.tb)[-1].filename
    assert raised_in.endswith(os.path.join("botocore", "serialize.py"))
    assert iamfake.calls == []


@pytest.mark.parametrize(
    ("helper", "args", "expected"),
    [
        ("add_user", (123,), r"add_user\(name=\.\.\.\) takes a user name \(a string\); got 123 \(int\)"),
        ("add_user", ("bob",), None),
        ("add_access_key", (["bob"],), r"add_access_key\(user=\.\.\.\) takes a user name \(a string\); got \['bob'\]"),
    ],
)
def test_helpers_refuse_wrong_types_as_a_default_client_would(
    iamfake: IAMFake, helper: str, args: tuple[Any, ...], expected: str | None
) -> None:
    if helper != "add_user":
        iamfake.add_user("bob")
    if expected is None:
        getattr(iamfake, helper)(*args)
        return
    with pytest.raises(UsageError, match=expected):
        getattr(iamfake, helper)(*args)
    assert_well_formed(iamfake)


def test_helper_tags_are_checked_like_a_clients() -> None:
    with fake_iam() as fake:
        with pytest.raises(UsageError, match=r"tags\.1\.member\.value"):
            fake.add_user("bob", tags={"team": "a\x00b"})
        assert fake.add_user("bob", tags={"部署": "Ελλάδα"})["Tags"] == [{"Key": "部署", "Value": "Ελλάδα"}]


# --- the normaliser is what the wire carries ---------------------------------------------------

SCALARS = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.booleans(),
    st.none(),
    st.binary(max_size=6),
)
WRONG = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.tuples(SCALARS),
    st.dictionaries(st.text(max_size=4), SCALARS, max_size=2),
)
TYPICAL: dict[str, list[Any]] = {
    "UserName": ["alice", "ALICE", "bob"],
    "Password": [GOOD, "password"],
    "OldPassword": [GOOD],
    "NewPassword": ["An0ther!Passw0rd"],
    "TargetPrincipal": ["111122223333"],
    "arn": ["arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword"],
}


def hostile(shape: Shape, member: str = "", depth: int = 0) -> st.SearchStrategy[Any]:
    """A value of `shape` from the full Unicode range, or (a third of the time) of another type."""
    kind = shape.type_name
    right: st.SearchStrategy[Any]
    if kind == "structure":
        if depth > 3:
            return st.just({})
        members = {name: hostile(m, name, depth + 1) for name, m in shape.members.items()}  # type: ignore[attr-defined]
        right = st.fixed_dictionaries({}, optional=members)
        if depth == 0:
            return right  # the params themselves: keyword arguments
    elif kind == "list":
        right = st.lists(hostile(shape.member, member, depth + 1), max_size=3)  # type: ignore[attr-defined]
    elif kind == "map":
        right = st.dictionaries(st.text(max_size=8), hostile(shape.value, member, depth + 1), max_size=2)  # type: ignore[attr-defined]
    elif kind == "string":
        right = st.text(max_size=140)
        if member in TYPICAL:
            right = st.one_of(st.sampled_from(TYPICAL[member]), right)
    elif kind in ("integer", "long"):
        right = st.integers(min_value=-(2**64), max_value=2**64)
    elif kind == "boolean":
        right = st.booleans()
    else:
        return st.nothing()
    return st.one_of(right, right, WRONG)


@functools.cache
def params_of(service: str, name: str) -> st.SearchStrategy[dict[str, Any]]:
    shape = service_model(service).operation_model(name).input_shape
    return hostile(shape) if shape is not None else st.just({})


def serialized_body(operation: OperationModel, params: dict[str, Any]) -> str | None:
    """The body botocore sends for `params` with its validation off; None where botocore itself fails."""
    serializer = create_serializer("query", include_validation=False)
    try:
        request = serializer.serialize_to_request(params, operation)
        prepared = AWSRequest(method="POST", url="https://iam.amazonaws.com/", data=request["body"]).prepare()
    except (AttributeError, TypeError, LookupError, ValueError):  # UnicodeEncodeError is a ValueError
        return None
    return str(prepared.body)


def outcome(action: Callable[[], Any]) -> Any:
    try:
        return action()
    except IAMError as err:
        return err.message


def holds(value: Any, marker: object) -> bool:
    if value is marker:
        return True
    if isinstance(value, dict):
        return any(holds(item, marker) for item in value.values())
    if isinstance(value, list):
        return any(holds(item, marker) for item in value)
    return False


ALL_OPERATIONS = [(svc, name) for svc in ("iam", "sts") for name in service_model(svc).operation_names]


@settings(max_examples=EXAMPLES * 20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_normalised_params_are_what_the_wire_carries(data: st.DataObject) -> None:
    service, name = data.draw(st.sampled_from(ALL_OPERATIONS), label="operation")
    operation = service_model(service).operation_model(name)
    params = data.draw(params_of(service, name), label="params")
    body = serialized_body(operation, params)
    if body is None:
        return  # botocore refuses it before any request exists: IAM never sees it
    received = outcome(lambda: normalise(operation, params))
    read_back = wire_codec.read_params(operation, body)  # never raises: what it cannot read stays text
    assert not holds(read_back, wire_codec._MISSING)
    if any(count > 1 for count in Counter(key for key, _ in parse_qsl(body, keep_blank_values=True)).values()):
        assert isinstance(received, str)
        assert "Member must have exactly one value" in received
    assert unordered(outcome(lambda: normalise(operation, read_back))) == unordered(received)


def unordered(answer: Any) -> Any:
    """An answer with its validation problems as a set: the wire reader reads members in the shape's order."""
    if not isinstance(answer, str) or ": " not in answer:
        return answer
    head, _, problems = answer.partition(": ")
    return head, frozenset(problems.split("; "))


# --- anything, through a real client, leaves the fake usable ------------------------------------

# What the fake models and the installed botocore can call (an older model may lack an operation).
COVERED = sorted(op for op in OPERATIONS if op[1] in service_model(op[0]).operation_names)
# About 300 examples in all, however many operations the model covers (at least 3 each).
PER_OPERATION = max(3, EXAMPLES * 30 // len(COVERED))


@functools.cache
def raw_client(service: str) -> Any:
    """One validation-off client per service for the module: it talks to whichever fake is active."""
    return boto3.client(service, region_name="us-east-1", config=NO_CLIENT_CHECKS)


@pytest.mark.parametrize("target", COVERED, ids=[f"{svc}:{name}" for svc, name in COVERED])
@settings(max_examples=PER_OPERATION, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_params_get_iams_answer_and_leave_the_fake_usable(
    pytestconfig: pytest.Config, target: tuple[str, str], data: st.DataObject
) -> None:
    service, name = target
    params = data.draw(params_of(service, name), label="params")
    transport = pytestconfig.getini("iamfake_transport") or "call"
    with fake_iam(users=["alice", "bob"], transport=transport) as fake:
        fake.add_login_profile("alice", GOOD)
        fake.add_access_key("bob")
        operation = service_model(service).operation_model(name)
        escaped: Exception | None = None
        try:
            getattr(raw_client(service), xform_name(name))(**params)
        except (ClientError, ParamValidationError):
            pass
        except Exception as exc:  # which exceptions escape is what this test checks
            escaped = exc
        if escaped is not None:
            # Only what botocore raises itself, before any request exists (as against real IAM).
            assert serialized_body(operation, params) is None, f"{target} raised {escaped!r} for {params!r}"
            assert fake.calls == []
        assert_well_formed(fake)
