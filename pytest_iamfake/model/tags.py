"""Tags on identities (users; roles share the rules): keys case-insensitive, 50 per resource.

Reference iam-entities.md §2.2: TagUser overwrites a key's value (and its spelling, as for
roles), UntagUser ignores keys that are not there, ListUserTags sorts shorter keys first.
The request-shape limits (50 per request, key and value lengths, patterns) are the service
model's and are checked by validation before a handler runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import errors
from .names import fold
from .paging import listing, page

LIMIT = 50  # tags per resource (DOC; REAL wording for the total in errors.too_many_tags)

Tag = dict[str, str]


def requested(tags: Sequence[Mapping[str, Any]]) -> list[Tag]:
    """The tags of a request, refused if two keys differ only in case (INFERRED for users)."""
    seen: set[str] = set()
    out: list[Tag] = []
    for tag in tags:
        key = fold(tag["Key"])
        if key in seen:
            raise errors.duplicate_tag_keys()
        seen.add(key)
        out.append({"Key": tag["Key"], "Value": tag["Value"]})
    return out


def merged(existing: list[Tag], new: Sequence[Mapping[str, Any]]) -> list[Tag]:
    """`existing` with `new` applied: a key already there takes the new spelling and value."""
    incoming = requested(new)
    by_key = {fold(tag["Key"]): tag for tag in existing}
    out = list(existing)
    for tag in incoming:
        old = by_key.get(fold(tag["Key"]))
        if old is not None:
            out[out.index(old)] = tag
        else:
            out.append(tag)
    if len(out) > LIMIT:
        raise errors.too_many_tags()
    return out


def without(existing: list[Tag], keys: Iterable[str]) -> list[Tag]:
    """`existing` less the tags whose keys are named (case-insensitively); others are ignored."""
    gone = {fold(key) for key in keys}
    return [tag for tag in existing if fold(tag["Key"]) not in gone]


def _order_key(tag: Tag) -> str:
    # INFERRED from policies (REAL there): shorter keys first, then by key.
    return f"{len(tag['Key']):03d}{tag['Key']}"


def tag_listing(tags: list[Tag], params: Mapping[str, Any]) -> dict[str, Any]:
    """A ListXTags result: one page of `tags` in IAM's order (at most 50, sorted per call)."""
    table = {_order_key(tag): tag for tag in tags}
    found, marker = page(table, params, keys=sorted(table))
    return listing("Tags", [dict(tag) for tag in found], marker)
