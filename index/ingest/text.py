"""The plain-text reader: bytes of any common encoding -> a cleaned article.

Decoding goes from the surest evidence to the weakest: a byte-order mark, then strict UTF-8 (which
practically never decodes text in another encoding by accident), then a guess. The guess tries Windows-1252
first when that reads as Latin-script text, because charset-normalizer picks between the single-byte Western
and Central/Eastern European code pages almost at random on the few accented letters of a typical English or
French article; for everything else (Cyrillic, Greek, CJK, ...) its best match is taken.

Files that are not text are refused: known binary magic numbers and NUL bytes (except in UTF-16, whose ASCII
characters have a NUL half) before decoding, a high share of control characters after it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from index.clean import CleanedText, clean_article_text
from index.errors import BadInputError

_BINARY_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # ZIP, and so docx/epub/odt
    b"PK\x05\x06",
    b"\x1f\x8b",  # gzip
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"\x28\xb5\x2f\xfd",  # zstd
    b"\x7fELF",
    b"\xcf\xfa\xed\xfe",  # Mach-O
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE2: legacy .doc/.xls
    b"SQLite format 3\x00",
    b"\x00asm",
)
# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in text files; \t \n \v \f \r are text, and ESC is left to the
# sanitizer because coloured terminal output is still text.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05
# In BOM-less UTF-16 of mostly-ASCII text one byte of each pair is NUL and the other never is.
_MIN_UTF16_NUL_SHARE = 0.3
# Windows-1252 turns Cyrillic, Greek or CJK bytes into a run of accented letters; real Latin-script text has
# only a few of them.
_MAX_ACCENTED_LETTER_SHARE = 0.25
_LETTER = re.compile(r"[^\W\d_]")
_ACCENTED_LETTER = re.compile(r"[^\W\d_A-Za-z]")
# "za¿ó³æ" is Polish read as Windows-1252: a symbol inside a word means the wrong code page (spaces such as
# NBSP, the apostrophe, the Catalan middle dot and the soft hyphen are what does sit between letters).
_SYMBOL_INSIDE_WORD = re.compile(r"[^\W\d_][^\x00-\x7f\w\s’·´\xad][^\W\d_]")
_LATIN_CHECK_SAMPLE_CHARS = 65536


def _decode_with_byte_order_mark(raw: bytes) -> str | None:
    for mark, codec in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return raw[len(mark) :].decode(codec)
            except UnicodeDecodeError:
                raise BadInputError("cannot decode text") from None
    return None


def _decode_bomless_utf16(raw: bytes) -> str | None:
    if len(raw) % 2:
        return None
    even_nuls, odd_nuls = raw[0::2].count(0), raw[1::2].count(0)
    pairs = len(raw) // 2
    if even_nuls == 0 and odd_nuls >= _MIN_UTF16_NUL_SHARE * pairs:
        codec = "utf-16-le"
    elif odd_nuls == 0 and even_nuls >= _MIN_UTF16_NUL_SHARE * pairs:
        codec = "utf-16-be"
    else:
        return None
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _reads_as_latin_text(text: str) -> bool:
    sample = text[:_LATIN_CHECK_SAMPLE_CHARS]
    if _SYMBOL_INSIDE_WORD.search(sample):
        return False
    letters = len(_LETTER.findall(sample))
    return letters > 0 and len(_ACCENTED_LETTER.findall(sample)) <= _MAX_ACCENTED_LETTER_SHARE * letters


def _guess_decoding(raw: bytes) -> str:
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_latin_text(western):
        return western
    best = from_bytes(raw).best()
    if best is None:
        raise BadInputError("cannot decode text")
    return str(best)


def _decode(raw: bytes) -> str:
    text = _decode_with_byte_order_mark(raw)
    if text is not None:
        return text
    if b"\x00" in raw:
        text = _decode_bomless_utf16(raw)
        if text is None:
            raise BadInputError("binary file")
        return text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _guess_decoding(raw)


def _control_share(text: str) -> float:
    return len(_BINARY_CONTROL.findall(text)) / len(text)


def decode_bytes(raw: bytes) -> str:
    """The text of a file's bytes; BadInputError("empty file" | "binary file" | "cannot decode text")."""
    if not raw.strip():
        raise BadInputError("empty file")
    if raw.startswith(_BINARY_MAGIC):
        raise BadInputError("binary file")
    text = _decode(raw)
    if not text.strip():
        raise BadInputError("empty file")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise BadInputError("binary file")
    return text


def read_text(path: Path) -> CleanedText:
    """A plain-text article file, decoded and cleaned."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BadInputError(f"cannot read: {error.strerror or error}") from None
    return clean_article_text(decode_bytes(raw))
