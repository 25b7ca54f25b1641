"""The "wire" transport's codec: an Answer as the XML real IAM/STS send, and request bodies read back.

Everything is derived from the botocore service model: the success body is rendered
from the operation's output shape (reference 4.1), errors use the ErrorResponse
envelope (4.4), timestamps are ISO-8601 UTC with milliseconds and `Z` (4.2).  One
renderer is compiled per output shape and kept, so a call costs a few string joins.
"""

from __future__ import annotations

import base64
import datetime as _dt
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

from botocore.awsrequest import AWSResponse
from botocore.model import OperationModel, Shape

from ..answer import Answer, http_date
from . import internals

Render = Callable[[Any, list[str]], None]
_MISSING = object()

# --- rendering ------------------------------------------------------------------------

# What XML 1.0 cannot carry, not even as a character reference: C0 controls but tab, LF
# and CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """`value` as XML character data: escaped, and what XML cannot carry replaced by U+FFFD.

    CHOSEN: replaced, not dropped, so the text keeps its length and shows where
    something was.  IAM refuses such characters in every value it echoes (validation
    answers first); what reaches here is the fake's own text, such as
    `fail(message=...)`.  isprintable() is false for all of them: the fast path.  CR is
    written as a reference: a parser turns a literal one into LF.
    """
    if value.isprintable():
        return escape(value)
    return escape(_NOT_XML.sub("\ufffd", value), _CR)


_CR = {"\r": "&#13;"}


def _timestamp(value: Any) -> str:
    # CHOSEN: always milliseconds (IAM shows them on create, whole seconds on get;
    # botocore parses both to the same aware datetime, reference 4.2/4.3).
    if isinstance(value, _dt.datetime):
        moment = value.astimezone(_dt.timezone.utc).replace(tzinfo=None) if value.tzinfo else value
        return moment.isoformat(timespec="milliseconds") + "Z"
    return xml_text(str(value))


def _scalar(shape: Shape) -> Callable[[Any], str]:
    kind = shape.type_name
    if kind == "boolean":
        return lambda v: "true" if v else "false"
    if kind in ("integer", "long"):
        return lambda v: str(int(v))
    if kind in ("float", "double"):
        return repr
    if kind == "timestamp":
        return _timestamp
    if kind == "blob":
        return lambda v: base64.b64encode(v if isinstance(v, bytes) else str(v).encode()).decode()
    return lambda v: xml_text(str(v))


def _name(shape: Shape, default: str) -> str:
    return str(shape.serialization.get("name", default))


def _element(tag: str, render: Render) -> Render:
    """Render a value wrapped in <tag>...</tag>."""
    opening, closing = f"<{tag}>", f"</{tag}>"

    def element(value: Any, out: list[str]) -> None:
        out.append(opening)
        render(value, out)
        out.append(closing)

    return element


def _items(tag: str, render: Render) -> Render:
    """Render each item of a list as <tag>item</tag>, side by side."""
    each = _element(tag, render)

    def items(value: Any, out: list[str]) -> None:
        for item in value:
            each(item, out)

    return items


def _compile(shape: Shape, seen: dict[str, Render]) -> Render:
    """Append the XML content of a value of `shape` to `out` (without its own tag)."""
    kind = shape.type_name
    if kind == "structure":
        if shape.name in seen:  # recursive shapes: look the renderer up when it runs
            return lambda value, out: seen[shape.name](value, out)
        seen[shape.name] = lambda value, out: None
        fields = [(name, _member(member, name, seen)) for name, member in shape.members.items()]  # type: ignore[attr-defined]

        def structure(value: Any, out: list[str]) -> None:
            for name, render in fields:
                item = value.get(name)
                if item is not None:
                    render(item, out)

        seen[shape.name] = structure
        return structure
    if kind == "list":
        return _items(_name(shape.member, "member"), _compile(shape.member, seen))  # type: ignore[attr-defined]
    if kind == "map":
        key = _element(_name(shape.key, "key"), _compile(shape.key, seen))  # type: ignore[attr-defined]
        val = _element(_name(shape.value, "value"), _compile(shape.value, seen))  # type: ignore[attr-defined]

        def entries(value: Any, out: list[str]) -> None:
            for k, v in value.items():
                out.append("<entry>")
                key(k, out)
                val(v, out)
                out.append("</entry>")

        return entries
    text = _scalar(shape)
    return lambda value, out: out.append(text(value))


def _member(shape: Shape, name: str, seen: dict[str, Render]) -> Render:
    """A structure member: its content wrapped in its serialized name (flattened lists unwrapped)."""
    tag = _name(shape, name)
    if shape.type_name == "list" and shape.serialization.get("flattened"):
        return _items(_name(shape.member, tag), _compile(shape.member, seen))  # type: ignore[attr-defined]
    if shape.type_name in _CONTAINERS:
        return _element(tag, _compile(shape, seen))
    # Scalars, the bulk of every body, in one step.
    text, opening, closing = _scalar(shape), f"<{tag}>", f"</{tag}>"
    return lambda value, out: out.append(opening + text(value) + closing)


_CONTAINERS = frozenset({"structure", "list", "map"})


_RESULT_RENDERERS: dict[tuple[str, str], Callable[[Mapping[str, Any], str], bytes]] = {}


def _success_renderer(operation: OperationModel) -> Callable[[Mapping[str, Any], str], bytes]:
    key = (operation.service_model.service_name, operation.name)
    found = _RESULT_RENDERERS.get(key)
    if found is not None:
        return found
    namespace = operation.service_model.metadata.get("xmlNamespace", "")
    root = f"{operation.name}Response"
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{namespace}">'
    tail = f"<ResponseMetadata><RequestId>{{}}</RequestId></ResponseMetadata></{root}>"
    shape = operation.output_shape
    body: Render | None = None
    if shape is not None:
        body = _element(str(shape.serialization.get("resultWrapper", f"{operation.name}Result")), _compile(shape, {}))

    def render(result: Mapping[str, Any], request_id: str) -> bytes:
        out = [head]
        if body is not None:
            body(result, out)
        out.append(tail.format(request_id))
        return "".join(out).encode()

    _RESULT_RENDERERS[key] = render
    return render


def success_body(operation: OperationModel, result: Mapping[str, Any], request_id: str) -> bytes:
    """`<OpResponse><OpResult>...</OpResult><ResponseMetadata>...` from the output shape."""
    return _success_renderer(operation)(result, request_id)


def _headers(request_id: str) -> dict[str, str]:
    return {"x-amzn-RequestId": request_id, "Content-Type": "text/xml", "Date": http_date()}


def error_body(answer: Answer) -> bytes:
    """`<ErrorResponse>` with the answer's Type, Code and Message."""
    namespace = answer.operation.service_model.metadata.get("xmlNamespace", "")
    # Some IAM errors (the credential report's) carry no Message element at all.
    message = f"<Message>{xml_text(answer.message)}</Message>" if answer.message else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="{namespace}"><Error>'
        f"<Type>{answer.type}</Type><Code>{xml_text(answer.code)}</Code>{message}"
        f"</Error><RequestId>{answer.request_id}</RequestId></ErrorResponse>"
    ).encode()


