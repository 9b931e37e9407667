"""The network as one offline HTML page for the dashboard's iframe: vis-network inlined, every CDN
tag of pyvis' template removed, a legend added, and a check that no external address is left.

>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> a = m.add_element(Element.new("activity", "Record grades", id="a"))
>>> app = m.add_element(Element.new("application", "<b>Magister</b>", id="app"))
>>> _ = m.add_relation(Relation.new("supports", "app", "a"))
>>> html = network_html(m)
>>> external_references(html), "&lt;b&gt;" in html or "\\u003cb\\u003e" in html or "<b>Magister" in html
([], True)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Model
from .network import build_network, graph_data
from .options import GraphOptions
from .palette import KIND_STYLES, STATUS_COLOURS, STATUS_LABELS

if TYPE_CHECKING:
    from pyvis.network import Network

__all__ = [
    "NetworkPage",
    "OfflineRefused",
    "external_references",
    "markup_only",
    "network_html",
    "network_page",
    "offline_html",
]


_EXTERNAL = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?\s*|url\(\s*["']?\s*)((?:https?:)?//[^"'\s)>]+)""",
                       re.IGNORECASE)
_CDN_LINK = re.compile(r"<link\b[^>]*?\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>", re.IGNORECASE | re.DOTALL)
_CDN_SCRIPT = re.compile(r"<script\b[^>]*?\bsrc\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>\s*</script>",
                         re.IGNORECASE | re.DOTALL)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)


_DATA_START = re.compile(r"new vis\.DataSet\(")
_JSON = json.JSONDecoder()


def markup_only(html: str) -> str:
    """The page without the node and edge data that pyvis embeds as JSON (``new vis.DataSet([...])``).

    That data is model text: vis-network draws labels on the canvas and tooltips as plain text
    (:func:`fora_model.viz.network.plain_tooltip` keeps pyvis from switching them to HTML), so an
    address in an element's name or documentation is shown, never loaded. Only the markup and
    code around it can load anything."""
    parts: list[str] = []
    at = 0
    for match in _DATA_START.finditer(html):
        if match.start() < at:
            continue
        try:
            _, end = _JSON.raw_decode(html, match.end())
        except ValueError:
            continue  # not a JSON literal: leave it in the markup, where the check sees it
        parts.append(html[at:match.end()])
        parts.append("[]")
        at = end
    parts.append(html[at:])
    return "".join(parts)


def external_references(html: str, *, data_is_text: bool = True) -> list[str]:
    """Every http(s) or protocol-relative address the page would load (``src``, ``href``, CSS
    ``url()``) in its markup; the embedded node and edge data is left out (see :func:`markup_only`)
    unless ``data_is_text`` is False."""
    return _EXTERNAL.findall(markup_only(html) if data_is_text else html)


def _legend() -> str:
    glyph = {"star": "★", "square": "■", "dot": "●", "triangle": "▲", "triangleDown": "▼", "diamond": "◆",
             "hexagon": "⬢"}
    kinds = "".join(
        f'<span class="fm-item"><b style="color:{s.colour}">{glyph[s.shape]}</b> {s.label}</span>'
        for s in KIND_STYLES.values()
    )
    states = "".join(
        f'<span class="fm-item"><i style="background:{STATUS_COLOURS[k]}"></i> {STATUS_LABELS[k]}</span>'
        for k in ("duplicated", "unsupported", "expected gap")
    )
    extra = ('<span class="fm-item"><i class="fm-dash"></i> Phasing out</span>'
             '<span class="fm-item"><i style="background:#332288;opacity:.45"></i> Planned</span>')
    return f'<div id="fm-legend">{kinds}<br>{states}{extra}</div>'


_STYLE = """<style>
html, body { margin: 0; padding: 0; background: #ffffff; font-family: "Source Sans Pro", Arial, sans-serif; }
.card { border: none; }
#mynetwork { border: none !important; float: none !important; }
#fm-legend { box-sizing: border-box; height: 52px; overflow: hidden; padding: 4px 8px;
  font-size: 12px; line-height: 21px; color: #333; border-bottom: 1px solid #ececec; }
#fm-legend .fm-item { margin-right: 12px; white-space: nowrap; }
#fm-legend .fm-item b { font-size: 15px; }
#fm-legend .fm-item i { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  border: 1px solid #3a3a3a; vertical-align: -1px; }
#fm-legend .fm-item i.fm-dash { border: 2px dashed #D55E00; background: #fff; }
div.vis-tooltip { font-family: "Source Sans Pro", Arial, sans-serif; font-size: 13px; line-height: 1.45;
  background: #ffffff; border: 1px solid #c8c8c8; box-shadow: 0 2px 8px rgba(0,0,0,.15); max-width: 460px;
  white-space: normal; }
</style>"""

_DRAWN = """<script>
(function () {
  if (typeof network === "undefined") { return; }
  network.on("afterDrawing", function () { window.foraLastDrawAt = performance.now(); });
  // with positions given, vis-network draws the first frame inside its constructor; two animation
  // frames later that frame is on screen
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      window.foraDrawnAt = performance.now();
      document.body.setAttribute("data-drawn", "1");
    });
  });
})();
</script>"""
_DRAW_CALL = re.compile(r"^(\s*)drawGraph\(\);\s*$", re.MULTILINE)


class OfflineRefused(RuntimeError):
    """The page's markup would load something from the network; the page is not produced."""


def offline_html(net: Network) -> str:
    """The network as one self-contained HTML page: vis-network inlined, every CDN tag of pyvis'
    template removed, a legend added. Raises ``RuntimeError`` if an external address survives."""
    html = net.generate_html()
    html = _CDN_LINK.sub("", html)
    html = _CDN_SCRIPT.sub("", html)
    html = _EMPTY_HEADING.sub("", html)
    html = html.replace("<head>", "<head>\n<script>window.foraT0 = performance.now();</script>", 1)
    html = html.replace("</head>", _STYLE + "\n</head>", 1)
    html = html.replace("<body>", "<body>\n" + _legend(), 1)
    html = _DRAW_CALL.sub(r"\1window.foraBeforeDraw = performance.now();\n\1drawGraph();\n"
                          r"\1window.foraConstructed = performance.now();", html, count=1)
    html = html.replace("</body>", _DRAWN + "\n</body>", 1)
    left = external_references(html)
    if left:
        raise OfflineRefused(f"The graph page would load {left[0]} from outside this computer, so it is not "
                             "shown. Please report this: the page's own code, not the model, asked for it.")
    return html


def network_html(model: Model, options: GraphOptions | None = None) -> str:
    """The model's network as offline HTML for ``st.iframe`` (see :func:`build_network`)."""
    return offline_html(build_network(model, options))


@dataclass(frozen=True)
class NetworkPage:
    """What the graph page shows: the offline HTML and the counts it reports below the graph."""

    html: str
    shown: int
    total: int
    element_ids: tuple[str, ...]
    focus_missing: bool
    refused: str | None = None
    """Why no page is shown (its markup would load something from the network), else None."""


def network_page(model: Model, options: GraphOptions | None = None) -> NetworkPage:
    """The network for ``options`` as a :class:`NetworkPage` (one build)."""
    settings = options or GraphOptions()
    data = graph_data(model, settings)
    try:
        html, refused = offline_html(build_network(model, settings, data)), None
    except OfflineRefused as error:
        html, refused = "", str(error)
    return NetworkPage(html, len(data.element_ids), data.total, tuple(data.element_ids), data.focus_missing,
                       refused)
