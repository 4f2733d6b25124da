"""Every module of the package imports on its own, first (no import cycle between its modules).

A child interpreter imports the third-party packages once (moto, boto3: they are not
under test), then forks one process per module of this package; each fork's first
import of the package is that module.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys

import pytest

import moto_connect_ext

SCRIPT = """
import importlib, os, sys, traceback
import boto3, botocore.session, moto, moto.core.models, moto.backends  # shared, not under test
assert not any(name.startswith("moto_connect_ext") for name in sys.modules)
failed = []
for name in sys.argv[1:]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(name)
            code = 0
        except BaseException:
            os.write(write, traceback.format_exc().strip().splitlines()[-1].encode())
            code = 1
        os._exit(code)
    os.close(write)
    message = os.read(read, 4096).decode()
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if status:
        failed.append(f"{name}: {message}")
print("\\n".join(failed))
"""


def modules() -> list[str]:
    found = [moto_connect_ext.__name__]
    for info in pkgutil.walk_packages(moto_connect_ext.__path__, prefix=f"{moto_connect_ext.__name__}."):
        found.append(info.name)
    return sorted(found)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_every_module_imports_first_in_a_fresh_process() -> None:
    names = modules()
    assert len(names) > 30
    result = subprocess.run([sys.executable, "-c", SCRIPT, *names], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", result.stdout
