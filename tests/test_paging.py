"""IAM's Marker/MaxItems paging: pages in listing order, markers that survive changes, bad markers."""

from __future__ import annotations

import boto3
import pytest

from pytest_iamfake.model import paging


def names(page: dict) -> list[str]:
    return [u["UserName"] for u in page["Users"]]


@pytest.mark.iamfake(users=["carol", "Alice", "bob", "dave", "erin"])
def test_pages_follow_case_insensitive_name_order_and_the_last_has_no_marker():
    iam = boto3.client("iam")
    first = iam.list_users(MaxItems=2)
    assert names(first) == ["Alice", "bob"]
    assert first["IsTruncated"] is True
    second = iam.list_users(MaxItems=2, Marker=first["Marker"])
    assert names(second) == ["carol", "dave"]
    last = iam.list_users(MaxItems=2, Marker=second["Marker"])
    assert names(last) == ["erin"]
    assert last["IsTruncated"] is False
    assert "Marker" not in last


@pytest.mark.iamfake(users=["a1", "a2", "a3", "a4"])
def test_a_marker_stays_valid_while_users_come_and_go():
    iam = boto3.client("iam")
    first = iam.list_users(MaxItems=2)
    iam.delete_user(UserName="a3")  # the very user the marker points at
    iam.create_user(UserName="a0")  # before the marker: not seen again
    iam.create_user(UserName="a5")  # after it: seen
    rest = iam.list_users(Marker=first["Marker"])
    assert names(rest) == ["a4", "a5"]


def test_a_marker_the_fake_never_issued_is_refused(iamfake):
    iam = boto3.client("iam")
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.list_users(Marker="not a marker!")
    error = exc_info.value.response["Error"]
    assert (error["Code"], error["Message"]) == ("ValidationError", "Invalid Marker.")


@pytest.mark.iamfake(users=["a", "b", "c"])
def test_path_prefix_filters_within_the_pages():
    iam = boto3.client("iam")
    iam.create_user(UserName="ops1", Path="/ops/")
    iam.create_user(UserName="ops2", Path="/ops/")
    page = iam.list_users(PathPrefix="/ops/", MaxItems=1)
    assert names(page) == ["ops1"]
    assert names(iam.list_users(PathPrefix="/ops/", Marker=page["Marker"])) == ["ops2"]


def test_index_keeps_keys_sorted_through_inserts_and_deletes():
    index: paging.Index[int] = paging.Index()
    for key in ["m", "c", "x", "a"]:
        index[key] = ord(key)
    del index["c"]
    index["b"] = 1
    assert list(index) == ["a", "b", "m", "x"]
    entries, marker = paging.page(index, {"MaxItems": 2})
    assert entries == [ord("a"), 1]
    assert paging.decode_marker(marker) == "m"


def test_a_filtered_page_stops_after_its_scan_budget_with_a_marker(monkeypatch):
    monkeypatch.setattr(paging, "SCAN_LIMIT", 3)
    index: paging.Index[int] = paging.Index()
    for number in range(10):
        index[f"k{number}"] = number
    entries, marker = paging.page(index, {}, keep=lambda n: n >= 8)
    assert entries == []  # IAM "might return fewer results" (DOC): never an unbounded scan
    assert paging.decode_marker(marker) == "k3"
