"""HTTP load test against the real server (`python -m service --workers N`) on 127.0.0.1.

    python -m evals.bench_http --index /tmp/hard-index [--workers 1 2] [--clients 32 128] [--duration 30]
                               [--cold | --unique] [--url http://127.0.0.1:8000] [--ray-serve] [--json out.json]

For each worker count it starts the service (RAG_RATE_LIMIT_PER_MINUTE=0: the limit is per client address and
this generator is one address), waits for /readyz, warms up, then for each client count runs that many
concurrent clients for `--duration` seconds. Each client asks the golden questions (evals/golden.jsonl, with
their history) in its own order, one request at a time, over a keep-alive HTTP/1.1 connection (re-opened when
the server closes it). Every non-200 response and every transport error is an error. Prints requests, errors, requests/s and latency percentiles, plus the
machine, the load generator's own CPU use, the workers' CPU time a request (from /proc: the part of a request's
cost the host's speed scales, whatever the queueing), and each worker's memory and whether index.faiss is mapped. With
several workers, "split" is how far apart their active connections were, sampled every 0.25 s from the table
they balance by (service/balance.py): mean and largest difference between the most and the least loaded.

`--cold` starts the service with its caches off (RAG_ANSWER_CACHE_SIZE=0, RAG_QUERY_CACHE_SIZE=0): the golden
questions as written, every request embedded and answered from scratch (issue 11's "unique, cold cache").
`--unique` puts a request number before each question instead, so that no question is answered from the
service's caches; the number is one more word to read and embed (about 10 % more CPU a request, measured), so
it is the harder figure. Without either, the golden questions repeat, as real traffic does.
`--question TEXT` makes every request ask that one question (the repeated-question figure).
`--ray-serve` adds the Ray Serve deployment (service/ray_serve.yaml: 2 replicas of one CPU, Serve's proxy in
front) to the same run; the whole command must then run under `python -m service.loopback --`.
`--url` load-tests a server that is already running instead of starting one. `--wrk-script FILE` writes a
Lua script that makes wrk (Debian: `apt-get install -y wrk`) send the same mixed questions, for a cross-check
with a load generator written in C: `wrk -t2 -c32 -d30s --latency -s FILE http://127.0.0.1:PORT`.

Not a test: figures go in docs/HARDENING.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from service.balance import connection_counts

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "evals" / "golden.jsonl"
WARM_UP_S = 5.0
SPLIT_SAMPLE_S = 0.25


@dataclass
class Run:
    workers: int | str
    clients: int
    duration_s: float
    questions: str  # repeating | cold | unique | one (`--question`, repeated)
    requests: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    rps: float = 0.0
    p50_ms: float = 0.0
    p90_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    answer_statuses: dict[str, int] = field(default_factory=dict)
    client_cpu_percent: float = 0.0
    server_cpu_ms: float | None = None  # the workers' CPU time a request: the cost the host's speed scales, not the queueing
    load_before: str = ""
    split: str = ""  # the workers' active connections, sampled (service/balance.py)


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores, {memory} RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def load_questions() -> list[dict]:
    cases = [json.loads(line) for line in GOLDEN.read_text("utf-8").splitlines() if line.strip()]
    return [{"question": c["question"], "history": c.get("history") or []} for c in cases]


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    k = (len(sorted_values) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


class Connection:
    """One keep-alive HTTP/1.1 connection, spoken by hand: httpx costs far more CPU per request than the
    server's answer does at these rates, and the load generator shares the machine's cores with the server."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(b"POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
                          b"Content-Length: %d\r\n\r\n%s" % (path.encode(), self.host.encode(), len(body), body))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)}
        payload = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, payload

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def load(url: str, bodies: list[dict], clients: int, duration_s: float, numbered: bool) -> tuple[list, dict, dict]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    statuses: dict[str, int] = {}
    counter = 0
    deadline = time.perf_counter() + duration_s
    parts = urlsplit(url)
    encoded = [json.dumps(body).encode() for body in bodies]

    async def one_client(seed: int) -> None:
        nonlocal counter
        order = list(range(len(bodies)))
        random.Random(seed).shuffle(order)
        connection = Connection(parts.hostname, parts.port or 80)
        i = 0
        while time.perf_counter() < deadline:
            n = order[i % len(order)]
            i += 1
            body = encoded[n]
            if numbered:
                counter += 1
                # A number in front, so that nothing is cached and the question keeps its one part (a suffix such
                # as "(123)" after a "?" would make it a message of two parts, analysed twice).
                body = json.dumps({**bodies[n], "question": f"{counter} {bodies[n]['question']}"}).encode()
            started = time.perf_counter()
            try:
                status, payload = await asyncio.wait_for(connection.post("/v1/ask", body), 120)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError,
                    ValueError, IndexError) as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                connection.close()
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if status != 200:
                errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1
                continue
            latencies.append(elapsed)
            answer = json.loads(payload).get("status", "?")
            statuses[answer] = statuses.get(answer, 0) + 1
        connection.close()

    await asyncio.gather(*(one_client(n) for n in range(clients)))
    return latencies, errors, statuses


