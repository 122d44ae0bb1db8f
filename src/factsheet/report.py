"""The validation report as one self-contained HTML page: verdict, expectation table, change table.

GX's Data Docs load CSS/JS from a CDN and a remote logo, so they do not open offline; this page has inline
CSS only, no scripts, no images, no links, and a Content-Security-Policy that forbids loading anything,
so opening it never makes a network request. Output is deterministic (no clock), so reports diff cleanly.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.escape import md_code, md_text

if TYPE_CHECKING:
    from factsheet.align import CrossCheck
    from factsheet.validate_edition import EditionVerdict

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'"

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;
 padding:0 1rem;color:#1d2330;background:#fff}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:2rem 0 .5rem}
.meta{color:#4a5263;margin:.2rem 0}
.verdict{display:inline-block;padding:.35rem .8rem;border-radius:.3rem;font-weight:700;font-size:1.1rem;
 margin:.8rem 0}
.passed{background:#e3f4e6;color:#135c25;border:1px solid #87c795}
.failed{background:#fde5e5;color:#8a1414;border:1px solid #e39a9a}
.warned{background:#fff4d6;color:#7a5200;border:1px solid #e6c26e;margin-left:.5rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f3f6;font-weight:600}
tr.fail-error td{background:#fff1f1}tr.fail-warning td{background:#fff8e6}
td.num{text-align:right;white-space:nowrap}
.sev-error{color:#8a1414;font-weight:600}.sev-warning{color:#7a5200;font-weight:600}
.ok{color:#135c25}.bad{color:#8a1414;font-weight:600}.warn{color:#7a5200;font-weight:600}
.side{font-size:.92em;color:#4a5263;margin-top:.2rem}.side q{color:#1d2330}
ul.rows{margin:.2rem 0;padding-left:1.1rem}code{font-size:.92em}
.c-changed{color:#0b4f8a;font-weight:600}.c-added{color:#135c25;font-weight:600}
.c-removed{color:#8a1414;font-weight:600}.c-unchanged{color:#6b7280}
details{margin:.4rem 0}
"""


def _e(value: Any) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def _row_item(row: dict[str, Any]) -> str:
    parts = [f"<code>{_e(row.get('id'))}</code>"]
    if row.get("value_text") is not None:
        parts.append(f"“{_e(row['value_text'])}”")
    value = row.get("value")
    if value is not None and value != row.get("value_text") and not row.get("message"):
        shown = int(value) if isinstance(value, float) and value.is_integer() else value
        parts.append(f"= {_e(shown)}")
    if row.get("message"):
        parts.append(f"— {_e(row['message'])}")
    return "<li>" + " ".join(parts) + "</li>"


def _expectation_rows(verdict: EditionVerdict, passed: bool) -> list[str]:
    """The failed (errors, then warnings) or the passed expectations, each group in run order."""
    items = [x for x in verdict.expectations if x.success == passed]
    items.sort(key=lambda x: x.severity != "error")
    out = []
    for x in items:
        cls = "" if x.success else f' class="fail-{_e(x.severity)}"'
        status = ('<span class="ok">passed</span>' if x.success else '<span class="bad">FAILED</span>'
                  if x.severity == "error" else '<span class="warn">WARNING</span>')
        rows = "".join(_row_item(r) for r in x.failing_rows)
        more = x.unexpected_count - len(x.failing_rows)
        detail = (f'<ul class="rows">{rows}</ul>' if rows else "") + (f"<div>(+{more} more)</div>" if more > 0 else "")
        if x.note:
            detail += f'<div class="meta">{_e(x.note)}</div>'
        out.append(
            f"<tr{cls}><td>{status}</td><td class=\"sev-{_e(x.severity)}\">{_e(x.severity)}</td>"
            f"<td><code>{_e(x.name)}</code><div class=\"meta\">{_e(x.why)}</div></td>"
            f"<td class=\"num\">{x.unexpected_count}</td><td>{detail}</td></tr>"
        )
    return out


def _change_rows(verdict: EditionVerdict, unchanged: bool) -> list[str]:
    """One row per change: the old and the new figure side by side (value, label, statement), how they were
    paired and how the value moved."""
    order = ("changed", "added", "removed", "unchanged")
    rows = sorted((r for r in verdict.change_rows() if (r["change"] == "unchanged") == unchanged),
                  key=lambda r: (order.index(r["change"]), r["figure_key"]))
    out = []
    for r in rows:
        move = verdict.relative(r) if r["change"] == "changed" else ""
        paired = f"{_e(r['match'])}, {r['similarity']:.2f}" if r.get("match") else ""
        out.append(
            f"<tr><td class=\"c-{_e(r['change'])}\">{_e(r['change'])}</td>"
            f"<td><code>{_e(r['figure_key'])}</code></td><td>{_side(r, 'old')}</td><td>{_side(r, 'new')}</td>"
            f"<td class=\"num\">{_e(move)}</td><td>{paired}</td></tr>"
        )
    return out


