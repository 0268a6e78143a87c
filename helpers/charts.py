"""Charts with Arabic labels.

matplotlib 3.11 and newer shape Arabic and apply the bidi algorithm to text themselves; older versions
draw the letters unjoined and left-to-right. :func:`for_matplotlib` returns the string to hand to
matplotlib on the installed version: unchanged on 3.11+, reshaped (arabic-reshaper) and put in visual
order (python-bidi) before that. Applying the old recipe on 3.11+ reverses the text silently, so every
chart label goes through this one function.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from .charsets import ARABIC_LETTERS, PRESENTATION_FORMS
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
    if version is None:
        import matplotlib  # here, not at module level: the tables command needs no plotting library

        version = matplotlib.__version__
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


FIGURE_DPI = 150


def plain_text_labels(plot):
    """Decorate a plotting function so every text it draws is shown as written, never as mathematics.

    matplotlib reads ``$...$`` in any label as mathematics, and a label from data (an outlet called
    ``Price $\\foo{x}$ News``, a scraped title with two prices in dollars) either shows wrong or stops
    the chart with an error. Inside the decorated function ``text.parse_math`` is off; each text keeps
    that setting, so the figure is also saved as written (:func:`save_figure` checks it again).
    """
    @functools.wraps(plot)
    def wrapper(*args, **kwargs):
        import matplotlib

        with matplotlib.rc_context({"text.parse_math": False}):
            return plot(*args, **kwargs)

    return wrapper


_ARABIC_RE = re.compile(f"[{ARABIC_LETTERS}{PRESENTATION_FORMS}]")


def figure_description(fig) -> str:
    """Return a short text description of ``fig`` from its titles: the figure's, then each panel's.

    Used as the chart's alt text in the HTML reports. Titles drawn through the pre-3.11 recipe are in
    visual order and would read backwards, so on such matplotlib versions only the titles without
    Arabic letters are kept.
    """
    titles = [fig.get_suptitle()] if hasattr(fig, "get_suptitle") else []  # matplotlib 3.8+
    titles += [ax.get_title() for ax in fig.axes]
    native = matplotlib_shapes_text()
    kept = []
    for title in (" ".join(t.split()) for t in titles):
        if title and title not in kept and (native or not _ARABIC_RE.search(title)):
            kept.append(title)
    return "Chart: " + "; ".join(kept) if kept else "Chart"


def save_figure(fig, name: str, out_dir: str | Path, description: str | None = None) -> None:
    """Save ``fig`` as ``OUT/figures/<name>.png`` (150 dpi), show that same PNG in the notebook, close it.

    The figure is drawn once: the file written is the image the notebook and its report show (the
    inline backend would otherwise draw it a second time). ``description`` is the chart's alt text in
    the reports (default: :func:`figure_description`). Returns None, so a notebook cell ending with
    this call shows the chart and nothing else.
    """
    import io
    import struct

    import matplotlib.pyplot as plt

    import matplotlib
    from matplotlib.text import Text

    if description is None:
        description = figure_description(fig)
    for text in fig.findobj(Text):  # texts made outside a plain_text_labels function, too
        text.set_parse_math(False)
    buf = io.BytesIO()
    with matplotlib.rc_context({"text.parse_math": False}):
        fig.savefig(buf, format="png", dpi=FIGURE_DPI, bbox_inches="tight", metadata={"Software": None})
    png = buf.getvalue()
    (figures_dir(out_dir) / f"{name}.png").write_bytes(png)
    plt.close(fig)
    try:
        from IPython import get_ipython
        from IPython.display import Image, display
    except ImportError:
        return None
    if get_ipython() is not None:
        width = struct.unpack(">I", png[16:20])[0]  # the PNG header's width, in pixels
        display(Image(data=png, format="png", width=round(width * 100 / FIGURE_DPI), metadata={"alt": description}))
    return None


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
