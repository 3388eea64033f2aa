"""A socket guard, loaded at interpreter start-up (``sitecustomize``) by the security tests.

Put this folder on ``PYTHONPATH`` and set ``SOCKET_GUARD_LOG`` to a file: every attempt to
reach beyond this machine (a name lookup of a remote host, a connection or datagram to an
address that is not loopback) is written to that file and refused with ``OSError``.
Loopback and Unix sockets (the local web server, a local PostgreSQL) pass. Connections made
in C by extension libraries (libpq) bypass Python's socket module and are not seen.
"""

from __future__ import annotations

import os
import socket

LOG = os.environ.get("SOCKET_GUARD_LOG")
LOCAL = {"localhost", "localhost.localdomain", "127.0.0.1", "::1", "0.0.0.0", "::", ""}


def _local(host: object) -> bool:
    name = host.decode() if isinstance(host, bytes) else str(host or "")
    return name in LOCAL or name.startswith("127.") or name.startswith("::ffff:127.")


def _refuse(what: str) -> OSError:
    if LOG:
        with open(LOG, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {what}\n")
    return OSError(f"socket guard: no network from counterclaim ({what})")


def _address_ok(sock: socket.socket, address: object) -> bool:
    return sock.family == getattr(socket, "AF_UNIX", None) or not isinstance(address, tuple) or _local(address[0])


if LOG:
    _connect, _connect_ex, _sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto
    _getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        if not _address_ok(self, address):
            raise _refuse(f"connect {address!r}")
        return _connect(self, address)

    def connect_ex(self, address):
        if not _address_ok(self, address):
            raise _refuse(f"connect_ex {address!r}")
        return _connect_ex(self, address)

    def sendto(self, data, *args):
        address = args[-1]
        if not _address_ok(self, address):
            raise _refuse(f"sendto {address!r}")
        return _sendto(self, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        if not _local(host):
            raise _refuse(f"getaddrinfo {host!r}")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
    socket.getaddrinfo = getaddrinfo
