"""IAM's Marker/MaxItems paging, in time proportional to the page.

Every List operation pages through an `Index`: a table kept sorted by its listing key as
entries come and go, so a page starts with a binary search instead of a sort.  A Marker
names the key of the next entry (encoded, so a Marker IAM never issued is refused), and so
stays valid while other calls add or delete entries.
"""

from __future__ import annotations

import base64
import binascii
import bisect
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from typing import Any, TypeVar

from . import errors

T = TypeVar("T")

DEFAULT_MAX_ITEMS = 100  # DOC: "the number of items defaults to 100"
# With a filter (PathPrefix, Scope, ...), how many entries one page may pass over before it
# answers with fewer items and IsTruncated (DOC: IAM "might return fewer results").
SCAN_LIMIT = 10_000


class Index(MutableMapping[str, T]):
    """A dict of entries by listing key (for example the lower-case name) that keeps its keys sorted."""

    __slots__ = ("_items", "_keys")

    def __init__(self) -> None:
        self._items: dict[str, T] = {}
        self._keys: list[str] = []

    def __getitem__(self, key: str) -> T:
        return self._items[key]

    def get(self, key: str, default: Any = None) -> Any:  # dict.get's speed on the hot path
        return self._items.get(key, default)

    def find(self, key: str) -> T | None:
        """The entry filed under `key`, or None (typed, unlike Mapping.get's overloads)."""
        return self._items.get(key)

    def __setitem__(self, key: str, value: T) -> None:
        if key not in self._items:
            bisect.insort(self._keys, key)
        self._items[key] = value

    def __delitem__(self, key: str) -> None:
        del self._items[key]
        del self._keys[bisect.bisect_left(self._keys, key)]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._items)

    def sorted_keys(self) -> Sequence[str]:
        return self._keys


def encode_marker(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode("utf-8")).decode("ascii")


def decode_marker(marker: object) -> str:
    """The key a Marker names; ValidationError "Invalid Marker." for one the fake never issued."""
    if not isinstance(marker, str):
        raise errors.invalid_marker()
    try:
        return base64.urlsafe_b64decode(marker.encode("ascii")).decode("utf-8")
    except (ValueError, binascii.Error, UnicodeError):
        raise errors.invalid_marker() from None


def page(
    table: Mapping[str, T],
    params: Mapping[str, Any],
    *,
    keys: Sequence[str] | None = None,
    keep: Callable[[T], bool] | None = None,
) -> tuple[list[T], str | None]:
    """One page of `table` in key order: (entries, the next page's Marker or None).

    `keys`: the table's keys in listing order (an Index knows its own; small tables such as a
    user's groups pass `sorted(...)`).  `keep`: a filter such as a PathPrefix test.
    """
    order = keys if keys is not None else table.sorted_keys() if isinstance(table, Index) else sorted(table)
    marker = params.get("Marker")
    position = 0 if marker is None else bisect.bisect_left(order, decode_marker(marker))
    limit = params.get("MaxItems") or DEFAULT_MAX_ITEMS
    found: list[T] = []
    end = len(order)
    if keep is None:
        stop = min(position + limit, end)
        found = [table[key] for key in order[position:stop]]
        return found, (encode_marker(order[stop]) if stop < end else None)
    budget = SCAN_LIMIT
    while position < end and budget > 0:
        entry = table[order[position]]
        if keep(entry):
            if len(found) == limit:
                return found, encode_marker(order[position])
            found.append(entry)
        position += 1
        budget -= 1
    return found, (encode_marker(order[position]) if position < end else None)


def listing(name: str, entries: list[Any], marker: str | None) -> dict[str, Any]:
    """A List result: `name` holding the entries, IsTruncated always, Marker only when truncated (REAL)."""
    out: dict[str, Any] = {name: entries, "IsTruncated": marker is not None}
    if marker is not None:
        out["Marker"] = marker
    return out
