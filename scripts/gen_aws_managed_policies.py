"""Regenerate pytest_iamfake/data/aws_managed_policies.json.gz from moto's dump of AWS managed policies.

moto (a dev dependency) carries ``moto/iam/aws_managed_policies.py``, a JSON dump of every AWS
managed policy with its default version's document, refreshed by moto's maintainers from a
real account.  This script keeps what the fake serves (name, path, default version id,
create/update dates, document), sorts by name and writes compact JSON, gzip-compressed with
a zero timestamp so that the same input gives byte-identical output.

    .venv/bin/pip install -U moto          # the maintained source
    .venv/bin/python scripts/gen_aws_managed_policies.py
    .venv/bin/python scripts/gen_aws_managed_policies.py --check   # exit 1 if the file is stale
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parent.parent / "pytest_iamfake" / "data" / "aws_managed_policies.json.gz"
# The order of each row in the file; pytest_iamfake/model/aws_managed.py reads the same list.
FIELDS = ["name", "path", "default_version_id", "create_date", "update_date", "document"]


def load_moto_dump() -> dict[str, dict[str, Any]]:
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    policies: dict[str, dict[str, Any]] = json.loads(aws_managed_policies_data)
    return policies


def build(policies: dict[str, dict[str, Any]], source: str) -> bytes:
    """The compressed file for ``policies`` (name -> moto's record); deterministic."""
    lowered = {name.lower() for name in policies}
    if len(lowered) != len(policies):
        raise SystemExit("two AWS managed policies differ only in case; the fake sorts by lower-cased name")
    rows = [
        [
            name,
            record["Path"],
            record["DefaultVersionId"],
            record["CreateDate"],
            record["UpdateDate"],
            record["Document"],
        ]
        for name, record in sorted(policies.items(), key=lambda item: item[0].lower())
    ]
    payload = {"source": source, "fields": FIELDS, "policies": rows}
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write (default: the package data)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the file differs")
    args = parser.parse_args(argv)

    source = f"moto {metadata.version('moto')} moto/iam/aws_managed_policies.py"
    data = build(load_moto_dump(), source)
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != data:
            print(f"{args.output} is stale; run {Path(__file__).name} to regenerate it", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes) from {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
