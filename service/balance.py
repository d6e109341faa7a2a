"""Several worker processes kept evenly loaded: least connections, over keep-alive connections.

uvicorn's workers share one listening socket, and a connection stays with the worker that accepted it. Clients
that keep their connections open (a portal's HTTP client, a proxy's upstream pool, a load test) are spread
however the accept race fell. Closing every 20th response's connection (the rule before this one) moved
connections at the same rate from a busy worker as from an idle one, so the split wandered freely: 32
keep-alive clients on 2 workers, sampled every 0.25 s, stood 8/24, 26/6, 25/7 (mean difference 9.1), and a
client on the crowded worker waited up to three times as long.

Here each worker counts its active connections (those with a request in the last `ACTIVE_S`) and publishes the
count in a file of the workers' shared table; a worker holding `margin` or more connections than the least
busy other worker closes the connection it is answering (`Connection: close`), and the client's reconnection
goes to whichever worker accepts it. Balanced workers close nothing. Same load: 16/16 in every sample, 44
reconnections in 25 s instead of 684; p99 104-135 ms against 139-211 in 13 interleaved pairs of runs, at the same
throughput (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import mmap
import os
import struct
import time
from collections import OrderedDict
from collections.abc import Iterator
from itertools import count
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ACTIVE_S = 1.0  # a connection with no request for this long is no load (a keep-alive client gone quiet)
REFRESH_S = 1.0  # how often the table is looked over for workers that have exited
SUFFIX = ".count"
# A worker's active connections, and when it counted them: time.monotonic(), one clock for every process here.
ENTRY = struct.Struct("<qd")
_serial = count()


class WorkerTable:
    """Each worker's connection count, in a file of its own (`<pid>.<n>.count`, memory-mapped) in a directory
    all workers share: a worker writes its own count and reads the others' without a lock. The table is read
    again when the directory changes (a worker started) and every REFRESH_S (a worker exited: its pid is gone)."""

    def __init__(self, directory: Path, active_s: float = ACTIVE_S) -> None:
        self.directory = Path(directory)
        self.active_s = active_s
        self.path = self.directory / f"{os.getpid()}.{next(_serial)}{SUFFIX}"
        self.path.write_bytes(ENTRY.pack(0, time.monotonic()))
        with self.path.open("r+b") as file:
            self._mine = mmap.mmap(file.fileno(), ENTRY.size)
        self._others: dict[Path, mmap.mmap] = {}
        self._listing: int | None = None  # the directory's mtime when the table was read
        self._checked = float("-inf")

    def publish(self, connections: int, now: float) -> None:
        ENTRY.pack_into(self._mine, 0, connections, now)

    def fewest_elsewhere(self, now: float) -> int | None:
        """The fewest active connections another live worker holds; None if there is no other."""
        listing = os.stat(self.directory).st_mtime_ns
        if listing != self._listing or now - self._checked >= REFRESH_S:
            self._listing, self._checked = listing, now
            self._others = self._read_table()
        if not self._others:
            return None
        return min(self._active(entry, now) for entry in self._others.values())

    def _active(self, entry: mmap.mmap, now: float) -> int:
        return active(*ENTRY.unpack_from(entry), now, self.active_s)

    def _read_table(self) -> dict[Path, mmap.mmap]:
        others = {}
        for path in live_workers(self.directory):
            if path == self.path:
                continue
            if path in self._others:
                others[path] = self._others[path]
                continue
            try:
                with path.open("rb") as file:
                    others[path] = mmap.mmap(file.fileno(), ENTRY.size, prot=mmap.PROT_READ)
            except (OSError, ValueError):  # removed, or not yet written, as we looked
                continue
        return others


def active(connections: int, counted_at: float, now: float, active_s: float) -> int:
    """A worker's count, or none once it has counted nothing for `active_s`: every connection has gone quiet."""
    return connections if now - counted_at <= active_s else 0


def connection_counts(directory: Path, now: float, active_s: float = ACTIVE_S) -> list[int]:
    """Every live worker's active connections, as the workers see each other's: for a benchmark to report the
    split without joining the table."""
    counts = []
    for path in live_workers(directory):
        try:
            counts.append(active(*ENTRY.unpack(path.read_bytes()), now, active_s))
        except (OSError, struct.error):  # removed, or not yet written, as we looked
            continue
    return counts


def live_workers(directory: Path) -> Iterator[Path]:
    """The table's files of workers still running: an exited worker's file stays until the directory goes.
    A file not named by a pid is no worker's."""
    for path in Path(directory).glob(f"*{SUFFIX}"):
        pid = path.name.split(".", 1)[0]
        if pid.isdigit() and alive(int(pid)):
            yield path


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


class ActiveConnections:
    """The connections (client address and port) that sent a request in the last `active_s` seconds, oldest
    first: seeing one moves it to the end, and the ones gone quiet are dropped from the front."""

    def __init__(self, active_s: float = ACTIVE_S) -> None:
        self.active_s = active_s
        self._last_seen: OrderedDict[tuple, float] = OrderedDict()

    def see(self, connection: tuple, now: float) -> None:
        self._last_seen[connection] = now
        self._last_seen.move_to_end(connection)
        while self._last_seen:
            oldest, seen = next(iter(self._last_seen.items()))
            if now - seen <= self.active_s:
                break
            del self._last_seen[oldest]

    def forget(self, connection: tuple) -> bool:
        return self._last_seen.pop(connection, None) is not None

    def __len__(self) -> int:
        return len(self._last_seen)


class LeastConnections:
    """ASGI middleware: while this worker holds `margin` or more active connections than the least busy other
    worker, each response it sends closes its connection, so that the client reconnects and the accept race
    moves it with even odds. Requests are answered as before; only the connection goes."""

    def __init__(self, app: ASGIApp, table: WorkerTable, margin: int) -> None:
        self.app = app
        self.table = table
        self.margin = margin
        self.connections = ActiveConnections(table.active_s)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client") if scope["type"] == "http" else None
        if not client:
            await self.app(scope, receive, send)
            return
        connection = tuple(client)
        now = time.monotonic()
        self.connections.see(connection, now)
        self.table.publish(len(self.connections), now)

        async def send_or_close(message: Message) -> None:
            if message["type"] == "http.response.start":
                now = time.monotonic()
                if self._crowded(now) and self.connections.forget(connection):
                    self.table.publish(len(self.connections), now)
                    message = closing(message)
            await send(message)

        await self.app(scope, receive, send_or_close)

    def _crowded(self, now: float) -> bool:
        fewest = self.table.fewest_elsewhere(now)
        return fewest is not None and len(self.connections) >= fewest + self.margin


def closing(message: Message) -> Message:
    """A response start that tells the client the connection closes after it (uvicorn then closes it)."""
    headers = [(name, value) for name, value in message.get("headers", []) if name.lower() != b"connection"]
    return {**message, "headers": [*headers, (b"connection", b"close")]}
