"""aiobotocore clients are faked too, in both transports (aiobotocore is the optional `aio` extra).

aiobotocore pins an older botocore than the rest of the suite, so .ci/run runs this file
in a virtualenv of its own; elsewhere it is skipped.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from pytest_iamfake import fake_iam

aiobotocore_session = pytest.importorskip("aiobotocore.session")

GOOD = "Str0ng!Passw0rd"
TRANSPORTS = pytest.mark.parametrize("transport", ["call", "wire"])


def run(scenario: Any) -> Any:
    async def with_client() -> Any:
        session = aiobotocore_session.get_session()
        async with session.create_client("iam", region_name="us-east-1") as iam:
            return await scenario(iam)

    return asyncio.run(with_client())


@TRANSPORTS
def test_async_client_talks_to_the_fake(transport):
    async def scenario(iam: Any) -> dict[str, Any]:
        await iam.create_user(UserName="Bob")
        await iam.create_login_profile(UserName="Bob", Password=GOOD, PasswordResetRequired=True)
        profile: dict[str, Any] = (await iam.get_login_profile(UserName="Bob"))["LoginProfile"]
        return profile

    with fake_iam(transport=transport) as iamfake:
        profile = run(scenario)
    assert profile == {
        "UserName": "Bob",
        "CreateDate": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
        "PasswordResetRequired": True,
    }
    assert [c.operation for c in iamfake.calls] == ["CreateUser", "CreateLoginProfile", "GetLoginProfile"]


@TRANSPORTS
def test_async_client_raises_modeled_exceptions(transport):
    async def scenario(iam: Any) -> Any:
        with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
            await iam.get_login_profile(UserName="ghost")
        return exc_info.value.response

    with fake_iam(transport=transport):
        response = run(scenario)
    assert response["Error"]["Message"] == "The user with name ghost cannot be found."
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_async_retries_advance_the_fake_clock(real_sleeps):
    with fake_iam(transport="wire") as iamfake:
        iamfake.add_user("Bob")
        iamfake.add_login_profile("Bob", GOOD)
        iamfake.fail("get_login_profile", "Throttling", times=2)
        before = iamfake.clock.now()

        async def scenario(iam: Any) -> Any:
            return await iam.get_login_profile(UserName="Bob")

        parsed = run(scenario)
        assert parsed["ResponseMetadata"]["RetryAttempts"] == 2
        assert iamfake.clock.now() > before
        assert real_sleeps == []
