"""Tracked sources: sources.toml -> validated Source records, so a typo fails at load, not mid-refresh."""

from __future__ import annotations

import math
import os
import re
import tomllib
import zoneinfo
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from factsheet.dates import date_problem
from factsheet.errors import InputError
from factsheet.model import Edition, Source

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID = 64  # an id names files (.state/<id>.json, raw/<id>/) and a Prefect deployment: short and safe
FIRES_WITHIN = timedelta(days=5 * 366)  # a cron must fire within this horizon (Feb 29 fires every 4 years)
MAX_STALE_HOURS = 10 * 366 * 24  # ten years: beyond it "stale" means nothing, and timedelta would overflow
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
KEYS = {"id", "title", "url", "path", "official_url", "currency", "language", "cron", "timezone", "stale_after_hours",
        "published"}

# ISO 4217 alphabetic codes (current list plus recently withdrawn ones an older edition may cite).
ISO_4217 = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
    BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
    EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
    JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU
    MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
    RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY
    TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD
    XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ZWL
    """.split()
)

# (name, lowest, highest, names) of the five cron fields; names map to numbers (months 1-12, Sunday 0).
_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_DAYS = {d: i for i, d in enumerate("sun mon tue wed thu fri sat".split())}
CRON_FIELDS: tuple[tuple[str, int, int, dict[str, int]], ...] = (
    ("minute", 0, 59, {}),
    ("hour", 0, 23, {}),
    ("day", 1, 31, {}),
    ("month", 1, 12, _MONTHS),
    ("weekday", 0, 7, _DAYS),
)


def cron_problem(cron: str) -> str | None:
    """Why a 5-field cron expression is invalid, or None; our own check so sources load without Prefect."""
    fields = cron.split()
    if len(fields) != 5:
        return f"expected 5 fields (minute hour day month weekday), got {len(fields)}"
    for text, (name, low, high, names) in zip(fields, CRON_FIELDS):
        for item in text.split(","):
            base, slash, step = item.partition("/")
            if slash and not (step.isdigit() and int(step) > 0):
                return f"{name} '{text}': bad step '{step}'"
            if base == "*":
                continue
            bounds = base.split("-")
            if len(bounds) > 2 or not all(bounds):
                return f"{name} '{text}': bad range '{base}'"
            numbers = []
            for b in bounds:
                if b.lower() in names:
                    numbers.append(names[b.lower()])
                elif b.isdigit():
                    numbers.append(int(b))
                else:
                    return f"{name} '{text}': '{b}' is not a number"
            if any(not low <= n <= high for n in numbers):
                return f"{name} '{text}': out of range {low}-{high}"
            if len(numbers) == 2 and numbers[0] > numbers[1]:
                return f"{name} '{text}': range '{base}' runs backwards"
    return None


def never_fires(cron: str, timezone: str, now: datetime | None = None) -> bool:
    """True when a valid-looking cron has no fire time within FIRES_WITHIN ('0 0 30 2 *': 30 February).

    cronsim is the cron library Prefect depends on; it refuses a day-of-month no chosen month has.
    """
    from cronsim import CronSim, CronSimError

    start = (now or datetime.now(UTC)).astimezone(zoneinfo.ZoneInfo(timezone))
    try:
        first = next(CronSim(cron, start))
    except (CronSimError, StopIteration):
        return True
    return first - start > FIRES_WITHIN


@cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _hours_problem(hours: object) -> str | None:
    """Why stale_after_hours is unusable: not a number, not finite (inf, nan), not positive, or absurdly long."""
    if hours is None:
        return None
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not math.isfinite(hours) or hours <= 0:
        return f"stale_after_hours must be a finite positive number of hours, not {hours!r}"
    if hours > MAX_STALE_HOURS:
        return f"stale_after_hours {hours!r} is over ten years ({MAX_STALE_HOURS} hours)"
    return None


def _problem(entry: dict[str, Any]) -> str | None:
    """The first thing wrong with one [[source]] table, as a phrase; None when it is valid."""
    unknown = sorted(set(entry) - KEYS)
    if unknown:
        return f"unknown key '{unknown[0]}' (allowed: {', '.join(sorted(KEYS))})"
    for key in KEYS - {"stale_after_hours"}:
        if key in entry and not isinstance(entry[key], str):
            return f"{key} must be a string"
    sid = entry.get("id")
    if not sid:
        return "missing id"
    if len(sid) > MAX_ID:
        return f"id of {len(sid)} characters (at most {MAX_ID})"
    if not SLUG.fullmatch(sid):
        return f"bad id '{_shown(sid)}' (lower-case letters, digits and single hyphens)"
    if not str(entry.get("title", "")).strip():
        return "missing title"
    url, path = entry.get("url"), entry.get("path")
    if bool(url) == bool(path):
        return "give exactly one of url and path" if url else "neither url nor path given"
    for key in ("url", "official_url"):
        if entry.get(key) and (why := _url_problem(entry[key])):
            return f"{key} {why}"
    currency = entry.get("currency", "HKD")
    if currency not in ISO_4217:
        return f"bad currency '{_shown(currency)}' (an ISO 4217 code such as HKD)"
    language = entry.get("language", "en")
    if not LANGUAGE.fullmatch(language):
        return f"bad language '{_shown(language)}' (a language tag such as en or zh-HK)"
    cron = entry.get("cron", Source.cron)
    why = cron_problem(cron)
    if why:
        return f"bad cron '{_shown(cron)}': {_shown(why, 200)}"
    tz = entry.get("timezone", Source.timezone)
    if tz not in _timezones():
        return f"unknown timezone '{_shown(tz)}' (an IANA name such as Asia/Hong_Kong)"
    if never_fires(cron, tz):
        return f"cron '{_shown(cron)}' never fires (no date matches it in the next five years)"
    if "published" in entry and (why := date_problem(entry["published"])):
        return f"bad published: {why}"
    return _hours_problem(entry.get("stale_after_hours"))


def _url_problem(url: str) -> str | None:
    """Why a url of sources.toml is unusable (not http or https, no host), as a phrase; None when it is fine."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"'{_shown(url)}': not a URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"'{_shown(url)}': scheme '{parts.scheme}' not allowed (http or https only)"
    if not parts.hostname:
        return f"'{_shown(url)}': no host"
    return None


