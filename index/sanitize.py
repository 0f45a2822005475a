"""Make untrusted text safe to show in a terminal.

Scraped text can carry terminal escape sequences, control characters and invisible format characters (zero-width
spaces, bidi overrides). `sanitize_text` removes them, normalises line breaks to "\\n" and turns tabs and unicode
spaces into plain spaces, in time linear in the size of the text.
"""

from __future__ import annotations

import re

# Each body class stops at ESC, BEL and every C1 control, so a failed match never rescans text that a later
# match attempt starts in: the scan is linear even on megabytes of unterminated sequences.
_CSI = r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
_CONTROL_STRING = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x80-\x9f]*(?:\x07|\x1b\\|\x9c)"  # OSC, DCS...
_OTHER_ESCAPE = r"\x1b[ -/]*[0-~]"  # ESC 7, ESC ( B, ESC c ...
_ESCAPE_SEQUENCE = re.compile(f"{_CSI}|{_CONTROL_STRING}|{_OTHER_ESCAPE}")
_ESCAPE_INTRODUCER = re.compile(r"[\x1b\x90\x98\x9b\x9d\x9e\x9f]")

_UNICODE_SPACES = (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)
# Zero-width and format characters: invisible, they break words for search, and the bidi overrides can
# make a terminal show text in an order that is not the stored one.
_INVISIBLE = (
    0x00AD,
    0x061C,  # Arabic letter mark: a bidi mark like LRM and RLM
    0x180E,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x206A),
    0xFEFF,
)


def _build_character_map() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: None for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))}
    del table[ord("\n")]
    table[ord("\t")] = " "
    # Line-ending controls become line breaks rather than vanishing, so the words on each side stay apart.
    for code in (0x0B, 0x0C, 0x0D, 0x85, 0x2028):
        table[code] = "\n"
    table[0x2029] = "\n\n"
    table.update({code: " " for code in _UNICODE_SPACES})
    table.update({code: None for code in _INVISIBLE})
    return table


_CHARACTER_MAP = _build_character_map()
# A substitution over a class of the mapped characters only touches the few that occur; str.translate with a
# dict looks every character up and is an order of magnitude slower on typical text.
_MAPPED_CHARACTER = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_CHARACTER_MAP)) + "]")


def _mapped(match: re.Match[str]) -> str:
    return _CHARACTER_MAP[ord(match.group())] or ""


def sanitize_text(text: str) -> str:
    """Untrusted text made safe for a terminal: no escape sequences or control/invisible characters,
    "\\n" line breaks, and plain spaces for tabs and unicode spaces."""
    # The substitution tries every position; the single-class search that rules it out is several times faster.
    without_escapes = _ESCAPE_SEQUENCE.sub("", text) if _ESCAPE_INTRODUCER.search(text) else text
    return _MAPPED_CHARACTER.sub(_mapped, without_escapes.replace("\r\n", "\n"))


def one_line(text: str | None) -> str | None:
    """A title, name or other metadata value as shown on one line: sanitized, runs of whitespace (line breaks too)
    made one space; None when nothing is left."""
    return (" ".join(sanitize_text(text).split()) or None) if text else None
