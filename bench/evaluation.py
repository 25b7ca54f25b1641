"""Decisions per second of the policy evaluation engine for a typical IAM user.

The user holds 4 identity policies (AWS's IAMUserChangePassword, the MFA-protected
self-management policy, an inline policy and a group's managed policy) under a permissions
boundary.  Each decision is what enforcement will do per call: build the request context, find
the action's target in the action table, and evaluate.

- cold: every cache cleared before each decision (documents parsed and compiled, regexes built);
- warm: documents compiled, but a new PolicySet per decision (its action index starts empty);
- cached: one PolicySet reused while the policies are unchanged, context built per call;
- cached, caller's context reused: the caller's keys built once, the clock's keys added per call
  (Context.with_values), as enforcement should do;
- decide: as the previous, through `decide`, which remembers decisions per PolicySet keyed by the
  context keys the statements read (the clock moves every call; no statement here reads it);
- evaluate only: the cached case without building the context and target.

Run from the repository root: .venv/bin/python bench/evaluation.py [--seconds 1.0]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pytest_iamfake.model import actions
from pytest_iamfake.model.evaluation import (
    Context,
    Policy,
    PolicySet,
    Request,
    decide,
    evaluate,
    patterns,
    policy,
    user_context,
)
from tests import policy_docs as docs

ACCT = "123456789012"
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
CALLS = [
    ("ChangePassword", {}),
    ("GetUser", {"UserName": "alice"}),
    ("CreateAccessKey", {"UserName": "alice"}),
    ("ListAccessKeys", {}),
    ("CreateAccessKey", {"UserName": "bob"}),
    ("ListUsers", {}),
    ("GetAccountPasswordPolicy", {}),
    ("DeleteUser", {"UserName": "bob"}),
]
INLINE = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"},
        {"Effect": "Deny", "Action": "iam:Delete*", "Resource": "arn:aws:iam::*:user/admin*"},
    ],
}
GROUP = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "TeamTagged",
            "Effect": "Allow",
            "Action": "iam:*AccessKey*",
            "Resource": "arn:aws:iam::*:user/*",
            "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}},
        }
    ],
}
BOUNDARY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:*", "sts:*"], "Resource": "*"}]}


def policies() -> PolicySet:
    return PolicySet(
        [
            Policy.managed(
                docs.IAM_USER_CHANGE_PASSWORD, "arn:aws:iam::aws:policy/IAMUserChangePassword", "user alice"
            ),
            Policy.managed(docs.MFA_SELF_MANAGE, f"arn:aws:iam::{ACCT}:policy/SelfManage", "user alice"),
            Policy.inline(INLINE, "read", "user alice"),
            Policy.managed(GROUP, f"arn:aws:iam::{ACCT}:policy/team-keys", "group devs"),
        ],
        boundary=Policy.managed(BOUNDARY, f"arn:aws:iam::{ACCT}:policy/boundary"),
    )


def decide_call(policy_set: PolicySet, index: int) -> bool:
    operation, params = CALLS[index % len(CALLS)]
    target = actions.target("iam", operation, params, account_id=ACCT, caller_user_name="alice")
    context = user_context(
        account_id=ACCT,
        user_name="alice",
        user_id="AIDAALICE",
        now=NOW,
        tags={"team": "dev"},
        token_issued_at=NOW,
        mfa_authenticated_at=NOW,
    )
    request = Request.of(f"arn:aws:iam::{ACCT}:user/alice", target.action, target.resource, context)
    return evaluate(request, policy_set).allowed


def rate(step: Callable[[int], object], seconds: float) -> float:
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(50):
            step(count)
            count += 1
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description="decisions per second of the evaluation engine")
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    args = parser.parse_args()

    def cold(i: int) -> object:
        policy._compile_text.cache_clear()
        for cache in (patterns.compile_regex, patterns.arn_regex, patterns.glob_regex):
            cache.cache_clear()
        return decide_call(policies(), i)

    shared = policies()
    requests = []
    for operation, params in CALLS:
        target = actions.target("iam", operation, params, account_id=ACCT, caller_user_name="alice")
        context = user_context(account_id=ACCT, user_name="alice", user_id="AIDAALICE", now=NOW, tags={"team": "dev"})
        requests.append(Request.of(f"arn:aws:iam::{ACCT}:user/alice", target.action, target.resource, context))
    base = Context(user_context(account_id=ACCT, user_name="alice", user_id="AIDAALICE", now=NOW, tags={"team": "dev"}))

    def reused_context(i: int) -> object:
        operation, params = CALLS[i % len(CALLS)]
        target = actions.target("iam", operation, params, account_id=ACCT, caller_user_name="alice")
        context = base.with_values({"aws:CurrentTime": "2026-12-02T12:00:00Z", "aws:EpochTime": "1796212800"})
        request = Request(f"arn:aws:iam::{ACCT}:user/alice", target.action, target.resource, context)
        return evaluate(request, shared).allowed

    def remembered(i: int) -> object:
        operation, params = CALLS[i % len(CALLS)]
        target = actions.target("iam", operation, params, account_id=ACCT, caller_user_name="alice")
        context = base.with_values({"aws:CurrentTime": f"2026-12-02T12:00:{i % 60:02d}Z", "aws:EpochTime": str(i)})
        request = Request(f"arn:aws:iam::{ACCT}:user/alice", target.action, target.resource, context)
        return decide(request, shared).allowed

    rows = [
        ("cold", cold),
        ("warm (new PolicySet per decision)", lambda i: decide_call(policies(), i)),
        ("cached (PolicySet reused)", lambda i: decide_call(shared, i)),
        ("cached, caller's context reused", reused_context),
        ("decide (remembered, clock moving)", remembered),
        ("evaluate only (request prebuilt)", lambda i: evaluate(requests[i % len(requests)], shared)),
    ]
    print(f"typical user: 4 identity policies + boundary, {len(CALLS)} different calls in turn")
    for name, step in rows:
        per_second = rate(step, args.seconds)
        print(f"  {name:<36} {per_second:>10,.0f} decisions/s  ({1e6 / per_second:7.1f} us each)")


if __name__ == "__main__":
    main()
