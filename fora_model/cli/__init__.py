"""The ``fora-model`` console script: one module per group of commands.

:mod:`~fora_model.cli.main` holds the parser and the model commands (``validate``, ``stats``,
``report``, ``convert``...), :mod:`~fora_model.cli.rationalisation` the rationalisation reports and
the board pack, :mod:`~fora_model.cli.workspace` the ``workspace`` commands.

Layer: the top of the package beside the dashboard helpers; it may import every layer below it and
nothing imports it.
"""

from .main import main

__all__ = ["main"]
