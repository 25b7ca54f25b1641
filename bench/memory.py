"""Memory: bytes retained per call and per recorded call, and that stopped fakes are freed.

Per call: tracemalloc's retained bytes after N GetUser calls (a call that stores nothing
in the model), with recording off (record=False: what a call itself leaves behind) and on
(the default: the difference is what one recorded Call costs).  Activations: N fakes
started, called once and stopped under each transport; a weak reference to each must be
dead afterwards.

    python bench/memory.py [--calls 5000] [--activations 10000]
"""

from __future__ import annotations

from _fake_env import use_fake_aws_env

use_fake_aws_env()  # before boto3 is imported: nothing real is read

import argparse  # noqa: E402
import gc  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
import weakref  # noqa: E402

import boto3  # noqa: E402

from pytest_iamfake import IAMFake, fake_iam  # noqa: E402
from pytest_iamfake.options import build  # noqa: E402

TRANSPORTS = ("call", "wire")


def retained_per_call(transport: str, record: bool, calls: int) -> float:
    """Bytes still allocated after `calls` GetUser calls, per call (warmed up first)."""
    with fake_iam(transport=transport, record=record, users=["alice"]) as fake:
        iam = boto3.client("iam")
        for _ in range(200):  # warm caches (renderers, validators, botocore's own)
            iam.get_user(UserName="alice")
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        for _ in range(calls):
            iam.get_user(UserName="alice")
        gc.collect()
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
        assert len(fake.calls) == (calls + 200 if record else 0)
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    return grown / calls


def activations(transport: str, count: int) -> int:
    """Start, call once and stop `count` fakes; return how many are still alive."""
    iam = boto3.client("iam")
    refs = []
    options = build({"transport": transport})
    for _ in range(count):
        fake = IAMFake(options).start()
        iam.get_account_summary()
        fake.stop()
        refs.append(weakref.ref(fake))
        del fake
    gc.collect()
    return sum(ref() is not None for ref in refs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--activations", type=int, default=10000)
    args = parser.parse_args()
    for transport in TRANSPORTS:
        bare = retained_per_call(transport, False, args.calls)
        recorded = retained_per_call(transport, True, args.calls)
        print(
            f"{transport}: {bare:7.0f} B retained per call (record=False), "
            f"{recorded:7.0f} B per call recorded (record=True): {recorded - bare:5.0f} B per recorded Call"
        )
    for transport in TRANSPORTS:
        started = time.perf_counter()
        alive = activations(transport, args.activations)
        took = time.perf_counter() - started
        print(f"{transport}: {args.activations} activations in {took:.1f} s, fakes alive afterwards: {alive}")
        if alive:
            raise SystemExit(f"{alive} stopped fakes are still reachable")


if __name__ == "__main__":
    main()
