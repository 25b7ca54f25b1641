"""A failing test's report: the IAM/STS calls it made, and a traceback without the plugin's frames."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from pytest_iamfake.calls import Call, call_log

CONFTEST = """
import os

os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "AKIAINNERRUNEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "inner-run-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
)
"""

TESTS = """
import boto3
import pytest


def onboard(name, password):
    iam = boto3.client("iam")
    iam.create_user(UserName=name)
    iam.create_login_profile(UserName=name, Password=password)
    iam.create_login_profile(UserName=name, Password=password)


def test_fails(iamfake):
    onboard("bob", "Str0ng!Passw0rd")


def test_passes(iamfake):
    boto3.client("iam").create_user(UserName="alice")


@pytest.mark.iamfake(strict=False)
def test_unsupported(iamfake):
    boto3.client("iam").create_instance_profile(InstanceProfileName="web")


def test_without_the_fake():
    assert 1 == 2
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_app=TESTS)
    return pytester


SECTION = "*pytest-iamfake: IAM/STS calls (3)*"
LINES = [
    SECTION,
    "#1 iam:CreateUser {'UserName': 'bob'} -> ok [[]as root[]]",
    "#2 iam:CreateLoginProfile {'UserName': 'bob', 'Password': '***'} -> ok [[]as root[]]",
    "#3 iam:CreateLoginProfile {'UserName': 'bob', 'Password': '***'} -> error='EntityAlreadyExists' [[]as root[]]",
]


def _section(text: str) -> str:
    """The calls section of the first failure in `text` (the test's own source may hold the password)."""
    start = text.index("pytest-iamfake: IAM/STS calls")
    return text[start:].split("\n_", 1)[0]


@pytest.mark.parametrize("transport", ["call", "wire"])
def test_the_calls_show_in_the_terminal_even_without_captured_output(project, transport):
    result = project.runpytest("--show-capture=no", "-o", f"iamfake_transport={transport}")
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines(LINES)
    assert "Str0ng!Passw0rd" not in _section(result.stdout.str())
    # only the tests that used the fake and failed carry the section
    assert result.stdout.str().count("pytest-iamfake: IAM/STS calls") == 2
    result.stdout.fnmatch_lines(["*pytest-iamfake: IAM/STS calls (1)*", "#1 iam:CreateInstanceProfile *unsupported*"])


def test_the_calls_are_in_the_junit_failure_text(project):
    xml = project.path / "report.xml"
    result = project.runpytest("--show-capture=no", f"--junitxml={xml}")
    result.assert_outcomes(passed=1, failed=3)
    cases = {case.get("name"): case for case in ET.parse(xml).getroot().iter("testcase")}
    failure = cases["test_fails"].find("failure")
    assert failure is not None
    assert failure.text is not None
    assert "pytest-iamfake: IAM/STS calls (3)" in failure.text
    assert "-> error='EntityAlreadyExists'" in failure.text
    assert "Str0ng!Passw0rd" not in _section(failure.text)
    assert cases["test_passes"].find("failure") is None
    assert "pytest-iamfake" not in ET.tostring(cases["test_passes"], encoding="unicode")
    no_fake = cases["test_without_the_fake"].find("failure")
    assert no_fake is not None
    assert "pytest-iamfake" not in (no_fake.text or "")


@pytest.mark.parametrize("transport", ["call", "wire"])
def test_a_failure_shows_the_users_code_and_the_message_not_the_libraries(project, transport):
    result = project.runpytest("-o", f"iamfake_transport={transport}")
    out = result.stdout.str()
    assert "pytest_iamfake/" not in out
    assert "pytest_iamfake\\" not in out
    assert "botocore/" not in out
    assert "botocore\\" not in out
    result.stdout.fnmatch_lines(
        [
            ">       iam.create_login_profile(UserName=name, Password=password)",
            "E       botocore.errorfactory.EntityAlreadyExistsException: *Login Profile for user bob already exists.",
            '>       boto3.client("iam").create_instance_profile(InstanceProfileName="web")',
            "E       pytest_iamfake.exceptions.UnsupportedOperation: pytest-iamfake does not model iam:Create*",
        ]
    )


def test_full_trace_keeps_every_frame(project):
    result = project.runpytest("--full-trace", "-k", "test_fails")
    result.stdout.fnmatch_lines(["*botocore/client.py*"])


def test_a_helpers_usage_error_points_at_the_test_line(project):
    project.makepyfile(
        test_helper="""
        def test_it(iamfake):
            iamfake.add_login_profile("bob", 12345678)
        """
    )
    result = project.runpytest("test_helper.py")
    result.stdout.fnmatch_lines(
        [
            '>       iamfake.add_login_profile("bob", 12345678)',
            "E       pytest_iamfake.exceptions.UsageError: add_login_profile(password=...) takes a password*",
            "*pytest-iamfake: IAM/STS calls (0)*",
            "No IAM/STS calls were recorded.",
        ]
    )
    assert "pytest_iamfake/" not in result.stdout.str()


def _call(n: int) -> Call:
    import datetime as dt

    return Call(
        "iam", "GetUser", {"UserName": f"u{n}"}, {}, None, "arn:aws:iam::123456789012:user/u", dt.datetime.now()
    )


def test_a_long_log_shows_the_last_calls_after_a_count_of_the_rest():
    log = call_log([_call(n) for n in range(1, 121)]).splitlines()
    assert log[0] == "70 earlier calls not shown (iamfake.calls has them all)"
    assert log[1].startswith("#71 iam:GetUser {'UserName': 'u71'} -> ok [as user/u]")
    assert log[-1].startswith("#120 ")
    assert len(log) == 51


def test_a_long_line_is_cut():
    import datetime as dt

    call = Call(
        "iam", "CreatePolicy", {"PolicyDocument": "x" * 1000}, None, "MalformedPolicyDocument", "r", dt.datetime.now()
    )
    (line,) = call_log([call]).splitlines()
    assert len(line) == 240
    assert line.endswith("...")
