"""Fault injection with IAMFake.fail(), and the declared error cases of an operation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pytest_iamfake import Fault, UsageError, error_cases, error_codes, fake_iam
from pytest_iamfake.model.errors import GENERIC, injected_without_wording

# These tests count how often a fault fires per call: in the call transport it answers before
# botocore's retry loop.  Retries under the wire transport are tested in test_wire.py.
pytestmark = pytest.mark.iamfake(transport="call")

GOOD = "Str0ng!Passw0rd"

# Reference 1.2 (botocore model) and 2.1/2.2 (REAL wording): code -> (exception, HTTP status, message).
CREATE_LOGIN_PROFILE_ERRORS = {
    "EntityAlreadyExists": ("EntityAlreadyExistsException", 409, "Login Profile for user bob already exists."),
    "NoSuchEntity": ("NoSuchEntityException", 404, "The user with name bob cannot be found."),
    "PasswordPolicyViolation": (
        "PasswordPolicyViolationException",
        400,
        "Password does not conform to the account password policy.",
    ),
    "LimitExceeded": ("LimitExceededException", 409, injected_without_wording("LimitExceeded").message),
    "ServiceFailure": ("ServiceFailureException", 500, GENERIC["ServiceFailure"]().message),
}


def answer_of(exc_info: pytest.ExceptionInfo[ClientError]) -> tuple[str, int, str]:
    response = exc_info.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Message"]


@pytest.fixture
def bob(iamfake):
    iamfake.add_user("bob")
    return "bob"


@pytest.mark.parametrize("code", error_cases("create_login_profile"))
def test_every_declared_error_raises_the_modeled_exception(iamfake, iam, bob, code):
    exception, status, message = CREATE_LOGIN_PROFILE_ERRORS[code]
    fault = iamfake.fail("create_login_profile", code)

    with pytest.raises(getattr(iam.exceptions, exception)) as exc_info:
        iam.create_login_profile(UserName="bob", Password=GOOD)

    assert answer_of(exc_info) == (code, status, message)
    # Answered before botocore's retry loop: even retryable codes fire exactly once.
    assert exc_info.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert fault.triggered == 1


@pytest.mark.parametrize(
    ("code", "status", "message"),
    [
        ("Throttling", 400, "Rate exceeded"),
        (
            "AccessDenied",
            403,
            "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:CreateLoginProfile on resource: "
            "user bob because no identity-based policy allows the iam:CreateLoginProfile action",
        ),
        ("ServiceUnavailable", 503, GENERIC["ServiceUnavailable"]().message),
        ("InternalFailure", 500, GENERIC["InternalFailure"]().message),
    ],
)
def test_common_codes_are_plain_client_errors(iamfake, iam, bob, code, status, message):
    iamfake.fail("create_login_profile", code)
    with pytest.raises(ClientError) as exc_info:
        iam.create_login_profile(UserName="bob", Password=GOOD)
    assert type(exc_info.value) is ClientError  # not modeled by IAM
    assert answer_of(exc_info) == (code, status, message)


def test_message_overrides_the_aws_wording(iamfake, iam, bob):
    iamfake.fail("create_login_profile", "PasswordPolicyViolation", message="Password should have at least one symbol")
    with pytest.raises(iam.exceptions.PasswordPolicyViolationException) as exc_info:
        iam.create_login_profile(UserName="bob", Password=GOOD)
    assert answer_of(exc_info) == ("PasswordPolicyViolation", 400, "Password should have at least one symbol")


def test_a_fault_changes_no_state_and_is_recorded(iamfake, iam, bob):
    iamfake.fail("create_login_profile", "ServiceFailure")
    with pytest.raises(iam.exceptions.ServiceFailureException):
        iam.create_login_profile(UserName="bob", Password=GOOD)
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_login_profile(UserName="bob")
    call = iamfake.get_call("create_login_profile")
    assert (call.error, call.response, call.injected) == ("ServiceFailure", None, True)
    assert "error='ServiceFailure' (injected)" in repr(call)
    assert GOOD not in repr(call)


@pytest.mark.iamfake(tick=60, transport="call")
def test_a_fault_does_not_move_the_clock(iamfake, iam):
    iamfake.fail("create_user", "EntityAlreadyExists")
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        iam.create_user(UserName="carol")
    assert answer_of(exc_info)[2] == "User with name carol already exists."
    assert iamfake.clock.now() == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_user(UserName="carol")


def test_a_fault_answers_before_validation(iamfake, iam):
    iamfake.fail("create_login_profile", "Throttling")
    with pytest.raises(ClientError) as exc_info:
        iam.create_login_profile(UserName="bad/name", Password=GOOD)  # would be a ValidationError
    assert answer_of(exc_info)[0] == "Throttling"


def test_times_counts_down_then_calls_succeed(iamfake, iam):
    fault = iamfake.fail("create_user", "ServiceFailure", times=2)
    assert (fault.triggered, fault.remaining) == (0, 2)
    for expected_remaining in (1, 0):
        with pytest.raises(iam.exceptions.ServiceFailureException):
            iam.create_user(UserName="carol")
        assert fault.remaining == expected_remaining
    iam.create_user(UserName="carol")
    assert (fault.triggered, fault.remaining) == (2, 0)
    assert [c.error for c in iamfake.get_calls("create_user")] == ["ServiceFailure", "ServiceFailure", None]


def test_times_none_fails_every_matching_call(iamfake, iam):
    fault = iamfake.fail("get_user", "Throttling", times=None)
    for _ in range(4):
        with pytest.raises(ClientError):
            iam.get_user(UserName="anyone")
    assert (fault.triggered, fault.remaining) == (4, None)


def test_when_params_subset(iamfake, iam):
    fault = iamfake.fail("create_user", "LimitExceeded", when={"UserName": "bob"})
    iam.create_user(UserName="eve")
    with pytest.raises(iam.exceptions.LimitExceededException):
        iam.create_user(UserName="bob", Path="/staff/")
    assert fault.triggered == 1
    assert [c.params["UserName"] for c in iamfake.get_calls("create_user", UserName="eve")] == ["eve"]


def test_when_callable_gets_the_call(iamfake, iam):
    seen = []

    def second_attempt(call):
        seen.append(call)
        return len(seen) == 2

    fault = iamfake.fail("create_user", "ConcurrentModification", when=second_attempt)
    iam.create_user(UserName="eve")
    with pytest.raises(iam.exceptions.ConcurrentModificationException):
        iam.create_user(UserName="bob")
    iam.create_user(UserName="bob")
    assert fault.triggered == 1
    assert [(c.operation, c.params["UserName"], c.error) for c in seen] == [
        ("CreateUser", "eve", None),
        ("CreateUser", "bob", None),
    ]
    assert seen[0].caller == "arn:aws:iam::123456789012:root"


def test_a_failing_when_callable_is_a_usage_error(iamfake, iam):
    fault = iamfake.fail("create_user", "Throttling", when=lambda call: call.params["Path"] == "/x/")
    with pytest.raises(
        UsageError, match=r"The when= callable of Fault\(iam:CreateUser -> Throttling.* raised KeyError"
    ):
        iam.create_user(UserName="bob")
    fault.optional = True  # it never fired; that is not what this test is about


def test_the_earliest_fault_with_triggers_left_answers(iamfake, iam):
    first = iamfake.fail("get_user", "Throttling")
    second = iamfake.fail("get_user", "ServiceFailure")
    codes = []
    for _ in range(2):
        with pytest.raises(ClientError) as exc_info:
            iam.get_user(UserName="x")
        codes.append(answer_of(exc_info)[0])
    assert codes == ["Throttling", "ServiceFailure"]
    assert (first.triggered, second.triggered) == (1, 1)
    assert iamfake.faults == [first, second]


def test_faults_work_for_sts(iamfake):
    sts = iamfake.client("sts")
    iamfake.fail("AssumeRoot", "RegionDisabledException")
    with pytest.raises(sts.exceptions.RegionDisabledException) as exc_info:
        sts.assume_root(
            TargetPrincipal="111122223333",
            TaskPolicyArn={"arn": "arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword"},
        )
    assert answer_of(exc_info)[:2] == ("RegionDisabledException", 403)
    iamfake.fail("get_caller_identity", "Throttling")
    with pytest.raises(ClientError) as exc_info:
        sts.get_caller_identity()
    assert answer_of(exc_info) == ("Throttling", 400, "Rate exceeded")


def test_faults_answer_operations_the_model_lacks(iamfake, iam):
    iamfake.fail("create_instance_profile", "AccessDenied")
    with pytest.raises(ClientError) as exc_info:
        iam.create_instance_profile(InstanceProfileName="web")
    assert answer_of(exc_info)[:2] == ("AccessDenied", 403)
    assert not iamfake.get_call("create_instance_profile").unsupported


def test_default_wording_without_a_user_to_name_is_the_plain_fallback(iamfake, iam):
    iamfake.fail("get_login_profile", "NoSuchEntity")
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.get_login_profile()  # as the root: no user name to quote
    assert answer_of(exc_info)[2] == injected_without_wording("NoSuchEntity").message


def test_fault_repr_hides_secrets():
    with fake_iam() as fake:
        fault = fake.fail("change_password", "PasswordPolicyViolation", when={"NewPassword": GOOD}, times=None)
        assert repr(fault) == (
            "Fault(iam:ChangePassword -> PasswordPolicyViolation, times=None, when={'NewPassword': '***'}; "
            "fired 0 times)"
        )
        assert isinstance(fault, Fault)


def test_unknown_code_is_a_usage_error_naming_the_allowed_codes(iamfake):
    with pytest.raises(UsageError) as exc_info:
        iamfake.fail("create_login_profile", "NoSuchEntityException")
    assert str(exc_info.value) == (
        "CreateLoginProfile cannot be made to fail with 'NoSuchEntityException'. Did you mean 'NoSuchEntity'?\n"
        "Codes its model declares: EntityAlreadyExists, NoSuchEntity, PasswordPolicyViolation, LimitExceeded, "
        "ServiceFailure.\n"
        "Codes common to every operation: ValidationError, AccessDenied, Throttling, ServiceUnavailable, "
        "InternalFailure, RequestExpired, InvalidClientTokenId, ExpiredToken."
    )
    assert iamfake.faults == []


@pytest.mark.parametrize(
    ("kwargs", "complaint"),
    [
        ({"times": 0}, "count >= 1"),
        ({"times": "2"}, "count >= 1"),
        ({"times": True}, "count >= 1"),
        ({"when": 42}, "params dict or a callable"),
        ({"when": {"Username": "bob"}}, "Did you mean UserName?"),
        ({"message": 3}, "string or None"),
    ],
)
def test_bad_fail_arguments_are_usage_errors(iamfake, kwargs, complaint):
    with pytest.raises(UsageError, match=complaint):
        iamfake.fail("create_login_profile", "NoSuchEntity", **kwargs)


def test_unknown_operation_is_a_usage_error(iamfake):
    with pytest.raises(UsageError, match="Did you mean create_login_profile"):
        iamfake.fail("create_login_profiles", "NoSuchEntity")


def test_verify_names_unfired_faults_and_the_calls_made():
    with fake_iam() as fake:
        fake.client().create_user(UserName="bob")
        fake.fail("create_login_profile", "NoSuchEntity", when={"UserName": "bob"})
        fake.fail("delete_user", "DeleteConflict", optional=True)
        fired = fake.fail("create_user", "Throttling")
        with pytest.raises(ClientError):
            fake.client().create_user(UserName="eve")
        with pytest.raises(AssertionError) as exc_info:
            fake.verify()
    assert fired.triggered == 1
    assert str(exc_info.value) == "\n".join(
        [
            "pytest-iamfake: 1 injected fault never fired:",
            "  - Fault(iam:CreateLoginProfile -> NoSuchEntity, when={'UserName': 'bob'}; fired 0 times)",
            "Recorded calls (2):",
            "  #1 Call(iam:CreateUser {'UserName': 'bob'} ok caller='arn:aws:iam::123456789012:root')",
            "  #2 Call(iam:CreateUser {'UserName': 'eve'} error='Throttling' (injected) "
            "caller='arn:aws:iam::123456789012:root')",
            "Make the code under test call it, fix its operation or `when`, or pass optional=True.",
        ]
    )


def test_strict_false_turns_verify_off():
    with fake_iam(strict=False) as fake:
        fake.fail("create_user", "Throttling")
        fake.verify()


@pytest.mark.parametrize("spelling", ["CreateLoginProfile", "create_login_profile"])
def test_error_codes_come_from_the_model(spelling):
    assert error_codes(spelling) == tuple(CREATE_LOGIN_PROFILE_ERRORS)


def test_error_codes_of_sts_operations():
    assert error_codes("assume_root", service="sts") == ("RegionDisabledException", "ExpiredTokenException")
    assert error_codes("GetCallerIdentity", "sts") == ()
    with pytest.raises(UsageError, match="pass service='sts'"):
        error_codes("assume_root")
    with pytest.raises(UsageError, match="iam, sts"):
        error_codes("create_user", service="ec2")


def test_error_cases_are_params_with_readable_ids():
    cases = error_cases("delete_login_profile")
    assert [(case.values, case.id) for case in cases] == [
        (("EntityTemporarilyUnmodifiable",), "EntityTemporarilyUnmodifiable"),
        (("NoSuchEntity",), "NoSuchEntity"),
        (("LimitExceeded",), "LimitExceeded"),
        (("ServiceFailure",), "ServiceFailure"),
    ]


# --- re-entrant when= (issue 14, finding 6) ------------------------------------------------------


@pytest.mark.parametrize("transport", ["call", "wire"])
def test_a_when_callable_may_call_iam_and_the_helpers(transport: str) -> None:
    import threading

    import boto3
    from botocore.exceptions import ClientError

    from pytest_iamfake import fake_iam

    with fake_iam(transport=transport, users=["alice"]) as fake:
        iam = boto3.client("iam")
        seen: list[str] = []

        def when(call: Any) -> bool:
            # Its own calls are answered normally (no fault applies to them) and recorded.
            seen.append(iam.get_user(UserName=call.params["UserName"])["User"]["UserName"])
            fake.add_user("bob")
            return True

        fake.fail("GetUser", "NoSuchEntity", when=when)
        outcome: list[str] = []

        def run() -> None:
            try:
                iam.get_user(UserName="alice")
            except ClientError as err:
                outcome.append(err.response["Error"]["Code"])

        worker = threading.Thread(target=run, daemon=True)  # a deadlock must not hang the run
        worker.start()
        worker.join(timeout=60)
        assert not worker.is_alive(), "the when= callable deadlocked"
        assert outcome == ["NoSuchEntity"]
        assert seen == ["alice"]
        assert [(c.operation, c.error, c.injected) for c in fake.calls] == [
            ("GetUser", None, False),  # the callable's own call, first
            ("GetUser", "NoSuchEntity", True),
        ]
        assert fake.faults[0].triggered == 1
        iam.get_user(UserName="bob")  # the helper's user exists
