"""SHA-256 of bytes, without loading OpenSSL: the one hash skillpath takes at start-up.

``hashlib`` loads OpenSSL's library when imported, a few milliseconds of every `next`,
which hashes each checklist item's id and checks the wheel's data snapshot
(benchmarks/startup.py). CPython carries a SHA-256 of its own as a small module
(``_sha2`` from 3.12, ``_sha256`` before): the same digest. A build without it (one made
for FIPS) uses ``hashlib``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

BUILTIN_MODULES = ("_sha2", "_sha256")  # by CPython version, newest first


def _sha256_maker() -> Callable[[bytes], Any]:
    for name in BUILTIN_MODULES:
        try:
            return importlib.import_module(name).sha256  # type: ignore[no-any-return]
        except ImportError:
            continue
    from hashlib import sha256

    return sha256


sha256 = _sha256_maker()  # as hashlib.sha256: sha256(data).hexdigest()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of ``data`` in hexadecimal."""
    return str(sha256(data).hexdigest())
