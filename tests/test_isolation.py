"""Nothing outside the fake runs or lingers: credential providers, the environment, stopped fakes.

Issue 14 (findings 1, 2 and 7) and issue 13 (items 5 and 7), under both transports.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import weakref
from pathlib import Path
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.credentials import CredentialProvider, DeferredRefreshableCredentials, RefreshableCredentials

from pytest_iamfake import IAMFake, fake_iam
from pytest_iamfake.env import FAKE_ACCESS_KEY_ID
from pytest_iamfake.exceptions import UsageError
from pytest_iamfake.options import build

TRANSPORTS = ["call", "wire"]
ROOT = "arn:aws:iam::123456789012:root"


@pytest.fixture(params=TRANSPORTS)
def transport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def profile_with_credential_process(tmp_path: Path, marker: Path) -> Path:
    """A config file whose profile "dev" gets credentials from a script that leaves `marker` behind."""
    script = tmp_path / "credentials.py"
    script.write_text(
        "import json, pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('ran')\n"
        "print(json.dumps({'Version': 1, 'AccessKeyId': 'AKIAPROCESSEXAMPLE00', 'SecretAccessKey': 'process'}))\n"
    )
    config = tmp_path / "config"
    config.write_text(f"[profile dev]\nregion = us-east-1\ncredential_process = {sys.executable} {script}\n")
    return config


# --- 1. no credential provider outside the fake runs ---------------------------------------------


def test_a_profiles_credential_process_never_runs_while_a_fake_is_active(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, transport: str
) -> None:
    marker = tmp_path / "ran"
    monkeypatch.setenv("AWS_CONFIG_FILE", str(profile_with_credential_process(tmp_path, marker)))
    session = boto3.Session(profile_name="dev")  # before the fake, as a module-level session would be

    with fake_iam(transport=transport) as fake:
        iam = session.client("iam")
        iam.create_user(UserName="alice")
        assert iam.get_user()["User"]["Arn"] == ROOT  # keys the fake did not issue act as the root
        assert session.get_credentials().access_key == FAKE_ACCESS_KEY_ID
    assert fake.get_call("CreateUser").caller == ROOT
    assert not marker.exists()

    # The same session resolves its own credentials once no fake is active: the test can fail.
    assert session.get_credentials().access_key == "AKIAPROCESSEXAMPLE00"
    assert marker.exists()


class _Refreshing(CredentialProvider):  # type: ignore[misc]  # botocore is untyped
    """A provider of credentials whose refresh leaves a marker (as SSO or assume-role would call out)."""

    METHOD = CANONICAL_NAME = "iamfake-test"

    def __init__(self, marker: Path, *, deferred: bool) -> None:
        self.marker = marker
        self.deferred = deferred

    def refresh(self) -> dict[str, str]:
        self.marker.write_text("refreshed")
        return {"access_key": "AKIAREFRESHEDEXAMPLE", "secret_key": "s", "token": "t", "expiry_time": "2999-01-01"}

    def load(self) -> Any:
        if self.deferred:
            return DeferredRefreshableCredentials(refresh_using=self.refresh, method=self.METHOD)
        # Already expired: the next read of .access_key would refresh.
        return RefreshableCredentials(
            "AKIASTALEEXAMPLE0000", "s", "t", expiry_time=_past(), refresh_using=self.refresh, method=self.METHOD
        )


def _past() -> Any:
    import datetime as dt

    return dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("deferred", [True, False], ids=["deferred", "expired-refreshable"])
def test_refreshable_credentials_of_a_client_made_before_the_fake_are_never_refreshed(
    tmp_path: Path, transport: str, deferred: bool
) -> None:
    marker = tmp_path / "refreshed"
    session = botocore.session.Session()
    session.get_component("credential_provider").insert_before("env", _Refreshing(marker, deferred=deferred))
    client = session.create_client("iam", region_name="us-east-1")  # before the fake

    with fake_iam(transport=transport) as fake:
        assert client.get_user()["User"]["Arn"] == ROOT
        client.create_user(UserName="bob")
    assert not marker.exists()
    # The deferred credentials hold no key yet (unknown); the expired ones their stale key.
    assert fake.get_call("CreateUser").caller == ROOT


def test_a_client_made_with_no_credentials_at_all_is_answered(monkeypatch: pytest.MonkeyPatch, transport: str) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    client = botocore.session.Session().create_client("iam", region_name="us-east-1")  # "at import time"
    assert client._request_signer._credentials is None  # the premise: botocore found none

    with fake_iam(transport=transport) as fake:
        assert client.get_user()["User"]["Arn"] == ROOT
    assert fake.calls[0].caller == ROOT


def test_a_users_own_keys_still_identify_the_user(transport: str) -> None:
    with fake_iam(transport=transport, users=["carol"], authorization="off") as fake:
        key = fake.add_access_key("carol")
        session = boto3.Session(aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
        assert session.client("iam").get_user()["User"]["UserName"] == "carol"


def test_a_key_the_test_put_in_the_environment_signs(monkeypatch: pytest.MonkeyPatch, transport: str) -> None:
    with fake_iam(transport=transport, users=["erin"], authorization="off") as fake:
        key = fake.add_access_key("erin")
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
        assert boto3.Session().client("iam").get_user()["User"]["UserName"] == "erin"


# --- 2. the environment, for any nesting and stop order ---------------------------------------------

OUTER = {
    "AWS_ACCESS_KEY_ID": "AKIAOUTEREXAMPLE0000",
    "AWS_SECRET_ACCESS_KEY": "outer-secret",
    "AWS_PROFILE": "outer",
    "AWS_SHARED_CREDENTIALS_FILE": "/outer/credentials",
}


@pytest.fixture
def outer_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for key, value in OUTER.items():
        monkeypatch.setenv(key, value)
    return OUTER


def _aws_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("AWS_")}


def test_two_fakes_stopped_out_of_order(outer_env: dict[str, str], transport: str) -> None:
    before = _aws_env()
    first = IAMFake(build({"transport": transport})).start()
    during = _aws_env()
    second = IAMFake(build({"transport": transport})).start()
    first.stop()  # out of order: the second is still active
    assert _aws_env() == during
    assert "AWS_PROFILE" not in os.environ
    assert boto3.client("iam").get_user()["User"]["Arn"] == ROOT
    second.stop()
    assert _aws_env() == before


def test_nested_fakes_restore_the_outer_environment(outer_env: dict[str, str], transport: str) -> None:
    before = _aws_env()
    with fake_iam(transport=transport):
        during = _aws_env()
        with fake_iam(transport=transport):
            assert _aws_env() == during
        assert _aws_env() == during
    assert _aws_env() == before


def test_a_variable_the_code_under_test_changed_is_left_as_it_set_it(outer_env: dict[str, str]) -> None:
    with fake_iam():
        os.environ["AWS_PROFILE"] = "set-by-the-test"
    assert os.environ["AWS_PROFILE"] == "set-by-the-test"
    assert os.environ["AWS_ACCESS_KEY_ID"] == OUTER["AWS_ACCESS_KEY_ID"]


def test_boto3s_default_session_holds_the_outer_credentials_after_the_fake(
    monkeypatch: pytest.MonkeyPatch, outer_env: dict[str, str], transport: str
) -> None:
    monkeypatch.delenv("AWS_PROFILE")
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    with fake_iam(transport=transport):
        assert boto3.client("iam").get_user()["User"]["Arn"] == ROOT  # makes the default session
    assert boto3.DEFAULT_SESSION is not None
    assert boto3.DEFAULT_SESSION.get_credentials().access_key == OUTER["AWS_ACCESS_KEY_ID"]


def test_a_session_that_resolved_nothing_during_the_fake_keeps_nothing(
    monkeypatch: pytest.MonkeyPatch, outer_env: dict[str, str]
) -> None:
    monkeypatch.delenv("AWS_PROFILE")
    session = botocore.session.Session()
    with fake_iam():
        session.create_client("iam", region_name="us-east-1")
        assert session.get_credentials().access_key == FAKE_ACCESS_KEY_ID
    assert session.get_credentials().access_key == OUTER["AWS_ACCESS_KEY_ID"]


# --- 7. lifetimes ----------------------------------------------------------------------------------


def _use(fake: IAMFake) -> None:
    iam = boto3.client("iam")
    iam.create_user(UserName="dave")
    fake.add_login_profile("dave", "Str0ng!Passw0rd")
    fake.fail("GetUser", "ServiceFailure")  # under the wire transport botocore retries it: the retry clock runs
    with contextlib.suppress(iam.exceptions.ServiceFailureException):
        iam.get_user(UserName="dave")


def test_a_stopped_fake_is_unreachable(transport: str) -> None:
    fake = IAMFake(build({"transport": transport})).start()
    _use(fake)
    assert fake.calls
    refs = [weakref.ref(fake), weakref.ref(fake.engine), weakref.ref(fake.clock), weakref.ref(fake.backend)]
    fake.stop()
    del fake
    gc.collect()
    assert [ref() for ref in refs] == [None] * len(refs)


def test_a_stopped_fake_used_from_another_thread_is_unreachable(transport: str) -> None:
    fake = IAMFake(build({"transport": transport})).start()
    worker = threading.Thread(target=_use, args=(fake,))
    worker.start()
    worker.join()
    ref = weakref.ref(fake)
    fake.stop()
    del fake
    gc.collect()
    assert ref() is None


# --- recording: capped or off --------------------------------------------------------------------------


def test_record_n_keeps_the_latest_n_calls(transport: str) -> None:
    with fake_iam(transport=transport, record=2) as fake:
        iam = boto3.client("iam")
        for name in ("a", "b", "c"):
            iam.create_user(UserName=name)
        assert [call.params["UserName"] for call in fake.calls] == ["b", "c"]
        fake.assert_called("CreateUser", UserName="c")
        fake.assert_not_called("CreateUser", UserName="a")


def test_record_false_records_nothing_and_assertions_say_so(transport: str) -> None:
    with fake_iam(transport=transport, record=False) as fake:
        boto3.client("iam").create_user(UserName="a")
        assert fake.calls == []
        with pytest.raises(UsageError, match=r"records none \(record=False\)"):
            fake.assert_called("CreateUser")
        with pytest.raises(UsageError, match="record=False"):
            fake.get_calls("CreateUser")
        fake.verify()  # nothing recorded, nothing to complain about


@pytest.mark.parametrize("value", [0, -1, "many", 1.5])
def test_record_refuses_anything_else(value: object) -> None:
    with pytest.raises(UsageError, match="record="):
        fake_iam(record=value)
