"""The real network path in every language (``make test-tls``): one list call
from Rust, Python (Client and AsyncClient), Node, C and Kotlin against the emulator
serving HTTPS with a throwaway CA, trusted through ``ca_bundle`` and then
``SSL_CERT_FILE``, directly and through a real forward proxy (tinyproxy,
with basic auth) named by the ``proxy`` setting, ``HTTPS_PROXY`` and
``https_proxy``. Then the failures every language must report as one
``connection`` error without retrying: an unknown CA, an expired
certificate, a certificate for another host, a server resetting the TLS
handshake, a proxy refusing the credentials and a proxy asking for them
(407). Their outcomes go to target/tls/failures.json, from which
``make test-faults`` writes the network rows of docs/reliability.md.

    python3 tests/tls/run.py

Checks besides each program's answer: every request the emulator saw came
over HTTP/2, and the proxy's log holds CONNECT lines only (no path, no
token), never the proxy's password. The proxy's log is copied to
target/test-logs/ so that ``make test``'s canary scan reads it too.

Needs the emulator binary and the Rust quickstart (debug), the Python
extension in .venv, the Node addon, target/tls/list_images (C) and tinyproxy:
``make test-tls`` builds them all.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "target" / "tls"
LOGS = ROOT / "target" / "test-logs"
HERE = Path(__file__).resolve().parent
TOKEN = os.environ.get("GENESISCLOUD_EMULATOR_TOKEN") or "gc-tls-" + secrets.token_hex(12)
PROXY_USER = "alice"
PROXY_PASSWORD = "pw-" + secrets.token_hex(8)
# Every variable that could steer a run elsewhere than this suite says.
NETWORK_ENV = [
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
]

# The programs, and whether each takes --ca-bundle/--proxy (the Rust
# quickstart reads the environment only; the Rust settings are covered by
# core/tests/tls.rs).
PROGRAMS: dict[str, tuple[list[str], bool]] = {
    "rust": ([str(ROOT / "target/debug/examples/quickstart")], False),
    "python": ([str(ROOT / ".venv/bin/python"), str(HERE / "list_images.py")], True),
    "python-async": ([str(ROOT / ".venv/bin/python"), str(HERE / "list_images.py"), "--async"], True),
    "node": (["node", str(HERE / "list_images.mjs")], True),
    "c": ([str(WORK / "list_images")], True),
    # Compiled by `make kotlin-test-build` (tests/tls is a test source of
    # kotlin/pom.xml), started on the classpath it wrote.
    "kotlin": (["java", "-cp", ":".join([str(ROOT / "kotlin/target/test-classes"), str(ROOT / "kotlin/target/classes"),
                                         "@KOTLIN_CLASSPATH@"]), "ListImagesKt"], True),
}

# Each binding's in-process emulator with TLS (Rust's: core/tests/tls.rs).
IN_PROCESS: dict[str, list[str]] = {
    "python": [str(ROOT / ".venv/bin/python"), str(HERE / "emulator_tls.py")],
    "node": ["node", str(HERE / "emulator_tls.mjs")],
    "c": [str(WORK / "emulator_tls")],
    # A C program keeps SIGPIPE's default action (tests/tls/sigpipe.c).
    "c-sigpipe": [str(WORK / "sigpipe")],
}


def kotlin_classpath() -> str:
    """The Kotlin program's dependencies, as `make kotlin-test-build` wrote them."""
    return (ROOT / "kotlin/target/test.classpath").read_text().strip()