def _side(row: dict[str, Any], side: str) -> str:
    """One edition's figure of a change row: its value, then its label and the statement it stands in."""
    if row.get(f"{side}_value_text") is None:
        return ""
    label, statement = row.get(f"{side}_label"), row.get(f"{side}_statement")
    parts = [f"<strong>{_e(row[f'{side}_value_text'])}</strong>"]
    if label:
        parts.append(f'<div class="side">{_e(label)}</div>')
    if statement:
        parts.append(f'<div class="side"><q>{_e(statement)}</q></div>')
    return "".join(parts)


EXPECTATION_HEAD = ("Result", "Severity", "Expectation", "Rows", "Failing rows")
CHANGE_HEAD = ("Change", "Figure key", "Old (value, label, statement)", "New (value, label, statement)",
               "Relative change", "Paired by")


def _table(table_id: str, head: tuple[str, ...], rows: list[str], empty: str) -> str:
    if not rows and empty:
        return f'<p id="{table_id}" class="meta">{_e(empty)}</p>'
    cells = "".join(f"<th>{_e(h)}</th>" for h in head)
    return (f'<table id="{table_id}"><thead><tr>{cells}</tr></thead><tbody>\n' + "\n".join(rows)
            + "\n</tbody></table>")


def render_html(verdict: EditionVerdict) -> str:
    """The whole page as a string; every value from the data is HTML-escaped."""
    e = verdict.edition
    counts = verdict.change_counts()
    compared = _e(verdict.comparison)
    summary = (f"{len(verdict.errors)} error(s), {len(verdict.warnings)} warning(s), "
               f"{len(verdict.expectations)} expectations")
    n_passed = sum(1 for x in verdict.expectations if x.success)
    change_summary = ", ".join(f"{counts[c]} {c}" for c in ("changed", "added", "removed", "unchanged"))
    head = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>Validation of {_e(e.edition_id)}: {_e(verdict.verdict)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
    )
    body = [
        f"<h1>{_e(e.title)} — edition {_e(e.published or 'undated')}</h1>",
        f"<p class=\"meta\">Edition <code>{_e(e.edition_id)}</code> (source <code>{_e(e.source_id)}</code>): "
        f"{e.figures} figures, {e.events} events; {compared}.</p>",
        f"<p class=\"meta\">File <code>{_e(e.raw_path)}</code>, SHA-256 <code>{_e(e.sha256)}</code></p>",
        f"<div id=\"verdict\" class=\"verdict {_e(verdict.verdict)}\">{_e(verdict.verdict.upper())}</div>"
        + (f"<div id=\"warnings\" class=\"verdict warned\">{len(verdict.warnings)} WARNING"
           f"{'S' if len(verdict.warnings) != 1 else ''}</div>" if verdict.warnings else ""),
        f"<p class=\"meta\">{_e(summary)}. Nothing has been published.</p>",
        "<h2>Expectations</h2>",
        _table("expectations-failed", EXPECTATION_HEAD, _expectation_rows(verdict, passed=False),
               "No expectation failed."),
        f"<details><summary>{n_passed} passed expectation(s)</summary>",
        _table("expectations-passed", EXPECTATION_HEAD, _expectation_rows(verdict, passed=True), ""),
        "</details>",
        f"<h2>Changes</h2><p class=\"meta\">{_e(change_summary)}</p>",
        _table("changes", CHANGE_HEAD, _change_rows(verdict, unchanged=False), "No figure changed."),
        f"<details><summary>{counts['unchanged']} unchanged figure(s)</summary>",
        _table("unchanged", CHANGE_HEAD, _change_rows(verdict, unchanged=True), ""),
        "</details>",
    ]
    return head + "\n".join(body) + "\n</body>\n</html>\n"


