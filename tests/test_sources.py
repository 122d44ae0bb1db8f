"""sources.toml: the repo's file loads; each bad field fails at load with its own one-line error."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from factsheet.errors import InputError
from factsheet.model import Source
from factsheet.sources import cron_problem, load_sources, location, never_fires

REPO = Path(__file__).resolve().parents[1]
GOOD = '[[source]]\nid = "hk-facts"\ntitle = "Hong Kong Facts"\nurl = "https://www.gov.hk/facts.pdf"\n'


def test_repo_sources_toml_loads_and_points_into_raw():
    sources = load_sources(REPO / "sources.toml")
    assert [s.id for s in sources] == ["innovative-hong-kong"]
    ihk = sources[0]
    assert (ihk.title, ihk.url, ihk.currency, ihk.language) == ("Innovative Hong Kong", None, "HKD", "en")
    assert (ihk.cron, ihk.timezone, ihk.stale_after_hours) == ("0 9 * * 1", "Asia/Hong_Kong", None)
    assert ihk.path == str(REPO / "raw/innovative-hong-kong/2022-06/source.txt")
    assert Path(location(ihk)).is_file()  # the offline default is really there
    assert ihk.official_url == "https://www.gov.hk/en/about/abouthk/factsheets/docs/technology.pdf"


def test_defaults_and_relative_path(tmp_path):
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "sources.toml"
    path.write_text(
        GOOD + '\n[[source]]\nid = "local"\ntitle = "Local"\npath = "../data/a.txt"\n'
        'currency = "USD"\ncron = "30  8 1 */3 MON-FRI"\nstale_after_hours = 48\n'
    )
    web, local = load_sources(path)
    assert web == Source(id="hk-facts", title="Hong Kong Facts", url="https://www.gov.hk/facts.pdf",
                         official_url="https://www.gov.hk/facts.pdf")  # an http source's url is its official one
    assert local.official_url is None
    assert local.path == str(tmp_path / "data" / "a.txt")
    assert (local.currency, local.cron, local.stale_after_hours) == ("USD", "30 8 1 */3 MON-FRI", 48.0)
    assert location(web) == "https://www.gov.hk/facts.pdf" and location(local) == local.path


TWO = GOOD + "\n" + GOOD


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (TWO, "source 'hk-facts': duplicate id"),
        (
            GOOD.replace('"hk-facts"', '"HK Facts"'),
            "source 'HK Facts': bad id 'HK Facts' (lower-case letters, digits and single hyphens)",
        ),
        (GOOD.replace('id = "hk-facts"\n', ""), "source #1: missing id"),
        (GOOD.replace('"Hong Kong Facts"', '" "'), "source 'hk-facts': missing title"),
        (
            GOOD.replace('url = "https://www.gov.hk/facts.pdf"', 'path = "a.txt"\nurl = "https://x.hk/"'),
            "source 'hk-facts': give exactly one of url and path",
        ),
        (
            GOOD.replace('url = "https://www.gov.hk/facts.pdf"\n', ""),
            "source 'hk-facts': neither url nor path given",
        ),
        (
            GOOD.replace("https://www.gov.hk/facts.pdf", "ftp://gov.hk/a.pdf"),
            "source 'hk-facts': url 'ftp://gov.hk/a.pdf': scheme 'ftp' not allowed (http or https only)",
        ),
        (
            GOOD.replace("https://www.gov.hk/facts.pdf", "https:///facts.pdf"),
            "source 'hk-facts': url 'https:///facts.pdf': no host",
        ),
        (
            GOOD + 'cron = "0 9 * *"\n',
            "source 'hk-facts': bad cron '0 9 * *': expected 5 fields (minute hour day month weekday), got 4",
        ),
        (
            GOOD + 'cron = "0 25 * * 1"\n',
            "source 'hk-facts': bad cron '0 25 * * 1': hour '25': out of range 0-23",
        ),
        (
            GOOD + 'timezone = "Asia/Kowloon"\n',
            "source 'hk-facts': unknown timezone 'Asia/Kowloon' (an IANA name such as Asia/Hong_Kong)",
        ),
        (GOOD + 'currency = "HK$"\n', "source 'hk-facts': bad currency 'HK$' (an ISO 4217 code such as HKD)"),
        (GOOD + 'currency = "hkd"\n', "source 'hk-facts': bad currency 'hkd' (an ISO 4217 code such as HKD)"),
        (GOOD + 'currency = "ABC"\n', "source 'hk-facts': bad currency 'ABC' (an ISO 4217 code such as HKD)"),
        (
            GOOD + 'language = "English"\n',
            "source 'hk-facts': bad language 'English' (a language tag such as en or zh-HK)",
        ),
        (
            GOOD + "stale_after_hours = 0\n",
            "source 'hk-facts': stale_after_hours must be a finite positive number of hours, not 0",
        ),
        (GOOD + 'published = "2019-02-30"\n',
         "source 'hk-facts': bad published: '2019-02-30' is not a date like 2023, 2023-12 or 2023-12-31"),
        (GOOD + "published = 2019\n", "source 'hk-facts': published must be a string"),
        (GOOD + "stale_after_hours = inf\n",
         "source 'hk-facts': stale_after_hours must be a finite positive number of hours, not inf"),
        (GOOD + "stale_after_hours = nan\n",
         "source 'hk-facts': stale_after_hours must be a finite positive number of hours, not nan"),
        (GOOD + "stale_after_hours = -6\n",
         "source 'hk-facts': stale_after_hours must be a finite positive number of hours, not -6"),
        (GOOD + 'stale_after_hours = "6"\n',
         "source 'hk-facts': stale_after_hours must be a finite positive number of hours, not '6'"),
        (GOOD + "stale_after_hours = 1e300\n",
         "source 'hk-facts': stale_after_hours 1e+300 is over ten years (87840 hours)"),
        (GOOD + 'cron = "0 0 30 2 *"\n',
         "source 'hk-facts': cron '0 0 30 2 *' never fires (no date matches it in the next five years)"),
        (GOOD + 'cron = "0 0 31 4,6,9,11 *"\n',
         "source 'hk-facts': cron '0 0 31 4,6,9,11 *' never fires (no date matches it in the next five years)"),
        (GOOD.replace('"hk-facts"', '"' + "a" * 65 + '"'), f"source '{'a' * 65}': id of 65 characters (at most 64)"),
        (GOOD.replace('"hk-facts"', '"' + "a" * 300 + '"'),
         f"source '{'a' * 80}… (300 characters)': id of 300 characters (at most 64)"),
        (GOOD.replace('"hk-facts"', '"hk\\nfacts"'),
         "source 'hk\\nfacts': bad id 'hk\\nfacts' (lower-case letters, digits and single hyphens)"),
        (GOOD + 'timezone = "posixrules"\n',
         "source 'hk-facts': unknown timezone 'posixrules' (an IANA name such as Asia/Hong_Kong)"),
        (GOOD + f'timezone = "{"x" * 300}"\n',
         f"source 'hk-facts': unknown timezone '{'x' * 80}… (300 characters)' (an IANA name such as Asia/Hong_Kong)"),
        (GOOD.replace("https://www.gov.hk/facts.pdf", "http://[::1/a.txt"),
         "source 'hk-facts': url 'http://[::1/a.txt': not a URL (Invalid IPv6 URL)"),
        (
            GOOD + "title2 = 1\n",
            "source 'hk-facts': unknown key 'title2' (allowed: cron, currency, id, language, "
            "official_url, path, published, stale_after_hours, timezone, title, url)",
        ),
        (GOOD + 'official_url = "www.gov.hk/facts.pdf"\n',
         "source 'hk-facts': official_url 'www.gov.hk/facts.pdf': scheme '' not allowed (http or https only)"),
        (GOOD.replace('"hk-facts"', "7"), "source #1: id must be a string"),
        ("", "no [[source]] tables"),
        ("[source]\nid = 'x'\n", "no [[source]] tables"),
        ("sources = 1\n" + GOOD, "unknown top-level key 'sources' (only [[source]] tables)"),
    ],
)
def test_bad_field_gives_one_line_error(tmp_path, text, problem):
    path = tmp_path / "sources.toml"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        load_sources(path)
    assert str(info.value) == f"{path}: {problem}"
    assert "\n" not in str(info.value)


def test_missing_and_malformed_files(tmp_path):
    with pytest.raises(InputError, match=r"sources.toml: no such file$"):
        load_sources(tmp_path / "sources.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[source]\nid = 1\n")
    with pytest.raises(InputError, match=r"bad.toml: invalid TOML \(") as info:
        load_sources(bad)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("cron", "problem"),
    [
        ("0 9 * * 1", None),
        ("*/15 0-23/2 1,15 jan-jun sun", None),
        ("0 9 * * 7", None),
        ("0 9 * * * *", "expected 5 fields (minute hour day month weekday), got 6"),
        ("60 9 * * 1", "minute '60': out of range 0-59"),
        ("0 9 0 * 1", "day '0': out of range 1-31"),
        ("0 9 * 13 1", "month '13': out of range 1-12"),
        ("0 9 * * 8", "weekday '8': out of range 0-7"),
        ("0 9 * * 5-1", "weekday '5-1': range '5-1' runs backwards"),
        ("*/0 9 * * 1", "minute '*/0': bad step '0'"),
        ("0 9 * * mon-", "weekday 'mon-': bad range 'mon-'"),
        ("0 9 * * H", "weekday 'H': 'H' is not a number"),
        ("@weekly", "expected 5 fields (minute hour day month weekday), got 1"),
    ],
)
def test_cron_problem(cron, problem):
    assert cron_problem(cron) == problem


@pytest.mark.parametrize(("cron", "never"), [
    ("0 0 30 2 *", True),  # 30 February
    ("0 0 31 2,4 *", True),
    ("0 0 29 2 *", False),  # every leap year: within five years
    ("0 0 30 2 mon", False),  # day-of-month OR day-of-week: every Monday in February
    ("0 9 * * 1", False),
])
def test_a_cron_must_fire_within_five_years(cron, never):
    assert never_fires(cron, "Asia/Hong_Kong", datetime(2025, 3, 1, tzinfo=UTC)) is never


def test_an_undated_source_takes_its_published_setting(tmp_path):
    from factsheet.pipeline import check_source
    from factsheet.sources import load_sources

    sheet = tmp_path / "chapter.md"
    sheet.write_text("# Reserves Management\n\n# The Fund\n\nThe Fund earned HK$262.2 billion in 2019.\n\n"
                     "# Outlook\n\nMarkets rose 5% in 2019.\n")
    toml = tmp_path / "sources.toml"
    toml.write_text('[[source]]\nid = "hkma-reserves"\ntitle = "Reserves Management"\npath = "chapter.md"\n'
                    'published = "2019"\n')
    [source] = load_sources(toml)
    assert source.published == "2019"
    check = check_source(source, tmp_path / "raw", tmp_path / ".state")
    assert (check.outcome, check.edition_id) == ("new-edition", "hkma-reserves-2019")


def test_every_archived_edition_carries_its_sources_official_url(tmp_path):
    """A path source's editions take official_url; an http source's its own url unless official_url says otherwise."""
    from factsheet.pipeline import check_source
    from factsheet.sources import source_editions

    (tmp_path / "sheet.txt").write_text("Sheet\n\nThe Fund earned HK$262.2 billion in 2019.\n(June 2022)\n")
    toml = tmp_path / "sources.toml"
    official = "https://www.gov.hk/en/about/abouthk/factsheets/docs/sheet.pdf"
    toml.write_text(f'[[source]]\nid = "sheet"\ntitle = "Sheet"\npath = "sheet.txt"\nofficial_url = "{official}"\n')
    [source] = load_sources(toml)
    check_source(source, tmp_path / "raw", tmp_path / ".state")
    [edition] = source_editions(tmp_path / "raw", source)
    assert edition.source_url == official
    toml.write_text('[[source]]\nid = "sheet"\ntitle = "Sheet"\npath = "sheet.txt"\n')
    [edition] = source_editions(tmp_path / "raw", load_sources(toml)[0])
    assert edition.source_url == ""  # the manifest's: a local file has no address
