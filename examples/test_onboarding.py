"""Tests of the onboarding app, written with pytest-iamfake."""

from __future__ import annotations

import pytest
from onboarding import onboard, temporary_password


def test_onboarding_creates_user_and_temporary_password(iamfake):
    outcome = onboard("alice")

    assert outcome.ok
    profile = iamfake.client().get_login_profile(UserName="alice")["LoginProfile"]
    assert profile["PasswordResetRequired"] is True


def test_generated_passwords_meet_the_strictest_policy():
    for _ in range(50):
        password = temporary_password()
        assert len(password) == 16


@pytest.mark.iamfake(users=["bob"])
def test_onboarding_an_existing_user_only_issues_a_password(iamfake):
    assert onboard("bob").ok


def test_second_onboarding_explains_the_existing_password(iamfake):
    onboard("carol")

    outcome = onboard("carol")

    assert not outcome.ok
    assert outcome.message == "This person already has a console password; reset it instead."


def test_weak_password_is_explained(iamfake):
    outcome = onboard("dave", password="password")

    assert not outcome.ok
    assert outcome.message.startswith("The password breaks the account's password policy: Password should meet")
