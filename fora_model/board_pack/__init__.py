"""The board pack: one self-contained, offline HTML file for the CIO to present to the board.

:mod:`~fora_model.board_pack.report` gathers the figures and writes the file,
:mod:`~fora_model.board_pack.template` holds its HTML building blocks and
:mod:`~fora_model.board_pack.figures` the rationalisation figures (TIME quadrant, coverage, savings).

Layer: above the analyses and the pictures (:mod:`fora_model.viz`); the CLI and the dashboard helpers
import it.
"""

from .report import board_report, write_board_report

__all__ = ["board_report", "write_board_report"]
