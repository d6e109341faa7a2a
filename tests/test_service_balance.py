"""Several workers keep their keep-alive connections even: a crowded worker closes connections as it answers
them, a balanced one closes none (service/balance.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from service.balance import ENTRY, ActiveConnections, WorkerTable, connection_counts
from tests.conftest import LiveServer, make_app
from tests.test_hardening_reload import start_service, stop_service


def connection_headers(url: str, connections: int) -> list[str]:
    """The Connection header of one /healthz answer on each of `connections` new keep-alive connections, opened
    one after another and all held open until the end."""
    clients = [httpx.Client(base_url=url, timeout=60) for _ in range(connections)]
    try:
        return [client.get("/healthz").headers.get("connection", "") for client in clients]
    finally:
        for client in clients:
            client.close()


def exited_pid() -> int:
    """The pid of a process that has run and exited."""
    return int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True).stdout)


def counts(directory: Path) -> list[int]:
    return sorted(ENTRY.unpack(path.read_bytes())[0] for path in directory.glob("*.count"))


def test_a_connection_counts_until_it_has_been_quiet_for_the_active_window():
    connections = ActiveConnections(active_s=1.0)
    connections.see(("10.0.0.1", 5000), now=0.0)
    connections.see(("10.0.0.2", 5000), now=0.5)
    connections.see(("10.0.0.3", 5000), now=1.2)  # the first has been quiet for 1.2 s
    assert len(connections) == 2
    connections.see(("10.0.0.2", 5000), now=2.0)  # seen again: counts from now
    connections.see(("10.0.0.3", 5000), now=2.4)
    assert len(connections) == 2


def test_a_forgotten_connection_no_longer_counts():
    connections = ActiveConnections()
    connections.see(("10.0.0.1", 5000), now=0.0)
    assert connections.forget(("10.0.0.1", 5000)) and len(connections) == 0
    assert not connections.forget(("10.0.0.1", 5000))


def test_workers_read_each_others_counts(tmp_path):
    now = time.monotonic()
    first, second = WorkerTable(tmp_path), WorkerTable(tmp_path)
    assert first.fewest_elsewhere(now) == 0
    third = WorkerTable(tmp_path)  # started after the others first looked
    first.publish(7, now)
    second.publish(3, now)
    third.publish(1, now)
    assert first.fewest_elsewhere(now) == 1 and third.fewest_elsewhere(now) == 3


def test_a_worker_whose_connections_have_all_gone_quiet_holds_none(tmp_path):
    now = time.monotonic()
    quiet, busy = WorkerTable(tmp_path, active_s=1.0), WorkerTable(tmp_path, active_s=1.0)
    quiet.publish(5, now - 1.5)  # its last request came 1.5 s ago
    busy.publish(6, now)
    assert busy.fewest_elsewhere(now) == 0 and quiet.fewest_elsewhere(now) == 6


def test_a_worker_that_has_exited_does_not_count(tmp_path):
    (tmp_path / f"{exited_pid()}.0.count").write_bytes(ENTRY.pack(0, time.monotonic()))
    assert WorkerTable(tmp_path).fewest_elsewhere(time.monotonic()) is None


def test_a_benchmark_reads_every_live_workers_active_connections(tmp_path):
    now = time.monotonic()
    WorkerTable(tmp_path).publish(16, now)
    WorkerTable(tmp_path).publish(9, now - 5)  # quiet for 5 s: none active
    (tmp_path / f"{exited_pid()}.0.count").write_bytes(ENTRY.pack(12, now))
    assert sorted(connection_counts(tmp_path, now)) == [0, 16]


def test_a_crowded_worker_closes_the_connection_it_answers(tmp_path, small_index, embedder):
    idle_worker = WorkerTable(tmp_path)  # another worker, with no connections
    with LiveServer(make_app(small_index, workers=2, worker_dir=tmp_path, rebalance_margin=2)) as server:
        # 1 connection against 0: kept; 2 against 0: the second closes; the third makes 2 again, and closes.
        assert connection_headers(server.url, 3) == ["", "close", "close"]
    assert idle_worker.fewest_elsewhere(time.monotonic()) == 1  # the one kept


def test_balanced_workers_keep_their_connections(tmp_path, small_index, embedder):
    WorkerTable(tmp_path).publish(4, time.monotonic() + 60)  # and still counted for the next minute
    with LiveServer(make_app(small_index, workers=2, worker_dir=tmp_path, rebalance_margin=2)) as server:
        assert connection_headers(server.url, 5) == [""] * 5  # 5 against 4: within the margin


def test_one_worker_keeps_every_connection(tmp_path, small_index, embedder):
    WorkerTable(tmp_path).publish(0, time.monotonic())
    with LiveServer(make_app(small_index, workers=1, worker_dir=tmp_path, rebalance_margin=2)) as server:
        assert connection_headers(server.url, 4) == [""] * 4


def test_two_workers_split_eight_keep_alive_clients_evenly(tmp_path, small_index):
    workers = tmp_path / "workers"
    workers.mkdir()
    (workers / "1.0.count").write_bytes(ENTRY.pack(0, 0.0))  # left by an earlier run (pid 1 is alive): cleared at start
    log = tmp_path / "service.log"
    process, url = start_service(small_index, log, "--workers", "2", RAG_WORKER_DIR=str(workers))

    def keep_asking(_) -> set[int]:
        with httpx.Client(base_url=url, timeout=60) as client:
            return {client.get("/v1/search", params={"q": "pembrolizumab lung"}).status_code for _ in range(60)}

    try:
        deadline = time.monotonic() + 120
        while len(counts(workers)) < 2:  # both workers up (each writes its file when its app is built)
            assert time.monotonic() < deadline, "the second worker did not start"
            time.sleep(0.2)
        with ThreadPoolExecutor(8) as pool:
            assert set().union(*pool.map(keep_asking, range(8))) == {200}
        split = counts(workers)
    finally:
        stop_service(process, log)
    # 4 and 4 (or 3 and 5 with a last connection just closed); a connection of /readyz may still count
    assert len(split) == 2 and split[1] - split[0] <= 2, split
