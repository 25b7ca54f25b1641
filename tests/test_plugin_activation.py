"""The plugin's activation: the fixture, the marker (alone; the nearest wins), disabling it.

Tested with pytester.
"""

from __future__ import annotations

import pytest

from pytest_iamfake.options import OPTIONS

HEADER = """
import boto3
import pytest
"""


def run(pytester: pytest.Pytester, source: str, *args: str) -> pytest.RunResult:
    pytester.makepyfile(HEADER + source)
    return pytester.runpytest_inprocess(*args)


def test_marker_alone_activates_the_fake_and_verifies(pytester):
    result = run(
        pytester,
        """
@pytest.mark.iamfake(users=["alice"], account_id="210987654321")
def test_it():
    user = boto3.client("iam").get_user(UserName="alice")["User"]
    assert user["Arn"] == "arn:aws:iam::210987654321:user/alice"
""",
    )
    result.assert_outcomes(passed=1)


def test_nearest_marker_wins(pytester):
    result = run(
        pytester,
        """
pytestmark = pytest.mark.iamfake(account_id="111111111111", users=["m"])

@pytest.mark.iamfake(account_id="222222222222")
class TestIt:
    def test_class_marker(self, iamfake):
        assert iamfake.options.account_id == "222222222222"

    @pytest.mark.iamfake(account_id="333333333333")
    def test_function_marker(self, iamfake):
        assert iamfake.options.account_id == "333333333333"

def test_module_marker(iamfake):
    assert iamfake.options.account_id == "111111111111"
    assert iamfake.options.users == ("m",)
""",
    )
    result.assert_outcomes(passed=3)


def test_fixture_docstring_lists_the_options(pytester):
    result = pytester.runpytest_inprocess("--fixtures")
    result.stdout.fnmatch_lines(
        [
            "iamfake -- *",
            "*An active pytest-iamfake IAMFake*",
            *(f"*{option.name} ({option.literal}): *" for option in OPTIONS),
        ]
    )


def test_markers_help_shows_the_whole_marker_signature(pytester):
    # pytest splits a marker line at its first colon; a colon in the signature would cut it in two.
    result = pytester.runpytest_inprocess("--markers")
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.iamfake(*, account_id='123456789012', start_time='2020-01-01', tick=0, clock='auto', "
            "password_policy=None, users=(), unmodelled='error', strict=True, transport='call', "
            "authorization='enforce', record=True): activate *"
        ]
    )


def test_plugin_can_be_disabled(pytester):
    result = run(pytester, "\ndef test_it(iamfake):\n    pass\n", "-p", "no:iamfake")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'iamfake' not found*"])
