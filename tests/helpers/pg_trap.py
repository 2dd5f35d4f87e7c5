"""A hostile server on loopback, as a project file from elsewhere could name: it
speaks just enough of PostgreSQL's wire protocol (version 3) to ask every
client for its password in clear text, the way a malicious server would, and
records each connection: the startup parameters (user, database) and the
password, if the client sent one. Nothing is answered but the question and a
refusal.

`proves_nothing_else_connected()` connects once itself and waits until that
connection is recorded: connections are accepted in order, so any earlier one
by the app is recorded by then (no fixed wait).
"""
from __future__ import annotations

import socket
import struct
import threading

SSL_REQUEST, GSSENC_REQUEST = 80877103, 80877104
SENTINEL = b"trap-sentinel"


def _read_exactly(conn: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = conn.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


class Trap:
    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.host, self.port = "127.0.0.1", self.sock.getsockname()[1]
        self.connections: list[dict] = []  # each: {"startup": {...}, "password": bytes | None, "raw": bytes}
        self.sentinels = 0
        self._changed = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    # -- the server -----------------------------------------------------------------
    def _serve(self) -> None:
        while not self._closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(30)
                record = {"startup": {}, "password": None, "raw": b""}
                try:
                    self._talk(conn, record)
                except (OSError, ConnectionError, struct.error):
                    pass
                with self._changed:
                    if record["raw"] == SENTINEL:
                        self.sentinels += 1
                    else:
                        self.connections.append(record)
                    self._changed.notify_all()

    def _talk(self, conn: socket.socket, record: dict) -> None:
        while True:
            head = _read_exactly(conn, 4)
            record["raw"] += head
            if record["raw"].startswith(SENTINEL[:4]):
                record["raw"] += _read_exactly(conn, len(SENTINEL) - 4)
                return
            length = struct.unpack("!i", head)[0]
            body = _read_exactly(conn, length - 4)
            record["raw"] += body
            code = struct.unpack("!i", body[:4])[0]
            if code in (SSL_REQUEST, GSSENC_REQUEST):
                conn.sendall(b"N")  # no encryption: the client goes on in clear
                continue
            words = body[4:].split(b"\0")
            record["startup"] = {words[i].decode(errors="replace"): words[i + 1].decode(errors="replace")
                                 for i in range(0, len(words) - 1, 2) if words[i]}
            break
        conn.sendall(b"R" + struct.pack("!ii", 8, 3))  # AuthenticationCleartextPassword
        kind = _read_exactly(conn, 1)
        length = struct.unpack("!i", _read_exactly(conn, 4))[0]
        body = _read_exactly(conn, length - 4)
        record["raw"] += kind + body
        if kind == b"p":
            record["password"] = body.rstrip(b"\0")
        error = b"SFATAL\0C28P01\0Mpassword authentication failed\0\0"
        conn.sendall(b"E" + struct.pack("!i", len(error) + 4) + error)

    # -- for the tests -------------------------------------------------------------------
    def proves_nothing_else_connected(self, timeout: float = 60) -> list[dict]:
        """Every connection recorded before a fresh one of ours: the app's."""
        with self._changed:
            wanted = self.sentinels + 1
        with socket.create_connection((self.host, self.port), timeout=timeout) as probe:
            probe.sendall(SENTINEL)
            with self._changed:
                if not self._changed.wait_for(lambda: self.sentinels >= wanted, timeout):
                    raise AssertionError("the trap did not record its own probe")
        return list(self.connections)

    def passwords(self) -> list[bytes]:
        return [c["password"] for c in self.connections if c["password"] is not None]

    def close(self) -> None:
        self._closed = True
        try:
            socket.create_connection((self.host, self.port), timeout=5).close()  # wakes the accept
        except OSError:
            pass
        self._thread.join(timeout=30)
        self.sock.close()
