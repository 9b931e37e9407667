"""One error hierarchy and the findings that validation and readers report.

A :class:`Finding` is one problem in a model or a file: how bad it is, a stable reason code,
where it is (file, row or line, element id), what is wrong and how to fix it. Errors make an
analysis wrong and stop reports; warnings are the untidiness of real models and do not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from .i18n import _, n_

__all__ = [
    "EditRejected",
    "Finding",
    "ForaModelError",
    "ModelFileError",
    "ModelInvalidError",
    "Reason",
    "Severity",
    "has_errors",
]


class Severity(str, Enum):
    """How bad a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


class Reason(str, Enum):
    """Stable reason codes; tools and tests match on these, never on message text."""

    # errors: the model cannot be analysed correctly
    DANGLING_ENDPOINT = "dangling-endpoint"
    DUPLICATE_ID = "duplicate-id"
    DISALLOWED_RELATION = "disallowed-relation"
    BAD_ATTRIBUTE = "bad-attribute"
    UNKNOWN_ATTRIBUTE = "unknown-attribute"
    UNKNOWN_KIND = "unknown-kind"
    MISSING_FIELD = "missing-field"
    BAD_VALUE = "bad-value"
    # errors: the file cannot be read at all
    UNREADABLE_FILE = "unreadable-file"
    SYNTAX_ERROR = "syntax-error"
    UNSUPPORTED_FORMAT = "unsupported-format"
    UNSUPPORTED_VERSION = "unsupported-version"
    TOO_LARGE = "too-large"
    # warnings: untidy but analysable
    COMPOSITION_LOOP = "composition-loop"
    SEVERAL_PARENTS = "several-parents"
    EMPTY_NAME = "empty-name"
    INVALID_ID = "invalid-id"
    DUPLICATE_RELATION = "duplicate-relation"
    DROPPED = "dropped"
    # info: what a reader did on the user's behalf
    GENERATED_ID = "generated-id"
    TICKED_SUPPORT = "ticked-support"
    SHEETS_DISAGREE = "sheets-disagree"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a model or a file.

    ``element`` is the id of the element or relation concerned (empty when the problem is the
    file itself); ``location`` says where in the file (``"elements.csv row 12"``) when known.
    """

    severity: Severity
    reason: Reason
    element: str
    message: str
    hint: str = ""
    location: str = ""

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        subject = f"[{self.element}] " if self.element else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{self.severity} {self.reason}: {where}{subject}{self.message}{hint}"

    @property
    def is_error(self) -> bool:
        """True when the finding makes analyses wrong."""
        return self.severity is Severity.ERROR


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.is_error for f in findings)


class ForaModelError(Exception):
    """Base class of every error fora-model raises on purpose.

    ``str(error)`` is one line a user can act on; the CLI prints it instead of a traceback.
    """


class ModelFileError(ForaModelError):
    """A file cannot be read as a model at all (missing, unreadable, malformed, too large)."""

    def __init__(self, path: str, message: str, hint: str = "", reason: Reason = Reason.UNREADABLE_FILE) -> None:
        self.path = path
        self.message = message
        self.hint = hint
        self.reason = reason
        super().__init__(f"{path}: {message}" + (f" — {hint}" if hint else ""))

    @property
    def finding(self) -> Finding:
        """The error as a finding, for tables of findings."""
        return Finding(Severity.ERROR, self.reason, "", self.message, self.hint, self.path)


class ModelInvalidError(ForaModelError):
    """A model has error findings, so it may not be analysed or stored."""

    def __init__(self, findings: Iterable[Finding], source: str = "") -> None:
        self.findings = [f for f in findings]
        errors = [f for f in self.findings if f.is_error]
        first = str(errors[0]) if errors else _("no errors")
        more = n_(" (and {n} more error)", " (and {n} more errors)", len(errors) - 1) if len(errors) > 1 else ""
        prefix = f"{source}: " if source else ""
        super().__init__(_("{prefix}model has errors: {first}{more}", prefix=prefix, first=first, more=more))


class EditRejected(ForaModelError):
    """An edit would break the metamodel; nothing was changed."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = list(findings)
        super().__init__("; ".join(f"{f.message}" + (f" — {f.hint}" if f.hint else "") for f in self.findings))
