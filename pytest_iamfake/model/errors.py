"""IAM's error catalogue: every code, HTTP status and message the fake can return.

Each message is written once, here.  Confidence labels refer to
shared/reference/iam-behaviour.md: REAL (seen from AWS), INFERRED (follows an
observed pattern) or CHOSEN (AWS's wording is unknown; this is our pick, listed
in docs/reference/choices.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class IAMError(Exception):
    """An error answer from the fake IAM/STS service: code, message and HTTP status."""

    def __init__(self, code: str, message: str, status: int | None = None, *, sender: bool = True) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        # None means "whatever the service model declares for this code".
        self.status = status if status is not None else COMMON_STATUS.get(code)
        self.sender = sender


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

# Messages AWS uses for codes that carry no entity name (REAL where noted).
GENERIC_MESSAGES: dict[str, str] = {
    "Throttling": "Rate exceeded",  # REAL
    "ServiceUnavailable": "Service is unavailable. Please try again later.",  # CHOSEN
    "InternalFailure": "An internal error has occurred. Please try again later.",  # CHOSEN
    # CHOSEN, from the model's docstring of ServiceFailure:
    "ServiceFailure": "The request processing has failed because of an unknown error, exception or failure.",
    "RequestExpired": "Request has expired.",  # CHOSEN
    "InvalidClientTokenId": "The security token included in the request is invalid.",  # CHOSEN
    "ExpiredToken": "The security token included in the request is expired",  # CHOSEN
}


def injected_without_wording(code: str) -> str:
    """Message of an injected fault whose AWS wording the catalogue lacks (CHOSEN: says so plainly)."""
    return f"{code} (injected by pytest-iamfake, which has no AWS wording for it; pass message= to set one)"


# --- entities (REAL unless marked) ---------------------------------------------------


def no_such_user(name: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The user with name {name} cannot be found.")


def user_exists(name: str) -> IAMError:
    return IAMError("EntityAlreadyExists", f"User with name {name} already exists.")


def login_profile_exists(name: str) -> IAMError:
    return IAMError("EntityAlreadyExists", f"Login Profile for user {name} already exists.")


def no_login_profile(name: str) -> IAMError:
    return IAMError("NoSuchEntity", f"Login Profile for User {name} cannot be found.")


def login_profile_being_created(name: str) -> IAMError:
    return IAMError(
        "EntityTemporarilyUnmodifiable",
        f"Login Profile for User {name} cannot be modified while login profile is being created.",
    )


def delete_conflict(what: str) -> IAMError:
    """DeleteUser while `what` ("login profile", "access keys") still exists."""
    return IAMError("DeleteConflict", f"Cannot delete entity, must delete {what} first.")


def access_key_quota(limit: int) -> IAMError:
    return IAMError("LimitExceeded", f"Cannot exceed quota for AccessKeysPerUser: {limit}")


def no_such_access_key(key_id: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The Access Key with id {key_id} cannot be found.")


def no_password_policy(account_id: str) -> IAMError:
    return IAMError("NoSuchEntity", f"The Password Policy with domain name {account_id} cannot be found.")


def no_password_policy_to_delete() -> IAMError:
    return IAMError("NoSuchEntity", "The account policy with name PasswordPolicy cannot be found.")


def access_denied(caller_arn: str, service: str, action: str, resource: str) -> IAMError:
    """Modern AccessDenied wording (REAL pattern for IAM actions)."""
    return IAMError(
        "AccessDenied",
        f"User: {caller_arn} is not authorized to perform: {service}:{action} on resource: {resource} "
        f"because no identity-based policy allows the {service}:{action} action",
    )


def access_denied_by_session_policy(caller_arn: str, service: str, action: str, resource: str) -> IAMError:
    """AssumeRoot task policies deny explicitly (INFERRED wording)."""
    return IAMError(
        "AccessDenied",
        f"User: {caller_arn} is not authorized to perform: {service}:{action} on resource: {resource} "
        f"with an explicit deny in a session policy",
    )


def invalid_user_type() -> IAMError:
    """ChangePassword by a non-IAM-user caller (code DOC, message CHOSEN)."""
    return IAMError("InvalidUserType", "Only IAM users can change their own password with this operation.")


def wrong_old_password() -> IAMError:
    """ChangePassword with a wrong OldPassword (code, status and message CHOSEN).

    None of ChangePassword's declared codes describes a failed credential check;
    AccessDenied (403) is IAM's code for a refused caller.
    """
    return IAMError("AccessDenied", "The old password is incorrect.")


def invalid_client_token() -> IAMError:
    """A request signed with an access key that is inactive or deleted."""
    return IAMError("InvalidClientTokenId", GENERIC_MESSAGES["InvalidClientTokenId"])


def expired_token() -> IAMError:
    """A request signed with temporary credentials past their Expiration."""
    return IAMError("ExpiredToken", GENERIC_MESSAGES["ExpiredToken"])


def root_cannot_assume_root() -> IAMError:
    """AssumeRoot with root credentials (DOC: not allowed; code and message CHOSEN)."""
    return IAMError("AccessDenied", ROOT_CANNOT_ASSUME_ROOT)


def invalid_task_policy() -> IAMError:
    """AssumeRoot with a TaskPolicyArn that is not a root-task policy (code and message CHOSEN)."""
    return IAMError("ValidationError", INVALID_TASK_POLICY)


def invalid_target_principal() -> IAMError:
    """AssumeRoot with a TargetPrincipal that names no account (code and message CHOSEN)."""
    return IAMError("ValidationError", INVALID_TARGET_PRINCIPAL)


def cannot_set_expired() -> IAMError:
    """UpdateAccessKey with Status=Expired: in the enum, but not settable (message CHOSEN)."""
    return IAMError("InvalidInput", "Access key status cannot be set to Expired.")


def unknown_policy_fields(names: Iterable[str], allowed: Iterable[str]) -> IAMError:
    """UpdateAccountPasswordPolicy with members the API does not have (only reachable without botocore)."""
    return IAMError(
        "ValidationError",
        f"Unknown password policy field(s): {', '.join(names)}. Allowed: {', '.join(allowed)}.",  # CHOSEN
    )


def invalid_input(message: str) -> IAMError:
    return IAMError("InvalidInput", message)


MAX_SESSION_AND_RESET = "Cannot specify both MaxSigninSessionDuration and ResetMaxSigninSessionDuration."  # CHOSEN
NOT_SUPPORTED_FOR_ROOT = "MaxSigninSessionDuration is not supported for the root user."  # CHOSEN
PASSWORD_NOT_ALLOWED_FOR_ROOT = (
    "Password must be omitted when creating a login profile in an AssumeRoot session."  # CHOSEN
)
INVALID_TASK_POLICY = "The TaskPolicyArn is not a valid root task policy."  # CHOSEN
ROOT_CANNOT_ASSUME_ROOT = "Root user credentials cannot be used to call AssumeRoot."  # CHOSEN
INVALID_TARGET_PRINCIPAL = "TargetPrincipal must be a 12-digit account id or an account root ARN."  # CHOSEN


# --- request validation (format REAL) ------------------------------------------------

USER_NAME_INVALID = (
    "The specified value for userName is invalid. "
    "It must contain only alphanumeric characters and/or the following: +=,.@_-"
)  # REAL
# Members whose pattern failure IAM reports with its own sentence instead of the generic one.
SPECIAL_PATTERN_MESSAGES: dict[str, str] = {"UserName": USER_NAME_INVALID}
NON_USER_CREDENTIALS = "Must specify userName when calling with non-User credentials"  # REAL (no period)


def max_length(limit: int) -> str:
    return f"Member must have length less than or equal to {limit}"


def min_length(limit: int) -> str:
    return f"Member must have length greater than or equal to {limit}"


def max_value(limit: int) -> str:
    return f"Member must have value less than or equal to {limit}"


def min_value(limit: int) -> str:
    return f"Member must have value greater than or equal to {limit}"


def pattern(regex: str) -> str:
    return f"Member must satisfy regular expression pattern: {regex}"


NOT_NULL = "Member must not be null"
ENUM = "Member must satisfy enum value set"  # REAL (IAM does not list the values)
# Type mismatches only reach the model through the fake's own arrange helpers (botocore
# refuses them client-side); wording CHOSEN in IAM's validation format.
WRONG_TYPE = {bool: "Member must be a boolean", int: "Member must be an integer"}
MAX_ITEMS = max_length  # lists use the same "length" wording


def validation_error(items: Sequence[tuple[str, str]]) -> IAMError:
    """One ValidationError reporting every (memberName, constraint) pair, values never echoed."""
    count = len(items)
    noun = "validation error" if count == 1 else "validation errors"
    details = "; ".join(f"Value at '{member}' failed to satisfy constraint: {text}" for member, text in items)
    return IAMError("ValidationError", f"{count} {noun} detected: {details}")


def validation_message(message: str) -> IAMError:
    """A ValidationError with IAM's own wording (for example USER_NAME_INVALID)."""
    return IAMError("ValidationError", message)


