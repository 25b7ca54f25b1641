"""One AWS account's IAM state."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from . import errors
from .identity import derived_id, root_arn, user_arn
from .names import fold
from .paging import Index
from .password_hash import PasswordHash
from .password_policy import PasswordPolicy

if TYPE_CHECKING:
    from .identity import Principal
    from .key_material import RSAPublicKey
    from .policy_document import PolicyDocument


class Clock(Protocol):
    """What the model needs of time: the current instant, and a nudge after each change."""

    def now(self) -> datetime: ...

    def after_change(self) -> None: ...


@dataclass
class LoginProfile:
    """A console password.  `created` never moves once set (DOC)."""

    created: datetime
    password: PasswordHash | None  # None for a root profile made in an AssumeRoot session
    password_set: datetime
    reset_required: bool = False
    max_session: int | None = None
    history: list[PasswordHash] = field(default_factory=list)  # newest last, current included


@dataclass(frozen=True)
class KeyUse:
    """One use of a credential: when (fake clock), for which service, in which region."""

    when: datetime
    service: str
    region: str


@dataclass
class AccessKey:
    """A long-term access key; `sequence` orders a user's keys by creation."""

    key_id: str
    secret: str
    created: datetime
    sequence: int
    status: str = "Active"
    last_used: KeyUse | None = None  # the latest call signed with it (GetAccessKeyLastUsed)


@dataclass
class User:
    """An IAM user, or (with `is_root`) the account's root user."""

    name: str
    path: str
    user_id: str
    arn: str
    created: datetime
    tags: list[dict[str, str]] = field(default_factory=list)
    permissions_boundary: str | None = None
    login_profile: LoginProfile | None = None
    access_keys: dict[str, AccessKey] = field(default_factory=dict)
    is_root: bool = False
    # --- groups and inline policies (model/groups.py, model/inline_policies.py) ---
    groups: dict[str, Group] = field(default_factory=dict)  # the user's groups by folded name (at most 10)
    inline_policies: Index[InlinePolicy] = field(default_factory=Index)  # by folded policy name
    # --- managed policies (model/policies.py) ---
    attached_policies: dict[str, str] = field(default_factory=dict)  # policy ARN -> policy name
    # --- credentials and audit (SSH keys, certificates, service credentials, key use) ---
    ssh_keys: dict[str, SSHPublicKey] = field(default_factory=dict)  # by key id, in upload order
    signing_certificates: dict[str, SigningCertificate] = field(default_factory=dict)  # by id, upload order
    service_credentials: dict[str, ServiceCredential] = field(default_factory=dict)  # by id, creation order
    # The latest use of any of the user's access keys, per service (service last accessed details).
    service_use: dict[str, KeyUse] = field(default_factory=dict)
    # --- MFA and console sign-in (model/mfa.py, model/console.py) ---
    mfa_devices: dict[str, VirtualMFADevice] = field(default_factory=dict)  # enabled, by folded serial
    # Set by console sign-in; shown by GetUser/ListUsers and the credential report.
    password_last_used: datetime | None = None


@dataclass
class Group:
    """An IAM group: its members and inline policies (operations in model/groups.py)."""

    name: str
    path: str
    group_id: str
    arn: str
    created: datetime
    members: Index[User] = field(default_factory=Index)  # by folded user name
    inline_policies: Index[InlinePolicy] = field(default_factory=Index)  # by folded policy name
    # --- managed policies (model/policies.py) ---
    attached_policies: dict[str, str] = field(default_factory=dict)  # policy ARN -> policy name


@dataclass
class InlinePolicy:
    """One inline policy: its name as last put, and the checked document (model/inline_policies.py)."""

    name: str
    document: PolicyDocument


# --- credentials and audit records (operations in their own modules) ---


@dataclass
class SSHPublicKey:
    """An SSH public key of a user (CodeCommit); `body` as uploaded, in `encoding`."""

    key_id: str
    body: str
    encoding: str  # "SSH" or "PEM": how it was uploaded
    key: RSAPublicKey
    uploaded: datetime
    sequence: int  # orders a user's keys by upload
    status: str = "Active"


@dataclass
class SigningCertificate:
    """An X.509 signing certificate of a user or of the root; `der` identifies duplicates."""

    certificate_id: str
    body: str
    der: bytes
    uploaded: datetime
    sequence: int  # orders a user's certificates by upload
    status: str = "Active"


@dataclass
class ServiceCredential:
    """A service-specific credential; `user` follows renames, `service_user_name` does not (REAL)."""

    credential_id: str
    user: User
    service: str
    service_user_name: str
    secret: str
    created: datetime
    sequence: int
    expires: datetime | None = None
    status: str = "Active"
    resets: int = 0


@dataclass
class AccessJob:
    """A GenerateServiceLastAccessedDetails job: CHOSEN to complete the moment it is created."""

    job_id: str
    granularity: str
    created: datetime
    entries: dict[str, dict[str, Any]]  # by service namespace


@dataclass
class CredentialReport:
    """The account's one report: its CSV, when it was started and when it is (or was) ready."""

    content: bytes
    started: datetime
    ready: datetime


# --- managed policies and roles (operations in model/policies.py, model/roles.py) ---


@dataclass
class PolicyUsage:
    """Who uses one policy in one account, each table keyed by the entity's unique id."""

    arn: str
    users: Index[User] = field(default_factory=Index)
    groups: Index[Group] = field(default_factory=Index)
    roles: Index[Role] = field(default_factory=Index)
    boundary_users: Index[User] = field(default_factory=Index)
    boundary_roles: Index[Role] = field(default_factory=Index)

    @property
    def attachment_count(self) -> int:
        return len(self.users) + len(self.groups) + len(self.roles)

    @property
    def boundary_count(self) -> int:
        return len(self.boundary_users) + len(self.boundary_roles)

    @property
    def unused(self) -> bool:
        return self.attachment_count == 0 and self.boundary_count == 0


