"""Cost against the size of the state: single calls and List pages at 1,000 to 100,000 users.

A fake whose cost grows with the state punishes big fixtures; IAM's own cost does not.  For each
size this fills one fake (untimed, through the arrange helpers), then times through a boto3 IAM
client: GetUser, CreateLoginProfile, one ListUsers page of 100, and a full paginate of the table.
It prints microseconds per call, per listed user, and the ratio of the cost per listed user at the
largest size to that at the smallest (target: at most 2x).

    python bench/scale.py [--sizes 1000 10000 100000] [--repeat 200]
"""

from __future__ import annotations

from _fake_env import use_fake_aws_env

use_fake_aws_env()  # before boto3 is imported: nothing real is read

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import boto3  # noqa: E402

from pytest_iamfake import IAMFake, fake_iam  # noqa: E402
from pytest_iamfake.model.paging import encode_marker  # noqa: E402

PASSWORD = "Str0ng!Passw0rd"


def median_us(action: Callable[[int], object], repeat: int) -> float:
    """Median wall time of `action(i)` over `repeat` runs, in microseconds."""
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def full_paginate(iam: Any, operation: str, key: str, **params: Any) -> tuple[float, int]:
    """(seconds, items) to walk every page of `operation` with botocore's paginator."""
    start = time.perf_counter()
    count = sum(len(page[key]) for page in iam.get_paginator(operation).paginate(**params))
    return time.perf_counter() - start, count


def measure(size: int, repeat: int) -> dict[str, float]:
    with fake_iam() as fake:
        fill(fake, size)
        iam = boto3.client("iam")
        names = [f"user{i:07d}" for i in range(0, size, max(1, size // repeat))][:repeat]
        out = {
            "GetUser": median_us(lambda i: iam.get_user(UserName=names[i % len(names)]), repeat),
            "CreateLoginProfile": median_us(
                lambda i: iam.create_login_profile(UserName=names[i % len(names)], Password=PASSWORD), len(names)
            ),
        }
        # A page from the middle of the table: the Marker names the next user's key.
        page = {"MaxItems": 100, "Marker": encode_marker(f"user{size // 2:07d}")}
        out["ListUsers page (100)"] = median_us(lambda i: iam.list_users(**page), repeat)
        full_paginate(iam, "list_users", "Users")  # warm: the paginator's first use loads its model
        seconds, listed = full_paginate(iam, "list_users", "Users")
        out["ListUsers paginate, per user"] = seconds / listed * 1e6
        return out


def fill(fake: IAMFake, size: int) -> None:
    for i in range(size):
        fake.add_user(f"user{i:07d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        started = time.perf_counter()
        results[size] = measure(size, args.repeat)
        print(f"# {size:>7} users measured in {time.perf_counter() - started:.1f} s", flush=True)
    rows = list(next(iter(results.values())))
    print(f"\n{'microseconds':32}" + "".join(f"{size:>12,}" for size in results))
    for row in rows:
        print(f"{row:32}" + "".join(f"{results[size][row]:12.1f}" for size in results))
    low, high = min(results), max(results)
    print(f"\nlargest/smallest: {', '.join(f'{row} {results[high][row] / results[low][row]:.2f}x' for row in rows)}")
    ratio = results[high]["ListUsers paginate, per user"] / results[low]["ListUsers paginate, per user"]
    print(f"per listed user at {high:,} vs {low:,} users: {ratio:.2f}x (target: at most 2x)")


if __name__ == "__main__":
    main()
