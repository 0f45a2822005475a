"""When two inputs are one article: the same link (normalised), else the same text (a fingerprint of its words).

The same story arrives from two feeds with tracking parameters, over http and https, with and without a trailing
slash; or re-published under another link with identical text. Neither the raw bytes (a feed entry's JSON differs
per feed) nor the URL alone catches all of these.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

_WORD = re.compile(r"\w+")


def url_key(url: str | None) -> str | None:
    """The link without what does not change the page: scheme, "www.", tracking parameters, fragment, trailing
    slash, case of the host. None for no link or one that is not http(s)."""
    if not url or not url.strip().lower().startswith(("http://", "https://")):
        return None
    from courlan import normalize_url  # ~100 ms to import: only adding and link-following need it

    try:
        normalised = normalize_url(url.strip(), strict=True)  # courlan drops tracking parameters and the fragment
    except ValueError:
        return None
    parts = urlsplit(normalised)
    query = f"?{parts.query}" if parts.query else ""
    return parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/") + query


def text_fingerprint(title: str, body: str) -> str | None:
    """The same words in the same order, whatever the spacing, case or punctuation (None for a body too short to
    tell two articles apart by: headline-only entries must not all collapse into one)."""
    words = _WORD.findall(body.lower())
    if len(words) < 20:
        return None
    canonical = " ".join(_WORD.findall(title.lower())) + "\n" + " ".join(words)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:24]
