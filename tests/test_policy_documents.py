"""Policy documents: IAM's grammar, its MalformedPolicyDocument texts, size quotas and wire encoding.

The malformed/accepted pairs are AWS's recorded answers to CreatePolicy (REAL, reference
iam-entities.md §5.7); messages outside that table are REAL from pasted AWS output or CHOSEN
(docs/reference/choices.md), as marked.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.handlers import decode_quoted_jsondoc

from pytest_iamfake.model.errors import IAMError
from pytest_iamfake.model.policy_document import (
    PolicyDocument,
    PolicyKind,
    check_inline_policies_size,
    check_managed_policy_size,
    check_trust_policy_size,
    encode_policy_document,
    parse_policy_document,
    policy_size,
)

BUCKET = "arn:aws:s3:::example_bucket"
LIST = {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": BUCKET}

SYNTAX = "Syntax errors in policy."
LEGACY = "The policy failed legacy parsing"
VERSION = "Policy document must be version 2012-10-17 or greater."
ACTIONS = "Policy statement must contain actions."
RESOURCES = "Policy statement must contain resources."
NO_VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
COLONS = "Actions/Condition can contain only one colon."
SIDS = "Statement IDs (SID) in a single policy must be unique."
IAM_PATH = (
    'IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, '
    "instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, "
    "report/, access-report/."
)


def policy(statement: Any, version: str | None = "2012-10-17", **top: Any) -> str:
    document: dict[str, Any] = {} if version is None else {"Version": version}
    document.update(top)
    document["Statement"] = statement
    return json.dumps(document)


def with_(**changes: Any) -> dict[str, Any]:
    return {**LIST, **changes}


def without(*keys: str, **changes: Any) -> dict[str, Any]:
    return {key: value for key, value in {**LIST, **changes}.items() if key not in keys}


def malformed(text: str, kind: PolicyKind = PolicyKind.IDENTITY) -> str:
    with pytest.raises(IAMError) as caught:
        parse_policy_document(text, kind)
    assert caught.value.code == "MalformedPolicyDocument"
    return caught.value.message


# (document, AWS's message): every recorded case, in the reference's groups.
REFUSED = [
    # grammar shape -> syntax errors
    pytest.param("This is not a json document", SYNTAX, id="not-json"),
    pytest.param(policy(LIST, version="2013-10-17"), SYNTAX, id="unknown-version"),
    pytest.param(json.dumps({"Version": "2012-10-17"}), SYNTAX, id="no-statement"),
    pytest.param(policy([]), SYNTAX, id="empty-statement-list"),
    pytest.param(policy(["afd"]), SYNTAX, id="statement-not-object"),
    pytest.param(policy(LIST, **{"Extra field": "value"}), SYNTAX, id="unknown-top-level-key"),
    pytest.param(policy(with_(**{"Extra field": "value"})), SYNTAX, id="unknown-statement-key"),
    pytest.param(policy(LIST, Id=["x"]), SYNTAX, id="id-list"),
    pytest.param(policy(LIST, Id={}), SYNTAX, id="id-object"),
    pytest.param(policy(with_(Sid={})), SYNTAX, id="sid-object"),
    pytest.param(policy(with_(Sid=[])), SYNTAX, id="sid-list"),
    pytest.param(policy(without("Effect")), SYNTAX, id="no-effect"),
    pytest.param(policy(with_(Effect="invalid")), SYNTAX, id="effect-unknown"),
    pytest.param(policy(with_(NotAction="s3:Get", Action="iam:dsf")), SYNTAX, id="action-and-notaction"),
    pytest.param(policy(with_(NotAction="s3s:List", Action=[])), SYNTAX, id="empty-action-and-notaction"),
    pytest.param(policy(with_(NotResource="*")), SYNTAX, id="resource-and-notresource"),
    pytest.param(policy(with_(NotAction="s3:List", NotResource=[])), SYNTAX, id="resource-and-empty-notresource"),
    pytest.param(policy(with_(Resource={"a": BUCKET})), SYNTAX, id="resource-object"),
    pytest.param(policy(with_(Effect="Deny", Resource=["adfdf", {}])), SYNTAX, id="resource-list-with-object"),
    pytest.param(policy(with_(Action=[[]])), SYNTAX, id="action-list-of-list"),
    pytest.param(policy(with_(Action={})), SYNTAX, id="action-object"),
    pytest.param(policy(with_(Condition=[])), SYNTAX, id="condition-list"),
    pytest.param(policy(with_(Condition="a")), SYNTAX, id="condition-string"),
    pytest.param(policy(with_(Condition={"a": "b"})), SYNTAX, id="condition-block-string"),
    pytest.param(policy(with_(Condition={"DateGreaterThan": "b"})), SYNTAX, id="operator-string"),
    pytest.param(policy(with_(Condition={"DateGreaterThan": []})), SYNTAX, id="operator-list"),
    pytest.param(policy(with_(Condition={"DateGreaterThan": {"a": {}}})), SYNTAX, id="condition-value-object"),
    pytest.param(
        policy(without("Action", Condition={"DateGreaterThan": {"a": {}}})), SYNTAX, id="syntax-before-actions"
    ),
    pytest.param(policy(with_(Condition={"x": {"a": "1"}})), SYNTAX, id="unknown-operator-with-keys"),
    pytest.param(
        policy(with_(Condition={"ForAnyValue::StringEqualsIfExists": {"a": "asf"}})), SYNTAX, id="operator-double-colon"
    ),
    pytest.param(
        policy(with_(Condition=[{"ForAllValues:StringEquals": {"aws:TagKeys": "x"}}])), SYNTAX, id="condition-in-list"
    ),
    # Version
    pytest.param(policy(LIST, version=None), VERSION, id="no-version"),
    pytest.param(policy(LIST, version="2008-10-17"), VERSION, id="version-2008"),
    pytest.param(policy([with_(Sid="a"), {"Sid": "a", "Effect": "Allow"}], version=None), VERSION, id="version-first"),
    pytest.param(policy(with_(Effect="denY"), version=None), VERSION, id="version-before-legacy"),
    pytest.param(
        policy(with_(Condition={"DateGreaterThan": {"a": "x"}}), version=None), VERSION, id="version-before-dates"
    ),
    # the legacy parser
    pytest.param(policy(with_(Effect="denY")), LEGACY, id="effect-case"),
    pytest.param(policy({"Effect": "allow", "Resource": "arn:aws:s3:us-east-1::b"}), LEGACY, id="effect-lower"),
    pytest.param(policy([with_(Sid="a", Effect="aLLow"), {"Sid": "a", "Effect": "Allow"}]), LEGACY, id="legacy-first"),
    pytest.param(policy(with_(Condition={"DateGreaterThan": {"a": "sdfdsf"}})), LEGACY, id="date-garbage"),
    pytest.param(policy(with_(Condition={"DateLessThanEquals": {"a": "234-13"}})), LEGACY, id="date-month-13"),
    pytest.param(
        policy(with_(Condition={"DateLessThanEquals": {"a": "2016-12-13t2:00:00.593194+1"}})), LEGACY, id="date-offset"
    ),
    pytest.param(
        policy(with_(Condition={"DateLessThanEquals": {"a": "2016-12-13t2:00:00.1999999999+10:59"}})),
        LEGACY,
        id="date-ten-digit-fraction",
    ),
    pytest.param(policy(with_(Condition={"DateLessThan": {"a": str(2**63)}})), LEGACY, id="date-epoch-overflow"),
    pytest.param(policy(without("Action", Condition={"DateGreaterThan": {"a": "x"}})), LEGACY, id="dates-first"),
    pytest.param(
        policy(with_(Resource="arn:error:s3:::b", Condition={"DateGreaterThan": {"a": "x"}})),
        LEGACY,
        id="dates-before-resources",
    ),
    pytest.param(policy(with_(Resource="arn:aws:s3::example_bucket")), LEGACY, id="arn-too-few-fields"),
    pytest.param(policy(without("Action")), ACTIONS, id="no-action"),
    pytest.param(policy(without("Action", Resource="arn:aws:s3::b")), LEGACY, id="legacy-arn-before-actions"),
    pytest.param(policy(without("Resource", NotResource="arn:aws:s3::b")), LEGACY, id="legacy-notresource"),
    pytest.param(policy(without("Action", NotAction="s3:Get", Resource="arn:aws::::b")), LEGACY, id="empty-vendor"),
    pytest.param(policy(with_(Resource="arn:aws::fdsasf")), LEGACY, id="empty-vendor-short"),
    # resources
    pytest.param(policy(with_(Resource="invalid resource")), 'Resource invalid resource must be in ARN format or "*".'),
    pytest.param(policy(with_(Resource="")), 'Resource  must be in ARN format or "*".', id="resource-empty"),
    pytest.param(
        policy(
            [
                with_(Sid="One", Resource="", Condition={"StringEquals": {"account:TargetRegion": "ap-east-1"}}),
                with_(Sid="Two", Action=["aws-portal:ViewAccount", "account:ListRegions"], Resource=""),
            ]
        ),
        'Resource  must be in ARN format or "*".',
        id="resource-empty-in-two-statements",
    ),
    pytest.param(policy(with_(Resource=["adf"])), 'Resource adf must be in ARN format or "*".', id="resource-in-list"),
    pytest.param(
        policy(with_(Action="s:3:ListBucket", Resource="sdfsadf")),
        'Resource sdfsadf must be in ARN format or "*".',
        id="resources-before-actions",
    ),
    pytest.param(
        policy(without("Action", NotAction="s3s:List", Resource="a:bsdfdsafsad")),
        'Partition "bsdfdsafsad" is not valid for resource "arn:bsdfdsafsad:*:*:*:*".',
        id="partition-two-fields",
    ),
    pytest.param(
        policy(with_(Resource="a:b:cadfsdf")),
        'Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*".',
        id="partition-three-fields",
    ),
    pytest.param(
        policy(with_(Resource="a:b:c:d:e:f:g:h")),
        'Partition "b" is not valid for resource "arn:b:c:d:e:f:g:h".',
        id="partition-eight-fields",
    ),
    pytest.param(
        policy(with_(Resource="aws:s3:::example_bucket")),
        'Partition "s3" is not valid for resource "arn:s3:::example_bucket:*".',
        id="arn-prefix-missing",
    ),
    pytest.param(
        policy(with_(Resource=["arn:error:s3:::example_bucket", "arn:error:s3::example_bucket"])),
        'Partition "error" is not valid for resource "arn:error:s3:::example_bucket".',
        id="partition-first-of-list",
    ),
    pytest.param(
        policy(with_(Resource="arn:aws")),
        "Resource vendor must be fully qualified and cannot contain regexes.",
        id="no-vendor",
    ),
    pytest.param(policy(with_(Resource="arn:aws:iam:::example_bucket")), IAM_PATH, id="iam-path"),
    pytest.param(
        policy(with_(Resource="arn:aws:iam:us-east-1::example_bucket")),
        "IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information.",
        id="iam-region",
    ),
    pytest.param(
        policy(with_(Resource="arn:aws:s3:us-east-1::example_bucket")),
        "Resource arn:aws:s3:us-east-1::example_bucket can not contain region information.",
        id="s3-region",
    ),
    # statement ids, presence of actions and resources, actions
    pytest.param(policy([with_(Sid="sdf"), {"Sid": "sdf", "Effect": "Allow"}]), SIDS, id="duplicate-sids"),
    pytest.param(policy({"Effect": "Allow"}), ACTIONS, id="effect-only"),
    pytest.param(policy(with_(Action=[])), ACTIONS, id="action-empty-list"),
    pytest.param(policy([{"Effect": "Deny"}, LIST]), ACTIONS, id="first-statement-without-actions"),
    pytest.param(policy(without("Resource")), RESOURCES, id="no-resource"),
    pytest.param(policy(with_(Resource=[])), RESOURCES, id="resource-empty-list"),
    pytest.param(policy(without("Resource", Action="invalid")), RESOURCES, id="resources-before-action-format"),
    pytest.param(policy(with_(Action="invalid")), NO_VENDOR, id="action-without-vendor"),
    pytest.param(policy(without("Action", NotAction="")), NO_VENDOR, id="notaction-empty"),
    pytest.param(policy(with_(Action="a a:ListBucket")), "Vendor a a is not valid", id="vendor-with-space"),
    pytest.param(policy(with_(Action="s3:List:Bucket")), COLONS, id="two-colons"),
    pytest.param(policy([with_(Action="s3s:ListBucket"), with_(Action="s:3s:ListBucket")]), COLONS, id="second"),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_malformed_documents_get_aws_wording(text: str, message: str) -> None:
    assert malformed(text) == message


ACCEPTED = [
    pytest.param(with_(Resource=[BUCKET]), id="resource-list"),
    pytest.param([LIST], id="statement-list"),
    pytest.param(with_(Action="iam: asdf safdsf af "), id="spaces-in-action-name"),
    pytest.param(with_(Resource=[BUCKET, "*"]), id="wildcard-resource"),
    pytest.param(with_(Action="*"), id="wildcard-action"),
    pytest.param(with_(Action=["s3-s:List", "s3.s:List", "aaaaaadsfdsafsadfsadfaaaaa:List"]), id="vendor-characters"),
    pytest.param(with_(Resource="arn:aws:iam:::user/example_bucket"), id="iam-user-path"),
    pytest.param(with_(Resource="arn:aws:s33:::example_bucket"), id="unknown-vendor"),
    pytest.param(with_(Resource="arn:aws:fdsasf"), id="three-field-arn"),
    pytest.param(with_(Resource="arn:aws:ec2:us-east-1::example_bucket"), id="regional-vendor"),
    pytest.param(with_(Resource="arn:aws:s3:us-west-2:123456789012:accesspoint/ap/object/*"), id="s3-access-point"),
    pytest.param(with_(Resource="arn:aws:iam::*:user/${aws:username}"), id="policy-variable"),
    pytest.param(with_(Resource="arn:aws:iam::${aws:PrincipalAccount}:role/r"), id="variable-with-colon-as-account"),
    pytest.param(with_(Condition={}), id="empty-condition"),
    pytest.param(with_(Condition={"a": {}}), id="unknown-operator-without-keys"),
    pytest.param(with_(Condition={"x": {}, "y": {}}), id="unknown-operators-without-keys"),
    pytest.param(with_(Condition={"DateGreaterThan": {}}), id="empty-operator"),
    pytest.param(with_(Condition={"DateGreaterThan": {"a": []}}), id="empty-values"),
    pytest.param(with_(Condition={"ForAnyValue:StringEqualsIfExists": {"a": "asf"}}), id="set-and-ifexists"),
    pytest.param(with_(Condition={"Null": {"aws:TagKeys": "false"}, "BoolIfExists": {"k": "true"}}), id="null-bool"),
    pytest.param(
        with_(Condition={"DateGreaterThan": {"aws:CurrentTime": ["2017-07-01T00:00:00Z", "01T", "-292275054"]}}),
        id="dates",
    ),
    pytest.param(
        with_(Condition={"DateLessThanEquals": {"a": ["2016-12-13T21:20:37.593194+00:00", "2016-12-13t2:00:00.5+23"]}}),
        id="dates-with-offsets",
    ),
    pytest.param(with_(Sid="dsfsdfsdfsdfsdfsadfsd"), id="sid"),
    pytest.param([with_(Sid=""), with_(Sid="")], id="empty-sids-repeat"),
    pytest.param(without("Action", NotAction="s3:ListBucket"), id="notaction"),
    pytest.param(without("Resource", Effect="Deny", NotResource=["arn:aws:s3:::hr/*"]), id="notresource"),
    pytest.param(
        [
            with_(Action=["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"], Resource="*"),
            with_(Sid="AllowManageOwnPasswords", Resource="arn:aws:iam::*:user/${aws:username}"),
            with_(Sid="OwnMFA", Action="iam:CreateVirtualMFADevice", Resource="arn:aws:iam::*:mfa/${aws:username}"),
            without(
                "Action",
                Sid="DenyAllExceptListedIfNoMFA",
                Effect="Deny",
                NotAction=["iam:GetUser", "sts:GetSessionToken"],
                Resource="*",
                Condition={"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
            ),
        ],
        id="self-managed-credentials",
    ),
    pytest.param(
        with_(Action=["dynamodb:List*", "dynamodb:BatchGet*"], Resource="arn:aws:dynamodb:*:*:table/MyTable"),
        id="wildcard-actions",
    ),
    pytest.param(
        with_(
            Resource=["arn:aws:ec2:*:*:volume/*"],
            Condition={"ArnEquals": {"ec2:SourceInstanceARN": "arn:aws:ec2:*:*:instance/instance-id"}},
        ),
        id="arn-condition",
    ),
    pytest.param(
        with_(
            Resource="arn:aws:s3:::bucket/cognito/app/${cognito-identity.amazonaws.com:sub}/*",
            Condition={"StringLike": {"s3:prefix": ["", "home/", "home/${aws:userid}/*"]}},
        ),
        id="variables-with-colons",
    ),
    pytest.param(with_(Action="rds:*", Resource=["arn:aws:rds:region:*:*"]), id="literal-region-word"),
]


@pytest.mark.parametrize("statement", ACCEPTED)
def test_valid_documents_are_accepted(statement: Any) -> None:
    document = parse_policy_document(policy(statement))
    assert document.kind is PolicyKind.IDENTITY
    assert document.version == "2012-10-17"


def test_the_document_keeps_the_submitted_text_and_normalises_statements() -> None:
    text = (
        '{\n  "Statement": {"Sid": "One", "Effect": "Deny", "Action": "s3:*", "NotResource": "*"},\n'
        '  "Version": "2012-10-17", "Id": "x"\n}'
    )
    document = parse_policy_document(text)
    assert document.text == text  # whitespace and key order as submitted
    assert document.id == "x"
    (statement,) = document.statements
    assert statement.sid == "One"
    assert statement.effect == "Deny"
    assert statement.action == ("s3:*",)
    assert statement.not_action is None
    assert statement.resource is None
    assert statement.not_resource == ("*",)
    assert statement.condition == {}


def test_conditions_are_normalised_to_tuples() -> None:
    condition = {"StringEquals": {"aws:RequestTag/CostCenter": ["A-123", "B-456"], "aws:username": "alice"}}
    (statement,) = parse_policy_document(policy(with_(Condition=condition))).statements
    assert statement.condition == {
        "StringEquals": {"aws:RequestTag/CostCenter": ("A-123", "B-456"), "aws:username": ("alice",)}
    }


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"Version": "2012-10-17", "Version": "2012-10-17", "Statement": []}', id="duplicate-key"),
        pytest.param(policy(with_(Condition={"NumericLessThan": {"a": float("nan")}})), id="nan"),
        pytest.param(policy(with_(Condition={"StringEquals": {"a": None}})), id="null-value"),
        pytest.param(policy(with_(Condition={"NullIfExists": {"a": "true"}})), id="null-ifexists"),
        pytest.param("[]", id="top-level-list"),
    ],
)
def test_chosen_syntax_errors(text: str) -> None:
    # CHOSEN (docs/reference/choices.md): AWS's answer to these is not recorded.
    assert malformed(text) == SYNTAX


def test_sid_must_be_alphanumeric() -> None:
    # REAL text from CloudFormation/console output; the precedence among phases is CHOSEN.
    assert malformed(policy(with_(Sid="autogenerated-id"))) == (
        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"
    )


@pytest.mark.parametrize(
    "principal",
    [
        pytest.param({"Principal": {"AWS": "arn:aws:iam::123456789012:root"}}, id="principal"),
        pytest.param({"NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}}, id="notprincipal"),
    ],
)
def test_identity_policies_name_no_principal(principal: dict[str, Any]) -> None:
    # REAL for Principal (PutRolePolicy / PutGroupPolicy output); the same text for NotPrincipal is CHOSEN.
    assert malformed(policy(with_(**principal))) == "Policy document should not specify a principal."


# --- trust policies ---------------------------------------------------------------------

TRUST = {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}


def test_a_trust_policy_is_parsed_with_its_principal() -> None:
    text = policy([TRUST, {**TRUST, "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "123456789012"]}}])
    document = parse_policy_document(text, PolicyKind.TRUST)
    assert document.kind is PolicyKind.TRUST
    assert [statement.principal for statement in document.statements] == [
        {"Service": ("ec2.amazonaws.com",)},
        {"AWS": ("arn:aws:iam::123456789012:root", "123456789012")},
    ]
    assert document.text == text


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param({**TRUST, "Principal": "*"}, id="everyone"),
        pytest.param({**TRUST, "Principal": {"Federated": "arn:aws:iam::1:oidc-provider/x"}}, id="federated"),
        pytest.param({**TRUST, "Action": ["sts:AssumeRole", "sts:TagSession"]}, id="actions"),
    ],
)
def test_trust_policies_accept(statement: dict[str, Any]) -> None:
    parse_policy_document(policy(statement), PolicyKind.TRUST)


@pytest.mark.parametrize("version", [None, "2008-10-17"])
def test_trust_policies_accept_old_or_missing_versions(version: str | None) -> None:
    # CHOSEN: long-lived trust policies are written with 2008-10-17 or no Version.
    parse_policy_document(policy(TRUST, version=version), PolicyKind.TRUST)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("not json", "This policy contains invalid Json", id="not-json"),  # REAL
        pytest.param(policy({**TRUST, "Resource": "*"}), "Has prohibited field Resource", id="resource"),  # REAL
        pytest.param(
            policy({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}),
            "Has prohibited field Resource",
            id="resource-before-principal",
        ),
        pytest.param(policy({**TRUST, "NotResource": "*"}), "Has prohibited field NotResource", id="notresource"),
        pytest.param(
            policy({"Effect": "Deny", "NotPrincipal": {"AWS": "x"}, "Action": "sts:AssumeRole"}),
            "Has prohibited field NotPrincipal",
            id="notprincipal",
        ),
        pytest.param(
            policy([TRUST, {"Effect": "Allow", "Action": "sts:AssumeRole"}]),
            "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: "
            "The passed in policy has a statement with no principals!",
            id="no-principal",
        ),  # REAL
        pytest.param(policy({**TRUST, "Principal": {"Robot": "x"}}), SYNTAX, id="unknown-principal-type"),
        pytest.param(policy({**TRUST, "Principal": {"AWS": {"x": 1}}}), SYNTAX, id="principal-value-object"),
        pytest.param(policy({**TRUST, "Principal": "someone"}), SYNTAX, id="principal-string"),
        pytest.param(policy({k: v for k, v in TRUST.items() if k != "Action"}), ACTIONS, id="no-action"),
        pytest.param(policy({**TRUST, "Action": "AssumeRole"}), NO_VENDOR, id="action-without-vendor"),
        pytest.param(policy({**TRUST, "Effect": "allow"}), LEGACY, id="effect-case"),
    ],
)
def test_malformed_trust_policies(text: str, message: str) -> None:
    assert malformed(text, PolicyKind.TRUST) == message


# --- sizes ------------------------------------------------------------------------------


def padded(size: int) -> str:
    """A valid identity policy of exactly ``size`` non-whitespace characters, pretty-printed."""
    base = json.loads(policy(with_(Sid="")))
    skeleton = policy_size(json.dumps(base, indent=4))
    base["Statement"]["Sid"] = "A" * (size - skeleton)
    text = json.dumps(base, indent=4)
    assert policy_size(text) == size
    return text


def test_white_space_is_not_counted() -> None:
    assert policy_size(' { "a" :\t"b c" }\r\n') == len('{"a":"bc"}')
    compact = json.dumps(json.loads(padded(300)), separators=(",", ":"))
    assert parse_policy_document(padded(300)).size == len(compact) == 300


def test_managed_policy_size_quota() -> None:
    check_managed_policy_size(parse_policy_document(padded(6144)))  # 6,144 is allowed
    with pytest.raises(IAMError) as caught:
        check_managed_policy_size(padded(6145))
    assert (caught.value.code, caught.value.message) == ("LimitExceeded", "Cannot exceed quota for PolicySize: 6144")


@pytest.mark.parametrize(("entity", "quota"), [("user", 2048), ("group", 5120), ("role", 10240)])
def test_inline_policies_quota_is_on_the_sum(entity: Any, quota: int) -> None:
    check_inline_policies_size(entity, "alice", [quota - 100, 100])
    with pytest.raises(IAMError) as caught:
        check_inline_policies_size(entity, "alice", [quota - 100, 101])
    assert caught.value.code == "LimitExceeded"
    assert caught.value.message == f"Maximum policy size of {quota} bytes exceeded for {entity} alice"


def test_trust_policy_size_quota() -> None:
    check_trust_policy_size("x" * 2048)
    with pytest.raises(IAMError) as caught:
        check_trust_policy_size(parse_policy_document(padded(2049)))
    assert (caught.value.code, caught.value.message) == (
        "LimitExceeded",
        "Cannot exceed quota for ACLSizePerRole: 2048",
    )


# --- the wire ----------------------------------------------------------------------------


def test_encoding_matches_aws_captured_form() -> None:
    # REAL prefix of a captured GetUserPolicy response (iam-entities.md §1.1).
    encoded = encode_policy_document('{\n    "Version": "2012-10-17",\n')
    assert encoded == "%7B%0A%20%20%20%20%22Version%22%3A%20%222012-10-17%22%2C%0A"


@pytest.mark.parametrize(
    "resource",
    [
        "arn:aws:apigateway:us-east-1::/tags/arn%3Aaws%3Aapigateway%3Aus-east-1",  # REAL round trip (§1.1)
        "arn:aws:s3:::a bucket+with/plus & ampersand <angle> ü",
    ],
)
def test_botocore_hands_back_exactly_the_submitted_document(resource: str) -> None:
    text = json.dumps({"Version": "2012-10-17", "Statement": [with_(Resource=resource)]}, indent=2)
    document: PolicyDocument = parse_policy_document(text)
    decoded = decode_quoted_jsondoc(document.encoded)  # what botocore's after-call handler does
    assert decoded == json.loads(text)
    assert decoded["Statement"][0]["Resource"] == resource


class _RawBody:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Any:
        yield self.body


TRICKY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [with_(Resource="arn:aws:apigateway:us-east-1::/tags/arn%3Aaws%3Aapigateway+x y&<z>")],
    },
    indent=4,
)


@pytest.mark.parametrize("transport", ["call", "wire"])
def test_botocore_decodes_what_either_transport_emits(transport: str) -> None:
    """Both answer points of the fake, reproduced with bare botocore hooks: the caller gets the submitted dict."""
    import botocore.session
    from botocore.awsrequest import AWSResponse

    encoded = parse_policy_document(TRICKY).encoded
    client: Any = botocore.session.get_session().create_client(
        "iam", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret"
    )
    if transport == "call":

        def answer_call(**_: Any) -> tuple[AWSResponse, dict[str, Any]]:
            parsed = {"UserName": "alice", "PolicyName": "p", "PolicyDocument": encoded, "ResponseMetadata": {}}
            return AWSResponse("", 200, {}, None), parsed  # type: ignore[arg-type]

        client.meta.events.register("before-call.iam.GetUserPolicy", answer_call)
    else:
        body = (
            '<GetUserPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserPolicyResult>'
            f"<PolicyDocument>{encoded}</PolicyDocument><PolicyName>p</PolicyName><UserName>alice</UserName>"
            "</GetUserPolicyResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
            "</GetUserPolicyResponse>"
        ).encode()

        def answer_send(**_: Any) -> AWSResponse:
            return AWSResponse("https://iam.amazonaws.com/", 200, {}, _RawBody(body))  # type: ignore[arg-type]

        client.meta.events.register("before-send.iam.GetUserPolicy", answer_send)
    response = client.get_user_policy(UserName="alice", PolicyName="p")
    assert response["PolicyDocument"] == json.loads(TRICKY)
