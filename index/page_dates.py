"""A web page's publication date from its metadata, <time> elements, bylines and URL, in order of trust.

A byline or URL without a full date gives none (no day 1 or year guessed); a modified date counts only when
nothing else states a date. Metadata values and print lines are read by index.dates.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from dateutil import parser as date_parser

from index.date_languages import LANGUAGES, TZINFOS
from index.dates import parse_date_value, read_print_line


@dataclass(frozen=True)
class PublicationDate:
    value: dt.date  # a datetime when the time of day is known, tz-aware when the source names the zone
    source: str  # "meta:<name>", "json-ld:<property>", "time-element", "byline", "dateline", "print-line", "url"


_ZONE = "(?:" + "|".join(sorted(TZINFOS, key=len, reverse=True)) + r")\b|[+-]\d{2}:?\d{2}\b"
# A time after the date: "09:15 BST", "à 10h02", "a las 10:02", "um 10:02 Uhr", "9.15am"; joiners folded.
_TIME = re.compile(
    r"(?:\s*(?:,|-|–|\||a las|a la|a|um|at|@|kl\.?)\s*|\s+)(?P<h>[012]?\d)"
    r"(?:(?:\s*h\s*|:|\.(?=\d\d\s*(?:uhr|[ap]\.?m)))(?P<m>\d\d))?\s*(?:uhr|h\b)?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*\(?(?P<zone>" + _ZONE + r")\)?)?",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_DATELINE_SHAPE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Za-z. ]+)?,\s")


def _fold(text: str) -> str:
    """Accents off ("é" -> "e"), case kept: dateutil reads a zone abbreviation only in capitals."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _month_pattern(info: date_parser.parserinfo) -> str:
    names = sorted({name for names in info.MONTHS for name in names}, key=len, reverse=True)
    return "(?:" + "|".join(names) + r")\b\.?"


def _date_patterns(info: date_parser.parserinfo) -> list[re.Pattern[str]]:
    month = _month_pattern(info)
    return [
        re.compile(
            rf"(?<!\d)\d{{1,2}}(?:er|\.|º|°|st|nd|rd|th)?\s+(?:de\s+)?{month},?\s+(?:de\s+|del\s+)?\d{{4}}(?!\d)",
            re.IGNORECASE,
        ),
        re.compile(rf"\b{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?!\d)", re.IGNORECASE),
    ]


_PATTERNS_BY_LANGUAGE = [
    (code, info, _date_patterns(info), published, updated) for code, info, published, updated in LANGUAGES
]


def date_from_byline(text: str) -> tuple[dt.date, bool] | None:
    """The date a byline states ("Published 11 April 2018, 09:15 BST", "Mis à jour le 19 octobre 2023 à 10h02",
    "Veröffentlicht am 19.10.2023"), and whether the byline calls it an update; None when it states no full date.

    A published date wins over an updated one in the same text. Numeric dates are day-first except in English,
    where 04/11/2018 is left alone unless a part is above 12.
    """
    folded = _fold(text)
    found: list[tuple[bool, int, dt.date]] = []
    for _, info, patterns, published_words, updated_words in _PATTERNS_BY_LANGUAGE:
        for pattern in patterns:
            for match in pattern.finditer(folded):
                value = _parse_with_time(folded, match, info)
                if value is not None:
                    found.append(
                        (_is_update(folded, match.start(), published_words, updated_words), match.start(), value)
                    )
        if found:
            break
    if not found:
        every_published = "|".join(language[2] for language in LANGUAGES)
        every_updated = "|".join(language[3] for language in LANGUAGES)
        found = [
            (_is_update(folded, match.start(), every_published, every_updated), match.start(), value)
            for match, value in _numeric_dates(folded)
        ]
    if not found:
        return None
    is_update, _, value = min(found, key=lambda item: (item[0], item[1]))
    return value, is_update


def publication_date_from_page(
    meta: Mapping[str, str],
    json_ld: Sequence[Mapping[str, object]],
    time_elements: Sequence[tuple[str | None, str]],
    url: str | None,
    byline_texts: Sequence[str],
) -> PublicationDate | None:
    """The page's publication date from the most trusted place that states one: explicit metadata (Open Graph
    article tags, JSON-LD datePublished, other publication meta tags), then <time> elements, then byline text,
    then the URL's date; a modified date only when nothing else says anything. None rather than a guess."""
    meta = {key.lower(): value for key, value in meta.items()}
    objects = list(_json_ld_objects(json_ld))
    candidates: list[Iterator[PublicationDate]] = [
        _from_meta(meta, _META_PRIMARY),
        _from_json_ld(objects, "datePublished"),
        _from_meta(meta, _META_SECONDARY),
        _from_json_ld(objects, "dateCreated"),
        _from_time_elements(time_elements),
        _from_bylines(byline_texts),
        _from_url(url),
        _from_meta(meta, _META_MODIFIED),
        _from_json_ld(objects, "dateModified"),
    ]
    for source in candidates:
        for found in source:
            return found
    return None


# --- Page metadata, in order of trust.

_META_PRIMARY = ("article:published_time", "og:article:published_time", "og:published_time")
_META_SECONDARY = (
    "datepublished",
    "article.published",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "citation_date",
    "date",
)
_META_MODIFIED = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")


