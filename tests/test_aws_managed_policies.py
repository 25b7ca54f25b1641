"""The AWS managed policy catalogue: its data, lazy thread-safe loading, paging, and the generator script."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pytest_iamfake.model import aws_managed, paging
from pytest_iamfake.model.policy_document import PolicyKind

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "pytest_iamfake" / "data" / "aws_managed_policies.json.gz"
CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword"

# shared/reference/iam-authorization.md §6.1: the document of IAMUserChangePassword v3 (DOC, verbatim).
CHANGE_PASSWORD_DOCUMENT = json.loads(
    """
{
  "Version" : "2012-10-17",
  "Statement" : [
    {
      "Effect" : "Allow",
      "Action" : [ "iam:ChangePassword" ],
      "Resource" : [ "arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}" ]
    },
    {
      "Effect" : "Allow",
      "Action" : [ "iam:GetAccountPasswordPolicy" ],
      "Resource" : "*"
    }
  ]
}
"""
)


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_aws_managed_policies", ROOT / "scripts" / "gen_aws_managed_policies.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_iam_user_change_password_is_the_documented_policy() -> None:
    policy = aws_managed.get(CHANGE_PASSWORD)
    assert policy is not None
    assert policy.name == "IAMUserChangePassword"
    assert policy.path == "/"
    assert policy.arn == CHANGE_PASSWORD
    # The content is AWS's current (v3) document; the dump labels it v5 (reference §6.1).
    assert policy.document == CHANGE_PASSWORD_DOCUMENT
    assert policy.default_version_id == "v5"
    assert policy.create_date == datetime(2016, 11, 15, 0, 25, 16, tzinfo=timezone.utc)
    assert policy.update_date >= policy.create_date
    assert policy.policy_id.startswith("ANPA")
    assert len(policy.policy_id) == 21
    assert set(policy.policy_id[4:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert json.loads(policy.document_text) == CHANGE_PASSWORD_DOCUMENT
    assert not policy.is_service_role_policy


def test_catalogue_holds_the_whole_set_with_their_paths() -> None:
    assert aws_managed.count() >= 1500
    system_administrator = aws_managed.get("arn:aws:iam::aws:policy/job-function/SystemAdministrator")
    assert system_administrator is not None
    assert system_administrator.path == "/job-function/"
    assert aws_managed.get("arn:aws:iam::aws:policy/AdministratorAccess") is not None
    service_role = next(aws_managed.iter_policies(path_prefix="/aws-service-role/"))
    assert service_role.is_service_role_policy


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:iam::aws:policy/AWSLambdaFullAccess",  # retired by AWS (reference §5.2 row 4)
        "arn:aws:iam::aws:policy/Nonexistent",
        "arn:aws:iam::aws:policy/iamuserchangepassword",  # ARNs are case-sensitive
        "arn:aws:iam::aws:policy/service-role/IAMUserChangePassword",  # the path is part of the ARN
        "arn:aws:iam::123456789012:policy/IAMUserChangePassword",  # a customer ARN is not AWS's
    ],
)
def test_unknown_arns_are_none(arn: str) -> None:
    assert aws_managed.get(arn) is None


def test_is_aws_managed_arn_never_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aws_managed, "_catalogue", None)
    assert aws_managed.is_aws_managed_arn(CHANGE_PASSWORD)
    assert not aws_managed.is_aws_managed_arn("arn:aws:iam::123456789012:policy/x")
    assert aws_managed.get("arn:aws:iam::123456789012:policy/x") is None
    assert not aws_managed.is_loaded()


def test_importing_the_package_does_not_read_the_data() -> None:
    code = """
import gzip, sys
reads = []
original = gzip.decompress
gzip.decompress = lambda data, *a, **k: reads.append(len(data)) or original(data, *a, **k)
import pytest_iamfake, pytest_iamfake.plugin, pytest_iamfake.model
from pytest_iamfake.model import aws_managed, paging
assert reads == [] and not aws_managed.is_loaded(), reads
aws_managed.count()
aws_managed.get("arn:aws:iam::aws:policy/IAMUserChangePassword")
assert len(reads) == 1 and aws_managed.is_loaded(), reads
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr


def test_concurrent_first_use_loads_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aws_managed, "_catalogue", None)
    reads: list[int] = []
    original = aws_managed._read
    start = threading.Barrier(8)

    def counting_read() -> list[aws_managed.AwsManagedPolicy]:
        reads.append(1)
        return original()

    monkeypatch.setattr(aws_managed, "_read", counting_read)
    counts: list[int] = []

    def first_use() -> None:
        start.wait()
        counts.append(aws_managed.count())

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reads == [1]
    assert len(set(counts)) == 1
    assert len(counts) == 8


def all_policies() -> list[aws_managed.AwsManagedPolicy]:
    return list(aws_managed.iter_policies())


def test_policies_are_listed_by_folded_name() -> None:
    keys = [policy.sort_key for policy in all_policies()]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys) == aws_managed.count()


