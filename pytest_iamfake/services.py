"""The faked services as botocore's installed models describe them.

Which services are faked, the one botocore session that loads their models, which
operation an event or a test author's name refers to, and what errors (with their
HTTP statuses) an operation declares.  botocore is imported on first use, never at
import: `import pytest_iamfake` must stay cheap for test runs that never touch AWS.

Operation names as test authors write them: "CreateLoginProfile" and
"create_login_profile" (botocore's own client-method spelling) both name the same
operation; anything else is a UsageError naming close matches.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .calls import CallFilter
from .exceptions import UsageError

if TYPE_CHECKING:
    from botocore.model import OperationModel, ServiceModel
    from botocore.session import Session

FAKED_SERVICES = ("iam", "sts")

_session_lock = threading.Lock()
_session: Session | None = None


def botocore_session() -> Session:
    """One botocore session for the fake's own clients and service models (loading is slow).

    Made anew if botocore itself was imported anew since (pytester's in-process runs drop
    modules their inner run imported), so its clients raise the ClientError tests catch.
    """
    global _session
    import botocore.session

    with _session_lock:
        if _session is None or not isinstance(_session, botocore.session.Session):
            _session = botocore.session.Session()
        return _session


@functools.cache
def _service_model(service: str, session: Session) -> ServiceModel:
    return session.get_service_model(service)


def service_model(service: str) -> ServiceModel:
    """The installed botocore model of `service`."""
    return _service_model(service, botocore_session())


def faked_models() -> dict[str, ServiceModel]:
    """The botocore models of the services the fake answers for, by service name."""
    return {service: service_model(service) for service in FAKED_SERVICES}


def is_faked(operation: OperationModel) -> bool:
    """Whether the fake answers `operation` (an operation of a faked service)."""
    return operation.service_model.service_name in FAKED_SERVICES


@functools.cache
def _faked_service_ids() -> dict[str, str]:
    """Hyphenized service id (as in event names) -> service name, for the faked services."""
    return {service_model(name).service_id.hyphenize(): name for name in FAKED_SERVICES}


_event_operations: dict[str, OperationModel | None] = {}


def operation_for_event(event_name: str) -> OperationModel | None:
    """The faked operation an `<event>.<service-id>.<Operation>` event is about, if any."""
    if event_name in _event_operations:
        return _event_operations[event_name]
    _, service_id, name = event_name.split(".", 2)
    service = _faked_service_ids().get(service_id)
    found = _event_operations[event_name] = None if service is None else service_model(service).operation_model(name)
    return found


_STATUS_BY_SERVICE: dict[str, dict[str, int]] = {}


def declared_status(service: ServiceModel, code: str) -> int | None:
    """The HTTP status the service model declares for an error code, if it declares the code."""
    table = _STATUS_BY_SERVICE.get(service.service_name)
    if table is None:
        table = {}
        for shape in service.error_shapes:
            error = shape.metadata.get("error", {})
            table[error.get("code", shape.name)] = error.get("httpStatusCode", 400)
        _STATUS_BY_SERVICE[service.service_name] = table
    return table.get(code)


# --- names as test authors write them ------------------------------------------------

SPELLING_HINT = 'Operation names are spelled "CreateLoginProfile" or "create_login_profile".'


@functools.cache
def _spellings(model: ServiceModel) -> dict[str, str]:
    """Every accepted spelling of the model's operations -> the operation's name."""
    from botocore import xform_name

    names: dict[str, str] = {}
    for name in model.operation_names:
        names[name] = name
        names[xform_name(name)] = name
    return names


def _check_service(service: str | None, models: Mapping[str, ServiceModel]) -> None:
    if service is not None and service not in models:
        raise UsageError(f"pytest-iamfake fakes the services {', '.join(models)}; got service={service!r}.")


def resolve(name: object, service: str | None, models: Mapping[str, ServiceModel]) -> OperationModel:
    """The operation `name` of `service` (None: whichever of `models` has it)."""
    _check_service(service, models)
    if not isinstance(name, str):
        raise UsageError(f"An operation name must be a string; got {name!r}. {SPELLING_HINT}")
    found = [
        model.operation_model(_spellings(model)[name])
        for svc, model in models.items()
        if name in _spellings(model) and service in (None, svc)
    ]
    if len(found) == 1:
        return found[0]
    if found:
        services = ", ".join(op.service_model.service_name for op in found)
        raise UsageError(f"{name!r} is an operation of several services ({services}); pass service=.")
    raise UsageError(_unknown(name, service, models))


def _unknown(name: str, service: str | None, models: Mapping[str, ServiceModel]) -> str:
    where = service or "/".join(models)
    elsewhere = [svc for svc, model in models.items() if svc != service and name in _spellings(model)]
    if elsewhere:
        return f"{name!r} is not an operation of {where}; it is one of {elsewhere[0]}: pass service={elsewhere[0]!r}."
    snake = "_" in name or name.islower()
    candidates = [
        spelling
        for svc, model in models.items()
        if service in (None, svc)
        for spelling in _spellings(model)
        if ("_" in spelling or spelling.islower()) == snake
    ]
    close = _close_matches(name, candidates, n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return f"{name!r} is not an operation of {where}.{hint} {SPELLING_HINT}"


def check_params(operation: OperationModel, names: Iterable[object]) -> None:
    """UsageError unless every name is a top-level parameter of `operation`."""
    shape = operation.input_shape
    members = list(shape.members) if shape is not None else []
    for name in names:
        if name in members:
            continue
        close = _close_matches(str(name), members, n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]}?" if close else ""
        listed = ", ".join(members) if members else "none"
        raise UsageError(f"{operation.name} has no parameter {name!r}.{hint} Its parameters are: {listed}.")


def call_filter(
    operation: str | None, service: str | None, params: Mapping[str, Any], models: Mapping[str, ServiceModel]
) -> CallFilter:
    """A CallFilter from what a test wrote: either spelling, parameter names checked."""
    if operation is None:
        _check_service(service, models)
        return CallFilter(service, None, params)
    model = resolve(operation, service, models)
    check_params(model, params)
    return CallFilter(model.service_model.service_name, model.name, params)


def declared_codes(operation: OperationModel) -> tuple[str, ...]:
    """The error codes the service model declares for `operation`, in the model's order."""
    return tuple(shape.metadata.get("error", {}).get("code", shape.name) for shape in operation.error_shapes)


def _close_matches(word: str, possibilities: Iterable[str], n: int, cutoff: float) -> list[str]:
    import difflib  # only here: slow to import, and needed only to word a usage error

    return difflib.get_close_matches(word, list(possibilities), n=n, cutoff=cutoff)
