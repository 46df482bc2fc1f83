"""HTML: one self-contained page for a data protection officer.

Totals per entity type, a bar chart and a sources x types heat map (inline SVG and
styled cells), the files/tables and columns holding the most findings, per-column
verdicts, a sortable and filterable findings table (masked previews only), the scan's
parameters and what could not be read. No network: CSS and JS are inlined and a
Content-Security-Policy forbids loading anything. The same findings and summary give
the same bytes.

>>> write_html(findings, summary, open("report.html", "w"))       # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections import Counter
from functools import lru_cache
from html import escape
from importlib import resources
from typing import IO, Iterable

from scanner import __version__
from scanner.findings import ENTITY_TYPES, Finding

from .sarif import ENTITY_LABELS

MAX_ROWS = 5000          # findings listed in the table; every count still covers all of them
MAX_PLACES = 25          # heat-map rows and top lists
MAX_COLUMN_VERDICTS = 500

# one fixed colour per entity type (colour-blind-safe palette, Okabe-Ito order)
TYPE_COLOURS = {
    "PHONE_NUMBER": "#0072B2", "PERSON": "#D55E00", "ADDRESS": "#009E73", "KG_PIN": "#CC79A7",
    "KG_PASSPORT": "#8C5A00", "EMAIL_ADDRESS": "#56B4E9", "IP_ADDRESS": "#6F6F6F", "CREDIT_CARD": "#B8860B",
}
_HEAT_LOW = (254, 240, 217)
_HEAT_HIGH = (179, 0, 0)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("reports").joinpath("templates", name).read_text(encoding="utf-8")


def _e(value) -> str:
    """Escape anything for HTML text or a quoted attribute."""
    return escape("" if value is None else str(value), quote=True)


def _plain(value) -> str:
    """A parameter or verdict value as text: strings as they are, the rest as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _label(etype: str) -> str:
    return ENTITY_LABELS.get(etype, ("", etype, ""))[1]


def place(f: Finding) -> str:
    """A file, or a database table (URL and table)."""
    return f"{f.source} · {f.table}" if f.table is not None else f.source


def heat_colour(n: int, top: int) -> tuple[str, str]:
    """(background, text colour) for a count on a log scale up to `top`."""
    if n <= 0 or top <= 0:
        return "#ffffff", "#c0c7cf"
    t = math.log1p(n) / math.log1p(top)
    rgb = tuple(round(lo + (hi - lo) * t) for lo, hi in zip(_HEAT_LOW, _HEAT_HIGH))
    return "#%02x%02x%02x" % rgb, ("#ffffff" if t > 0.55 else "#1d232b")


def _tag(etype: str) -> str:
    colour = TYPE_COLOURS.get(etype, "#444444")
    return f'<span class="tag" style="background:{colour}">{_e(etype)}</span>'


