"""The deterministic clock: frozen at start_time, tick, advance/set, following freezegun."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from freezegun import freeze_time

from pytest_iamfake import fake_iam

UTC = dt.timezone.utc
START = dt.datetime(2020, 1, 1, tzinfo=UTC)


def created(client, name):
    return client.create_user(UserName=name)["User"]["CreateDate"]


def test_frozen_at_start_time_by_default(iamfake, iam):
    assert iamfake.clock.now() == START
    assert created(iam, "a") == START
    assert created(iam, "b") == START


@pytest.mark.iamfake(start_time="2024-05-06T07:08:09Z", tick=1.5)
def test_tick_moves_after_each_state_changing_call(iamfake, iam):
    first = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert created(iam, "a") == first
    assert created(iam, "b") == first + dt.timedelta(seconds=1.5)
    iam.get_user(UserName="a")  # a read does not move time
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException):
        iam.create_user(UserName="A")  # nor does a failed change
    assert created(iam, "c") == first + dt.timedelta(seconds=3)


def test_advance_and_set(iamfake, iam):
    assert iamfake.clock.advance(90) == START + dt.timedelta(seconds=90)
    assert iamfake.clock.advance(dt.timedelta(days=1)) == START + dt.timedelta(days=1, seconds=90)
    assert created(iam, "a") == START + dt.timedelta(days=1, seconds=90)
    iamfake.clock.set("2030-02-03T04:05:06Z")
    assert created(iam, "b") == dt.datetime(2030, 2, 3, 4, 5, 6, tzinfo=UTC)
    iamfake.clock.set(dt.datetime(2031, 1, 1))  # naive means UTC
    assert iamfake.clock.now() == dt.datetime(2031, 1, 1, tzinfo=UTC)


def test_create_keeps_milliseconds_and_get_returns_whole_seconds(iamfake, iam):
    iamfake.clock.set("2021-03-04T05:06:07.891234Z")
    assert created(iam, "a") == dt.datetime(2021, 3, 4, 5, 6, 7, 891000, tzinfo=UTC)
    assert iam.get_user(UserName="a")["User"]["CreateDate"] == dt.datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)


def test_follows_freezegun_when_active():
    with fake_iam() as fake, freeze_time("2022-02-02 12:00:00"):
        assert fake.clock.now() == dt.datetime(2022, 2, 2, 12, tzinfo=UTC)
        assert created(fake.client(), "a") == dt.datetime(2022, 2, 2, 12, tzinfo=UTC)
        fake.clock.advance(60)
        assert fake.clock.now() == dt.datetime(2022, 2, 2, 12, 1, tzinfo=UTC)


@freeze_time("2023-03-03 03:03:03")
def test_follows_freezegun_decorating_the_test(iamfake, iam):
    assert created(iam, "a") == dt.datetime(2023, 3, 3, 3, 3, 3, tzinfo=UTC)


def test_fixed_mode_ignores_freezegun():
    with fake_iam(clock="fixed") as fake, freeze_time("2022-02-02"):
        assert fake.clock.now() == START


def test_follows_time_machine_when_active():
    time_machine = pytest.importorskip("time_machine")
    with fake_iam() as fake, time_machine.travel(dt.datetime(2025, 5, 5, tzinfo=UTC), tick=False):
        assert fake.clock.now() == dt.datetime(2025, 5, 5, tzinfo=UTC)


def test_wall_mode_follows_real_time():
    with fake_iam(clock="wall") as fake:
        before = dt.datetime.now(UTC)
        now = fake.clock.now()
        assert before <= now <= dt.datetime.now(UTC)


def test_follows_freezegun_started_before_the_clock_module_is_imported():
    # The clock recognises freezegun by its swapped datetime class: it must find the real one
    # even when first imported while freezegun is active.
    script = (
        "import datetime as dt, sys\n"
        "from freezegun import freeze_time\n"
        "frozen = freeze_time('2022-02-02'); frozen.start()\n"
        "assert 'pytest_iamfake.clock' not in sys.modules\n"
        "from pytest_iamfake.clock import Clock, time_is_patched\n"
        "clock = Clock(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))\n"
        "assert time_is_patched() and clock.now().year == 2022\n"
        "frozen.stop()\n"
        "assert not time_is_patched() and clock.now().year == 2020\n"
        "with freeze_time('2023-03-03'):\n"
        "    assert clock.now().year == 2023\n"
        "assert clock.now().year == 2020\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