def _from_meta(meta: Mapping[str, str], names: Sequence[str]) -> Iterator[PublicationDate]:
    for name in names:
        value = _parsed(meta.get(name))
        if value is not None:
            yield PublicationDate(value, f"meta:{name}")


def _json_ld_objects(items: Sequence[object]) -> Iterator[Mapping[str, object]]:
    """Every JSON-LD object, articles first ("@graph" lists flattened): a page's WebPage node also has dates."""
    flat: list[Mapping[str, object]] = []

    def walk(item: object) -> None:
        if isinstance(item, Mapping):
            flat.append(item)
            walk(item.get("@graph"))
        elif isinstance(item, list | tuple):
            for child in item:
                walk(child)

    walk(list(items))
    yield from sorted(flat, key=lambda obj: not _is_article(obj))


def _is_article(obj: Mapping[str, object]) -> bool:
    kinds = obj.get("@type")
    names = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    return any(isinstance(name, str) and (name.endswith("Article") or name.endswith("BlogPosting")) for name in names)


def _from_json_ld(objects: Sequence[Mapping[str, object]], prop: str) -> Iterator[PublicationDate]:
    for obj in objects:
        raw = obj.get(prop)
        value = _parsed(raw if isinstance(raw, str) else None)
        if value is not None:
            yield PublicationDate(value, f"json-ld:{prop}")


def _from_time_elements(elements: Sequence[tuple[str | None, str]]) -> Iterator[PublicationDate]:
    # A machine-readable datetime attribute beats any element's text; among texts, the first stated date.
    for attribute, _ in elements:
        value = _parsed(attribute)
        if value is not None:
            yield PublicationDate(value, "time-element")
    for _, text in elements:
        stated = date_from_byline(text)
        if stated is not None:
            yield PublicationDate(stated[0], "time-element")


def _from_bylines(texts: Sequence[str]) -> Iterator[PublicationDate]:
    stated: list[tuple[bool, int, PublicationDate]] = []
    for index, text in enumerate(texts):
        print_line = read_print_line(text)
        if print_line is not None:
            stated.append((False, index, PublicationDate(print_line.published, "print-line")))
            continue
        found = date_from_byline(text)
        if found is not None:
            source = "dateline" if _DATELINE_SHAPE.match(text) else "byline"
            stated.append((found[1], index, PublicationDate(found[0], source)))
    yield from (item[2] for item in sorted(stated, key=lambda item: (item[0], item[1])))


_URL_DATES = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)"),
    re.compile(r"[/_-](?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:[/_.-]|$)"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)(?:[/_.-]|$)"),
)


def _from_url(url: str | None) -> Iterator[PublicationDate]:
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "").split("?")[0]
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            try:
                yield PublicationDate(dt.date(int(match["y"]), int(match["m"]), int(match["d"])), "url")
            except ValueError:  # /2018/13/45/ is an id, not a date
                continue


def _parsed(value: str | None) -> dt.date | None:
    if not value or not value.strip():
        return None
    try:
        return parse_date_value(value)
    except (ValueError, OverflowError):
        return None


def _parse_with_time(folded: str, match: re.Match[str], info: date_parser.parserinfo) -> dt.date | None:
    """The matched date, with the time of day (and zone) written right after it when there is one."""
    time = _TIME.match(folded, match.end())
    has_time = time is not None and (time["m"] is not None or time["ampm"] is not None)
    text = re.sub(r"\b(?:de|del)\b|(?<=\d)(?:er|º|°)", " ", match.group())
    if time is not None and has_time:
        text += f" {time['h']}:{time['m'] or '00'}"
        text += f" {time['ampm'].replace('.', '')}" if time["ampm"] else ""
        text += f" {time['zone'].upper()}" if time["zone"] else ""
    try:
        parsed = date_parser.parse(text, parserinfo=info, tzinfos=TZINFOS)
    except (ValueError, OverflowError):
        return None
    return parsed if has_time else parsed.date()


def _numeric_dates(folded: str) -> Iterator[tuple[re.Match[str], dt.date]]:
    english = not any(
        re.search(rf"\b(?:{p}|{u})\b", folded, re.IGNORECASE) for c, _, _, p, u in _PATTERNS_BY_LANGUAGE if c != "en"
    )
    for iso in _ISO_DATETIME.finditer(folded):
        value = _parsed(iso.group())
        if value is not None:
            yield iso, value
    for match in _NUMERIC_DATE.finditer(folded):
        first, second = int(match["a"]), int(match["b"])
        if english and match["sep"] == "/" and first <= 12 and second <= 12 and first != second:
            continue  # 04/11/2018 on an English page: US or British order, nothing says which
        dayfirst = not english or match["sep"] == "." or first > 12
        value = _parse_with_time(folded, match, date_parser.parserinfo(dayfirst=dayfirst))
        if value is not None:
            yield match, value


def _is_update(folded: str, position: int, published_words: str, updated_words: str) -> bool:
    """Whether the nearest "published"/"updated" word before `position` is an update word."""
    before = folded[:position].lower()
    last_published = max((m.end() for m in re.finditer(published_words, before)), default=-1)
    last_updated = max((m.end() for m in re.finditer(updated_words, before)), default=-1)
    return last_updated > last_published
