"""IAM's error catalogue: every code, HTTP status and message the fake can return.

Each message is written once, here, in one form: a function decorated with
`@aws(<provenance>)`.  Most return the `IAMError` itself; a few ("phrases") return
the text of one rule, which `validation_error` and `password_policy_violation`
compose into one error the way IAM does.  Provenance labels refer to
shared/reference/: REAL (seen from AWS), DOC (AWS documentation), INFERRED
(follows an observed pattern) or CHOSEN (AWS's wording is unknown; this is our
pick, listed in docs/reference/choices.md).  Where the code and the message have
different provenance, the label is the message's and the docstring says the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal, TypeVar

Provenance = Literal["REAL", "DOC", "INFERRED", "CHOSEN"]
# Every constructor and phrase by name, with the provenance of its wording.
CATALOGUE: dict[str, Provenance] = {}

_F = TypeVar("_F", bound=Callable[..., object])


def aws(provenance: Provenance) -> Callable[[_F], _F]:
    """Enter a message constructor in the catalogue with the provenance of its wording."""

    def enter(constructor: _F) -> _F:
        CATALOGUE[constructor.__name__] = provenance
        return constructor

    return enter


class IAMError(Exception):
    """An error answer from the fake IAM/STS service: code, message and HTTP status."""

    def __init__(self, code: str, message: str, status: int | None = None, *, sender: bool = True) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        # None means "whatever the service model declares for this code".
        self.status = status if status is not None else COMMON_STATUS.get(code)
        self.sender = sender
        # An AccessDenied from policy evaluation carries the engine's Decision (its str() explains).
        self.decision: object | None = None


# HTTP statuses of codes that the botocore service model does not declare
# (the adapter reads the declared ones from the model itself).
COMMON_STATUS: dict[str, int] = {
    "ValidationError": 400,
    "AccessDenied": 403,
    "Throttling": 400,
    "ServiceUnavailable": 503,
    "InternalFailure": 500,
    "RequestExpired": 400,
    "InvalidClientTokenId": 403,
    "ExpiredToken": 400,
    "ServiceFailure": 500,
}


# --- codes whose message names no entity ------------------------------------------------


@aws("REAL")
def throttling() -> IAMError:
    return IAMError("Throttling", "Rate exceeded")


@aws("CHOSEN")
def service_unavailable() -> IAMError:
    return IAMError("ServiceUnavailable", "Service is unavailable. Please try again later.")


@aws("CHOSEN")
def internal_failure() -> IAMError:
    return IAMError("InternalFailure", "An internal error has occurred. Please try again later.")


@aws("CHOSEN")
def service_failure() -> IAMError:
    """Worded after the service model's docstring of ServiceFailure."""
    return IAMError(
        "ServiceFailure", "The request processing has failed because of an unknown error, exception or failure."
    )


@aws("CHOSEN")
def request_expired() -> IAMError:
    return IAMError("RequestExpired", "Request has expired.")


@aws("CHOSEN")
def invalid_client_token() -> IAMError:
    """A request signed with an access key that is inactive or deleted."""
    return IAMError("InvalidClientTokenId", "The security token included in the request is invalid.")


@aws("CHOSEN")
def expired_token() -> IAMError:
    """A request signed with temporary credentials past their Expiration."""
    return IAMError("ExpiredToken", "The security token included in the request is expired")


# The constructors above by code, for answers (injected faults) that know only the code.
GENERIC: dict[str, Callable[[], IAMError]] = {
    "Throttling": throttling,
    "ServiceUnavailable": service_unavailable,
    "InternalFailure": internal_failure,
    "ServiceFailure": service_failure,
    "RequestExpired": request_expired,
    "InvalidClientTokenId": invalid_client_token,
    "ExpiredToken": expired_token,
}


@aws("CHOSEN")
def injected_without_wording(code: str) -> IAMError:
    """An injected fault whose AWS wording the catalogue lacks: says so plainly."""
    return IAMError(
        code, f"{code} (injected by pytest-iamfake, which has no AWS wording for it; pass message= to set one)"
    )


# --- users and login profiles -----------------------------------------------------------


