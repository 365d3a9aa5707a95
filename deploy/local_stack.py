"""The local stack: SeaweedFS (S3) and a Prefect server, started, checked and stopped by PID."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from collections.abc import Collection, Iterator
from pathlib import Path

from deploy import prefect_template, stack_services
from deploy.deployments import register
from deploy.processes import (
    Service,
    ServiceStatus,
    StackError,
    pid_alive,
    port_open,
    terminate,
    wait_closed,
)
from deploy.stack_env import prefect_client_env
from models.settings import Settings, get_settings
from tasks.access.seaweedfs import write_config
from tasks.storage import ObjectStore

ROOT_KEY_PREFIX = "THIDUA_S3_ADMIN_"
HEALTH_POLL_SECONDS = 0.1  # a service is used as soon as it answers
# Services started side by side; the second wave needs Prefect (the worker: its deployments).
STARTUP_WAVES = (("seaweedfs", "prefect"), ("events", "portal", "worker"))


def _waves(services: list[Service]) -> list[list[Service]]:
    """Group services into start waves (STARTUP_WAVES order; any other service comes last)."""
    named = [name for wave in STARTUP_WAVES for name in wave]
    by_name = {s.name: s for s in services}
    waves = [[by_name[name] for name in wave if name in by_name] for wave in STARTUP_WAVES]
    waves.append([s for s in services if s.name not in named])
    return [wave for wave in waves if wave]


class LocalStack:
    """Start, stop and report the local servers, keeping PIDs and logs under var/."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.var_dir = self.settings.resolved_var_dir
        self.run_dir = self.var_dir / "run"
        self.log_dir = self.var_dir / "log"
        self.cache_dir = self.settings.resolved_cache_dir

    def services(self) -> list[Service]:
        """Return the services in start order."""
        return stack_services.services(self.settings)

    def pid_file(self, name: str) -> Path:
        """Return the PID file of a service."""
        return self.run_dir / f"{name}.pid"

    def log_file(self, name: str) -> Path:
        """Return the log file of a service."""
        return self.log_dir / f"{name}.log"

    def _read_pid(self, service: Service) -> int | None:
        try:
            pid = int(self.pid_file(service.name).read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if pid_alive(pid, service.marker) else None

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        with (self.run_dir / "stack.lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write_s3_config(self) -> None:
        write_config(self.settings, self.var_dir / "seaweedfs", self.var_dir)

    def reload_identities(self, *, removed: bool = False) -> bool:
        """Rewrite the identities file and have a running SeaweedFS use it; False if stopped.

        SIGHUP adds new identities but keeps removed ones (measured on 4.48), so a revocation
        restarts SeaweedFS.
        """
        with self._lock():
            self._write_s3_config()
            service = stack_services.seaweedfs(self.settings)
            pid = self._read_pid(service)
            if pid is None:
                return False
            if not removed:
                os.kill(pid, signal.SIGHUP)
                return True
            terminate(pid, service.marker, 2.0)
            self.pid_file(service.name).unlink(missing_ok=True)
            wait_closed(service.ports, seconds=20.0)
            self._start(service)
            return True

    # --- commands ---------------------------------------------------------------------------

    def up(self, only: Collection[str] | None = None) -> list[ServiceStatus]:
        """Start every service (or those named) not running, wait until healthy, create buckets.

        Services start in waves, each wave's processes side by side: the S3 and Prefect servers
        first, then what needs Prefect (the receiver, the portal, and the worker once the
        deployments are registered); a wave is used once all of it answers.
        """
        with self._lock():
            self._write_s3_config()
            wanted = [s for s in self.services() if only is None or s.name in only]
            for wave in _waves(wanted):
                for service, process in [self._launch(service) for service in wave]:
                    self._wait_healthy(service, process)
                    if service.name == "prefect" and process is not None:
                        self._keep_prefect_database(service)
            if only is None or "seaweedfs" in only:
                ObjectStore(self.settings.as_admin()).ensure_buckets()
        return self.status()

    def _start(self, service: Service) -> None:
        self._wait_healthy(*self._launch(service))

    def _launch(self, service: Service) -> tuple[Service, subprocess.Popen[bytes] | None]:
        """Start service's process unless it runs; return it (None: it was running)."""
        if self._read_pid(service) is not None:
            return service, None
        if service.name == "worker":
            self._register_deployments()
        busy = [port for port in service.ports if port_open("127.0.0.1", port)]
        if busy:
            raise StackError(
                f"Cổng {busy} đang bị chương trình khác chiếm, không khởi động được "
                f"{service.name}: đổi cổng bằng biến môi trường THIDUA_*_PORT."
            )
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if service.name == "prefect":  # a new server starts from its version's empty database
            prefect_template.seed(self.cache_dir, Path(service.env["PREFECT_HOME"]), service.env)
        # The root key stays with whoever sets up: no server or worker inherits it.
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(ROOT_KEY_PREFIX)}
        env = {**inherited, **service.env}
        with self.log_file(service.name).open("ab") as log:
            process = subprocess.Popen(  # noqa: S603 (fixed argument list)
                service.command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
                cwd=self.var_dir,
            )
        self.pid_file(service.name).write_text(str(process.pid))
        return service, process

    def _wait_healthy(self, service: Service, process: subprocess.Popen[bytes] | None) -> None:
        deadline = time.monotonic() + self.settings.stack_start_timeout_seconds
        while time.monotonic() < deadline:
            if service.healthy():
                return
            if process is not None and process.poll() is not None:
                self.pid_file(service.name).unlink(missing_ok=True)
                raise StackError(
                    f"{service.name} dừng ngay khi khởi động (mã {process.returncode}); "
                    f"xem {self.log_file(service.name)}:\n{self._tail(service.name)}"
                )
            time.sleep(HEALTH_POLL_SECONDS)
        raise StackError(
            f"{service.name} không sẵn sàng sau "
            f"{self.settings.stack_start_timeout_seconds:.0f} giây; "
            f"xem {self.log_file(service.name)}:\n{self._tail(service.name)}"
        )

    def _keep_prefect_database(self, service: Service) -> None:
        """Keep a new Prefect server's database as its version's empty one (prefect_template)."""
        prefect_template.save(self.cache_dir, Path(service.env["PREFECT_HOME"]), service.env)

    def _register_deployments(self) -> None:
        s = self.settings
        try:
            register(api_url=s.prefect_api_url, work_pool=s.work_pool, env=prefect_client_env(s))
        except subprocess.SubprocessError as error:
            output = getattr(error, "stdout", "") or ""
            raise StackError(
                f"Không đăng ký được các deployment từ deploy/prefect.yaml: {error}\n"
                f"{output[-2000:]}{getattr(error, 'stderr', '') or ''}"
            ) from error

    def _tail(self, name: str, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_file(name).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def down(self, *, grace_seconds: float = 5.0) -> list[ServiceStatus]:
        """Stop every service by its PID: SIGTERM, then SIGKILL after grace_seconds."""
        with self._lock():
            for service in reversed(self.services()):
                pid = self._read_pid(service)
                if pid is not None:
                    terminate(pid, service.marker, grace_seconds)
                self.pid_file(service.name).unlink(missing_ok=True)
        return self.status()

    def status(self) -> list[ServiceStatus]:
        """Report each service: running, healthy, PID, address and log."""
        report = []
        for service in self.services():
            pid = self._read_pid(service)
            report.append(
                ServiceStatus(
                    name=service.name,
                    running=pid is not None,
                    healthy=pid is not None and service.healthy(),
                    pid=pid,
                    url=service.url,
                    log=self.log_file(service.name),
                )
            )
        return report
