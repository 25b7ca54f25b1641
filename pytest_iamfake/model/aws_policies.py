"""AWS managed policies (`arn:aws:iam::aws:policy/...`) as policies.py reads a policy.

The catalogue is model/aws_managed.py's (the full set, shipped as compressed package data and
loaded on first use); `AwsPolicy` gives its records the attribute names of a customer managed
policy, so the operations treat both kinds alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from . import aws_managed
from .aws_managed import AwsManagedPolicy
from .names import fold

# REAL (LocalStack's AWS-validated GetPolicy, reference §5.2 row 1); the data has no descriptions.
_DESCRIPTIONS = {"IAMUserChangePassword": "Provides the ability for an IAM user to change their own password."}


_IDS: dict[str, str] = {}  # policy ARN -> policy id, filled as policies are shown


@dataclass(frozen=True)
class AwsVersion:
    """The one version of an AWS managed policy the fake knows: its default (CHOSEN)."""

    version_id: str
    text: str
    created: datetime


class AwsPolicy:
    """An AWS managed policy, read like a customer managed one; only its default version exists."""

    __slots__ = ("record",)
    tags: tuple[dict[str, str], ...] = ()

    def __init__(self, record: AwsManagedPolicy) -> None:
        self.record = record

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def path(self) -> str:
        return self.record.path

    @property
    def arn(self) -> str:
        return self.record.arn

    @property
    def policy_id(self) -> str:
        found = _IDS.get(self.record.arn)
        if found is None:  # derived by hashing: worth keeping for the next page
            found = _IDS[self.record.arn] = self.record.policy_id
        return found

    @property
    def default_version(self) -> str:
        return self.record.default_version_id

    @property
    def created(self) -> datetime:
        return self.record.create_date

    @property
    def updated(self) -> datetime:
        return self.record.update_date

    @property
    def description(self) -> str | None:
        return _DESCRIPTIONS.get(self.record.name)

    @property
    def versions(self) -> dict[str, AwsVersion]:
        record = self.record
        version = AwsVersion(record.default_version_id, record.document_text, record.update_date)
        return {record.default_version_id: version}

    @property
    def key(self) -> str:
        """Its key in `index()` and in an account's usage table: the folded name."""
        return fold(self.record.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AwsPolicy) and other.arn == self.arn

    def __hash__(self) -> int:
        return hash(self.arn)


def get(arn: str) -> AwsPolicy | None:
    """The AWS managed policy with this ARN, or None."""
    record = aws_managed.get(arn)
    return AwsPolicy(record) if record is not None else None


class _Listing(Mapping[str, AwsPolicy]):
    """The catalogue, sorted by folded name, read through AwsPolicy (for ListPolicies)."""

    def __getitem__(self, key: str) -> AwsPolicy:
        return AwsPolicy(aws_managed.index()[key])

    def __iter__(self) -> Iterator[str]:
        return iter(aws_managed.index())

    def __len__(self) -> int:
        return len(aws_managed.index())

    def sorted_keys(self) -> Sequence[str]:
        return aws_managed.index().sorted_keys()


def index() -> _Listing:
    """Every AWS managed policy, sorted by folded name."""
    return _Listing()
