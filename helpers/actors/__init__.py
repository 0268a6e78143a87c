"""Actors: who and what an article names (people, states, organisations, armed groups, places).

The gazetteer
-------------
``helpers/lexicons/actors.csv`` has one row per actor:

``actor_id``
    Canonical id: a person's lower-case English surname (``putin``), a state's English name
    (``russia``), a short English id for anything else (``unsc``, ``syrian_army``).
``label_en``, ``label_ar``
    Labels for tables and charts.
``type``
    ``person``, ``state``, ``organization``, ``armed_group`` or ``place``.
``parent``
    Affiliation, where it helps (``putin`` -> ``russia``, ``peskov`` -> ``kremlin``); optional.
``fold_into``
    For capitals and seats of power used as metonyms (``موسكو``, ``أنقرة``, ``الكرملين``): the state
    they count for in the ``broad`` view; optional.
``forms``
    The names (``|``-separated): every spelling of the actor's name, full and short.
``broad_forms``
    Demonyms and adjectives (``روسي``, ``أتراك``), counted in the ``broad`` view only; optional.
``story_forms``, ``story``
    Generic spellings among the row's ``forms`` and ``broad_forms`` that name this actor only in
    coverage of one story (bare ``النظام``, 'the regime', is the Syrian government in Syria coverage and
    Bashir's former regime, ``النظام السابق``, in Sudan's), and the actor ids of that story
    (``syria``, ``|``-separated); optional, both or neither. In an article that is not about the story
    these spellings are no mention at all; each article where some were set aside gets an
    ``actor_story_form`` warning naming them. An article is about a story by the event codebook's rule
    (:func:`helpers.compare.codebook.article_stories`: it names the story actor or something under it
    at least twice), counted on its other mentions, never on the story forms themselves. A full name
    (``النظام السوري``, ``نظام الأسد``) is not a story form and counts everywhere.
``note``
    Free text; optional.

``helpers/lexicons/actor_exclusions.csv`` (``actor_id, context, note``) lists contexts in which the
same letters are not the actor (``هاون أكار`` is a Turkish mortar, not minister Akar). A context may
start with ``{title}``, which stands for every title of ``name_cues.csv`` that carries the article:
``{title} تركي`` keeps ``العقيد تركي المالكي`` and ``الأمير تركي`` (the first name Turki) out of Turkey,
while ``وزير تركي`` ('a Turkish minister') still counts. To add an actor
or a spelling for a corpus, put the row in ``lexicons/actors.csv`` inside the corpus folder (see
:mod:`helpers.lexicon`; :func:`add_actor` checks and writes it): nothing in the code changes, and the
shipped file stays as it is. :mod:`~helpers.actors.candidates` lists the names a corpus still lacks.

Matching rules
--------------
* Matching runs on the matching form (:func:`helpers.matching.normalize_for_matching`), so
  ``أردوغان``/``اردوغان`` and ``أكار``/``آكار`` are one spelling; offsets are mapped back to the clean
  text, so ``text[start:end] == surface``.
* A form matches as whole words: not inside a longer word, except after known proclitics: ``و ف``
  (conjunctions), then ``ب ل ك`` (prepositions), then the article ``ال``, in that order and each at
  most once (``و``, ``بال``, ``وبال``, ``لل``, ``ولل``...). Letters are never stripped off a word, so
  ``لافروف`` is Lavrov, not ``ل`` + ``افروف``.
* A mention's span (``surface``) leaves out the conjunction and preposition but keeps the article
  as written: ``الروسية`` in ``والروسية``, ``لافروف`` in ``ولافروف``. ``ل`` + ``ال`` is written
  ``لل``: ``الأسد`` is also found in ``للأسد``, and the span starts at the article's ``ل``
  (surface ``لأسد``).
* Longest match wins and mentions never overlap: ``سيرغي لافروف`` is one Lavrov mention,
  ``مجلس الأمن الروسي`` is the Russian Security Council and not the UN's, ``روسيا اليوم`` is RT and
  not Russia, ``نظام الأسد`` is the Syrian government and not Assad. At one position, a spelling
  listed in the gazetteer beats the same letters read as clitic + shorter form (``السورية`` is the
  adjective, not ``ال`` + the country ``سورية``).
* An exclusion context is matched like a form and swallows its span: nothing inside it is counted.
  This holds for story forms too (a corpus's ``syrian_government,النظام السابق`` keeps 'the former
  regime' out even of Syria articles), and an excluded span is never reported as set aside.
* Story forms are settled per article, after its paragraphs are scanned (:func:`story_gate`), so
  :func:`find_actor_mentions` and :func:`scan_mentions`, which see one text, still return them; the
  corpus tables (:func:`scan_corpus` and everything built on it) do not.
* ``مجلس الأمن`` alone is the UN Security Council (every plain use in the seeds is the UN's); the
  Russian one is always qualified. A plain ``مجلس الأمن`` meaning Russia's would be miscounted.

Views
-----
``strict``
    Names only (``forms``); capitals stay places (``موسكو`` is ``moscow``).
``broad``
    Names plus demonyms and adjectives (``الروس``, ``التركية``, ``طلب تركي``), and every mention of an
    actor with ``fold_into`` counted for that state (``موسكو``, ``الكرملين`` -> ``russia``). A capital
    named as a place (``في موسكو``) is folded too: the view cannot tell metonym from place. An
    adjective counts wherever it is not part of a longer listed name, also inside a title
    (``الرئيس التركي`` adds one ``turkey``).

Counts cover every line whose role is in :data:`helpers.roles.COUNTED_ROLES` (all but ``boilerplate``
and ``related``); the mentions table holds exactly the mentions that are counted.

Modules
-------
:mod:`~helpers.actors.gazetteer` (loading and compiling the lexicon), :mod:`~helpers.actors.scan`
(finding mentions), :mod:`~helpers.actors.counts` (tables), :mod:`~helpers.actors.kwic`,
:mod:`~helpers.actors.voices` (who is given a voice), :mod:`~helpers.actors.candidates` (names the
gazetteer does not know yet) and :mod:`~helpers.actors.plots`. Everything
public is importable from ``helpers.actors``.
"""
from __future__ import annotations

