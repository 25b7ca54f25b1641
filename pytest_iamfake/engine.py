"""The call pipeline: every IAM/STS call a transport hands over goes through `Engine.answer`.

    fault -> coverage -> validation -> authorization -> model -> record

1. fault: an error injected with `IAMFake.fail()` answers first, even for an operation
   the model lacks, and changes no state;
2. coverage: an operation the model lacks raises UnsupportedOperation (or, with
   unmodelled="passthrough", is left to whatever else answers it, and recorded with
   that answer by `record_elsewhere`, which the transport calls once botocore has it);
3. validation: the server-side constraints botocore leaves to the service (validation.py);
4. authorization: who may call what (model/authorization.py, run by `IAMBackend.handle`
   under the account lock, since it reads the account's state);
5. model: `IAMBackend.handle` runs the operation;
6. record: the Call is kept for `IAMFake.calls`; `_call` is the only place a Call is built.

The engine returns a transport-neutral `Answer` (answer.py), or None when the call is not
its to answer; the adapter (adapter/hooks.py) renders the Answer for its transport.  It
knows nothing of botocore's events, of transports or of pytest.

A new model operation needs nothing here: once the model's operation table lists it,
coverage lets it through.  A new check is one more step in `answer`, between validation
and the model, raising IAMError for its error answer.
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections import deque
from typing import TYPE_CHECKING, Any

from . import answer as answers
from .calls import Call
from .exceptions import UnsupportedOperation, ours
from .faults import Faults
from .model import IAMBackend, IAMError
from .model.identity import root_principal
from .options import Authorization, Unmodelled
from .services import FAKED_SERVICES, service_model
from .validation import validate

if TYPE_CHECKING:
    from botocore.model import OperationModel

    from .answer import Answer
    from .clock import Clock
    from .model import Principal


class Engine:
    """One fake's pipeline, state and recorded calls."""

    def __init__(
        self,
        account_id: str,
        clock: Clock,
        *,
        unmodelled: Unmodelled = "error",
        authorization: Authorization = "enforce",
        record: bool | int = True,
    ) -> None:
        self.account_id = account_id
        self.clock = clock
        self.backend = IAMBackend(account_id, clock, authorization=authorization)
        self.faults = Faults()
        self.unmodelled = unmodelled
        # record: True keeps every Call, False none, N the latest N (a deque drops the oldest).
        self.record = record
        self._calls: deque[Call] = deque(maxlen=None if isinstance(record, bool) else record)
        self._calls_lock = threading.Lock()

    @property
    def calls(self) -> list[Call]:
        """The recorded calls, in order (a copy)."""
        with self._calls_lock:
            return list(self._calls)

    def answer(
        self, operation: OperationModel, params: dict[str, Any], access_key: str | None, region: str | None = None
    ) -> Answer | None:
        """The answer to one call of a faked service, or None to let it go on unanswered.

        `params` are the caller's, as passed; `access_key` is the id the request is signed
        with (None: unsigned), `region` the region it is signed for (recorded as the key's
        last use).  Raises UnsupportedOperation for an unmodelled operation.  With
        unmodelled="passthrough" it returns None for one, and the transport reports the
        other fake's answer with `record_elsewhere`.
        """
        __tracebackhide__ = ours
        service = operation.service_model.service_name
        name = operation.name
        caller = self.backend.caller_for(access_key)
        when = self.clock.now()
        if self.faults:  # most tests inject nothing: build no Call for them
            injected = self.faults.take(self._call(service, name, params, caller, when))
            if injected is not None:
                self._record(self._call(service, name, params, caller, when, error=injected.code, injected=True))
                return answers.failure(operation, injected)
        if not self.backend.covers(service, name):
            if self.unmodelled == "passthrough":
                return None
            self._record(self._call(service, name, params, caller, when, unsupported=True))
            raise UnsupportedOperation(self._unsupported_message(service, name))
        try:
            validate(operation, params)
            result = self.backend.handle(service, name, caller, params, region=region)  # authorization, then the model
        except IAMError as err:
            explanation = str(err.decision) if err.decision is not None else None  # a policy refusal: why
            self._record(self._call(service, name, params, caller, when, error=err.code, explanation=explanation))
            return answers.failure(operation, err)
        self._record(self._call(service, name, params, caller, when, response=result))
        return answers.success(operation, result)

    def record_elsewhere(
        self,
        operation: OperationModel,
        params: dict[str, Any],
        access_key: str | None,
        *,
        response: dict[str, Any] | None,
        error: str | None,
    ) -> None:
        """Record a call this engine let go on (unmodelled, passthrough) that another fake answered."""
        service = operation.service_model.service_name
        caller = self.backend.caller_for(access_key)
        when = self.clock.now()
        self._record(
            self._call(service, operation.name, params, caller, when, response=response, error=error, elsewhere=True)
        )

    def arrange(self, operation: str, params: dict[str, Any], service: str = "iam") -> dict[str, Any]:
        """Run a model operation as the account root, validated but unrecorded, without moving the clock.

        Raises IAMError for an error answer.
        """
        # Helpers refuse wrong types, as a default client does, rather than coercing them as the wire would.
        model = service_model(service)
        # An older botocore's model may lack an operation the fake models: the model's own rules still apply.
        if operation in model.operation_names:
            validate(model.operation_model(operation), params, typed=True)
        return self.backend.handle(service, operation, root_principal(self.account_id), params, tick=False)

    def _record(self, call: Call) -> None:
        if self.record is False:
            return
        with self._calls_lock:
            self._calls.append(call)

    @staticmethod
    def _call(
        service: str,
        operation: str,
        params: dict[str, Any],
        caller: Principal,
        when: _dt.datetime,
        *,
        response: dict[str, Any] | None = None,
        error: str | None = None,
        unsupported: bool = False,
        injected: bool = False,
        explanation: str | None = None,
        elsewhere: bool = False,
    ) -> Call:
        return Call(
            service=service,
            operation=operation,
            params=params,
            response=response,
            error=error,
            caller=caller.arn,
            time=when,
            unsupported=unsupported,
            injected=injected,
            explanation=explanation,
            answered_elsewhere=elsewhere,
        )

    def _unsupported_message(self, service: str, name: str) -> str:
        covered = "\n".join(
            f"  {svc}: {', '.join(self.backend.covered(svc))}" for svc in FAKED_SERVICES if self.backend.covered(svc)
        )
        return (
            f"pytest-iamfake does not model {service}:{name}.\n"
            f"Modelled operations:\n{covered}\n"
            'To let other fakes (such as moto) answer it, use unmodelled="passthrough".'
        )
