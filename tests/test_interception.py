"""Every botocore client in the process is routed to the fake, and nothing leaves the process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading

import boto3
import botocore.session
import pytest
from botocore.stub import Stubber

from pytest_iamfake import BlockedRequest, UnsupportedOperation, fake_iam

# Made at import, before any fake started.
IMPORT_TIME_CLIENT = boto3.client("iam", region_name="us-east-1")


def test_client_created_at_import_is_faked(iamfake):
    IMPORT_TIME_CLIENT.create_user(UserName="Bob")
    assert iamfake.client().get_user(UserName="Bob")["User"]["UserName"] == "Bob"
    assert [c.operation for c in iamfake.calls] == ["CreateUser", "GetUser"]


def test_clients_from_new_sessions_and_resources_are_faked(iamfake):
    boto3.session.Session().client("iam").create_user(UserName="Bob")
    botocore.session.get_session().create_client("iam", region_name="eu-west-1").get_user(UserName="Bob")
    user = boto3.resource("iam").User("Bob")
    assert user.arn == "arn:aws:iam::123456789012:user/Bob"
    user.create_login_profile(Password="Str0ng!Passw0rd")
    assert iamfake.client().get_login_profile(UserName="Bob")["LoginProfile"]["UserName"] == "Bob"


def test_calls_from_other_threads_are_faked(iamfake):
    client = boto3.client("iam")
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            client.create_user(UserName=f"user{index}")
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(client.list_users()["Users"]) == 8


@pytest.fixture
def no_connections(monkeypatch):
    """Record (and refuse) any socket connection attempt."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("test forbids connections")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_no_socket_connection_even_for_unmodelled_services(iamfake, no_connections):
    s3 = boto3.client("s3")
    with pytest.raises(BlockedRequest, match=r"blocked a request to https://.*s3.*nothing in the process answered"):
        s3.list_buckets()
    iamfake.client().create_user(UserName="Bob")
    assert no_connections == []


@pytest.mark.iamfake(strict=False)  # the check for a swallowed UnsupportedOperation is tested elsewhere
def test_unmodelled_iam_operation_is_unsupported(iamfake, no_connections):
    with pytest.raises(UnsupportedOperation) as exc_info:
        boto3.client("iam").create_instance_profile(InstanceProfileName="web")
    assert isinstance(exc_info.value, NotImplementedError)
    message = str(exc_info.value)
    assert message.startswith("pytest-iamfake does not model iam:CreateInstanceProfile.")
    assert "CreateLoginProfile" in message
    assert 'unmodelled="passthrough"' in message
    assert no_connections == []


def test_handlers_do_nothing_without_an_active_fake():
    client = boto3.client("iam")
    with Stubber(client) as stubber:
        stubber.add_response(
            "get_user",
            {
                "User": {
                    "Path": "/",
                    "UserName": "S",
                    "UserId": "A" * 16,
                    "Arn": "arn:aws:iam::1:user/S",
                    "CreateDate": "2020-01-01",
                }
            },
        )
        assert client.get_user(UserName="S")["User"]["UserName"] == "S"


def test_fake_iam_context_manager_and_decorator_start_empty():
    with fake_iam(users=["alice"]) as fake:
        assert [u["UserName"] for u in boto3.client("iam").list_users()["Users"]] == ["alice"]
        assert fake.active

    seen: list[int] = []

    @fake_iam()
    def script() -> None:
        client = boto3.client("iam")
        seen.append(len(client.list_users()["Users"]))
        client.create_user(UserName="bob")

    script()
    script()
    assert seen == [0, 0]
    assert not fake.active


def test_environment_is_faked_and_restored(monkeypatch):
    monkeypatch.setenv("AWS_PROFILE", "production")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALREALREAL")
    with fake_iam():
        assert "AWS_PROFILE" not in os.environ
        assert os.environ["AWS_ACCESS_KEY_ID"] != "AKIAREALREALREAL"
        assert os.environ["AWS_SHARED_CREDENTIALS_FILE"] == os.devnull
        assert os.environ["AWS_CONFIG_FILE"] == os.devnull
        assert os.environ["AWS_DEFAULT_REGION"]
    assert os.environ["AWS_PROFILE"] == "production"
    assert os.environ["AWS_ACCESS_KEY_ID"] == "AKIAREALREALREAL"


def test_nested_fakes_innermost_answers():
    with fake_iam(users=["outer"]) as outer:
        with fake_iam(users=["inner"]):
            assert [u["UserName"] for u in boto3.client("iam").list_users()["Users"]] == ["inner"]
        assert [u["UserName"] for u in boto3.client("iam").list_users()["Users"]] == ["outer"]
    assert len(outer.calls) == 1


def test_boto3_default_session_made_before_import_is_faked_too(tmp_path):
    script = tmp_path / "script.py"
    script.write_text(
        "import os\n"
        "os.environ.update(AWS_ACCESS_KEY_ID='x', AWS_SECRET_ACCESS_KEY='y', AWS_DEFAULT_REGION='us-east-1',\n"
        "                  AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull)\n"
        "import boto3\n"
        "boto3.setup_default_session()\n"
        "from pytest_iamfake import fake_iam\n"
        "with fake_iam():\n"
        "    print(boto3.client('iam').create_user(UserName='a')['User']['Arn'])\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == "arn:aws:iam::123456789012:user/a", done.stderr
