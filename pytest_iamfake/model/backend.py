"""The fake cloud: one Account per account id, the credentials it has issued, and dispatch."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

from . import access_keys, authorization, console, login_profiles, mfa, role_sessions
from .account import Account, Clock
from .authorization import Mode, authorize, check_credentials
from .credentials import Credentials
from .evaluation import ContextValue, Decision
from .identity import Principal
from .last_used import DEFAULT_REGION, record
from .names import fold
from .operations import OPERATIONS
from .registry import Request, Result


class IAMBackend:
    """Everything the fake knows; state lives here and nowhere global."""

    def __init__(self, account_id: str, clock: Clock, *, authorization: Mode = "enforce") -> None:
        self.default_account_id = account_id
        self.clock = clock
        self.authorization: Mode = authorization  # "off": no policy is evaluated
        self.accounts: dict[str, Account] = {}
        self.credentials = Credentials(account_id)
        self._lock = threading.Lock()
        self.aliases: dict[str, str] = {}  # account alias -> account id: unique across accounts
        self.account(account_id)

    def account(self, account_id: str) -> Account:
        """The account with this id, created empty on first use."""
        found = self.accounts.get(account_id)
        if found is not None:  # the common case needs no lock: accounts are never removed
            return found
        with self._lock:
            found = self.accounts.get(account_id)
            if found is None:
                found = self.accounts[account_id] = Account(account_id, self.clock, self.clock.now())
                found.aliases_taken = self.aliases
            return found

    def caller_for(self, access_key_id: str | None) -> Principal:
        """The principal behind an access key; keys the fake never issued act as the account root."""
        return self.credentials.caller_for(access_key_id)

    @staticmethod
    def covers(service: str, operation: str) -> bool:
        return (service, operation) in OPERATIONS

    @staticmethod
    def covered(service: str | None = None) -> list[str]:
        """Names of the modelled operations, sorted (of one service if given)."""
        return sorted(name for (svc, name) in OPERATIONS if service is None or svc == service)

    @staticmethod
    def mutates(service: str, operation: str) -> bool:
        return OPERATIONS[(service, operation)].mutates

    def handle(
        self,
        service: str,
        operation: str,
        caller: Principal,
        params: Mapping[str, Any],
        *,
        tick: bool = True,
        region: str | None = None,
    ) -> Result:
        """Run one operation atomically; raises IAMError for an error answer.

        A successful state-changing operation moves the clock by its tick unless `tick` is False.
        `region`: the region the request was signed for (its key's last use records it).
        """
        op = OPERATIONS[(service, operation)]
        account = self.account(caller.account_id)
        with account.lock:
            req = Request(self.credentials, account, caller, operation, params, service, self.account)
            check_credentials(req)
            # INFERRED: a refused call still counts as a use of the key (last-accessed data
            # covers attempts, not only successes).
            record(req, region or DEFAULT_REGION)
            authorize(req, self.authorization)
            try:
                result = op.handler(req)
            finally:
                if op.mutates:  # even a failed change may have changed something: callers re-check
                    account.version += 1
        if op.mutates and tick:
            self.clock.after_change()
        return result

    # --- entry points for the handle's arrange helpers (pytest_iamfake.fake) ----------------

    def seed_login_profile(
        self, account_id: str, user_name: str, password: str, *, reset_required: bool, check_policy: bool
    ) -> None:
        """Give an existing IAM user a console password, unrecorded; `check_policy=False` skips the policy."""
        account = self.account(account_id)
        with account.lock:
            login_profiles.new_profile(
                account,
                account.require_user(user_name),
                password,
                reset_required=reset_required,
                check_policy=check_policy,
            )

    def signing_key_for(self, account_id: str, user_name: str) -> tuple[str, str] | None:
        """(key id, secret) of the user's oldest Active access key, None if it has none.

        Raises IAMError (NoSuchEntity) for a missing user.
        """
        account = self.account(account_id)
        with account.lock:
            key = access_keys.active_key(account.require_user(user_name))
            return None if key is None else (key.key_id, key.secret)

    def can_sign_in(self, account_id: str, user_name: str, password: str) -> bool:
        """Would `user_name` get into the console with `password` right now?"""
        return login_profiles.can_sign_in(self.account(account_id), user_name, password)

    def missing_users(self, account_id: str, names: Iterable[str]) -> list[str]:
        """Those of `names` that are no IAM user of the account."""
        account = self.account(account_id)
        with account.lock:
            return [name for name in names if account.find_user(name) is None]

    def set_report_delay(self, account_id: str, seconds: float) -> None:
        """How many fake seconds each credential report takes to generate from now on."""
        account = self.account(account_id)
        with account.lock:
            account.report_seconds = seconds

    def has_group(self, account_id: str, name: str) -> bool:
        """Whether the account has an IAM group called `name` (IAM's case-insensitive match)."""
        account = self.account(account_id)
        with account.lock:
            return fold(name) in account.groups

    # --- authorization: explain a decision (pytest_iamfake.fake's explain / assert_allowed) ---

    def explain(
        self,
        account_id: str,
        principal: str,
        action: str,
        resource: str = "*",
        context: Mapping[str, ContextValue] | None = None,
    ) -> Decision | None:
        """The decision `principal` (a user name or ARN, or the root ARN) would get now; None: no such principal."""
        account = self.account(account_id)
        with account.lock:
            found = authorization.principal_for(account, principal)
            if found is None:
                return None
            return authorization.explain(account, found, action, resource, context)

    # --- MFA and console sign-in: entry points for the handle's helpers (pytest_iamfake.fake) ---

    def sign_in(
        self, account_id: str, user_name: str, password: str, *, mfa_code: str | None = None
    ) -> console.SignInResult:
        """Sign an IAM user in to the console (see model/console.py)."""
        return console.sign_in(self.account(account_id), user_name, password, mfa_code)

    def mfa_code(self, account_id: str, serial_number: str, window: int = 0) -> str | None:
        """The code a virtual MFA device shows now, `window` steps on; None for an unknown serial."""
        account = self.account(account_id)
        with account.lock:
            device = mfa.find_device(account, serial_number)
            return None if device is None else mfa.code_for(device, self.clock.now(), window)

    def seed_root_mfa_device(self, account_id: str, name: str) -> str:
        """Enable a new virtual MFA device for the account's root user; returns its serial number."""
        account = self.account(account_id)
        with account.lock:
            return mfa.add_root_device(account, name).serial

    def mfa_serials(self, account_id: str) -> list[str]:
        """Serial numbers of the account's virtual MFA devices, in listing order."""
        account = self.account(account_id)
        with account.lock:
            return [device.serial for device in account.mfa_devices.values()]

    def role_session(self, account_id: str, role_name: str, session_name: str) -> tuple[str, str, str] | None:
        """(key id, secret, token) of a new session of the role, issued without a trust check; None: no role.

        For the handle's `client(role=...)`: the test hands the code a role's credentials as a
        service running as the role would get them.  The session lasts the role's MaxSessionDuration.
        """
        account = self.account(account_id)
        with account.lock:
            role = account.roles.find(fold(role_name))
            if role is None:
                return None
            made = role_sessions.issue_session(self.credentials, account, role, session_name, role.max_session)
            credentials = made["Credentials"]
            return credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"]
