"""Loading: encodings, metadata, errors that name the file, and the seeds left untouched."""
from __future__ import annotations

import hashlib
import warnings

import pytest

from helpers.errors import CorpusWarning, WorkbookError
from helpers.loading import count_words, decode_article, load_corpus, load_paragraphs, read_corpus
from helpers.paths import SEEDS

# SHA-256 of the five files as published in the shared seed folder.
SEED_SHA256 = {
    "000_dd4699b39b531d71.txt": "d2ffc26b2b292e3ba9fd1b598b29fdc289ac787bfbdde9ddbb0bf55a3664ef91",
    "001_3fedc0e7c23a03f6.txt": "00784b9c117578f00fe02041d45b61a36cf60afef1724e2d6705d2aaedd39f2d",
    "002_a0fffd0fd3cd9236.txt": "a6f29807c006463a158dec8e87d0ba4e899ce148833cfb8f836c0f18a311417f",
    "003_5e52a797893e5a0a.txt": "82f31fa89923ec8118d2dce0ac1eab66dbcad2d3bc04171bf4aed5a68289159d",
    "004_f1a3fc8eec69bc50.txt": "52cea6a0eb4d95203e0f70cf0d95e7d70fe15f7bb5fec52d49c4c8741f58eb7e",
}
LINE = "وأكد أردوغان أنه مستعد للتباحث مع نظيريه الأمريكي دونالد ترامب والروسي فلاديمير بوتين."


def _write(folder, name, data: bytes):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (LINE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + LINE.encode("utf-8"), "utf-8-sig"),
        (LINE.encode("utf-16"), "utf-16"),
        (LINE.encode("cp1256"), "cp1256"),
    ],
)
def test_encodings_are_recognised_and_recorded(tmp_path, data, encoding):
    """UTF-8 (with or without BOM), UTF-16 with BOM and Windows-1256 all give the same text."""
    _write(tmp_path, "100_x.txt", data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        corpus = read_corpus(tmp_path)
    assert corpus.articles.loc[0, "encoding"] == encoding
    assert corpus.paragraphs.loc[0, "text"] == LINE


def test_crlf_and_no_break_spaces(tmp_path):
    """CRLF line ends split lines; no-break spaces are normalised in the clean text, kept in the raw."""
    _write(tmp_path, "7_a.txt", "روسيا\u00a0قلقة\r\n\r\nوتعلن عن اتصالات.\r\n".encode())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        paras = load_paragraphs(tmp_path)
    assert [str(w.message)[:27] for w in caught] == ["metadata.csv: not found in ", "7_a.txt: no row in metadata"]
    assert list(paras["text"]) == ["روسيا قلقة", "وتعلن عن اتصالات."]
    assert paras.loc[0, "text_raw"] == "روسيا\u00a0قلقة"
    assert list(paras["line_no"]) == [1, 3]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"This is an English article about Idlib.", "no Arabic letters"),
        (b"\xff\xfe\x00\xd8", "cannot be read as utf-16"),
    ],
)
def test_bad_files_name_the_file(tmp_path, data, message):
    """Binary and non-Arabic files are errors that name the file."""
    _write(tmp_path, "005_bad.txt", data)
    (tmp_path / "metadata.csv").write_text("doc_id,file\n005,005_bad.txt\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match=message) as info:
        read_corpus(tmp_path)
    assert "005_bad.txt" in str(info.value)


@pytest.mark.parametrize("data", [b"", b"  \n\n ", b"\xef\xbb\xbf\r\n"])
def test_an_empty_file_is_an_article_with_no_line_and_a_note(tmp_path, data):
    """A scrape that fetched nothing loads as an article with no line (0 words), and the note says so."""
    _write(tmp_path, "005_empty.txt", data)
    _write(tmp_path, "006_news.txt", "روسيا قلقة\n\nوتعلن عن اتصالات.".encode())
    (tmp_path / "metadata.csv").write_text("doc_id,file\n005,005_empty.txt\n006,006_news.txt\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = read_corpus(tmp_path)
    arts = corpus.articles.set_index("doc_id")
    assert (arts.loc["005", "encoding"], arts.loc["005", "n_paragraphs"], arts.loc["005", "n_words"]) == ("empty", 0, 0)
    assert list(corpus.paragraphs["doc_id"]) == ["006", "006"]
    assert [(n.kind, n.file) for n in corpus.warnings] == [("empty_file", "005_empty.txt")]
    assert [str(w.message) for w in caught] == [
        "005_empty.txt: the file is empty; loaded as an article with no line (it counts among the articles, with 0 words)"]


def test_every_unreadable_file_is_named_in_one_error(tmp_path):
    """Two binary files and a non-Arabic one: one run names all three, with each one's problem."""
    _write(tmp_path, "001_png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _write(tmp_path, "002_ok.txt", "روسيا قلقة".encode())
    _write(tmp_path, "003_zip.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    _write(tmp_path, "004_en.txt", b"This is an English article about Khartoum.")
    with pytest.raises(WorkbookError) as info:
        read_corpus(tmp_path)
    lines = str(info.value).splitlines()
    assert lines[0] == "3 article files cannot be read (fix each, or remove it and its metadata.csv row):"
    assert [line.strip().split(": ")[0].rsplit("/", 1)[-1] for line in lines[1:]] == ["001_png.txt", "003_zip.txt", "004_en.txt"]
    assert "not a text file" in lines[1] and "no Arabic letters" in lines[3]


def test_article_without_metadata_row_loads_with_warning(seeds_copy):
    """A file with no metadata row loads as outlet 'unknown', with a recorded warning."""
    (seeds_copy / "009_extra.txt").write_text("خبر جديد عن إدلب.", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="009_extra.txt: no row in metadata.csv"):
        arts = load_corpus(seeds_copy)
    extra = arts[arts["doc_id"] == "009"].iloc[0]
    assert (extra["outlet"], extra["published"]) == ("unknown", "")
    assert [(w.kind, w.file) for w in arts.attrs["warnings"]] == [("no_metadata_row", "009_extra.txt")]
    assert len(arts) == 6


def test_folder_without_metadata_loads(seeds_copy):
    """Without metadata.csv every article loads, doc_id from the file name."""
    (seeds_copy / "metadata.csv").unlink()
    with pytest.warns(CorpusWarning):
        arts = load_corpus(seeds_copy)
    assert list(arts["doc_id"]) == ["000", "001", "002", "003", "004"]
    assert set(arts["outlet"]) == {"unknown"}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t + "005,005_missing.txt,X,X,,,\n", r"line 7 \(doc_id '005'\): file '005_missing.txt' not found"),
        (lambda t: t + "004,003_5e52a797893e5a0a.txt,X,X,,,\n", r"line 7 \(doc_id '004'\): duplicate doc_id, already on line 6"),
        (lambda t: t.replace("2020-02-20", "20/02/2020"), r"line 4 \(doc_id '002'\): published '20/02/2020' is not a date"),
        (lambda t: t.replace("2020-02-20", "2020-02-31"), r"published '2020-02-31' is not a date"),
        (lambda t: t.replace("outlet_short", "outlet_shrt"), r"unknown column\(s\) outlet_shrt"),
        (lambda t: "", r"the file is empty"),
    ],
)
def test_metadata_errors_name_the_row(seeds_copy, edit, message):
    """A row without a file, a duplicate doc_id or a malformed date is an error naming the row."""
    path = seeds_copy / "metadata.csv"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(WorkbookError, match=message) as info:
        read_corpus(seeds_copy)
    assert "metadata.csv" in str(info.value)


def test_seed_metadata_values(corpus):
    """The metadata states what the texts support: dates, and the one unknown date."""
    arts = corpus.articles.set_index("doc_id")
    assert list(arts["published"]) == ["2019-06-05", "", "2020-02-20", "2020-02-11", "2020-02-17"]
    assert arts.loc["000", "outlet_short"] == "Al-Waseela"
    assert arts.loc["004", "outlet_short"] == "Awtan Post"
    assert corpus.warnings == []


def test_seed_article_figures(corpus):
    """Per-article figures checked against the files: lines, and obfuscation dots counted by hand."""
    arts = corpus.articles.set_index("doc_id")
    # non-empty lines counted in the files: 24 of 47, 18 of 35, 23 of 45, 14 of 26, 18 of 35
    assert list(arts["n_paragraphs"]) == [24, 18, 23, 14, 18]
    # 000: التصـ.عيد, وهجـ.مات, المسـ.لحين; 001-003 have none
    assert list(arts["n_obfuscations"][:4]) == [3, 0, 0, 0]
    assert arts.loc["004", "n_obfuscations"] == 81
    assert arts.loc["002", "title"].startswith("خلال اتصال مع ماكرون وميركل")


def test_loading_never_writes_to_seeds():
    """Loading reads the seeds and leaves every byte and timestamp as it was."""
    before = {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in SEEDS.iterdir()}
    read_corpus(SEEDS)
    after = {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in SEEDS.iterdir()}
    assert before == after


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["إدلب", "روسيا قلقة بشأن إدلب"])
def test_decode_tells_utf16_without_bom(text, codec):
    """UTF-16 without a byte-order mark loads when one byte order reads as Arabic (the other reads as CJK)."""
    assert decode_article(text.encode(codec), "x.txt") == (text, codec)


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 8, "Idlib news".encode("utf-16-le"), b"\x06\x06\x06"])
def test_decode_refuses_nul_bytes_that_are_not_arabic_utf16(data):
    """NUL or control bytes that are not Arabic UTF-16 in either byte order are refused as not text."""
    with pytest.raises(WorkbookError, match="x.txt: not a text file"):
        decode_article(data, "x.txt")


