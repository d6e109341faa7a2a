"""service.loopback: what counts as loopback, which sockets leave it, and how a command is isolated."""

from __future__ import annotations

import pytest

from service.loopback import Connection, is_loopback, isolated_command, off_loopback


@pytest.mark.parametrize("address", ["127.0.0.1:6379", "127.5.6.7:80", "[::1]:8000", "[::ffff:127.0.0.1]:80"])
def test_loopback_addresses_are_loopback(address):
    assert is_loopback(address)


@pytest.mark.parametrize("address", ["10.0.0.4:6379", "0.0.0.0:80", "*:80", "[::]:80", "[fe80::1%eth0]:22",
                                     "[::ffff:10.0.0.4]:80", "not-an-address"])
def test_external_wildcard_and_unparsable_addresses_are_not_loopback(address):
    assert not is_loopback(address)


def test_off_loopback_keeps_only_sockets_with_an_end_outside_loopback():
    inside = Connection("raylet", "127.0.0.1:6379", "127.0.0.1:50000", "tcp ESTAB")
    out = Connection("gcs_server", "10.0.0.4:6379", "127.0.0.1:50001", "tcp ESTAB")
    peer_out = Connection("ray::ServeReplica", "127.0.0.1:40000", "10.0.0.9:8265", "tcp ESTAB")
    assert off_loopback([inside, out, peer_out]) == [out, peer_out]


def test_an_isolated_command_brings_loopback_up_in_a_new_network_namespace_then_runs_the_command():
    command = isolated_command(["python", "-m", "pytest", "-k", "a b"])
    assert command[:2] == ["unshare", "--net"]
    script = command[command.index("-c") + 1]
    assert script.startswith("ip link set lo up && exec")
    assert command[-5:] == ["python", "-m", "pytest", "-k", "a b"]  # arguments passed through, never re-split
