"""Table Schemas of the package's resources: the one place columns, types and constraints are named.

publish.py writes these into datapackage.json; the Great Expectations suites in expectations/ check the
same rules (and a few Table Schema v1 cannot say, e.g. value > 0) and are tested to agree with this file.
"""

from __future__ import annotations

import copy
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

KINDS = ("money", "count", "percent", "rank", "duration", "ratio")
SIGNED_KINDS = ("money", "percent")  # the kinds a minus or accounting parentheses may make negative
QUALIFIERS = ("exact", "approximate", "lower_bound", "upper_bound")
CHANGES = ("added", "removed", "changed", "unchanged")
MATCHES = ("key", "structure", "label", "context")  # how a change row's two figures were paired
PERIOD_CHANGES = ("same", "later", "earlier", "other")
SIGN_CHANGES = ("negative to positive", "positive to negative")
DURATION_UNITS = ("minute", "hour", "day", "month", "year")  # the contract's three, and travel times
# ISO 4217 active codes: the only currencies a money figure may carry.
CURRENCIES = tuple(
    """AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
    CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
    GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
    LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
    NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
    STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG
    XOF XPF YER ZAR ZMW ZWG""".split()
)
# HKD per unit of a foreign currency used for value_hkd; USD is pegged by the Linked Exchange Rate System.
HKD_RATES: dict[str, float] = {"HKD": 1.0, "USD": 7.8}

DATE = r"\d{4}-\d{2}-\d{2}"
BBOX = r"-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}"


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
    _f("value", "number", "Normalised value (scale words applied), signed as written: money and percent may be "
       "negative ('-6.1%', '(2,491.8)'); other kinds are > 0, which the validate stage checks", required=True),
    _f("unit", "string", "ISO 4217 code, minute/hour/day/week/month/year as written, percent, rank, ratio or "
       "the thing counted"),
    _f("currency", "string", "ISO 4217 code for money, else empty", pattern="[A-Z]{3}"),
    _f("value_hkd", "number", "Money converted to HKD (USD at the Linked Exchange Rate, 7.8), else empty"),
    _f("qualifier", "string", "exact, approximate, lower_bound or upper_bound", required=True,
       enum=list(QUALIFIERS)),
    _f("period_start", "date", "First day of the period the figure refers to"),
    _f("period_end", "date", "Last day of the period the figure refers to"),
    _f("scope", "string", "For ranks: the universe of the ranking"),
    _f("page", "integer", "1-based PDF page, else empty", minimum=1),
    _f("char_start", "integer", "Start of value_text in the edition's raw text", required=True, minimum=0),
    _f("char_end", "integer", "End (exclusive) of value_text in the edition's raw text", required=True,
       minimum=0),
    _f("bbox", "string", "x0,top,x1,bottom in PDF points, else empty", pattern=BBOX),
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
    _f("bbox", "string", "x0,top,x1,bottom in PDF points, else empty", pattern=BBOX),
    _f("rule", "string", "Grammar rule that produced the row", required=True),
]

EDITIONS: list[dict[str, Any]] = [
    _f("edition_id", "string", "Source id and the edition's own date", required=True, unique=True),
    _f("source_id", "string", "Tracked source (sources.toml)", required=True),
    _f("title", "string", "Title of the fact sheet", required=True),
    _f("published", "string", "The edition's own date, YYYY, YYYY-MM or YYYY-MM-DD",
       pattern=r"\d{4}(-\d{2}(-\d{2})?)?"),
    _f("source_url", "string", "The edition's official address (sources.toml: official_url, else the address it "
       "was fetched from)", pattern="https?://.+"),
    _f("raw_path", "string", "The archived file under raw/", required=True),
    _f("sha256", "string", "SHA-256 of the archived file", required=True, pattern="[0-9a-f]{64}"),
    _f("retrieved_at", "datetime", "When the edition was retrieved (ISO 8601 with offset)"),
    _f("pages", "integer", "Pages of a PDF source, else empty", minimum=1),
    _f("figures", "integer", "Figures extracted", required=True, minimum=0),
    _f("events", "integer", "Events extracted", required=True, minimum=0),
]

