"""Comparison without a codebook: views of a corpus that need no event codebook and no framing lexicon.

They work on any corpus from the first run, before anyone has written rules for it:

* :mod:`.align` and :mod:`.stories` - **the same story, different outlets**: pairs of sentences from
  different outlets that report the same thing (TF-IDF cosine of character 4-grams, :mod:`.features`;
  only sentences sharing a rare word that week are compared, :mod:`.blocking`; a date window;
  thresholds chosen on hand-labelled pairs in :mod:`.gold`), grouped into stories;
* :mod:`.reposts` - **reposts**: articles that are near-copies of an earlier one (MinHash and LSH on
  5-word shingles), so that "how many outlets reported it" can say how many did so independently;
* :mod:`.keyness` - **the words that set each outlet apart** (log-likelihood and log ratio against the
  rest of the corpus), :mod:`.collocates` (the words around any actor or word) and :mod:`.kwic`
  (keyword in context for any word or phrase);
* :mod:`.tokens` - the tokens all of them count (matching form, the stop-list
  ``helpers/lexicons/stopwords.csv``, proclitics split only where the gazetteer or the stop-list says);
* :mod:`.stage` - the corpus stages of ``python -m helpers tables`` (``duplicates.csv``,
  ``aligned_sentences.csv``, ``stories.csv``, ``stories_log.csv``, ``keyness.csv``);
* :mod:`.views` - the stories side by side, and the keyness chart.

``scikit-learn`` (TF-IDF) and ``datasketch`` (MinHash, LSH) are imported only where they are used.
"""
from __future__ import annotations

from .keyness import keyness_table, log_likelihood, log_ratio, top_terms
from .reposts import find_reposts, independent_outlets
from .stage import keyness_frame, story_frames
from .tokens import load_stoplist, text_tokens

__all__ = ["story_frames", "keyness_frame", "keyness_table", "log_likelihood", "log_ratio", "top_terms",
           "find_reposts", "independent_outlets", "load_stoplist", "text_tokens"]
