"""Articles from web addresses given to `add`: each fetched (index.fetch: deadline, size cap, http(s) only) and read
like a file of the same content: a page's article, a feed's entries, a JSON file's records."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from urllib.parse import urlsplit

from index.errors import BadInputError
from index.fetch import Fetcher, FetchError, FetchRequest, fetch_all
from index.ingest.document import Metadata
from index.ingest.inputs import ReadInputs, read_bytes
from index.model import AddOutcome
from index.refresh import as_utf8


def read_urls(urls: Sequence[str], fetcher: Fetcher) -> ReadInputs:
    read = ReadInputs()
    for request, result in fetch_all(fetcher, [FetchRequest(url) for url in dict.fromkeys(urls)]):
        if isinstance(result, FetchError):
            read.failures.append(AddOutcome(request.url, "failed", error=result.reason))
        elif not result.content:
            read.failures.append(AddOutcome(request.url, "failed", error="the server sent nothing"))
        else:
            address = result.url  # after redirects: the page's own address
            try:
                read_bytes(
                    request.url,
                    as_utf8(result.content, result.charset),
                    address,
                    urlsplit(address).path,
                    read,
                    partial(Metadata, url=address),
                )
            except BadInputError as error:
                read.failures.append(AddOutcome(request.url, "failed", error=str(error)))
    return read
