"""Writing files so that a failure leaves nothing half-written."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

__all__ = ["atomic_write", "atomic_write_many"]


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    atomic_write_many({Path(path): data})


def atomic_write_many(files: Mapping[Path, bytes]) -> None:
    """Write several files: every temporary file first, then each is renamed into place.

    If writing any temporary file fails, none of the targets is touched.
    """
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(data)
            temps.append((tmp, target))
    except BaseException:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    for tmp, target in temps:
        os.replace(tmp, target)