def sample_split(worker_dir: Path, stop: threading.Event, differences: list[int]) -> None:
    """How far apart the workers' connection counts are, every SPLIT_SAMPLE_S while the load runs."""
    while not stop.wait(SPLIT_SAMPLE_S):
        counts = connection_counts(worker_dir, time.monotonic())
        if len(counts) > 1:
            differences.append(max(counts) - min(counts))


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far (/proc/PID/stat fields 14 and 15, clock ticks)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(url: str, bodies: list[dict], workers, clients: int, duration_s: float, questions: str,
            worker_dir: Path | None = None, server_pids: list[int] | None = None) -> Run:
    run = Run(workers=workers, clients=clients, duration_s=duration_s, questions=questions)
    differences: list[int] = []
    stop_sampling = threading.Event()
    if worker_dir is not None:
        threading.Thread(target=sample_split, args=(worker_dir, stop_sampling, differences), daemon=True).start()
    run.load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else ""
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    server_cpu_before = cpu_seconds(server_pids or [])
    started = time.perf_counter()
    latencies, errors, statuses = asyncio.run(load(url, bodies, clients, duration_s, questions == "unique"))
    elapsed = time.perf_counter() - started
    stop_sampling.set()
    if differences:
        run.split = f"{sum(differences) / len(differences):.1f} / {max(differences)}"
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    server_cpu = cpu_seconds(server_pids or []) - server_cpu_before
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    latencies.sort()
    run.requests = len(latencies) + sum(errors.values())
    run.errors = sum(errors.values())
    run.error_kinds = errors
    run.rps = len(latencies) / elapsed
    run.p50_ms, run.p90_ms, run.p99_ms = (percentile(latencies, q) for q in (50, 90, 99))
    run.max_ms = latencies[-1] if latencies else 0.0
    run.answer_statuses = statuses
    run.client_cpu_percent = 100 * cpu / elapsed
    if server_pids and run.requests:
        run.server_cpu_ms = 1000 * server_cpu / run.requests
    return run


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def service_environment(questions: str) -> dict[str, str]:
    """The rate limit is per client address and this generator is one address; `--cold` turns the caches off."""
    caches_off = {"RAG_ANSWER_CACHE_SIZE": "0", "RAG_QUERY_CACHE_SIZE": "0"} if questions == "cold" else {}
    return {"RAG_RATE_LIMIT_PER_MINUTE": "0", **caches_off}


