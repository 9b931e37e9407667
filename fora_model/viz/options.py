"""What the graph explorer draws: the options of one network picture, shared by the layout and the
network builder (and the only thing the graph page passes in)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_KINDS", "GraphOptions"]


DEFAULT_KINDS: tuple[str, ...] = ("goal", "process", "activity", "system_type", "application")
"""The kinds drawn unless the user picks others (information and functions add much clutter)."""



@dataclass(frozen=True)
class GraphOptions:
    """What the network shows.

    ``goals`` and ``processes`` (element ids) limit the business side to the elements under
    them (see :func:`fora_model.analysis.scope.scope_ids`), plus the goals they serve and the system
    types, functions and applications that support them; ``kinds`` are the element kinds drawn;
    ``problems_only`` keeps duplicated and unsupported elements (with the processes directly above
    them and their supporters); ``flows`` adds integration flows between applications.

    ``focus`` (an element id) shows that element and everything within ``depth`` links of it,
    whatever the goal, process and problem filters say; the kind filter still applies (the
    focused element itself is always drawn). ``level`` and ``paths`` are the analysis options
    that decide each element's support state.
    """

    goals: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = DEFAULT_KINDS
    problems_only: bool = False
    flows: bool = False
    focus: str | None = None
    depth: int = 1
    level: str | None = None
    paths: tuple[str, ...] | None = None
    height: int = 720
