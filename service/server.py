"""The app factory uvicorn imports in each worker process."""

from __future__ import annotations

from fastapi import FastAPI

from ingest import artifact
from ingest.model import DIMENSION, EXPECTED_WEIGHTS_SHA256, MODEL_NAME
from service.app import create_app
from service.engine import Engine
from service.settings import Settings


def check_index(settings: Settings) -> None:
    """Refuse to start on a missing, truncated or mismatched index (raises ArtifactError)."""
    artifact.verify(settings.index_dir, model_name=MODEL_NAME, weights_sha256=EXPECTED_WEIGHTS_SHA256,
                    dimension=DIMENSION)


def app() -> FastAPI:
    settings = Settings.from_env()
    engine = Engine(settings)
    engine.watch(settings.reload_interval_s)
    return create_app(settings, engine)
