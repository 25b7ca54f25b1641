"""Inline policies of users and groups (reference iam-entities.md §6, §1.1): documents come back
as the dict that was put, names page, the aggregate size quota, missing names."""

from __future__ import annotations

import json

import pytest
from helpers import POLICY, error_of

DOCUMENT = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            # Already percent-encoded in the document: must survive (REAL, reference §1.1).
            "Resource": "arn:aws:apigateway:us-east-1::/tags/arn%3Aaws%3Aapigateway%3Aus-east-1",
        }
    ],
}


@pytest.fixture
def bob(iamfake):
    iamfake.add_user("bob")
    return "bob"


@pytest.fixture
def devs(iamfake):
    iamfake.add_group("devs")
    return "devs"


def test_get_user_policy_returns_the_document_as_a_dict(iam, bob):
    iam.put_user_policy(UserName=bob, PolicyName="read", PolicyDocument=json.dumps(DOCUMENT, indent=4))
    got = iam.get_user_policy(UserName="BOB", PolicyName="read")
    assert got["PolicyDocument"] == DOCUMENT
    assert (got["UserName"], got["PolicyName"]) == ("bob", "read")


def test_get_group_policy_returns_the_document_as_a_dict(iam, devs):
    text = '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}'
    iam.put_group_policy(GroupName=devs, PolicyName="deny-all", PolicyDocument=text)
    got = iam.get_group_policy(GroupName=devs, PolicyName="deny-all")
    assert got["PolicyDocument"] == json.loads(text)
    assert (got["GroupName"], got["PolicyName"]) == ("devs", "deny-all")


