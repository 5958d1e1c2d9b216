"""`mkdocs serve` watches the data folder: a changed YAML file shows on the served page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sitebuild import copy_example


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _get(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_yaml_file_changes(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/roles/trainer/"
    try:
        assert _wait_for(url, "Designs and runs customer service training", 60)
        role = project / "competencies" / "roles" / "trainer.yml"
        role.write_text(role.read_text().replace("Designs and runs", "Plans and runs"))
        assert _wait_for(url, "Plans and runs customer service training", 30)
    finally:
        server.terminate()
        server.wait(timeout=10)
