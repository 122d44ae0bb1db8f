"""Small valid frames for the validate and publish tests: two editions of one source, every kind of figure."""

from __future__ import annotations

from typing import Any

import pandas as pd

from factsheet import schema

SRC = "innovative-hong-kong"
E1 = f"{SRC}-2022-06"
E2 = f"{SRC}-2023-01"

_DTYPES = {"string": "str", "date": "str", "datetime": "str", "number": "float64", "integer": "Int64"}


def frame(resource: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A frame with exactly the schema's columns and dtypes; keys a row lacks become NA."""
    data = {
        f["name"]: pd.Series([r.get(f["name"]) for r in rows], dtype=_DTYPES[f["type"]])
        for f in schema.RESOURCES[resource]
    }
    return pd.DataFrame(data, columns=schema.columns(resource))


def _fig(edition: str, n: int, statement: str, value_text: str, **kw: Any) -> dict[str, Any]:
    start = 100 * n + 7
    row = {
        "figure_id": f"{edition[-7:]}-{n:04d}",
        "edition_id": edition,
        "section": "Smart City Blueprint",
        "statement": statement,
        "value_text": value_text,
        "qualifier": "exact",
        "char_start": start,
        "char_end": start + len(value_text),
        "rule": "test",
    }
    row.update(kw)
    return row


def figure_rows(edition: str = E1, hotspots: float = 44500.0) -> list[dict[str, Any]]:
    """One figure of each kind; `hotspots` lets a later edition differ from an earlier one."""
    hs = f"{int(hotspots):,}"
    return [
        _fig(edition, 1, f"There are over {hs} Wi-Fi.HK hotspots.", f"over {hs}",
             figure_key="wifi-hk-hotspots", label="Wi-Fi.HK hotspots", kind="count", value=hotspots,
             unit="hotspots", qualifier="lower_bound"),
        _fig(edition, 2, "The Government injected $1.67 billion into the fund.", "$1.67 billion",
             figure_key="fund-injection", label="Injection into the fund", kind="money", value=1670000000.0,
             unit="HKD", currency="HKD", value_hkd=1670000000.0, page=3, bbox="72.0,400.5,150.25,412"),
        _fig(edition, 3, "Investment reached US$35.54 million.", "US$35.54 million",
             figure_key="investment-usd", label="Investment", kind="money", value=35540000.0, unit="USD",
             currency="USD", value_hkd=277212000.0),
        _fig(edition, 4, "R&D spending rose by 68% over 2017 in 2021.", "68%", figure_key="rd-growth",
             label="Growth of R&D spending", kind="percent", value=68.0, unit="percent",
             period_start="2017-01-01", period_end="2021-12-31"),
        _fig(edition, 5, "Hong Kong ranks 1st in Asia-Pacific in the IMD ranking 2021.",
             "1st in Asia-Pacific", figure_key="imd-rank-apac",
             label="IMD World Digital Competitiveness rank", kind="rank", value=1.0, unit="rank",
             scope="Asia-Pacific", period_start="2021-01-01", period_end="2021-12-31"),
        _fig(edition, 6, "The scheme runs for about six months.", "about six months",
             figure_key="scheme-length", label="Length of the scheme", kind="duration", value=6.0,
             unit="month", qualifier="approximate"),
        _fig(edition, 7, "A ratio of 1.5 to one was kept.", "1.5", figure_key="ratio-kept",
             label="Ratio kept", kind="ratio", value=1.5, unit="ratio"),
    ]


def event_rows(edition: str = E1) -> list[dict[str, Any]]:
    """Two dated events, one a whole year and one a month."""
    return [
        {"event_id": f"{edition[-7:]}-e001", "edition_id": edition, "section": "Overview",
         "label": "Digital 21 Strategy kick-started",
         "statement": "Digital 21 Strategy kick-started in 1998.",
         "date_text": "in 1998", "date_start": "1998-01-01", "date_end": "1998-12-31",
         "char_start": 40, "char_end": 47, "rule": "test"},
        {"event_id": f"{edition[-7:]}-e002", "edition_id": edition, "section": "Smart City Blueprint",
         "label": "Smart City Blueprint released",
         "statement": "The Blueprint was released in December 2017.",
         "date_text": "in December 2017", "date_start": "2017-12-01", "date_end": "2017-12-31",
         "page": 2, "char_start": 140, "char_end": 156, "rule": "test"},
    ]


def good_frames() -> dict[str, pd.DataFrame]:
    """Two editions of one source, the second with one changed figure; fresh frames on every call."""
    figures = figure_rows(E1) + figure_rows(E2, hotspots=45123.0)
    events = event_rows(E1) + event_rows(E2)
    editions = [
        {"edition_id": e, "source_id": SRC, "title": "Innovative Hong Kong", "published": pub,
         "source_url": f"https://www.example.gov.hk/{e}.pdf", "raw_path": f"raw/{e}.txt",
         "sha256": f"{i:x}" * 64, "retrieved_at": at, "pages": 4, "figures": 7, "events": 2}
        for i, (e, pub, at) in enumerate(
            [(E1, "2022-06", "2022-06-20T09:00:00+08:00"), (E2, "2023-01", "2023-01-16T09:00:00+08:00")], 1)
    ]
    changes = [
        {"from_edition": E1, "to_edition": E2, "figure_key": r["figure_key"],
         "change": "changed" if r["figure_key"] == "wifi-hk-hotspots" else "unchanged",
         "old_value": r["value"], "new_value": n["value"], "old_value_text": r["value_text"],
         "new_value_text": n["value_text"], "label": r["label"], "old_label": r["label"], "new_label": n["label"],
         "old_statement": r["statement"], "new_statement": n["statement"], "old_figure_id": r["figure_id"],
         "new_figure_id": n["figure_id"], "match": "key", "similarity": 1.0}
        for r, n in zip(figure_rows(E1), figure_rows(E2, hotspots=45123.0))
    ]
    return {
        "figures": frame("figures", figures),
        "events": frame("events", events),
        "editions": frame("editions", editions),
        "changes": frame("changes", changes),
    }


def raw_texts(frames: dict[str, pd.DataFrame]) -> dict[str, str]:
    """edition_id -> a raw text in which every figure's and event's char_start..char_end spells its text."""
    texts: dict[str, list[str]] = {}
    for resource, column in (("figures", "value_text"), ("events", "date_text")):
        for row in frames[resource].to_dict("records"):
            chars = texts.setdefault(row["edition_id"], [])
            chars.extend(" " * (int(row["char_end"]) + 1 - len(chars)))
            chars[int(row["char_start"]):int(row["char_end"])] = row[column]
    return {edition: "".join(chars) for edition, chars in texts.items()}
