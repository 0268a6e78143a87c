"""Lexicons that live with a corpus: DIR/lexicons/*.csv extends the shipped files, validated the same way."""
from __future__ import annotations

import hashlib
import shutil
import warnings

import pandas as pd
import pytest

from helpers.actors import load_attribution_verbs, load_gazetteer
from helpers.compare import load_codebook, load_framing
from helpers.dates.lexicons import load_weekdays
from helpers.errors import CorpusWarning, WorkbookError
from helpers.lexicon import Lexicons
from helpers.loading import read_corpus
from helpers.paths import LEXICONS, ROOT
from helpers.tables import write_tables

LIBYA = ROOT / "tests" / "corpora" / "libya_2020"
ACTORS_HEADER = "actor_id,label_en,label_ar,type,parent,fold_into,forms,broad_forms,note\n"


def _corpus(tmp_path, name="corpus", **files):
    """A corpus folder holding the Libya articles and the given lexicon files."""
    folder = tmp_path / name
    folder.mkdir()
    for path in LIBYA.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    shutil.copy(LIBYA / "metadata.csv", folder / "metadata.csv")
    if files:
        (folder / "lexicons").mkdir()
        for file_name, text in files.items():
            (folder / "lexicons" / file_name.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


def _shipped_digest():
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(LEXICONS.glob("*.csv"))}


def test_new_rows_are_added_and_known_ids_replace_the_shipped_row(tmp_path):
    """A new actor id is added after the shipped rows; an existing one takes the shipped row's place."""
    folder = _corpus(tmp_path, actors__csv=ACTORS_HEADER
                     + "haftar,Khalifa Haftar,خليفة حفتر,person,libya,,حفتر|خليفة حفتر,,\n"
                     + "libya,Libya,ليبيا,state,,,ليبيا|الدولة الليبية,ليبي|ليبية,a row of the corpus\n")
    before = _shipped_digest()
    gaz = load_gazetteer(lexicons=folder)
    assert gaz.ids[-1] == "haftar"
    assert gaz.ids.index("libya") == load_gazetteer().ids.index("libya")  # replaced in place
    libya = gaz.info("libya")
    assert libya["forms"] == "ليبيا|الدولة الليبية" and libya["file"].endswith("corpus/lexicons/actors.csv")
    assert len(gaz.ids) == len(load_gazetteer().ids) + 1
    notes = Lexicons.of(folder).notes()
    assert [(n.kind, n.file) for n in notes] == [("lexicon_row_replaced", "lexicons/actors.csv")]
    assert notes[0].problem.startswith("line 3: actor_id 'libya' replaces the shipped row (helpers/lexicons/actors.csv")
    assert _shipped_digest() == before


def test_lexicons_used_counts_rows_per_file(tmp_path):
    """lexicons_used says, per file, how many rows are shipped, come from the corpus and replace shipped ones."""
    used = Lexicons.of(LIBYA).used().set_index("file")
    assert used.loc["actors.csv", ["rows_shipped", "rows_from_corpus", "rows_replaced"]].tolist() == [93, 2, 0]  # 93 shipped actors (reuters is the 93rd)
    assert used.loc["framing_terms.csv", ["rows_from_corpus", "rows_replaced"]].tolist() == [1, 1]
    assert used.loc["events.csv", "corpus_file"] == "lexicons/events.csv"
    assert used.loc["weekdays.csv", "corpus_file"] == ""
    assert sorted(used.index) == sorted(p.name for p in LEXICONS.glob("*.csv"))


@pytest.mark.parametrize(
    ("file_name", "content", "message"),
    [
        ("actors__csv", ACTORS_HEADER + "haftar,Haftar,حفتر,general,,,حفتر,,\n",
         r"corpus/lexicons/actors.csv, line 2: type='general' is not one of"),
        ("actors__csv", ACTORS_HEADER + "haftar,Haftar,حفتر,person,,,حفتر|بوتين,,\n",
         r"corpus/lexicons/actors.csv, line 2: forms 'بوتين' is already listed on .*helpers/lexicons/actors.csv, line \d+"),
        ("actors__csv", ACTORS_HEADER + "haftar,Haftar,حفتر,person,lna,,حفتر,,\n",
         r"corpus/lexicons/actors.csv, line 2: parent 'lna' is not an actor_id"),
        ("events__csv", "event_id,description,speakers\nsaid,Someone said,nobody\n",
         r"corpus/lexicons/events.csv, line 2: speaker 'nobody' is not an actor_id"),
        ("weekdays__csv", "weekday_id,number,names\nmonday,1,الإثنين|اثنين\nfunday,8,فانداي\n",
         r"line 3: number '8' is not between 1 and 7"),
        ("attribution_verbs__csv", "verb_id,forms,stance,kind,colour\ncall,دعا,neutral,speech,red\n",
         r"corpus/lexicons/attribution_verbs.csv: unknown column\(s\) colour"),
    ],
)
def test_a_bad_corpus_row_stops_with_its_file_and_line(tmp_path, file_name, content, message):
    """The corpus's files get the shipped files' validation, and the error names the corpus file."""
    folder = _corpus(tmp_path, **{file_name: content})
    with pytest.raises(WorkbookError, match=message):
        Lexicons.of(folder).check()
    with pytest.raises(WorkbookError, match=message.split(", line")[0].split(":")[0]):
        write_tables(folder, tmp_path / "out")