def member_name(name: str) -> str:
    """IAM names members lowerCamelCase in validation messages ('UserName' -> 'userName')."""
    return name[:1].lower() + name[1:]


# Where IAM's order of several validation errors is known and differs from the
# shape's member order (REAL for UpdateAccountPasswordPolicy).
VALIDATION_ORDER: dict[str, tuple[str, ...]] = {
    "UpdateAccountPasswordPolicy": ("MinimumPasswordLength", "PasswordReusePrevention", "MaxPasswordAge"),
}


# --- input validation -----------------------------------------------------------------
# What IAM answers for text it cannot read as the member's type: a scalar sent several
# times (botocore repeats the key for a list or dict passed where a scalar goes) or an
# integer member whose text is not a decimal integer; and, from the fake's own helpers,
# values of the wrong Python type.  IAM's wording is UNKNOWN: CHOSEN, in its format.

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "long": "an integer",
    "boolean": "a boolean",
    "list": "a list",
    "structure": "a structure",
    "map": "a map",
}
SEVERAL_VALUES = "Member must have exactly one value"  # CHOSEN


def wrong_type(type_name: str) -> str:
    """Constraint text for a value that is not of the member's type (CHOSEN)."""
    return f"Member must be {_TYPE_NAMES.get(type_name, type_name)}"


# --- password policy violations ------------------------------------------------------

GENERIC_POLICY_VIOLATION = "Password does not conform to the account password policy."  # REAL
MIN_LENGTH_RULE = "Password should have a minimum length of {n}"  # REAL
CLASS_RULES: dict[str, str] = {
    "uppercase": "Password should have at least one uppercase letter",  # REAL
    "lowercase": "Password should have at least one lowercase letter",  # INFERRED
    "number": "Password should have at least one number",  # INFERRED
    "symbol": "Password should have at least one symbol",  # REAL
}
REUSE_RULE = "Password should not be one of your previous {n} passwords"  # CHOSEN


def password_policy_violation(message: str) -> IAMError:
    return IAMError("PasswordPolicyViolation", message)


def needs_more_classes(count: int, missing: Iterable[str]) -> str:
    """Default policy's three-of-four rule (REAL)."""
    listed = ", ".join(CLASS_RULES[name] for name in missing)
    return f"Password should meet {count} more of the following requirements: {listed}"
