"""Tables with named column types, the same whether they have rows or not."""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd


def typed_table(rows: list[tuple], columns: Sequence[str], ints: Iterable[str] = (),
                floats: Iterable[str] = ()) -> pd.DataFrame:
    """Return the table of ``rows`` (tuples in ``columns`` order): ``ints`` int64, ``floats`` float64, the rest text.

    An empty table gets the same column types, so its CSV header and the dtypes a notebook sees do
    not depend on whether anything was found.

    Examples
    --------
    >>> t = typed_table([("000", 2, 0.5)], ["doc_id", "n", "share"], ints=["n"], floats=["share"])
    >>> [str(d) for d in t.dtypes], [str(d) for d in typed_table([], ["doc_id", "n"], ints=["n"]).dtypes]
    (['str', 'int64', 'float64'], ['str', 'int64'])
    """
    ints, floats = set(ints), set(floats)
    values = list(zip(*rows)) if rows else [()] * len(columns)
    data = {}
    for name, column in zip(columns, values):
        if name in ints:
            data[name] = np.array(column, dtype=np.int64)
        elif name in floats:
            data[name] = np.array(column, dtype=np.float64)
        else:
            data[name] = pd.array(list(column), dtype="str")
    return pd.DataFrame(data, columns=list(columns))
