"""The Serve config that `python -m service.ray_serve` deploys: valid for Serve, naming the build to serve (no
cluster needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ray.serve.schema import ServeDeploySchema

from ingest import artifact
from service.ray_serve import build_dir, filled_config, main


def test_the_filled_config_is_a_valid_serve_config(small_index):
    ServeDeploySchema.model_validate(filled_config(small_index, port=8123))


def test_the_filled_config_names_the_index_and_the_build_it_points_at_now(small_index):
    document = filled_config(small_index, port=8123)
    deployment = document["applications"][0]["deployments"][0]
    assert deployment["user_config"] == {"index": str(Path(small_index).absolute()),
                                         "build": small_index.resolve().name}
    assert document["http_options"]["port"] == 8123
    assert build_dir(deployment["user_config"]) == small_index.resolve()


def test_a_pinned_build_is_served_even_after_the_index_moves_on(small_index):
    user_config = filled_config(small_index, build="build-old")["applications"][0]["deployments"][0]["user_config"]
    assert build_dir(user_config) == artifact.builds_dir(Path(small_index).absolute()) / "build-old"


def test_an_index_with_nothing_published_is_refused_before_deploying(tmp_path):
    with pytest.raises(artifact.ArtifactError):
        filled_config(tmp_path / "index")
    assert main(["--index", str(tmp_path / "index"), "--address", "auto", "--non-blocking"]) == 1


def test_non_blocking_without_a_cluster_address_is_refused(small_index, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--index", str(small_index), "--non-blocking"])
    assert exit_.value.code == 2 and "--non-blocking needs --address" in capsys.readouterr().err


def test_env_settings_join_the_configs_own(small_index):
    document = filled_config(small_index, env={"RAG_RATE_LIMIT_PER_MINUTE": "0"})
    env_vars = document["applications"][0]["runtime_env"]["env_vars"]
    assert env_vars["RAG_RATE_LIMIT_PER_MINUTE"] == "0" and env_vars["RAG_RELOAD_INTERVAL_S"] == "0"


def test_an_env_setting_without_a_value_is_refused(small_index, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--index", str(small_index), "--env", "RAG_RATE_LIMIT_PER_MINUTE"])
    assert exit_.value.code == 2 and "--env takes NAME=VALUE" in capsys.readouterr().err
