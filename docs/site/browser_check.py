"""Loads pages of the built site in headless Chromium (make test-docs).

    browser_check.py SITE SHOTS PAGE...

Each PAGE (a path under SITE) is served over HTTP on the loopback (as the
site is published; from file:// Chromium refuses the SVG icons TypeDoc's
pages use) and opened in Debian's chromium, driven over the DevTools
protocol through a pipe (--remote-debugging-pipe: no extra package). The check fails when a page logs a console
error, throws, or fails to load a resource (warnings are printed, not
failed: rustdoc's pages draw one for each font they preload); a screenshot of each
page is saved under SHOTS.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any


class Browser:
    def __init__(self) -> None:
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if exe is None:
            raise SystemExit("browser_check.py: no chromium (Debian package chromium; .ci/run installs it)")
        self.profile = tempfile.mkdtemp(prefix="site-check-")
        to_child, self.to_browser = os.pipe()
        self.from_browser, from_child = os.pipe()
        # The child reads commands on fd 3 and writes answers on fd 4.
        self.proc = subprocess.Popen(
            [
                exe,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--remote-debugging-pipe",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=lambda: (os.dup2(to_child, 3), os.dup2(from_child, 4)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_event(self, method: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(e.get("method") == method for e in self.events):
                return True
            self.events.append(self._read())
        return False

    def close(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.call("Browser.close")
        self.proc.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def problems(events: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The errors and the warnings among a page's events."""
    found, warnings = [], []
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            (warnings if params["type"] == "warning" else found).append(f"console.{params['type']}: {args}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            found.append(f"exception: {details.get('exception', {}).get('description', details.get('text'))}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
            entry = params["entry"]
            line = f"{entry['level']}: {entry.get('text')} {entry.get('url', '')}"
            (warnings if entry["level"] == "warning" else found).append(line)
    return found, warnings


def main() -> int:
    site, shots, pages = Path(sys.argv[1]).resolve(), Path(sys.argv[2]), sys.argv[3:]
    shots.mkdir(parents=True, exist_ok=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    browser = Browser()
    failed = 0
    try:
        for page in pages:
            target = browser.call("Target.createTarget", url="about:blank")["targetId"]
            session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                browser.call(f"{domain}.enable", session)
            browser.call(
                "Emulation.setDeviceMetricsOverride", session, width=1280, height=900, deviceScaleFactor=1, mobile=False
            )
            browser.events.clear()
            browser.call("Page.navigate", session, url=f"{origin}/{page}")
            loaded = browser.wait_event("Page.loadEventFired", 30)
            time.sleep(0.5)  # late console messages of the page's scripts
            browser.call("Runtime.evaluate", session, expression="1")  # drains events sent meanwhile
            found, warnings = problems([e for e in browser.events if e.get("sessionId") == session])
            if not loaded:
                found.append("the page did not finish loading in 30 s")
            shot = shots / (page.replace("/", "_").removesuffix(".html") + ".png")
            data = browser.call("Page.captureScreenshot", session, format="png")["data"]
            shot.write_bytes(base64.b64decode(data))
            browser.call("Target.closeTarget", targetId=target)
            status = "ok  " if not found else "FAIL"
            print(f"{status} {page}: {len(found)} console errors, {len(warnings)} warnings; screenshot {shot}")
            for problem in found:
                print(f"     | {problem}")
            failed += bool(found)
    finally:
        browser.close()
        server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
