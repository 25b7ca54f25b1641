"""Options through the plugin: ini defaults, marker overrides, the transport option, and usage errors.

Tested with pytester.
"""

from __future__ import annotations

import pytest

from pytest_iamfake.options import OPTIONS, ini_help

HEADER = """
import boto3
import pytest
"""


def run(pytester: pytest.Pytester, source: str, *args: str) -> pytest.RunResult:
    pytester.makepyfile(HEADER + source)
    return pytester.runpytest_inprocess(*args)


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
            "account_id, start_time, tick, clock, password_policy, users, unmodelled, strict, transport, "
            "authorization, record.*"
        ]
    )


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ('clock="frozen"', "*clock='frozen' is not valid; use one of: auto, fixed, wall.*"),
        ('unmodelled="ignore"', "*unmodelled='ignore' is not valid; use one of: error, passthrough.*"),
        ('account_id="12"', "*account_id='12' is not valid; use a 12-digit string.*"),
        ("tick=-1", "*tick=-1 is not valid; use seconds >= 0 or a timedelta.*"),
        (
            'start_time="yesterday"',
            "*start_time='yesterday' is not valid; use an ISO-8601 string such as '2024-05-01'*",
        ),
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


def test_ini_help_comes_from_the_options_table(pytester):
    result = pytester.runpytest_inprocess("--help")
    result.stdout.fnmatch_lines([f"*iamfake_{option.name}*" for option in OPTIONS if option.ini])
    assert "iamfake_password_policy" not in result.stdout.str()
    assert ini_help(OPTIONS[0]) == "12-digit account id of the fake (default '123456789012')"


# --- the transport option ------------------------------------------------------------------

SENDS = """
import boto3
import pytest

def sent_requests():
    iam = boto3.client("iam")
    sent = []
    iam.meta.events.register("before-send.iam", lambda request, **_: sent.append(request))
    iam.list_users()
    return len(sent)

def test_default(iamfake):
    assert (iamfake.options.transport, sent_requests()) == ("{default}", {default_sends})

@pytest.mark.iamfake(transport="call")
def test_marker_call(iamfake):
    assert (iamfake.options.transport, sent_requests()) == ("call", 0)

@pytest.mark.iamfake(transport="wire")
def test_marker_wire(iamfake):
    assert (iamfake.options.transport, sent_requests()) == ("wire", 1)
"""


@pytest.mark.parametrize(("ini", "default", "sends"), [(None, "call", 0), ("wire", "wire", 1), ("call", "call", 0)])
def test_ini_sets_the_default_transport_and_markers_override_it(pytester, ini, default, sends):
    if ini is not None:
        pytester.makeini(f"[pytest]\niamfake_transport = {ini}\n")
    pytester.makepyfile(SENDS.replace("{default}", default).replace("{default_sends}", str(sends)))
    pytester.runpytest().assert_outcomes(passed=3)


def test_command_line_ini_override_selects_wire(pytester):
    pytester.makepyfile(SENDS.replace("{default}", "wire").replace("{default_sends}", "1"))
    pytester.runpytest("-o", "iamfake_transport=wire").assert_outcomes(passed=3)


def test_bad_transport_in_ini_is_a_usage_error(pytester):
    pytester.makeini("[pytest]\niamfake_transport = http\n")
    pytester.makepyfile("def test_it(iamfake):\n    pass\n")
    result = pytester.runpytest()
    assert result.ret != 0
    assert "transport='http' is not valid; use one of: call, wire." in result.stdout.str() + result.stderr.str()


def test_an_account_id_of_non_ascii_digits_is_refused() -> None:
    from pytest_iamfake.exceptions import UsageError
    from pytest_iamfake.options import build

    with pytest.raises(UsageError, match="12-digit"):
        build({"account_id": "\u0661" * 12})  # Arabic-Indic digits: IAM's account ids are ASCII
