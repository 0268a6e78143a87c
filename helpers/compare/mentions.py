"""What the comparison takes from the actor gazetteer (:mod:`helpers.actors`), in one place.

The comparison does not match actor names itself: it uses the gazetteer's ids, its mention finder
(names *and* demonyms, not folded: ``الروس`` is ``russia``, ``الكرملين`` stays ``kremlin``) and its
``parent`` column, read as affiliation:

* an actor condition of the codebook (``kremlin``) is met by a mention of that actor or of anything
  under it (``peskov`` -> ``kremlin`` -> ``russia``): :func:`actor_closure`;
* a speaker's *side* is the state at the top of its parent chain (``zakharova`` -> ``russian_mfa``
  -> ``russia``), or ``other`` when the chain does not end at a state: :func:`side_of`.
"""
from __future__ import annotations

from ..actors import Gazetteer, load_gazetteer, scan_mentions

OTHER_SIDE = "other"


def gazetteer(gaz=None, lexicons=None) -> Gazetteer:
    """Return ``gaz`` if it is a loaded gazetteer, else load one.

    ``gaz`` None: the shipped gazetteer, extended by ``lexicons`` (a corpus folder, a loaded corpus
    or a :class:`~helpers.lexicon.Lexicons`) when given; otherwise a path to an actors CSV.
    """
    if isinstance(gaz, Gazetteer):
        return gaz
    return load_gazetteer(gaz, lexicons=lexicons) if gaz is None else load_gazetteer(gaz)


def ancestors_map(gaz: Gazetteer) -> dict[str, frozenset[str]]:
    """Return, for every actor id, the set of itself and all its ancestors through ``parent``.

    Examples
    --------
    >>> sorted(ancestors_map(gazetteer())["peskov"])
    ['kremlin', 'peskov', 'russia']
    """
    return _cached(gaz, "ancestors", _ancestors)


_CACHE: dict[int, tuple[Gazetteer, dict]] = {}


def _cached(gaz: Gazetteer, name: str, build):
    """Return ``build(gaz)``, computed once per loaded gazetteer (the gazetteer is not hashable)."""
    held = _CACHE.get(id(gaz))
    if held is None or held[0] is not gaz:
        if len(_CACHE) > 8:
            _CACHE.clear()
        held = _CACHE[id(gaz)] = (gaz, {})
    values = held[1]
    if name not in values:
        values[name] = build(gaz)
    return values[name]


def _ancestors(gaz: Gazetteer) -> dict[str, frozenset[str]]:
    parents = dict(zip(gaz.actors["actor_id"], gaz.actors["parent"]))
    out = {}
    for actor_id in parents:
        chain, node = {actor_id}, parents[actor_id]
        while node and node not in chain:
            chain.add(node)
            node = parents.get(node, "")
        out[actor_id] = frozenset(chain)
    return out


def actor_closure(actor_ids, gaz: Gazetteer) -> set[str]:
    """Return the actors mentioned plus everything they belong to (see the module docstring).

    Examples
    --------
    >>> sorted(actor_closure(["akar", "idlib"], gazetteer()))
    ['akar', 'idlib', 'syria', 'turkey', 'turkish_mod']
    """
    amap = ancestors_map(gaz)
    out: set[str] = set()
    for actor_id in actor_ids:
        out |= amap.get(actor_id, {actor_id})
    return out


def side_of(actor_id: str, gaz: Gazetteer) -> str:
    """Return the state an actor speaks for (top of its parent chain), ``other``, or ``""`` if none.

    Examples
    --------
    >>> g = gazetteer()
    >>> side_of("zakharova", g), side_of("akar", g), side_of("zaman_al_wasl", g), side_of("", g)
    ('russia', 'turkey', 'other', '')
    """
    if not actor_id:
        return ""
    return side_map(gaz).get(actor_id, OTHER_SIDE)


def side_map(gaz: Gazetteer) -> dict[str, str]:
    """Return ``{actor_id: side}`` for every actor of the gazetteer (what :func:`side_of` answers).

    Examples
    --------
    >>> side_map(gazetteer())["peskov"]
    'russia'
    """
    return _cached(gaz, "sides", _sides)


def _sides(gaz: Gazetteer) -> dict[str, str]:
    states = frozenset(gaz.actors.loc[gaz.actors["type"] == "state", "actor_id"])
    out = {}
    for actor_id in gaz.actors["actor_id"]:
        top = gaz.top_parent(actor_id)
        out[actor_id] = top if top in states else OTHER_SIDE
    return out


def is_actor_name(text: str, gaz: Gazetteer | None = None) -> bool:
    """Return True when ``text`` is exactly one actor name (a conjunction before it allowed).

    Examples
    --------
    >>> is_actor_name("زمان الوصل"), is_actor_name("وعرادي"), is_actor_name("حوارا جيدا")
    (True, True, False)
    """
    gaz = gazetteer(gaz)
    text = text.strip(" \u060C,.:")
    found = [m for m in scan_mentions(text, gaz) if m.kind == "name"]
    if len(found) != 1:
        return False
    m = found[0]
    return m.end >= len(text.rstrip()) and not text[:m.start].strip(" \u0648\u0641")
