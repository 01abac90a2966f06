"""`python -m kb.port 8000`: exit with one clear line when the preview's port is already taken."""

from __future__ import annotations

import socket
import sys


def port_problem(port: int, host: str = "127.0.0.1") -> str | None:
    """None when the port is free to serve on, else one line saying what to do."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return (f"Port {port} on {host} is in use (another `make serve`?). Stop it, or pick another port: "
                    f"make serve PORT={port + 1}")
    return None


if __name__ == "__main__":
    problem = port_problem(int(sys.argv[1]))
    if problem:
        print(problem, file=sys.stderr)
        sys.exit(1)