def start_service(index: Path, workers: int, log, questions: str, worker_dir: Path | None = None
                  ) -> tuple[subprocess.Popen, str]:
    """`worker_dir`: where the workers share their connection counts (RAG_WORKER_DIR), so that each run can report
    their split."""
    port = free_port()
    env = {**os.environ, **service_environment(questions), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           **({"RAG_WORKER_DIR": str(worker_dir)} if worker_dir is not None else {})}
    process = subprocess.Popen([sys.executable, "-m", "service", "--index", str(index), "--port", str(port),
                                "--workers", str(workers)], cwd=REPO, env=env, stdout=log, stderr=log,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the service exited with {process.returncode}; see {log.name}")
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    else:
        raise SystemExit("the service did not become ready")
    # Every worker must be up, not just the first to answer: poll until `workers` distinct pids have loaded.
    time.sleep(1.0)
    while len(worker_pids(process.pid, workers)) < workers and time.monotonic() < deadline:
        time.sleep(0.5)
    return process, url


def start_ray_serve(index: Path, log, questions: str) -> tuple[subprocess.Popen, str]:
    """`python -m service.ray_serve` (a local Ray cluster, the repository's Serve config: 2 replicas) on a free
    port; only inside a loopback-only network namespace (service/loopback.py)."""
    from service.loopback import loopback_only

    if not loopback_only():
        raise SystemExit("--ray-serve starts a Ray cluster: run this in a loopback-only network namespace, "
                         "python -m service.loopback -- python -m evals.bench_http ...")
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    settings = [arg for name, value in service_environment(questions).items() for arg in ("--env", f"{name}={value}")]
    process = subprocess.Popen([sys.executable, "-m", "service.ray_serve", "--index", str(index), "--port", str(port),
                                *settings], cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    ready = 0
    while ready < 20 and time.monotonic() < deadline:  # 20 ready answers in a row: both replicas are up
        if process.poll() is not None:
            raise SystemExit(f"Ray Serve exited with {process.returncode}; see {log.name}")
        try:
            ok = httpx.get(f"{url}/readyz", timeout=5).status_code == 200
        except httpx.HTTPError:
            ok = False
        ready = ready + 1 if ok else 0
        time.sleep(0.05 if ok else 0.5)
    if ready < 20:
        raise SystemExit("Ray Serve did not become ready")
    return process, url


def worker_pids(parent: int, workers: int) -> list[int]:
    if workers == 1:
        return [parent]
    children = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if int(fields.get("PPid", "0").strip() or 0) == parent and "python" in fields.get("Name", ""):
            children.append(int(status.parent.name))
    # uvicorn also starts a multiprocessing resource tracker: keep the processes that listen (the workers).
    return [pid for pid in children if "service" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            or "multiprocessing.spawn" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")][:workers]


def memory_of(pid: int, index: Path) -> dict:
    fields = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS", "RssAnon", "RssFile")):
                name, value = line.split(":", 1)
                fields[name] = int(value.split()[0]) // 1024
        real = os.path.realpath(index / "index.faiss")
        fields["index_faiss_mapped"] = any(line.rstrip().endswith(real)
                                           for line in Path(f"/proc/{pid}/maps").read_text().splitlines())
    except OSError:
        pass
    return fields


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def wrk_script(bodies: list[dict]) -> str:
    literals = ",\n".join(f"[==[{json.dumps(body, ensure_ascii=True)}]==]" for body in bodies)
    return (f"bodies = {{\n{literals}\n}}\n"
            "local counter = 0\n"
            "function init(args)\n"
            "  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)\n"
            "  counter = math.random(#bodies)\n"
            "end\n"
            "function request()\n"
            "  counter = counter + 1\n"
            "  return wrk.format(\"POST\", \"/v1/ask\", {[\"Content-Type\"] = \"application/json\"}, "
            "bodies[(counter % #bodies) + 1])\n"
            "end\n")


def table(runs: list[Run]) -> str:
    lines = ["| workers | clients | questions | requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms | client CPU % "
             "| server CPU ms a request | split: mean / max difference |",
             "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in runs:
        kind = {"unique": "unique (numbered)", "cold": "golden, caches off", "one": "one, repeated"}.get(
            r.questions, "golden, repeating")
        lines.append(f"| {r.workers} | {r.clients} | {kind} | {r.requests} | "
                     f"{r.errors} | {r.rps:.1f} | {r.p50_ms:.0f} | {r.p90_ms:.0f} | {r.p99_ms:.0f} | {r.max_ms:.0f} | "
                     f"{r.client_cpu_percent:.0f} | {'–' if r.server_cpu_ms is None else f'{r.server_cpu_ms:.2f}'} | "
                     f"{r.split or '–'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bench_http", description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=Path("/tmp/hard-index"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--clients", type=int, nargs="+", default=[32, 128])
    parser.add_argument("--duration", type=float, default=30.0)
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--cold", action="store_true", help="start the service with its caches off (golden questions "
                      "as written, every answer computed)")
    kind.add_argument("--unique", action="store_true", help="number every question (no cache hits)")
    parser.add_argument("--question", help="ask only this question, every time")
    parser.add_argument("--url", help="load-test this running server instead of starting one")
    parser.add_argument("--ray-serve", action="store_true",
                        help="also load-test the Ray Serve deployment (2 replicas), in the same run")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--wrk-script", type=Path, help="only write a wrk Lua script for the same questions")
    args = parser.parse_args(argv)
    bodies = [{"question": args.question, "history": []}] if args.question else load_questions()
    questions = "cold" if args.cold else "unique" if args.unique else "one" if args.question else "repeating"
    if args.wrk_script:
        args.wrk_script.write_text(wrk_script(bodies), "utf-8")
        print(f"wrote {args.wrk_script}")
        return 0
    print(f"machine: {machine()}")
    print(f"questions: {len(bodies)} {'(one, repeated)' if args.question else 'from ' + str(GOLDEN.relative_to(REPO))}; "
          f"{args.duration:.0f} s a run; "
          f"warm-up {WARM_UP_S:.0f} s with 8 clients before each server's runs", flush=True)
    runs: list[Run] = []
    memory: dict[str, list[dict]] = {}
    targets = [("running server", args.url)] if args.url else [(n, None) for n in args.workers]
    targets += [("ray serve x2", None)] if args.ray_serve and not args.url else []
    for workers, url in targets:
        process = None
        log = tempfile.NamedTemporaryFile("w+b", prefix=f"bench-http-{workers}w-", suffix=".log", delete=False)
        worker_dir = Path(tempfile.mkdtemp(prefix="bench-http-workers-")) if url is None and isinstance(workers, int) \
            and workers > 1 else None
        try:
            if url is None and workers == "ray serve x2":
                process, url = start_ray_serve(args.index, log, questions)
            elif url is None:
                process, url = start_service(args.index, workers, log, questions, worker_dir)
            measure(url, bodies, workers, 8, WARM_UP_S, questions)
            pids = worker_pids(process.pid, workers) if process is not None and isinstance(workers, int) else None
            for clients in args.clients:
                run = measure(url, bodies, workers, clients, args.duration, questions, worker_dir, pids)
                runs.append(run)
                print(table([run]).splitlines()[-1], flush=True)
            if pids is not None:
                memory[str(workers)] = [memory_of(pid, args.index) for pid in pids]
        finally:
            if process is not None:
                stop(process)
            log.close()
            if worker_dir is not None:
                shutil.rmtree(worker_dir, ignore_errors=True)
    print()
    print(table(runs))
    for run in runs:
        if run.errors:
            print(f"errors with workers={run.workers}, clients={run.clients}: {run.error_kinds}")
    for workers, rows in memory.items():
        print(f"workers={workers}: per-worker memory (MiB) {rows}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "runs": [asdict(r) for r in runs],
                                         "memory": memory}, indent=1), "utf-8")
    return 1 if any(r.errors for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