def _shown(text: str, limit: int = 80) -> str:
    """A user's value quoted in a one-line error: control characters escaped, cut so it cannot flood a terminal."""
    printable = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text[: limit + 1])
    return printable if len(text) <= limit else f"{printable[:limit]}… ({len(text)} characters)"


def load_sources(path: Path) -> list[Source]:
    """The [[source]] tables of a sources.toml, validated; a local `path` is made absolute (toml's folder)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: invalid TOML ({exc})") from None
    extra = sorted(set(data) - {"source"})
    if extra:
        raise InputError(f"{path}: unknown top-level key '{extra[0]}' (only [[source]] tables)")
    tables = data.get("source")
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise InputError(f"{path}: no [[source]] tables")
    sources: list[Source] = []
    seen: set[str] = set()
    for number, entry in enumerate(tables, 1):
        name = f"source '{_shown(entry['id'])}'" if isinstance(entry.get("id"), str) else f"source #{number}"
        why = _problem(entry)
        if why:
            raise InputError(f"{path}: {name}: {why}")
        if entry["id"] in seen:
            raise InputError(f"{path}: {name}: duplicate id")
        seen.add(entry["id"])
        local = entry.get("path")
        if local:
            local = os.path.normpath(path.parent.absolute() / local)
        hours = entry.get("stale_after_hours")
        sources.append(
            Source(
                id=entry["id"],
                title=entry["title"].strip(),
                url=entry.get("url"),
                path=local,
                currency=entry.get("currency", Source.currency),
                language=entry.get("language", Source.language),
                cron=" ".join(entry.get("cron", Source.cron).split()),
                timezone=entry.get("timezone", Source.timezone),
                stale_after_hours=float(hours) if hours is not None else None,
                published=entry.get("published"),
                official_url=entry.get("official_url") or entry.get("url"),
            )
        )
    return sources


def location(source: Source) -> str:
    """What fetch() is given for a source: its URL, else its (absolute) local path."""
    return source.url or source.path or ""


def source_editions(raw_dir: Path, source: Source) -> list[Edition]:
    """A source's archived editions, oldest first, each with its official address: the source's official_url
    (sources.toml; an http source's own url by default), else the address its manifest says it came from."""
    from dataclasses import replace

    from factsheet.archive import list_editions

    editions = list_editions(raw_dir, source.id)
    return [replace(e, source_url=source.official_url) if source.official_url else e for e in editions]
