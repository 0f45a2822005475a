"""`newsdesk`'s scriptable side: every view as JSON on stdout (`--json`), errors as one line on stderr.

The CLI never imports Textual, so scripts start fast. With no command, the launcher in `tui/` runs the app; this
module only receives it as a callable (`index/` never imports the UI).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from index.cli_feeds import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    feeds_command,
    refresh_command,
    report_failures,
)
from index.cli_progress import progress_printer
from index.errors import NewsdeskError
from index.export import EXPORT_FORMATS, run_export
from index.ingest.document import is_url
from index.json_views import (
    add_json,
    article_json,
    batch_json_lines,
    entity_info_json,
    json_text,
    print_json,
    related_json,
    saved_search_json,
    search_json,
    stories_json,
    timeline_json,
)
from index.library import LIBRARY_ENV, Library, bundled_seeds, open_library
from index.model import ENTITY_KINDS, AddReport, Article, ArticleSummary, EntityInfo, Hit
from index.timeline import GRANULARITIES
from index.watch import watch_folder

AppRunner = Callable[[Library], int]


def _positive(text: str) -> int:
    """--limit: a whole number of at least 1 (argparse turns the error into its usage line)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (what is wrong, and where help is), like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsdesk",
        description="A keyboard-driven news reader. With no command, opens the app.",
    )
    parser.add_argument(
        "--library", metavar="DIR", type=Path, help=f"library folder (default: ${LIBRARY_ENV} or the user data dir)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    add = commands.add_parser("add", help="add article files or folders (recursive), or web pages")
    add.add_argument("paths", nargs="*", metavar="PATH|URL")
    add.add_argument("--seeds", action="store_true", help="add the five bundled seed articles")
    add.add_argument("--json", action="store_true", help="print the report as JSON")

    remove = commands.add_parser("remove", help="take articles out of the library (their files stay where they are)")
    remove.add_argument("ids", nargs="+", metavar="ID", help="an article id, or an unambiguous start of one")
    remove.add_argument("--json", action="store_true")

    articles = commands.add_parser("articles", help="list the library's articles, newest first")
    articles.add_argument("--json", action="store_true")

    show = commands.add_parser("show", help="one article with its clean text")
    show.add_argument("id", help="an article id (or an unambiguous prefix)")
    show.add_argument("--json", action="store_true")

    search = commands.add_parser("search", help="full-text search, best first")
    search.add_argument("query", nargs="?")
    search.add_argument("--batch", metavar="FILE", type=Path, help="one query per line (- for stdin): a JSON line each")
    search.add_argument("--limit", type=_positive, default=20, help="at most N hits (default 20)")
    search.add_argument("--json", action="store_true")

    timeline = commands.add_parser("timeline", help="articles over time, in buckets")
    timeline.add_argument("--by", choices=GRANULARITIES, help="bucket size (default: chosen from the span)")
    timeline.add_argument("--query", help="only the articles a search finds")
    timeline.add_argument("--entity", help="only the articles naming an entity (an id or any of its names)")
    timeline.add_argument("--json", action="store_true")

    related = commands.add_parser("related", help="the articles most related to one, with why")
    related.add_argument("id", nargs="?", help="an article id (or an unambiguous prefix)")
    related.add_argument("--batch", metavar="FILE", type=Path, help="one id per line (- for stdin): a JSON line each")
    related.add_argument("--limit", type=_positive, default=10, help="at most N articles (default 10)")
    related.add_argument("--json", action="store_true")

    stories = commands.add_parser("stories", help="groups of articles about the same event, most recent first")
    stories.add_argument("--json", action="store_true")

    entities = commands.add_parser("entities", help="the library's people, organisations and places")
    entities.add_argument("--kind", choices=ENTITY_KINDS)
    entities.add_argument("--all", action="store_true", help="include entities you hid")
    entities.add_argument("--json", action="store_true")

    entity = commands.add_parser("entity", help="correct the machine: merge, split, rename, hide an entity")
    edits = entity.add_subparsers(dest="edit", metavar="EDIT", required=True)
    merge = edits.add_parser("merge", help="OTHER becomes part of ENTITY")
    merge.add_argument("entity", help="an entity id or any of its names")
    merge.add_argument("other")
    split = edits.add_parser("split", help="FORM stops being a name of ENTITY and becomes an entity of its own")
    split.add_argument("entity")
    split.add_argument("form")
    rename = edits.add_parser("rename", help="show ENTITY as NAME")
    rename.add_argument("entity")
    rename.add_argument("name")
    for hiding in ("hide", "unhide"):
        edits.add_parser(hiding, help=f"{hiding} ENTITY in lists and the sidebar").add_argument("entity")
    for edit_parser in (merge, split, rename, *(edits.choices[name] for name in ("hide", "unhide"))):
        edit_parser.add_argument("--json", action="store_true")

    feeds = commands.add_parser("feeds", help="subscribe to feeds and list them")
    feed_commands = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    feeds_add = feed_commands.add_parser(
        "add", help="subscribe to feeds (URLs, feed files or an OPML list), fetch them"
    )
    feeds_add.add_argument("feeds", nargs="+", metavar="URL|FILE")
    feeds_add.add_argument("--json", action="store_true")
    feed_commands.add_parser("list", help="the subscribed feeds").add_argument("--json", action="store_true")
    feeds_remove = feed_commands.add_parser("remove", help="unsubscribe (the articles the feeds brought stay)")
    feeds_remove.add_argument("feeds", nargs="+", metavar="URL|FILE", help="as `newsdesk feeds list` shows it")
    feeds_remove.add_argument("--json", action="store_true")

    refresh = commands.add_parser("refresh", help="fetch every subscribed feed and add what is new")
    refresh.add_argument("--json", action="store_true")

    watch = commands.add_parser("watch", help="add a folder, then keep adding new and changed files until Ctrl-C")
    watch.add_argument("folder", type=Path, metavar="DIR")
    watch.add_argument("--json", action="store_true", help="one JSON line per batch added")

    export = commands.add_parser("export", help="articles, or a search's best results, as Markdown or JSON")
    export.add_argument("ids", nargs="*", metavar="ID", help="article ids (or unambiguous prefixes)")
    export.add_argument("--query", metavar="Q", help="export the best results of this search instead")
    export.add_argument("--limit", type=_positive, default=20, help="at most N results of --query (default 20)")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="markdown")
    export.add_argument("--output", metavar="FILE", type=Path, help="write FILE (user-only) instead of stdout")
    export.add_argument("--force", action="store_true", help="replace FILE when it exists")

    searches = commands.add_parser("searches", help="saved searches: list (default), save, delete")
    searches.add_argument("--json", action="store_true")
    saved = searches.add_subparsers(dest="searches_command", metavar="ACTION")
    saved.add_parser("list", help="the saved searches, by name")
    saved.add_parser("save", help="save QUERY under NAME (replacing what NAME held)").add_argument("name")
    saved.choices["save"].add_argument("query")
    saved.add_parser("delete", help="forget the saved search NAME").add_argument("name")
    for action in saved.choices.values():  # SUPPRESS: an absent flag must not reset `searches --json`
        action.add_argument("--json", action="store_true", default=argparse.SUPPRESS)

    reindex = commands.add_parser("reindex", help="derive every article again from its original and rebuild the index")
    reindex.add_argument("--json", action="store_true")
    return parser


