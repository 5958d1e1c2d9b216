"""Talking to a local `mkdocs serve` from outside: start it, read a page, wait for text to show.

Shared by the benchmark (how fast an edit shows) and the serve tests (that it shows at all).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def start(project: Path, *args: str,
          output: IO[bytes] | int = subprocess.DEVNULL) -> tuple[subprocess.Popen[bytes], str]:
    """`mkdocs serve` for `project` on a free local port, and the site's address."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *args, "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT)
    return server, f"http://127.0.0.1:{port}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> str:
    """The page's text, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> float | None:
    """Seconds until `text` is on the page at `url`, or None if it never came within `seconds`."""
    start_time = time.perf_counter()
    while time.perf_counter() - start_time < seconds:
        if text in get(url):
            return time.perf_counter() - start_time
        time.sleep(0.02)
    return None
