"""Library-wide identity: aliases merge across articles, different referents never do, user edits win."""

from __future__ import annotations

from index.identity import EntityRegistry, UserEdits
from index.model import EntityKind, FoundEntity, Mention


def found(name: str, kind: EntityKind = "person", *forms: str) -> FoundEntity:
    all_forms = (name, *forms)
    return FoundEntity(name, kind, all_forms, tuple(Mention("body", 0, len(f)) for f in all_forms))


def ids(registry: EntityRegistry, *entities: FoundEntity) -> tuple[str, ...]:
    return registry.resolve(list(entities)).ids


def test_spellings_and_a_typo_of_one_person_merge_across_articles() -> None:
    registry = EntityRegistry()
    (first,) = ids(registry, found("Sergei Lavrov", "person", "Mr Lavrov"))
    assert ids(registry, found("Sergi Lavrov")) == (first,)
    assert ids(registry, found("Lavrov")) == (first,)
    assert ids(registry, found("Ri Yong Ho", "person", "Mr Ri")) != (first,)
    (ri,) = ids(registry, found("Ri Yong-ho"))
    assert ids(registry, found("Ri Yong Ho")) == (ri,)
    assert registry.display_name(first) == "Sergei Lavrov"
    assert set(registry.entities[first].forms) == {"Sergei Lavrov", "Mr Lavrov", "Sergi Lavrov", "Lavrov"}


def test_a_bare_name_seen_first_joins_the_full_name_that_owns_it() -> None:
    registry = EntityRegistry()
    (bare,) = ids(registry, found("Vorontsov"))
    assert ids(registry, found("Alexander Vorontsov")) == (bare,)
    assert registry.display_name(bare) == "Alexander Vorontsov"


def test_different_people_sharing_a_surname_never_merge() -> None:
    registry = EntityRegistry()
    kims = ids(registry, found("Kim Jong Un"), found("Kim Il-sung"), found("Kim Jong-il"))
    assert len(set(kims)) == 3
    assert ids(registry, found("Kim Jong-un")) == (kims[0],)
    (bare_kim,) = ids(registry, found("Kim"))
    assert bare_kim not in kims  # ambiguous across the library: kept apart, never guessed


def test_acronyms_join_their_long_form_in_either_order() -> None:
    registry = EntityRegistry()
    (short,) = ids(registry, found("UNSC", "org"))
    assert ids(registry, found("United Nations Security Council", "org")) == (short,)
    assert registry.display_name(short) == "United Nations Security Council"
    (afp,) = ids(registry, found("Agence France-Presse", "org"))
    assert ids(registry, found("AFP", "org")) == (afp,)
    (nsc,) = ids(registry, found("US National Security Council", "org"))
    assert nsc != short
    (us,) = ids(registry, found("United States", "place"))
    assert ids(registry, found("US", "place")) == (us,)


def test_places_with_one_differing_word_stay_apart() -> None:
    registry = EntityRegistry()
    north, south = ids(registry, found("North Korea", "place", "N. Korea"), found("South Korea", "place"))
    assert north != south
    assert ids(registry, found("N. Korea", "place")) == (north,)


def test_user_merge_and_split_apply_to_new_articles() -> None:
    registry = EntityRegistry()
    (peskov,) = ids(registry, found("Dmitry Peskov"))
    (kremlin,) = ids(registry, found("Kremlin", "org"))
    edits = UserEdits(merged_into={kremlin: peskov}, split_forms={("person", "hui"): "person:hui"})
    edited = EntityRegistry(edits)
    assert ids(edited, found("Kremlin", "org")) == (peskov,)
    resolution = edited.resolve([found("Choe Son Hui", "person", "Hui")])
    assert resolution.forms_by_id["person:hui"] == ("Hui",)
    assert "Hui" not in resolution.forms_by_id[resolution.ids[0]]


def test_an_organisations_leading_acronym_is_its_bare_name() -> None:
    registry = EntityRegistry()
    (ria,) = ids(registry, found("RIA", "org"))
    assert ids(registry, found("RIA Novosti", "org")) == (ria,)
    (reuters,) = ids(registry, found("Reuters", "org"))
    assert ids(registry, found("Reuters Television", "org")) != (reuters,)  # not an acronym: may be another org
