"""Start-up cost of having pytest-iamfake installed, for runs that never touch AWS.

Two figures, both with bytecode caching on (PYTHONDONTWRITEBYTECODE is removed from the
environment, and every run is preceded by warm-up runs that fill the cache, as a user's
machine has it):

- the plugin's own import: `import pytest_iamfake.plugin` in a fresh interpreter that has
  already imported pytest, timed inside the process (botocore must not be imported by it);
- a pytest run of one empty test with the plugin vs with `-p no:iamfake`, in rounds that
  alternate the two so a busy moment on a shared machine hits both alike.

    python bench/startup.py [--runs 15]

Targets: the import at most 5 ms; the run with the plugin within 5% of the run without.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _fake_env import FAKE_ENV

# hypothesis (a dev dependency) has a pytest plugin that costs more start-up than everything
# else together; it is off in both runs so that the difference is the plugin's.
PYTEST_ARGS = ["-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest"]

IMPORT_PROBE = """
import sys, time
import pytest
start, cpu = time.perf_counter(), time.process_time()
import pytest_iamfake.plugin
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
print(elapsed * 1e3, cpu * 1e3, "botocore" in sys.modules)
"""


def environment() -> dict[str, str]:
    env = {**os.environ, **FAKE_ENV}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users cache bytecode; these machines often do not
    return env


def import_ms(env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) milliseconds of `import pytest_iamfake.plugin` in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", IMPORT_PROBE], env=env, capture_output=True, text=True, check=True)
    wall, cpu, botocore = done.stdout.split()
    if botocore != "False":
        raise SystemExit("import pytest_iamfake.plugin imported botocore")
    return float(wall), float(cpu)


def pytest_s(root: Path, env: dict[str, str], extra: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one pytest run; CPU time is less moved by a busy shared machine."""
    command = [sys.executable, "-m", "pytest", *PYTEST_ARGS, *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"pytest failed ({' '.join(extra)}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = environment()
    with tempfile.TemporaryDirectory(prefix="iamfake-startup-") as tmp:
        root = Path(tmp)
        (root / "pytest.ini").write_text("[pytest]\n")
        (root / "test_empty.py").write_text("def test_empty():\n    pass\n")
        for _ in range(3):  # warm the bytecode cache of everything both runs import
            import_ms(env)
            pytest_s(root, env, [])
            pytest_s(root, env, ["-p", "no:iamfake"])
        imports = [import_ms(env) for _ in range(args.runs)]
        plugin: list[tuple[float, float]] = []
        without: list[tuple[float, float]] = []
        for round_ in range(args.runs):
            # Alternate which goes first, so neither always runs on a machine the other warmed.
            first, second = (plugin, without) if round_ % 2 == 0 else (without, plugin)
            first.append(pytest_s(root, env, [] if first is plugin else ["-p", "no:iamfake"]))
            second.append(pytest_s(root, env, [] if second is plugin else ["-p", "no:iamfake"]))
    print(f"bytecode caching on; median of {args.runs} runs each")
    print(
        "import pytest_iamfake.plugin (pytest already imported): "
        f"{statistics.median(wall for wall, _ in imports):.1f} ms wall, "
        f"{statistics.median(cpu for _, cpu in imports):.1f} ms CPU (target <= 5)"
    )
    for index, what in ((0, "wall"), (1, "CPU")):
        ratios = [p[index] / w[index] for p, w in zip(plugin, without, strict=True)]
        print(
            f"pytest, one empty test ({what}): plugin {statistics.median(p[index] for p in plugin) * 1e3:.0f} ms, "
            f"-p no:iamfake {statistics.median(w[index] for w in without) * 1e3:.0f} ms, "
            f"plugin/no-plugin {statistics.median(ratios):.3f}x (median of paired rounds; target <= 1.05)"
        )


if __name__ == "__main__":
    main()
