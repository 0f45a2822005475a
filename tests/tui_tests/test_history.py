"""The history model on its own (pure Python), and which links the open-link key acts on."""

from __future__ import annotations

import datetime as dt

import pytest

from index.model import Article, Entity
from tui.history import History, Place
from tui.links import is_web_url, link_of, urls_in


def article_place(article_id: str, list_index: int = 0) -> Place:
    return Place("article", article_id=article_id, list_index=list_index)


def test_an_empty_history_goes_nowhere() -> None:
    history = History()
    assert history.current is None and history.position == -1
    assert not history.can_go_back and not history.can_go_forward
    assert history.back() is None and history.forward() is None


def test_back_and_forward_walk_the_places_and_stop_at_the_ends() -> None:
    history = History()
    places = [Place("start"), article_place("a"), Place("search", query="Lavrov", article_id="a")]
    for place in places:
        history.visit(place)
    assert history.current == places[2] and not history.can_go_forward
    assert history.back() == places[1]
    assert history.back() == places[0]
    assert history.back() is None and history.current == places[0]  # no move past the oldest
    assert history.forward() == places[1]
    assert history.forward() == places[2]
    assert history.forward() is None and history.position == 2


def test_a_new_place_after_going_back_drops_the_places_ahead() -> None:
    history = History()
    for article_id in "abc":
        history.visit(article_place(article_id))
    history.back()
    history.back()
    history.visit(article_place("d"))
    assert [place.article_id for place in history.places] == ["a", "d"]
    assert not history.can_go_forward and history.position == 1


def test_the_oldest_places_fall_off_past_the_limit() -> None:
    history = History(limit=3)
    for article_id in "abcde":
        history.visit(article_place(article_id))
    assert [place.article_id for place in history.places] == ["c", "d", "e"]
    assert history.position == 2
    with pytest.raises(ValueError):
        History(limit=0)


def test_go_to_keeps_the_places_ahead_and_refuses_an_index_out_of_bounds() -> None:
    history = History()
    for article_id in "abc":
        history.visit(article_place(article_id))
    assert history.go_to(0).article_id == "a"
    assert history.can_go_forward and len(history.places) == 3
    with pytest.raises(IndexError):
        history.go_to(3)
    with pytest.raises(IndexError):
        history.go_to(-1)


def test_the_current_place_keeps_where_the_user_moved_and_articles_get_their_titles() -> None:
    history = History()
    history.update_current(list_index=1, scroll_y=2.0)  # nothing to update yet: no error
    history.visit(article_place("a", list_index=0))
    history.visit(article_place("b"))
    history.update_current(list_index=3, scroll_y=12.0)
    history.name_article("a", "Lavrov in Pyongyang")
    first, second = history.places
    assert (second.list_index, second.scroll_y) == (3, 12.0)
    assert (first.list_index, first.scroll_y) == (0, 0.0)
    assert first.label == "Article: Lavrov in Pyongyang" and second.label == "Article: b"


def test_labels_and_same_view() -> None:
    lavrov = Entity("person:sergei-lavrov", "Sergei Lavrov", "person")
    april = (dt.date(2018, 4, 1), dt.date(2018, 4, 30))
    assert Place("start").label == "All articles"
    assert Place("search", query="Ri Yong-ho").label == "Search: Ri Yong-ho"
    assert Place("entity", entity=lavrov).label == "Entity: Sergei Lavrov"
    assert Place("dates", dates=april).label == "Dates: 2018-04-01 – 2018-04-30"
    assert Place("dates").label == "Date filter dropped"
    # Same search, filters and article, whatever the cursor: the same view.
    assert Place("search", query="x", list_index=0).same_view(Place("entity", query="x", list_index=4))
    assert not Place("search", query="x").same_view(Place("search", query="x", entity=lavrov))


def make_article(body: str, url: str | None) -> Article:
    return Article(id="a", title="t", body=body, path="a.txt", url=url)


def test_urls_in_text_with_trailing_punctuation_trimmed() -> None:
    text = "See https://example.com/a, or (http://example.org/b). Also file:///etc/passwd."
    assert urls_in(text) == ["https://example.com/a", "http://example.org/b", "file:///etc/passwd"]


def test_the_link_is_the_first_other_url_in_the_body_else_the_articles_own() -> None:
    own = "https://example.com/own"
    assert link_of(make_article(f"At {own} and https://example.com/other.", own)) == "https://example.com/other"
    assert link_of(make_article("No links here.", own)) == own
    assert link_of(make_article("No links here.", None)) is None


def test_only_http_and_https_are_web_links() -> None:
    assert is_web_url("https://example.com/a") and is_web_url("HTTP://example.com")
    for refused in ("file:///etc/passwd", "javascript://x", "ftp://example.com", "https://", "mailto:a@b.c"):
        assert not is_web_url(refused), refused
