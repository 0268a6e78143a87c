"""Hostile input: damaged or mis-labelled encodings, malformed metadata, links out of the corpus, many warnings."""
from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

from helpers.actors import actor_mentions
from helpers.errors import CorpusWarning, WorkbookError
from helpers.loading import read_corpus
from helpers.paths import SEEDS
from helpers.tables import compute_tables

SEED = "000_dd4699b39b531d71.txt"
FRENCH = ("Le président français a déclaré à Ankara que la situation à Idlib était préoccupante. "
          "Élysée: « Ça suffit », a-t-il ajouté, après l'échec des négociations.\n")


def _one_article(folder, data: bytes, name: str = "001_a.txt"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    (folder / "metadata.csv").write_text(f"doc_id,file\n001,{name}\n", encoding="utf-8")
    return folder


def _quiet_load(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return read_corpus(folder)


def test_truncated_utf8_character_is_replaced_with_a_warning(seeds_copy):
    """One cut character at the end: UTF-8 with one replacement and a warning at its byte offset, not mojibake."""
    path = seeds_copy / SEED
    data = path.read_bytes()
    path.write_bytes(data + "إدلب".encode()[:-1])
    with pytest.warns(CorpusWarning, match=rf"{SEED}: 1 invalid UTF-8 byte sequence\(s\) at byte offset\(s\) "
                                           rf"{len(data) + 6}"):
        corpus = read_corpus(seeds_copy)
    art = corpus.articles.set_index("doc_id").loc["000"]
    assert (art["encoding"], art["n_replaced"]) == ("utf-8", 1)
    assert corpus.paragraphs[corpus.paragraphs["doc_id"] == "000"]["text"].iloc[-1].endswith("إدل\ufffd")
    # the same actor mentions as the intact article (69), not the 0 of a Windows-1256 misreading
    assert (actor_mentions(corpus)["doc_id"] == "000").sum() == 69
    table = compute_tables(corpus=corpus)["warnings.csv"]
    assert list(table.columns) == ["kind", "file", "problem", "action"]
    row = table.iloc[0]
    assert (row["kind"], row["file"]) == ("invalid_utf8", SEED)
    assert str(len(data) + 6) in row["problem"] and "U+FFFD" in row["action"]


def test_bom_utf8_with_a_bad_byte_is_replaced(tmp_path):
    """A UTF-8 file with a byte-order mark and one bad byte: replaced and counted; offsets count the mark."""
    body = "قال الرئيس إن الاتفاق صامد في إدلب. " * 5
    data = b"\xef\xbb\xbf" + body.encode() + b"\xff" + "وانتهى".encode()
    corpus = _quiet_load(_one_article(tmp_path / "c", data))
    art = corpus.articles.iloc[0]
    assert (art["encoding"], art["n_replaced"]) == ("utf-8-sig", 1)
    assert corpus.warnings[0].problem.endswith(f"at byte offset(s) {3 + len(body.encode())}")
    with pytest.raises(WorkbookError, match="starts with a UTF-8 byte-order mark but is not UTF-8"):
        _quiet_load(_one_article(tmp_path / "d", b"\xef\xbb\xbf" + "إدلب".encode("cp1256") * 20))


def test_french_latin1_page_is_not_arabic(tmp_path):
    """A French text in Latin-1 is refused, naming the file, instead of loading with É and Ç as ة and ا."""
    folder = _one_article(tmp_path / "c", FRENCH.encode("latin-1"))
    with pytest.raises(WorkbookError, match="001_a.txt: cannot tell its encoding with confidence"):
        read_corpus(folder)


def test_iso_8859_6_is_told_from_windows_1256(tmp_path):
    """An ISO-8859-6 article loads as such, with the right title, not as garbled Windows-1256."""
    text = (SEEDS / SEED).read_text(encoding="utf-8")
    data = text.encode("iso8859_6", errors="replace")
    corpus = _quiet_load(_one_article(tmp_path / "c", data))
    art = corpus.articles.iloc[0]
    assert art["encoding"] == "iso8859-6"
    assert art["title"] == "روسيا قلقة وتعلن عن اتصالات عسكرية مع تركيا بشأن إدلب"
    assert corpus.paragraphs["text_raw"].tolist()[0] == data.decode("iso8859_6").splitlines()[0]


def test_windows_1256_still_loads(tmp_path):
    """A Windows-1256 article loads with its encoding recorded."""
    text = (SEEDS / SEED).read_text(encoding="utf-8")
    corpus = _quiet_load(_one_article(tmp_path / "c", text.encode("cp1256", errors="replace")))
    assert corpus.articles.iloc[0]["encoding"] == "cp1256"
    assert corpus.articles.iloc[0]["title"] == "روسيا قلقة وتعلن عن اتصالات عسكرية مع تركيا بشأن إدلب"


@pytest.mark.parametrize("codepage", ["cp1256", "cp1252", "latin-1"])
def test_double_decoded_utf8_is_an_error(tmp_path, codepage):
    """UTF-8 read through a single-byte code page and saved again (ط§ظ„, Ø§Ù„) is an error naming the file."""
    text = "الوسيلة: قال الرئيس إن الاتفاق صامد في إدلب\n"
    mojibake = text.encode("utf-8").decode(codepage, errors="ignore")
    folder = _one_article(tmp_path / "c", mojibake.encode("utf-8"))
    with pytest.raises(WorkbookError, match="001_a.txt: the text is UTF-8 that was read as a single-byte code page"):
        read_corpus(folder)


def test_real_arabic_with_tah_and_comma_is_not_mojibake(tmp_path):
    """Arabic that happens to have ط or ظ before a comma or NBSP loads normally."""
    corpus = _quiet_load(_one_article(tmp_path / "c", "قال فقط، ثم حافظ، على\u00a0الاتفاق".encode()))
    assert corpus.articles.iloc[0]["encoding"] == "utf-8"


def _metadata(folder, text: str | bytes):
    path = folder / "metadata.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


HEADER = "doc_id,file,outlet,outlet_short,outlet_evidence,published,published_basis\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER + "000,000_dd4699b39b531d71.txt,X,X,,2019-06-05\n", r"line 2: 6 field\(s\) where the header has 7"),
        (HEADER + "000,000_dd4699b39b531d71.txt,X,X,,2019-06-05,a,extra\n", r"line 2: 8 field\(s\)"),
        (HEADER + '000,000_dd4699b39b531d71.txt,"X,X,,2019-06-05,a\n001,001_3fedc0e7c23a03f6.txt,Y,Y,,,\n',
         r"line 2: (field 'outlet' runs over several lines|not valid CSV)"),
        (HEADER + "000,000_dd4699b39b531d71.txt,X\x00,X,,,\n", r"line 2: a NUL character"),
        (HEADER + "000,000_dd4699b39b531d71.txt,X\x1b[31m,X,,,\n", r"line 2: field 'outlet' holds the control character U\+001B"),
        (HEADER + "000,000_dd4699b39b531d71.txt,X,X," + "e" * 200_000 + ",,\n", r"line 2: field 'outlet_evidence' is 200,000 characters"),
        (HEADER + "000,../000_dd4699b39b531d71.txt,X,X,,,\n", r"line 2 \(doc_id '000'\): file '../000_dd4699b39b531d71.txt' names a folder"),
        ("doc_id,file,file\n000,a,b\n", r"column\(s\) file appear twice"),
    ],
)
def test_malformed_metadata_names_the_line(seeds_copy, content, message):
    """Wrong field counts, unmatched quotes, NUL and control characters, oversized fields: errors naming the line."""
    _metadata(seeds_copy, content)
    with pytest.raises(WorkbookError, match=message) as info:
        read_corpus(seeds_copy)
    assert "metadata.csv" in str(info.value)


