"""The languages publication dates are read in: dateutil parserinfo tables and the words for "published"/"updated".

Names are without accents: input is folded the same way, so "février", "fevrier" and "März"/"Marz" all match.
Also the time-zone abbreviations a date may carry. Used by index.dates and index.page_dates.
"""

from __future__ import annotations

from dateutil import parser as date_parser
from dateutil import tz


class _French(date_parser.parserinfo):
    MONTHS = [
        ("janv", "janvier"),
        ("fevr", "fevrier"),
        ("mars", "mars"),
        ("avr", "avril"),
        ("mai", "mai"),
        ("juin", "juin"),
        ("juil", "juillet"),
        ("aout", "aout"),
        ("sept", "septembre"),
        ("oct", "octobre"),
        ("nov", "novembre"),
        ("dec", "decembre"),
    ]
    WEEKDAYS = [
        ("lun", "lundi"),
        ("mar", "mardi"),
        ("mer", "mercredi"),
        ("jeu", "jeudi"),
        ("ven", "vendredi"),
        ("sam", "samedi"),
        ("dim", "dimanche"),
    ]
    JUMP = [*date_parser.parserinfo.JUMP, "le", "du", "er"]


class _Spanish(date_parser.parserinfo):
    MONTHS = [
        ("ene", "enero"),
        ("feb", "febrero"),
        ("mar", "marzo"),
        ("abr", "abril"),
        ("may", "mayo"),
        ("jun", "junio"),
        ("jul", "julio"),
        ("ago", "agosto"),
        ("sep", "sept", "septiembre"),
        ("oct", "octubre"),
        ("nov", "noviembre"),
        ("dic", "diciembre"),
    ]
    WEEKDAYS = [
        ("lun", "lunes"),
        ("mar", "martes"),
        ("mie", "miercoles"),
        ("jue", "jueves"),
        ("vie", "viernes"),
        ("sab", "sabado"),
        ("dom", "domingo"),
    ]
    JUMP = [*date_parser.parserinfo.JUMP, "de", "del", "el"]


class _German(date_parser.parserinfo):
    MONTHS = [
        ("jan", "januar", "janner"),
        ("feb", "februar"),
        ("mar", "marz", "maerz"),
        ("apr", "april"),
        ("mai", "mai"),
        ("jun", "juni"),
        ("jul", "juli"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("okt", "oktober"),
        ("nov", "november"),
        ("dez", "dezember"),
    ]
    WEEKDAYS = [
        ("mo", "montag"),
        ("di", "dienstag"),
        ("mi", "mittwoch"),
        ("do", "donnerstag"),
        ("fr", "freitag"),
        ("sa", "samstag"),
        ("so", "sonntag"),
    ]
    JUMP = [*date_parser.parserinfo.JUMP, "den"]


# (language, parserinfo, its words for "published" and for "updated"); English first, day-first for the others.
LANGUAGES: list[tuple[str, date_parser.parserinfo, str, str]] = [
    ("en", date_parser.parserinfo(), r"published|posted|first published", r"updated|last modified|modified"),
    ("fr", _French(dayfirst=True), r"publie|paru", r"mis a jour|modifie|actualise"),
    ("es", _Spanish(dayfirst=True), r"publicado|publicacion", r"actualizado|modificado"),
    ("de", _German(dayfirst=True), r"veroffentlicht|erschienen|publiziert", r"aktualisiert|geandert|stand"),
]

# Zone abbreviations a byline may carry, as fixed offsets (an abbreviation names the offset, not a region's rules).
# "CST" is US Central, the wire-service reading; "IST" (India, Ireland, Israel) is left out as undecidable.
_HOUR = 3600
TZINFOS: dict[str, tz.tzoffset] = {
    name: tz.tzoffset(name, int(hours * _HOUR))
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "WET": 0,
        "BST": 1,
        "WEST": 1,
        "CET": 1,
        "MEZ": 1,
        "CEST": 2,
        "MESZ": 2,
        "EET": 2,
        "EEST": 3,
        "MSK": 3,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "HNE": -5,
        "HAE": -4,
        "JST": 9,
        "KST": 9,
        "HKT": 8,
        "IST": 5.5,  # India's, by far the most frequent in news datelines (Irish and Israel times share the name)
        "SGT": 8,
        "AWST": 8,
        "ACST": 9.5,
        "AEST": 10,
        "AEDT": 11,
        "NZST": 12,
        "NZDT": 13,
    }.items()
}
