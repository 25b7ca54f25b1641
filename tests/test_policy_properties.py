"""Property tests of the engine's invariants over generated policies and requests."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_iamfake.model.evaluation import Decision, Policy, PolicySet, Request, evaluate
from pytest_iamfake.model.evaluation import decide as decide_remembered

ACCT = "123456789012"
ALICE = f"arn:aws:iam::{ACCT}:user/alice"
RESOURCES = [ALICE, f"arn:aws:iam::{ACCT}:user/bob", f"arn:aws:iam::{ACCT}:user/eng/carol", "*"]
ACTIONS = ["iam:GetUser", "iam:ListUsers", "iam:CreateAccessKey", "iam:DeleteUser", "sts:AssumeRole", "s3:GetObject"]
ACTION_PATTERNS = [*ACTIONS, "iam:*", "iam:Get*", "*", "iam:List?sers", "IAM:getuser", "iam:*Access*"]
RESOURCE_PATTERNS = [
    *RESOURCES,
    "arn:aws:iam::*:user/*",
    "arn:aws:iam::*:user/${aws:username}",
    "arn:aws:iam::*:user/b*",
    "arn:aws:iam::*:*",
    "arn:aws:iam::*:user/eng/*",
]
CONDITIONS: list[dict[str, Any] | None] = [
    None,
    {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
    {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
    {"StringEquals": {"aws:username": "alice"}},
    {"StringNotEquals": {"aws:username": ["alice", "bob"]}},
    {"StringLike": {"aws:PrincipalTag/team": "dev*"}},
    {"ForAnyValue:StringEquals": {"aws:TagKeys": ["a"]}},
    {"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}},
    {"Null": {"aws:PrincipalTag/team": "true"}},
    {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}},
    {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
]
CONTEXTS = st.fixed_dictionaries(
    {"aws:username": st.just("alice")},
    optional={
        "aws:MultiFactorAuthPresent": st.booleans(),
        "aws:PrincipalTag/team": st.sampled_from(["dev", "developers", "ops"]),
        "aws:TagKeys": st.lists(st.sampled_from(["a", "b", "c"]), max_size=3),
        "aws:MultiFactorAuthAge": st.integers(0, 7200),
        "aws:SourceIp": st.sampled_from(["203.0.113.9", "198.51.100.1"]),
    },
)


@st.composite
def statements(draw: st.DrawFn, effect: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"Effect": effect or draw(st.sampled_from(["Allow", "Deny"]))}
    actions = draw(st.lists(st.sampled_from(ACTION_PATTERNS), min_size=1, max_size=3))
    out["NotAction" if draw(st.booleans()) and len(actions) == 1 else "Action"] = actions
    resources = draw(st.lists(st.sampled_from(RESOURCE_PATTERNS), min_size=1, max_size=2))
    out["NotResource" if draw(st.integers(0, 5)) == 0 else "Resource"] = resources
    condition = draw(st.sampled_from(CONDITIONS))
    if condition is not None:
        out["Condition"] = condition
    return out


@st.composite
def situations(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]] | None, Request]:
    identity = draw(st.lists(statements(), max_size=5))
    boundary = draw(st.none() | st.lists(statements(), max_size=3))
    request = Request.of(ALICE, draw(st.sampled_from(ACTIONS)), draw(st.sampled_from(RESOURCES)), draw(CONTEXTS))
    return identity, boundary, request


def decide(identity: list[dict[str, Any]], boundary: list[dict[str, Any]] | None, request: Request) -> Decision:
    def policy(stmts: list[dict[str, Any]], name: str) -> Policy:
        return Policy.inline({"Version": "2012-10-17", "Statement": stmts}, name, "user alice")

    bound = None if boundary is None else policy(boundary, "boundary")
    return evaluate(request, PolicySet([policy(identity, "identity")], boundary=bound))


# Enough examples to catch a broken invariant while keeping the suite quick.
SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(situations(), statements(effect="Deny"))
def test_adding_a_deny_never_turns_a_deny_into_an_allow(situation: Any, extra: dict[str, Any]) -> None:
    identity, boundary, request = situation
    before = decide(identity, boundary, request)
    after = decide([*identity, extra], boundary, request)
    if not before.allowed:
        assert not after.allowed
    if before.decision == "explicitDeny":
        assert after.decision == "explicitDeny"


@SETTINGS
@given(situations(), statements(effect="Allow"))
def test_adding_an_allow_never_overrides_an_explicit_deny(situation: Any, extra: dict[str, Any]) -> None:
    identity, boundary, request = situation
    before = decide(identity, boundary, request)
    after = decide([*identity, extra], boundary, request)
    if before.decision == "explicitDeny":
        assert after.decision == "explicitDeny"
    if before.allowed:
        assert after.allowed


@SETTINGS
@given(situations(), statements(), st.sampled_from(["action", "resource", "condition"]))
def test_a_statement_that_matches_nothing_changes_nothing(situation: Any, extra: dict[str, Any], how: str) -> None:
    identity, boundary, request = situation
    inert = dict(extra)
    if how == "action":
        inert.pop("NotAction", None)
        inert["Action"] = "iam:NoSuchActionAnywhere"
    elif how == "resource":
        inert.pop("NotResource", None)
        inert["Resource"] = "arn:aws:iam::000000000000:user/nobody"
    else:
        inert["Condition"] = {"StringEquals": {"aws:username": "no-such-user"}}
    before = decide(identity, boundary, request)
    after = decide([*identity, inert], boundary, request)
    assert (after.decision, after.denied_by) == (before.decision, before.denied_by)


@SETTINGS
@given(situations(), st.randoms(use_true_random=False))
def test_statement_order_does_not_matter(situation: Any, random: Any) -> None:
    identity, boundary, request = situation
    shuffled = list(identity)
    random.shuffle(shuffled)
    before = decide(identity, boundary, request)
    after = decide(shuffled, boundary, request)
    assert (after.decision, after.denied_by) == (before.decision, before.denied_by)


@SETTINGS
@given(situations())
def test_a_boundary_only_takes_away(situation: Any) -> None:
    identity, boundary, request = situation
    if decide(identity, boundary, request).allowed:
        assert decide(identity, None, request).allowed


@SETTINGS
@given(situations())
def test_decisions_agree_with_their_matched_statements_and_explain_themselves(situation: Any) -> None:
    identity, boundary, request = situation
    decision = decide(identity, boundary, request)
    effects = {m.effect for m in decision.matched}
    assert (decision.decision == "explicitDeny") == ("Deny" in effects)
    if decision.allowed:
        assert "Allow" in effects
    text = str(decision)
    assert request.action in text
    assert text.count("statement ") >= len(identity)


@SETTINGS
@given(situations())
def test_context_key_case_does_not_matter(situation: Any) -> None:
    identity, boundary, request = situation
    upper = Request.of(
        request.principal,
        request.action.upper(),
        request.resource,
        {name.upper(): list(v) if name.lower() == "aws:tagkeys" else v[0] for name, v in request.context.items()},
    )
    assert decide(identity, boundary, upper).decision == decide(identity, boundary, request).decision


@SETTINGS
@given(
    st.lists(statements(), max_size=5),
    st.none() | st.lists(statements(), max_size=3),
    st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from(RESOURCES), CONTEXTS), min_size=1, max_size=6),
)
def test_remembered_decisions_agree_with_fresh_ones(
    identity: list[dict[str, Any]], boundary: list[dict[str, Any]] | None, asks: list[Any]
) -> None:
    def policy(stmts: list[dict[str, Any]], name: str) -> Policy:
        return Policy.inline({"Version": "2012-10-17", "Statement": stmts}, name, "user alice")

    shared = PolicySet([policy(identity, "identity")], boundary=None if boundary is None else policy(boundary, "b"))
    for action, resource, context in asks + asks:
        request = Request.of(ALICE, action, resource, context)
        fresh = evaluate(request, shared)
        remembered = decide_remembered(request, shared)
        assert (remembered.decision, remembered.denied_by) == (fresh.decision, fresh.denied_by)
        assert remembered.request is request
