"""Open the rendered reports in a real (headless) Chromium and check them as a reader would see them.

For each HTML file: it is opened from ``file://``; every network request other than ``file:``,
``data:`` and ``blob:`` (script the page builds from its own embedded text) is recorded (there should
be none), as are console errors and uncaught exceptions; the direction the browser computed for each
paragraph or table cell holding Arabic is read back (it should be right-to-left), and for any block
whose text starts as asked (:func:`check_pages` ``probes``); the interactive tables that came up
(sortable, with a search box) are counted; and a screenshot is saved. The browser is driven through the DevTools protocol
over a local WebSocket, so nothing beyond Debian's ``chromium`` is needed.
"""
from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .errors import WorkbookError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--remote-allow-origins=*", "--remote-debugging-port=0",
    "--window-size=1280,1800", "--hide-scrollbars",
)
# Counts, in the page, the elements holding Arabic letters and those the browser lays out right-to-left.
DIRECTION_PROBE = r"""
(() => {
  const arabic = /[\u0621-\u064A]/;
  let total = 0, rtl = 0; const wrong = [];
  for (const el of document.querySelectorAll('p, li, td, th, h1, h2, h3, h4, caption')) {
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    const first = (own.match(/[A-Za-z\u0621-\u064A]/) || [''])[0];
    if (!first || !arabic.test(first)) continue;
    total += 1;
    if (getComputedStyle(el).direction === 'rtl') rtl += 1; else if (wrong.length < 5) wrong.push(own.slice(0, 60));
  }
  return JSON.stringify({total, rtl, wrong, title: document.title});
})()
"""


# Counts the interactive tables that came up (DataTables adds the class and a search box to each).
TABLES_PROBE = r"""
(() => JSON.stringify({
  tables: document.querySelectorAll('table.dataTable').length,
  searchable: document.querySelectorAll('.dt-container .dt-search input').length,
  pending: document.querySelectorAll('table[id^="table-"]:not(.dataTable)').length,
}))()
"""
# For each prefix: the computed direction of the innermost block (p, li, td, th, caption) whose text starts with it.
DIRECTIONS_PROBE = r"""
((prefixes) => {
  const out = {};
  const blocks = Array.from(document.querySelectorAll('p, li, td, th, caption, h1, h2, h3, h4'));
  for (const prefix of prefixes) {
    const hits = blocks.filter(el => el.textContent.trim().startsWith(prefix)
                                     && !Array.from(el.querySelectorAll('p, li, td, th')).some(
                                          c => c.textContent.trim().startsWith(prefix)));
    out[prefix] = hits.map(el => getComputedStyle(el).direction);
  }
  return JSON.stringify(out);
})
"""


@dataclass
class PageCheck:
    """What the browser saw on one page."""

    page: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    arabic_blocks: int = 0
    arabic_rtl: int = 0
    not_rtl: list[str] = field(default_factory=list)
    screenshot: Path | None = None
    interactive_tables: int = 0
    searchable_tables: int = 0
    directions: dict[str, list[str]] = field(default_factory=dict)


def find_chromium() -> str | None:
    """Return the path of an installed Chromium (or Chrome), or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


class _DevTools:
    """A minimal DevTools-protocol client over one page's WebSocket."""

    def __init__(self, url: str):
        import websocket

        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict] = []

    def call(self, method: str, **params):
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise WorkbookError(f"browser: {method} failed: {msg['error'].get('message')}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, method: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        if any(e.get("method") == method for e in self.events):
            return
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            self.events.append(msg)
            if msg.get("method") == method:
                return
        raise WorkbookError(f"browser: no {method} within {timeout:.0f} s")

    def close(self):
        self.ws.close()


def check_pages(pages, screenshot_dir: str | Path, chromium: str | None = None, probes=()) -> list[PageCheck]:
    """Open each HTML file in headless Chromium; return what was seen and save a screenshot of each.

    ``probes`` are text prefixes: for each, :attr:`PageCheck.directions` lists the direction the
    browser computed for every block (paragraph, list item, table cell) whose text starts with it.
    """
    chromium = chromium or find_chromium()
    if not chromium:
        raise WorkbookError("no Chromium found (install Debian's 'chromium' package)")
    screenshot_dir = Path(screenshot_dir)
    screenshot_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="report-check-"))
    proc = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = _devtools_port(profile, proc)
        results = [_check_one(Path(page), port, screenshot_dir, list(probes)) for page in pages]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
    return results


def _devtools_port(profile: Path, proc) -> int:
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if marker.exists() and marker.read_text().strip():
            return int(marker.read_text().split()[0])
        if proc.poll() is not None:
            raise WorkbookError(f"browser: Chromium exited at start (status {proc.returncode})")
        time.sleep(0.1)
    raise WorkbookError("browser: Chromium did not open its DevTools port within 30 s")


def _check_one(page: Path, port: int, screenshot_dir: Path, probes: list[str]) -> PageCheck:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
    with urllib.request.urlopen(request, timeout=10) as resp:
        target = json.loads(resp.read())
    tools = _DevTools(target["webSocketDebuggerUrl"])
    result = PageCheck(page.name)
    try:
        for domain in ("Page", "Network", "Runtime", "Log"):
            tools.call(f"{domain}.enable")
        tools.call("Page.navigate", url=page.resolve().as_uri())
        tools.wait_for("Page.loadEventFired")
        deadline = time.monotonic() + 20  # the interactive tables come up once the embedded bundle is imported
        while True:
            tables = json.loads(tools.call("Runtime.evaluate", expression=TABLES_PROBE, returnByValue=True)["result"]["value"])
            if not tables["pending"] or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        result.interactive_tables, result.searchable_tables = tables["tables"], tables["searchable"]
        if probes:
            expression = f"{DIRECTIONS_PROBE}({json.dumps(probes, ensure_ascii=False)})"
            result.directions = json.loads(tools.call("Runtime.evaluate", expression=expression,
                                                      returnByValue=True)["result"]["value"])
        probe = json.loads(tools.call("Runtime.evaluate", expression=DIRECTION_PROBE, returnByValue=True)["result"]["value"])
        shot = tools.call("Page.captureScreenshot", format="png")
        result.screenshot = screenshot_dir / f"{page.stem}.png"
        result.screenshot.write_bytes(base64.b64decode(shot["data"]))
        result.arabic_blocks, result.arabic_rtl, result.not_rtl = probe["total"], probe["rtl"], probe["wrong"]
        for event in tools.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith(("file:", "data:", "about:", "blob:")):
                    result.requests.append(url)
            elif method == "Runtime.exceptionThrown":
                result.console_errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                result.console_errors.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                result.console_errors.append(params["entry"].get("text", ""))
    finally:
        tools.close()
        urllib.request.urlopen(f"http://127.0.0.1:{port}/json/close/{target['id']}", timeout=10).close()
    return result