def describe_exit(status: int) -> str:
    """A child's exit status as a reader wants it: the signal that killed it."""
    if status < 0:
        return f"killed by {signal.Signals(-status).name}"
    return f"exit status {status}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Emulator:
    """The emulator binary serving HTTPS with a certificate of ``kind``."""

    def __init__(self, kind: str) -> None:
        self.ca = WORK / f"ca-{kind}.pem"
        self.process = subprocess.Popen(
            [
                str(ROOT / "target/debug/genesiscloud-emulator"),
                "--port",
                "0",
                "--token",
                TOKEN,
                "--tls",
                "--tls-ca-out",
                str(self.ca),
                "--tls-certificate",
                kind,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        self.base_url = self.process.stdout.readline().strip()
        if not self.base_url.startswith("https://127.0.0.1:"):
            raise SystemExit(f"the emulator printed {self.base_url!r}, not an https:// URL")
        self.root = self.base_url.removesuffix("/compute/v1")
        self.port = int(self.root.rsplit(":", 1)[1])
        self.context = ssl.create_default_context(cafile=str(self.ca))
        if kind != "valid":
            # Its certificate is wrong on purpose; this is our own loopback
            # server, read only to see that no request reached it.
            self.context.check_hostname = False
            self.context.verify_mode = ssl.CERT_NONE

    def requests(self) -> list[dict[str, object]]:
        with urllib.request.urlopen(f"{self.root}/_emulator/requests", context=self.context) as r:
            seen: list[dict[str, object]] = json.load(r)["requests"]
        req = urllib.request.Request(f"{self.root}/_emulator/requests", method="DELETE")
        urllib.request.urlopen(req, context=self.context).close()
        return seen

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class LoopbackServer:
    """A one-trick TCP server on a free loopback port, on its own thread."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn:
                self.handle(conn)

    def handle(self, conn: socket.socket) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        self.listener.close()


class HandshakeResetter(LoopbackServer):
    """Takes each connection and drops it in the middle of the TLS
    handshake, as a middlebox does. Passes for an emulator in ``run``."""

    def __init__(self, ca: Path) -> None:
        super().__init__()
        self.ca = ca
        self.base_url = f"https://127.0.0.1:{self.port}/compute/v1"

    def handle(self, conn: socket.socket) -> None:
        conn.recv(5)
        # Linger 0: close with a reset, not a polite FIN.
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")

    def requests(self) -> list[dict[str, object]]:
        return []


class AskingProxy(LoopbackServer):
    """A forward proxy answering every CONNECT with 407, whatever
    credentials came with it (tinyproxy answers a wrong password with 401)."""

    def handle(self, conn: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(4096)
            if not chunk:
                return
            head += chunk
        conn.sendall(
            b"HTTP/1.1 407 Proxy Authentication Required\r\n"
            b'Proxy-Authenticate: Basic realm="tls-suite"\r\nContent-Length: 0\r\n\r\n'
        )

    def url(self) -> str:
        return f"http://{PROXY_USER}:wrong-{PROXY_PASSWORD}@127.0.0.1:{self.port}"


class Tinyproxy:
    """tinyproxy on a free loopback port, asking for basic auth, logging
    every connection it is asked for."""

    def __init__(self) -> None:
        self.port = free_port()
        self.log = WORK / "tinyproxy.log"
        self.log.unlink(missing_ok=True)
        conf = WORK / "tinyproxy.conf"
        conf.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    "Listen 127.0.0.1",
                    "Timeout 30",
                    f'LogFile "{self.log}"',
                    "LogLevel Connect",
                    "MaxClients 32",
                    "Allow 127.0.0.1",
                    f"BasicAuth {PROXY_USER} {PROXY_PASSWORD}",
                    "DisableViaHeader Yes",
                    "",
                ]
            )
        )
        self.process = subprocess.Popen(
            ["tinyproxy", "-d", "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit("tinyproxy did not start") from None
                time.sleep(0.05)

    def url(self, password: str = PROXY_PASSWORD) -> str:
        return f"http://{PROXY_USER}:{password}@127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@dataclass
class Case:
    """One way of configuring the network path, and what must come of it."""

    name: str
    kind: str = "valid"
    ca_bundle: bool = False
    env: dict[str, str] = field(default_factory=dict)
    proxy: str | None = None
    # None: success; else a text the one-line error must hold.
    error: str | None = None
    through_proxy: bool = False
    # The error's code and attempts: a refused setting sends nothing.
    error_code: str = "connection"
    # Another file than the emulator's CA as ca_bundle.
    ca_file: str | None = None


def run(program: str, case: Case, emulator: Emulator | HandshakeResetter) -> tuple[bool, str]:
    command, takes_settings = PROGRAMS[program]
    command = [c.replace("@KOTLIN_CLASSPATH@", kotlin_classpath()) for c in command]
    if case.ca_bundle:
        command += ["--ca-bundle", case.ca_file or str(emulator.ca)]
    if case.proxy:
        command += ["--proxy", case.proxy]
    env = {k: v for k, v in os.environ.items() if k not in NETWORK_ENV}
    env.update(case.env)
    env["GENESISCLOUD_TOKEN"] = TOKEN
    env["GENESISCLOUD_ENDPOINT"] = emulator.base_url
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    out = (done.stdout + done.stderr).strip()
    if TOKEN in out or PROXY_PASSWORD in out:
        return False, "the output holds the token or the proxy password"
    if case.error is None:
        if done.returncode != 0:
            return False, f"failed: {out[-400:]}"
        versions = {str(r.get("http_version")) for r in emulator.requests()}
        if versions != {"HTTP/2.0"}:
            return False, f"the emulator saw {sorted(versions)}, not only HTTP/2"
        return True, out.splitlines()[-1] if takes_settings else "ok"
    reached = [r for r in emulator.requests() if r.get("authenticated")]
    last = out.splitlines()[-1] if out else ""
    if done.returncode == 0:
        return False, f"succeeded, expected {case.error!r}"
    if reached:
        return False, f"a request reached the emulator: {last}"
    if takes_settings:
        attempts = 1 if case.error_code == "connection" else 0
        ok = last.startswith(f"error {case.error_code} {attempts} ") and case.error in last
    else:
        # The quickstart returns the error from main, which prints its Debug.
        ok = "kind: Connection" in last and case.error in last and "attempts: 1," in last
    return ok, last


def check_proxy_log(proxy: Tinyproxy, connects: int) -> list[str]:
    text = proxy.log.read_text(errors="replace")
    problems = []
    requests = re.findall(r"Request \(file descriptor \d+\): (.*)", text)
    wrong = [r for r in requests if not re.fullmatch(r"CONNECT 127\.0\.0\.1:\d+ HTTP/1\.1", r.strip())]
    if wrong:
        problems.append(f"the proxy saw more than CONNECT: {wrong[:3]}")
    if len(requests) < connects:
        problems.append(f"the proxy logged {len(requests)} requests, expected at least {connects}")
    for secret, what in [(TOKEN, "the token"), (PROXY_PASSWORD, "the proxy password"), ("/compute", "a path")]:
        if secret in text:
            problems.append(f"the proxy log holds {what}")
    return problems


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    LOGS.mkdir(parents=True, exist_ok=True)
    if shutil.which("tinyproxy") is None:
        raise SystemExit("tinyproxy is not installed (apt-get install tinyproxy)")
    emulators: dict[str, Emulator | HandshakeResetter] = {
        kind: Emulator(kind) for kind in ["valid", "expired", "wrong-host"]
    }
    emulators["reset"] = HandshakeResetter(emulators["valid"].ca)
    proxy = Tinyproxy()
    asking = AskingProxy()
    ca = str(emulators["valid"].ca)
    cases = [
        Case("ca_bundle", ca_bundle=True),
        Case("SSL_CERT_FILE", env={"SSL_CERT_FILE": ca}),
        Case("ca_bundle + proxy setting", ca_bundle=True, proxy=proxy.url(), through_proxy=True),
        Case("SSL_CERT_FILE + HTTPS_PROXY", env={"SSL_CERT_FILE": ca, "HTTPS_PROXY": proxy.url()}, through_proxy=True),
        Case("SSL_CERT_FILE + https_proxy", env={"SSL_CERT_FILE": ca, "https_proxy": proxy.url()}, through_proxy=True),
        Case(
            "NO_PROXY bypasses HTTPS_PROXY",
            env={"SSL_CERT_FILE": ca, "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1"},
        ),
        Case("unknown CA", error="not signed by a trusted certificate authority"),
        Case("expired certificate", kind="expired", ca_bundle=True, error="has expired"),
        Case("certificate for another host", kind="wrong-host", ca_bundle=True, error="not valid for the host name"),
        Case(
            "TLS handshake reset",
            kind="reset",
            ca_bundle=True,
            error="closed the connection during the TLS handshake",
        ),
        Case(
            "proxy refusing the credentials",
            ca_bundle=True,
            proxy=proxy.url("wrong-password"),
            # tinyproxy answers a wrong password with 401: the general
            # refusal. The next case is the 407 proper.
            error="the proxy refused to open a tunnel (CONNECT)",
            through_proxy=True,
        ),
        Case(
            "proxy asking for credentials (407)",
            ca_bundle=True,
            proxy=asking.url(),
            error="407 Proxy Authentication Required",
        ),
        Case(
            "ca_bundle that is no file",
            ca_bundle=True,
            ca_file=str(WORK / "no-such-ca.pem"),
            error="ca_bundle",
            error_code="invalid_argument",
        ),
        Case(
            "proxy URL refused, password unseen",
            proxy=f"socks5://{PROXY_USER}:{PROXY_PASSWORD}@127.0.0.1:1",
            error="proxy scheme must be http or https",
            error_code="invalid_argument",
        ),
    ]
    failures = 0
    connects = 0
    outcomes: list[dict[str, object]] = []
    try:
        for case in cases:
            for program, (_, takes_settings) in PROGRAMS.items():
                this = case
                if not takes_settings and (case.ca_bundle or case.proxy):
                    # The successes are the environment cases' already, and
                    # a refused setting needs settings to refuse.
                    if case.error is None or case.error_code != "connection":
                        continue
                    # Rust: the same certificate and proxy, from the environment.
                    env = {"SSL_CERT_FILE": str(emulators[case.kind].ca)}
                    if case.proxy:
                        env["HTTPS_PROXY"] = case.proxy
                    this = Case(case.name, case.kind, env=env, error=case.error, through_proxy=case.through_proxy)
                ok, said = run(program, this, emulators[this.kind])
                connects += this.through_proxy
                failures += not ok
                if case.error and case.error_code == "connection":
                    outcomes.append(
                        {"case": case.name, "expected": case.error, "program": program, "passed": ok, "said": said}
                    )
                print(f"{'ok  ' if ok else 'FAIL'} {case.name:<34} {program:<13} {said}")
    finally:
        proxy.stop()
        asking.stop()
        for emulator in emulators.values():
            emulator.stop()
    env = {k: v for k, v in os.environ.items() if k not in NETWORK_ENV}
    for program, command in IN_PROCESS.items():
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
        lines = (done.stdout + done.stderr).strip().splitlines()
        ok = done.returncode == 0 and lines[-1:] == ["ok"]
        failures += not ok
        said = " | ".join(lines[-3:]) if ok else " | ".join([*lines[-3:], describe_exit(done.returncode)])
        print(f"{'ok  ' if ok else 'FAIL'} {'in-process Emulator with TLS':<34} {program:<13} {said}")
    shutil.copy(proxy.log, LOGS / "tls-tinyproxy.log")
    for problem in check_proxy_log(proxy, connects):
        failures += 1
        print(f"FAIL proxy log: {problem}")
    (WORK / "failures.json").write_text(json.dumps(outcomes, indent=1) + "\n")
    print(f"test-tls: {'every case passed' if not failures else f'{failures} failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