@pytest.mark.iamfake(transport="wire")
def test_documents_are_percent_encoded_on_the_wire(iam, bob):
    seen: list = []
    iam.meta.events.register("after-call.iam.GetUserPolicy", lambda http_response, **_: seen.append(http_response))
    document = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a b+c%3A/*"}],
    }
    iam.put_user_policy(UserName=bob, PolicyName="p", PolicyDocument=json.dumps(document))
    assert iam.get_user_policy(UserName=bob, PolicyName="p")["PolicyDocument"] == document
    # RFC 3986: %20 for a space, never "+"; the "%" of the document encoded once more (REAL).
    sent = seen[0].content.decode()
    assert "%3A%2F%2F" not in sent  # sanity: nothing double-decoded into a URL
    assert "a%20b%2Bc%253A%2F%2A" in sent
    assert "+" not in sent.split("<PolicyDocument>")[1].split("</PolicyDocument>")[0]


def test_put_again_replaces_the_document(iam, bob):
    iam.put_user_policy(UserName=bob, PolicyName="p", PolicyDocument=json.dumps(DOCUMENT))
    replaced = json.loads(POLICY)
    iam.put_user_policy(UserName=bob, PolicyName="p", PolicyDocument=json.dumps(replaced))
    assert iam.get_user_policy(UserName=bob, PolicyName="p")["PolicyDocument"] == replaced
    assert iam.list_user_policies(UserName=bob)["PolicyNames"] == ["p"]


def test_list_policies_names_only(iam, bob, devs):
    assert iam.list_user_policies(UserName=bob) | {"ResponseMetadata": None} == {
        "PolicyNames": [],
        "IsTruncated": False,
        "ResponseMetadata": None,
    }
    for name in ["b", "a"]:
        iam.put_user_policy(UserName=bob, PolicyName=name, PolicyDocument=POLICY)
        iam.put_group_policy(GroupName=devs, PolicyName=name, PolicyDocument=POLICY)
    assert iam.list_user_policies(UserName=bob)["PolicyNames"] == ["a", "b"]
    assert iam.list_group_policies(GroupName=devs)["PolicyNames"] == ["a", "b"]


def test_delete_user_policy(iam, bob):
    iam.put_user_policy(UserName=bob, PolicyName="p", PolicyDocument=POLICY)
    iam.delete_user_policy(UserName=bob, PolicyName="p")
    assert iam.list_user_policies(UserName=bob)["PolicyNames"] == []


def test_delete_group_policy(iam, devs):
    iam.put_group_policy(GroupName=devs, PolicyName="p", PolicyDocument=POLICY)
    iam.delete_group_policy(GroupName=devs, PolicyName="p")
    assert iam.list_group_policies(GroupName=devs)["PolicyNames"] == []


@pytest.mark.parametrize("op", ["get_user_policy", "delete_user_policy"])
def test_missing_user_policy(iam, bob, op):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(UserName=bob, PolicyName="nope")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user policy with name nope cannot be found.")


@pytest.mark.parametrize("op", ["get_group_policy", "delete_group_policy"])
def test_missing_group_policy(iam, devs, op):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(GroupName=devs, PolicyName="nope")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The group policy with name nope cannot be found.")


@pytest.mark.parametrize(
    "op",
    ["put_user_policy", "get_user_policy", "delete_user_policy", "list_user_policies"],
)
def test_user_policy_operations_on_an_unknown_user(iam, op):
    params = {"UserName": "nobody"}
    if op != "list_user_policies":
        params["PolicyName"] = "p"
    if op == "put_user_policy":
        params["PolicyDocument"] = "{}"
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(**params)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")


def _document_of_size(size: int) -> str:
    """A valid document whose text, less white space, is `size` characters."""
    statement = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::"}
    text = json.dumps({"Version": "2012-10-17", "Statement": [statement]}, separators=(",", ":"))
    return text.replace("arn:aws:s3:::", "arn:aws:s3:::" + "x" * (size - len(text)))


def test_user_inline_policies_share_2048_characters(iam, bob):
    iam.put_user_policy(UserName=bob, PolicyName="a", PolicyDocument=_document_of_size(1024))
    # White space does not count.
    iam.put_user_policy(UserName=bob, PolicyName="b", PolicyDocument=" \n" * 500 + _document_of_size(1024))
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.put_user_policy(UserName=bob, PolicyName="c", PolicyDocument=_document_of_size(100))
    assert error_of(exc_info) == ("LimitExceeded", 409, "Maximum policy size of 2048 bytes exceeded for user bob")
    # Replacing a policy counts its new size, not both.
    iam.put_user_policy(UserName=bob, PolicyName="b", PolicyDocument=_document_of_size(1000))
    assert iam.list_user_policies(UserName=bob)["PolicyNames"] == ["a", "b"]


def test_group_inline_policies_share_5120_characters(iam, devs):
    iam.put_group_policy(GroupName=devs, PolicyName="a", PolicyDocument=_document_of_size(5120))
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.put_group_policy(GroupName=devs, PolicyName="b", PolicyDocument=_document_of_size(100))
    assert error_of(exc_info) == ("LimitExceeded", 409, "Maximum policy size of 5120 bytes exceeded for group devs")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("This is not a json document", "Syntax errors in policy."),
        (
            '{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}',
            "Policy document must be version 2012-10-17 or greater.",
        ),
        (
            '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*"}]}',
            "Policy statement must contain resources.",
        ),
    ],
    ids=["not-json", "no-version", "no-resource"],
)
@pytest.mark.parametrize("owner", ["user", "group"])
def test_malformed_documents_are_refused_with_iams_message(iam, bob, devs, owner, document, message):
    put = iam.put_user_policy if owner == "user" else iam.put_group_policy
    owner_param = {"UserName": bob} if owner == "user" else {"GroupName": devs}
    with pytest.raises(iam.exceptions.MalformedPolicyDocumentException) as exc_info:
        put(**owner_param, PolicyName="p", PolicyDocument=document)
    assert error_of(exc_info) == ("MalformedPolicyDocument", 400, message)
    assert iam.list_user_policies(UserName=bob)["PolicyNames"] == []
    assert iam.list_group_policies(GroupName=devs)["PolicyNames"] == []


def test_policy_names_are_case_insensitive(iam, bob):
    iam.put_user_policy(UserName=bob, PolicyName="Read", PolicyDocument=POLICY)
    iam.put_user_policy(UserName=bob, PolicyName="READ", PolicyDocument=json.dumps(DOCUMENT))
    assert iam.list_user_policies(UserName=bob)["PolicyNames"] == ["READ"]
    assert iam.get_user_policy(UserName=bob, PolicyName="read")["PolicyDocument"] == DOCUMENT


def test_list_user_policies_paginator(iam, bob):
    for index in range(5):
        iam.put_user_policy(UserName=bob, PolicyName=f"p{index}", PolicyDocument=POLICY)
    paginator = iam.get_paginator("list_user_policies")
    pages = list(paginator.paginate(UserName=bob, PaginationConfig={"PageSize": 2}))
    assert [p["PolicyNames"] for p in pages] == [["p0", "p1"], ["p2", "p3"], ["p4"]]


def test_list_group_policies_paginator(iam, devs):
    for index in range(5):
        iam.put_group_policy(GroupName=devs, PolicyName=f"p{index}", PolicyDocument=POLICY)
    paginator = iam.get_paginator("list_group_policies")
    whole = paginator.paginate(GroupName=devs, PaginationConfig={"PageSize": 3}).build_full_result()
    assert whole["PolicyNames"] == [f"p{i}" for i in range(5)]
