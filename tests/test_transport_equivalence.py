"""Property: the call and wire transports give the same results for the same calls.

The wire transport goes through botocore's signer, serializer, XML parser and retry
handler; the call transport answers before all of them.  Whatever the sequence of
calls, the parsed results (minus request ids, headers and the timestamp's tzinfo
object) and the errors must be equal.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError, ParamValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_iamfake import fake_iam

NAMES = st.sampled_from(["Bob", "bob", "Carol", "bad/name", "n" * 65, "a.b@c", ""])
PASSWORDS = st.sampled_from(
    ["Str0ng!Passw0rd", "An0ther!Passw0rd", "short", "alllowercase", "p" * 129, "Pa\u20ac1word!", ""]
)
FLAGS = st.booleans()


def step(operation: str, **fields: Any) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """One call: the operation and a params dict whose optional members may be left out."""
    required = {k: v for k, v in fields.items() if not k.endswith("?")}
    optional = {k[:-1]: v for k, v in fields.items() if k.endswith("?")}
    return st.tuples(st.just(operation), st.fixed_dictionaries(required, optional=optional))


STEPS = st.one_of(
    step("create_user", UserName=NAMES),
    step("create_login_profile", UserName=NAMES, Password=PASSWORDS, **{"PasswordResetRequired?": FLAGS}),
    step("get_login_profile", UserName=NAMES),
    step("update_login_profile", UserName=NAMES, **{"Password?": PASSWORDS, "PasswordResetRequired?": FLAGS}),
    step("delete_login_profile", UserName=NAMES),
    step("delete_user", UserName=NAMES),
    step("list_users", **{"MaxItems?": st.integers(1, 3)}),
    step("get_user", **{"UserName?": NAMES}),
)


def outcome(client: Any, operation: str, params: dict[str, Any]) -> Any:
    """What the caller sees, without what legitimately differs between two responses."""
    try:
        parsed = getattr(client, operation)(**params)
    except ParamValidationError as err:  # botocore's client-side check: before any transport
        return ("invalid", str(err))
    except ClientError as err:
        meta = err.response["ResponseMetadata"]
        return ("error", type(err).__name__, err.response["Error"], meta["HTTPStatusCode"], meta["RetryAttempts"])
    meta = parsed.pop("ResponseMetadata")
    return ("ok", parsed, meta["HTTPStatusCode"], meta["RetryAttempts"])


def run(transport: str, steps: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    with fake_iam(transport=transport) as fake:
        client = fake.client()
        results = [outcome(client, operation, params) for operation, params in steps]
        calls = [(c.operation, c.params, c.response, c.error, c.caller, c.time) for c in fake.calls]
    return [*results, calls]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEPS, min_size=1, max_size=12))
def test_call_and_wire_transports_agree(steps):
    # Datetimes compare by instant, so tzutc() (call) equals tzlocal() at offset 0 (botocore's parser).
    assert run("wire", steps) == run("call", steps)
