"""The pytest glue: fixture, marker, ini options and usage errors, tested with pytester."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

HEADER = """
import boto3
import pytest
"""


def run(pytester: pytest.Pytester, source: str, *args: str) -> pytest.RunResult:
    pytester.makepyfile(HEADER + source)
    return pytester.runpytest_inprocess(*args)


def test_marker_alone_activates_the_fake(pytester):
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


def test_ini_options_are_defaults_that_markers_override(pytester):
    pytester.makeini("[pytest]\niamfake_account_id = 444444444444\niamfake_users = a b\niamfake_tick = 2\n")
    result = run(
        pytester,
        """
def test_ini(iamfake):
    assert iamfake.options.account_id == "444444444444"
    assert iamfake.options.users == ("a", "b")
    assert iamfake.options.tick == 2

@pytest.mark.iamfake(users=[])
def test_marker_over_ini(iamfake):
    assert iamfake.options.users == ()
    assert iamfake.options.account_id == "444444444444"
""",
    )
    result.assert_outcomes(passed=2)


def test_unknown_marker_option_names_the_allowed_ones(pytester):
    result = run(
        pytester,
        """
@pytest.mark.iamfake(acount_id="123456789012")
def test_it(iamfake):
    pass
""",
    )
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*UsageError: @pytest.mark.iamfake got an unknown option 'acount_id'; allowed options are: "
            "account_id, start_time, tick, clock, password_policy, users, unmodelled, strict, transport.*"
        ]
    )


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ('clock="frozen"', "*clock='frozen' is not valid; use one of: auto, fixed, wall.*"),
        ('unmodelled="ignore"', "*unmodelled='ignore' is not valid; use one of: error, passthrough.*"),
        ('account_id="12"', "*account_id='12' is not valid; use a 12-digit string.*"),
        ("tick=-1", "*tick=-1 is not valid; use seconds >= 0 or a timedelta.*"),
        ('start_time="yesterday"', "*start_time='yesterday' is not valid; use an ISO-8601 string or a datetime.*"),
    ],
)
def test_bad_option_values_name_the_allowed_ones(pytester, option, expected):
    result = run(pytester, f"\n@pytest.mark.iamfake({option})\ndef test_it(iamfake):\n    pass\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([expected])


def test_bad_ini_value_blames_the_ini_file(pytester):
    pytester.makeini("[pytest]\niamfake_clock = sometimes\n")
    result = run(pytester, "\ndef test_it(iamfake):\n    pass\n")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ini option iamfake_*: option clock='sometimes' is not valid; use one of: auto*"])


def test_positional_marker_arguments_are_refused(pytester):
    result = run(pytester, '\n@pytest.mark.iamfake("123456789012")\ndef test_it(iamfake):\n    pass\n')
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*takes keyword options only; allowed options are: account_id*"])


def test_fixture_docstring_lists_the_options(pytester):
    result = pytester.runpytest_inprocess("--fixtures")
    result.stdout.fnmatch_lines(
        ["iamfake -- *", "*An active pytest-iamfake IAMFake*", "*account_id*", "*unmodelled*", "*transport*"]
    )


def test_marker_is_registered_with_its_signature(pytester):
    result = pytester.runpytest_inprocess("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.iamfake(*, account_id='123456789012', start_time=*tick=0*"])


def test_plugin_can_be_disabled(pytester):
    result = run(pytester, "\ndef test_it(iamfake):\n    pass\n", "-p", "no:iamfake")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'iamfake' not found*"])


def test_state_does_not_leak_between_tests(pytester):
    result = run(
        pytester,
        """
def test_first(iamfake):
    boto3.client("iam").create_user(UserName="bob")

def test_second(iamfake):
    assert boto3.client("iam").list_users()["Users"] == []
""",
    )
    result.assert_outcomes(passed=2)
