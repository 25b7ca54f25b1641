"""IAMFake, the handle a test holds, and fake_iam() for use without pytest."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from . import assertions, checks, services
from .adapter import hooks
from .calls import Call, CallFilter, redact
from .clock import Clock
from .engine import Engine
from .env import DEFAULT_REGION, FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY, fake_aws_environment
from .exceptions import UsageError
from .faults import Fault, prepare
from .model import IAMError
from .model.console import SignInResult
from .model.evaluation import Decision
from .options import DEFAULTS, Options, build

# Kept importable from here: tests and tools reached them through this module.
from .services import FAKED_SERVICES, faked_models, service_model

if TYPE_CHECKING:
    from botocore.client import BaseClient

__all__ = ["FAKED_SERVICES", "IAMFake", "fake_iam", "faked_models", "service_model"]


def default_trust_policy(account_id: str) -> dict[str, Any]:
    """CHOSEN: add_role's trust policy when none is given: the account root may assume the role."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"}, "Action": "sts:AssumeRole"}
        ],
    }


Tags = Mapping[str, str] | Sequence[Mapping[str, str]]


def _tag_list(tags: Any, where: str) -> list[dict[str, str]]:
    """Tags given as a dict or in boto3's list form, in boto3's list form (UsageError otherwise)."""
    __tracebackhide__ = True
    if isinstance(tags, Mapping):
        pairs = list(tags.items())
    elif isinstance(tags, (list, tuple)) and all(isinstance(t, Mapping) and set(t) == {"Key", "Value"} for t in tags):
        pairs = [(t["Key"], t["Value"]) for t in tags]
    else:
        pairs = None
    if pairs is None or not all(isinstance(k, str) and isinstance(v, str) for k, v in pairs):
        raise UsageError(
            f'{where} takes a dict of strings {{"team": "blue"}}, or boto3\'s list form '
            f'[{{"Key": "team", "Value": "blue"}}]; got {tags!r}.'
        )
    return [{"Key": k, "Value": v} for k, v in pairs]


def _document(document: Any, where: str) -> str:
    """A policy document given as a dict or JSON text, as JSON text."""
    __tracebackhide__ = True
    checks.expect(document, (Mapping, str), where, "a policy document (a dict or JSON text)")
    return document if isinstance(document, str) else json.dumps(document)


_MFA_DEVICE_NAME = re.compile(r"[\w+=,.@-]+", re.ASCII)  # the service model's virtualMFADeviceName


def _arrange_failed(what: str, err: IAMError) -> UsageError:
    return UsageError(f"{what} failed in the fake: {err.code}: {err.message}")


