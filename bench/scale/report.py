"""The figures of one size as an aligned table: metric | newsdesk | FTS5 | ratio (newsdesk / FTS5)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from measure import Spread

MB = 1024 * 1024

Row = tuple[str, str, str, str]


def _number(value: float | None, digits: int) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    return f"{value:,.{digits}f}"


def _ratio(newsdesk: float | None, fts5: float | None) -> str:
    if newsdesk is None or fts5 is None or fts5 == 0 or math.isnan(newsdesk) or math.isnan(fts5):
        return "n/a"
    ratio = newsdesk / fts5
    # Three significant digits: throughput ratios are far below 1 (0.00734x), latency ratios far above.
    return f"{ratio:,.0f}x" if ratio >= 1000 else f"{ratio:.3g}x"


def row(label: str, newsdesk: float | None, fts5: float | None, digits: int = 1) -> Row:
    return label, _number(newsdesk, digits), _number(fts5, digits), _ratio(newsdesk, fts5)


def spread_row(label: str, newsdesk: Spread | None, fts5: Spread | None, which: Sequence[str]) -> Row:
    """One row for several statistics of a distribution ("p50 / p95"), the ratio taken on the first."""
    if newsdesk is None or fts5 is None:
        return label, "n/a", "n/a", "n/a"
    nd = " / ".join(_number(getattr(newsdesk, name), 1) for name in which)
    ft = " / ".join(_number(getattr(fts5, name), 1) for name in which)
    ratios = " / ".join(_ratio(getattr(newsdesk, name), getattr(fts5, name)) for name in which)
    return label, nd, ft, ratios


def table(rows: Sequence[Row]) -> str:
    header: Row = ("metric", "newsdesk", "FTS5", "ratio")
    widths = [max(len(line[column]) for line in (header, *rows)) for column in range(4)]
    lines = []
    for number, line in enumerate((header, *rows)):
        cells = [line[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)
        ]
        lines.append(" | ".join(cells))
        if number == 0:
            lines.append("-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def machine_line(machine: Mapping[str, str]) -> str:
    return (
        f"machine: {machine['cpus']} CPUs, {machine['cpu_model']}, {machine['ram']} RAM, Python {machine['python']},"
        f" SQLite {machine['sqlite']}; load {machine.get('load', '?')} at start; {machine['date']}\n"
        f"newsdesk: {machine.get('revision', 'unknown')}"
    )


def size_rows(figures: Mapping[str, Any]) -> list[Row]:
    build, disk = figures["build"], figures["disk_bytes"]
    nd_build, ft_build = build["newsdesk"], build["fts5"]
    search = figures["search"]
    related = figures["related"]
    app = figures.get("app")
    rows = [
        row("articles", nd_build["count"], ft_build["count"], 0),
        row(
            "ingest throughput, with entities and dates (articles/s)",
            nd_build["count"] / nd_build["seconds"],
            ft_build["count"] / ft_build["seconds"],
            0,
        ),
        row("total build time (s)", nd_build["seconds"], ft_build["seconds"], 1),
        # newsdesk's text is searchable before its entities are found (index.adding); older builds lack the figure.
        row(
            "time until every article is searchable (s)",
            nd_build.get("searchable_seconds", nd_build["seconds"]),
            ft_build["seconds"],
            1,
        ),
        row("ingest peak RSS, largest process (MB)", nd_build["max_rss_kb"] / 1024, ft_build["max_rss_kb"] / 1024, 0),
        row(
            "ingest peak RSS, whole process tree (MB)",
            nd_build["tree_peak_kb"] / 1024,
            ft_build["tree_peak_kb"] / 1024,
            0,
        ),
        row("size on disk: library folder / db (MB)", disk["newsdesk_library"] / MB, disk["fts5"] / MB, 1),
        row("size on disk: whoosh/ only vs db (MB)", disk["newsdesk_whoosh"] / MB, disk["fts5"] / MB, 1),
        row(
            f"cold open + 1 query, new process (ms, median of {len(figures['cold_open_ms']['newsdesk'])})",
            figures["cold_open"]["newsdesk"],
            figures["cold_open"]["fts5"],
            0,
        ),
        spread_row(
            f"search, {search['count']} queries x{search['repeat']} (ms p50 / p95 / mean)",
            _spread(search["newsdesk"]),
            _spread(search["fts5"]),
            ("p50", "p95", "mean"),
        ),
        spread_row(
            f"  of which {search['dated_count']} with date filters",
            _spread(search["newsdesk_dated"]),
            _spread(search["fts5_dated"]),
            ("p50", "p95", "mean"),
        ),
        (
            "  queries whose match counts agree: exactly / within 5%",
            f"{search['same_total']} / {search['close_total']} of {search['count']}",
            "",
            "",
        ),
        spread_row(
            f"related, {related['count']} articles (ms p50 / p95)",
            _spread(related["newsdesk"]),
            _spread(related["fts5"]),
            ("p50", "p95"),
        ),
        row(
            f"timeline, whole library (ms, median of {len(figures['timeline']['newsdesk_ms'])})",
            figures["timeline"]["newsdesk"],
            figures["timeline"]["fts5"],
            1,
        ),
    ]
    if app is None:
        rows.append(("app (skipped: --skip-app)", "-", "n/a", "n/a"))
    else:
        rows += [
            ("app: first paint with rows (s)", _number(app["first_paint_s"], 2), "n/a", "n/a"),
            ("app: all start-up loads done (s)", _number(app["settled_s"], 2), "n/a", "n/a"),
            ("app: peak RSS (MB)", _number(app["peak_rss_kb"] / 1024, 0), "n/a", "n/a"),
        ]
    return rows


def _spread(values: Mapping[str, float] | None) -> Spread | None:
    if not values:
        return None
    return Spread(values["p50"], values["p95"], values["mean"], int(values["count"]))
