"""Start the action server and the Rasa server together; stop both together.

    python -m bot.serve                         # `make run`: http://localhost:5005
    python -m bot.serve --redis --rasa-servers 2   # `make run-redis`: ports 5005 and 5006, one Redis

Tests and benchmarks use `servers(...)` to run the same thing on free ports.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

import yaml

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "wegwijzer.tar.gz"
CONFIG = ROOT / "config"
BIN = Path(sys.executable).parent
LOGGING = CONFIG / "logging.yml"   # no message text in any log (bot/logs.py)


@dataclass
class Servers:
    """What `servers()` started. `rasa_url` and `rasa` are the first Rasa server."""
    rasa_urls: list[str]
    action_url: str
    rasas: list[subprocess.Popen]
    actions: subprocess.Popen
    redis: subprocess.Popen | None = None
    redis_port: int | None = None
    _launch: dict = field(default_factory=dict, repr=False)

    @property
    def rasa_url(self) -> str:
        return self.rasa_urls[0]

    @property
    def rasa(self) -> subprocess.Popen:
        return self.rasas[0]

    def restart_actions(self) -> None:
        """The action server again, on the same port (after a test stopped it)."""
        stop(self.actions)
        self.actions = self._launch["actions"]()

    def restart_redis(self) -> None:
        """Redis again, on the same port and empty (it keeps nothing)."""
        stop(self.redis)
        self.redis = self._launch["redis"]()

    def processes(self) -> list[subprocess.Popen]:
        return [*self.rasas, self.actions, *([self.redis] if self.redis else [])]


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
            model: Path = MODEL, endpoints: Path | None = None, credentials: Path | None = None,
            output: IO | int | None = None, rasa_servers: int = 1, redis: bool = False,
            redis_port: int | None = None) -> Iterator[Servers]:
    """The action server and `rasa_servers` Rasa servers (on consecutive ports from
    `rasa_port`, or free ones), bound to `host` only, stopped on exit however the block ends.

    With `redis`, a Redis without persistence (Debian's redis-server) on loopback, and
    `endpoints` defaults to config/endpoints.redis.yml; the Rasa servers share it, and
    share WEGWIJZER_SECRET (a random one unless set) so each accepts the web chat's ids."""
    if not model.exists():
        raise FileNotFoundError(f"no trained model at {model}: run `make model`")
    action_port = action_port or free_port()
    rasa_ports = [rasa_port + n if rasa_port else free_port() for n in range(rasa_servers)]
    redis_port = (redis_port or free_port()) if redis else None
    env = {**os.environ, "SANIC_HOST": host, "PYTHONUNBUFFERED": "1"}
    # Sanic accepts 100 MB bodies by default; a chat message needs a few kB (413 above).
    # Only for the Rasa server: the action server receives whole conversations.
    rasa_env = {"SANIC_REQUEST_MAX_SIZE": str(64 * 1024), **env}
    if rasa_servers > 1 and not env.get("WEGWIJZER_SECRET"):
        rasa_env["WEGWIJZER_SECRET"] = secrets.token_hex(32)
    scratch = tempfile.TemporaryDirectory(prefix="wegwijzer-")
    folder = Path(scratch.name)
    endpoints = _configured(endpoints or CONFIG / ("endpoints.redis.yml" if redis else "endpoints.yml"),
                            action_port, redis_port, folder)

    def actions() -> subprocess.Popen:
        process = subprocess.Popen([str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions",
                                    "-p", str(action_port), "--logging-config_file", str(LOGGING)],
                                   cwd=ROOT, env=env, stdout=output, stderr=output)
        wait_for(action_port, process, 120, host)
        return process

    def redis_server() -> subprocess.Popen:
        process = start_redis(redis_port, folder, output)
        wait_for(redis_port, process, 30)
        return process

    running = Servers([f"http://{host}:{port}" for port in rasa_ports], f"http://{host}:{action_port}", [],
                      None, redis_port=redis_port, _launch={"actions": actions, "redis": redis_server})
    try:
        if redis:
            running.redis = redis_server()
        for port in rasa_ports:
            running.rasas.append(subprocess.Popen(
                [str(BIN / "rasa"), "run", "--model", str(model), "--endpoints", str(endpoints),
                 "--credentials", str(credentials or CONFIG / "credentials.yml"), "--interface", host,
                 "--port", str(port), "--logging-config-file", str(LOGGING)],
                cwd=ROOT, env=rasa_env, stdout=output, stderr=output))
        running.actions = actions()
        for port, process in zip(rasa_ports, running.rasas):
            wait_for(port, process, 300, host)
        yield running
    finally:
        stop(*running.processes())
        scratch.cleanup()


def start_redis(port: int, folder: Path, output: IO | int | None = None) -> subprocess.Popen:
    """Debian's redis-server on loopback, keeping nothing on disk (no snapshots, no
    append-only file; `folder` is its working directory, and stays empty)."""
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(server).exists():
        raise FileNotFoundError("redis-server is not installed: apt-get install -y redis-server")
    return subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(folder)], stdout=output, stderr=output)


def _configured(endpoints: Path, action_port: int, redis_port: int | None, folder: Path) -> Path:
    """A copy of the endpoints file pointed at these ports (Rasa does not read environment
    variables in endpoints.yml)."""
    config = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    config.setdefault("action_endpoint", {})["url"] = f"http://127.0.0.1:{action_port}/webhook"
    for store in ("tracker_store", "lock_store"):
        if redis_port and (config.get(store) or {}).get("type") == "redis":
            config[store].update(url="127.0.0.1", port=redis_port)
    copy = folder / endpoints.name
    copy.write_text(yaml.safe_dump(config), encoding="utf-8")
    return copy


def stop(*processes: subprocess.Popen | None) -> None:
    """Ctrl-C to each (together, so they stop in parallel), then a kill after 15 s."""
    running = [process for process in processes if process is not None and process.poll() is None]
    for process in running:
        process.send_signal(signal.SIGINT)
    deadline = time.monotonic() + 15
    for process in running:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--redis", action="store_true",
                        help="share conversations through a Redis on port 6379 (config/endpoints.redis.yml)")
    parser.add_argument("--rasa-servers", type=int, default=1, metavar="N",
                        help="Rasa servers on ports 5005, 5006, ... (more than one needs --redis)")
    args = parser.parse_args(argv)
    if args.rasa_servers > 1 and not args.redis:
        parser.error("several Rasa servers share conversations only through Redis: add --redis")
    # SIGTERM (a service manager, `timeout`) stops everything as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    host = os.environ.get("WEGWIJZER_HOST", "127.0.0.1")
    with servers(5005, 5055, host=host, rasa_servers=args.rasa_servers, redis=args.redis,
                 redis_port=6379 if args.redis else None) as running:
        urls = ", ".join(url.replace("127.0.0.1", "localhost") for url in running.rasa_urls)
        print(f"Wegwijzer is running at {urls} (Ctrl-C stops it)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while all(process.poll() is None for process in running.processes()):
                time.sleep(1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
