"""The same FastAPI app as a Ray Serve deployment: replicas across a Ray cluster, new builds by `user_config`.

    python -m service.ray_serve --index /shared/index [--env NAME=VALUE ...] [--address ADDRESS] [--non-blocking]

fills the Serve config (service/ray_serve.yaml) with the build the index symlink points at now and runs
`serve run` on it: the first time it deploys the application; run again after ingest publishes, it changes only
`user_config`, which Serve hands to every running replica's `reconfigure` without restarting it. A replica loads
and verifies the new build (manifest, sha256 of every file) beside the one it serves and swaps when it is
whole, so requests in flight finish on the build they started with. A build that fails verification is
refused and the replica goes on serving the old one, saying why on /readyz; at start-up a replica with no
build that verifies fails its start, and Serve retries it.

Each replica builds its app with `create_app`, exactly as a uvicorn worker does, from `RAG_*` variables (the
config's `runtime_env`); its health check is the app's readiness check. The index must be at the same path on
every node (a shared filesystem: NFS, EFS, a CSI volume), read-only to the replicas. docs/SCALE_OUT.md has the
cluster layout and the figures.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from fastapi import FastAPI
from ray import serve

from ingest import artifact
from service.app import create_app
from service.engine import Engine
from service.server import limit_malloc_arenas
from service.settings import Settings

CONFIG = Path(__file__).with_name("ray_serve.yaml")
APP_NAME = "nci-drug-rag"


class RolloutFailed(RuntimeError):
    """Serve could not bring the application to RUNNING with the config it was given."""


class IndexNotServable(RuntimeError):
    """The build named in `user_config` could not be loaded and this replica has no other to serve."""


def build_dir(user_config: dict[str, Any]) -> Path:
    """The build a replica should serve: `build` inside the index's builds folder, or, without one, whatever
    the `index` symlink points at when the replica reads it (pin `build` so that every replica agrees)."""
    index = user_config.get("index")
    if not index:
        raise IndexNotServable("user_config has no `index`: run python -m service.ray_serve --index DIR")
    build = user_config.get("build")
    return artifact.builds_dir(Path(index)) / build if build else Path(index)


@serve.deployment(name="NciDrugRag")
@serve.ingress()
class RagReplica:
    """One replica: an `Engine` (the loaded build, swapped whole) behind the service's FastAPI app."""

    def __init__(self) -> None:
        limit_malloc_arenas()
        self.settings = Settings.from_env()
        self.engine = Engine(self.settings, load=False)  # the build arrives with user_config, just after this

    def __serve_build_asgi_app__(self) -> FastAPI:
        return create_app(self.settings, self.engine)

    def reconfigure(self, user_config: dict[str, Any]) -> None:
        target = build_dir(user_config)
        result = self.engine.reload(force=True, target=target)
        if self.engine.loaded() is None:
            raise IndexNotServable(f"cannot serve {target}: {result.error}")

    def check_health(self) -> None:
        """Serve replaces a replica whose health check raises: the same check as GET /readyz."""
        self.engine.check_ready()


app = RagReplica.bind()


def filled_config(index: Path, config: Path = CONFIG, port: int | None = None, build: str | None = None,
                  env: dict[str, str] | None = None) -> dict[str, Any]:
    """The Serve config with `user_config` naming `index` and the build it points at now (or `build`), and
    `env` added to every application's `RAG_*` settings (its runtime_env)."""
    index = Path(index).absolute()
    if build is None:
        artifact.read_manifest(index)  # something is published there (raises ArtifactError if not)
        build = index.resolve().name if index.is_symlink() else None
    document = yaml.safe_load(Path(config).read_text("utf-8"))
    if port is not None:
        document.setdefault("http_options", {})["port"] = port
    for application in document["applications"]:
        application.setdefault("runtime_env", {}).setdefault("env_vars", {}).update(env or {})
        for deployment in application["deployments"]:
            deployment["user_config"] = {"index": str(index), "build": build}
    return document


def wait_for_rollout(address: str, timeout_s: float = 180.0) -> str:
    """Block until the application is RUNNING with every replica up, after `serve run --non-blocking` returned.

    Serve applies a config asynchronously; its status turns RUNNING again once every replica has run
    `reconfigure` with the new `user_config`. The first look waits a few of the controller's control-loop
    periods (0.1 s), so that it does not read the status from before the config arrived.
    """
    import ray

    ray.init(address=address, namespace="serve", logging_level="ERROR", log_to_driver=False)
    try:
        deadline = time.monotonic() + timeout_s
        time.sleep(1.0)
        steady = 0
        while time.monotonic() < deadline:
            application = serve.status().applications.get(APP_NAME)
            if application is not None and application.status == "DEPLOY_FAILED":
                raise RolloutFailed(application.message)
            if application is not None and application.status == "RUNNING":
                steady += 1
                if steady >= 2:
                    replicas = sum(d.replica_states.get("RUNNING", 0) for d in application.deployments.values())
                    return f"{APP_NAME} is RUNNING on {replicas} replicas"
            else:
                steady = 0
            time.sleep(0.5)
        raise RolloutFailed(f"{APP_NAME} was not RUNNING after {timeout_s:.0f} s")
    finally:
        ray.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.ray_serve",
                                     description="Deploy the service on Ray Serve, or hand its replicas a new build.")
    parser.add_argument("--index", type=Path, default=Path(os.environ.get("RAG_INDEX_DIR", "index")),
                        help="the published index, on a path every node can read (default: $RAG_INDEX_DIR or index)")
    parser.add_argument("--build", help="serve this build of the index (default: the one it points at now)")
    parser.add_argument("--config", type=Path, default=CONFIG, help=f"Serve config (default: {CONFIG.name})")
    parser.add_argument("--port", type=int, help="HTTP port of Serve's proxies (default: the config's)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for the replicas beside the config's (repeatable), e.g. RAG_TRUSTED_PROXIES=10.0.0.5")
    parser.add_argument("--address", help="Ray cluster to deploy to, e.g. auto (default: a new local cluster)")
    parser.add_argument("--non-blocking", action="store_true",
                        help="with --address: return once every replica serves the build (exit 1 if it fails)")
    args = parser.parse_args(argv)
    if args.non_blocking and not args.address:
        parser.error("--non-blocking needs --address: a local cluster lives only as long as this command")
    if any("=" not in setting for setting in args.env):
        parser.error("--env takes NAME=VALUE")
    env = dict(setting.split("=", 1) for setting in args.env)
    try:
        document = filled_config(args.index, args.config, args.port, args.build, env)
    except (artifact.ArtifactError, OSError) as exc:
        print(f"cannot deploy: {exc}", file=sys.stderr)
        return 1
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", prefix="ray-serve-", delete=False) as handle:
        yaml.safe_dump(document, handle, sort_keys=False)
    command = [str(Path(sys.executable).with_name("serve")), "run", handle.name]
    command += ["--address", args.address] if args.address else []
    command += ["--non-blocking"] if args.non_blocking else []
    try:
        process = subprocess.Popen(command)
        # Ctrl-C or SIGTERM: `serve run` shuts the application (and a cluster it started) down on SIGINT.
        signal.signal(signal.SIGTERM, lambda signum, frame: process.send_signal(signal.SIGINT))
        while True:
            try:
                returncode = process.wait()
                break
            except KeyboardInterrupt:
                process.send_signal(signal.SIGINT)
    finally:
        os.unlink(handle.name)
    if returncode != 0 or not args.non_blocking:
        return returncode
    try:
        print(wait_for_rollout(args.address))
    except RolloutFailed as exc:
        print(f"deploy failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
