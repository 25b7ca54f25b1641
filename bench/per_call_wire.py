"""Per-call cost of the wire transport vs botocore's own floor (a canned before-send answer).

Both contenders go through botocore's whole pipeline: validation, serialization,
SigV4 signing, XML parsing, the retry handler.  "canned" answers every request at
before-send with one fixed AWSResponse carrying real IAM XML and does no work; "wire"
is pytest-iamfake answering from its model.  The ratio wire/canned is what the fake
adds on top of botocore.  Target: at most 1.2x.

    python bench/per_call_wire.py [--calls N] [--chunk C]
"""

from __future__ import annotations

from _fake_env import use_fake_aws_env

use_fake_aws_env()  # before boto3 is imported: nothing real is read

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import gc  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

import boto3  # noqa: E402
from botocore.awsrequest import AWSResponse  # noqa: E402

from pytest_iamfake import IAMFake  # noqa: E402
from pytest_iamfake.adapter import wire_codec as wire  # noqa: E402
from pytest_iamfake.options import build  # noqa: E402
from pytest_iamfake.services import service_model  # noqa: E402

PASSWORD = "Str0ng!Passw0rd"
OPERATIONS = ("get_login_profile", "create_login_profile")
WARMUP = 50
CREATED = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


def new_client() -> Any:
    """A client from a fresh session, so it carries exactly the built-in handlers."""
    return boto3.session.Session().client("iam")


def call(client: Any, operation: str, name: str) -> None:
    if operation == "create_login_profile":
        client.create_login_profile(UserName=name, Password=PASSWORD)
    else:
        client.get_login_profile(UserName=name)


def time_calls(client: Any, operation: str, names: list[str]) -> list[float]:
    durations = []
    for name in names:
        start = time.perf_counter()
        call(client, operation, name)
        durations.append(time.perf_counter() - start)
    return durations


def canned_xml(operation: str) -> bytes:
    """What IAM sends for `operation` on a user "bob" (rendered once, outside the timing)."""
    model = service_model("iam").operation_model("".join(p.title() for p in operation.split("_")))
    result = {"LoginProfile": {"UserName": "bob", "CreateDate": CREATED, "PasswordResetRequired": False}}
    return wire.success_body(model, result, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")


def canned_client(operation: str) -> Any:
    """A client whose every IAM request is answered at before-send by one fixed, real response."""
    body = canned_xml(operation)
    headers = {"x-amzn-RequestId": "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", "Content-Type": "text/xml"}

    class Raw:
        def stream(self, **_: Any) -> Any:
            yield body

    def answer(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, 200, headers, Raw())

    client = new_client()
    client.meta.events.register_first("before-send.iam", answer)
    return client


def measure(operation: str, calls: int, chunk: int) -> tuple[list[float], list[float], list[float]]:
    """Per-call durations of canned and wire, and the wire/canned ratio of each pair of chunks.

    The contenders alternate in chunks of `chunk` calls, so a noisy moment on a shared
    machine hits both; the median of the per-chunk ratios is the robust figure.
    """
    names = [f"user{i}" for i in range(calls + WARMUP)]
    fake = IAMFake(build({"transport": "wire"}))
    with fake:
        for name in names:
            fake.add_user(name)
            if operation == "get_login_profile":
                fake.add_login_profile(name, PASSWORD)
        wire_client = new_client()
    canned = canned_client(operation)
    time_calls(canned, operation, names[:WARMUP])
    with fake:
        time_calls(wire_client, operation, names[:WARMUP])
    canned_all: list[float] = []
    wire_all: list[float] = []
    ratios: list[float] = []
    for first in range(WARMUP, len(names), chunk):
        batch = names[first : first + chunk]
        gc.collect()
        canned_times = time_calls(canned, operation, batch)
        with fake:
            gc.collect()
            wire_times = time_calls(wire_client, operation, batch)
        canned_all += canned_times
        wire_all += wire_times
        ratios.append(statistics.median(wire_times) / statistics.median(canned_times))
    return canned_all, wire_all, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=5000, help="timed calls per contender")
    parser.add_argument("--chunk", type=int, default=100, help="calls per turn before the other contender's turn")
    args = parser.parse_args()
    for operation in OPERATIONS:
        canned, wired, ratios = measure(operation, args.calls, args.chunk)
        for name, durations in (("canned", canned), ("wire", wired)):
            mean, median = statistics.fmean(durations) * 1e6, statistics.median(durations) * 1e6
            print(f"{operation:22} {name:7} mean {mean:7.1f} us   median {median:7.1f} us")
        print(
            f"{operation:22} wire/canned: {statistics.fmean(wired) / statistics.fmean(canned):.2f}x (means)  "
            f"{statistics.median(ratios):.2f}x (median of {len(ratios)} paired chunks)   target <= 1.2x"
        )


if __name__ == "__main__":
    main()