def render(answer: Answer) -> tuple[int, bytes, Mapping[str, str]]:
    """(HTTP status, body, headers) that real IAM/STS send for `answer`."""
    if answer.result is not None:
        body = success_body(answer.operation, answer.result, answer.request_id)
    else:
        body = error_body(answer)
    return answer.status, body, _headers(answer.request_id)


# --- reading a request back --------------------------------------------------------------


Flat = Mapping[str, "str | list[str]"]


def _has(flat: Flat, prefix: str) -> bool:
    dotted = prefix + "."
    return prefix in flat or any(key.startswith(dotted) for key in flat)


def _read_scalar(shape: Shape, text: str | list[str]) -> Any:
    """A scalar as the wire carries it; text the type cannot read stays text (validation answers it).

    A key sent several times reads as the list of its texts (IAM answers that with "Member
    must have exactly one value").
    """
    if isinstance(text, list):
        return text
    kind = shape.type_name
    try:
        if kind == "boolean":
            return text == "true"
        if kind in ("integer", "long"):
            return int(text) if _INTEGER.fullmatch(text) else text
        if kind in ("float", "double"):
            return float(text)
        if kind == "timestamp":
            return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if kind == "blob":
            return base64.b64decode(text)
    except ValueError:  # binascii.Error is a ValueError
        return text
    return text


