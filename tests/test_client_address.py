"""The rate limit's client address: X-Forwarded-For only from trusted proxies, read from the right."""

from __future__ import annotations

import pytest

from service.client_address import client_address, trusted_networks

PROXY = trusted_networks(["10.0.0.5"])


def test_untrusted_peer_ignores_x_forwarded_for():
    assert client_address("198.51.100.9", ["203.0.113.7"], PROXY) == "198.51.100.9"


def test_no_trusted_proxies_ignores_x_forwarded_for_even_from_loopback():
    assert client_address("127.0.0.1", ["203.0.113.7"], ()) == "127.0.0.1"


def test_trusted_peer_takes_the_rightmost_untrusted_address():
    assert client_address("10.0.0.5", ["192.0.2.1, 203.0.113.7"], PROXY) == "203.0.113.7"


def test_spoofed_leftmost_entries_are_ignored():
    # The client sent "X-Forwarded-For: 1.1.1.1, 2.2.2.2"; the proxy appended the address it saw.
    assert client_address("10.0.0.5", ["1.1.1.1, 2.2.2.2, 203.0.113.7"], PROXY) == "203.0.113.7"


def test_a_chain_of_trusted_proxies_is_skipped():
    trusted = trusted_networks(["10.0.0.5", "10.0.0.6", "10.0.0.7"])
    assert client_address("10.0.0.5", ["6.6.6.6, 203.0.113.7, 10.0.0.7, 10.0.0.6"], trusted) == "203.0.113.7"


def test_trusted_cidr_networks_cover_their_addresses():
    trusted = trusted_networks(["10.0.0.0/8", "172.16.0.0/12"])
    assert client_address("10.200.3.4", ["203.0.113.7, 172.20.0.1"], trusted) == "203.0.113.7"


def test_ipv6_proxies_and_clients():
    trusted = trusted_networks(["fd00::/8"])
    assert client_address("fd00::1", ["2001:db8::1, fd12::2"], trusted) == "2001:db8::1"


def test_ipv6_addresses_are_compared_in_canonical_form():
    trusted = trusted_networks(["fd00::/8"])
    assert client_address("fd00::1", ["2001:0DB8:0000::0001"], trusted) == "2001:db8::1"


def test_ipv4_mapped_ipv6_peer_is_its_ipv4_address():
    assert client_address("::ffff:10.0.0.5", ["203.0.113.7"], PROXY) == "203.0.113.7"


def test_addresses_with_ports_are_read():
    trusted = trusted_networks(["10.0.0.5"])
    assert client_address("10.0.0.5", ["203.0.113.7:5123"], trusted) == "203.0.113.7"
    assert client_address("10.0.0.5", ["[2001:db8::1]:443"], trusted) == "2001:db8::1"


def test_all_trusted_entries_give_the_leftmost():
    trusted = trusted_networks(["10.0.0.0/8"])
    assert client_address("10.0.0.5", ["10.1.1.1, 10.2.2.2"], trusted) == "10.1.1.1"


def test_a_malformed_entry_stops_the_walk_at_the_last_good_address():
    trusted = trusted_networks(["10.0.0.0/8"])
    assert client_address("10.0.0.5", ["203.0.113.7, unknown, 10.0.0.9"], trusted) == "10.0.0.9"
    assert client_address("10.0.0.5", ["garbage"], trusted) == "10.0.0.5"


def test_several_headers_are_one_list_in_order():
    assert client_address("10.0.0.5", ["6.6.6.6", "203.0.113.7"], PROXY) == "203.0.113.7"


def test_trusted_peer_without_the_header_is_the_client():
    assert client_address("10.0.0.5", [], PROXY) == "10.0.0.5"


def test_no_peer_is_unknown():
    assert client_address(None, ["203.0.113.7"], PROXY) == "unknown"


def test_a_wrong_trusted_proxies_entry_is_an_error():
    with pytest.raises(ValueError):
        trusted_networks(["10.0.0.0/8", "proxy.example"])


def test_the_setting_is_read_from_the_environment(monkeypatch):
    from service.settings import Settings

    monkeypatch.setenv("RAG_TRUSTED_PROXIES", "10.0.0.5, fd00::/8")
    assert Settings.from_env().trusted_proxies == trusted_networks(["10.0.0.5/32", "fd00::/8"])
    monkeypatch.delenv("RAG_TRUSTED_PROXIES")
    assert Settings.from_env().trusted_proxies == ()
