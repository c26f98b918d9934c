"""A headless Chromium driven over its DevTools protocol, just enough to read a page and photograph it.

The protocol is JSON over a WebSocket; aiohttp (already circle's) speaks it, so no Selenium or driver.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
START_SECONDS = 60


def find_chromium() -> str:
    for name in BROWSERS:
        if found := shutil.which(name):
            return found
    pytest.skip("no Chromium on this machine (on Debian: apt-get install chromium)")


class Page:
    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        """One protocol command and its result; events arriving meanwhile are not needed here."""
        number = next(self._ids)
        await self._socket.send_json({"id": number, "method": method, "params": params})
        async for message in self._socket:
            reply = json.loads(message.data)
            if reply.get("id") == number:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply["result"]
        raise AssertionError("the browser closed its connection")

    async def go(self, address: str) -> None:
        await self.call("Page.navigate", url=address)

    async def text(self, element_id: str) -> str:
        """The element's text as drawn, or '' while it is hidden."""
        script = f"(e => e && !e.closest('[hidden]') ? e.textContent : '')(document.getElementById('{element_id}'))"
        result = await self.call("Runtime.evaluate", expression=script, returnByValue=True)
        return str(result["result"].get("value", ""))

    async def until(self, element_id: str, wanted: str, *, within: float = 10.0) -> str:
        """Poll until the element's text contains `wanted`; its text then."""
        return await self._poll(element_id, lambda shown: wanted in shown, f"not {wanted!r}", within)

    async def until_changed(self, element_id: str, before: str, *, within: float = 10.0) -> str:
        """Poll until the element shows something other than `before`; its text then."""
        return await self._poll(element_id, lambda shown: shown != before, "unchanged", within)

    async def _poll(self, element_id: str, done: Callable[[str], bool], otherwise: str, within: float) -> str:
        deadline = time.monotonic() + within
        while not done(shown := await self.text(element_id)):
            if time.monotonic() > deadline:
                raise AssertionError(f"#{element_id} still shows {shown!r}, {otherwise}")
            await asyncio.sleep(0.05)
        return shown

    async def screenshot(self, path: Path, width: int, height: int) -> Path:
        """The page drawn at `width`x`height` CSS pixels, as a PNG at `path`."""
        await self.call(
            "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600
        )
        # Two animation frames: the page has been laid out and painted at the new size.
        frames = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
        await self.call("Runtime.evaluate", expression=frames, awaitPromise=True)
        shot = await self.call("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


@asynccontextmanager
async def headless_page(profile: Path) -> AsyncIterator[Page]:
    """A fresh headless Chromium with its own profile folder, and the one blank page it opens with."""
    browser = subprocess.Popen(
        [find_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        port = await _debugging_port(profile / "DevToolsActivePort", browser)
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/json/list") as answer:
                target = next(t for t in await answer.json() if t["type"] == "page")
            async with session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as socket:
                yield Page(socket)
    finally:
        browser.terminate()
        browser.wait(timeout=30)


async def _debugging_port(announced: Path, browser: subprocess.Popen[bytes]) -> int:
    """Chromium writes the port it chose into the profile once it listens."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if browser.poll() is not None:
            raise AssertionError(f"Chromium stopped at start (exit {browser.returncode})")
        lines = announced.read_text().splitlines() if announced.exists() else []
        if lines and lines[0].isdigit():
            return int(lines[0])
        await asyncio.sleep(0.05)
    raise AssertionError("Chromium did not open its debugging port within a minute")
