"""From the paths a user gives to Documents: walk folders, recognise each file's format by its content, and read it.

One file may hold many articles (a feed, a JSON Lines file) or none but subscriptions (OPML). A file that cannot be
read fails alone, as one outcome naming it and the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import BadInputError
from index.ingest.document import Document, Metadata
from index.ingest.feed import entry_documents, parse_feed
from index.ingest.jsonl import RecordError, read_json_records, read_jsonl
from index.ingest.opml import Subscription, parse_opml
from index.ingest.sidecar import is_sidecar, metadata_for
from index.ingest.sniff import sniff_format
from index.model import AddOutcome


@dataclass
class ReadInputs:
    documents: list[tuple[str, Document]] = field(default_factory=list)  # (label for the report, document)
    failures: list[AddOutcome] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)  # from OPML files


def input_files(paths: Sequence[Path], library_folder: Path) -> Iterator[tuple[str, Path | None]]:
    """(label, file) for every input; a missing input yields (label, None). Folders are walked recursively,
    skipping hidden files, sidecars and the library's own folder (adding a parent of the library is harmless)."""
    own_folder = library_folder.resolve()
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                inside_library = child.resolve().is_relative_to(own_folder)
                if child.is_file() and not hidden and not inside_library and not is_sidecar(child):
                    yield str(child), child
        elif path.exists():
            yield str(path), path
        else:
            yield str(path), None


def read_inputs(paths: Sequence[Path], library_folder: Path) -> ReadInputs:
    read = ReadInputs()
    for label, file in input_files(paths, library_folder):
        if file is None:
            read.failures.append(AddOutcome(label, "failed", error="no such file or folder"))
            continue
        try:
            _read_file(label, file, read)
        except OSError as error:
            read.failures.append(AddOutcome(label, "failed", error=f"cannot read: {error.strerror}"))
        except BadInputError as error:
            read.failures.append(AddOutcome(label, "failed", error=str(error)))
    return read


def _read_file(label: str, file: Path, read: ReadInputs) -> None:
    read_bytes(label, file.read_bytes(), str(file.resolve()), file.name, read, lambda: metadata_for(file))


def read_bytes(
    label: str, raw: bytes, path: str, name: str, read: ReadInputs, metadata: Callable[[], Metadata]
) -> None:
    """One input (a file's bytes, a fetched page) into `read`, by its format; `metadata` is asked for only when the
    input is one article. Raises BadInputError for an input that cannot be read at all."""
    kind = sniff_format(raw, name)
    if kind == "feed":
        documents = entry_documents(parse_feed(raw, path), path)
        read.documents.extend((f"{label}#{number}", document) for number, document in enumerate(documents, 1))
    elif kind == "jsonl":
        _add_records(read, label, ":", read_jsonl(raw, path))
    elif kind == "json" and (records := read_json_records(raw, path)) is not None:
        if not records:
            raise BadInputError("no articles in it")
        _add_records(read, label, "#", records)
    elif kind == "opml":
        read.subscriptions.extend(parse_opml(raw))
    else:
        form = "text" if kind == "json" else kind  # a "JSON" file that was not: its text is the article
        read.documents.append((label, Document(raw, form, path, metadata(), one_per_path=True)))


def _add_records(read: ReadInputs, label: str, separator: str, records: list[Document | RecordError]) -> None:
    """Records of JSON Lines (a failure names its line: FILE:LINE) or of a JSON document (FILE#N)."""
    for number, item in enumerate(records, 1):
        if isinstance(item, RecordError):
            read.failures.append(AddOutcome(f"{label}{separator}{item.number}", "failed", error=item.reason))
        else:
            read.documents.append((f"{label}#{number}", item))