@pytest.mark.parametrize("path_prefix", ["/", "/service-role/", "/aws-service-role/", "/job-function/", "/a", "/nope/"])
def test_paging_walks_everything_once(path_prefix: str) -> None:
    expected = [policy for policy in all_policies() if policy.path.startswith(path_prefix)]
    seen: list[aws_managed.AwsManagedPolicy] = []
    start = None
    while True:
        page = aws_managed.page(start=start, max_items=97, path_prefix=path_prefix)
        seen.extend(page.policies)
        if page.next_key is None:
            break
        assert len(page.policies) == 97
        start = page.next_key
    assert len(page.policies) <= 97
    assert [policy.arn for policy in seen] == [policy.arn for policy in expected]


def test_a_page_starts_at_any_key_not_only_existing_ones() -> None:
    assert aws_managed.page(start="iamuserchangepassword", max_items=1).policies[0].name == "IAMUserChangePassword"
    assert aws_managed.page(start="iamuserchangepasswor", max_items=1).policies[0].name == "IAMUserChangePassword"
    assert aws_managed.page(start="iamuserchangepassword!", max_items=1).policies[0].sort_key > "iamuserchangepassword"
    assert aws_managed.page(start="\uffff", max_items=5) == aws_managed.Page([], next_key=None)


def test_the_index_pages_with_the_shared_marker_paging() -> None:
    index = aws_managed.index()
    assert len(index) == aws_managed.count()
    first, marker = paging.page(index, {"MaxItems": 3})
    assert [policy.sort_key for policy in first] == list(index.sorted_keys()[:3])
    assert marker is not None
    second, _ = paging.page(index, {"MaxItems": 3, "Marker": marker})
    assert [policy.arn for policy in first + second] == [policy.arn for policy in all_policies()[:6]]


class CountingList(list[Any]):
    """A list that counts item reads, to show how much of the catalogue a page touches."""

    reads = 0

    def __getitem__(self, index: Any) -> Any:
        CountingList.reads += 1
        return super().__getitem__(index)


def test_a_page_reads_only_its_own_policies(monkeypatch: pytest.MonkeyPatch) -> None:
    aws_managed.count()
    run = aws_managed._load().all
    monkeypatch.setattr(run, "policies", CountingList(run.policies))
    for start in (None, run.keys[len(run.keys) // 2], run.keys[-5]):
        CountingList.reads = 0
        page = aws_managed.page(start=start, max_items=5)
        assert len(page.policies) == 5
        assert CountingList.reads <= 6  # the page plus one look-ahead, wherever it starts


def test_every_aws_managed_document_passes_the_identity_grammar() -> None:
    # 1,500+ real documents: the grammar must not refuse what AWS itself ships.
    for policy in all_policies():
        assert policy.parsed.kind is PolicyKind.IDENTITY, policy.arn


# --- the data file and its generator ----------------------------------------------------------


def test_data_file_is_compact_and_deterministic_gzip() -> None:
    raw = DATA.read_bytes()
    assert len(raw) < 700_000
    assert raw[4:8] == b"\x00\x00\x00\x00"  # gzip MTIME field: zero, so rebuilding gives identical bytes
    payload = json.loads(gzip.decompress(raw))
    assert payload["fields"] == ["name", "path", "default_version_id", "create_date", "update_date", "document"]
    assert payload["source"].startswith("moto ")


def test_generator_output_is_deterministic() -> None:
    script = load_script()
    policies: dict[str, dict[str, Any]] = {
        "B": {
            "Path": "/",
            "DefaultVersionId": "v2",
            "CreateDate": "2020-01-01T00:00:00+00:00",
            "UpdateDate": "2021-01-01T00:00:00+00:00",
            "Document": {"Version": "2012-10-17", "Statement": []},
            "PermissionsBoundaryUsageCount": 0,
        },
        "a": {
            "Path": "/service-role/",
            "DefaultVersionId": "v1",
            "CreateDate": "2019-01-01T00:00:00+00:00",
            "UpdateDate": "2019-01-01T00:00:00+00:00",
            "Document": {"Statement": [], "Version": "2012-10-17"},
        },
    }
    first = script.build(policies, "test")
    assert first == script.build(dict(reversed(list(policies.items()))), "test")
    payload = json.loads(gzip.decompress(first))
    assert [row[0] for row in payload["policies"]] == ["a", "B"]  # lower-cased name order
    assert payload["policies"][1] == [
        "B",
        "/",
        "v2",
        "2020-01-01T00:00:00+00:00",
        "2021-01-01T00:00:00+00:00",
        {"Version": "2012-10-17", "Statement": []},
    ]


def test_committed_data_matches_the_installed_moto() -> None:
    pytest.importorskip("moto")
    script = load_script()
    from importlib import metadata

    source = f"moto {metadata.version('moto')} moto/iam/aws_managed_policies.py"
    committed = json.loads(gzip.decompress(DATA.read_bytes()))["source"]
    if committed != source:
        pytest.skip(f"data generated from {committed}; installed {source}: regenerate with the script")
    # The payload, not the bytes: gzip's header and zlib's output vary between Python builds.
    assert gzip.decompress(script.build(script.load_moto_dump(), source)) == gzip.decompress(DATA.read_bytes())
