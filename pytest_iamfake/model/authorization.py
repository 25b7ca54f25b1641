"""What a caller may do: valid credentials, AssumeRoot task policies, ChangePassword's permission.

The fake models no identity policies: an IAM user or the root may run every action,
except where this module says otherwise.
"""

from __future__ import annotations

from . import errors
from .access_keys import signing_key
from .identity import root_arn
from .registry import Request

TASK_POLICY_PREFIX = "arn:aws:iam::aws:policy/root-task/"

# The actions each root-task policy leaves allowed, on the root user only (DOC, reference 5.2).
# The S3 and SQS policies allow no IAM or STS action.
TASK_POLICIES: dict[str, frozenset[str]] = {
    "IAMAuditRootUserCredentials": frozenset(
        {
            "iam:ListAccessKeys",
            "iam:ListSigningCertificates",
            "iam:GetLoginProfile",
            "iam:ListMFADevices",
            "iam:GetAccountSummary",
            "iam:GetUser",
            "iam:GetAccessKeyLastUsed",
        }
    ),
    "IAMCreateRootUserPassword": frozenset({"iam:CreateLoginProfile", "iam:GetLoginProfile"}),
    "IAMDeleteRootUserCredentials": frozenset(
        {
            "iam:DeleteAccessKey",
            "iam:DeleteSigningCertificate",
            "iam:DeleteLoginProfile",
            "iam:DeactivateMFADevice",
            "iam:ListAccessKeys",
            "iam:ListSigningCertificates",
            "iam:GetLoginProfile",
            "iam:ListMFADevices",
            "iam:GetUser",
            "iam:GetAccessKeyLastUsed",
        }
    ),
    "S3UnlockBucketPolicy": frozenset(),
    "SQSUnlockQueuePolicy": frozenset(),
}

# GetCallerIdentity "works even if explicitly denied" (DOC).
NEVER_DENIED = frozenset({"sts:GetCallerIdentity"})


def authorize(req: Request) -> None:
    """Raise the IAM error for a caller that may not run this request."""
    check_credentials(req)
    if req.caller.kind == "root-session":
        check_task_policy(req)
    elif req.caller.kind == "user" and req.operation == "ChangePassword":
        check_change_password(req)


def check_credentials(req: Request) -> None:
    """Deleted or Inactive keys are refused; so are temporary credentials past Expiration."""
    caller = req.caller
    if caller.access_key_id is None:
        return
    if not req.credentials.is_live(caller.access_key_id):
        raise errors.invalid_client_token()
    key = signing_key(caller, req.account)
    # CHOSEN: an Inactive key is refused like an invalid one (InvalidClientTokenId, 403).
    if key is not None and key.status != "Active":
        raise errors.invalid_client_token()
    if caller.expires is not None and req.account.clock.now() >= caller.expires:
        raise errors.expired_token()


def check_task_policy(req: Request) -> None:
    """A root session may run only its task policy's actions, and only on the root user."""
    action = f"{req.service}:{req.operation}"
    if action in NEVER_DENIED:
        return
    allowed = TASK_POLICIES.get(req.caller.task_policy or "", frozenset())
    user_name = req.params.get("UserName")
    if action in allowed and user_name is None:
        return
    # CHOSEN: the resource is the named user, else the root user the call would act on.
    resource = f"user {user_name}" if user_name is not None else root_arn(req.account.account_id)
    raise errors.access_denied_by_session_policy(req.caller.arn, req.service, req.operation, resource)


def check_change_password(req: Request) -> None:
    """Without AllowUsersToChangePassword an IAM user needs iam:ChangePassword, which the fake never grants."""
    policy = req.account.password_policy
    if policy is None or not policy.AllowUsersToChangePassword:
        raise errors.access_denied(req.caller.arn, "iam", "ChangePassword", f"user {req.caller.user_name}")
