"""Per-test cost in a real pytest run: pytest-iamfake's fixture vs moto's mock_aws, and start-up cost.

Generates a suite of N tests (each creates a user and a login profile through a boto3
client of its own and asserts on the profile) in a temporary directory, once per
contender, and runs each with pytest in a subprocess.

    python bench/per_test.py [--sizes 200 1000] [--moto-max 200] [--startup-runs 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

FILES = 10  # tests are spread over this many modules, as in a real suite

from _fake_env import FAKE_ENV  # noqa: E402  (fake credentials for every pytest run)

# hypothesis (a dev dependency) has a pytest plugin that costs more start-up than everything
# else together; it is off in every run so that the figures are about iamfake and moto.
PYTEST_ARGS = ["-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest"]

BODY = """
    iam = boto3.client("iam")
    iam.create_user(UserName="user{i}")
    iam.create_login_profile(UserName="user{i}", Password="Str0ng!Passw0rd", PasswordResetRequired=True)
    profile = iam.get_login_profile(UserName="user{i}")["LoginProfile"]
    assert profile["UserName"] == "user{i}"
"""

# Per contender: module header, the test's signature, and the extra pytest arguments.
SUITES = {
    "iamfake": ("import boto3\n", "def test_{i}(iamfake):", []),
    "moto": (
        textwrap.dedent(
            """\
            import boto3
            import pytest
            from moto import mock_aws


            @pytest.fixture
            def aws():
                with mock_aws():
                    yield
            """
        ),
        "def test_{i}(aws):",
        ["-p", "no:iamfake"],
    ),
}


def new_rootdir(root: Path) -> Path:
    """An empty directory with a pytest.ini, so pytest finds no configuration above it."""
    root.mkdir(parents=True)
    (root / "pytest.ini").write_text("[pytest]\n")
    return root


def write_suite(root: Path, header: str, signature: str, count: int) -> None:
    """`count` tests over FILES modules."""
    new_rootdir(root)
    per_file = -(-count // FILES)
    for f in range(FILES):
        tests = range(f * per_file, min((f + 1) * per_file, count))
        text = header + "".join(f"\n\n{signature.format(i=i)}{BODY.format(i=i)}" for i in tests)
        (root / f"test_suite_{f}.py").write_text(text)


@dataclass(frozen=True)
class Timing:
    """One pytest run: wall-clock seconds, and CPU seconds (less sensitive to a busy machine)."""

    wall: float
    cpu: float


def run_pytest(root: Path, extra: list[str]) -> Timing:
    """Time one `pytest -q` run in a subprocess; fails loudly if the run fails."""
    command = [sys.executable, "-m", "pytest", *PYTEST_ARGS, *extra]
    env = {**os.environ, **FAKE_ENV}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"pytest failed in {root} ({' '.join(extra)}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def run_suite(workdir: Path, name: str, count: int) -> Timing:
    header, signature, extra = SUITES[name]
    root = workdir / f"{name}-{count}"
    write_suite(root, header, signature, count)
    return run_pytest(root, extra)


def extrapolate(one: Timing, measured: Timing, n: int, count: int) -> Timing:
    """A run of `count` tests from runs of 1 and `n`: fixed cost plus a constant cost per test.

    moto resets all state at every test, so its cost per test does not depend on the suite's size.
    """

    def line(a: float, b: float) -> float:
        return a + (b - a) / (n - 1) * (count - 1)

    return Timing(line(one.wall, measured.wall), line(one.cpu, measured.cpu))


def per_test(workdir: Path, sizes: list[int], moto_max: int) -> None:
    print("per test: create_user + create_login_profile + get_login_profile, a boto3 client per test")
    print(
        f"{'N':>6}{'iamfake s':>11}{'moto s':>10}{'iamfake ms/test':>17}{'moto ms/test':>14}"
        f"{'moto/iamfake':>14}{'(CPU time)':>12}"
    )
    moto_runs: dict[int, Timing] = {}
    extrapolated = False
    for count in sorted(sizes):
        fake = run_suite(workdir, "iamfake", count)
        if count <= moto_max or not moto_runs:
            moto = moto_runs[count] = run_suite(workdir, "moto", count)
            mark = " "
        else:
            n = max(moto_runs)
            moto = extrapolate(run_suite(workdir, "moto", 1), moto_runs[n], n, count)
            mark, extrapolated = "~", True
        print(
            f"{count:>6}{fake.wall:>11.2f}{moto.wall:>9.2f}{mark}{fake.wall / count * 1e3:>17.2f}"
            f"{moto.wall / count * 1e3:>13.2f}{mark}{moto.wall / fake.wall:>13.1f}x{moto.cpu / fake.cpu:>11.1f}x"
        )
    if extrapolated:
        print(f"~ moto above N={moto_max} is extrapolated from runs of 1 and {max(moto_runs)} tests (--moto-max)")
    print("target: moto/iamfake >= 5x at N=1000")


def startup(workdir: Path, runs: int) -> None:
    """Median wall time of a one-test run with and without the plugin, bare and importing boto3."""
    print(f"start-up, one empty test (median of {runs} runs, ms)")
    print(f"{'test module':<16}{'plugin':>8}{'-p no:iamfake':>15}{'difference':>12}")
    for label, header in (("bare", ""), ("imports boto3", "import boto3\n\n\n")):
        root = new_rootdir(workdir / f"empty-{len(header)}")
        (root / "test_empty.py").write_text(header + "def test_empty():\n    pass\n")
        plugin = statistics.median(run_pytest(root, []).wall for _ in range(runs)) * 1e3
        without = statistics.median(run_pytest(root, ["-p", "no:iamfake"]).wall for _ in range(runs)) * 1e3
        print(f"{label:<16}{plugin:>8.0f}{without:>15.0f}{plugin - without:>12.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--startup-runs", type=int, default=7)
    parser.add_argument(
        "--moto-max",
        type=int,
        default=200,
        help="largest N run under moto (about 0.25 s a test); larger N are extrapolated. --moto-max 1000 runs it all",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="iamfake-bench-") as tmp:
        per_test(Path(tmp), args.sizes, args.moto_max)
        startup(Path(tmp), args.startup_runs)


if __name__ == "__main__":
    main()
