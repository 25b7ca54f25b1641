"""A stopped fake: arranging it, injecting faults and making clients are mistakes; inspecting it is not."""

from __future__ import annotations

import pytest

from pytest_iamfake import BlockedRequest, UsageError, fake_iam
from pytest_iamfake.fake import IAMFake

POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]}

MUTATING = [
    ("add_user", ("carol",), {}),
    ("add_group", ("admins",), {}),
    ("add_login_profile", ("bob", "Str0ng!Passw0rd"), {}),
    ("set_password_policy", (), {"MinimumPasswordLength": 12}),
    ("add_access_key", ("bob",), {}),
    ("add_policy", ("read", POLICY), {}),
    ("add_role", ("deployer",), {}),
    ("set_credential_report_delay", (5,), {}),
    ("add_mfa_device", ("bob",), {}),
    ("add_root_mfa_device", (), {}),
    ("sign_in", ("bob", "Str0ng!Passw0rd"), {}),
    ("fail", ("get_user", "NoSuchEntity"), {}),
    ("client", (), {}),
]


@pytest.fixture
def stopped() -> IAMFake:
    with fake_iam() as fake:
        fake.add_user("bob")
        fake.client("iam").get_user(UserName="bob")
    return fake


@pytest.mark.parametrize(("helper", "args", "kwargs"), MUTATING, ids=[m[0] for m in MUTATING])
def test_a_stopped_fakes_helpers_raise_a_usage_error(stopped, helper, args, kwargs):
    with pytest.raises(UsageError, match=rf"{helper}\(\): this IAMFake has stopped.*start\(\).*new fake"):
        getattr(stopped, helper)(*args, **kwargs)
    assert not stopped.faults  # nothing was added


def test_inspection_keeps_working_after_stop(stopped):
    assert [c.operation for c in stopped.calls] == ["GetUser"]
    assert stopped.get_calls("get_user", UserName="bob")
    stopped.assert_called("get_user", UserName="bob", times=1)
    stopped.assert_not_called("create_user")
    assert stopped.get_call("GetUser").error is None
    assert stopped.check_password("bob", "whatever") is False


def test_starting_again_makes_it_usable(stopped):
    stopped.start()
    try:
        stopped.add_user("carol")
        assert stopped.client("iam").get_user(UserName="carol")["User"]["UserName"] == "carol"
    finally:
        stopped.stop()


@pytest.mark.parametrize("transport", ["call", "wire"])
def test_a_client_the_fake_made_refuses_to_send_after_it_stops(transport):
    with fake_iam(transport=transport) as fake:
        fake.add_user("bob")
        iam = fake.client("iam")
        bobs = fake.client("iam", user="bob")
        assert iam.get_user(UserName="bob")["User"]["UserName"] == "bob"
    for client in (iam, bobs):
        with pytest.raises(
            BlockedRequest, match=r"made by iamfake\.client\(\) for account 123456789012: that fake is not"
        ):
            client.get_user(UserName="bob")
    # nor through another fake that is active now: that client signs with a stopped fake's keys
    with fake_iam(), pytest.raises(BlockedRequest, match="that fake is not active"):
        iam.get_user(UserName="bob")
    assert [c.operation for c in fake.calls] == ["GetUser"]


def test_a_client_of_another_service_is_blocked_too():
    with fake_iam() as fake:
        s3 = fake.client("s3")
    with pytest.raises(BlockedRequest, match="that fake is not active"):
        s3.list_buckets()


def test_a_fake_never_started_can_be_arranged_before_start():
    fake = IAMFake()
    fake.add_user("bob")  # arranging first, then starting, is fine
    with fake:
        assert fake.client("iam").get_user(UserName="bob")["User"]["UserName"] == "bob"
