"""What every reader shares: the result type and size-limited, encoding-aware file reading."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Finding, ModelFileError, Reason, has_errors
from ..model import Model

__all__ = ["MAX_BYTES", "ReadResult", "read_limited"]

MAX_BYTES = 150 * 1024 * 1024
"""The largest model file read by default (150 MB); pass ``max_bytes`` to allow more."""


@dataclass
class ReadResult:
    """A model read from a file and the findings met while reading it.

    Findings here are problems the reader itself saw (a duplicate id, a value of the wrong type,
    a row with too few fields); :func:`fora_model.validate.validate` adds the model-level ones.
    """

    model: Model
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not has_errors(self.findings)


def read_limited(path: str | Path, *, max_bytes: int | None = None) -> bytes:
    """The bytes of ``path``; :class:`ModelFileError` when missing, unreadable or too large."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    target = Path(path)
    try:
        status = target.stat()
        size = status.st_size
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            # a pipe, a device or a socket: reading would wait for a writer or never end
            raise ModelFileError(str(path), "is not an ordinary file (it is a pipe, a device or a socket)",
                                 "save the model to a file and give that file", Reason.UNREADABLE_FILE)
        if size > limit:
            raise ModelFileError(
                str(path),
                f"the file is {size / 1e6:.0f} MB, more than the {limit / 1e6:.0f} MB limit",
                "split the model, or raise the limit if you trust the file",
                Reason.TOO_LARGE,
            )
        with target.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise ModelFileError(str(path), "no such file", "check the path") from None
    except IsADirectoryError:
        raise ModelFileError(str(path), "is a folder, not a file", "name the model file itself") from None
    except PermissionError:
        raise ModelFileError(str(path), "permission denied", "check the file's permissions") from None
