"""Model text on its way into a plotly figure: the one escaper every figure and the board pack use.

Plotly renders a subset of HTML in text (``<br>``, ``<b>``, ``<a href=…>`` become live), so a name
must never reach a title, label, hover text or annotation as it is.
"""

from __future__ import annotations

import html
import math

__all__ = ["plotly_text"]


def plotly_text(text: object, limit: int | None = None) -> str:
    """Model text made safe for plotly: no value (None, NaN) is empty, whitespace collapsed, cut to
    ``limit`` characters (before escaping, so no entity is cut), then ``&``, ``<`` and ``>``
    escaped, which is all it takes to keep plotly from forming a tag. Quotes stay as they are
    (plotly shows ``&quot;`` literally) and ``$`` becomes ``&#36;`` (a leading one could start LaTeX).

    >>> plotly_text('<a href="http://x.invalid">x</a>')
    '&lt;a href="http://x.invalid"&gt;x&lt;/a&gt;'
    >>> plotly_text(None), plotly_text(float("nan")), plotly_text("$5 & up", 4)
    ('', '', '&#36;5…')
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    flat = " ".join(str(text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return html.escape(flat, quote=False).replace("$", "&#36;")