from .gazetteer import (ACTOR_TYPES, ARTICLE, CONJUNCTIONS, COUNT_COLUMNS, EXCLUSIONS_FILE, GAZETTEER_FILE,
                        LAM, MENTION_COLUMNS, PREPOSITIONS, VIEWS, add_actor, as_gazetteer, corpus_gazetteer, Gazetteer,
                        load_gazetteer,
                        matching_key, proclitics, trie_pattern)
from .scan import (actor_mentions, ActorScan, apply_view, bulk_allocation, counted_paragraphs,
                   find_actor_mentions, Mention, mentions_frame, scan_corpus, scan_mentions, source_span,
                   story_form_notes, story_gate)
from .counts import (actor_counts, actor_tables, add_labels, compare_views, compare_views_by_outlet,
                     cooccurrence, cooccurrence_matrix, explain_mentions, gazetteer_table, outlet_counts,
                     outlet_matrix, surface_counts, top_actors)
from .kwic import actor_kwic_view, kwic, kwic_html
from .voices import (CLAUSE_PUNCTUATION, CLAUSE_WORDS, HEAD_NOUNS, KINDS, TIME_WORDS, subject_openers, PREPOSITION_WORDS, PREPOSITIONS_WITH_PRONOUN, STANCES, VERBS_FILE, as_verbs,
                     VOICE_COLUMNS, WINDOW_WORDS, Attribution, find_attributions, find_voices,
                     governed_by_preposition, link_voices, load_attribution_verbs, paragraph_links,
                     VerbLexicon, Voice, voices_by_outlet, voices_frame, voices_table)
from .candidates import (CANDIDATE_COLUMNS, actor_candidates, bare_word, candidate_kwic, candidates_frame,
                         load_name_cues, NameCues, reduce_candidates, summarise_candidates, unlinked_share)
from .plots import (TYPE_COLORS, chart_label, plot_actor_outlet_heatmap, plot_cooccurrence, plot_heatmap,
                    plot_top_actors, plot_top_actors_by_outlet, plot_view_comparison, plot_voices_by_outlet)
