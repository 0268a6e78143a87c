"""Build the comparison's tables from row tuples, a column at a time.

``pd.DataFrame(rows, columns=...)`` infers each column's dtype from its values, one by one, and then
converts the text columns to pandas' string dtype; the tables here know their dtypes in advance
(whole numbers or text), so :func:`frame_from_rows` gives them and skips the inference.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def frame_from_rows(rows: list[tuple], columns, int_columns=()) -> pd.DataFrame:
    """Return the table of ``rows`` (tuples in ``columns`` order), ``int_columns`` as int64, the rest as text.

    The same table as ``pd.DataFrame(rows, columns=columns).astype({c: "int64" for c in int_columns})``
    when every other value is a string. Without rows the table is built that way (its empty text
    columns are then of dtype object, as pandas makes them).

    Examples
    --------
    >>> frame_from_rows([("a", 1), ("b", 2)], ["name", "n"], ["n"]).dtypes.tolist()
    [<StringDtype(na_value=nan)>, dtype('int64')]
    """
    columns = list(columns)
    if not rows:
        return pd.DataFrame(rows, columns=columns).astype({c: "int64" for c in int_columns})
    ints = set(int_columns)
    data = {name: np.array(values, dtype=np.int64) if name in ints else pd.array(values, dtype="str")
            for name, values in zip(columns, zip(*rows))}
    return pd.DataFrame(data, columns=columns, copy=False)