def _entity_arg(library: Library, text: str) -> str:
    """An entity id from an id or any name of it; an ambiguous name lists the candidates."""
    ids = library.entity_ids_named(None, text)
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise NewsdeskError(f"no entity named {text!r} (see `newsdesk entities`)")
    raise NewsdeskError(f"{text!r} names several entities; give one id: {', '.join(ids)}")


def _edit_entity(args: argparse.Namespace, library: Library) -> EntityInfo:
    entity_id = _entity_arg(library, args.entity)
    if args.edit == "merge":
        library.edit_entity("merge", entity_id, _entity_arg(library, args.other))
    elif args.edit == "split":
        library.edit_entity("split", entity_id, args.form)
    elif args.edit == "rename":
        library.edit_entity("rename", entity_id, args.name)
    else:
        library.edit_entity(args.edit, entity_id)
    return library.entity(entity_id)


def _summary_line(summary: ArticleSummary | Article | Hit) -> str:
    date = summary.published_iso[:10] if summary.published_iso else "undated"
    return f"{summary.id}  {date:10}  {summary.source or '-'}  {summary.title}"


def _add(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    if not args.paths and not args.seeds:
        raise NewsdeskError("nothing to add: give files, folders or web addresses, or --seeds")
    progress = progress_printer(err)
    # Without --json each outcome is printed as soon as it is committed: what was reported added stays added,
    # even if the run is killed.
    stream = None if args.json else lambda outcomes: _write_outcomes(AddReport(tuple(outcomes)), out)
    urls = [given for given in args.paths if is_url(given)]
    files = [Path(given) for given in args.paths if not is_url(given)] + ([bundled_seeds()] if args.seeds else [])
    report = library.add_paths(files, progress, stream) if files else AddReport(())
    if urls:
        report = AddReport(report.outcomes + library.add_urls(urls, progress, stream).outcomes)
    if args.json:
        print_json(add_json(report), out)
    report_failures(report, err)
    return EXIT_FAILED if report.failed else EXIT_OK


def _remove(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    # Every id is checked before anything goes: a mistyped one removes nothing.
    articles = [library.get(library.resolve_id(given)) for given in args.ids]
    removed = library.remove([article.id for article in articles])
    if args.json:
        print_json({"removed": removed}, out)
    else:
        out.writelines(f"removed  {article.id}  {article.title}\n" for article in articles)
    return EXIT_OK


def _write_outcomes(report: AddReport, out: TextIO, quiet_unchanged: bool = False) -> None:
    for outcome in report.outcomes:
        if quiet_unchanged and outcome.status == "unchanged":
            continue
        detail = outcome.error if outcome.status == "failed" else outcome.article_id
        out.write(f"{outcome.status:9}  {outcome.input}  {detail}\n")
    out.flush()


def _articles(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    summaries = library.articles()
    if args.json:
        print_json([article_json(library.get(summary.id)) for summary in summaries], out)
    else:
        out.writelines(_summary_line(summary) + "\n" for summary in summaries)
    return EXIT_OK


def _show(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    article = library.get(args.id)
    if args.json:
        print_json(article_json(article, with_body=True), out)
    else:
        out.write(f"{_summary_line(article)}\n\n{article.body}\n")
    return EXIT_OK


def _batch_lines(batch: Path) -> list[str]:
    """The inputs of a --batch run, one per line; blank lines stay inputs so answers line up with questions."""
    text = sys.stdin.read() if str(batch) == "-" else batch.read_text(encoding="utf-8", errors="replace")
    # Lines are what "\n" separates (not str.splitlines, which also breaks at \f, \x1c, U+2028...), so each line
    # of the file gets exactly one answer; a final newline does not add an empty input.
    return [line.removesuffix("\r") for line in text.removesuffix("\n").split("\n")] if text else []


def _answer_batch(lines: list[str], key: str, answer: Callable[[str], dict[str, Any]], out: TextIO) -> int:
    out.writelines(batch_json_lines(lines, key, answer))
    return EXIT_OK


def _one_of(value: str | None, batch: Path | None, what: str) -> None:
    if (value is None) == (batch is None):
        raise NewsdeskError(f"give either {what} or --batch FILE")


def _search(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    _one_of(args.query, args.batch, "a query")
    if args.batch is not None:
        return _answer_batch(
            _batch_lines(args.batch), "query", lambda q: search_json(library.search(q, limit=args.limit)), out
        )
    result = library.search(args.query, limit=args.limit)
    if args.json:
        print_json(search_json(result), out)
    else:
        out.write(f"{result.total} hits for {result.query!r}\n")
        out.writelines(f"{hit.score:8.2f}  {_summary_line(hit)}\n          {hit.highlights}\n" for hit in result.hits)
        if result.total == 0 and (suggestion := library.suggest(args.query)):
            err.write(f"did you mean: {suggestion}?\n")
    return EXIT_OK


def _timeline(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    within = _entity_arg(library, args.entity) if args.entity else None
    result = library.timeline(by=args.by, query=args.query, within_entity=within)
    if args.json:
        print_json(timeline_json(result), out)
    else:
        widest = max((bucket.count for bucket in result.buckets), default=0) or 1
        out.writelines(
            f"{bucket.start.isoformat()}  {bucket.count:5}  {'#' * round(40 * bucket.count / widest)}\n"
            for bucket in result.buckets
        )
        out.write(f"undated     {len(result.undated):5}\n")
    return EXIT_OK


def _related(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    _one_of(args.id, args.batch, "an article id")
    if args.batch is not None:
        return _answer_batch(
            _batch_lines(args.batch),
            "id",
            lambda i: {"related": related_json(library.related(i.strip(), limit=args.limit))},
            out,
        )
    related = library.related(args.id, limit=args.limit)
    if args.json:
        print_json(related_json(related), out)
    else:
        for item in related:
            apart = "undated" if item.days_apart is None else f"{item.days_apart} d apart"
            out.write(f"{item.score:6.3f}  {item.id}  {item.published_iso or 'undated':10.10}  {item.title}\n")
            out.write(f"        {apart}; shared: {', '.join(item.shared_entities) or '-'}")
            out.write(f"; terms: {', '.join(item.key_terms) or '-'}\n")
    return EXIT_OK


def _stories(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    stories = library.stories()
    if args.json:
        print_json(stories_json(stories), out)
    else:
        out.writelines(
            f"{story.start.isoformat()}..{story.end.isoformat()}  {len(story.articles):4} articles  {story.title}"
            f"  ({story.id})\n"
            for story in stories
        )
    return EXIT_OK


def _entities(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    infos = library.entities(kind=args.kind, include_hidden=args.all)
    if args.json:
        print_json([entity_info_json(info) for info in infos], out)
    else:
        out.writelines(
            f"{len(info.articles):5}  {info.kind:6}  {info.name}  ({info.id}; {', '.join(info.aliases)})\n"
            for info in infos
        )
    return EXIT_OK


def _entity(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    edited = _edit_entity(args, library)
    if args.json:
        print_json(entity_info_json(edited), out)
    else:
        out.write(f"{args.edit}: {edited.name} ({edited.id}); names: {', '.join(edited.aliases)}\n")
    return EXIT_OK


def _watch(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    if not args.folder.is_dir():
        raise NewsdeskError(f"{args.folder}: not a folder")

    def show(report: AddReport) -> None:
        if args.json:
            out.write(json_text(add_json(report), indent=None))
        else:
            _write_outcomes(report, out, quiet_unchanged=True)
        report_failures(report, err)
        out.flush()

    err.write(f"watching {args.folder} (Ctrl-C stops)\n")
    watch_folder(library, args.folder, show)
    return EXIT_OK


def _reindex(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    count = library.reindex(progress_printer(err))
    if args.json:
        print_json({"reindexed": count}, out)
    else:
        out.write(f"reindexed {count} articles\n")
    return EXIT_OK


def _export(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    out.write(run_export(library, args.ids, args.query, args.limit, args.format, args.output, args.force))
    return EXIT_OK


def _searches(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    """List the saved searches; save and delete show the list they leave (one output shape for all three)."""
    if args.searches_command == "save":
        library.save_search(args.name, args.query)
    elif args.searches_command == "delete":
        library.delete_search(args.name)
    listed = [saved_search_json(saved) for saved in library.saved_searches()]
    if args.json:
        print_json(listed, out)
    else:
        out.writelines(f"{item['name']}  {item['query']}  (saved {item['saved_at']})\n" for item in listed)
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, Library, TextIO, TextIO], int]] = {
    "add": _add,
    "remove": _remove,
    "articles": _articles,
    "show": _show,
    "search": _search,
    "timeline": _timeline,
    "related": _related,
    "stories": _stories,
    "entities": _entities,
    "entity": _entity,
    "feeds": feeds_command,
    "refresh": refresh_command,
    "watch": _watch,
    "reindex": _reindex,
    "export": _export,
    "searches": _searches,
}


def main(
    argv: Sequence[str] | None = None,
    app_runner: AppRunner | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    args = build_parser().parse_args(argv)
    try:
        library = open_library(args.library)
    except (NewsdeskError, OSError, sqlite3.Error) as error:
        err.write(f"newsdesk: cannot open the library: {error}\n")
        return EXIT_FAILED
    try:
        if args.command is None:
            if app_runner is None:
                err.write("newsdesk: no command given (see --help)\n")
                return EXIT_USAGE
            return app_runner(library)
        return _COMMANDS[args.command](args, library, out, err)
    except BrokenPipeError:
        # `newsdesk articles | head`: the reader went away; that is not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (NewsdeskError, OSError, sqlite3.Error) as error:
        err.write(f"newsdesk: {error}\n")
        return EXIT_FAILED
    except KeyboardInterrupt:
        err.write("newsdesk: interrupted\n")
        return EXIT_INTERRUPTED
    except Exception as error:
        # A bug of ours still reaches the user as one line; NEWSDESK_DEBUG=1 shows the traceback for a report.
        if os.environ.get("NEWSDESK_DEBUG"):
            raise
        err.write(f"newsdesk: internal error ({type(error).__name__}: {error}); NEWSDESK_DEBUG=1 shows details\n")
        return EXIT_FAILED
    finally:
        library.close()
