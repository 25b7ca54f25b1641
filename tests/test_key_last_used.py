"""Key use: calls signed with an access key record when, where and for which service; GetAccessKeyLastUsed
and the service-last-accessed report read it back (reference 9.4)."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import allow, allowing, error_of

pytestmark = pytest.mark.iamfake(users=["alice"])
START = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def alice_may_use_iam(iamfake):  # type: ignore[no-untyped-def]
    """These tests are about key use, not permissions: alice may call any IAM action."""
    allow(iamfake, "alice", allowing("iam:*"))


def last_used(iam, key_id):  # type: ignore[no-untyped-def]
    return iam.get_access_key_last_used(AccessKeyId=key_id)


def test_a_key_never_used_has_n_a_and_no_date(iamfake, iam):
    key_id = iamfake.add_access_key("alice")["AccessKeyId"]
    answer = last_used(iam, key_id)
    assert answer["UserName"] == "alice"
    assert answer["AccessKeyLastUsed"] == {"ServiceName": "N/A", "Region": "N/A"}


def test_an_iam_call_records_the_fake_time_iam_and_us_east_1(iamfake, iam):
    alice = iamfake.client(user="alice")
    key_id = iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][0]["AccessKeyId"]
    iamfake.clock.advance(dt.timedelta(days=3))
    alice.list_users()
    assert last_used(iam, key_id)["AccessKeyLastUsed"] == {
        "LastUsedDate": START + dt.timedelta(days=3),
        "ServiceName": "iam",
        "Region": "us-east-1",
    }


@pytest.mark.usefixtures("regional_sts")
def test_an_sts_call_records_the_clients_region(iamfake, iam):
    sts = iamfake.client("sts", user="alice", region_name="eu-west-1")
    key_id = iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][0]["AccessKeyId"]
    iamfake.clock.advance(60)
    sts.get_caller_identity()
    used = last_used(iam, key_id)["AccessKeyLastUsed"]
    assert (used["ServiceName"], used["Region"], used["LastUsedDate"]) == (
        "sts",
        "eu-west-1",
        START + dt.timedelta(seconds=60),
    )


def test_an_iam_client_in_another_region_still_signs_for_us_east_1(iamfake, iam):
    alice = iamfake.client(user="alice", region_name="ap-southeast-2")
    alice.get_user()
    key_id = iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][0]["AccessKeyId"]
    assert last_used(iam, key_id)["AccessKeyLastUsed"]["Region"] == "us-east-1"


def test_a_call_answered_with_an_error_still_uses_the_key(iamfake, iam):
    alice = iamfake.client(user="alice")
    key_id = iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][0]["AccessKeyId"]
    with pytest.raises(alice.exceptions.NoSuchEntityException):
        alice.get_user(UserName="nobody")
    assert last_used(iam, key_id)["AccessKeyLastUsed"]["ServiceName"] == "iam"


def test_the_latest_use_wins(iamfake, iam):
    alice = iamfake.client(user="alice")
    sts = iamfake.client("sts", user="alice", region_name="us-west-2")
    key_id = iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][0]["AccessKeyId"]
    sts.get_caller_identity()
    iamfake.clock.advance(10)
    alice.list_users()
    assert last_used(iam, key_id)["AccessKeyLastUsed"]["ServiceName"] == "iam"


def test_the_key_reads_its_own_last_use(iamfake):
    alice = iamfake.client(user="alice")
    key_id = alice.list_access_keys()["AccessKeyMetadata"][0]["AccessKeyId"]
    assert alice.get_access_key_last_used(AccessKeyId=key_id)["AccessKeyLastUsed"]["ServiceName"] == "iam"


def test_an_unknown_key_is_access_denied(iam):
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        last_used(iam, "AKIAIOSFODNN7EXAMPLE")
    assert error_of(exc_info) == (
        "AccessDenied",
        403,
        "User: arn:aws:iam::123456789012:root is not authorized to perform iam:GetAccessKeyLastUsed "
        "on resource: access key AKIAIOSFODNN7EXAMPLE",
    )


def test_a_deleted_key_is_access_denied(iamfake, iam):
    key_id = iamfake.add_access_key("alice")["AccessKeyId"]
    iam.delete_access_key(UserName="alice", AccessKeyId=key_id)
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        last_used(iam, key_id)
    assert error_of(exc_info)[:2] == ("AccessDenied", 403)


def test_the_roots_own_key(iamfake, iam):
    key = iam.create_access_key()["AccessKey"]
    root = iamfake.client(aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    root.list_users()
    assert last_used(iam, key["AccessKeyId"])["AccessKeyLastUsed"]["ServiceName"] == "iam"


# --- service last accessed details --------------------------------------------------------


@pytest.mark.usefixtures("regional_sts")
def test_service_last_accessed_details_complete_at_once_with_the_recorded_use(iamfake, iam):
    sts = iamfake.client("sts", user="alice", region_name="eu-central-1")
    iamfake.clock.advance(120)
    sts.get_caller_identity()
    arn = iam.get_user(UserName="alice")["User"]["Arn"]
    job_id = iam.generate_service_last_accessed_details(Arn=arn)["JobId"]
    assert len(job_id) == 36
    report = iam.get_service_last_accessed_details(JobId=job_id)
    assert report["JobStatus"] == "COMPLETED"
    assert report["JobType"] == "SERVICE_LEVEL"
    assert report["JobCompletionDate"] == report["JobCreationDate"]
    by_namespace = {s["ServiceNamespace"]: s for s in report["ServicesLastAccessed"]}
    assert list(by_namespace) == ["iam", "sts"]  # sorted by namespace (DOC)
    assert by_namespace["iam"]["TotalAuthenticatedEntities"] == 0
    assert "LastAuthenticated" not in by_namespace["iam"]
    assert by_namespace["sts"]["LastAuthenticated"] == START + dt.timedelta(seconds=120)
    assert by_namespace["sts"]["LastAuthenticatedEntity"] == arn
    assert by_namespace["sts"]["LastAuthenticatedRegion"] == "eu-central-1"
    assert by_namespace["sts"]["TotalAuthenticatedEntities"] == 1


def test_service_last_accessed_of_a_group_names_the_member_who_used_it_last(iamfake, iam):
    iamfake.add_user("bob")
    allow(iamfake, "bob", allowing("iam:*"))
    iam.create_group(GroupName="devs")
    for name in ("alice", "bob"):
        iam.add_user_to_group(GroupName="devs", UserName=name)
    iamfake.client(user="alice").get_user()
    iamfake.clock.advance(60)
    iamfake.client(user="bob").get_user()
    arn = iam.get_group(GroupName="devs")["Group"]["Arn"]
    job_id = iam.generate_service_last_accessed_details(Arn=arn)["JobId"]
    by_namespace = {
        s["ServiceNamespace"]: s for s in iam.get_service_last_accessed_details(JobId=job_id)["ServicesLastAccessed"]
    }
    assert by_namespace["iam"]["LastAuthenticatedEntity"] == iam.get_user(UserName="bob")["User"]["Arn"]
    assert by_namespace["iam"]["TotalAuthenticatedEntities"] == 2
    assert by_namespace["iam"]["LastAuthenticated"] == START + dt.timedelta(seconds=60)


def test_service_last_accessed_errors(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.generate_service_last_accessed_details(Arn="arn:aws:iam::123456789012:user/nobody")
    with pytest.raises(iam.exceptions.InvalidInputException):
        iam.generate_service_last_accessed_details(Arn="arn:aws:s3:::some-bucket-name")
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_service_last_accessed_details(JobId="00000000-0000-0000-0000-000000000000")


@pytest.mark.parametrize("transport", ["call", "wire"])
@pytest.mark.usefixtures("regional_sts")
def test_both_transports_record_the_same_use(transport):
    from pytest_iamfake import fake_iam

    with fake_iam(transport=transport, users=["alice"]) as fake:
        sts = fake.client("sts", user="alice", region_name="sa-east-1")
        key_id = fake.client().list_access_keys(UserName="alice")["AccessKeyMetadata"][0]["AccessKeyId"]
        fake.clock.advance(45)
        sts.get_caller_identity()
        used = fake.client().get_access_key_last_used(AccessKeyId=key_id)["AccessKeyLastUsed"]
    assert used == {"LastUsedDate": START + dt.timedelta(seconds=45), "ServiceName": "sts", "Region": "sa-east-1"}
