"""The one door to AWS managed policies (`arn:aws:iam::aws:policy/...`) for policies.py.

A stand-in with a handful of real policies until model/aws_managed.py (the full set, shipped
as compressed package data and loaded on first use) lands; then `_load` reads from it and
nothing else changes.  Facts: moto's dump of AWS managed policies and shared/reference
(iam-authorization.md §6.1 for IAMUserChangePassword, iam-entities.md §5.2).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from .identity import derived_id
from .names import fold
from .paging import Index


@dataclass(frozen=True)
class AwsVersion:
    version_id: str
    text: str
    created: datetime


@dataclass(frozen=True)
class AwsPolicy:
    """An AWS managed policy; only its default version is known (CHOSEN: older ones are NoSuchEntity)."""

    name: str
    path: str
    arn: str
    policy_id: str
    default_version: str
    description: str | None
    created: datetime
    updated: datetime
    versions: dict[str, AwsVersion]
    tags: tuple[dict[str, str], ...] = ()

    aws_managed = True

    @property
    def key(self) -> str:
        """Its key in `index()` and in an account's usage table."""
        return fold(self.name)


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


def _policy(name: str, raw: dict[str, Any]) -> AwsPolicy:
    version = raw["DefaultVersionId"]
    return AwsPolicy(
        name=name,
        path=raw["Path"],
        arn=f"arn:aws:iam::aws:policy{raw['Path']}{name}",
        policy_id=derived_id("ANPA", "aws", fold(name)),
        default_version=version,
        description=raw.get("Description"),
        created=_when(raw["CreateDate"]),
        updated=_when(raw["UpdateDate"]),
        versions={version: AwsVersion(version, json.dumps(raw["Document"], indent=4), _when(raw["UpdateDate"]))},
    )


@functools.cache
def _load() -> tuple[Index[AwsPolicy], dict[str, AwsPolicy]]:
    by_key: Index[AwsPolicy] = Index()
    by_arn: dict[str, AwsPolicy] = {}
    for name, raw in _STAND_IN.items():
        policy = _policy(name, raw)
        by_key[policy.key] = policy
        by_arn[policy.arn] = policy
    return by_key, by_arn


def get(arn: str) -> AwsPolicy | None:
    """The AWS managed policy with this ARN, or None."""
    return _load()[1].get(arn)


def index() -> Index[AwsPolicy]:
    """Every AWS managed policy, sorted by name (for ListPolicies)."""
    return _load()[0]
