"""Run a Ray cluster, and the clients that load it, where the only network is loopback.

Left to itself Ray advertises the machine's external interface and listens on every interface; even with
`_node_ip_address="127.0.0.1"` most of its connections used the external address (28 of 40, measured). In a
network namespace of its own with only `lo` up, it can use 127.0.0.1 alone. Every Ray cluster that `make`
targets, tests and benchmarks start runs in one:

    python -m service.loopback -- COMMAND [ARG ...]

runs COMMAND in a new network namespace (`unshare --net`; `--map-root-user` when not root) after bringing
`lo` up. The filesystem is shared, so the command reads and writes the same files; nothing outside the
namespace can connect to it.
"""

from __future__ import annotations

import fcntl
import ipaddress
import os
import socket
import struct
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

NETWORK_DEVICES = Path("/proc/self/net/dev")  # this network namespace's (/sys/class/net is the mounter's)
SIOCGIFFLAGS = 0x8913
IFF_UP = 0x1


class NotIsolated(RuntimeError):
    """This process is not in a loopback-only network namespace, or cannot make one."""


def loopback_only() -> bool:
    """True when `lo` is the only network interface this process can see (and it is up)."""
    try:
        names = [line.split(":", 1)[0].strip() for line in NETWORK_DEVICES.read_text().splitlines()[2:]]
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            request = struct.pack("16sH", b"lo", 0)
            flags = struct.unpack("16sH", fcntl.ioctl(probe.fileno(), SIOCGIFFLAGS, request)[:18])[1]
    except OSError:
        return False
    return names == ["lo"] and bool(flags & IFF_UP)


def isolated_command(argv: list[str]) -> list[str]:
    """`argv`, to be run in a new loopback-only network namespace."""
    for tool in ("unshare", "ip"):
        if shutil.which(tool) is None:
            raise NotIsolated(f"`{tool}` is needed to make a loopback-only network namespace (util-linux, iproute2)")
    user = [] if os.geteuid() == 0 else ["--map-root-user"]
    return ["unshare", "--net", *user, "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *argv]


@dataclass(frozen=True)
class Connection:
    process: str
    local: str
    peer: str
    state: str

    def __str__(self) -> str:
        return f"{self.process}: {self.local} -> {self.peer} ({self.state})"


def is_loopback(address: str) -> bool:
    """`127.0.0.1:6379`, `[::1]:80` and `[::ffff:127.0.0.1]:80` are loopback; `*:80` and `0.0.0.0:80` are not."""
    host = address.rsplit(":", 1)[0].strip("[]").split("%", 1)[0]
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def connections() -> list[Connection]:
    """Every TCP and UDP socket in this network namespace that has a peer, from `ss` (iproute2)."""
    result = subprocess.run(["ss", "-H", "-t", "-u", "-n", "-p", "state", "connected"],
                            capture_output=True, text=True, check=True)
    found = []
    for line in result.stdout.splitlines():
        parts = line.split()  # netid state recv-q send-q local peer [process]
        if len(parts) >= 6:
            found.append(Connection(" ".join(parts[6:]), parts[4], parts[5], f"{parts[0]} {parts[1]}"))
    return found


def off_loopback(found: list[Connection] | None = None) -> list[Connection]:
    """The connected sockets with an end that is not a loopback address: none, in a loopback-only namespace."""
    return [c for c in (connections() if found is None else found)
            if not (is_loopback(c.local) and is_loopback(c.peer))]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print("usage: python -m service.loopback -- COMMAND [ARG ...]", file=sys.stderr)
        return 2
    if loopback_only():
        os.execvp(argv[0], argv)
    try:
        command = isolated_command(argv)
    except NotIsolated as exc:
        print(f"service.loopback: {exc}", file=sys.stderr)
        return 1
    return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main())
