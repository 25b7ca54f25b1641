"""The transport option through the plugin: ini default, marker override, bad values."""

from __future__ import annotations

import pytest

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
