"""Runs every scenario of ``tests/conformance/*.json`` (the suite shared by
all languages of the SDK, format in its README) through the public Python
API, with ``Client`` and with ``AsyncClient``.

A failure names the file, the step and the key that did not match.

``CONFORMANCE_DIR`` runs another folder of scenarios (the fault matrix of
``tests/faults/`` generates one); ``CONFORMANCE_REPORT`` appends one JSON
line per scenario and client to that file.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import pytest

import genesiscloud
from genesiscloud.testing import Emulator

DEFAULT_SCENARIOS = Path(__file__).resolve().parents[2] / "tests" / "conformance"
SCENARIOS = Path(os.environ.get("CONFORMANCE_DIR") or DEFAULT_SCENARIOS)
FILES = sorted(SCENARIOS.glob("*.json"))
# Each operation's name in Python and the shape of its arguments, rendered
# from the core's description of the API.
OPERATIONS: dict[str, dict[str, Any]] = {
    op["name"]: op
    for op in json.loads(
        (Path(__file__).resolve().parents[2] / "tests" / "surface" / "operations.json").read_text()
    )["operations"]
}


class Mismatch(AssertionError):
    pass


class StopWaiting(Exception):
    """What the runner's progress callback raises to stop a wait."""


class Recorder:
    """A step's ``progress``: records what the wait's ``on_progress`` is
    told, and raises ``StopWaiting`` at poll ``stop_at_poll``; with
    ``AsyncClient`` it is a coroutine function, awaited on the loop."""

    def __init__(self, spec: dict[str, Any], flavor: str) -> None:
        self.seen: list[genesiscloud.WaitProgress] = []
        self.stop_at: Optional[int] = spec.get("stop_at_poll")
        self.raised: Optional[StopWaiting] = None
        self.callback: Any = self.tell if flavor == "sync" else self.tell_async

    def tell(self, progress: genesiscloud.WaitProgress) -> None:
        self.seen.append(progress)
        if self.stop_at is not None and progress.polls >= self.stop_at:
            self.raised = StopWaiting(f"stopped at poll {progress.polls}")
            raise self.raised

    async def tell_async(self, progress: genesiscloud.WaitProgress) -> None:
        await asyncio.sleep(0)
        self.tell(progress)

    def check(self, error: Optional[dict[str, Any]], want: Optional[dict[str, Any]]) -> None:
        for i, p in enumerate(self.seen):
            if p.polls != i + 1:
                raise Mismatch(f"progress: call {i + 1} reported poll {p.polls}")
            if i > 0 and p.elapsed < self.seen[i - 1].elapsed:
                raise Mismatch(f"progress: the time waited went back at call {i + 1}")
        if self.stop_at is not None and (error is None or not error.get("own")):
            raise Mismatch(f"progress: the wait did not end with the callback's exception: {error}")
        if want is None:
            return
        statuses: list[Optional[str]] = []
        for p in self.seen:
            if not statuses or statuses[-1] != p.status:
                statuses.append(p.status)
        if "statuses" in want and statuses != want["statuses"]:
            raise Mismatch(f"progress.statuses: expected {want['statuses']}, got {statuses}")
        if "polls" in want and len(self.seen) != want["polls"]:
            raise Mismatch(f"progress.polls: expected {want['polls']}, got {len(self.seen)}")
        if len(self.seen) < want.get("min_polls", 0):
            raise Mismatch(f"progress.min_polls: expected at least {want['min_polls']}, got {len(self.seen)}")


@pytest.fixture(scope="module")
def emulators() -> Iterator[tuple[Emulator, Emulator]]:
    with Emulator() as main, Emulator() as second:
        yield main, second


def test_suite_is_present() -> None:
    assert FILES, f"no scenario in {SCENARIOS}"


@pytest.mark.parametrize("flavor", ["sync", "async"])
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario(path: Path, flavor: str, emulators: tuple[Emulator, Emulator]) -> None:
    scenario = json.loads(path.read_text())
    main, second = emulators
    failure = None
    try:
        asyncio.run(run_scenario(scenario, main, second, flavor))
    except Mismatch as e:
        failure = f"{path.name} ({flavor}): {e}"
    report(path.name, flavor, failure)
    if failure:
        pytest.fail(failure, pytrace=False)


def report(file: str, flavor: str, failure: Optional[str]) -> None:
    """Appends the scenario's outcome to ``$CONFORMANCE_REPORT``, if set."""
    target = os.environ.get("CONFORMANCE_REPORT")
    if not target:
        return
    line = {
        "language": "python",
        "client": "AsyncClient" if flavor == "async" else "Client",
        "file": file,
        "passed": failure is None,
        "message": failure,
    }
    with open(target, "a") as f:
        f.write(json.dumps(line) + "\n")


