"""Archi's collaboration (coArchi, "grafico") folders: how the official FORA model is published.

A git repository whose ``model/`` folder holds one XML file per concept and view, in Archi's own
EMF vocabulary: :mod:`fora_model.io.coarchi_read` reads it as Archi's plugin imports it,
:mod:`fora_model.io.coarchi_write` writes it as the plugin exports it, and
:mod:`fora_model.io.coarchi_views` turns diagrams into the views of ``Model.extras`` and back.
"""

from __future__ import annotations

from .coarchi_read import MAX_FILES, is_coarchi, model_folder, read_coarchi
from .coarchi_write import file_name, write_coarchi

__all__ = ["MAX_FILES", "file_name", "is_coarchi", "model_folder", "read_coarchi", "write_coarchi"]
