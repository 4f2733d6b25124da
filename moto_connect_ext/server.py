"""``moto-connect-server``: moto's server with the Connect family plugged in.

It takes moto_server's flags (``-H/--host``, ``-p/--port``, ``-r``, ``-s``,
``-c``, ``-k``) and serves every moto service plus this plugin's operations;
``POST /moto-api/reset`` resets plugin state too and ``/moto-api/state-manager``
drives the plugin's status transitions.
"""

from __future__ import annotations

import sys

SERVER_EXTRA_HINT = 'pip install "moto-connect-ext[server]"'


def main(argv: list[str] | None = None) -> None:
    try:
        from moto.server import main as moto_main
    except ModuleNotFoundError as error:
        missing = (error.name or "").split(".")[0]
        if not missing or missing in ("moto", "moto_connect_ext"):
            raise
        # moto's server needs extras (flask, flask-cors...) a plain install leaves out
        print(
            f"moto-connect-server needs moto's server, which needs the package {missing!r}: {SERVER_EXTRA_HINT}",
            file=sys.stderr,
        )
        raise SystemExit(1) from None

    from . import register

    register()
    moto_main(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    main()
