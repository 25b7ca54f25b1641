"""IAM's wording for an error a test injects: the message a given (operation, code) carries.

An injected error has no model state behind it, so its message is built from the call
alone: the UserName it names (else the calling IAM user's) and the caller's account.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import errors
from .access_keys import QUOTA
from .signing_certificates import QUOTA as CERTIFICATE_QUOTA
from .ssh_keys import QUOTA as SSH_KEY_QUOTA


@dataclass(frozen=True)
class InjectedCall:
    """What an injected error's wording may depend on."""

    service: str
    operation: str
    params: Mapping[str, Any]
    caller_arn: str

    @property
    def user(self) -> str | None:
        """The user a call is about: its UserName, else the calling IAM user's name."""
        name = self.params.get("UserName")
        if isinstance(name, str):
            return name
        resource = self.caller_arn.split(":", 5)[-1]
        return resource.rsplit("/", 1)[-1] if resource.startswith("user/") else None

    @property
    def account(self) -> str:
        return self.caller_arn.split(":")[4]


Wording = Callable[[InjectedCall], "errors.IAMError | None"]


def _about_user(message: Callable[[str], errors.IAMError]) -> Wording:
    return lambda call: message(user) if (user := call.user) is not None else None


_NO_SUCH_USER = _about_user(errors.no_such_user)
_NO_LOGIN_PROFILE = _about_user(errors.no_login_profile)
_BEING_CREATED = _about_user(errors.login_profile_being_created)

# CHOSEN: where an (operation, code) pair has several AWS messages, the most common cause's.
_BY_OPERATION: dict[tuple[str, str], Wording] = {
    ("CreateLoginProfile", "NoSuchEntity"): _NO_SUCH_USER,
    ("CreateLoginProfile", "EntityAlreadyExists"): _about_user(errors.login_profile_exists),
    ("GetLoginProfile", "NoSuchEntity"): _NO_LOGIN_PROFILE,
    ("UpdateLoginProfile", "NoSuchEntity"): _NO_LOGIN_PROFILE,
    ("UpdateLoginProfile", "EntityTemporarilyUnmodifiable"): _BEING_CREATED,
    ("DeleteLoginProfile", "NoSuchEntity"): _NO_LOGIN_PROFILE,
    ("DeleteLoginProfile", "EntityTemporarilyUnmodifiable"): _BEING_CREATED,
    ("ChangePassword", "NoSuchEntity"): _NO_LOGIN_PROFILE,
    ("ChangePassword", "EntityTemporarilyUnmodifiable"): _BEING_CREATED,
    ("CreateUser", "EntityAlreadyExists"): _about_user(errors.user_exists),
    ("GetUser", "NoSuchEntity"): _NO_SUCH_USER,
    ("DeleteUser", "NoSuchEntity"): _NO_SUCH_USER,
    ("DeleteUser", "DeleteConflict"): lambda call: errors.delete_conflict("login profile"),
    ("CreateAccessKey", "NoSuchEntity"): _NO_SUCH_USER,
    ("CreateAccessKey", "LimitExceeded"): lambda call: errors.access_key_quota(QUOTA),
    ("ListAccessKeys", "NoSuchEntity"): _NO_SUCH_USER,
    ("DeleteAccessKey", "NoSuchEntity"): lambda call: (
        errors.no_such_access_key(key) if isinstance(key := call.params.get("AccessKeyId"), str) else None
    ),
    ("GetAccountPasswordPolicy", "NoSuchEntity"): lambda call: errors.no_password_policy(call.account),
    ("DeleteAccountPasswordPolicy", "NoSuchEntity"): lambda call: errors.no_password_policy_to_delete(),
}


def _about(member: str, message: Callable[[str], errors.IAMError]) -> Wording:
    """The message naming the call's `member` (an id, a body), when the call has it."""
    return lambda call: message(value) if isinstance(value := call.params.get(member), str) else None