def test_folder_named_metadata_csv(seeds_copy):
    """A folder called metadata.csv is an error saying so, not a traceback."""
    (seeds_copy / "metadata.csv").unlink()
    (seeds_copy / "metadata.csv").mkdir()
    with pytest.raises(WorkbookError, match="metadata.csv: not a file"):
        read_corpus(seeds_copy)


def test_link_out_of_the_corpus_is_refused(seeds_copy, tmp_path):
    """A .txt link pointing outside the corpus folder is refused, naming the link; a link inside is fine."""
    secret = tmp_path / "private.txt"
    secret.write_text("نص خاص لا ينشر", encoding="utf-8")
    (seeds_copy / "009_link.txt").symlink_to(secret)
    with pytest.raises(WorkbookError, match=r"009_link.txt: a link to .*private.txt, outside the corpus folder"):
        read_corpus(seeds_copy)
    (seeds_copy / "009_link.txt").unlink()
    (seeds_copy / "009_link.txt").symlink_to(seeds_copy / SEED)
    corpus = _quiet_load(seeds_copy)
    assert "009" in set(corpus.articles["doc_id"])


def test_metadata_link_out_of_the_corpus_is_refused(seeds_copy, tmp_path):
    """metadata.csv itself may not be a link to a file elsewhere."""
    outside = tmp_path / "meta.csv"
    shutil.move(seeds_copy / "metadata.csv", outside)
    (seeds_copy / "metadata.csv").symlink_to(outside)
    with pytest.raises(WorkbookError, match="outside the corpus folder"):
        read_corpus(seeds_copy)