def _bar_chart(totals: Counter) -> str:
    """Horizontal bars, one per entity type, drawn in SVG."""
    width, label_w, bar_h, gap = 620, 130, 20, 8
    top = max(totals.values(), default=0) or 1
    height = len(ENTITY_TYPES) * (bar_h + gap) + gap
    parts = [f'<svg id="bar-chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
             f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, DejaVu Sans, sans-serif" font-size="12">',
             "<title>Findings per entity type</title>"]
    span = width - label_w - 70
    for i, etype in enumerate(ENTITY_TYPES):
        n = totals.get(etype, 0)
        y = gap + i * (bar_h + gap)
        w = round(span * n / top, 1) if n else 0
        parts.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end" fill="#1d232b">{_e(etype)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" rx="2" '
                     f'fill="{TYPE_COLOURS.get(etype, "#444444")}"><title>{_e(_label(etype))}: {n}</title></rect>')
        parts.append(f'<text x="{label_w + w + 6}" y="{y + 14}" fill="#1d232b">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _cards(totals: Counter, total: int) -> str:
    cards = [f'<div class="card{" bad" if total else ""}"><div class="n" id="total-all">{total}</div>'
             f'<div class="l">findings in all</div></div>']
    for etype in ENTITY_TYPES:
        n = totals.get(etype, 0)
        cards.append(f'<div class="card{"" if n else " zero"}"><div class="n" id="total-{etype}">{n}</div>'
                     f'<div class="l">{_e(_label(etype))}<br><code>{etype}</code></div></div>')
    return '<div class="cards">' + "".join(cards) + "</div>"


def _heat_map(by_place: Counter, by_place_type: Counter, used: list[str]) -> str:
    if not by_place:
        return '<p class="muted">No findings.</p>'
    ranked = sorted(by_place.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ranked[:MAX_PLACES]
    top = max(by_place_type.values())
    head = "".join(f'<th class="rot" title="{_e(_label(e))}">{_e(e)}</th>' for e in used)
    rows = []
    for name, total in shown:
        cells = []
        for etype in used:
            n = by_place_type.get((name, etype), 0)
            bg, fg = heat_colour(n, top)
            cells.append(f'<td class="cell{"" if n else " empty"}" style="background:{bg};color:{fg}">'
                         f'{n if n else "·"}</td>')
        rows.append(f'<tr><td class="path mono">{_e(name)}</td>{"".join(cells)}'
                    f'<td class="num"><b>{total}</b></td></tr>')
    more = ""
    if len(ranked) > len(shown):
        rest = sum(n for _, n in ranked[len(shown):])
        more = (f'<p class="muted">{len(ranked) - len(shown)} more source(s) with {rest} finding(s) '
                f'are left out of the map; every one is in the findings table and the CSV.</p>')
    steps = [1, max(1, round(math.sqrt(top))), top] if top > 1 else [1]
    legend = "".join(f'<span class="sw" style="background:{heat_colour(n, top)[0]}"></span>{n}' for n in steps)
    return (f'<table class="heat"><thead><tr><th>source</th>{head}<th class="num">all</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{more}<div class="legend">fewer {legend} more (log scale)</div>')


def _top_list(title: str, counter: Counter, what: str) -> str:
    if not counter:
        return f'<div><h3>{_e(title)}</h3><p class="muted">No {_e(what)}.</p></div>'
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_PLACES]
    top = ranked[0][1]
    rows = "".join(
        f'<tr><td class="path mono">{_e(name)}</td><td class="num">{n}</td>'
        f'<td style="width:120px"><span class="meter" style="width:{round(100 * n / top)}%"></span></td></tr>'
        for name, n in ranked)
    return (f'<div><h3>{_e(title)}</h3><table><thead><tr><th>{_e(what)}</th><th class="num">findings</th>'
            f'<th></th></tr></thead><tbody>{rows}</tbody></table></div>')


def _column_verdicts(columns: list) -> str:
    if not columns:
        return '<p class="muted">No tabular sources (databases, CSV, Parquet, Excel) were scanned.</p>'
    names: list[str] = []
    for verdict in columns:
        for name in verdict:
            if name not in names:
                names.append(name)
    head = "".join(f"<th>{_e(n)}</th>" for n in names)
    rows = "".join("<tr>" + "".join(f"<td>{_e(_plain(v.get(n)))}</td>" for n in names) + "</tr>"
                   for v in columns[:MAX_COLUMN_VERDICTS])
    more = ""
    if len(columns) > MAX_COLUMN_VERDICTS:
        more = f'<p class="muted">{len(columns) - MAX_COLUMN_VERDICTS} more column(s) in findings.json.</p>'
    return f'<table id="columns"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}'


def _findings_table(findings: list[Finding], used: list[str], show_values: bool) -> str:
    listed = findings[:MAX_ROWS]
    options = "".join(f"<option value=\"{e}\">{e}</option>" for e in used)
    value_head = '<th data-key="value" tabindex="0">value</th>' if show_values else ""
    rows = []
    for i, f in enumerate(listed):
        value = f"<td class=\"mono\">{_e(f.value)}</td>" if show_values else ""
        rows.append(
            f'<tr data-type="{_e(f.entity_type)}"><td class="path mono" data-sort="{i}">{_e(f.location())}</td>'
            f"<td>{_tag(f.entity_type)}</td>"
            f'<td class="num" data-sort="{round(f.score, 4)}">{round(f.score, 4):.2f}</td>'
            f'<td class="mono">{_e(f.preview) if f.preview else "—"}</td>{value}'
            f"<td class=\"muted\">{_e(f.recognizer)}</td></tr>")
    capped = ""
    if len(findings) > len(listed):
        capped = (f'<p class="warning">The table lists the first {len(listed)} of {len(findings)} findings; '
                  f"the CSV, JSON and SARIF reports hold all of them.</p>")
    return (f'{capped}<div class="controls"><input id="filter-text" type="search" '
            f'placeholder="Filter: file, table, column, preview…" aria-label="Filter findings">'
            f'<select id="filter-type" aria-label="Entity type"><option value="">every type</option>{options}'
            f'</select><span class="muted">showing <b id="shown">{len(listed)} of {len(listed)}</b></span></div>'
            f'<table id="findings"><thead><tr>'
            f'<th data-key="location" tabindex="0" aria-sort="none">location</th>'
            f'<th data-key="type" tabindex="0" aria-sort="none">type</th>'
            f'<th data-key="score" class="num" tabindex="0" aria-sort="none">score</th>'
            f'<th data-key="preview" tabindex="0" aria-sort="none">masked preview</th>{value_head}'
            f'<th data-key="recognizer" tabindex="0" aria-sort="none">recognizer</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _scan_facts(summary, findings: list[Finding]) -> str:
    if summary is None:
        return ""
    seconds = round(summary.seconds, 3)
    rate = f"{summary.bytes / seconds / 1e6:.1f} MB/s" if seconds else "—"
    facts = [("sources scanned", str(len(summary.sources))), ("records", f"{summary.records:,}"),
             ("data read", f"{summary.bytes / 1e6:.1f} MB"), ("time", f"{seconds:.3f} s"), ("throughput", rate),
             ("could not be read", str(len(summary.errors)))]
    out = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
    counted = sum(summary.counts.values())
    note = ""
    if counted > len(findings):
        note = (f'<p class="muted">The scan counted {counted} finding(s); this report lists the {len(findings)} '
                f"new one(s) (the rest are accepted by the baseline).</p>")
    return f'<dl class="params">{out}</dl>{note}'


def _parameters(summary) -> str:
    params = summary.parameters if summary is not None else {}
    if not params:
        return '<p class="muted">Not recorded (report rendered from saved findings without a scan summary).</p>'
    rows = "".join(f"<dt>{_e(k)}</dt><dd class=\"mono\">{_e(_plain(v))}</dd>" for k, v in sorted(params.items()))
    return f'<dl class="params" id="parameters">{rows}</dl>'


def _problems(summary) -> str:
    problems = summary.problems if summary is not None else []
    if not problems:
        return '<p class="ok" id="problems">Every source was read.</p>'
    rows = "".join(
        f'<tr><td class="{"bad" if p.severity == "error" else "muted"}">'
        f'{"could not be read" if p.severity == "error" else "note"}</td>'
        f'<td class="path mono">{_e(p.source)}{"" if p.line is None else ":" + str(p.line)}</td>'
        f"<td>{_e(p.message)}</td></tr>" for p in problems)
    return (f'<table id="problems"><thead><tr><th>kind</th><th>source</th><th>message</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def write_html(findings: Iterable[Finding], summary, stream: IO[str], show_values: bool = False) -> None:
    """Write the report page to `stream`."""
    findings = list(findings)
    totals: Counter = Counter(f.entity_type for f in findings)
    by_place: Counter = Counter(place(f) for f in findings)
    by_place_type: Counter = Counter((place(f), f.entity_type) for f in findings)
    by_column: Counter = Counter(f"{place(f)} · {f.column}" for f in findings if f.column is not None)
    used = [e for e in ENTITY_TYPES if totals.get(e)] + sorted(e for e in totals if e not in ENTITY_TYPES)
    script = _asset("report.js")
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; img-src data:"
    with_findings = len({f.source for f in findings})
    n_sources = len(summary.sources) if summary is not None and summary.sources else with_findings
    subtitle = (f"{len(findings)} finding(s) in {with_findings} of {n_sources} source(s)"
                if findings else f"No personal data found in {n_sources} source(s)")
    raw_warning = ('<p class="warning"><b>This report contains raw personal data</b> (made with '
                   "--show-values). Store and share it as you would the data itself.</p>") if show_values else ""
    stream.write(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>kgpii report: personal data found</title>\n"
        f"<style>\n{_asset('report.css')}</style>\n</head>\n<body>\n"
        f"<header><h1>Personal data report</h1><p id=\"subtitle\">{_e(subtitle)}</p></header>\n<main>\n"
        f"{raw_warning}"
        f'<section id="totals"><h2>Totals per entity type</h2>{_cards(totals, len(findings))}</section>\n'
        f'<section class="grid2"><div><h2>Findings per entity type</h2>{_bar_chart(totals)}</div>'
        f"<div><h2>The scan</h2>{_scan_facts(summary, findings)}</div></section>\n"
        f'<section id="heat"><h2>Where: sources × entity types</h2>{_heat_map(by_place, by_place_type, used)}'
        "</section>\n"
        f'<section class="grid2" id="top">{_top_list("Files and tables with the most findings", by_place, "source")}'
        f'{_top_list("Columns with the most findings", by_column, "column")}</section>\n'
        f'<section id="verdicts"><h2>Columns of tables and exports</h2>'
        f"{_column_verdicts(summary.columns if summary is not None else [])}</section>\n"
        f'<section id="list"><h2>Findings</h2>{_findings_table(findings, used, show_values)}</section>\n'
        f'<section id="unread"><h2>What could not be read</h2>{_problems(summary)}</section>\n'
        f'<section id="params"><h2>Scan parameters</h2>{_parameters(summary)}</section>\n'
        f"</main>\n<footer>kgpii {_e(__version__)} · findings contract v1 · "
        f"{'raw values included' if show_values else 'masked previews only, no raw values'}</footer>\n"
        f"<script>{script}</script>\n</body>\n</html>\n")
