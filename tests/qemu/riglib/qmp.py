# SPDX-License-Identifier: MIT
"""A minimal QMP client: enough for screendump."""
import json
import socket
import time


class QmpError(RuntimeError):
    pass


class Qmp:
    def __init__(self, path, connect_timeout=5.0):
        deadline = time.monotonic() + connect_timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError as e:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise QmpError(f"cannot connect to QMP at {path}: {e}") from e
                time.sleep(0.05)
        self.sock.settimeout(10)
        self.buf = b""
        self._reply()  # greeting
        self.command("qmp_capabilities")

    def _reply(self):
        while True:
            while b"\n" not in self.buf:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise QmpError("QMP connection closed")
                self.buf += chunk
            line, self.buf = self.buf.split(b"\n", 1)
            msg = json.loads(line)
            if "event" not in msg:
                return msg

    def command(self, name, **args):
        req = {"execute": name}
        if args:
            req["arguments"] = args
        self.sock.sendall(json.dumps(req).encode() + b"\n")
        msg = self._reply()
        if "error" in msg:
            raise QmpError(f"{name}: {msg['error'].get('desc', msg['error'])}")
        return msg.get("return")

    def close(self):
        self.sock.close()