def test_many_missing_rows_give_one_warning_per_kind(tmp_path):
    """Hundreds of articles without metadata rows give one summary line, with a count and the first files."""
    folder = tmp_path / "c"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:04d}_a.txt").write_text("خبر عن إدلب", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        corpus = read_corpus(folder)
    messages = [str(w.message) for w in caught]
    assert messages[0].startswith("metadata.csv: not found in")
    assert messages[1:] == ["300 files have no row in metadata.csv: loaded with outlet 'unknown', doc_id from the "
                            "file name (first: 0000_a.txt, 0001_a.txt, 0002_a.txt, ...)"]
    assert len(corpus.warnings) == 301


def test_warnings_table_is_the_same_in_partitions(tmp_path):
    """warnings.csv is the same bytes with one process and with partitions over two processes."""
    from helpers.tables import write_tables

    folder = tmp_path / "c"
    shutil.copytree(SEEDS, folder)
    (folder / "010_extra.txt").write_bytes("خبر جديد عن إدلب ".encode() * 30 + "إدلب".encode()[:-1])
    (folder / "011_extra.txt").write_text("خبر آخر", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        write_tables(folder, tmp_path / "one", jobs=1)
        write_tables(folder, tmp_path / "two", jobs=2)
    one = (tmp_path / "one" / "tables" / "warnings.csv").read_bytes()
    assert one == (tmp_path / "two" / "tables" / "warnings.csv").read_bytes()
    table = pd.read_csv(tmp_path / "one" / "tables" / "warnings.csv", dtype=str)
    assert list(table["kind"]) == ["no_metadata_row", "invalid_utf8", "no_metadata_row"]
    assert list(table["file"]) == ["010_extra.txt", "010_extra.txt", "011_extra.txt"]


def test_a_single_long_line_gives_a_capped_title(tmp_path):
    """An article that is one 300 KB line loads; its title is cut with an ellipsis, the line kept whole."""
    from helpers.bench import make_long_line
    from helpers.loading import TITLE_MAX_CHARS

    folder = make_long_line(0.3, tmp_path / "c")
    text = (folder / "001_long_line.txt").read_text(encoding="utf-8")
    (folder / "001_long_line.txt").write_text(text.split("\n\n", 1)[1], encoding="utf-8")  # no title line
    corpus = _quiet_load(folder)
    title = corpus.articles.iloc[0]["title"]
    assert len(title) <= TITLE_MAX_CHARS and title.endswith("\u2026")
    assert len(corpus.paragraphs["text_raw"].iloc[0]) > 150_000
    assert corpus.paragraphs["text"].iloc[0].startswith(title[:-1])
