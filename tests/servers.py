"""One way to run moto's server in tests, and to talk to it."""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

import moto_connect_ext  # noqa: F401  (registers the plugin with moto's server)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def threaded_server() -> Iterator[str]:
    """moto's ThreadedMotoServer on a free loopback port; yields its endpoint."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def moto_api(endpoint: str, path: str, body: dict[str, Any] | None = None) -> None:
    """POST to the server's /moto-api (reset, state manager...)."""
    data = json.dumps(body).encode() if body is not None else b""
    urllib.request.urlopen(urllib.request.Request(endpoint + path, data=data, method="POST"), timeout=10)


def server_client(endpoint: str, service: str, region: str = "us-east-1", **kwargs: Any) -> Any:
    """A boto3 client pointed at the server, with fake credentials."""
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        **kwargs,
    )
