"""The evaluation engine called directly: AccessDenied forms, self-service policies, policy kinds, explanations."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from pytest_iamfake.model import actions, errors
from pytest_iamfake.model.evaluation import (
    Context,
    Decision,
    Policy,
    PolicyFormatError,
    PolicySet,
    Request,
    decide,
    evaluate,
    role_session_context,
    root_context,
    root_session_context,
    user_context,
)
from tests import policy_docs as docs

ACCT = "123456789012"
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
CHANGE_PASSWORD_ARN = "arn:aws:iam::aws:policy/IAMUserChangePassword"


def allow(action: str | list[str], resource: str | list[str] = "*", **extra: object) -> dict[str, object]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action: str | list[str], resource: str | list[str] = "*", **extra: object) -> dict[str, object]:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def doc(*statements: dict[str, object], version: str | None = "2012-10-17") -> dict[str, object]:
    out: dict[str, object] = {"Statement": list(statements)}
    if version is not None:
        out["Version"] = version
    return out


def user_call(
    operation: str,
    params: dict[str, object] | None = None,
    *,
    identity: list[Policy] | tuple[Policy, ...] = (),
    boundary: Policy | None = None,
    user: str = "alice",
    path: str = "/",
    mfa: bool = False,
    service: str = "iam",
    paths: dict[str, str] | None = None,
) -> tuple[Decision, str | None]:
    """Decide a call by IAM user `user` the way enforcement will: action table + user context."""
    known = {user: path, **(paths or {})}
    target = actions.target(
        service,
        operation,
        params or {},
        account_id=ACCT,
        caller_user_name=user,
        path_of=lambda kind, name: known.get(name) if kind == "user" else None,
    )
    context = user_context(
        account_id=ACCT,
        user_name=user,
        user_id="AIDAEXAMPLE" + user.upper(),
        path=path,
        now=NOW,
        token_issued_at=NOW if mfa else None,
        mfa_authenticated_at=NOW if mfa else None,
    )
    request = Request.of(f"arn:aws:iam::{ACCT}:user{path}{user}", target.action, target.resource, context)
    return evaluate(request, PolicySet(identity, boundary=boundary)), target.resource_text


def role_call(
    operation: str,
    params: dict[str, object] | None = None,
    *,
    identity: list[Policy] | tuple[Policy, ...] = (),
    boundary: Policy | None = None,
    session: list[Policy] | None = None,
    mfa: bool = False,
) -> tuple[Decision, str | None]:
    target = actions.target("iam", operation, params or {}, account_id=ACCT)
    context = role_session_context(
        account_id=ACCT,
        role_name="app",
        role_id="AROAEXAMPLEAPP",
        session_name="s1",
        now=NOW,
        token_issued_at=NOW,
        mfa_authenticated_at=NOW if mfa else None,
    )
    request = Request.of(
        f"arn:aws:sts::{ACCT}:assumed-role/app/s1", target.action, target.resource, context, "role-session"
    )
    return evaluate(request, PolicySet(identity, boundary=boundary, session=session)), target.resource_text


def managed(document: str | dict[str, object], name: str, owner: str = "user alice") -> Policy:
    arn = name if name.startswith("arn:") else f"arn:aws:iam::{ACCT}:policy/{name}"
    return Policy.managed(document, arn, owner)


# --- AccessDenied message forms (REAL texts from reference §5) ------------------------------


def message(decision: Decision, resource_text: str | None, **kwargs: object) -> str:
    error = decision.access_denied(resource_text, **kwargs)  # type: ignore[arg-type]
    assert (error.code, error.status) == ("AccessDenied", 403)
    return error.message


def test_implicit_identity_deny_for_a_role_session_is_the_real_message() -> None:
    principal = (
        "arn:aws:sts::019759562784:assumed-role/rancher-manager-stack-EKSCTLRole-D78Q8FNL2T9B/i-0d9daf0baeff2d308"
    )
    request = Request.of(principal, "iam:GetUser", "arn:aws:iam::019759562784:user/rancher-cloud-credential-user")
    decision = evaluate(request, PolicySet([]))
    assert (decision.decision, decision.denied_by) == ("implicitDeny", "identity-based")
    assert message(decision, "user rancher-cloud-credential-user") == (
        f"User: {principal} is not authorized to perform: iam:GetUser on resource: user "
        "rancher-cloud-credential-user because no identity-based policy allows the iam:GetUser action"
    )


def test_explicit_identity_deny_is_the_real_message() -> None:
    principal = "arn:aws:iam::946554699567:user/Claude"
    policies = PolicySet([Policy.inline(doc(allow("iam:*"), deny("iam:CreateAccessKey")), "guard", "user Claude")])
    decision = evaluate(Request.of(principal, "iam:CreateAccessKey", "arn:aws:iam::946554699567:user/Claude"), policies)
    assert decision.decision == "explicitDeny"
    assert message(decision, "user Claude") == (
        "User: arn:aws:iam::946554699567:user/Claude is not authorized to perform: iam:CreateAccessKey "
        "on resource: user Claude with an explicit deny in an identity-based policy"
    )
    # An inline policy has no ARN to append even when asked.
    assert message(decision, "user Claude", policy_arn=True).endswith("identity-based policy")


def test_explicit_identity_deny_with_the_managed_policy_arn_is_the_real_message() -> None:
    principal = "arn:aws:iam::765656213018:user/frank.trelles"
    base = Policy.managed(
        doc(allow("*"), deny("iam:CreateUser")), "arn:aws:iam::765656213018:policy/costagas-base", "user frank.trelles"
    )
    target = "arn:aws:iam::765656213018:user/prueba"
    decision = evaluate(Request.of(principal, "iam:CreateUser", target), PolicySet([base]))
    assert message(decision, target, policy_arn=True) == (
        "User: arn:aws:iam::765656213018:user/frank.trelles is not authorized to perform: iam:CreateUser on "
        "resource: arn:aws:iam::765656213018:user/prueba with an explicit deny in an identity-based policy: "
        "arn:aws:iam::765656213018:policy/costagas-base"
    )


def test_implicit_boundary_deny_is_the_real_message() -> None:
    principal = "arn:aws:iam::115189082206:user/svc.115189082206.tda.cocustest"
    boundary = Policy.managed(doc(allow("s3:*")), "arn:aws:iam::115189082206:policy/boundary")
    decision = evaluate(
        Request.of(principal, "iam:GetRole", "arn:aws:iam::115189082206:role/lambda-ex"),
        PolicySet([Policy.inline(doc(allow("*")), "admin", "user svc")], boundary=boundary),
    )
    assert (decision.decision, decision.denied_by) == ("implicitDeny", "permissions boundary")
    assert message(decision, "role lambda-ex") == (
        f"User: {principal} is not authorized to perform: iam:GetRole on resource: role lambda-ex "
        "because no permissions boundary allows the iam:GetRole action"
    )


def test_explicit_boundary_deny_is_the_real_message_with_and_without_arn() -> None:
    principal = "arn:aws:iam::072054739058:user/iamws-policy-developer-user"
    boundary = Policy.managed(
        doc(allow("*"), deny("iam:CreatePolicyVersion")), "arn:aws:iam::072054739058:policy/DeveloperBoundary"
    )
    policy_arn = "arn:aws:iam::072054739058:policy/iamws-developer-tools-policy"
    decision = evaluate(
        Request.of(principal, "iam:CreatePolicyVersion", policy_arn),
        PolicySet([Policy.inline(doc(allow("iam:*")), "dev", "user dev")], boundary=boundary),
    )
    assert (decision.decision, decision.denied_by) == ("explicitDeny", "permissions boundary")
    assert message(decision, f"policy {policy_arn}", policy_arn=True) == (
        f"User: {principal} is not authorized to perform: iam:CreatePolicyVersion on resource: policy "
        f"{policy_arn} with an explicit deny in a permissions boundary: "
        "arn:aws:iam::072054739058:policy/DeveloperBoundary"
    )
    assert message(decision, "user ROBERT").endswith("with an explicit deny in a permissions boundary")


def test_boundary_deny_without_a_resource_part_is_the_real_message() -> None:
    principal = "arn:aws:sts::766363046973:assumed-role/CyberRangeLabManagerRole/lab-session-xxx"
    decision = evaluate(
        Request.of(principal, "iam:GetUser", "*", caller="role-session"),
        PolicySet([Policy.inline(doc(allow("*")), "p", "role r")], boundary=Policy.inline(doc(allow("s3:*")), "b")),
    )
    assert message(decision, None) == (
        f"User: {principal} is not authorized to perform: iam:GetUser "
        "because no permissions boundary allows the iam:GetUser action"
    )


def test_implicit_session_policy_deny_has_the_documented_form() -> None:
    principal = "arn:aws:sts::ACCOUNT_ID:federated-user/vault-xxxxxxxxxx-yyyyyyyyyyyyyyy"
    table = "arn:aws:dynamodb:AWS_REGION:ACCOUNT_ID:table/Products_xxxxxxxx"
    decision = evaluate(
        Request.of(principal, "dynamodb:GetItem", table, caller="role-session"),
        PolicySet([Policy.inline(doc(allow("*")), "p")], session=[Policy.inline(doc(allow("s3:*")), "session")]),
    )
    assert message(decision, table) == (
        f"User: {principal} is not authorized to perform: dynamodb:GetItem on resource: {table} "
        "because no session policy allows the dynamodb:GetItem action"
    )


def test_explicit_session_policy_deny_uses_the_chosen_wording() -> None:
    decision, text = role_call(
        "GetUser",
        {"UserName": "bob"},
        identity=[Policy.inline(doc(allow("*")), "p", "role app")],
        session=[Policy.inline(doc(allow("*"), deny("iam:GetUser")), "session")],
    )
    assert decision.denied_by == "session"
    assert message(decision, text).endswith("on resource: user bob with an explicit deny in a session policy")


def test_the_older_constructors_keep_their_names_and_wording() -> None:
    implicit = errors.access_denied("arn:aws:iam::1:user/a", "iam", "ChangePassword", "user a")
    assert implicit.message == (
        "User: arn:aws:iam::1:user/a is not authorized to perform: iam:ChangePassword on resource: user a "
        "because no identity-based policy allows the iam:ChangePassword action"
    )
    explicit = errors.access_denied_by_session_policy("arn:aws:iam::1:root", "iam", "DeleteUser", "user a")
    assert explicit.message.endswith("iam:DeleteUser on resource: user a with an explicit deny in a session policy")


def test_service_control_policy_form_is_the_real_message() -> None:
    error = errors.access_denied_explicit(
        "arn:aws:iam::446598291512:user/hpcc.build", "iam:AttachUserPolicy", "user hpcc.build", "service control"
    )
    assert error.message == (
        "User: arn:aws:iam::446598291512:user/hpcc.build is not authorized to perform: iam:AttachUserPolicy "
        "on resource: user hpcc.build with an explicit deny in a service control policy"
    )


def test_authorization_id_suffix_is_the_real_message() -> None:
    error = errors.access_denied_explicit(
        "arn:aws:sts::111122223333:assumed-role/AgentsPoppyBroker/agentspoppy-b1df195f-a2a9-49d4",
        "iam:ListMFADevices",
        "user SomeUser",
        authorization_id="5arhuwacg4o48yxyin4kcrony",
    )
    assert error.message == (
        "User: arn:aws:sts::111122223333:assumed-role/AgentsPoppyBroker/agentspoppy-b1df195f-a2a9-49d4 is not "
        "authorized to perform: iam:ListMFADevices on resource: user SomeUser with an explicit deny in an "
        "identity-based policy. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/"
        "authorization-details/5arhuwacg4o48yxyin4kcrony for complete details, or call the "
        "GetRequestAuthorizationDetails API with the following authorization id: 5arhuwacg4o48yxyin4kcrony"
    )


def test_trust_policy_refusal_is_the_real_message_without_reason() -> None:
    principal = "arn:aws:sts::350514568196:assumed-role/ecsworkshop-admin/i-03a0645e089123f6f"
    role = "arn:aws:iam::350514568196:role/ecsworkshop-admin"
    trust = Policy.inline(
        doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}),
        "trust",
        "role ecsworkshop-admin",
    )
    context = {"aws:PrincipalArn": role}
    decision = evaluate(
        Request.of(principal, "sts:AssumeRole", role, context, "role-session"),
        PolicySet([Policy.inline(doc(allow("*")), "admin", "role ecsworkshop-admin")], trust=trust),
    )
    assert (decision.decision, decision.denied_by) == ("implicitDeny", "role trust")
    assert message(decision, role) == (
        f"User: {principal} is not authorized to perform: sts:AssumeRole on resource: {role}"
    )


def test_non_policy_refusals_are_the_real_messages() -> None:
    assert errors.access_key_lookup_denied("arn:aws:iam::1:user/a", "AKIAIOSFODNN7EXAMPLE").message == (
        "User: arn:aws:iam::1:user/a is not authorized to perform iam:GetAccessKeyLastUsed "
        "on resource: access key AKIAIOSFODNN7EXAMPLE"
    )
    assert errors.roles_not_assumable_by_root().message == "Roles may not be assumed by root accounts."


def test_access_denied_of_an_allowed_decision_is_refused() -> None:
    decision = evaluate(Request.of("arn:aws:iam::1:root", "iam:GetUser", caller="root"), PolicySet())
    with pytest.raises(ValueError, match="allowed request"):
        decision.access_denied("user a")


def test_unknown_policy_type_in_a_message_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown policy type 'scp'"):
        errors.access_denied_implicit("a", "iam:GetUser", "*", "scp")


# --- AWS's self-service policies (reference §6.8) -------------------------------------------

SELF = {"UserName": "alice"}
OTHER = {"UserName": "bob"}
COLUMNS = [
    ("ChangePassword", {}),
    ("GetAccountPasswordPolicy", {}),
    ("CreateAccessKey", SELF),
    ("ListUsers", {}),
    ("GetUser", SELF),
    ("CreateAccessKey", OTHER),
]
SELF_SERVICE_ROWS = [
    ("IAMUserChangePassword v3, path /", docs.IAM_USER_CHANGE_PASSWORD, "/", False, "AAIIII"),
    ("IAMUserChangePassword v3, path /eng/", docs.IAM_USER_CHANGE_PASSWORD, "/eng/", False, "AAIIII"),
    ("IAMUserChangePassword v2, path /eng/", docs.IAM_USER_CHANGE_PASSWORD_V2, "/eng/", False, "IAIIII"),
    ("IAMUserChangePassword v2, path /", docs.IAM_USER_CHANGE_PASSWORD_V2, "/", False, "AAIIII"),
    ("MFA self-manage, long-term keys", docs.MFA_SELF_MANAGE, "/", False, "EEEEAE"),
    ("MFA self-manage, MFA session", docs.MFA_SELF_MANAGE, "/", True, "AAAIAI"),
    ("BlockMostAccessUnlessSignedInWithMFA, long-term keys", docs.MFA_DEVICE_SELF_MANAGE, "/", False, "EEEAEE"),
    ("BlockMostAccessUnlessSignedInWithMFA, MFA session", docs.MFA_DEVICE_SELF_MANAGE, "/", True, "IIIAII"),
    ("own password, keys and SSH keys", docs.OWN_PASSWORD_KEYS_SSH, "/", False, "AAAIAI"),
    ("own credentials", docs.OWN_CREDENTIALS, "/", False, "AAAAAI"),
    ("change own console password", docs.CHANGE_OWN_PASSWORD, "/", False, "AAIIAI"),
]
OUTCOME = {"A": "allowed", "E": "explicitDeny", "I": "implicitDeny"}


@pytest.mark.parametrize(
    ("name", "document", "path", "mfa", "expected"), SELF_SERVICE_ROWS, ids=[r[0] for r in SELF_SERVICE_ROWS]
)
def test_self_service_policy_decides_as_aws_documents(
    name: str, document: str, path: str, mfa: bool, expected: str
) -> None:
    policy = managed(document, "self-service")
    got = ""
    for operation, params in COLUMNS:
        decision, _ = user_call(operation, params, identity=[policy], path=path, mfa=mfa)
        got += next(k for k, v in OUTCOME.items() if v == decision.decision)
    labels = [f"{op}({p.get('UserName', '')})" for op, p in COLUMNS]
    assert dict(zip(labels, got, strict=True)) == dict(zip(labels, expected, strict=True))


def test_change_password_policy_confines_each_user_to_their_own_password() -> None:
    policy = Policy.managed(docs.IAM_USER_CHANGE_PASSWORD, CHANGE_PASSWORD_ARN, "user alice", "v3")
    decision, text = user_call("ChangePassword", {}, identity=[policy])
    assert text == "user alice"
    assert decision.allowed
    # ChangePassword acts on the caller only; a resource naming another user never matches.
    other = Request.of(
        f"arn:aws:iam::{ACCT}:user/alice",
        "iam:ChangePassword",
        f"arn:aws:iam::{ACCT}:user/bob",
        user_context(account_id=ACCT, user_name="alice", user_id="AIDA1", now=NOW),
    )
    assert not evaluate(other, PolicySet([policy])).allowed


def test_mfa_self_manage_without_mfa_refuses_with_the_explicit_deny_message() -> None:
    decision, text = user_call("CreateAccessKey", SELF, identity=[managed(docs.MFA_SELF_MANAGE, "mfa")])
    assert message(decision, text) == (
        f"User: arn:aws:iam::{ACCT}:user/alice is not authorized to perform: iam:CreateAccessKey on resource: "
        "user alice with an explicit deny in an identity-based policy"
    )
    # The Allow for own keys applies too; the Deny wins.
    assert [(m.sid, m.effect) for m in decision.matched] == [
        ("AllowManageOwnAccessKeys", "Allow"),
        ("DenyAllExceptListedIfNoMFA", "Deny"),
    ]


def test_mfa_self_manage_with_mfa_allows_own_keys_but_not_anothers() -> None:
    policy = managed(docs.MFA_SELF_MANAGE, "mfa")
    for operation in ("CreateAccessKey", "ListAccessKeys", "DeleteAccessKey", "UpdateAccessKey"):
        assert user_call(operation, SELF, identity=[policy], mfa=True)[0].allowed, operation
        assert user_call(operation, {}, identity=[policy], mfa=True)[0].allowed, operation  # UserName omitted
        decision, text = user_call(operation, OTHER, identity=[policy], mfa=True)
        assert decision.decision == "implicitDeny"
        assert message(decision, text).endswith(
            f"on resource: user bob because no identity-based policy allows the iam:{operation} action"
        )


def test_mfa_self_manage_ssh_keys_and_mfa_devices() -> None:
    policy = managed(docs.MFA_SELF_MANAGE, "mfa")
    assert user_call("UploadSSHPublicKey", SELF, identity=[policy], mfa=True)[0].allowed
    assert user_call("UploadSSHPublicKey", SELF, identity=[policy])[0].decision == "explicitDeny"
    # Listed in NotAction, so allowed without MFA: what a new user needs to set up MFA.
    assert user_call("EnableMFADevice", SELF, identity=[policy])[0].allowed
    assert user_call("CreateVirtualMFADevice", {"VirtualMFADeviceName": "alice"}, identity=[policy])[0].allowed
    assert user_call("EnableMFADevice", OTHER, identity=[policy])[0].decision == "implicitDeny"
    assert user_call("DeactivateMFADevice", SELF, identity=[policy])[0].decision == "explicitDeny"


def test_deactivating_own_mfa_needs_an_mfa_session_under_the_device_policy() -> None:
    policy = managed(docs.MFA_DEVICE_SELF_MANAGE, "mfa-device")
    assert user_call("DeactivateMFADevice", SELF, identity=[policy], mfa=True)[0].allowed
    assert user_call("DeactivateMFADevice", SELF, identity=[policy])[0].decision == "explicitDeny"
    assert user_call("DeactivateMFADevice", OTHER, identity=[policy], mfa=True)[0].decision == "implicitDeny"


def test_own_password_keys_ssh_policy() -> None:
    policy = managed(docs.OWN_PASSWORD_KEYS_SSH, "own")
    assert user_call("UploadSSHPublicKey", SELF, identity=[policy])[0].allowed
    assert user_call("DeleteSSHPublicKey", OTHER, identity=[policy])[0].decision == "implicitDeny"
    assert user_call("GetAccountSummary", {}, identity=[policy])[0].allowed


def test_role_sessions_get_nothing_from_username_scoped_statements() -> None:
    v3 = Policy.managed(docs.IAM_USER_CHANGE_PASSWORD, CHANGE_PASSWORD_ARN, "role app")
    assert role_call("ChangePassword", identity=[v3])[0].decision == "implicitDeny"
    assert role_call("GetAccountPasswordPolicy", identity=[v3])[0].allowed
    mfa = managed(docs.MFA_SELF_MANAGE, "mfa", "role app")
    assert role_call("GetAccountPasswordPolicy", identity=[mfa])[0].decision == "explicitDeny"
    assert role_call("GetAccountPasswordPolicy", identity=[mfa], mfa=True)[0].allowed


# --- groups, boundaries, explicit denies, root ---------------------------------------------


def test_group_policies_count_as_identity_policies_and_their_denies_win() -> None:
    group_allow = Policy.inline(doc(allow("iam:ListUsers")), "read", "group devs")
    group_deny = Policy.managed(doc(deny("iam:ListUsers")), f"arn:aws:iam::{ACCT}:policy/no-list", "group ops")
    assert user_call("ListUsers", identity=[group_allow])[0].allowed
    decision, _ = user_call("ListUsers", identity=[group_allow, group_deny])
    assert decision.decision == "explicitDeny"
    assert decision.deny_policy is group_deny
    assert decision.matched[0].policy.source_type == "group"
    assert decision.matched[1].policy.source_type == "user-managed"


def test_boundary_intersects_with_identity_policies() -> None:
    admin = Policy.inline(doc(allow("*")), "admin", "user alice")
    boundary = Policy.managed(doc(allow("iam:Get*")), f"arn:aws:iam::{ACCT}:policy/read-only")
    assert user_call("GetUser", SELF, identity=[admin], boundary=boundary)[0].allowed
    decision, _ = user_call("DeleteUser", OTHER, identity=[admin], boundary=boundary)
    assert (decision.decision, decision.denied_by) == ("implicitDeny", "permissions boundary")
    # The boundary alone grants nothing.
    decision, _ = user_call("GetUser", SELF, boundary=boundary)
    assert decision.denied_by == "identity-based"
    assert decision.allowed_by == ("permissions boundary",)


def test_explicit_deny_anywhere_wins_and_identity_is_named_first() -> None:
    both = Policy.inline(doc(allow("*"), deny("iam:DeleteUser")), "p", "user alice")
    boundary = Policy.inline(doc(allow("*"), deny("iam:DeleteUser")), "b")
    decision, _ = user_call("DeleteUser", OTHER, identity=[both], boundary=boundary)
    assert (decision.decision, decision.denied_by) == ("explicitDeny", "identity-based")
    assert len(decision.matched) == 4


def test_session_policies_intersect_for_role_sessions_and_are_a_union_among_themselves() -> None:
    role = Policy.inline(doc(allow("iam:*")), "p", "role app")
    one = Policy.inline(doc(allow("iam:GetUser")), "inline session policy")
    two = Policy.managed(doc(allow("iam:ListUsers")), f"arn:aws:iam::{ACCT}:policy/s2")
    assert role_call("GetUser", OTHER, identity=[role], session=[one, two])[0].allowed
    assert role_call("ListUsers", identity=[role], session=[one, two])[0].allowed
    assert role_call("DeleteUser", OTHER, identity=[role], session=[one, two])[0].denied_by == "session"
    # No session policy: the role's own policies decide.
    assert role_call("DeleteUser", OTHER, identity=[role])[0].allowed


def test_root_is_always_allowed_and_get_caller_identity_never_denied() -> None:
    context = root_context(account_id=ACCT, now=NOW)
    everything_denied = PolicySet([Policy.inline(doc(deny("*")), "deny-all")])
    root = evaluate(Request.of(f"arn:aws:iam::{ACCT}:root", "iam:DeleteUser", "*", context, "root"), everything_denied)
    assert root.allowed
    assert "root" in str(root)
    who = evaluate(Request.of(f"arn:aws:iam::{ACCT}:user/a", "sts:GetCallerIdentity"), everything_denied)
    assert who.allowed


def test_root_session_is_scoped_by_its_task_policy() -> None:
    task = Policy.managed(
        doc(allow(["iam:ListAccessKeys", "iam:GetUser"], f"arn:aws:iam::{ACCT}:root")),
        "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials",
    )
    context = root_session_context(account_id=ACCT, now=NOW, token_issued_at=NOW)
    root = f"arn:aws:iam::{ACCT}:root"
    ok = evaluate(Request.of(root, "iam:ListAccessKeys", root, context, "root-session"), PolicySet(session=[task]))
    assert ok.allowed
    no = evaluate(Request.of(root, "iam:DeleteAccessKey", root, context, "root-session"), PolicySet(session=[task]))
    assert (no.decision, no.denied_by) == ("implicitDeny", "session")


def test_allow_users_to_change_password_grant_is_an_identity_allow() -> None:
    grant = Policy.change_password_grant()
    assert user_call("ChangePassword", identity=[grant], path="/eng/")[0].allowed
    assert user_call("GetAccountPasswordPolicy", identity=[grant])[0].allowed
    assert user_call("GetUser", SELF, identity=[grant])[0].decision == "implicitDeny"
    # An MFA-enforcing deny still wins (REAL reports), and a boundary still limits it (INFERRED).
    decision, _ = user_call("ChangePassword", identity=[grant, managed(docs.MFA_SELF_MANAGE, "mfa")])
    assert decision.decision == "explicitDeny"
    boundary = Policy.inline(doc(allow("s3:*")), "b")
    assert user_call("ChangePassword", identity=[grant], boundary=boundary)[0].denied_by == "permissions boundary"
    assert "inline policy AllowUsersToChangePassword of the account password policy" in str(decision)


# §3.5: what aws:MultiFactorAuthPresent being absent, false or true does to the MFA patterns.
MFA_PATTERNS = [
    ("Deny BoolIfExists false", "Deny", {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}, "EEA"),
    ("Deny Bool false", "Deny", {"Bool": {"aws:MultiFactorAuthPresent": "false"}}, "AEA"),
    ("Allow Bool true", "Allow", {"Bool": {"aws:MultiFactorAuthPresent": "true"}}, "IIA"),
    ("Allow BoolIfExists true", "Allow", {"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}, "AIA"),
    ("Allow Null false", "Allow", {"Null": {"aws:MultiFactorAuthPresent": "false"}}, "IAA"),
]


@pytest.mark.parametrize(
    ("effect", "condition", "expected"), [p[1:] for p in MFA_PATTERNS], ids=[p[0] for p in MFA_PATTERNS]
)
def test_mfa_patterns_per_caller_kind(effect: str, condition: dict[str, object], expected: str) -> None:
    statement = {"Effect": effect, "Action": "iam:GetAccountSummary", "Resource": "*", "Condition": condition}
    statements = [statement] if effect == "Allow" else [allow("iam:GetAccountSummary"), statement]
    policy = Policy.inline(doc(*statements), "p", "user alice")
    got = "".join(
        next(k for k, v in OUTCOME.items() if v == decision.decision)
        for decision in (
            user_call("GetAccountSummary", identity=[policy])[0],  # long-term keys: key absent
            role_call("GetAccountSummary", identity=[policy])[0],  # role session without MFA: false
            user_call("GetAccountSummary", identity=[policy], mfa=True)[0],  # session with MFA: true
        )
    )
    assert got == expected


# --- AssumeRole and resource-based policies -------------------------------------------------


def trust_of(principal: object, **extra: object) -> Policy:
    statement = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole", **extra}
    return Policy.inline(doc(statement), "trust policy", "role target")


ROLE = f"arn:aws:iam::{ACCT}:role/target"


def assume(
    trust: Policy,
    identity: list[Policy] | tuple[Policy, ...] = (),
    context: dict[str, object] | None = None,
    boundary: Policy | None = None,
) -> Decision:
    ctx = user_context(account_id=ACCT, user_name="alice", user_id="AIDAALICE", now=NOW)
    ctx.update(context or {})  # type: ignore[arg-type]
    request = Request.of(f"arn:aws:iam::{ACCT}:user/alice", "sts:AssumeRole", ROLE, ctx)
    return evaluate(request, PolicySet(identity, trust=trust, boundary=boundary))


def test_trust_policy_naming_the_user_allows_without_an_identity_policy() -> None:
    assert assume(trust_of({"AWS": f"arn:aws:iam::{ACCT}:user/alice"})).allowed
    assert assume(trust_of("*")).allowed
    assert assume(
        trust_of({"AWS": f"arn:aws:iam::{ACCT}:user/alice"}), boundary=Policy.inline(doc(allow("s3:*")), "b")
    ).allowed


def test_trust_policy_naming_the_account_needs_an_identity_allow_too() -> None:
    trust = trust_of({"AWS": f"arn:aws:iam::{ACCT}:root"})
    decision = assume(trust)
    assert (decision.decision, decision.denied_by) == ("implicitDeny", "identity-based")
    assert assume(trust, [Policy.inline(doc(allow("sts:AssumeRole", ROLE)), "p", "user alice")]).allowed
    assert assume(trust_of({"AWS": ACCT}), [Policy.inline(doc(allow("sts:AssumeRole")), "p", "user alice")]).allowed


def test_trust_policy_not_naming_the_caller_refuses_even_with_an_identity_allow() -> None:
    decision = assume(
        trust_of({"AWS": f"arn:aws:iam::{ACCT}:user/bob"}), [Policy.inline(doc(allow("*")), "a", "user alice")]
    )
    assert decision.denied_by == "role trust"
    assert "Principal does not name" in str(decision)


def test_trust_policy_conditions_external_id_and_mfa() -> None:
    external = trust_of(
        {"AWS": f"arn:aws:iam::{ACCT}:user/alice"}, Condition={"StringEquals": {"sts:ExternalId": "x-1"}}
    )
    assert assume(external, context={"sts:ExternalId": "x-1"}).allowed
    assert not assume(external, context={"sts:ExternalId": "x-2"}).allowed
    assert not assume(external).allowed
    mfa = trust_of(
        {"AWS": f"arn:aws:iam::{ACCT}:user/alice"}, Condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}
    )
    assert not assume(mfa).allowed
    assert assume(mfa, context={"aws:MultiFactorAuthPresent": True}).allowed


def test_explicit_deny_in_trust_policy() -> None:
    statement = {"Effect": "Deny", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:user/alice"}, "Action": "sts:AssumeRole"}
    trust = Policy.inline(doc({"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}, statement), "t")
    decision = assume(trust)
    assert (decision.decision, decision.denied_by) == ("explicitDeny", "role trust")
    assert message(decision, ROLE).endswith("with an explicit deny in the role trust policy")


def test_trust_policy_naming_the_role_lets_its_sessions_skip_the_identity_step() -> None:
    role_arn = f"arn:aws:iam::{ACCT}:role/app"
    trust = trust_of({"AWS": role_arn})
    context = role_session_context(
        account_id=ACCT, role_name="app", role_id="AROAAPP", session_name="s", now=NOW, token_issued_at=NOW
    )
    request = Request.of(f"arn:aws:sts::{ACCT}:assumed-role/app/s", "sts:AssumeRole", ROLE, context, "role-session")
    assert evaluate(request, PolicySet([], trust=trust)).allowed
    limited = PolicySet([], trust=trust, session=[Policy.inline(doc(allow("s3:*")), "s")])
    assert evaluate(request, limited).denied_by == "session"


def test_resource_based_policies_allow_or_deny_and_are_named() -> None:
    bucket = "arn:aws:s3:::reports"
    naming_alice = {
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{ACCT}:user/alice"},
        "Action": "s3:*",
        "Resource": f"{bucket}/*",
    }
    resource_policy = Policy.inline(doc(naming_alice), "bucket policy", "bucket reports")
    request = Request.of(f"arn:aws:iam::{ACCT}:user/alice", "s3:GetObject", f"{bucket}/q1", {}, "user")
    allowed = evaluate(request, PolicySet([], resource=[resource_policy]))
    assert allowed.allowed
    assert allowed.allowed_by == ("resource-based",)
    denying = Policy.inline(doc({**naming_alice, "Effect": "Deny", "Principal": "*"}), "deny all")
    decision = evaluate(request, PolicySet([Policy.inline(doc(allow("*")), "a")], resource=[denying]))
    assert (decision.decision, decision.denied_by) == ("explicitDeny", "resource-based")
    assert message(decision, f"{bucket}/q1").endswith("with an explicit deny in a resource-based policy")
    assert errors.access_denied_implicit("u", "s3:GetObject", "b", "resource-based").message.endswith(
        "because no resource-based policy allows the s3:GetObject action"
    )


def test_root_is_refused_only_by_an_explicit_deny_in_a_resource_based_policy() -> None:
    root = "arn:aws:iam::123456789012:root"
    deny_root = Policy.inline(
        doc({"Effect": "Deny", "Principal": {"AWS": root}, "Action": "s3:GetBucketPublicAccessBlock", "Resource": "*"}),
        "bucket policy",
    )
    request = Request.of(root, "s3:GetBucketPublicAccessBlock", "arn:aws:s3:::b", {}, "root")
    decision = evaluate(request, PolicySet([Policy.inline(doc(deny("*")), "ignored for root")], resource=[deny_root]))
    assert message(decision, None) == (
        "User: arn:aws:iam::123456789012:root is not authorized to perform: s3:GetBucketPublicAccessBlock "
        "with an explicit deny in a resource-based policy"
    )


# --- explanations, matched statements, context -----------------------------------------------


def test_explanation_names_every_statement_and_the_part_that_failed() -> None:
    policy = Policy.managed(docs.MFA_SELF_MANAGE, f"arn:aws:iam::{ACCT}:policy/mfa", "group devs", "v1")
    decision, _ = user_call("CreateAccessKey", OTHER, identity=[policy], mfa=True)
    text = str(decision)
    assert text.startswith(f"DENIED (implicit): arn:aws:iam::{ACCT}:user/alice (user) -> iam:CreateAccessKey")
    assert "because: no identity-based policy allows iam:CreateAccessKey" in text
    assert f"managed policy arn:aws:iam::{ACCT}:policy/mfa (v1) attached to group devs" in text
    assert (
        "statement 0 (Sid AllowViewAccountInfo), Allow: no match: action iam:CreateAccessKey is not in Action" in text
    )
    assert (
        f"statement 2 (Sid AllowManageOwnAccessKeys), Allow: no match: resource arn:aws:iam::{ACCT}:user/bob does not "
        "match Resource [arn:aws:iam::*:user/alice (from arn:aws:iam::*:user/${aws:username})]"
    ) in text
    assert (
        "statement 8 (Sid DenyAllExceptListedIfNoMFA), Deny: no match: condition not met: BoolIfExists "
        "aws:MultiFactorAuthPresent: policy ['false'], request 'true'"
    ) in text
    assert "permissions boundary: none" in text


def test_explanation_of_a_not_action_and_missing_variable() -> None:
    policy = Policy.inline(
        doc(
            {"Effect": "Deny", "NotAction": "iam:GetUser", "Resource": "*"},
            allow("iam:GetUser", "arn:aws:iam::*:user/${aws:username}"),
        ),
        "p",
        "role app",
    )
    decision, _ = role_call("GetUser", OTHER, identity=[policy])
    text = str(decision)
    assert "action iam:GetUser is excluded by NotAction [iam:GetUser]" in text
    assert "arn:aws:iam::*:user/${aws:username} (a variable has no value)" in text


def test_explanation_resolves_condition_variables_and_lists_every_kind() -> None:
    identity = Policy.inline(
        doc(allow("iam:GetUser", "*", Condition={"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}})),
        "owner-only",
        "role app",
    )
    boundary = Policy.managed(doc(allow("iam:*")), f"arn:aws:iam::{ACCT}:policy/boundary")
    session = Policy.inline(doc(allow("iam:List*")), "session policy")
    decision, _ = role_call("GetUser", OTHER, identity=[identity], boundary=boundary, session=[session])
    text = str(decision)
    assert (
        "condition not met: StringEquals aws:PrincipalTag/owner: policy ['${aws:username}' (variable has no value)], "
        "request absent"
    ) in text
    assert f"permissions boundary:\n    managed policy arn:aws:iam::{ACCT}:policy/boundary" in text
    assert "session policies:\n    inline policy session policy" in text
    assert "action iam:GetUser is not in Action [iam:List*]" in text
    decision, _ = user_call(
        "GetUser",
        SELF,
        identity=[
            Policy.inline(
                doc(
                    allow("iam:GetUser", "*", Condition={"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}})
                ),
                "p",
            )
        ],
    )
    assert "policy ['${aws:username}' = 'alice'], request absent" in str(decision)


def test_matched_statements_carry_source_and_positions() -> None:
    policy = Policy.managed(docs.MFA_SELF_MANAGE, f"arn:aws:iam::{ACCT}:policy/mfa", "user alice")
    decision, _ = user_call("GetUser", SELF, identity=[policy])
    assert decision.allowed
    [matched] = decision.matched
    assert (matched.kind, matched.sid, matched.index, matched.effect) == (
        "identity",
        "AllowManageOwnPasswords",
        1,
        "Allow",
    )
    lines = docs.MFA_SELF_MANAGE.splitlines()
    assert lines[matched.start[0] - 1][matched.start[1] - 1] == "{"
    assert lines[matched.end[0] - 1][matched.end[1] - 2] == "}"
    assert '"AllowManageOwnPasswords"' in "\n".join(lines[matched.start[0] - 1 : matched.end[0]])


def test_missing_context_values_are_reported() -> None:
    policy = Policy.inline(
        doc(allow("iam:GetUser", "*", Condition={"StringEquals": {"aws:PrincipalTag/team": "a"}})), "p"
    )
    decision, _ = user_call("GetUser", SELF, identity=[policy])
    assert decision.missing_context == ("aws:PrincipalTag/team",)
    assert "missing context keys: aws:PrincipalTag/team" in str(decision)


def test_context_keys_per_caller_kind() -> None:
    user = Context(
        user_context(account_id=ACCT, user_name="a", user_id="AIDA", path="/p/", now=NOW, tags={"team": "x"})
    )
    assert user.get("aws:MultiFactorAuthPresent") is None  # long-term keys
    assert user.get("aws:TokenIssueTime") is None
    assert user.single("AWS:USERNAME") == "a"
    assert user.single("aws:PrincipalArn") == f"arn:aws:iam::{ACCT}:user/p/a"
    assert user.single("aws:principaltag/TEAM") == "x"
    assert user.single("aws:CurrentTime") == "2026-12-02T12:00:00Z"
    assert user.single("aws:RequestedRegion") == "us-east-1"
    mfa = Context(
        user_context(
            account_id=ACCT, user_name="a", user_id="AIDA", now=NOW, token_issued_at=NOW, mfa_authenticated_at=NOW
        )
    )
    assert mfa.single("aws:MultiFactorAuthPresent") == "true"
    assert mfa.single("aws:MultiFactorAuthAge") == "0"
    role = Context(
        role_session_context(
            account_id=ACCT, role_name="r", role_id="AROA", session_name="s", now=NOW, token_issued_at=NOW
        )
    )
    assert role.get("aws:username") is None
    assert role.single("aws:userid") == "AROA:s"
    assert role.single("aws:MultiFactorAuthPresent") == "false"
    assert role.single("aws:PrincipalArn") == f"arn:aws:iam::{ACCT}:role/r"
    root = Context(root_session_context(account_id=ACCT, now=NOW, token_issued_at=NOW))
    assert root.single("aws:PrincipalType") == "Account"


def test_context_with_values_adds_replaces_and_removes() -> None:
    base = Context({"aws:username": "a", "aws:TagKeys": ["x"], "aws:SourceIp": "1.2.3.4"})
    extended = base.with_values({"AWS:CurrentTime": "2026-12-02T12:00:00Z", "aws:tagkeys": "y", "aws:SourceIp": None})
    assert extended.single("aws:currenttime") == "2026-12-02T12:00:00Z"
    assert extended.single("aws:TagKeys") == "y"  # replaced by a single value
    assert "aws:SourceIp" not in extended
    assert base.get("aws:TagKeys") == ("x",)
    assert base.single("aws:SourceIp") == "1.2.3.4"


# --- documents, caching -------------------------------------------------------------------


def test_documents_as_text_or_dict_single_statement_and_strings() -> None:
    single = {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}}
    for document in (single, json.dumps(single)):
        decision, _ = user_call("GetUser", SELF, identity=[Policy.inline(document, "p")])
        assert decision.allowed


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ("{not json", "not valid JSON"),
        ({"Version": "2012-10-17"}, "with a Statement"),
        ({"Statement": [{"Effect": "Maybe", "Action": "*", "Resource": "*"}]}, "Effect must be"),
        ({"Statement": [{"Effect": "Allow", "Resource": "*"}]}, "Action and NotAction"),
        ({"Statement": [{"Effect": "Allow", "Action": 3, "Resource": "*"}]}, "list of strings"),
        ({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": []}]}, "Condition must be"),
        (["not", "a", "dict"], "JSON text or a dict"),
    ],
)
def test_unreadable_documents_raise_a_clear_error(document: object, complaint: str) -> None:
    with pytest.raises(PolicyFormatError, match=complaint):
        evaluate(Request.of("arn:aws:iam::1:user/a", "iam:GetUser"), PolicySet([Policy.inline(document, "bad")]))  # type: ignore[arg-type]


def test_decisions_are_remembered_unless_a_statement_reads_what_changed() -> None:
    reads_mfa = Policy.inline(
        doc(allow("iam:GetUser", "*", Condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}})), "p"
    )
    reads_time = Policy.inline(
        doc(allow("iam:ListUsers", "*", Condition={"DateLessThan": {"aws:CurrentTime": "2027-01-01"}})), "t"
    )
    policies = PolicySet([reads_mfa, reads_time])
    base = Context(user_context(account_id=ACCT, user_name="alice", user_id="AIDA1", now=NOW))

    def ask(action: str, **keys: object) -> Decision:
        return decide(Request(f"arn:aws:iam::{ACCT}:user/alice", action, "*", base.with_values(keys)), policies)  # type: ignore[arg-type]

    first = ask("iam:GetUser", **{"aws:CurrentTime": "2026-12-02T12:00:00Z"})
    later = ask("iam:GetUser", **{"aws:CurrentTime": "2026-12-02T12:00:05Z"})
    assert first.decision == later.decision == "implicitDeny"
    assert later.matched is first.matched  # remembered: no statement for GetUser reads the time
    assert later.request.context.single("aws:CurrentTime") == "2026-12-02T12:00:05Z"
    assert ask("iam:GetUser", **{"aws:MultiFactorAuthPresent": True}).allowed  # a key it reads changed
    assert ask("iam:ListUsers", **{"aws:CurrentTime": "2026-12-31T00:00:00Z"}).allowed
    assert not ask("iam:ListUsers", **{"aws:CurrentTime": "2027-06-01T00:00:00Z"}).allowed
    assert policies.context_keys("iam:listusers") == ("aws:currenttime",)


def test_compiled_forms_are_cached() -> None:
    policy = Policy.inline(docs.OWN_CREDENTIALS, "own", "user alice")
    assert policy.compiled is policy.compiled
    assert Policy.inline(docs.OWN_CREDENTIALS, "again").compiled is policy.compiled  # same text, same compile
    policies = PolicySet([policy])
    assert policies.candidates("iam:getuser") is policies.candidates("iam:getuser")
