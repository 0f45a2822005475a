"""GMB label cleaning for the newsdesk NER training data (used by bench/ner/prepare.py).

Maps GMB's types to LOC/ORG/PER, merges names GMB's token-level tags split into several spans, relabels a
surface form to the class the corpus gives it in the large majority of its occurrences, turns country names
labelled ``org`` into LOC, and strips leading titles from person spans. The rules are listed in prepare.py's
docstring (its ``--help``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

KEEP = {"geo": "LOC", "org": "ORG", "per": "PER"}
TIE_ORDER = {"geo": 3, "per": 2, "org": 1}
DROPPED = {"tim", "gpe", "art", "eve", "nat"}

# Title words stripped from the front of per spans (compared case-insensitively, token by token).
TITLE_WORDS = {
    "mr.",
    "mrs.",
    "ms.",
    "mr",
    "mrs",
    "ms",
    "dr.",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "president-elect",
    "vice",
    "prime",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "secretary-general",
    "general",
    "gen.",
    "lieutenant",
    "lt.",
    "colonel",
    "col.",
    "major",
    "maj.",
    "captain",
    "capt.",
    "admiral",
    "adm.",
    "sergeant",
    "sgt.",
    "commander",
    "marshal",
    "brigadier",
    "senator",
    "sen.",
    "representative",
    "rep.",
    "congressman",
    "congresswoman",
    "governor",
    "gov.",
    "mayor",
    "judge",
    "justice",
    "attorney",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "sheikh",
    "sheik",
    "pope",
    "cardinal",
    "archbishop",
    "bishop",
    "reverend",
    "rev.",
    "father",
    "ayatollah",
    "mullah",
    "imam",
    "cleric",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "deputy",
    "acting",
    "former",
    "chief",
    "state",
    "of",
    "u.s.",
    "u.n.",
    "opposition",
    "leader",
    "chairman",
    "director",
    "first",
    "agriculture",
    "health",
    "energy",
    "trade",
    "economy",
    "homeland",
    "security",
    "treasury",
    "information",
    "education",
    "labor",
    "oil",
    "army",
    "military",
    "top",
    "senior",
    "speaker",
    "commissioner",
    "minister-president",
    "presidential",
    "candidate",
    "professor",
    "prof.",
    "doctor",
    "officer",
    "president's",
    "crown",
    "grand",
    "prophet",
    "saint",
}
# Words that may only be stripped when more name follows (never strip a span down to one of these).
NAME_PARTICLES = {"of"}

TOKEN_RE = re.compile(r"\S+")


def strip_title(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return the span without leading title words, or None if nothing but titles is left."""
    span = text[start:end]
    toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(span)]
    i = 0
    while i < len(toks) and toks[i][2].lower() in TITLE_WORDS:
        i += 1
    if i == len(toks):
        return None
    # "of" left dangling at the start (e.g. "Secretary of State Rice" handled above); never start with "of"
    while i < len(toks) and toks[i][2].lower() in NAME_PARTICLES:
        i += 1
    if i == len(toks):
        return None
    new_start = start + toks[i][0]
    # a remaining span that starts lower-case is not a name ("prime minister" fragments)
    if not text[new_start].isupper():
        return None
    return new_start, end


def country_names() -> set[str]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - documented requirement of this script
        print("warning: pycountry not installed; skipping country relabelling")
        return set()
    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.add(v.lower())
        names.add(c.alpha_2.lower())
        names.add(c.alpha_3.lower())
    dotted = {
        "u.s.",
        "u.s",
        "us",
        "usa",
        "u.s.a.",
        "uk",
        "u.k.",
        "britain",
        "great britain",
        "russia",
        "iran",
        "syria",
        "south korea",
        "north korea",
        "vietnam",
        "venezuela",
        "bolivia",
        "tanzania",
        "laos",
        "moldova",
        "taiwan",
        "the united states",
        "united states",
        "america",
    }
    names |= dotted
    # Two-letter codes that are also ordinary org acronyms in news would be dangerous; keep only those
    # the GMB data itself mostly labels geo (checked at relabel time via the majority vote as well).
    return names


def span_counts(records: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        for e in r["entities"]:
            counts[e["text"]][e["type"]] += 1
    return counts


def majority_labels(counts: dict[str, Counter[str]], countries: set[str]) -> dict[str, str]:
    """Surface form -> majority GMB type, for forms seen >= 5 times with a >= 75% majority.

    Forms split between org and geo where org has >= 40% and that are not country names ("U.N.": geo 292,
    org 284) are organisations: GMB's tagger tends to call any name in a place-like slot geo."""
    out: dict[str, str] = {}
    for form, c in counts.items():
        total = sum(c.values())
        label, n = c.most_common(1)[0]
        if total >= 5 and n / total >= 0.75:
            out[form] = label
        elif total >= 5 and c["org"] / total >= 0.4 and form.lower() not in countries:
            out[form] = "org"
    return out


def merge_split_spans(
    record: dict[str, Any], counts: dict[str, Counter[str]], stats: Counter[str]
) -> list[dict[str, Any]]:
    """Undo GMB's token-level type flips inside one name.

    Adjacent spans (one space apart) whose concatenation is itself annotated as one span elsewhere in the
    corpus are merged with that form's majority type: "Sri"/per + "Lanka"/gpe -> "Sri Lanka"/geo,
    "Czech"/gpe + "Republic"/geo -> geo, "North"/geo + "Korean"/gpe -> gpe (a demonym, later dropped),
    "Mr."/per + "Yushchenko"/org -> per. A title-only per span directly followed by another span makes that
    span a person ("Mr."/per + "Maliki"/geo)."""
    text = record["text"]
    ents = [dict(e) for e in record["entities"]]
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(ents):
        cur = ents[i]
        while (
            i + 1 < len(ents)
            and text[cur["end"] : ents[i + 1]["start"]] == " "
            and "tim" not in (cur["type"], ents[i + 1]["type"])
        ):
            nxt = ents[i + 1]
            combined = text[cur["start"] : nxt["end"]]
            whole = counts.get(combined)
            if whole:
                # ties go to the more specific name class (Czech Republic: geo 1, org 1, gpe 1 -> geo)
                label = max(whole, key=lambda t: (whole[t], TIE_ORDER.get(t, 0)))
                stats[f"merged {cur['type']}+{nxt['type']}->{label}"] += 1
            elif cur["type"] == "per" and strip_title(text, cur["start"], cur["end"]) is None:
                label = "per"
                stats[f"merged title+{nxt['type']}->per"] += 1
            else:
                break
            cur = {"start": cur["start"], "end": nxt["end"], "text": combined, "type": label}
            i += 1
        out.append(cur)
        i += 1
    return out


def map_gmb(
    record: dict[str, Any], majority: dict[str, str], countries: set[str], stats: Counter[str]
) -> list[tuple[int, int, str]]:
    text = record["text"]
    out: list[tuple[int, int, str]] = []
    for e in record["entities"]:  # already merged by merge_split_spans
        typ = e["type"]
        maj = majority.get(e["text"])
        if maj is not None and maj != typ:
            stats[f"relabel {typ}->{maj}"] += 1
            typ = maj
        if typ not in KEEP:
            continue
        label = KEEP[typ]
        start, end = e["start"], e["end"]
        if label == "ORG" and e["text"].lower() in countries:
            stats["org->LOC country"] += 1
            label = "LOC"
        if label == "PER":
            stripped = strip_title(text, start, end)
            if stripped is None:
                stats["per title-only dropped"] += 1
                continue
            if stripped[0] != start:
                stats["per title stripped"] += 1
            start, end = stripped
        out.append((start, end, label))
    return out