_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)


def _read(shape: Shape, flat: Flat, prefix: str) -> Any:
    kind = shape.type_name
    if kind == "structure":
        out: dict[str, Any] = {}
        for name, member in shape.members.items():  # type: ignore[attr-defined]
            wire_name = _name(member, name)
            value = _read(member, flat, f"{prefix}.{wire_name}" if prefix else wire_name)
            if value is not _MISSING:
                out[name] = value
        return out if (out or not prefix or _has(flat, prefix)) else _MISSING
    if kind in ("list", "map"):
        if flat.get(prefix) == "":
            return [] if kind == "list" else {}
        if not _has(flat, prefix):
            return _MISSING
        return _read_list(shape, flat, prefix) if kind == "list" else _read_map(shape, flat, prefix)
    text = flat.get(prefix)
    return _MISSING if text is None else _read_scalar(shape, text)


def _read_list(shape: Shape, flat: Flat, prefix: str) -> list[Any]:
    member: Shape = shape.member  # type: ignore[attr-defined]
    base = prefix if shape.serialization.get("flattened") else f"{prefix}.{_name(member, 'member')}"
    items = []
    index = 1
    while (item := _read(member, flat, f"{base}.{index}")) is not _MISSING:
        items.append(item)
        index += 1
    return items


def _read_map(shape: Shape, flat: Flat, prefix: str) -> dict[Any, Any]:
    key_shape: Shape = shape.key  # type: ignore[attr-defined]
    value_shape: Shape = shape.value  # type: ignore[attr-defined]
    base = prefix if shape.serialization.get("flattened") else f"{prefix}.entry"
    out = {}
    index = 1
    while (key := _read(key_shape, flat, f"{base}.{index}.{_name(key_shape, 'key')}")) is not _MISSING:
        value = _read(value_shape, flat, f"{base}.{index}.{_name(value_shape, 'value')}")
        if value is not _MISSING and not isinstance(key, list):  # CHOSEN: a key without a value is dropped
            out[key] = value
        index += 1
    return out


def read_params(operation: OperationModel, body: object) -> dict[str, Any]:
    """The params a form-encoded query-protocol body carries, read with the input shape."""
    text = body.decode() if isinstance(body, bytes) else body if isinstance(body, str) else ""
    flat: dict[str, str | list[str]] = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        held = flat.get(key)
        if held is None:
            flat[key] = value
        elif isinstance(held, list):
            held.append(value)
        else:
            flat[key] = [held, value]
    shape = operation.input_shape
    if shape is None:
        return {}
    params: dict[str, Any] = _read(shape, flat, "")
    return params


# --- the HTTP response botocore receives ------------------------------------------------------


class _Body:
    """The `raw` of a response: what botocore (stream) and aiobotocore (read) consume."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._data

    async def read(self) -> bytes:
        return self._data


def http_response(url: str, status: int, body: bytes, headers: Mapping[str, str], *, aio: bool = False) -> AWSResponse:
    """An AWSResponse (aiobotocore's AioAWSResponse for its clients) carrying `body`."""
    # A plain dict: AWSResponse makes its own case-insensitive copy.
    http_headers = {**headers, "Content-Length": str(len(body))}
    if aio:  # its content is awaited
        aio_response: AWSResponse = internals.aio_response_class()(url, status, http_headers, _Body(body))
        return aio_response
    return AWSResponse(url, status, http_headers, _Body(body))  # type: ignore[arg-type]  # any mapping will do
