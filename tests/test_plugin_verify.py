"""The pytest glue around the author's API: verify() in the call phase, error_cases ids, hidden frames."""

from __future__ import annotations

import pytest

# Inner runs must not reach real credentials either (the fake itself only does this while active).
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


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    return pytester


def test_unfired_fault_fails_the_test_not_its_teardown(project):
    project.makepyfile(
        """
        def test_forgets_to_call(iamfake):
            iamfake.fail("create_login_profile", "NoSuchEntity")
        """
    )
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*pytest-iamfake: 1 injected fault never fired:",
            "*- Fault(iam:CreateLoginProfile -> NoSuchEntity; fired 0 times)",
            "*Recorded calls: none.",
            "*pass optional=True.",
            "FAILED *::test_forgets_to_call*",
            "*= 1 failed in *",
        ]
    )
    result.stdout.no_fnmatch_line("*ERROR at teardown*")


def test_optional_and_fired_faults_pass(project):
    project.makepyfile(
        """
        import pytest
        from botocore.exceptions import ClientError

        def test_optional(iamfake):
            iamfake.fail("create_login_profile", "NoSuchEntity", optional=True)

        def test_fired(iamfake):
            iamfake.fail("create_user", "Throttling")
            with pytest.raises(ClientError):
                iamfake.client().create_user(UserName="bob")

        @pytest.mark.iamfake(strict=False)
        def test_not_strict(iamfake):
            iamfake.fail("create_user", "Throttling")
        """
    )
    project.runpytest().assert_outcomes(passed=3)


def test_swallowed_unsupported_call_fails_the_test(project):
    project.makepyfile(
        """
        from pytest_iamfake import UnsupportedOperation

        def test_swallows(iamfake):
            try:
                iamfake.client().list_roles()
            except UnsupportedOperation:
                pass
        """
    )
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*does not model (iam:ListRoles) and carried on after UnsupportedOperation*"])
    result.stdout.no_fnmatch_line("*ERROR at teardown*")


def test_verify_is_skipped_when_the_body_already_failed(project):
    project.makepyfile(
        """
        def test_body_fails(iamfake):
            iamfake.fail("create_login_profile", "NoSuchEntity")
            assert 1 == 2, "the body's own failure"
        """
    )
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*the body's own failure*"])
    result.stdout.no_fnmatch_line("*never fired*")


def test_assertion_helpers_hide_their_frames(project):
    project.makepyfile(
        """
        def test_asserts(iamfake):
            iamfake.client().create_user(UserName="bob")
            iamfake.assert_called("create_user", UserName="eve")
        """
    )
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*AssertionError: Expected iam:CreateUser call with UserName='eve' at least once, found none.",
            "E*Closest is #1, which differs in:",
            "E*UserName: expected 'eve', got 'bob'",
        ]
    )
    result.stdout.no_fnmatch_line("*pytest_iamfake/assertions.py*")
    result.stdout.no_fnmatch_line("*pytest_iamfake/fake.py*")


def test_error_cases_give_one_test_per_declared_error(project):
    project.makepyfile(
        """
        import pytest
        from pytest_iamfake import error_cases

        @pytest.mark.parametrize("code", error_cases("create_login_profile"))
        def test_code(code):
            assert code
        """
    )
    result = project.runpytest("-v")
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines_random(
        [
            "*::test_code[[]EntityAlreadyExists[]] PASSED*",
            "*::test_code[[]NoSuchEntity[]] PASSED*",
            "*::test_code[[]PasswordPolicyViolation[]] PASSED*",
            "*::test_code[[]LimitExceeded[]] PASSED*",
            "*::test_code[[]ServiceFailure[]] PASSED*",
        ]
    )
