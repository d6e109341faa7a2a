"""Which address a request came from, for the per-client rate limit: X-Forwarded-For, only from trusted proxies.

Behind a portal's reverse proxy every request arrives from the proxy's address, so without this every patient
would share one rate-limit budget. But anyone can send X-Forwarded-For: believed from an untrusted peer, it
lets a client pick a fresh address for every request and escape the limit. So the header is read only when
the peer is one of RAG_TRUSTED_PROXIES, and only as far back as the chain of trusted proxies goes.
uvicorn's own X-Forwarded-For handling is switched off (`proxy_headers=False`) so that this is the one rule.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """`10.0.0.5`, `10.0.0.0/8`, `fd00::/8` -> networks; a wrong entry raises ValueError (a typo must not
    silently trust no one, or everyone)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def parse_address(text: str) -> Address | None:
    """An address as proxies write it, or None: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `[2001:db8::1]:443`.
    An IPv4 address mapped into IPv6 (`::ffff:1.2.3.4`, from a dual-stack socket) is the IPv4 address."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_trusted(address: Address, trusted: Sequence[Network]) -> bool:
    return any(address in network for network in trusted)


def client_address(peer: str | None, forwarded_for: Sequence[str], trusted: Sequence[Network]) -> str:
    """The client's address: the peer's, unless the peer is a trusted proxy; then the rightmost address in
    X-Forwarded-For that is not a trusted proxy.

    Each proxy appends the address it received the request from, so only the right end of the header was
    written by proxies we trust; whatever is left of the first untrusted address was written by the client
    and may be forged. Several X-Forwarded-For headers are one list, in order. The walk stops at an entry
    that is not an address (the last good one is the client, as far as we can tell); if every entry is a
    trusted proxy, the leftmost is the client.

    >>> client_address("10.0.0.2", ["6.6.6.6, 203.0.113.7"], trusted_networks(["10.0.0.0/8"]))
    '203.0.113.7'
    >>> client_address("198.51.100.9", ["203.0.113.7"], trusted_networks(["10.0.0.0/8"]))
    '198.51.100.9'
    """
    if peer is None:
        return "unknown"
    address = parse_address(peer)
    if address is None or not trusted or not is_trusted(address, trusted):
        return str(address) if address is not None else peer
    entries = [entry for header in forwarded_for for entry in header.split(",")]
    for entry in reversed(entries):
        hop = parse_address(entry)
        if hop is None:
            break
        address = hop
        if not is_trusted(hop, trusted):
            break
    return str(address)