async def run_scenario(scenario: dict[str, Any], emu: Emulator, second: Emulator, flavor: str) -> None:
    setup = scenario.get("emulator", {})
    emu.reset(setup.get("seed", "default"))
    second.reset()
    emu.configure(
        lifecycle_delay=setup.get("lifecycle_delay_ms", 0) / 1000,
        rate_limit=setup.get("rate_limit"),
    )
    for resource, count in setup.get("synthetic", {}).items():
        emu.seed(**{resource: count})
    settings = client_settings(scenario.get("client", {}), emu)
    client: Any = (genesiscloud.AsyncClient if flavor == "async" else genesiscloud.Client)(**settings)
    saved: dict[str, Any] = {
        "second_root": second.root_url,
        "emulator_root": emu.root_url,
        "emulator_token": emu.token,
    }
    for number, step in enumerate(scenario["steps"], 1):
        try:
            await run_step(step, client, emu, second, saved, flavor)
        except Mismatch as e:
            raise Mismatch(f"step {number} ({step['call']}): {e}") from None


def client_settings(c: dict[str, Any], emu: Emulator) -> dict[str, Any]:
    token = c.get("token", "$emulator_token")
    settings: dict[str, Any] = {
        "token": emu.token if token == "$emulator_token" else token,
        "base_url": emu.base_url,
    }
    for key in ("auth_scheme", "max_retries", "per_page", "concurrency"):
        if key in c:
            settings[key] = c[key]
    for key in ("timeout", "connect_timeout", "deadline"):
        if f"{key}_ms" in c:
            settings[key] = c[f"{key}_ms"] / 1000
    return settings


def derived_settings(o: dict[str, Any]) -> dict[str, Any]:
    """The keywords of ``with_options`` for a step's ``with_options``."""
    kept = ("max_retries", "per_page", "concurrency", "headers")
    settings: dict[str, Any] = {key: o[key] for key in kept if key in o}
    for key in ("timeout", "deadline"):
        if f"{key}_ms" in o:
            settings[key] = o[f"{key}_ms"] / 1000
    return settings


async def run_step(
    step: dict[str, Any], client: Any, emu: Emulator, second: Emulator, saved: dict[str, Any], flavor: str
) -> None:
    emu.clear_faults()
    emu.clear_requests()
    second.clear_requests()
    for fault in step.get("faults", []):
        emu.inject_fault(substitute(fault, saved))
    args = substitute(step.get("args", {}), saved)
    recorder = Recorder(step["progress"], flavor) if "progress" in step else None
    responses: Optional[list[genesiscloud.Response]] = [] if step.get("responses") else None
    started = time.monotonic()
    result, error = await outcome(
        client, step["call"], args, step.get("with_options"), step.get("options"), recorder, responses
    )
    elapsed_ms = (time.monotonic() - started) * 1000
    expect = substitute(step.get("expect", {}), saved)
    if recorder is not None:
        recorder.check(error, expect.get("progress"))
    check_outcome(result, error, expect)
    if elapsed_ms < expect.get("min_elapsed_ms", 0):
        raise Mismatch(f"min_elapsed_ms: expected at least {expect['min_elapsed_ms']} ms, "
                       f"the call took {elapsed_ms:.0f} ms")
    if "responses" in expect:
        check_responses([response_json(r) for r in responses or []], expect["responses"])
    if "requests" in expect:
        check_requests(emu.requests(), expect["requests"], "requests")
    if "second_requests" in expect:
        check_requests(second.requests(), expect["second_requests"], "second_requests")
    if "save" in step and error is None:
        saved[step["save"]] = result


def substitute(value: Any, saved: dict[str, Any]) -> Any:
    """Replaces ``"$name.field"`` strings with values saved by earlier steps,
    and ``"$repeat:N:text"`` with ``text`` N times."""
    if isinstance(value, str) and value.startswith("$repeat:"):
        count, text = value[len("$repeat:") :].split(":", 1)
        return text * int(count)
    if isinstance(value, str) and value.startswith("$"):
        name, *path = value[1:].split(".")
        if name not in saved:
            raise Mismatch(f"nothing saved as {value}")
        current = saved[name]
        for part in path:
            current = current[part]
        return current
    if isinstance(value, list):
        return [substitute(v, saved) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, saved) for k, v in value.items()}
    return value


def to_json(value: Any) -> Any:
    if isinstance(value, (genesiscloud.Model, genesiscloud.Page)):
        return value.to_dict()
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value


