"""The plugin costs nothing until botocore loads: no botocore at import, and clients are faked all the same.

Each case runs in a fresh interpreter (or a pytester run), since the outer test process
imported botocore long ago.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

ENV = {
    **os.environ,
    "AWS_ACCESS_KEY_ID": "AKIAFRESHEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "fresh-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}


def run_fresh(source: str) -> str:
    """Run `source` in a new interpreter; its stdout (the test fails on a non-zero exit)."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(source)], env=ENV, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_importing_the_plugin_imports_no_botocore_and_later_clients_are_faked():
    out = run_fresh(
        """
        import sys
        import pytest_iamfake.plugin

        print("botocore" in sys.modules, "boto3" in sys.modules)
        import boto3

        iam = boto3.client("iam")  # made after the import, before any fake
        with pytest_iamfake.fake_iam() as fake:
            iam.create_user(UserName="bob")
            print([call.operation for call in fake.calls])
        """
    )
    assert out.splitlines() == ["False False", "['CreateUser']"]


def test_handlers_are_added_at_once_when_botocore_is_already_imported():
    out = run_fresh(
        """
        import boto3

        boto3.setup_default_session()  # boto3's default session exists before the plugin
        import pytest_iamfake

        with pytest_iamfake.fake_iam() as fake:
            boto3.client("iam").create_user(UserName="bob")
            boto3.session.Session().client("iam").get_user(UserName="bob")
            print([call.operation for call in fake.calls])
        """
    )
    assert out.splitlines() == ["['CreateUser', 'GetUser']"]


@pytest.mark.parametrize("transport", ["call", "wire"])
def test_reloading_botocore_handlers_keeps_the_fake_wired(transport):
    out = run_fresh(
        f"""
        import importlib

        import pytest_iamfake
        import botocore.handlers
        import boto3

        importlib.reload(botocore.handlers)
        importlib.reload(botocore.handlers)
        names = [getattr(entry[1], "__name__", "") for entry in botocore.handlers.BUILTIN_HANDLERS]
        print(names.count("answer_call"), names.count("guard_send"))
        with pytest_iamfake.fake_iam(transport={transport!r}) as fake:
            boto3.session.Session().client("iam").create_user(UserName="bob")
            print(len(fake.calls))
        """
    )
    assert out.splitlines() == ["2 1", "1"]  # answer_call once per faked service


def test_the_import_finder_leaves_sys_meta_path_at_exit():
    # Left there, it keeps modules alive through the shutdown's garbage collection on
    # Python 3.10/3.11, a cost every pytest run with the plugin installed would pay.
    out = run_fresh(
        """
        import atexit
        import sys

        import pytest_iamfake.plugin

        def ours():
            return [type(finder).__name__ for finder in sys.meta_path if "pytest_iamfake" in type(finder).__module__]

        print(ours())
        atexit._run_exitfuncs()
        print(ours())
        """
    )
    assert out.splitlines() == ["['_HandlersFinder']", "[]"]


def test_clients_made_in_conftest_and_at_module_import_are_faked(pytester):
    pytester.makeconftest(
        """
        import os

        os.environ.update({"AWS_ACCESS_KEY_ID": "AKIAINNER", "AWS_SECRET_ACCESS_KEY": "s"})
        os.environ["AWS_DEFAULT_REGION"] = "us-east-1"
        import boto3

        CONFTEST_IAM = boto3.client("iam")
        """
    )
    pytester.makepyfile(
        """
        import boto3
        from conftest import CONFTEST_IAM

        MODULE_IAM = boto3.client("iam")

        def test_both(iamfake):
            CONFTEST_IAM.create_user(UserName="a")
            MODULE_IAM.create_user(UserName="b")
            assert [call.params["UserName"] for call in iamfake.calls] == ["a", "b"]
        """
    )
    pytester.runpytest_subprocess().assert_outcomes(passed=1)
