"""The cost of enforcement: a call made as an IAM user with authorization="enforce" vs "off".

The user holds a group policy and two inline policies (one with a condition and a
${aws:username} resource), as a realistic caller does.  Three kinds of call, each timed
one at a time through a boto3 client signed with the user's key:

- read: GetUser on the caller (decisions come from the caller's cached PolicySet);
- list: ListUsers;
- write: CreateLoginProfile for a fresh user, a state-changing call after which the
  account's version moves and the caller's state is re-checked.

Each of `--rounds` rounds runs both modes back to back on fresh fakes; the ratio
enforce/off is taken per round on medians and its median over rounds is printed
(target: at most 1.2).

    python bench/authorization.py [--calls 200] [--rounds 15]
"""

from __future__ import annotations

from _fake_env import use_fake_aws_env

use_fake_aws_env()  # before boto3 is imported: nothing real is read

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

from pytest_iamfake import IAMFake, fake_iam  # noqa: E402

PASSWORD = "Str0ng!Passw0rd"
SELF = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["iam:GetUser", "iam:ListAccessKeys"],
            "Resource": "arn:aws:iam::*:user/${aws:username}",
        },
        {
            "Effect": "Deny",
            "Action": "iam:DeleteUser",
            "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
        },
    ],
}
ADMIN = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["iam:List*", "iam:CreateLoginProfile"], "Resource": "*"}],
}
READ = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}]}


def arrange(fake: IAMFake, calls: int) -> Any:
    fake.add_group("readers")
    fake.client().put_group_policy(GroupName="readers", PolicyName="read", PolicyDocument=json.dumps(READ))
    fake.add_user("alice", groups=["readers"])
    fake.add_user_policy("alice", SELF, name="self")
    fake.add_user_policy("alice", ADMIN, name="admin")
    for number in range(calls):
        fake.add_user(f"user{number}")
    return fake.client(user="alice")


def timed(client: Any, kind: str, calls: int) -> list[float]:
    out = []
    for number in range(calls):
        start = time.perf_counter()
        if kind == "read":
            client.get_user()
        elif kind == "list":
            client.list_users(MaxItems=5)
        else:
            client.create_login_profile(UserName=f"user{number}", Password=PASSWORD)
        out.append(time.perf_counter() - start)
    return out


def run(mode: str, kind: str, calls: int) -> float:
    with fake_iam(authorization=mode) as fake:
        client = arrange(fake, calls)
        timed(client, kind if kind != "write" else "read", 20)  # warm the client and the caches
        gc.collect()
        return statistics.median(timed(client, kind, calls))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    modes: tuple[str, str] = ("enforce", "off")
    for kind in ("read", "list", "write"):
        medians: dict[str, list[float]] = {m: [] for m in modes}
        ratios: list[float] = []
        for round_number in range(args.rounds):
            order: Callable[[], tuple[str, ...]] = (lambda: modes) if round_number % 2 else (lambda: modes[::-1])
            got = {mode: run(mode, kind, args.calls) for mode in order()}
            for mode in modes:
                medians[mode].append(got[mode])
            ratios.append(got["enforce"] / got["off"])
        enforce = statistics.median(medians["enforce"]) * 1e6
        off = statistics.median(medians["off"]) * 1e6
        print(
            f"{kind:5}  enforce {enforce:7.1f} us  off {off:7.1f} us  "
            f"enforce/off {statistics.median(ratios):.3f} (median of {args.rounds} rounds)"
        )


if __name__ == "__main__":
    main()