# The class the contract gives each code; `cancelled` never reaches a
# runner (nothing cancels a call here).
CLASS_OF_CODE: dict[str, type[genesiscloud.GenesisCloudError]] = {
    "invalid_argument": genesiscloud.InvalidArgumentError,
    "bad_request": genesiscloud.BadRequestError,
    "authentication": genesiscloud.AuthenticationError,
    "permission_denied": genesiscloud.PermissionDeniedError,
    "not_found": genesiscloud.NotFoundError,
    "conflict": genesiscloud.ConflictError,
    "unprocessable_entity": genesiscloud.UnprocessableEntityError,
    "rate_limited": genesiscloud.RateLimitError,
    "server_error": genesiscloud.InternalServerError,
    "api_error": genesiscloud.APIStatusError,
    "timeout": genesiscloud.APITimeoutError,
    "connection": genesiscloud.APIConnectionError,
    "decode": genesiscloud.DecodeError,
    "wait_timeout": genesiscloud.WaitTimeoutError,
    "internal": genesiscloud.InternalError,
}


async def outcome(
    client: Any,
    call: str,
    args: dict[str, Any],
    overrides: Optional[dict[str, Any]] = None,
    options: Optional[dict[str, Any]] = None,
    recorder: Optional[Recorder] = None,
    responses: Optional[list[genesiscloud.Response]] = None,
) -> tuple[Any, Optional[dict[str, Any]]]:
    """Makes the call, through a client derived with ``overrides`` when
    given, with the per-call ``options`` as the method's keywords; its
    result as JSON, or its error's fields. The very exception the progress
    callback raised is the error ``cancelled``."""
    try:
        if overrides is not None:
            client = client.with_options(**derived_settings(overrides))
        per_call = derived_settings(options or {})
        if "headers" in per_call:
            per_call["extra_headers"] = per_call.pop("headers")
        return to_json(await invoke(client, call, dict(args), per_call, recorder, responses)), None
    except StopWaiting as e:
        own = recorder is not None and e is recorder.raised
        return None, {"code": "cancelled", "own": own, "text": f"the callback's {e!r}"}
    except genesiscloud.GenesisCloudError as e:
        if type(e) is not CLASS_OF_CODE.get(e.code):
            raise Mismatch(
                f"error class: {e.code} should be a {CLASS_OF_CODE.get(e.code)}, got {type(e).__name__}"
            ) from e
        return None, {
            "code": e.code,
            "message": e.message,
            "status": e.status,
            "api_code": e.api_code,
            "attempts": e.attempts,
            "request_sent": e.request_sent,
            "text": str(e),
        }


async def settle(value: Any) -> Any:
    """Awaits what the async client returns; lists every item of a pager."""
    if inspect.isawaitable(value):
        return await value
    if isinstance(value, genesiscloud.AsyncPager):
        return [item async for item in value]
    if isinstance(value, genesiscloud.Pager):
        return list(value)
    return value


def with_extra(method: Any, args: dict[str, Any]) -> dict[str, Any]:
    """Passes fields the method does not name through ``extra_body``."""
    params = inspect.signature(method).parameters
    unknown = {k: args.pop(k) for k in list(args) if k not in params}
    if unknown:
        args["extra_body"] = unknown
    return args


async def invoke(
    client: Any,
    call: str,
    args: dict[str, Any],
    per_call: dict[str, Any],
    recorder: Optional[Recorder] = None,
    responses: Optional[list[genesiscloud.Response]] = None,
) -> Any:
    """Makes ``call`` through the Python API, shaped by the operation's row
    of ``tests/surface/operations.json`` (rendered from the core's
    description): the id and the required arguments positionally, the
    rest as keywords; body fields the method does not name go through
    ``extra_body``."""
    op = OPERATIONS[call]
    target: Any = client
    for part in op["python"].split(".")[:-1]:
        target = getattr(target, part)
    method = getattr(target, op["python"].split(".")[-1])
    positional = [args.pop("id", "")] if op["takes_id"] else []
    if op["kind"] == "wait":
        # The scenarios' durations are in milliseconds; polls are fast and
        # capped, as in every runner.
        interval = args.get("interval_ms", 50) / 1000
        timeout = args["timeout_ms"] / 1000 if "timeout_ms" in args else None
        return await settle(
            method(
                *positional,
                args["status"],
                timeout=timeout,
                interval=interval,
                max_interval=interval * 4,
                on_progress=recorder.callback if recorder is not None else None,
            )
        )
    if op["kind"] not in ("page", "lazy"):
        positional += [args.pop(p["name"]) for p in op["params"] if p["required"] and p["name"] in args]
    if op["body"] is not None:
        args = with_extra(method, args)
    if responses is None:
        return await settle(method(*positional, **args, **per_call))
    # The raw answers the Python way: `on_response=` for a lazy list, whose
    # pages arrive while it is read; `with_raw_response` for the others.
    if op["kind"] == "lazy":
        return await settle(method(*positional, **args, **per_call, on_response=responses.append))
    raw = await settle(getattr(target.with_raw_response, method.__name__)(*positional, **args, **per_call))
    assert isinstance(raw, genesiscloud.RawResponse)
    responses.append(raw)
    return raw.parse()


