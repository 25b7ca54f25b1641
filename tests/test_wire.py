"""The "wire" transport: IAM's XML on the wire, botocore's own parser, signer and retries (reference 4, 6)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any
from urllib.parse import urlencode

import boto3
import botocore.endpoint
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.serialize import create_serializer
from helpers import allow, needs_member

from pytest_iamfake import UsageError, fake_iam
from pytest_iamfake.adapter import hooks, internals, wire_codec
from pytest_iamfake.model.identity import Principal, user_arn
from pytest_iamfake.services import service_model

GOOD = "Str0ng!Passw0rd"
IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/"
wire_transport = pytest.mark.iamfake(transport="wire")


def raw_responses(client: Any, operation: str) -> list[AWSResponse]:
    """Collect the HTTP responses botocore parsed for `operation` on this client."""
    seen: list[AWSResponse] = []
    client.meta.events.register(f"after-call.iam.{operation}", lambda http_response, **_: seen.append(http_response))
    return seen


@wire_transport
def test_success_is_iam_xml_with_the_request_id_in_the_body(iam):
    iam.create_user(UserName="Bob")
    seen = raw_responses(iam, "CreateLoginProfile")
    parsed = iam.create_login_profile(UserName="Bob", Password=GOOD)
    body = seen[0].content.decode()
    assert f'<CreateLoginProfileResponse xmlns="{IAM_NS}"><CreateLoginProfileResult><LoginProfile>' in body
    assert "<CreateDate>2020-01-01T00:00:00.000Z</CreateDate>" in body
    assert "<PasswordResetRequired>false</PasswordResetRequired>" in body
    # botocore takes a query-protocol RequestId from the body only (reference 4.1).
    request_id = parsed["ResponseMetadata"]["RequestId"]
    assert body.endswith(
        f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></CreateLoginProfileResponse>"
    )
    assert seen[0].headers["content-type"] == "text/xml"
    assert parsed["LoginProfile"]["CreateDate"] == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


@wire_transport
def test_operation_without_output_has_an_empty_envelope(iam):
    iam.create_user(UserName="Bob")
    seen = raw_responses(iam, "DeleteUser")
    parsed = iam.delete_user(UserName="Bob")
    body = seen[0].content.decode()
    assert f'<DeleteUserResponse xmlns="{IAM_NS}"><ResponseMetadata><RequestId>' in body
    assert "Result" not in body
    assert set(parsed) == {"ResponseMetadata"}


@wire_transport
def test_lists_are_members(iam):
    # Tag values may not hold "&" (their pattern), paths may: the XML escapes it.
    iam.create_user(UserName="Bob", Path="/a&b/", Tags=[{"Key": "team", "Value": "blue"}])
    iam.create_user(UserName="Carol")
    seen = raw_responses(iam, "ListUsers")
    users = iam.list_users()["Users"]
    assert [u["UserName"] for u in users] == ["Bob", "Carol"]
    assert seen[0].content.decode().count("<member>") == 2
    assert users[0]["Path"] == "/a&b/"
    assert iam.get_user(UserName="Bob")["User"]["Tags"] == [{"Key": "team", "Value": "blue"}]


@wire_transport
def test_error_is_an_error_response(iam):
    seen = raw_responses(iam, "GetLoginProfile")
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.get_login_profile(UserName="ghost")
    body = seen[0].content.decode()
    request_id = exc_info.value.response["ResponseMetadata"]["RequestId"]
    assert body.endswith(
        f'<ErrorResponse xmlns="{IAM_NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>'
        "<Message>The user with name ghost cannot be found.</Message></Error>"
        f"<RequestId>{request_id}</RequestId></ErrorResponse>"
    )
    assert seen[0].status_code == 404
    assert exc_info.value.response["Error"] == {
        "Type": "Sender",
        "Code": "NoSuchEntity",
        "Message": "The user with name ghost cannot be found.",
    }


@pytest.mark.parametrize(("transport", "sent"), [("call", 0), ("wire", 1)])
def test_only_the_wire_transport_lets_botocore_send(transport, sent):
    with fake_iam(transport=transport):
        iam = boto3.client("iam")
        requests: list[Any] = []
        iam.meta.events.register("before-send.iam", lambda request, **_: requests.append(request))
        iam.list_users()
    assert len(requests) == sent


@wire_transport
def test_caller_comes_from_the_signature(iamfake):
    account = iamfake.options.account_id
    iamfake.add_user("Bob")
    allow(iamfake, "Bob")
    key = "AKIAWIREBOBEXAMPLE01"
    arn = user_arn(account, "/", "Bob")
    iamfake.backend.credentials.issue(
        Principal("user", account, arn, "AIDAWIREBOB", user_name="Bob", access_key_id=key)
    )
    as_bob = boto3.client("iam", aws_access_key_id=key, aws_secret_access_key="secret")
    assert as_bob.get_user()["User"]["UserName"] == "Bob"
    assert iamfake.calls[-1].caller == arn
    assert boto3.client("iam").get_user()["User"]["Arn"] == f"arn:aws:iam::{account}:root"


@wire_transport
def test_params_are_read_from_the_body_when_the_context_lacks_them(iamfake, iam):
    def forget_params(request: Any, **_: Any) -> None:
        request.context.pop(hooks.PARAMS_KEY, None)

    iam.meta.events.register("request-created.iam", forget_params)
    iam.create_user(UserName="Bob", Tags=[{"Key": "k", "Value": ""}])
    iam.create_login_profile(UserName="Bob", Password="p a&ss=w1X!", PasswordResetRequired=True)
    assert iamfake.calls[0].params == {"UserName": "Bob", "Tags": [{"Key": "k", "Value": ""}]}
    assert iamfake.calls[1].params == {"UserName": "Bob", "Password": "p a&ss=w1X!", "PasswordResetRequired": True}


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        (
            "CreateUser",
            {"UserName": "Bob", "Path": "/a/", "Tags": [{"Key": "k", "Value": "v"}, {"Key": "x", "Value": ""}]},
        ),
        ("CreateUser", {"UserName": "Bob", "Tags": []}),
        ("CreateLoginProfile", {"UserName": "Bob", "Password": "p a&ss=w\u20ac", "PasswordResetRequired": False}),
        pytest.param(
            "UpdateLoginProfile",
            {"UserName": "Bob", "MaxSigninSessionDuration": 7200},
            marks=needs_member("iam", "UpdateLoginProfile", "MaxSigninSessionDuration"),
        ),
        ("ListUsers", {"PathPrefix": "/", "MaxItems": 5, "Marker": "m"}),
        ("ListUsers", {}),
    ],
)
def test_reading_a_body_inverts_botocores_serializer(operation, params):
    model = service_model("iam").operation_model(operation)
    body = urlencode(create_serializer("query").serialize_to_request(params, model)["body"])
    assert wire_codec.read_params(model, body) == params


def test_access_key_of_reads_the_sigv4_credential():
    header = "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20200101/us-east-1/iam/aws4_request, SignedHeaders=host"
    assert internals.request_access_key({"Authorization": header}) == "AKIAEXAMPLE"
    assert internals.request_access_key({"Authorization": header.encode()}) == "AKIAEXAMPLE"
    assert internals.request_access_key({}) is None


def test_unknown_transport_is_a_usage_error():
    with pytest.raises(UsageError, match="call, wire"):
        fake_iam(transport="http")


# --- retries: botocore's own retry handler, back-off on the fake clock --------------------


def standard_back_off_ceiling(code: str, retries: int) -> float:
    """The longest `retries` back-offs the installed botocore's standard mode waits after `code`.

    Its base scale changed across releases (1 s, then 50 ms for errors other than throttling).
    """
    from botocore.retries.standard import ExponentialBackoff, RetryContext

    longest = ExponentialBackoff(random=lambda: 1.0)
    return sum(
        longest.delay_amount(RetryContext(attempt_number=n, parsed_response={"Error": {"Code": code}}))
        for n in range(1, retries + 1)
    )


@wire_transport
@pytest.mark.parametrize(("mode", "code"), [("standard", "ServiceFailure"), ("legacy", "Throttling")])
def test_retryable_error_is_retried_with_back_off_on_the_fake_clock(iamfake, real_sleeps, mode, code):
    iamfake.add_user("Bob")
    iamfake.add_login_profile("Bob", GOOD)
    iam = boto3.client("iam", config=Config(retries={"mode": mode}))
    fault = iamfake.fail("get_login_profile", code, times=2)
    before = iamfake.clock.now()
    parsed = iam.get_login_profile(UserName="Bob")
    assert parsed["LoginProfile"]["UserName"] == "Bob"
    assert parsed["ResponseMetadata"]["RetryAttempts"] == 2
    assert fault.triggered == 2
    assert [c.error for c in iamfake.calls] == [code, code, None]
    # Both modes back off by rand * base * 2**(n-1): > 0, at most base + 2 * base.
    waited = (iamfake.clock.now() - before).total_seconds()
    assert 0 < waited <= (standard_back_off_ceiling(code, 2) if mode == "standard" else 3.0)
    assert real_sleeps == []


@wire_transport
def test_exhausted_retries_report_max_attempts(iamfake, real_sleeps):
    iamfake.add_user("Bob")
    iamfake.add_login_profile("Bob", GOOD)
    # Standard mode's 3 attempts, pinned: older botocore defaults to legacy mode's 5.
    iam = boto3.client("iam", config=Config(retries={"mode": "standard"}))
    iamfake.fail("get_login_profile", "Throttling", times=None)
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.get_login_profile(UserName="Bob")
    meta = exc_info.value.response["ResponseMetadata"]
    assert (exc_info.value.response["Error"]["Code"], meta["RetryAttempts"], meta["MaxAttemptsReached"]) == (
        "Throttling",
        2,
        True,
    )
    assert real_sleeps == []


@wire_transport
def test_non_retryable_error_is_not_retried(iamfake, iam):
    fault = iamfake.fail("delete_login_profile", "EntityTemporarilyUnmodifiable", times=5)
    before = iamfake.clock.now()
    with pytest.raises(iam.exceptions.EntityTemporarilyUnmodifiableException):
        iam.delete_login_profile(UserName="Bob")
    assert fault.triggered == 1
    assert iamfake.clock.now() == before


@wire_transport
def test_injected_service_failure_is_retried_by_botocore(iamfake, real_sleeps):
    iamfake.add_user("Bob")
    iamfake.add_login_profile("Bob", GOOD)
    iamfake.fail("get_login_profile", "ServiceFailure", times=2)
    before = iamfake.clock.now()
    parsed = boto3.client("iam").get_login_profile(UserName="Bob")
    assert parsed["ResponseMetadata"]["RetryAttempts"] == 2
    assert iamfake.clock.now() > before
    assert real_sleeps == []  # the back-off moved the fake clock instead


@pytest.mark.iamfake(transport="call")
def test_injected_service_failure_surfaces_at_once_in_the_call_transport(iamfake):
    iamfake.add_user("Bob")
    iamfake.add_login_profile("Bob", GOOD)
    fault = iamfake.fail("get_login_profile", "ServiceFailure", times=2, optional=True)
    client = boto3.client("iam")
    with pytest.raises(client.exceptions.ServiceFailureException) as exc_info:
        client.get_login_profile(UserName="Bob")
    assert exc_info.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert (fault.triggered, fault.remaining) == (1, 1)


def test_sleep_is_patched_only_while_a_wire_fake_is_active():
    real = time.sleep
    assert botocore.endpoint.time.sleep is real
    with fake_iam(transport="call"):
        assert botocore.endpoint.time.sleep is real
    with fake_iam(transport="wire"):
        assert botocore.endpoint.time.sleep is not real
        with fake_iam(transport="wire"):
            pass
        assert botocore.endpoint.time.sleep is not real
    assert botocore.endpoint.time is time
