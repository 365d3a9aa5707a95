"""Server processes of the local stack: how each is described, probed and stopped by PID."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import sys
import time
import urllib.request
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path


class StackError(RuntimeError):
    """The local stack could not be started or stopped."""


@dataclass(frozen=True)
class ServiceStatus:
    """What `thidua stack status` reports of one service."""

    name: str
    running: bool
    healthy: bool
    pid: int | None
    url: str
    log: Path


@dataclass(frozen=True)
class Service:
    """How to run, recognise and probe one server process."""

    name: str
    command: list[str]
    env: dict[str, str]
    marker: str
    ports: tuple[int, ...]
    url: str
    healthy: Callable[[], bool]


def binary(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which(name)
    if not found:
        raise StackError(
            f"Không tìm thấy chương trình '{name}': cài đặt bằng pip install -e '.[dev]'."
        )
    return found


def port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
            return bool(response.status == 200)
    except OSError:
        return False


def wait_closed(ports: Collection[int], *, seconds: float) -> None:
    """Wait until nothing listens on ports any more (a stopped server's sockets close)."""
    deadline = time.monotonic() + seconds
    while any(port_open("127.0.0.1", port) for port in ports):
        if time.monotonic() > deadline:
            return  # _start then names the ports still taken
        time.sleep(0.2)


def pid_alive(pid: int, marker: str) -> bool:
    """Return whether pid is a live (not zombie) process whose command line contains marker."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)  # reap our own child if it has exited
    proc = Path(f"/proc/{pid}")
    try:
        state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"} and marker in cmdline


def terminate(pid: int, marker: str, grace_seconds: float) -> None:
    """Stop the process group led by pid, escalating to SIGKILL; return once it is gone."""
    for sig, wait in ((signal.SIGTERM, grace_seconds), (signal.SIGKILL, 10.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not pid_alive(pid, marker):
                return
            time.sleep(0.1)
    raise StackError(f"Không dừng được tiến trình {pid}.")