def response_json(r: genesiscloud.Response) -> dict[str, Any]:
    """A raw answer as the scenarios name its parts."""
    return {
        "method": r.method,
        "path": r.path,
        "status": r.status_code,
        "headers": dict(r.headers),
        "request_id": r.request_id,
        "attempts": r.attempts,
        "elapsed_ms": r.elapsed * 1000,
    }


def check_responses(got: list[dict[str, Any]], want: dict[str, Any]) -> None:
    """The raw answers of a ``responses`` step: how many, what each and the
    last one hold, and request ids that are the answers' own and differ."""
    if "count" in want and len(got) != want["count"]:
        raise Mismatch(f"responses.count: expected {want['count']}, got {len(got)}")
    for i, r in enumerate(got):
        if "each" in want:
            subset(r, want["each"], f"responses[{i}]")
    if "last" in want:
        if not got:
            raise Mismatch("responses.last: none")
        subset(got[-1], want["last"], "responses.last")
    if want.get("request_ids"):
        seen: set[str] = set()
        for r in got:
            rid = r["request_id"]
            if not rid or r["headers"].get("x-request-id") != rid or rid in seen:
                raise Mismatch(f"responses.request_ids: bad or repeated id in {r}")
            seen.add(rid)


def check_outcome(result: Any, error: Optional[dict[str, Any]], expect: dict[str, Any]) -> None:
    want_error = expect.get("error")
    if error is not None:
        if want_error is None:
            raise Mismatch(f"expected success, got {error['text']}")
        for key, want in want_error.items():
            if error.get(key) != want:
                raise Mismatch(f"error.{key}: expected {want!r}, got {error.get(key)!r} ({error['text']})")
        return
    if want_error is not None:
        raise Mismatch(f"expected error {want_error}, got success: {result!r}")
    if "result" in expect:
        subset(result, expect["result"], "result")
    if "count" in expect:
        got = len(items(result, "count"))
        if got != expect["count"]:
            raise Mismatch(f"count: expected {expect['count']}, got {got}")
    if "ids" in expect:
        got_ids = [i["id"] for i in items(result, "ids")]
        if got_ids != expect["ids"]:
            raise Mismatch(f"ids: expected {expect['ids']}, got {got_ids}")
    if expect.get("unique_ids"):
        all_ids = [i["id"] for i in items(result, "unique_ids")]
        if len(set(all_ids)) != len(all_ids):
            raise Mismatch(f"unique_ids: {len(all_ids)} ids, {len(set(all_ids))} distinct")
    for wanted in expect.get("contains", []):
        if not any(matches(item, wanted) for item in items(result, "contains")):
            raise Mismatch(f"contains: no element matches {wanted}")


def items(result: Any, key: str) -> list[Any]:
    if isinstance(result, list):
        return result
    if isinstance(result, dict) and isinstance(result.get("items"), list):
        return list(result["items"])
    raise Mismatch(f"{key}: result is not a list")


def matches(got: Any, want: Any) -> bool:
    try:
        subset(got, want, "")
    except Mismatch:
        return False
    return True


def subset(got: Any, want: Any, at: str) -> None:
    if isinstance(want, dict):
        if not isinstance(got, dict):
            raise Mismatch(f"{at}: expected an object, got {got!r}")
        for key, value in want.items():
            if key not in got:
                raise Mismatch(f"{at}.{key}: missing")
            subset(got[key], value, f"{at}.{key}")
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            raise Mismatch(f"{at}: expected {len(want)} elements, got {got!r}")
        for i, (g, w) in enumerate(zip(got, want)):
            subset(g, w, f"{at}[{i}]")
    elif got != want or isinstance(got, bool) != isinstance(want, bool):
        raise Mismatch(f"{at}: expected {want!r}, got {got!r}")


def check_requests(log: list[dict[str, Any]], want: dict[str, Any], what: str) -> None:
    log = [r for r in log if r["path"].startswith("/compute/v1")]
    if "count" in want and len(log) != want["count"]:
        seen = [f"{r['method']} {r['path']} -> {r['status']}" for r in log]
        raise Mismatch(f"{what}.count: expected {want['count']}, got {len(log)} {seen}")
    for key in ("auth", "method"):
        if key in want:
            for r in log:
                if r.get(key) != want[key]:
                    raise Mismatch(f"{what}.{key}: expected {want[key]!r}, got {r.get(key)!r}")
    for name, value in want.get("headers", {}).items():
        for r in log:
            if r["headers"].get(name) != value:
                raise Mismatch(f"{what}.headers.{name}: expected {value!r}, got {r['headers'].get(name)!r}")