def test_seeds_are_the_published_files():
    """seeds/ holds the five articles byte-for-byte as published (and nothing else but metadata.csv)."""
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.glob("*.txt")}
    assert files == SEED_SHA256
    assert sorted(p.name for p in SEEDS.iterdir()) == sorted([*SEED_SHA256, "metadata.csv"])


def test_count_words_counts_regex_words():
    """The bulk word count agrees with counting \\w+ runs text by text (marks split words, _ joins)."""
    import re

    texts = ["قال الرئيس، أمس", "", "يشنّها_2 بيانٍ", "(رويترز) - 2019-05-06", "\U0001D400bc \U0001F600 x", "\ud800a"]
    assert count_words(texts) == [len(re.findall(r"\w+", t)) for t in texts]


def test_an_article_longer_than_any_news_article_is_a_warning(tmp_path):
    """A whole site scraped into one file (about 22,000 words) loads as it is, with a note; a 2,000-word feature does not."""
    _write(tmp_path, "001_site.txt", ("عنوان\n\n" + "قال المتحدث إن الهدنة صامدة في المدينة. " * 3125).encode())
    _write(tmp_path, "002_feature.txt", ("عنوان\n\n" + "قال المتحدث إن الهدنة صامدة في المدينة. " * 250).encode())
    (tmp_path / "metadata.csv").write_text("doc_id,file\n001,001_site.txt\n002,002_feature.txt\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = read_corpus(tmp_path)
    n_words = list(corpus.articles["n_words"])
    assert n_words[0] > 20_000 > n_words[1] > 1_000
    assert [(n.kind, n.file) for n in corpus.warnings] == [("long_article", "001_site.txt")]
    message = str(caught[0].message)
    assert message.startswith(f"001_site.txt: {n_words[0]:,} words, more than any news article (20,000)")