class IAMFake:
    """An in-process fake of IAM and STS; every botocore client talks to it while active.

    Get one from the `iamfake` fixture or `fake_iam()`.  Arrange state with
    `add_user`, `add_login_profile`, ...; inspect `calls`; move time with `clock`.

    The handle delegates: calls go through its Engine (engine.py), state lives in the
    model's IAMBackend, botocore is reached through the adapter (adapter/hooks.py).
    """

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or DEFAULTS
        self.clock = Clock(self.options.start_time, self.options.tick, self.options.clock)
        self.engine = Engine(
            self.options.account_id,
            self.clock,
            unmodelled=self.options.unmodelled,
            authorization=self.options.authorization,
            record=self.options.record,
        )
        self.backend = self.engine.backend
        self._env: contextlib.ExitStack | None = None
        self._stopped = False  # stopped after being active: arranging it now is a mistake

    # --- lifecycle -----------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._env is not None

    def start(self) -> IAMFake:
        """Activate: route every botocore IAM/STS call here and fake the AWS environment."""
        if self._env is not None:
            raise UsageError("This IAMFake is already active; stop() it before starting it again.")
        hooks.install()
        stack = contextlib.ExitStack()
        stack.enter_context(fake_aws_environment())
        self._env = stack
        hooks.push(self.engine, self.options.transport)
        self._stopped = False
        try:
            self._apply_initial_state()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Deactivate and restore the environment (state is kept for inspection)."""
        hooks.pop(self.engine)
        if self._env is not None:
            self._stopped = True
            self._env.close()
            self._env = None

    def _usable(self, what: str) -> None:
        """UsageError if the fake has stopped: state arranged now would serve no call."""
        __tracebackhide__ = True
        if self._stopped:
            raise UsageError(
                f"{what}: this IAMFake has stopped, so nothing would reach it. Call start() on it again "
                "(its state is kept), or use a new fake (the iamfake fixture gives one per test). "
                "Inspecting it (calls, get_calls, assert_called, check_password) still works."
            )

    def __enter__(self) -> IAMFake:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _apply_initial_state(self) -> None:
        if self.options.password_policy is not None:
            self._arrange("UpdateAccountPasswordPolicy", dict(self.options.password_policy))
        for name in self.options.users:
            self.add_user(name)

    # --- arrange -------------------------------------------------------------------

    def _arrange(self, operation: str, params: dict[str, Any], service: str = "iam") -> dict[str, Any]:
        """Run a model operation as the account root, unrecorded and without moving the clock."""
        __tracebackhide__ = True
        try:
            return self.engine.arrange(operation, params, service)
        except IAMError as err:
            shown = ", ".join(f"{k}={v!r}" for k, v in redact(params).items())
            raise _arrange_failed(f"{operation}({shown})", err) from None

    def add_user(
        self,
        name: str,
        *,
        path: str = "/",
        tags: Tags | None = None,
        groups: Iterable[str] = (),
        policies: Iterable[str] = (),
    ) -> dict[str, Any]:
        """Create an IAM user, in `groups` (existing), with managed `policies` (ARNs) attached.

        `tags`: a dict, or boto3's list form `[{"Key": ..., "Value": ...}]`.
        Returns the User as GetUser returns it.
        """
        __tracebackhide__ = True
        self._usable("add_user()")
        checks.expect(name, str, "add_user(name=...)", "a user name (a string)")
        checks.expect(path, str, "add_user(path=...)")
        groups = checks.names(groups, "add_user(groups=...)")
        policies = self._attachable(policies, "AttachUserPolicy", "add_user(policies=...)")
        for group in groups:
            self._require_group(group, f"add_user({name!r}, groups=...)")
        params: dict[str, Any] = {"UserName": name, "Path": path}
        if tags is not None:
            params["Tags"] = _tag_list(tags, "add_user(tags=...)")
        self._arrange("CreateUser", params)
        for group in groups:
            self._arrange("AddUserToGroup", {"UserName": name, "GroupName": group})
        for arn in policies:
            self._arrange("AttachUserPolicy", {"UserName": name, "PolicyArn": arn})
        user: dict[str, Any] = self._arrange("GetUser", {"UserName": name})["User"]
        return user

    # --- groups and managed-policy attachments ---

    def add_group(
        self, name: str, *, path: str = "/", users: Iterable[str] = (), policies: Iterable[str] = ()
    ) -> dict[str, Any]:
        """Create an IAM group with `users` (existing) as members and managed `policies` (ARNs) attached.

        Returns the Group as GetGroup returns it.
        """
        __tracebackhide__ = True
        self._usable("add_group()")
        checks.expect(name, str, "add_group(name=...)", "a group name (a string)")
        checks.expect(path, str, "add_group(path=...)")
        users = checks.names(users, "add_group(users=...)")
        policies = self._attachable(policies, "AttachGroupPolicy", "add_group(policies=...)")
        missing = self.backend.missing_users(self.options.account_id, users)
        if missing:
            raise UsageError(f"add_group({name!r}): no IAM user {', '.join(map(repr, missing))}; add_user first.")
        self._arrange("CreateGroup", {"GroupName": name, "Path": path})
        for user in users:
            self._arrange("AddUserToGroup", {"UserName": user, "GroupName": name})
        for arn in policies:
            self._arrange("AttachGroupPolicy", {"GroupName": name, "PolicyArn": arn})
        group: dict[str, Any] = self._arrange("GetGroup", {"GroupName": name})["Group"]
        return group

    def _attachable(self, policies: Iterable[str], operation: str, where: str) -> list[str]:
        __tracebackhide__ = True
        arns = checks.names(policies, where)
        if arns and not self.backend.covers("iam", operation):
            raise UsageError(f"policies=: managed policies arrive with {operation}, which this version does not model.")
        return arns

    def _require_group(self, name: str, what: str) -> None:
        __tracebackhide__ = True
        if not self.backend.has_group(self.options.account_id, name):
            raise UsageError(f"{what}: no IAM group {name!r}; add_group first.")

    def add_login_profile(
        self, user: str, password: str, *, reset_required: bool = False, check_policy: bool = True
    ) -> dict[str, Any]:
        """Give `user` a console password; returns the LoginProfile as GetLoginProfile returns it.

        `check_policy=False` stores a password the account's policy would refuse.
        """
        __tracebackhide__ = True
        self._usable("add_login_profile()")
        checks.expect(user, str, "add_login_profile(user=...)", "a user name (a string)")
        checks.expect(password, str, "add_login_profile(password=...)", "a password (a string)")
        checks.expect(reset_required, bool, "add_login_profile(reset_required=...)")
        checks.expect(check_policy, bool, "add_login_profile(check_policy=...)")
        try:
            self.backend.seed_login_profile(
                self.options.account_id, user, password, reset_required=reset_required, check_policy=check_policy
            )
        except IAMError as err:
            raise _arrange_failed(f"add_login_profile({user!r})", err) from None
        profile: dict[str, Any] = self._arrange("GetLoginProfile", {"UserName": user})["LoginProfile"]
        return profile

    def set_password_policy(self, **fields: Any) -> dict[str, Any]:
        """Replace the account password policy (UpdateAccountPasswordPolicy semantics, validated).

        Returns the policy as GetAccountPasswordPolicy shows it.
        """
        __tracebackhide__ = True
        self._usable("set_password_policy()")
        self._arrange("UpdateAccountPasswordPolicy", fields)
        policy: dict[str, Any] = self._arrange("GetAccountPasswordPolicy", {})["PasswordPolicy"]
        return policy

    def add_access_key(self, user: str) -> dict[str, Any]:
        """Give IAM user `user` a new access key; returns the AccessKey as CreateAccessKey does.

        It includes AccessKeyId and SecretAccessKey; IAM allows two keys per user.
        """
        __tracebackhide__ = True
        self._usable("add_access_key()")
        checks.expect(user, str, "add_access_key(user=...)", "a user name (a string)")
        key: dict[str, Any] = self._arrange("CreateAccessKey", {"UserName": user})["AccessKey"]
        return key

    # --- arrange: managed policies and roles ---

    def add_policy(
        self, name: str, document: Mapping[str, Any] | str, *, path: str = "/", tags: Tags | None = None
    ) -> str:
        """Create a customer managed policy; returns its ARN.

        `document`: a dict or JSON text; `tags`: a dict, or boto3's list form.
        """
        __tracebackhide__ = True
        self._usable("add_policy()")
        checks.expect(name, str, "add_policy(name=...)", "a policy name (a string)")
        checks.expect(path, str, "add_policy(path=...)")
        params: dict[str, Any] = {
            "PolicyName": name,
            "PolicyDocument": _document(document, "add_policy(document=...)"),
            "Path": path,
        }
        if tags is not None:
            params["Tags"] = _tag_list(tags, "add_policy(tags=...)")
        policy: dict[str, Any] = self._arrange("CreatePolicy", params)
        return str(policy["Policy"]["Arn"])

    def add_role(
        self,
        name: str,
        trust_policy: Mapping[str, Any] | str | None = None,
        *,
        path: str = "/",
        policies: Iterable[str] = (),
        tags: Tags | None = None,
    ) -> dict[str, Any]:
        """Create a role; returns the Role as GetRole returns it (AssumeRolePolicyDocument a dict).

        `trust_policy` None trusts the account root (CHOSEN); `policies`: managed policy ARNs to attach;
        `tags`: a dict, or boto3's list form.
        """
        __tracebackhide__ = True
        self._usable("add_role()")
        checks.expect(name, str, "add_role(name=...)", "a role name (a string)")
        checks.expect(path, str, "add_role(path=...)")
        if trust_policy is None:
            trust_policy = default_trust_policy(self.options.account_id)
        arns = self._attachable(policies, "AttachRolePolicy", "add_role(policies=...)")
        params: dict[str, Any] = {
            "RoleName": name,
            "AssumeRolePolicyDocument": _document(trust_policy, "add_role(trust_policy=...)"),
            "Path": path,
        }
        if tags is not None:
            params["Tags"] = _tag_list(tags, "add_role(tags=...)")
        self._arrange("CreateRole", params)
        for arn in arns:
            self._arrange("AttachRolePolicy", {"RoleName": name, "PolicyArn": arn})
        role: dict[str, Any] = self._arrange("GetRole", {"RoleName": name})["Role"]
        role["AssumeRolePolicyDocument"] = json.loads(unquote(role["AssumeRolePolicyDocument"]))
        return role

    # --- authorization: policies a test hands its callers ---

    def add_user_policy(self, user: str, document: Mapping[str, Any] | str, *, name: str = "inline") -> None:
        """Put an inline policy `name` on IAM user `user` (PutUserPolicy); `document`: a dict or JSON text."""
        __tracebackhide__ = True
        self._usable("add_user_policy()")
        checks.expect(user, str, "add_user_policy(user=...)", "a user name (a string)")
        checks.expect(name, str, "add_user_policy(name=...)", "a policy name (a string)")
        text = _document(document, "add_user_policy(document=...)")
        self._arrange("PutUserPolicy", {"UserName": user, "PolicyName": name, "PolicyDocument": text})

    # --- arrange: credentials and audit ---

    def set_credential_report_delay(self, seconds: float) -> None:
        """Fake seconds each credential report takes to generate from now on (default 0: at once)."""
        __tracebackhide__ = True
        self._usable("set_credential_report_delay()")
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise UsageError(f"set_credential_report_delay() takes seconds >= 0; got {seconds!r}.")
        self.backend.set_report_delay(self.options.account_id, float(seconds))

    # --- MFA and console sign-in (model/mfa.py, model/console.py) ---

    def add_mfa_device(self, user: str, name: str | None = None) -> str:
        """Create a virtual MFA device (named `name`, else after the user) and enable it for `user`.

        Returns its serial number, for `mfa_code()`.
        """
        __tracebackhide__ = True
        self._usable("add_mfa_device()")
        checks.expect(user, str, "add_mfa_device(user=...)", "a user name (a string)")
        checks.expect(name, (str, type(None)), "add_mfa_device(name=...)", "a device name (a string) or None")
        self._arrange("GetUser", {"UserName": user})
        created = self._arrange("CreateVirtualMFADevice", {"VirtualMFADeviceName": name or user})
        serial: str = created["VirtualMFADevice"]["SerialNumber"]
        codes = {"AuthenticationCode1": self.mfa_code(serial, window=-1), "AuthenticationCode2": self.mfa_code(serial)}
        self._arrange("EnableMFADevice", {"UserName": user, "SerialNumber": serial, **codes})
        return serial

    def add_root_mfa_device(self, name: str = "root-account-mfa-device") -> str:
        """Enable a virtual MFA device for the account's root user (as the console does); returns its serial."""
        __tracebackhide__ = True
        self._usable("add_root_mfa_device()")
        if not isinstance(name, str) or not _MFA_DEVICE_NAME.fullmatch(name):
            raise UsageError(f"add_root_mfa_device({name!r}): a device name is 1+ of letters, digits and +=,.@_-")
        try:
            return self.backend.seed_root_mfa_device(self.options.account_id, name)
        except IAMError as err:
            raise _arrange_failed(f"add_root_mfa_device({name!r})", err) from None

    def mfa_code(self, serial_number: str, *, window: int = 0) -> str:
        """The 6-digit code the virtual MFA device shows at the fake clock's time, `window` steps of 30 s on."""
        __tracebackhide__ = True
        checks.expect(serial_number, str, "mfa_code(serial_number=...)", "a serial number (a string)")
        if isinstance(window, bool) or not isinstance(window, int):
            raise UsageError(f"mfa_code(window={window!r}): window is a whole number of 30-second steps.")
        code = self.backend.mfa_code(self.options.account_id, serial_number, window)
        if code is None:
            known = ", ".join(self.backend.mfa_serials(self.options.account_id)) or "none"
            raise UsageError(
                f"mfa_code({serial_number!r}): no virtual MFA device has that serial number "
                f"(known: {known}); create one with add_mfa_device() or CreateVirtualMFADevice."
            )
        return code

    def sign_in(self, user_name: str, password: str, *, mfa_code: str | None = None) -> SignInResult:
        """Sign IAM user `user_name` in to the console now, as the console's rules say.

        The result has `.ok`, `.reason` (why not, in words) and `.must_change_password`; a
        success sets the user's PasswordLastUsed to the fake clock's time.
        """
        __tracebackhide__ = True
        self._usable("sign_in()")
        checks.expect(user_name, str, "sign_in(user_name=...)", "a user name (a string)")
        checks.expect(password, str, "sign_in(password=...)", "a password (a string)")
        checks.expect(mfa_code, (str, type(None)), "sign_in(mfa_code=...)", "a 6-digit code (a string) or None")
        return self.backend.sign_in(self.options.account_id, user_name, password, mfa_code=mfa_code)

    def client(
        self,
        service: str = "iam",
        *,
        user: str | None = None,
        role: str | None = None,
        session_name: str = "iamfake",
        **kwargs: Any,
    ) -> BaseClient:
        """A botocore client (what boto3.client returns) signed as the account root, as `user`, or as `role`.

        With `user`, the client signs with that IAM user's first Active access key, made
        with `add_access_key` when it has none.  With `role`, it signs with a new session of
        the role (`arn:aws:sts::<account>:assumed-role/<role>/<session_name>`), as code running
        as the role gets it: no trust policy is checked, and it lasts the role's MaxSessionDuration.
        Once the fake stops, the client refuses to send (BlockedRequest) rather than reach AWS.
        """
        __tracebackhide__ = True
        self._usable("client()")
        checks.expect(service, str, "client(service=...)", 'a service name such as "iam" (a string)')
        checks.expect(user, (str, type(None)), "client(user=...)", "a user name (a string) or None")
        checks.expect(role, (str, type(None)), "client(role=...)", "a role name (a string) or None")
        if user is not None and role is not None:
            raise UsageError("client() signs as one principal: pass user= or role=, not both.")
        if role is not None:
            given = sorted(k for k in kwargs if k.startswith("aws_"))
            if given:
                raise UsageError(
                    f"client(role={role!r}) signs with a session of the role; do not pass {', '.join(given)}."
                )
            session = self.backend.role_session(self.options.account_id, role, session_name)
            if session is None:
                raise UsageError(
                    f"client(role={role!r}): account {self.options.account_id} has no role {role!r}; "
                    "create it first (add_role)."
                )
            kwargs["aws_access_key_id"], kwargs["aws_secret_access_key"], kwargs["aws_session_token"] = session
        if user is not None:
            given = sorted(k for k in kwargs if k.startswith("aws_"))
            if given:
                raise UsageError(
                    f"client(user={user!r}) signs with the user's own key; do not pass {', '.join(given)}."
                )
            try:
                pair = self.backend.signing_key_for(self.options.account_id, user)
            except IAMError:
                raise UsageError(
                    f"client(user={user!r}): account {self.options.account_id} has no IAM user {user!r}; "
                    "create it first (add_user or the users= option)."
                ) from None
            if pair is None:
                created = self.add_access_key(user)
                pair = (created["AccessKeyId"], created["SecretAccessKey"])
            kwargs["aws_access_key_id"], kwargs["aws_secret_access_key"] = pair
        kwargs.setdefault("region_name", DEFAULT_REGION)
        kwargs.setdefault("aws_access_key_id", FAKE_ACCESS_KEY_ID)
        kwargs.setdefault("aws_secret_access_key", FAKE_SECRET_ACCESS_KEY)
        made = services.botocore_session().create_client(service, **kwargs)
        hooks.bind_client(made, self.engine)
        return made

    # --- inspect -------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every IAM/STS call the code under test made, in order (the latest N with record=N; none with False)."""
        return self.engine.calls

    def _recorded_calls(self, what: str) -> list[Call]:
        """The calls an assertion looks at; UsageError when recording is off."""
        if self.options.record is False:
            raise UsageError(
                f"{what} needs the recorded calls, and this fake records none (record=False); "
                "use record=True, or record=N to keep the latest N calls."
            )
        return self.engine.calls

    def check_password(self, user: str, password: str) -> bool:
        """Would IAM user `user` sign in to the console with `password` now?

        False for a wrong password, a missing user or login profile, or a password expired
        under the policy's HardExpiry.  Without HardExpiry an expired password still signs
        in (the console then asks for a new one).
        """
        __tracebackhide__ = True
        checks.expect(user, str, "check_password(user=...)", "a user name (a string)")
        checks.expect(password, str, "check_password(password=...)", "a password (a string)")
        return self.backend.can_sign_in(self.options.account_id, user, password)

    def get_calls(self, operation: str | None = None, *, service: str | None = None, **params: Any) -> list[Call]:
        """The recorded calls of `operation` (any, if None) whose params contain `params`.

        Operations are spelled "CreateLoginProfile" or "create_login_profile"; params match as
        a subset at any depth, `pytest_iamfake.ANY` matching any value that was passed.
        `service` ("iam" or "sts") narrows the search.
        """
        __tracebackhide__ = True
        return self._filter(operation, service, params).select(self._recorded_calls("get_calls()"))

    def get_call(self, operation: str, *, service: str | None = None, **params: Any) -> Call:
        """The one recorded call of `operation` matching `params`; AssertionError if none or several."""
        __tracebackhide__ = True
        return assertions.get_call(self._recorded_calls("get_call()"), self._filter(operation, service, params))

    def assert_called(
        self, operation: str, *, times: int | None = None, service: str | None = None, **params: Any
    ) -> None:
        """Assert `operation` was called with `params` at least once, or exactly `times` times."""
        __tracebackhide__ = True
        assertions.assert_called(
            self._recorded_calls("assert_called()"), self._filter(operation, service, params), times
        )

    def assert_not_called(self, operation: str | None = None, *, service: str | None = None, **params: Any) -> None:
        """Assert no recorded call of `operation` (any, if None) matches `params`."""
        __tracebackhide__ = True
        assertions.assert_not_called(
            self._recorded_calls("assert_not_called()"), self._filter(operation, service, params)
        )

    @staticmethod
    def _filter(operation: str | None, service: str | None, params: dict[str, Any]) -> CallFilter:
        __tracebackhide__ = True
        return services.call_filter(operation, service, params, faked_models())

    # --- authorization: why a principal may or may not do something ---

    def explain(
        self, principal: str, action: str, resource: str = "*", context: Mapping[str, Any] | None = None
    ) -> Decision:
        """The decision IAM's evaluation gives `principal` for `action` on `resource`, as a call would now.

        `principal`: an IAM user's name or ARN (or the root ARN); `action` like "iam:CreateUser";
        `resource` an ARN or "*"; `context` adds or replaces condition keys.  The Decision has
        `.allowed`, `.decision` ("allowed", "explicitDeny", "implicitDeny") and a `str()` naming
        every policy and statement considered and, for each that did not match, the part that failed.
        """
        decision = self.backend.explain(self.options.account_id, principal, action, resource, context)
        if decision is None:
            raise UsageError(
                f"explain({principal!r}, ...): account {self.options.account_id} "
                f"has no IAM user or role {principal!r}; "
                "name an existing user or role by name or ARN."
            )
        return decision

    def assert_allowed(
        self, principal: str, action: str, resource: str = "*", context: Mapping[str, Any] | None = None
    ) -> None:
        """Assert `principal` may do `action` on `resource`; the failure message is the explanation."""
        __tracebackhide__ = True
        decision = self.explain(principal, action, resource, context)
        if not decision.allowed:
            raise AssertionError(str(decision))

    def assert_denied(
        self, principal: str, action: str, resource: str = "*", context: Mapping[str, Any] | None = None
    ) -> None:
        """Assert `principal` may not do `action` on `resource`; the failure message is the explanation."""
        __tracebackhide__ = True
        decision = self.explain(principal, action, resource, context)
        if decision.allowed:
            raise AssertionError(str(decision))

    def verify(self) -> None:
        """The end-of-test check: fail for faults that never fired and swallowed unsupported calls."""
        __tracebackhide__ = True
        if not self.options.strict:
            return
        calls = self.calls
        problems = [
            problem
            for problem in (assertions.swallowed_problem(calls), self.engine.faults.unfired_problem(calls))
            if problem
        ]
        if problems:
            raise AssertionError("\n\n".join(problems))

    # --- failures ------------------------------------------------------------------

    def fail(
        self,
        operation: str,
        code: str,
        *,
        message: str | None = None,
        times: int | None = 1,
        when: Mapping[str, Any] | Callable[[Call], bool] | None = None,
        optional: bool = False,
    ) -> Fault:
        """Make the next matching call(s) of `operation` fail with `code`; returns the Fault.

        `code` is one the operation's model declares or a common one (Throttling, AccessDenied,
        ServiceUnavailable, ...); the HTTP status is the model's and the message AWS's unless
        `message` is given.  `times`: how many calls it answers (None: all).  `when`: a params
        subset (as for get_calls) or a callable taking the Call.  The fault answers before
        validation and the model, so it changes no state.  verify() fails the test if it never
        fired, unless `optional`.
        """
        __tracebackhide__ = True
        self._usable("fail()")
        model = services.resolve(operation, None, faked_models())
        fault = prepare(model, code, message=message, times=times, when=when, optional=optional)
        return self.engine.faults.add(fault)

    @property
    def faults(self) -> list[Fault]:
        """The faults added with fail(), in order."""
        return list(self.engine.faults)

    def __repr__(self) -> str:
        state = "active" if self.active else "inactive"
        return f"<IAMFake {state} account={self.options.account_id} calls={len(self.engine.calls)}>"


class fake_iam(contextlib.ContextDecorator):  # noqa: N801 - reads like moto's mock_aws
    """The fake without pytest: `with fake_iam(**options) as fake:` or `@fake_iam(**options)`.

    Each use starts from an empty state.  Options are those of the `iamfake` fixture.
    """

    def __init__(self, **options: Any) -> None:
        self._options = build(options, origin="fake_iam()")
        self._fakes: list[IAMFake] = []

    def __enter__(self) -> IAMFake:
        fake = IAMFake(self._options).start()
        self._fakes.append(fake)
        return fake

    def __exit__(self, *exc: object) -> None:
        self._fakes.pop().stop()