@dataclass
class PolicyVersion:
    """One version of a customer managed policy; `text` is the document as submitted."""

    version_id: str
    text: str
    created: datetime


@dataclass
class ManagedPolicy:
    """A customer managed policy."""

    name: str
    path: str
    policy_id: str
    arn: str
    created: datetime
    updated: datetime
    description: str | None
    tags: list[dict[str, str]]
    versions: dict[str, PolicyVersion]
    default_version: str
    versions_issued: int  # version numbers are never reused (REAL)
    usage: PolicyUsage


DEFAULT_MAX_SESSION = 3600  # DOC: "If you do not specify a value ... the default value of one hour is applied"


@dataclass
class Role:
    """An IAM role; `trust_policy` and inline documents are kept as submitted."""

    name: str
    path: str
    role_id: str
    arn: str
    created: datetime
    trust_policy: str
    description: str | None = None
    max_session: int = DEFAULT_MAX_SESSION
    tags: list[dict[str, str]] = field(default_factory=list)
    permissions_boundary: str | None = None
    inline_policies: Index[InlinePolicy] = field(default_factory=Index)  # by folded policy name
    attached_policies: dict[str, str] = field(default_factory=dict)  # policy ARN -> policy name


# --- MFA devices (operations in model/mfa.py) ---


@dataclass
class VirtualMFADevice:
    """A virtual MFA device; `user` and `enabled` are set while it is enabled for a user."""

    serial: str
    seed: bytes  # base32 text of the secret
    created: datetime
    tags: list[dict[str, str]] = field(default_factory=list)
    user: User | None = None
    enabled: datetime | None = None
    drift: int = 0  # steps the device's clock is ahead (ResyncMFADevice sets it)


class Account:
    """State of one account; `lock` makes each operation atomic."""

    def __init__(self, account_id: str, clock: Clock, created: datetime) -> None:
        self.account_id = account_id
        self.clock = clock
        self.lock = threading.RLock()
        self.users: Index[User] = Index()  # keyed by lower-case name: names are case-insensitive (DOC)
        self.password_policy: PasswordPolicy | None = None
        self.keys_issued = 0  # access keys ever created here: ids never repeat
        self.ids_issued: set[str] = set()  # unique ids ever given out here (see new_id)
        # --- groups (model/groups.py) ---
        self.groups: Index[Group] = Index()  # by folded name, like users
        # --- MFA (model/mfa.py) ---
        self.mfa_devices: Index[VirtualMFADevice] = Index()  # virtual devices by folded serial number
        self.mfa_devices_created = 0  # seeds derive from it: never the same twice
        self.mfa_devices_in_use = 0  # devices enabled for a user (summary MFADevicesInUse)
        # --- authorization (model/authorization.py) ---
        self.version = 0  # bumped after every state-changing operation: cached caller states check it
        self.authorization_cache: dict[Principal, Any] = {}  # model/authorization's CallerStates
        # CHOSEN: the root user's "name" in login-profile responses is the account id.
        self.root = User(account_id, "/", account_id, root_arn(account_id), created, is_root=True)
        # --- managed policies and roles (model/policies.py, model/roles.py) ---
        self.policies: Index[ManagedPolicy] = Index()  # customer managed, by folded name
        self.aws_policy_usage: Index[PolicyUsage] = Index()  # AWS managed ones used here, by folded name
        self.roles: Index[Role] = Index()  # by folded name
        # --- credentials and audit ---------------------------------------------------------
        self.created = created
        self.credentials_issued = 0  # SSH keys, certificates and service credentials ever made here
        # Every service-specific credential of the account by id (ListServiceSpecificCredentials AllUsers).
        self.service_credentials: Index[ServiceCredential] = Index()
        self.certificates_in_use: set[bytes] = set()  # DER of every signing certificate (duplicates)
        self.alias: str | None = None
        # Alias -> account id for every account of the fake: aliases are unique across AWS (DOC).
        # The backend shares one table between its accounts.
        self.aliases_taken: dict[str, str] = {}
        self.credential_report: CredentialReport | None = None
        self.report_seconds = 0.0  # fake seconds a credential report takes (CHOSEN: done at once)
        self.access_jobs: dict[str, AccessJob] = {}  # GenerateServiceLastAccessedDetails jobs by id

    def find_user(self, name: str) -> User | None:
        """The user named `name` in any ASCII case, or None (also for a name that is not a string)."""
        return self.users.find(fold(name)) if isinstance(name, str) else None

    def require_user(self, name: str) -> User:
        user = self.find_user(name)
        if user is None:
            raise errors.no_such_user(name)
        return user

    def new_user(self, name: str, path: str, **extra: Any) -> User:
        if fold(name) in self.users:
            raise errors.user_exists(name)
        user = User(
            name=name,
            path=path,
            user_id=self.new_id("AIDA", fold(name)),
            arn=user_arn(self.account_id, path, name),
            created=self.clock.now(),
            **extra,
        )
        self.users[fold(name)] = user
        return user

    def new_id(self, prefix: str, key: str) -> str:
        """A unique id such as AIDA..., the same in every run for the same history.

        Derived from the entity's key; an entity that takes a name an earlier one had (after a
        delete or a rename) gets a fresh id, as in IAM.
        """
        found = derived_id(prefix, self.account_id, key)
        attempt = 1
        while found in self.ids_issued:
            attempt += 1
            found = derived_id(prefix, self.account_id, key, str(attempt))
        self.ids_issued.add(found)
        return found
