"""Table Schemas of the package's resources: the one place columns, types and constraints are named."""

from __future__ import annotations

from typing import Any

KINDS = ("money", "count", "percent", "rank", "duration", "ratio")
QUALIFIERS = ("exact", "approximate", "lower_bound", "upper_bound")
CHANGES = ("added", "removed", "changed", "unchanged")


def _f(name: str, type_: str, description: str, **constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


FIGURES: list[dict[str, Any]] = [
    _f("figure_id", "string", "Row id, stable within an edition", required=True, unique=True),
    _f("figure_key", "string", "Slug of what is measured, stable across editions", required=True),
    _f("edition_id", "string", "Edition the figure was read from", required=True),
    _f("section", "string", "Heading the figure stands under"),
    _f("label", "string", "What is measured, readable alone", required=True, maxLength=80),
    _f("statement", "string", "The whole sentence or bullet, cleaned to one line", required=True),
    _f("value_text", "string", "The figure as written, with its qualifier word", required=True),
    _f("kind", "string", "What sort of figure", required=True, enum=list(KINDS)),
    _f("value", "number", "Normalised value (scale words applied)", required=True, minimum=0),
    _f("unit", "string", "ISO 4217 code, day/month/year, percent, rank, ratio or the thing counted"),
    _f("currency", "string", "ISO 4217 code for money, else empty"),
    _f("value_hkd", "number", "Money converted to HKD, else empty", minimum=0),
    _f("qualifier", "string", "exact, approximate, lower_bound or upper_bound", required=True,
       enum=list(QUALIFIERS)),
    _f("period_start", "date", "First day of the period the figure refers to"),
    _f("period_end", "date", "Last day of the period the figure refers to"),
    _f("scope", "string", "For ranks: the universe of the ranking"),
    _f("page", "integer", "1-based PDF page, else empty", minimum=1),
    _f("char_start", "integer", "Start of value_text in the edition's raw text", required=True, minimum=0),
    _f("char_end", "integer", "End (exclusive) of value_text in the edition's raw text", required=True,
       minimum=0),
    _f("bbox", "string", "x0,top,x1,bottom in PDF points, else empty"),
    _f("rule", "string", "Grammar rule that produced the row", required=True),
]

EVENTS: list[dict[str, Any]] = [
    _f("event_id", "string", "Row id, stable within an edition", required=True, unique=True),
    _f("edition_id", "string", "Edition the event was read from", required=True),
    _f("section", "string", "Heading the event stands under"),
    _f("label", "string", "What happened, readable alone", required=True, maxLength=80),
    _f("statement", "string", "The whole sentence or bullet, cleaned to one line", required=True),
    _f("date_text", "string", "The date as written", required=True),
    _f("date_start", "date", "First day of the dated period", required=True),
    _f("date_end", "date", "Last day of the dated period", required=True),
    _f("page", "integer", "1-based PDF page, else empty", minimum=1),
    _f("char_start", "integer", "Start of date_text in the edition's raw text", required=True, minimum=0),
    _f("char_end", "integer", "End (exclusive) of date_text in the edition's raw text", required=True,
       minimum=0),
    _f("bbox", "string", "x0,top,x1,bottom in PDF points, else empty"),
    _f("rule", "string", "Grammar rule that produced the row", required=True),
]

EDITIONS: list[dict[str, Any]] = [
    _f("edition_id", "string", "Source id and the edition's own date", required=True, unique=True),
    _f("source_id", "string", "Tracked source (sources.toml)", required=True),
    _f("title", "string", "Title of the fact sheet", required=True),
    _f("published", "string", "The edition's own date, YYYY-MM or YYYY-MM-DD", pattern=r"\d{4}-\d{2}(-\d{2})?"),
    _f("source_url", "string", "Where the edition was retrieved from"),
    _f("raw_path", "string", "The archived file under raw/", required=True),
    _f("sha256", "string", "SHA-256 of the archived file", required=True, pattern="[0-9a-f]{64}"),
    _f("retrieved_at", "datetime", "When the edition was retrieved"),
    _f("pages", "integer", "Pages of a PDF source, else empty", minimum=1),
    _f("figures", "integer", "Figures extracted", required=True, minimum=0),
    _f("events", "integer", "Events extracted", required=True, minimum=0),
]

CHANGES_FIELDS: list[dict[str, Any]] = [
    _f("from_edition", "string", "Earlier edition"),
    _f("to_edition", "string", "Later edition", required=True),
    _f("figure_key", "string", "Indicator paired across the two editions", required=True),
    _f("change", "string", "added, removed, changed or unchanged", required=True, enum=list(CHANGES)),
    _f("old_value", "number", "Value in the earlier edition"),
    _f("new_value", "number", "Value in the later edition"),
    _f("old_value_text", "string", "Value as written in the earlier edition"),
    _f("new_value_text", "string", "Value as written in the later edition"),
    _f("label", "string", "What is measured"),
]

RESOURCES: dict[str, list[dict[str, Any]]] = {
    "figures": FIGURES,
    "events": EVENTS,
    "editions": EDITIONS,
    "changes": CHANGES_FIELDS,
}


def columns(resource: str) -> list[str]:
    """Column names of a resource in schema order."""
    return [f["name"] for f in RESOURCES[resource]]
