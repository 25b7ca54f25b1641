"""IAM's delete rules: an entity is deleted only when nothing it holds blocks it.

Each deletable entity keeps an ordered list of blockers (what holds it, and the DeleteConflict
IAM answers for it); the first that holds is the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from .errors import IAMError

E = TypeVar("E")
Blockers = Sequence[tuple[Callable[[E], bool], Callable[[], IAMError]]]


def refuse_if_blocked(entity: E, blockers: Blockers[E]) -> None:
    """Raise the DeleteConflict of the first blocker that holds for `entity`, if any."""
    for blocks, conflict in blockers:
        if blocks(entity):
            raise conflict()
