"""``moto-connect-server`` without the ``[server]`` extra: a hint and exit status 1, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# what the console script does, in an interpreter where flask cannot be imported
WITHOUT_FLASK = """
import sys
sys.modules["flask"] = None  # as if moto was installed without its [server] extra
from moto_connect_ext.server import main
sys.argv = ["moto-connect-server", "-H", "127.0.0.1", "-p", "0"]
sys.exit(main())
"""


def test_without_the_server_extra_it_says_what_to_install() -> None:
    done = subprocess.run([sys.executable, "-c", WITHOUT_FLASK], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert "'flask'" in done.stderr
    assert 'pip install "moto-connect-ext[server]"' in done.stderr
    assert done.stdout == ""
