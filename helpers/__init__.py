"""Arabic news analysis workbook: the logic behind the notebooks.

Start with :func:`load_corpus` and :func:`load_paragraphs` (or :func:`read_corpus` for everything at
once). Cleaning steps live in :mod:`helpers.cleaning`, the matching form in :mod:`helpers.matching`,
actors and voices in :mod:`helpers.actors`, dates in :mod:`helpers.dates`, the outlet
comparison in :mod:`helpers.compare`; :func:`for_matplotlib` prepares Arabic chart labels.
"""
from .actors import (actor_counts, actor_mentions, actor_tables, compare_views, cooccurrence, find_actor_mentions,
                     find_attributions, find_voices, kwic, kwic_html, load_attribution_verbs, load_gazetteer,
                     outlet_counts, voices_table)
from .charts import for_matplotlib, save_figure
from .cleaning import PIPELINE, clean_text, clean_with_audit
from .compare import (attributions_frame, comparison_tables, distancing_rates, event_coverage, find_framing_terms,
                      framing_counts, load_codebook, match_events, quoted_spans, scan_for_comparison, sources_cited,
                      split_sentences)
from .compare.html import side_by_side_html
from .dates import (compare_with_dateparser, date_mentions, date_summary, date_table_html, date_tables, date_timeline,
                    dates_in_context_html, extract_dates, infer_year, reference_dates, try_phrases)
from .errors import CorpusWarning, WorkbookError
from .loading import load_corpus, load_paragraphs, read_corpus
from .matching import matching_form_with_map, normalize_for_matching

__all__ = [
    "actor_counts", "actor_mentions", "actor_tables", "compare_views", "cooccurrence", "find_actor_mentions",
    "kwic", "kwic_html", "load_gazetteer", "outlet_counts",
    "for_matplotlib", "save_figure",
    "PIPELINE", "clean_text", "clean_with_audit",
    "attributions_frame", "comparison_tables", "distancing_rates", "event_coverage", "find_framing_terms",
    "framing_counts", "load_codebook", "match_events", "quoted_spans", "scan_for_comparison", "sources_cited",
    "split_sentences", "side_by_side_html",
    "compare_with_dateparser", "date_mentions", "date_summary", "date_table_html", "date_tables", "date_timeline",
    "dates_in_context_html", "extract_dates", "infer_year", "reference_dates", "try_phrases",
    "CorpusWarning", "WorkbookError",
    "load_corpus", "load_paragraphs", "read_corpus", "matching_form_with_map", "normalize_for_matching",
    "find_attributions", "find_voices", "load_attribution_verbs", "voices_table",
]