def test_two_corpora_in_one_process_do_not_leak(tmp_path):
    """Loading a corpus with its own actors, then one without, then the first again: each sees its own rows."""
    with_own = _corpus(tmp_path, "a", actors__csv=ACTORS_HEADER + "haftar,Haftar,خليفة حفتر,person,libya,,حفتر,,\n")
    without = _corpus(tmp_path, "b")
    assert "haftar" in load_gazetteer(lexicons=with_own).ids
    assert "haftar" not in load_gazetteer(lexicons=without).ids
    assert "haftar" not in load_gazetteer().ids
    assert "haftar" in load_gazetteer(lexicons=with_own).ids
    assert load_codebook(lexicons=LIBYA).event_ids[-3:] == ["moscow_talks", "berlin_conference", "haftar_statements"]
    assert "moscow_talks" not in load_codebook(lexicons=without).event_ids
    assert load_framing(lexicons=LIBYA).row("mercenaries")["referent"] == "foreign_fighters"
    assert load_framing(lexicons=without).row("mercenaries")["referent"] == "armed_opposition"


def test_an_edited_corpus_file_is_read_again(tmp_path):
    """Lexicons made after an edit see the edit (the cache key holds the files' stamps)."""
    folder = _corpus(tmp_path, attribution_verbs__csv="verb_id,forms,stance,kind\ncall,دعا,neutral,speech\n")
    assert "call" in set(load_attribution_verbs(lexicons=folder).verbs["verb_id"])
    (folder / "lexicons" / "attribution_verbs.csv").write_text(
        "verb_id,forms,stance,kind\ncall,دعا|دعت,neutral,speech\nurge,حث,neutral,speech\n", encoding="utf-8")
    verbs = load_attribution_verbs(lexicons=folder).verbs.set_index("verb_id")
    assert verbs.loc["call", "forms"] == "دعا|دعت" and "urge" in verbs.index


def test_date_lexicons_go_through_the_overlay(tmp_path):
    """A weekday spelling added in the corpus's weekdays.csv is loaded with the shipped rows."""
    folder = _corpus(tmp_path, weekdays__csv="weekday_id,number,names\nmonday,1,الإثنين|الاثنين|الاتنين\n")
    names = load_weekdays(lexicons=Lexicons.of(folder)).set_index("weekday_id").loc["monday", "names"]
    assert "الاتنين" in names
    assert len(load_weekdays(lexicons=Lexicons.of(folder))) == 7
    notes = Lexicons.of(folder).notes()
    assert [(n.kind, n.file) for n in notes] == [("lexicon_row_replaced", "lexicons/weekdays.csv")]


def test_the_date_table_reads_the_corpus_date_lexicons(tmp_path):
    """A holiday and a weekday spelling of the corpus's own files are found and resolved; the shipped ones are not changed."""
    from helpers.dates import date_mentions, try_phrases

    folder = tmp_path / "own_dates"
    (folder / "lexicons").mkdir(parents=True)
    (folder / "lexicons" / "weekdays.csv").write_text("weekday_id,number,names\nmonday,1,الإثنين|الاثنين|التنين\n",
                                                      encoding="utf-8")
    (folder / "lexicons" / "holidays.csv").write_text("holiday_id,phrases,calendar,month,day\n"
                                                      "libya_independence,عيد الاستقلال الليبي,gregorian,12,24\n",
                                                      encoding="utf-8")
    (folder / "000_a.txt").write_text("وفد ليبي في موسكو\nوصل الوفد إلى موسكو يوم التنين، بعد عيد الاستقلال الليبي.\n",
                                      encoding="utf-8")
    (folder / "metadata.csv").write_text("doc_id,file,outlet,outlet_short,published,published_basis\n"
                                         "000,000_a.txt,منبر,Outlet,2020-01-15,metadata\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mentions = date_mentions(read_corpus(folder))
    found = dict(zip(mentions["surface"], mentions["value"]))
    assert found == {"يوم التنين": "2020-01-13", "عيد الاستقلال الليبي": "2019-12-24"}
    shipped = try_phrases(["وصل الوفد يوم التنين بعد عيد الاستقلال الليبي"], "2020-01-15")
    assert shipped["start"].tolist() == [-1]  # no date found: outside the corpus, the shipped files alone


def test_a_file_that_is_not_a_lexicon_is_reported(tmp_path):
    """A misspelt file name in DIR/lexicons is not read, and the warnings say so."""
    folder = _corpus(tmp_path, actor__csv=ACTORS_HEADER)
    notes = Lexicons.of(folder).notes()
    assert [(n.kind, n.file, n.action) for n in notes] == [("lexicon_not_read", "lexicons/actor.csv",
                                                           "the file was not used")]


def test_partitions_and_processes_use_the_corpus_lexicons(tmp_path):
    """jobs=2 (partitions in other processes) gives the same bytes as one process, the corpus's rows included."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        write_tables(LIBYA, tmp_path / "one", jobs=1)
        write_tables(LIBYA, tmp_path / "two", jobs=2)
    one = {p.name: p.read_bytes() for p in (tmp_path / "one" / "tables").glob("*.csv")}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two" / "tables").glob("*.csv")}
    assert one == two
    counts = pd.read_csv(tmp_path / "one" / "tables" / "actor_counts.csv", dtype={"doc_id": str})
    # counted by hand in the five articles: حفتر 5 + 6 + 3 + 1 + 5, السراج 4 + 1 + 1 + 3 + 2
    assert counts.groupby("actor_id")["count"].sum()[["haftar", "sarraj"]].tolist() == [20, 11]
    warned = pd.read_csv(tmp_path / "one" / "tables" / "warnings.csv", keep_default_na=False)
    # 003 has no published date: its reference date is its dateline, which is a warning of its own
    assert warned[["kind", "file"]].values.tolist() == [["lexicon_row_replaced", "lexicons/framing_terms.csv"],
                                                        ["date_from_text", "003_tripoli_waits.txt"]]
    assert warned["problem"][0].startswith("line 2: term_id 'mercenaries' replaces the shipped row")