@aws("REAL")
def no_such_user(name: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The user with name {name} cannot be found.")


@aws("REAL")
def user_exists(name: str) -> IAMError:
    return IAMError("EntityAlreadyExists", f"User with name {name} already exists.")


@aws("REAL")
def login_profile_exists(name: str) -> IAMError:
    return IAMError("EntityAlreadyExists", f"Login Profile for user {name} already exists.")


@aws("REAL")
def no_login_profile(name: str) -> IAMError:
    return IAMError("NoSuchEntity", f"Login Profile for User {name} cannot be found.")


@aws("REAL")
def login_profile_being_created(name: str) -> IAMError:
    return IAMError(
        "EntityTemporarilyUnmodifiable",
        f"Login Profile for User {name} cannot be modified while login profile is being created.",
    )


@aws("REAL")
def delete_conflict(what: str) -> IAMError:
    """DeleteUser/DeleteGroup while `what` ("login profile", "access keys", ...) still exists.

    The texts of reference iam-entities.md Appendix C all read "must delete <what> first";
    the ones that do not take that form have constructors of their own.
    """
    return IAMError("DeleteConflict", f"Cannot delete entity, must delete {what} first.")


@aws("REAL")
def non_user_credentials() -> IAMError:
    """An omitted UserName from a caller that is no IAM user (no period, as AWS writes it)."""
    return IAMError("ValidationError", "Must specify userName when calling with non-User credentials")


@aws("CHOSEN")
def password_not_allowed_for_root() -> IAMError:
    return IAMError(
        "ValidationError", "Password must be omitted when creating a login profile in an AssumeRoot session."
    )


@aws("CHOSEN")
def max_session_not_for_root() -> IAMError:
    return IAMError("ValidationError", "MaxSigninSessionDuration is not supported for the root user.")


@aws("CHOSEN")
def max_session_and_reset() -> IAMError:
    return IAMError("InvalidInput", "Cannot specify both MaxSigninSessionDuration and ResetMaxSigninSessionDuration.")


@aws("CHOSEN")
def invalid_user_type() -> IAMError:
    """ChangePassword by a caller that is no IAM user (code DOC)."""
    return IAMError("InvalidUserType", "Only IAM users can change their own password with this operation.")


@aws("CHOSEN")
def wrong_old_password() -> IAMError:
    """ChangePassword with a wrong OldPassword (code and status CHOSEN too).

    None of ChangePassword's declared codes describes a failed credential check;
    AccessDenied (403) is IAM's code for a refused caller.
    """
    return IAMError("AccessDenied", "The old password is incorrect.")


# --- access keys ------------------------------------------------------------------------


@aws("REAL")
def access_key_quota(limit: int) -> IAMError:
    return IAMError("LimitExceeded", f"Cannot exceed quota for AccessKeysPerUser: {limit}")


@aws("REAL")
def no_such_access_key(key_id: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The Access Key with id {key_id} cannot be found.")


@aws("CHOSEN")
def cannot_set_expired() -> IAMError:
    """UpdateAccessKey with Status=Expired: in the enum, but not settable."""
    return IAMError("InvalidInput", "Access key status cannot be set to Expired.")


# --- password policy --------------------------------------------------------------------


@aws("REAL")
def no_password_policy(account_id: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The Password Policy with domain name {account_id} cannot be found.")


@aws("REAL")
def no_password_policy_to_delete() -> IAMError:
    return IAMError("NoSuchEntity", "The account policy with name PasswordPolicy cannot be found.")


@aws("CHOSEN")
def unknown_policy_fields(names: Iterable[str], allowed: Iterable[str]) -> IAMError:
    """UpdateAccountPasswordPolicy with members the API does not have (only reachable without botocore)."""
    return IAMError(
        "ValidationError", f"Unknown password policy field(s): {', '.join(names)}. Allowed: {', '.join(allowed)}."
    )


@aws("REAL")
def password_policy_violation(rules: Sequence[str] = ()) -> IAMError:
    """A password the policy refuses: the failed rules' phrases joined, else IAM's generic sentence.

    CHOSEN: a custom policy reports every failing rule, joined by ", ".
    """
    message = ", ".join(rules) if rules else "Password does not conform to the account password policy."
    return IAMError("PasswordPolicyViolation", message)


@aws("REAL")
def min_length_rule(n: int) -> str:
    return f"Password should have a minimum length of {n}"


_CLASS_RULES: dict[str, str] = {
    "uppercase": "Password should have at least one uppercase letter",  # REAL
    "lowercase": "Password should have at least one lowercase letter",  # INFERRED
    "number": "Password should have at least one number",  # INFERRED
    "symbol": "Password should have at least one symbol",  # REAL
}


@aws("REAL")
def class_rule(name: str) -> str:
    """The rule for one character class ("uppercase", "lowercase", "number", "symbol").

    REAL for uppercase and symbol; INFERRED for lowercase and number, by the same pattern.
    """
    return _CLASS_RULES[name]


@aws("REAL")
def needs_more_classes(count: int, missing: Iterable[str]) -> str:
    """The default policy's three-of-four rule."""
    listed = ", ".join(class_rule(name) for name in missing)
    return f"Password should meet {count} more of the following requirements: {listed}"


@aws("CHOSEN")
def reuse_rule(n: int) -> str:
    return f"Password should not be one of your previous {n} passwords"


# --- authorization ----------------------------------------------------------------------
# AccessDenied forms of reference iam-authorization.md §5.2 and §5.5:
# "User: <principal> is not authorized to perform: <service>:<Action>[ on resource: <text>] <reason>".

# Policy type -> (noun after "because no", phrase after "with an explicit deny in").
DENY_PHRASES: dict[str, tuple[str, str]] = {
    "identity-based": ("identity-based policy", "an identity-based policy"),  # REAL both
    "permissions boundary": ("permissions boundary", "a permissions boundary"),  # REAL both
    # implicit: DOC (REAL for other services); explicit: CHOSEN (the doc prints "a sessions policy")
    "session": ("session policy", "a session policy"),
    "resource-based": ("resource-based policy", "a resource-based policy"),  # DOC
    "role trust": ("role trust policy", "the role trust policy"),  # DOC
    "service control": ("service control policy", "a service control policy"),  # REAL (not modelled)
}
AUTHORIZATION_DETAILS_URL = "https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/"


def _not_authorized(caller_arn: str, action: str, resource_text: str | None) -> str:
    # INFERRED: no "on resource:" part when the request names no resource (REAL for a role's GetUser).
    on = f" on resource: {resource_text}" if resource_text is not None else ""
    return f"User: {caller_arn} is not authorized to perform: {action}{on}"


def _authorization_id(authorization_id: str | None) -> str:
    """The 2026 suffix naming an authorization id (REAL; which calls carry it is UNKNOWN)."""
    if authorization_id is None:
        return ""
    return (
        f". Go to {AUTHORIZATION_DETAILS_URL}{authorization_id} for complete details, or call the "
        f"GetRequestAuthorizationDetails API with the following authorization id: {authorization_id}"
    )


def _phrases(policy_type: str) -> tuple[str, str]:
    try:
        return DENY_PHRASES[policy_type]
    except KeyError:
        raise ValueError(f"unknown policy type {policy_type!r}; one of {', '.join(DENY_PHRASES)}") from None


@aws("REAL")
def access_denied(caller_arn: str, service: str, action: str, resource: str) -> IAMError:
    """The modern wording for IAM actions no identity-based policy allows."""
    return access_denied_implicit(caller_arn, f"{service}:{action}", resource)


@aws("INFERRED")
def access_denied_by_session_policy(caller_arn: str, service: str, action: str, resource: str) -> IAMError:
    """AssumeRoot task policies deny explicitly."""
    return access_denied_explicit(caller_arn, f"{service}:{action}", resource, "session")


@aws("REAL")
def access_denied_implicit(
    caller_arn: str,
    action: str,
    resource_text: str | None,
    policy_type: str = "identity-based",
    *,
    authorization_id: str | None = None,
) -> IAMError:
    """Implicit deny: "... because no <type> allows the <action> action".

    REAL for identity-based policies and permissions boundaries; the other types' nouns are in
    DENY_PHRASES with their own labels.
    """
    noun, _ = _phrases(policy_type)
    return IAMError(
        "AccessDenied",
        f"{_not_authorized(caller_arn, action, resource_text)} because no {noun} allows the {action} action"
        + _authorization_id(authorization_id),
    )


@aws("REAL")
def access_denied_explicit(
    caller_arn: str,
    action: str,
    resource_text: str | None,
    policy_type: str = "identity-based",
    *,
    policy_arn: str | None = None,
    authorization_id: str | None = None,
) -> IAMError:
    """Explicit deny: "... with an explicit deny in <a type>[: <policy-arn>]".

    REAL for identity-based policies, permissions boundaries and SCPs, with and without the ARN.
    """
    _, phrase = _phrases(policy_type)
    arn = f": {policy_arn}" if policy_arn is not None else ""
    return IAMError(
        "AccessDenied",
        f"{_not_authorized(caller_arn, action, resource_text)} with an explicit deny in {phrase}{arn}"
        + _authorization_id(authorization_id),
    )


@aws("REAL")
def access_denied_by_trust_policy(caller_arn: str, action: str, role_arn: str | None) -> IAMError:
    """A role trust policy that does not allow AssumeRole: no reason clause (REAL 2022-2024, reference §5.5)."""
    return IAMError("AccessDenied", _not_authorized(caller_arn, action, role_arn))


@aws("REAL")
def access_key_lookup_denied(caller_arn: str, access_key_id: str) -> IAMError:
    """GetAccessKeyLastUsed for an unknown key id: no colon after "perform", no reason (§5.5)."""
    return IAMError(
        "AccessDenied",
        f"User: {caller_arn} is not authorized to perform iam:GetAccessKeyLastUsed "
        f"on resource: access key {access_key_id}",
    )


@aws("REAL")
def roles_not_assumable_by_root() -> IAMError:
    """AssumeRole with the root user's long-term keys."""
    return IAMError("AccessDenied", "Roles may not be assumed by root accounts.")


# --- STS --------------------------------------------------------------------------------


@aws("CHOSEN")
def root_cannot_assume_root() -> IAMError:
    """AssumeRoot with root credentials (DOC: not allowed; code CHOSEN)."""
    return IAMError("AccessDenied", "Root user credentials cannot be used to call AssumeRoot.")


@aws("CHOSEN")
def invalid_task_policy() -> IAMError:
    """AssumeRoot with a TaskPolicyArn that is not a root-task policy."""
    return IAMError("ValidationError", "The TaskPolicyArn is not a valid root task policy.")


@aws("CHOSEN")
def invalid_target_principal() -> IAMError:
    """AssumeRoot with a TargetPrincipal that names no account."""
    return IAMError("ValidationError", "TargetPrincipal must be a 12-digit account id or an account root ARN.")


# --- groups, inline policies, user tags, permissions boundaries ---------------------------


@aws("REAL")
def no_such_group(name: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The group with name {name} cannot be found.")


@aws("REAL")
def group_exists(name: str) -> IAMError:
    return IAMError("EntityAlreadyExists", f"Group with name {name} already exists.")


@aws("INFERRED")
def groups_per_user_quota(limit: int) -> IAMError:
    """The quota is DOC/REAL; the wording follows the REAL AccessKeysPerUser text."""
    return IAMError("LimitExceeded", f"Cannot exceed quota for GroupsPerUser: {limit}")


@aws("REAL")
def must_remove_users_from_group() -> IAMError:
    """DeleteGroup with members, and DeleteUser of a group member (the group's wording, REAL)."""
    return IAMError("DeleteConflict", "Cannot delete entity, must remove users from group first.")


@aws("REAL")
def no_such_user_policy(name: str) -> IAMError:
    """REAL for GetUserPolicy; INFERRED the same for DeleteUserPolicy."""
    return IAMError("NoSuchEntity", f"The user policy with name {name} cannot be found.")


@aws("REAL")
def no_such_group_policy(name: str) -> IAMError:
    """REAL for GetGroupPolicy; INFERRED the same for DeleteGroupPolicy."""
    return IAMError("NoSuchEntity", f"The group policy with name {name} cannot be found.")


@aws("REAL")
def duplicate_tag_keys() -> IAMError:
    """REAL for roles; INFERRED for users (identity tags share one model)."""
    return IAMError("InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.")


@aws("REAL")
def too_many_tags() -> IAMError:
    """REAL for OIDC providers; INFERRED for users: the request is within 50, the total is not."""
    return IAMError("LimitExceeded", "The number of tags has reached the maximum limit.")


@aws("REAL")
def boundary_arn_invalid(arn: str) -> IAMError:
    """REAL for roles (code InvalidInput, not ValidationError); INFERRED for users."""
    return IAMError("InvalidInput", f"ARN {arn} is not valid.")


@aws("REAL")
def boundary_not_found(arn: str) -> IAMError:
    """REAL for roles; INFERRED for users."""
    return IAMError("NoSuchEntity", f"Scope ARN: {arn} does not exist or is not attachable.")


# --- request validation (format REAL) ---------------------------------------------------


@aws("REAL")
def validation_error(items: Sequence[tuple[str, str]]) -> IAMError:
    """One ValidationError reporting every (memberName, constraint phrase) pair, values never echoed."""
    count = len(items)
    noun = "validation error" if count == 1 else "validation errors"
    details = "; ".join(f"Value at '{member}' failed to satisfy constraint: {text}" for member, text in items)
    return IAMError("ValidationError", f"{count} {noun} detected: {details}")


@aws("REAL")
def user_name_invalid() -> IAMError:
    """A UserName that fails its pattern: IAM's own sentence instead of the generic one."""
    return IAMError(
        "ValidationError",
        "The specified value for userName is invalid. "
        "It must contain only alphanumeric characters and/or the following: +=,.@_-",
    )


@aws("INFERRED")
def group_name_invalid() -> IAMError:
    """The userName sentence (REAL) for groupName (reference Appendix B item 11)."""
    return IAMError(
        "ValidationError",
        "The specified value for groupName is invalid. "
        "It must contain only alphanumeric characters and/or the following: +=,.@_-",
    )


# Members whose pattern failure IAM reports with its own sentence instead of the generic one.
SPECIAL_PATTERN_ERRORS: dict[str, Callable[[], IAMError]] = {
    "UserName": user_name_invalid,
    "GroupName": group_name_invalid,
}


@aws("REAL")
def max_length(limit: int) -> str:
    """Also the wording for too many items in a list."""
    return f"Member must have length less than or equal to {limit}"


@aws("REAL")
def min_length(limit: int) -> str:
    return f"Member must have length greater than or equal to {limit}"


@aws("REAL")
def max_value(limit: int) -> str:
    return f"Member must have value less than or equal to {limit}"


@aws("REAL")
def min_value(limit: int) -> str:
    return f"Member must have value greater than or equal to {limit}"


@aws("REAL")
def pattern(regex: str) -> str:
    return f"Member must satisfy regular expression pattern: {regex}"


@aws("REAL")
def member_constraints(phrases: Sequence[str]) -> str:
    """A list of strings with a bad item: every constraint of the item shape, at the list's name
    (REAL for tagKeys of UntagRole/UntagPolicy; INFERRED for every list of strings)."""
    return f"Member must satisfy constraint: [{', '.join(phrases)}]"


@aws("REAL")
def not_null() -> str:
    return "Member must not be null"


@aws("REAL")
def enum_value() -> str:
    """IAM does not list the allowed values."""
    return "Member must satisfy enum value set"


@aws("CHOSEN")
def wrong_type(expected: type) -> str:
    """A value of the wrong type, in IAM's validation format (only the arrange helpers can send one)."""
    return "Member must be a boolean" if expected is bool else "Member must be an integer"


def member_name(name: str) -> str:
    """IAM names members lowerCamelCase in validation messages ('UserName' -> 'userName')."""
    return name[:1].lower() + name[1:]


# Where IAM's order of several validation errors is known and differs from the
# shape's member order (REAL for UpdateAccountPasswordPolicy).
VALIDATION_ORDER: dict[str, tuple[str, ...]] = {
    "UpdateAccountPasswordPolicy": ("MinimumPasswordLength", "PasswordReusePrevention", "MaxPasswordAge"),
}


# --- input validation -------------------------------------------------------------------
# Text IAM cannot read as the member's type: a scalar sent several times (botocore repeats the
# key for a list or dict passed where one value goes) or integer text that is no integer; and,
# from the fake's own helpers, values of the wrong Python type.  IAM's wording is unknown.

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "long": "an integer",
    "boolean": "a boolean",
    "list": "a list",
    "structure": "a structure",
    "map": "a map",
}


@aws("CHOSEN")
def several_values() -> str:
    return "Member must have exactly one value"


@aws("CHOSEN")
def not_of_type(kind: str) -> str:
    """A value that is not of the member's shape type ("string", "integer", "list", ...)."""
    return f"Member must be {_TYPE_NAMES.get(kind, kind)}"


# --- paging -----------------------------------------------------------------------------


@aws("REAL")
def invalid_marker() -> IAMError:
    """A Marker the service never issued (REAL for ListVirtualMFADevices, INFERRED elsewhere)."""
    return IAMError("ValidationError", "Invalid Marker.")


# --- credentials and audit: SSH keys, certificates, service credentials, account ----------


@aws("REAL")
def referenced_objects_conflict() -> IAMError:
    """DeleteUser while SSH public keys or service-specific credentials remain."""
    return IAMError("DeleteConflict", "Cannot delete entity, must remove referenced objects first.")


@aws("REAL")
def no_such_ssh_key(key_id: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The Public Key with id {key_id} cannot be found.")


@aws("INFERRED")
def ssh_key_quota(limit: int) -> IAMError:
    """The quota is DOC; the text follows the REAL AccessKeysPerUser/CertificatesPerUser ones."""
    return IAMError("LimitExceeded", f"Cannot exceed quota for SSHPublicKeysPerUser: {limit}")


@aws("CHOSEN")
def unrecognized_key_encoding() -> IAMError:
    """A body that is neither `ssh-rsa ...` nor a PEM public key (code DOC)."""
    return IAMError(
        "UnrecognizedPublicKeyEncoding",
        "The public key encoding is not recognized. Use ssh-rsa (OpenSSH) or PEM encoding.",
    )


@aws("CHOSEN")
def invalid_public_key(reason: str) -> IAMError:
    """A recognizable but malformed or too short key (code DOC)."""
    return IAMError("InvalidPublicKey", f"The public key is invalid: {reason}.")


@aws("CHOSEN")
def duplicate_ssh_key() -> IAMError:
    """The same key material is already uploaded for this user (code DOC)."""
    return IAMError("DuplicateSSHPublicKey", "The public key is already associated with this user.")


@aws("CHOSEN")
def status_not_settable(what: str, code: str = "InvalidInput") -> IAMError:
    """Update...(Status=Expired): the enum lists it, but only IAM sets it.

    `code`: InvalidInput where the operation declares it, else ValidationError.
    """
    return IAMError(code, f"{what} status cannot be set to Expired.")


@aws("REAL")
def no_such_certificate(certificate_id: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The Certificate with id {certificate_id} cannot be found.")


@aws("REAL")
def malformed_certificate(body: str) -> IAMError:
    """IAM echoes the submitted body; also used (CHOSEN) for a certificate past its notAfter."""
    return IAMError("MalformedCertificate", f"Certificate {body} is malformed.")


@aws("REAL")
def certificate_quota(limit: int) -> IAMError:
    return IAMError("LimitExceeded", f"Cannot exceed quota for CertificatesPerUser: {limit}")


@aws("CHOSEN")
def duplicate_certificate() -> IAMError:
    """The same certificate is already associated with a user of the account (code DOC)."""
    return IAMError("DuplicateCertificate", "The certificate is already associated with a user in this account.")


@aws("REAL")
def unsupported_credential_service(service: str) -> IAMError:
    """NoSuchEntity 404, not the declared NotSupportedService; no period (REAL)."""
    return IAMError("NoSuchEntity", f"No such service {service} is supported for Service Specific Credentials")


@aws("REAL")
def no_such_service_credential(credential_id: str) -> IAMError:
    """No period (REAL)."""
    return IAMError("NoSuchEntity", f"No such credential {credential_id} exists")


@aws("CHOSEN")
def service_credential_quota(limit: int) -> IAMError:
    """The quota (two per service per user) is DOC; the text follows IAM's quota texts."""
    return IAMError("LimitExceeded", f"Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: {limit}")


@aws("CHOSEN")
def all_users_with_user_name() -> IAMError:
    """ListServiceSpecificCredentials with both AllUsers and UserName (DOC: not combinable)."""
    return IAMError("ValidationError", "AllUsers cannot be combined with UserName.")


@aws("REAL")
def account_alias_exists(alias: str) -> IAMError:
    return IAMError("EntityAlreadyExists", f"The account alias {alias} already exists.")


@aws("CHOSEN")
def alias_is_account_number(alias: str) -> IAMError:
    """An alias of twelve digits, which could be mistaken for an account id (rule DOC)."""
    return IAMError("ValidationError", f"The account alias {alias} cannot be a 12-digit number.")


@aws("CHOSEN")
def no_such_account_alias(alias: str) -> IAMError:
    """DeleteAccountAlias with a name that is not the account's alias (code INFERRED)."""
    return IAMError("NoSuchEntity", f"The account alias {alias} cannot be found.")


@aws("REAL")
def key_last_used_denied(caller_arn: str, key_id: str) -> IAMError:
    """GetAccessKeyLastUsed of a key the account does not have: no colon after "perform" (REAL)."""
    return IAMError(
        "AccessDenied",
        f"User: {caller_arn} is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key {key_id}",
    )


@aws("REAL")
def report_capacity() -> IAMError:
    """GenerateCredentialReport when IAM runs too many generation tasks (reachable through fail())."""
    return IAMError("LimitExceeded", "No more capacity to launch new report generation tasks")


@aws("REAL")
def report_not_present() -> IAMError:
    """No Message element at all (REAL): botocore then shows "Unknown"."""
    return IAMError("ReportNotPresent", "")


@aws("REAL")
def report_in_progress() -> IAMError:
    """No Message element (REAL)."""
    return IAMError("ReportInProgress", "")


@aws("INFERRED")
def report_expired() -> IAMError:
    """Code DOC; no Message, like its two siblings (INFERRED)."""
    return IAMError("ReportExpired", "")


@aws("REAL")
def no_such_role(name: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The role with name {name} cannot be found.")


@aws("CHOSEN")
def no_such_saml_provider(arn: str) -> IAMError:
    return IAMError("NoSuchEntity", f"SAMLProvider {arn} does not exist.")


@aws("CHOSEN")
def no_such_server_certificate(name: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The Server Certificate with name {name} cannot be found.")


@aws("CHOSEN")
def invalid_entity_arn(arn: str) -> IAMError:
    """GenerateServiceLastAccessedDetails with an ARN that names no user, group, role or policy."""
    return IAMError("InvalidInput", f"ARN {arn} is not valid.")


@aws("CHOSEN")
def no_such_entity_arn(arn: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The entity with ARN {arn} cannot be found.")


@aws("CHOSEN")
def no_such_job(job_id: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The job with id {job_id} cannot be found.")


@aws("CHOSEN")
def organization_not_found() -> IAMError:
    """ListOrganizationsFeatures outside an organization; worded after the model's docstring.

    The model declares the error without a code, so its code is the shape's name (DOC).
    """
    return IAMError(
        "OrganizationNotFoundException",
        "The request was rejected because no organization is associated with your account.",
    )


# --- managed policies and roles ---------------------------------------------------------
# Texts of shared/reference/iam-entities.md §5 and Appendices A and C; role texts are REAL
# where the reference saw them for roles (LocalStack's AWS-validated role tests), else
# INFERRED from the user and group texts.


@aws("REAL")
def invalid_arn(arn: str) -> IAMError:
    """A PolicyArn that is no ARN at all (attach, detach, Get/DeletePolicy, ...): ValidationError."""
    return IAMError("ValidationError", f"ARN {arn} is not valid.")


@aws("REAL")
def policy_not_attachable(arn: str) -> IAMError:
    """Attach, ListEntitiesForPolicy, GetPolicy(AWS managed) of a policy that does not exist."""
    return IAMError("NoSuchEntity", f"Policy {arn} does not exist or is not attachable.")


@aws("REAL")
def policy_not_found(arn: str) -> IAMError:
    """Detach of a policy that is not attached; DeletePolicy, TagPolicy, UntagPolicy of a missing one."""
    return IAMError("NoSuchEntity", f"Policy {arn} was not found.")


@aws("REAL")
def no_such_policy_version(arn: str, version_id: str) -> IAMError:
    return IAMError("NoSuchEntity", f"Policy {arn} version {version_id} does not exist or is not attachable.")


@aws("REAL")
def policy_exists(name: str) -> IAMError:
    return IAMError("EntityAlreadyExists", f"A policy called {name} already exists. Duplicate names are not allowed.")


@aws("REAL")
def must_detach_policies() -> IAMError:
    """DeleteUser, DeleteGroup (REAL) and DeleteRole (INFERRED) with managed policies attached."""
    return IAMError("DeleteConflict", "Cannot delete entity, must detach all policies first.")


@aws("REAL")
def policy_attached() -> IAMError:
    """DeletePolicy of a policy attached to users, groups or roles; INFERRED also for a boundary in use."""
    return IAMError("DeleteConflict", "Cannot delete a policy attached to entities.")


@aws("REAL")
def policy_has_versions() -> IAMError:
    return IAMError(
        "DeleteConflict",
        "This policy has more than one version. Before you delete a policy, you must delete the policy's "
        "versions. The default version is deleted with the policy.",
    )


@aws("REAL")
def default_version_undeletable() -> IAMError:
    return IAMError("DeleteConflict", "Cannot delete the default version of a policy.")


@aws("REAL")
def policy_version_limit() -> IAMError:
    return IAMError(
        "LimitExceeded",
        "A managed policy can have up to 5 versions. Before you create a new version, you must delete an "
        "existing version.",
    )


@aws("REAL")
def attached_policy_quota(kind: str, limit: int) -> IAMError:
    """The 11th managed policy on a user, group or role (`kind` "User", "Group", "Role"); no period."""
    return IAMError("LimitExceeded", f"Cannot exceed quota for PoliciesPer{kind}: {limit}")


@aws("REAL")
def cannot_delete_aws_policy() -> IAMError:
    return IAMError("AccessDenied", "Cannot delete policies outside your own account.")


@aws("REAL")
def cannot_delete_aws_policy_version() -> IAMError:
    return IAMError("AccessDenied", "Cannot delete policy versions for policies outside your own account.")


@aws("REAL")
def cannot_update_aws_policy() -> IAMError:
    """SetDefaultPolicyVersion (and, CHOSEN, CreatePolicyVersion, TagPolicy, UntagPolicy) on an AWS managed policy."""
    return IAMError("AccessDenied", "Cannot update policies outside your own account.")


@aws("REAL")
def service_role_policy_not_attachable() -> IAMError:
    """An aws-service-role/ policy attached to a role (REAL); CHOSEN the same text for users and groups."""
    return IAMError("PolicyNotAttachable", "Cannot attach a Service Role Policy to a Customer Role.")


@aws("REAL")
def duplicate_policy_tag_keys() -> IAMError:
    """Policy tag keys are case-sensitive: only exact duplicates clash."""
    return IAMError("InvalidInput", "Duplicate tag keys found.")


@aws("INFERRED")
def role_exists(name: str) -> IAMError:
    """Follows the REAL user and group texts."""
    return IAMError("EntityAlreadyExists", f"Role with name {name} already exists.")


@aws("REAL")
def no_such_role_policy(name: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The role policy with name {name} cannot be found.")


# --- policy documents -------------------------------------------------------------------
# MalformedPolicyDocument (400).  REAL texts are AWS's answers to CreatePolicy recorded by
# LocalStack's AWS-validated tests (shared/reference/iam-entities.md §5.7) unless the
# docstring cites AWS output pasted in a public issue (not yet in the reference).


@aws("REAL")
def policy_syntax_errors() -> IAMError:
    """Not JSON, or not the grammar's shape; also the fallback when a finer message is unknown."""
    return IAMError("MalformedPolicyDocument", "Syntax errors in policy.")


@aws("REAL")
def policy_failed_legacy_parsing() -> IAMError:
    return IAMError("MalformedPolicyDocument", "The policy failed legacy parsing")


@aws("REAL")
def policy_version_too_old() -> IAMError:
    return IAMError("MalformedPolicyDocument", "Policy document must be version 2012-10-17 or greater.")


@aws("REAL")
def statement_without_actions() -> IAMError:
    return IAMError("MalformedPolicyDocument", "Policy statement must contain actions.")


@aws("REAL")
def statement_without_resources() -> IAMError:
    return IAMError("MalformedPolicyDocument", "Policy statement must contain resources.")


@aws("REAL")
def action_without_vendor() -> IAMError:
    return IAMError(
        "MalformedPolicyDocument", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
    )


@aws("REAL")
def action_with_colons() -> IAMError:
    return IAMError("MalformedPolicyDocument", "Actions/Condition can contain only one colon.")


@aws("REAL")
def action_vendor_not_valid(vendor: str) -> IAMError:
    return IAMError("MalformedPolicyDocument", f"Vendor {vendor} is not valid")


@aws("REAL")
def resource_not_arn(resource: str) -> IAMError:
    return IAMError("MalformedPolicyDocument", f'Resource {resource} must be in ARN format or "*".')


@aws("REAL")
def resource_partition_not_valid(partition: str, expanded: str) -> IAMError:
    """`expanded` is the resource as IAM spells it: `arn:` prefix, missing fields as `*`."""
    return IAMError("MalformedPolicyDocument", f'Partition "{partition}" is not valid for resource "{expanded}".')


@aws("REAL")
def resource_vendor_not_qualified() -> IAMError:
    return IAMError("MalformedPolicyDocument", "Resource vendor must be fully qualified and cannot contain regexes.")


@aws("REAL")
def iam_resource_path_not_valid() -> IAMError:
    return IAMError(
        "MalformedPolicyDocument",
        'IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, '
        "instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, "
        "report/, access-report/.",
    )


@aws("REAL")
def iam_resource_with_region(resource: str) -> IAMError:
    return IAMError("MalformedPolicyDocument", f"IAM resource {resource} cannot contain region information.")


@aws("REAL")
def resource_with_region(resource: str) -> IAMError:
    return IAMError("MalformedPolicyDocument", f"Resource {resource} can not contain region information.")


@aws("REAL")
def duplicate_sids() -> IAMError:
    return IAMError("MalformedPolicyDocument", "Statement IDs (SID) in a single policy must be unique.")


@aws("REAL")
def sid_not_alphanumeric() -> IAMError:
    """Pasted CloudFormation and console output (aws-cloudformation/cfn-lint#1376, Wolox/carthage_cache#22)."""
    return IAMError(
        "MalformedPolicyDocument",
        "Statement IDs (SID) must be alpha-numeric. "
        "Check that your input satisfies the regular expression [0-9A-Za-z]*",
    )


@aws("REAL")
def principal_in_identity_policy() -> IAMError:
    """Pasted PutRolePolicy / PutGroupPolicy output (hashicorp/terraform#13449, terraform-provider-aws#10419).

    CHOSEN: the same text for NotPrincipal.
    """
    return IAMError("MalformedPolicyDocument", "Policy document should not specify a principal.")


@aws("REAL")
def trust_policy_invalid_json() -> IAMError:
    """CreateRole with a trust policy that is not JSON (pasted output, AWSCookbook/Security#2)."""
    return IAMError("MalformedPolicyDocument", "This policy contains invalid Json")


@aws("REAL")
def trust_policy_prohibited_field(field: str) -> IAMError:
    """A trust policy statement with Resource (pasted CreateRole output, kubernetes-sigs/external-dns#3085).

    CHOSEN: the same pattern for NotResource and NotPrincipal.
    """
    return IAMError("MalformedPolicyDocument", f"Has prohibited field {field}")


@aws("REAL")
def trust_policy_without_principal() -> IAMError:
    """Pasted CreateRole output (terraform-aws-modules/terraform-aws-iam#47)."""
    return IAMError(
        "MalformedPolicyDocument",
        "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: "
        "The passed in policy has a statement with no principals!",
    )


@aws("REAL")
def managed_policy_too_large(quota: int) -> IAMError:
    return IAMError("LimitExceeded", f"Cannot exceed quota for PolicySize: {quota}")


@aws("REAL")
def inline_policies_too_large(quota: int, entity: str, name: str) -> IAMError:
    """The aggregate inline-policy size of a user, group or role (REAL for each of the three)."""
    return IAMError("LimitExceeded", f"Maximum policy size of {quota} bytes exceeded for {entity} {name}")


@aws("REAL")
def trust_policy_too_large(quota: int) -> IAMError:
    """CreateRole / UpdateAssumeRolePolicy, status 409 (pasted output, kubeflow/kubeflow#6687)."""
    return IAMError("LimitExceeded", f"Cannot exceed quota for ACLSizePerRole: {quota}")


# --- MFA devices, STS sessions -----------------------------------------------------------


@aws("REAL")
def mfa_device_exists() -> IAMError:
    """CreateVirtualMFADevice with the name and path of an existing device."""
    return IAMError("EntityAlreadyExists", "MFA device already exists.")


@aws("REAL")
def mfa_device_in_use() -> IAMError:
    """EnableMFADevice with a device already enabled for a user (capital D, unlike the create text)."""
    return IAMError("EntityAlreadyExists", "MFA Device is already in use.")


@aws("REAL")
def no_such_mfa_device(serial: str) -> IAMError:
    """REAL for DeactivateMFADevice and DeleteVirtualMFADevice; INFERRED for the other MFA operations."""
    return IAMError("NoSuchEntity", f"MFA Device with serial number {serial} does not exist.")


@aws("INFERRED")
def invalid_authentication_code() -> IAMError:
    """Wrong codes for EnableMFADevice/ResyncMFADevice: the console's REAL text, with a period."""
    return IAMError("InvalidAuthenticationCode", "Authentication code for device is not valid.")


@aws("CHOSEN")
def mfa_device_still_enabled() -> IAMError:
    """DeleteVirtualMFADevice on a device enabled for a user (code DOC, message unknown)."""
    return IAMError("DeleteConflict", "Cannot delete entity, must deactivate the MFA device first.")


@aws("CHOSEN")
def mfa_device_quota(limit: int) -> IAMError:
    """A user's ninth MFA device (quota DOC; worded like the REAL AccessKeysPerUser text)."""
    return IAMError("LimitExceeded", f"Cannot exceed quota for MFADevicesPerUser: {limit}")


@aws("REAL")
def path_invalid() -> IAMError:
    """A Path that fails its pattern: REAL for CreateVirtualMFADevice, INFERRED for other paths."""
    return IAMError(
        "ValidationError",
        "The specified value for path is invalid. "
        "It must begin and end with / and contain only alphanumeric characters and/or / characters.",
    )


SPECIAL_PATTERN_ERRORS["Path"] = path_invalid


@aws("REAL")
def session_credentials_refused(operation: str) -> IAMError:
    """STS calls that temporary credentials may not make: REAL for GetSessionToken, CHOSEN for others."""
    return IAMError("AccessDenied", f"Cannot call {operation} with session credentials")


@aws("REAL")
def mfa_code_refused() -> IAMError:
    """GetSessionToken with a wrong TokenCode (the trailing space is AWS's; status INFERRED 403)."""
    return IAMError("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ")


@aws("REAL")
def mfa_serial_refused() -> IAMError:
    """GetSessionToken with a SerialNumber that is no MFA device of the caller (two spaces: AWS's)."""
    return IAMError(
        "AccessDenied",
        "MultiFactorAuthentication failed, unable to validate MFA code.  "
        "Please verify your MFA serial number is valid and associated with this user.",
    )


@aws("REAL")
def session_token_not_for_iam() -> IAMError:
    """IAM called with GetSessionToken credentials made without MFA (no trailing period, REAL)."""
    return IAMError("InvalidClientTokenId", "The security token included in the request is invalid")


# --- authorization: the policy simulator and role sessions ---------------------------------


@aws("CHOSEN")
def simulation_policy_invalid(parameter: str, number: int, reason: str) -> IAMError:
    """A simulator input policy IAM's grammar refuses (InvalidInput is declared; wording unknown)."""
    return IAMError("InvalidInput", f"The policy in {parameter} at position {number} is not valid: {reason}")


@aws("CHOSEN")
def policy_evaluation_failed(reason: str) -> IAMError:
    """The engine could not evaluate a simulated policy (PolicyEvaluation is declared; wording unknown)."""
    return IAMError("PolicyEvaluation", f"The policy could not be evaluated: {reason}")


# AssumeRole.  These texts are AWS's as commonly pasted in public issues, but the reference has
# no source for them: INFERRED.


@aws("INFERRED")
def duration_exceeds_max_session() -> IAMError:
    return IAMError(
        "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
    )


@aws("INFERRED")
def role_chaining_duration() -> IAMError:
    """DurationSeconds above one hour for a role session assuming a role (role chaining, DOC)."""
    return IAMError(
        "ValidationError",
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    )


@aws("INFERRED")
def packed_policy_too_large(percent: int) -> IAMError:
    return IAMError(
        "PackedPolicyTooLarge", f"Packed policy consumes {percent}% of allotted space, please use smaller policy."
    )
