"""Charts with Arabic labels.

matplotlib 3.11 and newer shape Arabic and apply the bidi algorithm to text themselves; older versions
draw the letters unjoined and left-to-right. :func:`for_matplotlib` returns the string to hand to
matplotlib on the installed version: unchanged on 3.11+, reshaped (arabic-reshaper) and put in visual
order (python-bidi) before that. Applying the old recipe on 3.11+ reverses the text silently, so every
chart label goes through this one function.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

from .errors import check_choice
from .paths import figures_dir

SHAPING_MODES = ("auto", "native", "reshape")


def matplotlib_shapes_text(version: str | None = None) -> bool:
    """Return True when this matplotlib version shapes Arabic and applies bidi itself (3.11+).

    Examples
    --------
    >>> matplotlib_shapes_text("3.11.2"), matplotlib_shapes_text("3.10.8")
    (True, False)
    """
    version = matplotlib.__version__ if version is None else version
    major, minor = (int("".join(ch for ch in part if ch.isdigit()) or 0) for part in version.split(".")[:2])
    return (major, minor) >= (3, 11)


def for_matplotlib(text: str, shaping: str = "auto") -> str:
    """Return ``text`` ready for a matplotlib label on the installed version.

    Parameters
    ----------
    text
        The label in logical order, as stored.
    shaping
        ``"auto"`` (decide from the matplotlib version), ``"native"`` (matplotlib shapes: return
        ``text`` unchanged) or ``"reshape"`` (older matplotlib: join letters and reorder).

    Examples
    --------
    >>> for_matplotlib("إدلب", shaping="native")
    'إدلب'
    >>> for_matplotlib("إدلب", shaping="reshape")  # joined forms, last letter first
    '\\ufe90\\ufedf\\ufea9\\ufe87'
    """
    check_choice("shaping", shaping, SHAPING_MODES)
    if shaping == "native" or (shaping == "auto" and matplotlib_shapes_text()):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


def save_figure(fig, name: str, out_dir: str | Path) -> Path:
    """Save ``fig`` as ``OUT/figures/<name>.png`` at 150 dpi and return the path."""
    path = figures_dir(out_dir) / f"{name}.png"
    fig.savefig(path, dpi=150, bbox_inches="tight", metadata={"Software": None})
    return path


# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
OUTLET_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


def outlet_colors(outlets) -> dict[str, str]:
    """Return a fixed colour per outlet label (sorted order), the same in every chart of the workbook.

    Examples
    --------
    >>> outlet_colors(["Awtan Post", "Al-Waseela"])
    {'Al-Waseela': '#0072B2', 'Awtan Post': '#D55E00'}
    """
    names = sorted(set(outlets))
    return {name: OUTLET_PALETTE[i % len(OUTLET_PALETTE)] for i, name in enumerate(names)}