def write_report(verdict: EditionVerdict, path: Path) -> Path:
    """Write the page to `path` (parent folders created); returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(verdict), encoding="utf-8")
    return path


def render_markdown(verdict: EditionVerdict, report_path: str | None = None) -> str:
    """The same report as Markdown, for a Prefect artifact: verdict, failed expectations, changes; every value
    from the document or the user is escaped (md_text) as the HTML report escapes it."""
    e = verdict.edition
    counts = verdict.change_counts()
    lines = [
        f"# {md_text(e.title)}, edition {md_text(e.published or 'undated')}: **{verdict.verdict.upper()}**",
        "",
        f"Edition {md_code(e.edition_id)}: {e.figures} figures, {e.events} events; {md_text(verdict.comparison)}.",
        f"{len(verdict.errors)} error(s), {len(verdict.warnings)} warning(s), "
        f"{len(verdict.expectations)} expectations. Nothing has been published.",
    ]
    if report_path:
        lines.append(f"HTML report: {md_code(report_path)}")
    failed = verdict.errors + verdict.warnings
    if failed:
        lines += ["", "## Failed expectations", "", "| Severity | Expectation | Failing rows |", "|---|---|---|"]
        for x in failed:
            rows = "; ".join(
                " ".join(p for p in (str(r.get("id")), f"“{r['value_text']}”" if r.get("value_text") else "",
                                     r.get("message") or "") if p)
                for r in x.failing_rows)
            lines.append(f"| {md_text(x.severity)} | {md_code(x.name)} | {md_text(rows)} |")
    lines += ["", "## Changes", "", ", ".join(f"{counts[c]} {c}" for c in ("changed", "added", "removed", "unchanged"))]
    shown = [r for r in verdict.change_rows() if r["change"] != "unchanged"]
    if shown:
        lines += ["", "| Change | Old | New | Relative change | Paired by |", "|---|---|---|---|---|"]
        order = ("changed", "added", "removed")
        for r in sorted(shown, key=lambda r: (order.index(r["change"]), r["figure_key"])):
            move = verdict.relative(r) if r["change"] == "changed" else ""
            paired = f"{r['match']}, {r['similarity']:.2f}" if r.get("match") else ""
            old, new = (" ".join(str(x) for x in (r[f"{side}_value_text"], r[f"{side}_label"]) if x)
                        for side in ("old", "new"))
            lines.append(f"| {r['change']} | {md_text(old)} | {md_text(new)} | {md_text(move)} | {paired} |")
    return "\n".join(lines) + "\n"


# --- `factsheet align`: the twins of two language editions ------------------------------------------------

ALIGN_HEAD = ("Differs", "Edition A (value, qualifier, period, label, statement)",
              "Edition B (value, qualifier, period, label, statement)", "Similarity")


def _figure_cell(figure: dict[str, Any]) -> str:
    """One edition's figure: value as written, what it was read as, its label and statement."""
    period = f"{figure['period_start']}..{figure['period_end']}" if figure.get("period_start") else "no period"
    parts = [f"<strong>{_e(figure['value_text'])}</strong> = {_e(format(figure['value'], 'g'))}",
             f'<div class="side">{_e(figure.get("qualifier"))}, {_e(period)}</div>']
    if figure.get("label"):
        parts.append(f'<div class="side">{_e(figure["label"])}</div>')
    if figure.get("statement"):
        parts.append(f'<div class="side"><q>{_e(figure["statement"])}</q></div>')
    return "".join(parts)


def _twin_rows(twins: list[dict[str, Any]]) -> list[str]:
    return [f"<tr><td class=\"{'bad' if t['differences'] else 'ok'}\">{_e(', '.join(t['differences']) or 'same')}"
            f"</td><td>{_figure_cell(t['a'])}</td><td>{_figure_cell(t['b'])}</td>"
            f"<td class=\"num\">{t['similarity']:.2f}</td></tr>" for t in twins]


def _alone_rows(figures: list[dict[str, Any]]) -> list[str]:
    return [f"<tr><td><code>{_e(f['figure_id'])}</code></td><td>{_figure_cell(f)}</td></tr>" for f in figures]


def render_alignment_html(check: CrossCheck) -> str:
    """The cross-language check as one self-contained page: twins that differ, figures of one edition only,
    then the twins that agree; every value from the documents is HTML-escaped."""
    from factsheet.align import language_name

    data = check.to_json()
    a, b = language_name(check.a.language), language_name(check.b.language)
    twins = data["twins"]
    n = data["counts"]
    css = CSS + ".agree{background:#e3f4e6;color:#135c25;border:1px solid #87c795}" \
        ".differ{background:#fde5e5;color:#8a1414;border:1px solid #e39a9a}"
    head = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{_e(check.a.edition_id)} and {_e(check.b.edition_id)}: {_e(check.verdict)}</title>\n"
        f"<style>{css}</style>\n</head>\n<body>\n"
    )
    body = [
        f"<h1>{_e(check.a.title)} — {_e(a)} and {_e(b)} editions</h1>",
        f"<p class=\"meta\">A: <code>{_e(check.a.path)}</code> ({_e(a)}, {len(check.a.figures)} figures); "
        f"B: <code>{_e(check.b.path)}</code> ({_e(b)}, {len(check.b.figures)} figures)</p>",
        f"<div id=\"verdict\" class=\"verdict {_e(check.verdict)}\">{_e(check.verdict.upper())}</div>",
        f"<p class=\"meta\">{n['twins']} twins ({n['differ']} differ); {n['only_a']} only in {_e(a)}, "
        f"{n['only_b']} only in {_e(b)}.</p>",
        "<h2>Twins that differ</h2>",
        _table("differ", ALIGN_HEAD, _twin_rows([t for t in twins if t["differences"]]), "No twin differs."),
        f"<h2>Only in {_e(a)}</h2>",
        _table("only-a", ("Figure", f"{a} edition"), _alone_rows(data["only_a"]), f"Every figure has a twin in {b}."),
        f"<h2>Only in {_e(b)}</h2>",
        _table("only-b", ("Figure", f"{b} edition"), _alone_rows(data["only_b"]), f"Every figure has a twin in {a}."),
        f"<details><summary>{n['twins'] - n['differ']} twin(s) that agree</summary>",
        _table("twins", ALIGN_HEAD, _twin_rows([t for t in twins if not t["differences"]]), ""),
        "</details>",
    ]
    return head + "\n".join(body) + "\n</body>\n</html>\n"


def write_alignment_report(check: CrossCheck, path: Path) -> Path:
    """Write the cross-language page to `path` (parent folders created); returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_alignment_html(check), encoding="utf-8")
    return path
