"""Colour maths for the palette check: CIELAB, CIEDE2000 and WCAG contrast of sRGB colours.

Pure functions on ``(r, g, b)`` triplets of 0..255 integers; no Textual, no Rich. The formulas
are the standard ones: sRGB (IEC 61966-2-1) to CIE XYZ under D65 to CIELAB, the CIEDE2000
colour difference (Sharma, Wu and Dalal, 2005, with their test data in the tests) and the WCAG
2 relative luminance and contrast ratio.
"""

from __future__ import annotations

import math
from typing import Final

RGB = tuple[int, int, int]
"""An sRGB colour, each channel 0..255."""
Lab = tuple[float, float, float]
"""A CIELAB colour (L*, a*, b*)."""

_WHITE_D65: Final = (0.95047, 1.0, 1.08883)
"""The D65 reference white in XYZ (Y = 1)."""
_EPSILON: Final = 216 / 24389
_KAPPA: Final = 24389 / 27
_POW25_7: Final = 25.0**7


def linear(channel: int) -> float:
    """Return an sRGB channel (0..255) as linear light (0..1)."""
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    """Return the WCAG relative luminance of a colour (0 black .. 1 white)."""
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: RGB, second: RGB) -> float:
    """Return the WCAG contrast ratio of two colours (1 .. 21, order does not matter)."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rgb_to_lab(rgb: RGB) -> Lab:
    """Return an sRGB colour in CIELAB (D65)."""
    r, g, b = (linear(c) for c in rgb)
    x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b

    def f(t: float) -> float:
        return math.cbrt(t) if t > _EPSILON else (_KAPPA * t + 16) / 116

    fx, fy, fz = (f(v / w) for v, w in zip((x, y, z), _WHITE_D65, strict=True))
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def ciede2000(lab1: Lab, lab2: Lab) -> float:
    """Return the CIEDE2000 colour difference of two CIELAB colours (kL = kC = kH = 1).

    About 1 is the smallest difference most people see side by side; 10 and more is a
    difference seen at a glance.
    """
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + _POW25_7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0

    delta_l = l2 - l1
    delta_c = c2p - c1p
    if c1p * c2p == 0:
        delta_h_angle = 0.0
    else:
        delta_h_angle = h2p - h1p
        if delta_h_angle > 180:
            delta_h_angle -= 360
        elif delta_h_angle < -180:
            delta_h_angle += 360
    delta_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(delta_h_angle) / 2)

    l_mean = (l1 + l2) / 2
    c_mean_p = (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2

    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    delta_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_mean_p**7 / (c_mean_p**7 + _POW25_7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * c_mean_p
    s_h = 1 + 0.015 * c_mean_p * t
    r_t = -math.sin(math.radians(2 * delta_theta)) * r_c
    dl, dc, dh = delta_l / s_l, delta_c / s_c, delta_h / s_h
    return math.sqrt(dl * dl + dc * dc + dh * dh + r_t * dc * dh)


def rgb_distance(first: RGB, second: RGB) -> float:
    """Return the CIEDE2000 difference of two sRGB colours."""
    return ciede2000(rgb_to_lab(first), rgb_to_lab(second))
