"""Helper input: tags in either form, a clock that only moves forward by advance(), and wrong types as UsageErrors."""

from __future__ import annotations

import datetime as dt

import pytest

from pytest_iamfake import UsageError, fake_iam

POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]}
AS_DICT = {"team": "blue", "env": "test"}
AS_LIST = [{"Key": "team", "Value": "blue"}, {"Key": "env", "Value": "test"}]


@pytest.mark.parametrize("tags", [AS_DICT, AS_LIST, tuple(AS_LIST)], ids=["dict", "list", "tuple"])
def test_tags_are_taken_as_a_dict_or_in_boto3s_list_form(iamfake, iam, tags):
    def by_key(found: list[dict[str, str]]) -> list[dict[str, str]]:
        return sorted(found, key=lambda tag: tag["Key"])

    assert by_key(iamfake.add_user("bob", tags=tags)["Tags"]) == by_key(AS_LIST)
    iamfake.add_role("deployer", tags=tags)
    assert by_key(iam.list_role_tags(RoleName="deployer")["Tags"]) == by_key(AS_LIST)
    arn = iamfake.add_policy("read", POLICY, tags=tags)
    assert by_key(iam.list_policy_tags(PolicyArn=arn)["Tags"]) == by_key(AS_LIST)


@pytest.mark.parametrize(
    "tags",
    [5, "team=blue", [("team", "blue")], [{"Key": "team"}], {"team": 1}, [{"Key": 1, "Value": "x"}]],
)
@pytest.mark.parametrize("helper", ["add_user", "add_role", "add_policy"])
def test_other_tag_forms_are_a_usage_error_naming_both_forms(iamfake, helper, tags):
    args = ("x", POLICY) if helper == "add_policy" else ("x",)
    with pytest.raises(UsageError, match=rf"{helper}\(tags=\.\.\.\) takes a dict of strings .*boto3's list form"):
        getattr(iamfake, helper)(*args, tags=tags)
    assert iamfake.backend.missing_users(iamfake.options.account_id, ["x"]) == ["x"]  # nothing half-made


def test_clock_advance_refuses_a_negative_step(iamfake):
    before = iamfake.clock.now()
    for step in (-10, dt.timedelta(seconds=-1)):
        with pytest.raises(UsageError, match=r"moves the clock forward only.*clock\.set"):
            iamfake.clock.advance(step)
    assert iamfake.clock.now() == before
    assert iamfake.clock.advance(0) == before
    assert iamfake.clock.set("2019-01-01") < before  # moving back is set()'s job


@pytest.mark.parametrize("step", ["10", None, True])
def test_clock_advance_refuses_what_is_not_a_step(iamfake, step):
    with pytest.raises(UsageError, match=r"clock\.advance\(\) takes seconds \(a number\) or a timedelta"):
        iamfake.clock.advance(step)


@pytest.mark.parametrize("when", ["yesterday", "2024-13-01", 5, None])
def test_clock_set_names_the_accepted_format(iamfake, when):
    with pytest.raises(
        UsageError, match=r"clock\.set\(\): .* is not a time; use an ISO-8601 string such as '2024-05-01'"
    ):
        iamfake.clock.set(when)


def test_start_time_names_the_accepted_format():
    with pytest.raises(UsageError, match=r"start_time='noon' is not valid; use an ISO-8601 string such as"):
        fake_iam(start_time="noon")


WRONG = [
    ("add_user", (123,), {}, r"add_user\(name=\.\.\.\) takes a user name \(a string\); got 123 \(int\)"),
    ("add_user", ("x",), {"path": 1}, r"add_user\(path=\.\.\.\) takes a string; got 1"),
    ("add_user", ("x",), {"groups": 5}, r"add_user\(groups=\.\.\.\) takes a name or a list of names"),
    ("add_user", ("x",), {"policies": [1]}, r"add_user\(policies=\.\.\.\) takes a name or a list of names"),
    ("add_group", (None,), {}, r"add_group\(name=\.\.\.\) takes a group name"),
    ("add_group", ("g",), {"users": 5}, r"add_group\(users=\.\.\.\) takes a name or a list of names"),
    ("add_login_profile", ("bob", 12345678), {}, r"add_login_profile\(password=\.\.\.\) takes a password \(a string\)"),
    ("add_login_profile", ("bob", "pw"), {"reset_required": "yes"}, r"reset_required=\.\.\.\) takes True or False"),
    ("add_access_key", (None,), {}, r"add_access_key\(user=\.\.\.\) takes a user name \(a string\); got None"),
    ("add_policy", (1, POLICY), {}, r"add_policy\(name=\.\.\.\) takes a policy name"),
    ("add_policy", ("p", 5), {}, r"add_policy\(document=\.\.\.\) takes a policy document \(a dict or JSON text\)"),
    ("add_role", (1,), {}, r"add_role\(name=\.\.\.\) takes a role name"),
    ("add_role", ("r", 5), {}, r"add_role\(trust_policy=\.\.\.\) takes a policy document"),
    ("add_mfa_device", (1,), {}, r"add_mfa_device\(user=\.\.\.\) takes a user name"),
    ("mfa_code", (1,), {}, r"mfa_code\(serial_number=\.\.\.\) takes a serial number"),
    ("sign_in", (1, "pw"), {}, r"sign_in\(user_name=\.\.\.\) takes a user name"),
    ("check_password", ("bob", None), {}, r"check_password\(password=\.\.\.\) takes a password"),
    ("client", (1,), {}, r"client\(service=\.\.\.\) takes a service name"),
    ("client", (), {"user": 1}, r"client\(user=\.\.\.\) takes a user name \(a string\) or None"),
    ("fail", (123, "NoSuchEntity"), {}, r"An operation name must be a string; got 123"),
    ("fail", ("get_user", 1), {}, r"GetUser cannot be made to fail with 1"),
    ("get_calls", (1,), {}, r"An operation name must be a string"),
    ("set_credential_report_delay", ("5",), {}, r"takes seconds >= 0"),
]


@pytest.mark.parametrize(
    ("helper", "args", "kwargs", "message"), WRONG, ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)]
)
def test_wrong_types_are_a_usage_error_saying_what_was_expected(iamfake, helper, args, kwargs, message):
    iamfake.add_user("bob")
    with pytest.raises(UsageError, match=message):
        getattr(iamfake, helper)(*args, **kwargs)
    assert [u["UserName"] for u in iamfake._arrange("ListUsers", {})["Users"]] == ["bob"]  # no state changed
