"""The support-state colours stay apart for colour-blind readers: every pair differs clearly under a
simulation of each kind of dichromacy (Machado, Oliveira and Fernandes 2009, full severity), and a
duplicate (amber) and a real gap (red) differ by far more than any pair needs."""

from __future__ import annotations

import itertools

import pytest

import fora_model as fm
from fora_model.analysis import goal_coverage
from fora_model.board_pack.figures import coverage_figure
from fora_model.viz.palette import STATUS_COLOURS

SIMULATIONS = {
    "normal vision": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def lab(colour: str, matrix) -> tuple[float, float, float]:
    """CIELAB (D65) of ``colour`` as a reader with the simulated vision sees it."""
    rgb = [_linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5)]
    r, g, b = (min(1.0, max(0.0, sum(row[j] * rgb[j] for j in range(3)))) for row in matrix)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def difference(a: str, b: str, matrix) -> float:
    return sum((p - q) ** 2 for p, q in zip(lab(a, matrix), lab(b, matrix), strict=True)) ** 0.5


def test_the_simulation_sees_what_it_should():
    # red and green, far apart for normal vision, nearly merge for a deuteranope
    assert difference("#FF0000", "#00AA00", SIMULATIONS["normal vision"]) > 100
    assert difference("#FF0000", "#00AA00", SIMULATIONS["deuteranopia"]) < 40


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_every_pair_of_support_states_stays_apart(vision):
    matrix = SIMULATIONS[vision]
    for (a, ca), (b, cb) in itertools.combinations(STATUS_COLOURS.items(), 2):
        assert difference(ca, cb, matrix) >= 15, (vision, a, b)
    assert difference(STATUS_COLOURS["duplicated"], STATUS_COLOURS["unsupported"], matrix) >= 40, vision


def test_the_board_pack_colours_the_states_as_the_dashboard_does():
    fig = coverage_figure(goal_coverage(fm.load_sample()))
    bars = {trace.name: trace.marker.color for trace in fig.data if trace.type == "bar"}
    assert bars["real gap"] == STATUS_COLOURS["unsupported"]
    assert bars["supported"] == STATUS_COLOURS["supported"]
    assert bars["covered by inheritance"] == STATUS_COLOURS["inherited"]
