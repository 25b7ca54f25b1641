"""TagUser, UntagUser, ListUserTags (reference iam-entities.md §2.2)."""

from __future__ import annotations

import pytest
from helpers import error_of

TAG_PATTERN = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]+"


def tags(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in pairs]


@pytest.fixture
def bob(iam):
    iam.create_user(UserName="bob")
    return "bob"


def test_tag_list_and_untag(iam, bob):
    assert iam.list_user_tags(UserName=bob)["Tags"] == []
    iam.tag_user(UserName=bob, Tags=tags(("team", "blue"), ("cost", "")))
    listed = iam.list_user_tags(UserName=bob)
    assert listed["Tags"] == tags(("cost", ""), ("team", "blue"))
    assert listed["IsTruncated"] is False
    assert iam.get_user(UserName=bob)["User"]["Tags"] == tags(("team", "blue"), ("cost", ""))
    iam.untag_user(UserName=bob, TagKeys=["team", "not-there"])
    assert iam.list_user_tags(UserName=bob)["Tags"] == tags(("cost", ""))
    iam.untag_user(UserName=bob, TagKeys=["cost"])
    assert "Tags" not in iam.get_user(UserName=bob)["User"]


def test_tagging_a_key_again_overwrites_value_and_spelling(iam, bob):
    iam.tag_user(UserName=bob, Tags=tags(("somekey", "a")))
    iam.tag_user(UserName=bob, Tags=tags(("Somekey", "b")))
    assert iam.list_user_tags(UserName=bob)["Tags"] == tags(("Somekey", "b"))
    iam.untag_user(UserName=bob, TagKeys=["SOMEKEY"])
    assert iam.list_user_tags(UserName=bob)["Tags"] == []


def test_list_user_tags_puts_shorter_keys_first(iam, bob):
    iam.tag_user(UserName=bob, Tags=tags(("abc", "1"), ("b", "2"), ("z", "3"), ("a", "4")))
    assert [t["Key"] for t in iam.list_user_tags(UserName=bob)["Tags"]] == ["a", "b", "z", "abc"]


@pytest.mark.parametrize("create", [False, True], ids=["tag_user", "create_user"])
def test_duplicate_keys_in_one_request(iam, create):
    duplicated = tags(("mykey", "1"), ("MyKey", "2"))
    if not create:
        iam.create_user(UserName="bob")
    call = (
        (lambda: iam.create_user(UserName="bob", Tags=duplicated))
        if create
        else (lambda: iam.tag_user(UserName="bob", Tags=duplicated))
    )
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        call()
    assert error_of(exc_info) == (
        "InvalidInput",
        400,
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
    )


def test_at_most_fifty_tags_in_all(iam, bob):
    iam.tag_user(UserName=bob, Tags=tags(*[(f"k{i}", "v") for i in range(40)]))
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.tag_user(UserName=bob, Tags=tags(*[(f"n{i}", "v") for i in range(11)]))
    assert error_of(exc_info) == ("LimitExceeded", 409, "The number of tags has reached the maximum limit.")
    assert len(iam.list_user_tags(UserName=bob)["Tags"]) == 40
    iam.tag_user(UserName=bob, Tags=tags(*[(f"k{i}", "w") for i in range(40)], *[(f"n{i}", "v") for i in range(10)]))
    assert len(iam.list_user_tags(UserName=bob)["Tags"]) == 50


def test_more_than_fifty_in_one_request(iam, bob):
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.tag_user(UserName=bob, Tags=tags(*[(f"k{i}", "v") for i in range(51)]))
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: "
        "Member must have length less than or equal to 50",
    )


@pytest.mark.parametrize(
    ("tag", "member", "constraint"),
    [
        (("k" * 129, "v"), "key", "Member must have length less than or equal to 128"),
        (("k", "v" * 257), "value", "Member must have length less than or equal to 256"),
        (("bad&key", "v"), "key", f"Member must satisfy regular expression pattern: {TAG_PATTERN}"),
        (("k", "bad&value"), "value", r"Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*"),
    ],
    ids=["key-length", "value-length", "key-pattern", "value-pattern"],
)
def test_tag_shape_rules(iam, bob, tag, member, constraint):
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.tag_user(UserName=bob, Tags=tags(tag))
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        f"1 validation error detected: Value at 'tags.1.member.{member}' failed to satisfy constraint: {constraint}",
    )


def test_letters_numbers_and_spaces_of_any_script_are_allowed(iam, bob):
    iam.tag_user(UserName=bob, Tags=tags(("Équipe 7", "café au lait"), ("部署", "開発")))
    assert len(iam.list_user_tags(UserName=bob)["Tags"]) == 2


def test_untag_key_rules_are_reported_at_the_list(iam, bob):
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.untag_user(UserName=bob, TagKeys=["k" * 129])
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must satisfy "
        "constraint: [Member must have length less than or equal to 128, Member must have length greater than "
        rf"or equal to 1, Member must satisfy regular expression pattern: {TAG_PATTERN}, Member must not be null]",
    )
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.untag_user(UserName=bob, TagKeys=[f"k{i}" for i in range(51)])
    assert error_of(exc_info)[2] == (
        "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: "
        "Member must have length less than or equal to 50"
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda iam: iam.tag_user(UserName="nobody", Tags=tags(("k", "v"))),
        lambda iam: iam.untag_user(UserName="nobody", TagKeys=["k"]),
        lambda iam: iam.list_user_tags(UserName="nobody"),
    ],
    ids=["tag", "untag", "list"],
)
def test_unknown_user(iam, call):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        call(iam)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")


def test_list_user_tags_paginator(iam, bob):
    iam.tag_user(UserName=bob, Tags=tags(*[(f"key{i}", str(i)) for i in range(7)]))
    pages = list(iam.get_paginator("list_user_tags").paginate(UserName=bob, PaginationConfig={"PageSize": 3}))
    assert [len(p["Tags"]) for p in pages] == [3, 3, 1]
    assert [t["Key"] for p in pages for t in p["Tags"]] == [f"key{i}" for i in range(7)]


def test_tagging_with_an_empty_list_changes_nothing(iam, bob):
    iam.tag_user(UserName=bob, Tags=tags(("k", "v")))
    iam.tag_user(UserName=bob, Tags=[])
    assert iam.list_user_tags(UserName=bob)["Tags"] == tags(("k", "v"))
