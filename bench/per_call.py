"""Per-call cost of CreateLoginProfile through a boto3 IAM client: pytest-iamfake vs Stubber vs moto.

Each timed call creates a login profile for a user that has none (users are made
beforehand, untimed).  The Stubber needs a canned response queued before each call:
"stubber" times the call alone, "stubber+q" the queueing (add_response validates the
response against the model) and the call, i.e. everything it takes to answer one call.
Prints mean and median per call and the ratios.

    python bench/per_call.py [--calls 100] [--moto-calls 25] [--rounds 40]
"""

from __future__ import annotations

from _fake_env import use_fake_aws_env

use_fake_aws_env()  # before boto3 is imported: nothing real is read

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import gc  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import boto3  # noqa: E402
from botocore.stub import Stubber  # noqa: E402
from moto import mock_aws  # noqa: E402

from pytest_iamfake import fake_iam  # noqa: E402

PASSWORD = "Str0ng!Passw0rd"
WARMUP = 50
# A runner takes the user names to use and returns one duration (seconds) per name.
Runner = Callable[[list[str]], list[float]]


def new_client() -> Any:
    """A client from a fresh session: no contender inherits another's event handlers.

    (A botocore session copies the built-in handlers when it is made, so a session made
    before pytest-iamfake first starts would not carry its hooks.)
    """
    return boto3.session.Session().client("iam")


def time_calls(
    client: Any, names: list[str], prepare: Callable[[str], None] | None = None, *, timed_prepare: bool = False
) -> list[float]:
    """Time create_login_profile for each name; `prepare` readies each call, timed or not."""
    durations = []
    for name in names:
        start = time.perf_counter()
        if prepare is not None:
            prepare(name)
            if not timed_prepare:
                start = time.perf_counter()
        client.create_login_profile(UserName=name, Password=PASSWORD)
        durations.append(time.perf_counter() - start)
    return durations


def run_iamfake(names: list[str]) -> list[float]:
    with fake_iam() as fake:
        for name in names:
            fake.add_user(name)
        return time_calls(new_client(), names)


def stubber_runner(*, timed_queue: bool) -> Runner:
    """The Stubber, one canned response queued before each call; queueing timed or not."""

    def run(names: list[str]) -> list[float]:
        client = new_client()
        created = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
        with Stubber(client) as stubber:

            def queue(name: str) -> None:
                response = {"LoginProfile": {"UserName": name, "CreateDate": created, "PasswordResetRequired": False}}
                stubber.add_response("create_login_profile", response)

            return time_calls(client, names, queue, timed_prepare=timed_queue)

    return run


def run_moto(names: list[str]) -> list[float]:
    with mock_aws():
        client = new_client()
        for name in names:
            client.create_user(UserName=name)
        return time_calls(client, names)


def measure(contenders: list[tuple[str, Runner, int]], rounds: int) -> dict[str, list[list[float]]]:
    """Per-call durations of each contender, per round, after one warm-up run each.

    Each round runs every contender once, on fresh state, back to back: a busy moment on the
    machine hits all of them, and ratios are taken round by round.
    """
    for _, runner, _ in contenders:
        runner([f"warm{i}" for i in range(WARMUP)])
    results: dict[str, list[list[float]]] = {name: [] for name, _, _ in contenders}
    for r in range(rounds):
        for name, runner, calls in contenders:
            gc.collect()
            results[name].append(runner([f"user{r}-{i}" for i in range(calls)]))
    return results


def paired_ratio(a: list[list[float]], b: list[list[float]]) -> float:
    """The median over rounds of (median of a in the round / median of b in the round)."""
    return statistics.median(statistics.median(x) / statistics.median(y) for x, y in zip(a, b, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100, help="timed calls per round (iamfake, Stubber)")
    parser.add_argument("--moto-calls", type=int, default=25, help="timed calls per round (moto)")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    contenders: list[tuple[str, Runner, int]] = [
        ("stubber", stubber_runner(timed_queue=False), args.calls),
        ("stubber+q", stubber_runner(timed_queue=True), args.calls),
        ("iamfake", run_iamfake, args.calls),
        ("moto", run_moto, args.moto_calls),
    ]
    results = measure(contenders, args.rounds)

    print(f"create_login_profile, per call ({args.rounds} rounds; boto3 {boto3.__version__})")
    print(f"{'backend':<10}{'calls':>8}{'mean µs':>12}{'median µs':>12}")
    for name, rounds in results.items():
        durations = [d for r in rounds for d in r]
        mean, median = statistics.fmean(durations) * 1e6, statistics.median(durations) * 1e6
        print(f"{name:<10}{len(durations):>8}{mean:>12.1f}{median:>12.1f}")
    print("ratios of medians, round by round (median over rounds):")
    targets = [("iamfake", "stubber", "<= 1.5x"), ("iamfake", "stubber+q", "<= 1.5x"), ("moto", "iamfake", ">= 10x")]
    for a, b, target in targets:
        print(f"  {a + '/' + b:<20}{paired_ratio(results[a], results[b]):>6.2f}x   (target {target})")


if __name__ == "__main__":
    main()
