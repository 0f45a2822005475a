"""`newsdesk feeds` and `newsdesk refresh`, and what every command that adds reports (index.cli runs them)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from index.cli_progress import progress_printer
from index.errors import NewsdeskError
from index.ingest.document import is_url
from index.json_views import feeds_json, print_json, refresh_json
from index.library import Library
from index.model import AddReport
from index.subscriptions import RefreshReport

# The CLI's exit statuses, kept here because index.cli imports this module (not the other way round).
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def report_failures(report: AddReport, err: TextIO) -> None:
    for outcome in report.outcomes:
        if outcome.status == "failed":
            err.write(f"newsdesk: {outcome.input}: {outcome.error}\n")


def feeds_command(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    if args.feeds_command == "add":
        return _report_refresh(library.subscribe(args.feeds, progress_printer(err)), args.json, out, err)
    if args.feeds_command == "remove":
        return _unsubscribe(args, library, out)
    feeds = library.feeds()
    if args.json:
        print_json(feeds_json(feeds), out)
    for info in [] if args.json else feeds:
        state = f"failing: {info.subscription.error}" if info.subscription.error else f"{info.articles} articles"
        out.write(f"{info.subscription.title or '-'}  {info.subscription.location}  ({state})\n")
    return EXIT_OK


def _unsubscribe(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    subscribed = {info.subscription.location: info.articles for info in library.feeds()}
    # As `feeds add` stored them: a URL trimmed, a file by its absolute path (the file may be gone by now).
    feeds = list(
        dict.fromkeys(
            given.strip() if is_url(given.strip()) else str(Path(given.strip()).expanduser().resolve())
            for given in args.feeds
        )
    )
    if unknown := [feed for feed in feeds if feed not in subscribed]:
        raise NewsdeskError(f"not subscribed to {unknown[0]} (see `newsdesk feeds list`)")
    for feed in feeds:
        library.unsubscribe(feed)
    if args.json:
        print_json({"unsubscribed": feeds}, out)
    else:
        out.writelines(
            f"unsubscribed  {feed}  (its {subscribed[feed]} articles stay: `newsdesk remove ID` takes one out)\n"
            for feed in feeds
        )
    return EXIT_OK


def refresh_command(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    if not library.feeds():
        raise NewsdeskError("no feeds to refresh: subscribe with `newsdesk feeds add URL`")
    return _report_refresh(library.refresh(progress_printer(err)), args.json, out, err)


def _report_refresh(report: RefreshReport, as_json: bool, out: TextIO, err: TextIO) -> int:
    if as_json:
        print_json(refresh_json(report), out)
    else:
        for feed in report.feeds:
            out.write(f"{feed.status:12}  {feed.feed}  {feed.error or f'{feed.entries} entries'}\n")
        articles = report.articles
        out.write(f"{articles.count('added')} added, {articles.count('updated')} updated\n")
    for feed in report.feeds:
        if feed.status == "failed":
            err.write(f"newsdesk: {feed.feed}: {feed.error}\n")
    report_failures(report.articles, err)
    return EXIT_FAILED if report.failed else EXIT_OK
