"""Start the action server and the Rasa server together; stop both together.

    python -m bot.serve            # what `make run` does: http://localhost:5005

Tests and benchmarks use `servers(...)` to run the same thing on free ports.
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "wegwijzer.tar.gz"
CONFIG = ROOT / "config"
BIN = Path(sys.executable).parent


class Servers(NamedTuple):
    rasa_url: str
    action_url: str
    rasa: subprocess.Popen
    actions: subprocess.Popen


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, seconds: float, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with status {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
            return
        time.sleep(0.5)
    raise TimeoutError(f"nothing answered on port {port} within {seconds:.0f} s")


@contextlib.contextmanager
def servers(rasa_port: int | None = None, action_port: int | None = None, host: str = "127.0.0.1",
            model: Path = MODEL, endpoints: Path | None = None, output=None) -> Iterator[Servers]:
    """Both servers, bound to `host` only, stopped on exit however the block ends."""
    if not model.exists():
        raise FileNotFoundError(f"no trained model at {model}: run `make model`")
    rasa_port, action_port = rasa_port or free_port(), action_port or free_port()
    env = {**os.environ, "SANIC_HOST": host, "PYTHONUNBUFFERED": "1"}
    # Sanic accepts 100 MB bodies by default; a chat message needs a few kB (413 above).
    # Only for the Rasa server: the action server receives whole conversations.
    rasa_env = {"SANIC_REQUEST_MAX_SIZE": str(64 * 1024), **env}
    started: list[subprocess.Popen] = []
    scratch = tempfile.TemporaryDirectory(prefix="wegwijzer-")
    try:
        actions = subprocess.Popen([str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions",
                                    "-p", str(action_port)], cwd=ROOT, env=env, stdout=output, stderr=output)
        started.append(actions)
        endpoints = _with_action_port(endpoints or CONFIG / "endpoints.yml", action_port, Path(scratch.name))
        rasa = subprocess.Popen([str(BIN / "rasa"), "run", "--model", str(model), "--endpoints", str(endpoints),
                                 "--credentials", str(CONFIG / "credentials.yml"), "--interface", host,
                                 "--port", str(rasa_port)], cwd=ROOT, env=rasa_env, stdout=output, stderr=output)
        started.append(rasa)
        wait_for(action_port, actions, 120, host)
        wait_for(rasa_port, rasa, 300, host)
        yield Servers(f"http://{host}:{rasa_port}", f"http://{host}:{action_port}", rasa, actions)
    finally:
        for process in reversed(started):
            stop(process)
        scratch.cleanup()


def _with_action_port(endpoints: Path, action_port: int, folder: Path) -> Path:
    """The endpoints file, pointed at the action server's port (Rasa does not read
    environment variables in endpoints.yml)."""
    text = endpoints.read_text(encoding="utf-8")
    if action_port == 5055:
        return endpoints
    copy = folder / endpoints.name
    copy.write_text(text.replace("127.0.0.1:5055", f"127.0.0.1:{action_port}"), encoding="utf-8")
    return copy


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    # SIGTERM (a service manager, `timeout`) stops both servers as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    host = os.environ.get("WEGWIJZER_HOST", "127.0.0.1")
    with servers(5005, 5055, host=host) as running:
        print(f"Wegwijzer is running at {running.rasa_url.replace('127.0.0.1', 'localhost')} (Ctrl-C stops it)",
              flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while running.rasa.poll() is None and running.actions.poll() is None:
                time.sleep(1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