# --- credentials and audit ---
_BY_OPERATION.update(
    {
        ("UploadSSHPublicKey", "NoSuchEntity"): _NO_SUCH_USER,
        ("UploadSSHPublicKey", "LimitExceeded"): lambda call: errors.ssh_key_quota(SSH_KEY_QUOTA),
        ("ListSSHPublicKeys", "NoSuchEntity"): _NO_SUCH_USER,
        **{
            (op, "NoSuchEntity"): _about("SSHPublicKeyId", errors.no_such_ssh_key)
            for op in ("GetSSHPublicKey", "UpdateSSHPublicKey", "DeleteSSHPublicKey")
        },
        ("UploadSigningCertificate", "NoSuchEntity"): _NO_SUCH_USER,
        ("UploadSigningCertificate", "LimitExceeded"): lambda call: errors.certificate_quota(CERTIFICATE_QUOTA),
        ("UploadSigningCertificate", "MalformedCertificate"): _about("CertificateBody", errors.malformed_certificate),
        ("ListSigningCertificates", "NoSuchEntity"): _NO_SUCH_USER,
        **{
            (op, "NoSuchEntity"): _about("CertificateId", errors.no_such_certificate)
            for op in ("UpdateSigningCertificate", "DeleteSigningCertificate")
        },
        ("CreateServiceSpecificCredential", "NoSuchEntity"): _NO_SUCH_USER,
        **{
            (op, "NoSuchEntity"): _about("ServiceSpecificCredentialId", errors.no_such_service_credential)
            for op in (
                "ResetServiceSpecificCredential",
                "UpdateServiceSpecificCredential",
                "DeleteServiceSpecificCredential",
            )
        },
        ("ListServiceSpecificCredentials", "NoSuchEntity"): _about(
            "ServiceName", errors.unsupported_credential_service
        ),
        ("CreateAccountAlias", "EntityAlreadyExists"): _about("AccountAlias", errors.account_alias_exists),
        ("DeleteAccountAlias", "NoSuchEntity"): _about("AccountAlias", errors.no_such_account_alias),
        ("GenerateCredentialReport", "LimitExceeded"): lambda call: errors.report_capacity(),
        ("ListInstanceProfilesForRole", "NoSuchEntity"): _about("RoleName", errors.no_such_role),
    }
)

# Codes whose message does not depend on the operation.
_BY_CODE: dict[str, Wording] = {
    "PasswordPolicyViolation": lambda call: errors.password_policy_violation(),
    "InvalidUserType": lambda call: errors.invalid_user_type(),
    "AccessDenied": lambda call: errors.access_denied(
        call.caller_arn,
        call.service,
        call.operation,
        f"user {user}" if (user := call.user) else "*",  # CHOSEN: "*"
    ),
    # credentials and audit
    "ReportNotPresent": lambda call: errors.report_not_present(),
    "ReportInProgress": lambda call: errors.report_in_progress(),
    "ReportExpired": lambda call: errors.report_expired(),
    "DuplicateSSHPublicKey": lambda call: errors.duplicate_ssh_key(),
    "UnrecognizedPublicKeyEncoding": lambda call: errors.unrecognized_key_encoding(),
    "InvalidPublicKey": lambda call: errors.invalid_public_key("it is malformed"),
    "DuplicateCertificate": lambda call: errors.duplicate_certificate(),
    "OrganizationNotFoundException": lambda call: errors.organization_not_found(),
}


def wording(operation: str, code: str, params: Mapping[str, Any], caller_arn: str, service: str = "iam") -> str:
    """What AWS would most plausibly say for `code` on this call."""
    call = InjectedCall(service, operation, params, caller_arn)
    specific = _BY_OPERATION.get((operation, code))
    error = specific(call) if specific is not None else None
    if error is None and code in _BY_CODE:
        error = _BY_CODE[code](call)
    if error is not None:
        return error.message
    generic = errors.GENERIC.get(code)
    return (generic() if generic is not None else errors.injected_without_wording(code)).message
