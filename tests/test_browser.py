"""The reports in a real browser: offline, no console error, Arabic right-to-left, a screenshot each."""
from __future__ import annotations

import pytest

from helpers.browser import check_pages, find_chromium

pytestmark = pytest.mark.skipif(
    find_chromium() is None, reason="no Chromium installed (apt-get install chromium); .ci/run installs it"
)


def test_reports_in_headless_chromium(built):
    """Every report opens from file://, requests nothing from the network, logs no error, reads RTL."""
    out, _, _ = built
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 3
    results = check_pages(pages, out / "screenshots")
    for r in results:
        assert r.requests == [], (r.page, r.requests)
        assert r.console_errors == [], (r.page, r.console_errors)
        assert r.arabic_blocks > 0 and r.arabic_rtl == r.arabic_blocks, (r.page, r.not_rtl)
        assert r.screenshot.stat().st_size > 20_000


def test_check_catches_what_it_looks_for(tmp_path):
    """A page that loads a remote image, logs an error and forces Arabic left-to-right is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        '<p dir="ltr">روسيا قلقة وتعلن عن اتصالات عسكرية</p><p dir="auto">إدلب</p>'
        '<img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script></body></html>',
        encoding="utf-8",
    )
    (result,) = check_pages([page], tmp_path / "shots")
    assert result.requests == ["http://127.0.0.1:9/x.png"]
    assert any("boom" in e for e in result.console_errors)
    assert (result.arabic_blocks, result.arabic_rtl) == (2, 1)
    assert result.not_rtl == ["روسيا قلقة وتعلن عن اتصالات عسكرية"]


# Cells the reports used to scramble: English notes that start with an Arabic word (03's lexicon tables)
# and an English bullet whose first words are Arabic code spans (02).
ENGLISH_STARTING_WITH_ARABIC = ["مارس is also the verb", "نيسان is also the car maker", "آب has the matching form",
                                "شباط is also a family name", "روسيا اليوم is the channel RT", "ل + ال is written"]
ARABIC_BLOCKS = ["روسيا قلقة وتعلن عن اتصالات عسكرية مع تركيا بشأن إدلب"]


def test_mixed_direction_blocks_take_their_own_direction(built):
    """English blocks that start with Arabic words read left-to-right; Arabic ones right-to-left."""
    out, _, _ = built
    pages = [out / "01_cleaning.reader.html", out / "02_actor_frequency.reader.html", out / "03_date_extraction.reader.html"]
    results = check_pages(pages, out / "screenshots-direction", probes=ENGLISH_STARTING_WITH_ARABIC + ARABIC_BLOCKS)
    seen = {prefix: [d for r in results for d in r.directions[prefix]] for prefix in results[0].directions}
    for prefix in ENGLISH_STARTING_WITH_ARABIC:
        assert seen[prefix] and set(seen[prefix]) == {"ltr"}, (prefix, seen[prefix])
    for prefix in ARABIC_BLOCKS:
        assert seen[prefix] and set(seen[prefix]) == {"rtl"}, (prefix, seen[prefix])


def test_long_tables_sort_and_search_offline(built):
    """Long tables come up as interactive tables, with a search box, and nothing is fetched for them."""
    out, _, _ = built
    (result,) = check_pages([out / "02_actor_frequency.reader.html"], out / "screenshots-tables")
    assert result.requests == [] and result.console_errors == []
    assert result.interactive_tables >= 3 and result.searchable_tables == result.interactive_tables
