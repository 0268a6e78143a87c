"""'Use your own articles': the documented command on a small second corpus made here."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd

from helpers.paths import ROOT

ARTICLE_A = """تركيا ترسل تعزيزات إلى إدلب

أرسل الجيش التركي اليوم الخميس تعزيزات عسكرية جديدة إلى نقاط المراقبة في إدلب، وفق ما نقلت وكالة الأناضول.

وقال الرئيس التركي رجب طيب أردوغان إن بلاده لن تنسحب من نقاط المراقبة.
"""
ARTICLE_B = """موسكو: الاتصالات مع أنقرة مستمرة

أعلن المتحدث باسم الكرملين دميتري بيسكوف أمس أن الاتصالات مع أنقرة بشأن إدلب مستمرة.

زر الذهاب إلى الأعلى
"""


def test_build_on_a_second_corpus(tmp_path):
    """A folder with a Windows-1256 article and one without a metadata row builds, with a warning."""
    corpus = tmp_path / "my_articles"
    corpus.mkdir()
    (corpus / "a1_turkey.txt").write_bytes(ARTICLE_A.encode("cp1256"))
    (corpus / "b2_moscow.txt").write_text(ARTICLE_B, encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        "doc_id,file,outlet,outlet_short,outlet_evidence,published,published_basis\n"
        "a1,a1_turkey.txt,مثال,Example,made for the test,2020-02-20,test\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "helpers", "build", "--seeds", str(corpus), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr
    assert "warning:" in proc.stderr and "b2_moscow.txt: no row in metadata.csv" in proc.stderr
    articles = pd.read_csv(out / "tables" / "articles.csv", dtype=str, keep_default_na=False)
    assert list(articles["doc_id"]) == ["a1", "b2"]
    assert list(articles["encoding"]) == ["cp1256", "utf-8"]
    assert list(articles["outlet"]) == ["مثال", "unknown"]
    assert articles.loc[0, "title"] == "تركيا ترسل تعزيزات إلى إدلب"
    index = (out / "index.html").read_text(encoding="utf-8")
    # the index counts outlets only where they are known, and reference dates by basis
    assert "2 articles from 1 identified outlet (1 article whose outlet is not identified)" in index
    assert "Reference dates: 1 from the metadata, 1 unknown; all 2020-02-20." in index
    assert "no row in metadata.csv" in index and "CorpusWarning" not in index
    assert (corpus / "a1_turkey.txt").read_bytes() == ARTICLE_A.encode("cp1256")


LIBYA = ROOT / "tests" / "corpora" / "libya_2020"
# Sentences of the notebooks that describe the seed articles: none may reach a report on another corpus.
SEED_FINDINGS = ("About the seed articles", "Outlet 003 calls the Syrian army", "Five Arabic news articles",
                 "001 has neither", "told five ways", "Akar is a good test", "September 2018 ceasefire",
                 "Awtan Post (004) breaks words", "Turn five scraped")


def test_build_on_the_libya_corpus_says_nothing_false(tmp_path):
    """The Libya corpus with its lexicons/ builds; its reports compute their findings and claim no seed finding."""
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "helpers", "build", "--seeds", str(LIBYA), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=1500)
    assert proc.returncode == 0, proc.stderr
    assert "framing_terms.csv: line 2: term_id 'mercenaries' replaces the shipped row" in proc.stderr
    tables = out / "tables"
    used = pd.read_csv(tables / "lexicons_used.csv", keep_default_na=False).set_index("file")
    assert used.loc["actors.csv", ["rows_from_corpus", "corpus_file"]].tolist() == [2, "lexicons/actors.csv"]
    candidates = pd.read_csv(tables / "actor_candidates.csv", keep_default_na=False)
    assert candidates["candidate"].tolist() == ["أحمد المسماري", "عقيلة صالح", "غسان سلامة"]
    events = pd.read_csv(tables / "event_sentences.csv", keep_default_na=False)
    assert set(events["event_id"]) == {"moscow_talks", "berlin_conference", "haftar_statements"}
    reports = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.reader.html")}
    assert len(reports) == 4
    for name, page in reports.items():
        for sentence in SEED_FINDINGS:
            assert sentence not in page, (name, sentence)
        assert "CorpusWarning" not in page and "Traceback" not in page, name
    assert "5 articles from 4 identified outlets (1 article whose outlet is not identified), 740 words" \
        in reports["01_cleaning.reader.html"]
    assert "3 with more than one cue or article" in reports["02_actor_frequency.reader.html"]
    # 000 and 001 report the Moscow talks, 002 and 003 the Berlin conference; 004 (a profile) no event
    assert "The codebook fits this corpus: 4 of 5 articles" in reports["04_outlet_comparison.reader.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Reference dates: 3 from the metadata, 1 from the text, 1 unknown" in index
    assert "lexicons/framing_terms.csv" in index and "line 2: term_id &#x27;mercenaries&#x27; replaces" in index
