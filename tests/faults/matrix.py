"""The fault matrix: every emulator fault kind against every class of
operation, each cell written as one scenario of the shared conformance format
(tests/conformance/README.md) with the outcome the SDK contract predicts.

A cell's scenario checks the outcome (success, or the error's code, status,
attempts and request_sent) and the emulator's request log of the faulted
step: how many requests reached the server, and for POST and PATCH that the
request was sent once and never repeated after it may have reached the
server. Cells that create an instance then list the instances, so a POST
that the server acted on shows up exactly once.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

# Retries and timeouts of every cell's client. The timeout is short so that
# latency and slow bodies beyond it cost little; it is still many times the
# debug build's own time per request.
MAX_RETRIES = 2
TIMEOUT_MS = 500
ATTEMPTS = MAX_RETRIES + 1

# The default seed has 4 instances (the matrix's own instance makes 5) and
# 7 images (emulator/data/default-seed.json).
SEEDED_INSTANCES = 4
SEEDED_IMAGES = 7

SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl faults@example"
IMAGE = "d8796bef-08b1-49f5-a6d5-4d11a3703619"  # Ubuntu 22.04 of the default seed, in every region


def instance_body(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "hostname": name,
        "type": "vcpu-4_memory-12g_disk-80g_nvidia3080-1",
        "image": IMAGE,
        "region": "NORD-NO-KRS-1",
        "ssh_keys": ["$key.id"],
    }


SETUP_KEY = {"call": "ssh_keys.create", "args": {"name": "faults-key", "value": SSH_KEY}, "save": "key"}
SETUP_INSTANCE = {"call": "instances.create", "args": instance_body("faults-vm"), "save": "inst"}
COUNT_BASELINE = {"call": "instances.list", "args": {}, "expect": {"count": SEEDED_INSTANCES}}


@dataclass(frozen=True)
class Operation:
    """A column: one call standing for a class of operations."""

    key: str
    title: str
    method: str
    call: str
    args: dict[str, Any]
    path: str
    setup: tuple[dict[str, Any], ...]
    idempotent: bool
    # Requests the call makes when nothing fails (a list of 250 images in
    # pages of 100 makes 3); the fault hits one of them.
    requests: int = 1
    query: str | None = None
    creates: bool = False


OPERATIONS = [
    Operation("get", "GET `instances.get`", "GET", "instances.get", {"id": "$inst.id"},
              "/compute/v1/instances/*", (SETUP_KEY, SETUP_INSTANCE), True),
    Operation("post", "POST `instances.create`", "POST", "instances.create", instance_body("faults-new"),
              "/compute/v1/instances", (SETUP_KEY, COUNT_BASELINE), False, creates=True),
    Operation("patch", "PATCH `instances.update`", "PATCH", "instances.update",
              {"id": "$inst.id", "name": "faults-renamed"},
              "/compute/v1/instances/*", (SETUP_KEY, SETUP_INSTANCE), False),
    Operation("delete", "DELETE `ssh_keys.delete`", "DELETE", "ssh_keys.delete", {"id": "$key.id"},
              "/compute/v1/ssh-keys/*", (SETUP_KEY,), True),
    Operation("list", "paginated `images.list` (fault on page 2 of 3)", "GET", "images.list", {},
              "/compute/v1/images", (), True, requests=3, query="page=2"),
    Operation("wait", "`instances.wait_until` active", "GET", "instances.wait_until",
              {"id": "$inst.id", "status": "active", "timeout_ms": 10000, "interval_ms": 100},
              "/compute/v1/instances/*", (SETUP_KEY, SETUP_INSTANCE), True),
]


@dataclass(frozen=True)
class Outcome:
    """What the SDK contract predicts for one cell."""

    code: str | None = None  # None: the call succeeds
    status: int | None = None
    attempts: int | None = None
    request_sent: bool | None = None
    requests: int | None = None  # requests in the emulator's log
    created: int | None = None  # instances the POST left behind
    note: str = ""

    def text(self) -> str:
        if self.code is None:
            what = "recovered" if self.requests and self.requests > 1 else "ok"
        else:
            what = f"`{self.code}`"
            if self.status:
                what += f" {self.status}"
        parts = [what]
        if self.attempts is not None:
            parts.append(f"{self.attempts} attempt{'s' if self.attempts != 1 else ''}")
        if self.requests is not None:
            parts.append(f"{self.requests} req")
        if self.created is not None:
            parts.append(f"{self.created} created")
        if self.note:
            parts.append(self.note)
        return ", ".join(parts)


@dataclass(frozen=True)
class FaultRow:
    """A row: one fault kind, injected `times` times (None: every request)."""

    key: str
    title: str
    fault: dict[str, Any]
    times: int | None
    outcomes: dict[str, Outcome] = field(default_factory=dict)


def recovered(op: Operation, failures: int) -> Outcome:
    return Outcome(requests=op.requests + failures)


def refused_once(op: Operation, code: str, status: int | None = None, sent: bool = True,
                 acted: bool = False) -> Outcome:
    """POST/PATCH: not retried once the request may have reached the server."""
    return Outcome(code=code, status=status, attempts=1, request_sent=sent, requests=1,
                   created=(1 if acted else 0) if op.creates else None)


def retryable(op: Operation, failures: int, code: str, status: int | None = None,
              acted: bool = False) -> Outcome:
    """Retried for idempotent methods only."""
    if op.idempotent:
        return recovered(op, failures)
    return refused_once(op, code, status, acted=acted)


def persistent(op: Operation, code: str, status: int | None = None) -> Outcome:
    if not op.idempotent:
        return refused_once(op, code, status)
    # The other pages of a list are fetched concurrently with the failing
    # one, so only the failing page's attempts are predictable.
    requests = None if op.requests > 1 else ATTEMPTS
    return Outcome(code=code, status=status, attempts=ATTEMPTS, request_sent=True, requests=requests)


def every_method(op: Operation, failures: int, created: bool = True) -> Outcome:
    """429: retried whatever the method, since the server did not act."""
    out = recovered(op, failures)
    if op.creates:
        return Outcome(requests=out.requests, created=1 if created else 0)
    return out


def decode(op: Operation, acted: bool) -> Outcome:
    return Outcome(code="decode", attempts=1, request_sent=True,
                   requests=op.requests if op.requests == 1 else None,
                   created=(1 if acted else 0) if op.creates else None)


def rows() -> list[FaultRow]:
    out: list[FaultRow] = []

    def row(key: str, title: str, fault: dict[str, Any], times: int | None, cell: Any) -> None:
        out.append(FaultRow(key, title, fault, times, {op.key: cell(op) for op in OPERATIONS}))

    row("latency", f"latency 2 s > timeout {TIMEOUT_MS} ms, twice",
        {"kind": "latency", "latency_ms": 2000}, 2,
        lambda op: retryable(op, 2, "timeout"))
    row("429_retry_after", "429 with `Retry-After: 1`, once",
        {"kind": "rate_limit", "retry_after": "1"}, 1, lambda op: every_method(op, 1))
    row("429_backoff", "429 without `Retry-After`, twice",
        {"kind": "rate_limit"}, 2, lambda op: every_method(op, 2))
    row("429_long", "429 with `Retry-After: 120` (over 60 s)",
        {"kind": "rate_limit", "retry_after": "120"}, None,
        lambda op: Outcome(code="rate_limited", status=429, attempts=1,
                           requests=1 if op.requests == 1 else None,
                           created=0 if op.creates else None))
    for status, body, label in ((500, "json", "500 JSON error"), (502, "html", "502 HTML page"),
                                (503, "json", "503"), (504, "empty", "504 empty body")):
        row(f"{status}", f"{label}, twice", {"kind": "status", "status": status, "body": body}, 2,
            lambda op, s=status: retryable(op, 2, "server_error", s))
    row("503_persistent", "503 on every request", {"kind": "status", "status": 503}, None,
        lambda op: persistent(op, "server_error", 503))
    row("drop", "connection closed before the answer, twice", {"kind": "drop"}, 2,
        lambda op: retryable(op, 2, "connection"))
    row("drop_mid_body", "connection closed mid-body, twice", {"kind": "drop", "after_bytes": 10}, 2,
        mid_body)
    row("truncate", "2xx with truncated JSON, once", {"kind": "truncate"}, 1, truncated)
    row("malformed", "2xx whose body is not JSON, once", {"kind": "malformed"}, 1, malformed)
    row("slow_body", f"body trickling past the {TIMEOUT_MS} ms timeout, twice",
        {"kind": "slow_body", "chunk_bytes": 4, "chunk_delay_ms": 100}, 2, slow)
    return out


def mid_body(op: Operation) -> Outcome:
    # The emulator ran the operation before cutting the answer, so a POST
    # created its instance once; a DELETE's 204 has no body to cut.
    if op.key == "delete":
        return Outcome(requests=1, note="no body to cut")
    return retryable(op, 2, "connection", acted=True)


def truncated(op: Operation) -> Outcome:
    if op.key == "delete":
        return Outcome(requests=1, note="no body to cut")
    return decode(op, acted=True)


def malformed(op: Operation) -> Outcome:
    # A DELETE answered 200 with a non-JSON body (a proxy's page) may not
    # have run: `decode`, not a success the caller would trust.
    return decode(op, acted=False)


def slow(op: Operation) -> Outcome:
    if op.key == "delete":
        return Outcome(requests=1, note="no body to trickle")
    return retryable(op, 2, "timeout", acted=True)


def scenario(row: FaultRow, op: Operation) -> dict[str, Any]:
    """One cell as a conformance scenario."""
    want = row.outcomes[op.key]
    fault = dict(row.fault, method=op.method, path=op.path)
    if op.query:
        fault["query"] = op.query
    if row.times is not None:
        fault["times"] = row.times
    expect: dict[str, Any] = {}
    if want.code is not None:
        error: dict[str, Any] = {"code": want.code}
        for key in ("status", "attempts", "request_sent"):
            if getattr(want, key) is not None:
                error[key] = getattr(want, key)
        expect["error"] = error
    elif op.key == "list":
        expect["count"] = 250
        expect["unique_ids"] = True
    elif op.key == "wait":
        expect["result"] = {"id": "$inst.id", "status": "active"}
    requests: dict[str, Any] = {"method": op.method} if op.requests == 1 else {}
    if want.requests is not None:
        requests["count"] = want.requests
    if requests:
        expect["requests"] = requests
    steps = [copy.deepcopy(s) for s in op.setup]
    steps.append({"faults": [fault], "call": op.call, "args": copy.deepcopy(op.args), "expect": expect})
    if want.created is not None:
        steps.append({"call": "instances.list", "args": {},
                      "expect": {"count": SEEDED_INSTANCES + want.created}})
    return {
        "name": f"fault matrix: {row.title} on {op.title}",
        "emulator": {"seed": "default", "lifecycle_delay_ms": 0,
                     "synthetic": {"images": 250 - SEEDED_IMAGES} if op.key == "list" else {}},
        "client": {"max_retries": MAX_RETRIES, "timeout_ms": TIMEOUT_MS},
        "steps": steps,
    }


def cells() -> list[tuple[FaultRow, Operation, str]]:
    """Every cell with the file name of its scenario."""
    return [(r, op, f"{r.key}__{op.key}.json") for r in rows() for op in OPERATIONS]
