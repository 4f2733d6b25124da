"""``moto-connect-server``: moto's server with the Connect family plugged in.

It takes moto_server's flags (``-H/--host``, ``-p/--port``, ``-r``, ``-s``,
``-c``, ``-k``) and serves every moto service plus this plugin's operations;
``POST /moto-api/reset`` resets plugin state too and ``/moto-api/state-manager``
drives the plugin's status transitions.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from moto.server import main as moto_main

    from . import register

    register()
    moto_main(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    main()
