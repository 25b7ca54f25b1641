"""How IAM stamps times on the wire: milliseconds on create, whole seconds afterwards (INFERRED)."""

from __future__ import annotations

from datetime import datetime


def as_created(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def as_stored(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)
