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
    assert "2 articles" in index and "1 with no known date" in index
    assert (corpus / "a1_turkey.txt").read_bytes() == ARTICLE_A.encode("cp1256")
