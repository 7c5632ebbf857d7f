"""sekmet-fhir (a FastAPI + SQLite FHIR R4 server) as a child process on 127.0.0.1, for tests and benches."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

TOKEN = "test-token-of-the-sync-suite"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class FhirServer:
    """One sekmet-fhir process; ``stop`` then ``start`` brings it back on the same port and database."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder, free_port()
        self.url = f"http://127.0.0.1:{self.port}/fhir"
        self.process: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)
        # Simulator off (it would answer our Appointments), traffic log off (speed), a bearer token required.
        (folder / "settings.yaml").write_text(
            f"base_url: {self.url}\nhost: 127.0.0.1\nport: {self.port}\ndata_dir: {folder / 'data'}\n"
            "log_inbound: false\nsimulator: {enabled: false}\n"
            f"server_auth: {{types: [bearer], tokens: [{TOKEN}]}}\n",
            encoding="utf-8",
        )

    def start(self) -> None:
        command = [
            sys.executable,
            "-c",
            "from sekmet.cli import app; app()",
            "serve",
            "--config",
            "settings.yaml",
        ]
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 - the process owns it until stop()
        self.process = subprocess.Popen(command, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.folder / "server.log").read_text(errors="replace")[-2000:])
            try:
                if httpx.get(f"{self.url}/metadata", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("sekmet-fhir did not answer /fhir/metadata within 30 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def get(self, path: str, **params: str) -> dict:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        return httpx.get(f"{self.url}/{path}", params=params, headers=headers, timeout=10).json()