CHANGES_FIELDS: list[dict[str, Any]] = [
    _f("from_edition", "string", "Earlier edition (empty for a source's first edition)"),
    _f("to_edition", "string", "Later edition", required=True),
    _f("figure_key", "string", "Indicator paired across the two editions", required=True),
    _f("change", "string", "added, removed, changed or unchanged", required=True, enum=list(CHANGES)),
    _f("old_value", "number", "Value in the earlier edition"),
    _f("new_value", "number", "Value in the later edition"),
    _f("old_value_text", "string", "Value as written in the earlier edition"),
    _f("new_value_text", "string", "Value as written in the later edition"),
    _f("label", "string", "What is measured", maxLength=80),
    _f("old_label", "string", "Label of the figure in the earlier edition", maxLength=80),
    _f("new_label", "string", "Label of the figure in the later edition", maxLength=80),
    _f("old_statement", "string", "The sentence the earlier edition states the figure in"),
    _f("new_statement", "string", "The sentence the later edition states the figure in"),
    _f("old_figure_id", "string", "figure_id of the figure in the earlier edition"),
    _f("new_figure_id", "string", "figure_id of the figure in the later edition"),
    _f("match", "string", "How the two figures were paired: key (the same figure key), structure (the same "
       "section, label and table column), label (alike labels) or context (alike words around them); empty "
       "for an added or removed figure", enum=list(MATCHES)),
    _f("similarity", "number", "How alike the paired figures are, 0 to 1; pairs under the threshold are "
       "not made", minimum=0, maximum=1),
    _f("period_change", "string", "How the periods relate: same (a revision or restatement of the same "
       "period's value), later (a later period's value), earlier or other; empty when a period is unknown",
       enum=list(PERIOD_CHANGES)),
    _f("sign_change", "string", "A change that crosses zero (a loss turned into a gain): negative to "
       "positive or positive to negative; else empty", enum=list(SIGN_CHANGES)),
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

PRIMARY_KEYS: dict[str, list[str]] = {
    "figures": ["figure_id"],
    "events": ["event_id"],
    "editions": ["edition_id"],
    "changes": ["to_edition", "figure_key"],
}

# (field, referenced resource, referenced field): every row points at an edition of the package.
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "figures": [("edition_id", "editions", "edition_id")],
    "events": [("edition_id", "editions", "edition_id")],
    "editions": [],
    "changes": [("from_edition", "editions", "edition_id"), ("to_edition", "editions", "edition_id")],
}


COLUMN_DOCS = Path(__file__).with_name("columns.toml")
DOCUMENTED = ("unit", "unitField", "currencyField")  # declared properties a column may have (columns.toml)


@cache
def field_docs() -> dict[str, dict[str, dict[str, str]]]:
    """Each column's title, example and unit (columns.toml): what people read, kept apart from the types above."""
    with COLUMN_DOCS.open("rb") as handle:
        return tomllib.load(handle)


def described(resource: str, field: dict[str, Any]) -> dict[str, Any]:
    """A field as datapackage.json declares it (Data Package v2): name, title, type, description, example, its
    unit or the columns that name it, constraints, and `categories` beside an `enum` (frictionless-py 5 keeps
    categories but checks only the enum). A column columns.toml does not list yet still gets a title."""
    docs = field_docs().get(resource, {}).get(field["name"], {})
    title = docs.get("title", field["name"].replace("_", " ").capitalize())
    out: dict[str, Any] = {"name": field["name"], "title": title, "type": field["type"],
                           "description": field["description"]}
    if "example" in docs:
        out["example"] = docs["example"]
    out.update({key: docs[key] for key in DOCUMENTED if key in docs})
    if "constraints" in field:
        out["constraints"] = copy.deepcopy(field["constraints"])
        if "enum" in field["constraints"]:
            out["categories"] = list(field["constraints"]["enum"])
    return out


def table_schema(resource: str) -> dict[str, Any]:
    """The Table Schema descriptor (fields, keys) of a resource, a fresh copy the caller may change."""
    schema: dict[str, Any] = {
        "fields": [described(resource, f) for f in RESOURCES[resource]],
        "missingValues": [""],
        "primaryKey": list(PRIMARY_KEYS[resource]),
    }
    fks = [
        {"fields": field, "reference": {"resource": ref, "fields": ref_field}}
        for field, ref, ref_field in FOREIGN_KEYS[resource]
    ]
    if fks:
        schema["foreignKeys"] = fks
    return schema
