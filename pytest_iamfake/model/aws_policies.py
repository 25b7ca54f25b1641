"""The one door to AWS managed policies (`arn:aws:iam::aws:policy/...`) for policies.py.

A stand-in with a handful of real policies until model/aws_managed.py (the full set, shipped
as compressed package data and loaded on first use) lands; then `_lookup` and `_catalogue`
read from it and nothing else changes.  Facts: moto's dump of AWS managed policies and shared/reference
(iam-authorization.md §6.1 for IAMUserChangePassword, iam-entities.md §5.2).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

from .identity import derived_id
from .names import fold
from .paging import Index


@dataclass(frozen=True)
class AwsVersion:
    version_id: str
    text: str
    created: datetime


class _Record(Protocol):
    """What model/aws_managed.py's AwsManagedPolicy offers (the stand-in below mirrors it)."""

    @property
    def name(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def arn(self) -> str: ...
    @property
    def policy_id(self) -> str: ...
    @property
    def default_version_id(self) -> str: ...
    @property
    def create_date(self) -> datetime: ...
    @property
    def update_date(self) -> datetime: ...
    @property
    def document_text(self) -> str: ...


# REAL (LocalStack's AWS-validated GetPolicy, reference §5.2 row 1); the data has no descriptions.
_DESCRIPTIONS = {"IAMUserChangePassword": "Provides the ability for an IAM user to change their own password."}


class AwsPolicy:
    """An AWS managed policy as policies.py reads it; only its default version exists (CHOSEN)."""

    __slots__ = ("_record",)
    aws_managed = True
    tags: tuple[dict[str, str], ...] = ()

    def __init__(self, record: _Record) -> None:
        self._record = record

    name = property(lambda self: self._record.name)
    path = property(lambda self: self._record.path)
    arn = property(lambda self: self._record.arn)
    policy_id = property(lambda self: self._record.policy_id)
    default_version = property(lambda self: self._record.default_version_id)
    created = property(lambda self: self._record.create_date)
    updated = property(lambda self: self._record.update_date)

    @property
    def description(self) -> str | None:
        return _DESCRIPTIONS.get(self._record.name)

    @property
    def versions(self) -> dict[str, AwsVersion]:
        record = self._record
        return {
            record.default_version_id: AwsVersion(record.default_version_id, record.document_text, record.update_date)
        }

    @property
    def key(self) -> str:
        """Its key in `index()` and in an account's usage table: the folded name."""
        return fold(self._record.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AwsPolicy) and other.arn == self.arn

    def __hash__(self) -> int:
        return hash(self.arn)


@dataclass(frozen=True)
class _StandIn:
    name: str
    path: str
    default_version_id: str
    create_date: datetime
    update_date: datetime
    document: dict[str, Any]

    @property
    def arn(self) -> str:
        return f"arn:aws:iam::aws:policy{self.path}{self.name}"

    @property
    def policy_id(self) -> str:
        return derived_id("ANPA", "aws", self.arn)

    @property
    def document_text(self) -> str:
        return json.dumps(self.document)


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


_STAND_IN: dict[str, dict[str, Any]] = {
    "IAMUserChangePassword": {
        "Path": "/",
        "DefaultVersionId": "v5",
        "Description": "Provides the ability for an IAM user to change their own password.",
        "CreateDate": "2016-11-15T00:25:16+00:00",
        "UpdateDate": "2026-02-12T17:58:57+00:00",
        "Document": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["iam:ChangePassword"],
                    "Resource": ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"],
                },
                {"Effect": "Allow", "Action": ["iam:GetAccountPasswordPolicy"], "Resource": "*"},
            ],
        },
    },
    "AdministratorAccess": {
        "Path": "/",
        "DefaultVersionId": "v1",
        "CreateDate": "2015-02-06T18:39:46+00:00",
        "UpdateDate": "2015-02-06T18:39:46+00:00",
        "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
    },
    "IAMReadOnlyAccess": {
        "Path": "/",
        "DefaultVersionId": "v4",
        "CreateDate": "2015-02-06T18:40:39+00:00",
        "UpdateDate": "2018-01-25T19:11:27+00:00",
        "Document": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": [
                        "iam:GenerateCredentialReport",
                        "iam:GenerateServiceLastAccessedDetails",
                        "iam:Get*",
                        "iam:List*",
                        "iam:SimulateCustomPolicy",
                        "iam:SimulatePrincipalPolicy",
                    ],
                    "Resource": "*",
                }
            ],
        },
    },
    "AWSLambdaBasicExecutionRole": {
        "Path": "/service-role/",
        "DefaultVersionId": "v1",
        "CreateDate": "2015-04-09T15:03:43+00:00",
        "UpdateDate": "2015-04-09T15:03:43+00:00",
        "Document": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                    "Resource": "*",
                }
            ],
        },
    },
    "AWSSupportServiceRolePolicy": {
        "Path": "/aws-service-role/",
        "DefaultVersionId": "v1",
        "CreateDate": "2018-04-19T18:04:44+00:00",
        "UpdateDate": "2018-04-19T18:04:44+00:00",
        "Document": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": ["support:*"], "Resource": "*"}],
        },
    },
}


@functools.cache
def _stand_in() -> tuple[Index[_StandIn], dict[str, _StandIn]]:
    by_key: Index[_StandIn] = Index()
    by_arn: dict[str, _StandIn] = {}
    for name, raw in _STAND_IN.items():
        record = _StandIn(
            name,
            raw["Path"],
            raw["DefaultVersionId"],
            _when(raw["CreateDate"]),
            _when(raw["UpdateDate"]),
            raw["Document"],
        )
        by_key[fold(name)] = record
        by_arn[record.arn] = record
    return by_key, by_arn


# The switch to model/aws_managed.py: `_lookup = aws_managed.get` and `_catalogue = aws_managed.index`.
def _lookup(arn: str) -> _Record | None:
    return _stand_in()[1].get(arn)


def _catalogue() -> Index[Any]:
    return _stand_in()[0]


def get(arn: str) -> AwsPolicy | None:
    """The AWS managed policy with this ARN, or None."""
    record = _lookup(arn)
    return AwsPolicy(record) if record is not None else None


class _Listing(Mapping[str, AwsPolicy]):
    """The catalogue, sorted by folded name, read through AwsPolicy (for ListPolicies)."""

    def __init__(self, table: Index[Any]) -> None:
        self._table = table

    def __getitem__(self, key: str) -> AwsPolicy:
        return AwsPolicy(self._table[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def sorted_keys(self) -> Sequence[str]:
        return self._table.sorted_keys()


def index() -> _Listing:
    """Every AWS managed policy, sorted by folded name."""
    return _Listing(_catalogue())
