"""The Python worker of the load and soak tests (tests/load/run.py describes
the settings): one AsyncClient shared by many coroutines against an
emulator, and one JSON line of results on stdout."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

import genesiscloud

# Attempts a call makes when every retry is spent (max_retries 2).
MAX_ATTEMPTS = 3
MAX_EXAMPLES = 10
# A public key the emulator accepts; only key names must be unique.
SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFRlc3RLZXlGb3JUaGVFbXVsYXRvcg load@worker"
TRANSIENT = {"server_error", "timeout", "connection"}


# Python's numbers for the level names of GENESISCLOUD_LOG (the binding
# forwards the core's trace events at 5).
LOG_LEVELS = {"trace": 5, "debug": logging.DEBUG, "info": logging.INFO, "warn": logging.WARNING,
              "error": logging.ERROR}


def log_from_env() -> None:
    """The SDK's log at $GENESISCLOUD_LOG on stderr, which run.py keeps in
    target/load/ for the canary scan of make test."""
    level = os.environ.get("GENESISCLOUD_LOG")
    if level is None:
        return
    logger = logging.getLogger("genesiscloud")
    logger.setLevel(LOG_LEVELS[level])
    logger.addHandler(logging.StreamHandler())


def expected(kind: str, err: genesiscloud.GenesisCloudError) -> bool:
    """Whether a soak call of this kind ("read", "write", "delete") may fail
    this way under the injected faults: reads and deletes are retried after
    anything transient, writes only after a 429."""
    code, attempts = err.code, err.attempts
    if code == "decode":
        return True
    if code == "rate_limited":
        return attempts == MAX_ATTEMPTS
    if code in TRANSIENT:
        return 1 <= attempts <= MAX_ATTEMPTS if kind == "write" else attempts == MAX_ATTEMPTS
    # A retried DELETE whose first attempt did act finds nothing left.
    return code == "not_found" and kind == "delete" and attempts >= 2


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Worker:
    """The client, the counters and the samples of one run."""

    def __init__(self, faults: bool) -> None:
        timeout = int(os.environ.get("SOAK_TIMEOUT_MS", "2000")) / 1000 if faults else None
        self.client = genesiscloud.AsyncClient(max_retries=MAX_ATTEMPTS - 1, timeout=timeout)
        self.faults = faults
        self.calls = 0
        self.errors: dict[str, int] = {}
        self.unexpected = 0
        self.examples: list[str] = []
        self.started = time.monotonic()
        self.samples: list[tuple[int, int, int]] = []

    async def call(self, what: str, kind: str, fn: Callable[[], Awaitable[Any]]) -> Any:
        """Runs one call and counts it; None when it failed."""
        self.calls += 1
        try:
            return await fn()
        except genesiscloud.GenesisCloudError as err:
            self.errors[err.code] = self.errors.get(err.code, 0) + 1
            if not self.faults or not expected(kind, err):
                self.note(f"{what}: {err.code} after {err.attempts} attempts: {err.message}")
            return None

    def wrong(self, line: str) -> None:
        """Counts a call that succeeded with the wrong answer."""
        self.errors["wrong_result"] = self.errors.get("wrong_result", 0) + 1
        self.note(line)

    def note(self, line: str) -> None:
        self.unexpected += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(line)

    def sample(self) -> None:
        # A full collection first, so that the sample shows what is live
        # rather than garbage waiting for the cycle collector.
        gc.collect()
        ms = int((time.monotonic() - self.started) * 1000)
        self.samples.append((ms, rss_kb(), open_fds()))


async def load(w: Worker) -> dict[str, Any]:
    get_id = os.environ["LOAD_GET_ID"]
    limit = asyncio.Semaphore(int(os.environ.get("LOAD_CONCURRENCY", "256")))

    async def one(i: int) -> None:
        async with limit:
            if i % 2 == 0:
                await w.call("instances.get", "read", lambda: w.client.instances.get(get_id))
            else:
                page = i // 2 % 5 + 1
                await w.call("images.list_page", "read", lambda: w.client.images.list_page(page=page, per_page=20))

    async def batch(count: int) -> None:
        await asyncio.gather(*(one(i) for i in range(count)))

    w.sample()
    await batch(int(os.environ.get("LOAD_WARMUP", "1024")))
    w.sample()
    requests = int(os.environ.get("LOAD_REQUESTS", "10000"))
    started = time.monotonic()
    await batch(requests)
    elapsed_ms = int((time.monotonic() - started) * 1000)
    w.sample()
    return {"measured": requests, "elapsed_ms": elapsed_ms}


class Soak:
    """The cycle of ten operations every soak coroutine runs."""

    def __init__(self, w: Worker) -> None:
        self.w = w
        self.prefix = os.environ["SOAK_PREFIX"]
        self.region = os.environ["SOAK_REGION"]
        self.image_id = os.environ["SOAK_IMAGE_ID"]
        self.instance_type = os.environ["SOAK_INSTANCE_TYPE"]
        self.get_id = os.environ["LOAD_GET_ID"]
        self.images = int(os.environ["SOAK_IMAGES"])

    async def step(self, op: int, name: str, seq: int) -> None:
        w, c = self.w, self.w.client
        if op in (0, 8):
            page = await w.call("images.list_page", "read",
                                lambda: c.images.list_page(page=seq % 5 + 1, per_page=100))
            if page is not None and page.total_count != self.images:
                w.wrong(f"images.list_page: total_count {page.total_count}")
        elif op in (1, 6):
            instance = await w.call("instances.get", "read", lambda: c.instances.get(self.get_id))
            if instance is not None and instance.id != self.get_id:
                w.wrong("instances.get: another instance")
        elif op == 2:
            images = await w.call("images.list", "read", lambda: collect(c.images.list()))
            if images is not None and len(images) != self.images:
                w.wrong(f"images.list: {len(images)} of {self.images} images")
        elif op == 3:
            await self.ssh_key_cycle(name)
        elif op == 4:
            await w.call("instances.list_page", "read", lambda: c.instances.list_page(per_page=50))
        elif op == 5:
            await self.security_group_cycle(name)
        elif op == 7:
            await self.instance_cycle(name)
        else:
            await w.call("ssh_keys.list_page", "read", lambda: c.ssh_keys.list_page())

    async def ssh_key_cycle(self, name: str) -> None:
        w, keys = self.w, self.w.client.ssh_keys
        key = await w.call("ssh_keys.create", "write", lambda: keys.create(name=name, value=SSH_KEY))
        if key is None:
            return
        renamed = key.name + "-r"
        updated = await w.call("ssh_keys.update", "write", lambda: keys.update(key.id, name=renamed))
        if updated is not None and updated.name != renamed:
            w.wrong("ssh_keys.update: name not changed")
        await w.call("ssh_keys.get", "read", lambda: keys.get(key.id))
        await w.call("ssh_keys.delete", "delete", lambda: keys.delete(key.id))

    async def security_group_cycle(self, name: str) -> None:
        w, groups = self.w, self.w.client.security_groups
        rules = [{"direction": "ingress", "protocol": "tcp", "port_range_min": 443, "port_range_max": 443}]
        group = await w.call("security_groups.create", "write",
                             lambda: groups.create(name=name, region=self.region, rules=rules))
        if group is None:
            return
        await w.call("security_groups.update", "write", lambda: groups.update(group.id, description="soaked"))
        await w.call("security_groups.delete", "delete", lambda: groups.delete(group.id))

    async def instance_cycle(self, name: str) -> None:
        w, instances = self.w, self.w.client.instances
        instance = await w.call("instances.create", "write", lambda: instances.create(
            name=name, hostname=name, type=self.instance_type, image=self.image_id, region=self.region,
            password="Soak-pass-1234"))
        if instance is None:
            return
        await w.call("instances.wait_until", "read", lambda: instances.wait_until(
            instance.id, "active", timeout=60, interval=0.1, max_interval=0.4))
        await w.call("instances.delete", "delete", lambda: instances.delete(instance.id))

    async def cleanup(self) -> tuple[int | None, int | None]:
        """Deletes what failed writes left behind (a POST that timed out may
        still have created its resource): everything named with this
        worker's prefix not already being deleted, in rounds until a
        complete listing finds nothing. Returns what the first and the last
        complete listings found (None: no listing got through)."""
        w, c = self.w, self.w.client
        first = last = None
        for _ in range(5):
            found = 0
            complete = True
            for what, group in [("ssh_keys", c.ssh_keys), ("security_groups", c.security_groups),
                                ("instances", c.instances)]:
                items = await w.call(f"{what}.list", "read", lambda g=group: collect(g.list()))
                if items is None:
                    complete = False
                    continue
                for item in items:
                    status = getattr(item, "status", None)
                    if item.name.startswith(self.prefix) and status != "deleting":
                        found += 1
                        await w.call(f"{what}.delete", "delete", lambda g=group, i=item: g.delete(i.id))
            if complete:
                first = found if first is None else first
                last = found
                if found == 0:
                    break
        return first, last


async def collect(pager: Any) -> list[Any]:
    return [item async for item in pager]


async def soak(w: Worker) -> dict[str, Any]:
    seconds = int(os.environ.get("SOAK_SECONDS", "60"))
    concurrency = int(os.environ.get("SOAK_CONCURRENCY", "16"))
    sample_s = int(os.environ.get("SOAK_SAMPLE_MS", "2000")) / 1000
    s = Soak(w)
    deadline = time.monotonic() + seconds

    async def sampler() -> None:
        while True:
            w.sample()
            await asyncio.sleep(sample_s)

    async def loop(task: int) -> None:
        seq = 0
        while time.monotonic() < deadline:
            await s.step((task + seq) % 10, f"{s.prefix}-{task}-{seq}", seq)
            seq += 1

    sampling = asyncio.create_task(sampler())
    await asyncio.gather(*(loop(t) for t in range(concurrency)))
    sampling.cancel()
    w.sample()
    leaked, leftover = await s.cleanup()
    return {"leaked": leaked, "leftover": leftover}


async def main() -> None:
    log_from_env()
    mode = os.environ["LOAD_MODE"]
    w = Worker(faults=mode == "soak")
    async with w.client:
        out = await (soak(w) if mode == "soak" else load(w))
    out.update(binding="python", mode=mode, calls=w.calls, errors=w.errors, unexpected=w.unexpected,
               examples=w.examples, samples=w.samples, wall_ms=int((time.monotonic() - w.started) * 1000))
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
