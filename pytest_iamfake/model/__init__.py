"""A pure-Python model of IAM's sign-in surface.  Imports neither botocore nor pytest."""

from .backend import IAMBackend
from .errors import IAMError
from .identity import Principal

__all__ = ["IAMBackend", "IAMError", "Principal"]
