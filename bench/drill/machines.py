"""The drill's own production on one machine: a PostgreSQL cluster and a Redis of its own (so it
may restart and stop them), two gunicorn app servers on two loopback addresses behind HAProxy,
and the task workers, each a process the drill starts, kills and starts again.

Nothing here touches the machine's own PostgreSQL or Redis: the cluster lives in a temporary
directory on a free port, and Redis keeps nothing on disk.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The two app servers' addresses: two loopback addresses, as two machines would have two.
APP_HOSTS = ("127.0.0.2", "127.0.0.3")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def postgres_bin() -> Path:
    """Debian's newest PostgreSQL binaries (initdb, pg_ctl), found at run time."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise SystemExit("The drill needs PostgreSQL's server binaries: apt-get install postgresql")
    return found[-1].parent


def _wait_for_port(host: str, port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((host, port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on {host}:{port} within {seconds} s")


@dataclass
class Postgres:
    """A cluster of the drill's own, owned by the user `postgres` when the drill runs as root."""

    base: Path
    port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/drill"

    def _run(self, *args: str) -> None:
        command = [str(postgres_bin() / args[0]), *args[1:]]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")

    def create(self) -> None:
        self.data = self.base / "pgdata"
        self.data.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres")
            shutil.chown(self.data, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        settings = f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.base}'\n"
        settings += "fsync = on\nmax_connections = 100\nshared_buffers = 64MB\n"
        (self.data / "postgresql.conf").write_text(settings, encoding="utf-8")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "drill")

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.base / "postgres.log"), "-w", "start")

    def stop(self) -> None:
        """Fast shutdown: open transactions are rolled back, connections closed."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, AttributeError):  # not running, or never made
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")


@dataclass
class Service:
    """One process the drill runs; started again by `revive` after the drill (or a fault) ended it."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None
    starts: int = 0
    held: bool = False  # down on purpose: the supervisor leaves it down
    started_at: float = 0.0  # when it was last started (Unix time)
    restarts: int = 0  # started again by the supervisor after it ended by itself

    def start(self) -> None:
        self.started_at = time.time()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.starts += 1

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to the process and every child (a gunicorn master and its workers): a crash."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def signal(self, number: int) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, number)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def redis_service(base: Path, port: int) -> Service:
    return Service(
        "redis",
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        {"PATH": os.environ["PATH"]},
        base / "redis.log",
    )


def app_service(base: Path, number: int, host: str, port: int, env: dict[str, str], workers: int) -> Service:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    return Service(
        f"app{number}",
        [
            gunicorn,
            "omshub.config.wsgi",
            f"--workers={workers}",
            f"--bind={host}:{port}",
            "--no-control-socket",  # two gunicorns on one machine
            "--timeout=30",
            "--log-level=warning",
        ],
        env,
        base / f"app{number}.log",
    )


def worker_service(base: Path, number: int, env: dict[str, str]) -> Service:
    return Service(
        f"worker{number}",
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name=default,payments",
            "--interval=0.2",
            "--no-startup-delay",
            "--no-reload",
            "--verbosity=0",
            f"--worker-id=drill-worker{number}",  # the drill finds which worker holds a batch by it
        ],
        env,
        base / f"worker{number}.log",
    )


HAPROXY_CONFIG = """global
    maxconn 512

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout queue 30s
    # A sync gunicorn worker answers the health check only between two requests.
    timeout check 5s
    retries 3
    # A request whose server died under it is sent to the other one (both are idempotent here:
    # a page read, a webhook stored by its event id; a gift form sent twice starts a second,
    # unpaid gift, never a second payment).
    option redispatch 1
    retry-on all-retryable-errors
    option http-server-close

frontend site
    # TLS ends here, as at a production balancer: the site's cookies are Secure.
    bind 127.0.0.1:{port} ssl crt {certificate}
    option forwardfor
    http-request set-header X-Forwarded-Proto https
    default_backend apps

backend apps
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
{servers}
"""


def haproxy_service(base: Path, port: int, servers: list[tuple[str, int]]) -> Service:
    lines = "\n".join(
        # maxconn: one request per gunicorn worker plus one; the rest wait in the balancer's queue,
        # where a server that dies leaves them for the other one.
        f"    server app{n} {host}:{app_port} check inter 1s fall 3 rise 2 maxconn 3"
        for n, (host, app_port) in enumerate(servers, 1)
    )
    certificate = base / "balancer.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(base / "balancer.key"), "-out", str(base / "balancer.crt")],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    certificate.write_bytes((base / "balancer.crt").read_bytes() + (base / "balancer.key").read_bytes())
    config = base / "haproxy.cfg"
    config.write_text(HAPROXY_CONFIG.format(port=port, servers=lines, certificate=certificate), encoding="utf-8")
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    return Service("haproxy", [haproxy, "-f", str(config), "-db"], {"PATH": os.environ["PATH"]}, base / "haproxy.log")


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {seconds} s")
        time.sleep(0.2)


def wait_for_port(host: str, port: int, seconds: float = 30) -> None:
    _wait_for_port(host, port, seconds)


class Supervisor:
    """What systemd's `Restart=always` does in production: a service that ended by itself (a task
    worker whose database went away, say) is started again a second later, and counted."""

    def __init__(self, services: list[Service]) -> None:
        self.services = services
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(1.0):
            for service in self.services:
                if not service.held and service.process is not None and not service.running:
                    service.restarts += 1
                    service.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
