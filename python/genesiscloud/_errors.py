"""The exceptions of the SDK, one class per error code of the SDK's contract.

Every exception carries the same fields in every language: ``code`` (a stable
string such as ``"not_found"``), ``message``, ``status``, ``api_code``,
``request_id``, ``retry_after``, ``attempts`` and ``request_sent``.
``request_sent`` is False when nothing reached the network (retrying is
safe) and True when the server may have acted on the request (a ``create``
that timed out may have created the resource: look before you retry).

The classes are defined here, in Python, because two of them have two bases
(``InvalidArgumentError`` is also a ``ValueError``, ``APITimeoutError`` also a
``TimeoutError``); the native module builds them through ``_from_native``.
"""

from __future__ import annotations

# Annotations only (strings, under the __future__ import): an error needs no typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, Optional

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DecodeError",
    "GenesisCloudError",
    "InternalError",
    "InternalServerError",
    "InvalidArgumentError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
]


class GenesisCloudError(Exception):
    """Base class of every error the SDK raises (cancellation aside, which is
    ``asyncio.CancelledError``)."""

    code: str
    """The stable error code (``"not_found"``, ``"timeout"``, ...)."""
    message: str
    """What went wrong, without the code and status that ``str()`` adds."""
    status: Optional[int]
    """The HTTP status, when a response was received."""
    api_code: Optional[str]
    """The API's own error code (``"02035"``, ...), when the body had one."""
    request_id: Optional[str]
    """The server's request id, when it sent one: quote it to support."""
    retry_after: Optional[float]
    """Seconds the server asked to wait (``Retry-After``), when it said."""
    attempts: int
    """How many HTTP attempts were made (0 when refused before sending)."""
    request_sent: bool
    """Whether the server may have acted on the request."""

    default_code: ClassVar[str] = "unknown"

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        status: Optional[int] = None,
        api_code: Optional[str] = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
        attempts: int = 0,
        request_sent: bool = False,
    ) -> None:
        super().__init__(message)
        self.code = code if code is not None else self.default_code
        self.message = message
        self.status = status
        self.api_code = api_code
        self.request_id = request_id
        self.retry_after = retry_after
        self.attempts = attempts
        self.request_sent = request_sent

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, status={self.status!r})"


class InvalidArgumentError(GenesisCloudError, ValueError, TypeError):
    """The call was refused before anything was sent (``invalid_argument``):
    a missing, unknown or mistyped argument, or a value out of range. It is
    also a ``ValueError`` and a ``TypeError``, what Python code catches for
    a bad argument."""

    default_code = "invalid_argument"


class APIStatusError(GenesisCloudError):
    """The API answered with an error status (``api_error`` when no subclass
    fits)."""

    default_code = "api_error"


class BadRequestError(APIStatusError):
    """The API answered 400 (``bad_request``)."""

    default_code = "bad_request"


class AuthenticationError(APIStatusError):
    """The API answered 401: the token is missing, wrong or revoked
    (``authentication``)."""

    default_code = "authentication"


class PermissionDeniedError(APIStatusError):
    """The API answered 403 (``permission_denied``)."""

    default_code = "permission_denied"


class NotFoundError(APIStatusError):
    """The API answered 404 (``not_found``)."""

    default_code = "not_found"


class ConflictError(APIStatusError):
    """The API answered 409, e.g. a resource in the wrong state (``conflict``)."""

    default_code = "conflict"


class UnprocessableEntityError(APIStatusError):
    """The API answered 422 (``unprocessable_entity``)."""

    default_code = "unprocessable_entity"


class RateLimitError(APIStatusError):
    """The API answered 429 and retries did not help (``rate_limited``);
    ``GenesisCloudError.retry_after`` says how long it asked to wait."""

    default_code = "rate_limited"


class InternalServerError(APIStatusError):
    """The API answered 5xx and retries did not help (``server_error``)."""

    default_code = "server_error"


class APIConnectionError(GenesisCloudError):
    """Could not connect, the connection was reset, or TLS failed, after
    retries (``connection``)."""

    default_code = "connection"


class APITimeoutError(APIConnectionError, TimeoutError):
    """No complete answer within the timeout or deadline, after retries
    (``timeout``)."""

    default_code = "timeout"


class DecodeError(GenesisCloudError):
    """A successful answer whose body is not what the API defines
    (``decode``)."""

    default_code = "decode"


class WaitTimeoutError(GenesisCloudError):
    """``wait_until`` gave up before the status was reached, or the resource
    entered ``error`` (``wait_timeout``)."""

    default_code = "wait_timeout"

    last_status: Optional[str]
    """The last status seen, if any poll succeeded."""
    polls: int
    """How many times the resource was polled."""
    waited: float
    """How long the wait lasted, in seconds."""

    def __init__(
        self,
        message: str,
        *,
        last_status: Optional[str] = None,
        polls: int = 0,
        waited: float = 0.0,
        **fields: Any,
    ) -> None:
        super().__init__(message, **fields)
        self.last_status = last_status
        self.polls = polls
        self.waited = waited


class InternalError(GenesisCloudError):
    """A bug of the SDK caught at the language boundary (``internal``): the
    process goes on, and the message is worth reporting."""

    default_code = "internal"


_CLASSES: dict[str, type[GenesisCloudError]] = {
    cls.default_code: cls
    for cls in (
        InvalidArgumentError,
        APIStatusError,
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        ConflictError,
        UnprocessableEntityError,
        RateLimitError,
        InternalServerError,
        APIConnectionError,
        APITimeoutError,
        DecodeError,
        WaitTimeoutError,
        InternalError,
    )
}


def _from_native(
    *,
    code: str,
    message: str,
    text: str,
    last_status: Optional[str] = None,
    polls: Optional[int] = None,
    waited: Optional[float] = None,
    **fields: Any,
) -> GenesisCloudError:
    """Builds the exception for an error of the native module; a code this
    version does not know becomes a plain ``GenesisCloudError``."""
    cls = _CLASSES.get(code, GenesisCloudError)
    if cls is WaitTimeoutError:
        error: GenesisCloudError = WaitTimeoutError(
            message,
            code=code,
            last_status=last_status,
            polls=polls or 0,
            waited=waited or 0.0,
            **fields,
        )
    else:
        error = cls(message, code=code, **fields)
    # str() shows the full text (code, status, request id), the attribute
    # ``message`` the bare message.
    error.args = (text,)
    return error
