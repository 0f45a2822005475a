"""The entity sidebar, the entity filter and its chip, and the reading view's marked mentions, driven by Pilot over a
real seeded library."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Static

from index.library import Library
from index.model import Article, ArticleSummary, Entity, EntityInfo, EntityMention
from tui.app import NewsdeskApp
from tui.mentions import locate_mentions, paragraph_spans, paragraphs, wrapped_line_of
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar, SidebarEntry, grouped, layout_row
from tui.widgets.filter_chip import FilterChip
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_bar import SearchBar

from .support import SIZE, STRAITS_TIMES_TITLE, listed_ids, search, settle

# Words that pick out one entity each in the seeds (the extractor decides the exact display name and id).
LAVROV = "Lavrov"
VORONTSOV = "Vorontsov"
RI = "Ri Yong"


def named(library: Library, word: str) -> EntityInfo:
    """The library's one entity whose name contains `word`."""
    [info] = [info for info in library.entities() if word in info.name]
    return info


def ids(summaries: list[ArticleSummary]) -> list[str]:
    return [summary.id for summary in summaries]


def sidebar_rows(app: NewsdeskApp) -> list[str]:
    """What the sidebar lists, one line per option (a rule between kinds is not an option)."""
    sidebar = app.screen.query_one(EntitySidebar)
    options = [sidebar.get_option_at_index(index) for index in range(sidebar.option_count)]
    assert all(isinstance(option.prompt, Text) for option in options)  # never a markup string
    return [str(option.prompt) for option in options]


def row_of(app: NewsdeskApp, entity_id: str) -> str:
    sidebar = app.screen.query_one(EntitySidebar)
    return str(sidebar.get_option(entity_id).prompt)


def status(app: NewsdeskApp) -> str:
    return str(app.screen.query_one("#search-status", Static).content)


def chip(app: NewsdeskApp) -> FilterChip:
    return app.screen.query_one("#entity-chip", FilterChip)


def reading(app: NewsdeskApp) -> ReadingView:
    return app.screen.query_one(ReadingView)


async def open_article(pilot: Pilot[None], app: NewsdeskApp, article_id: str) -> None:
    await settle(pilot)
    app.screen.query_one(ArticleList).highlighted = listed_ids(app).index(article_id)
    await pilot.press("enter")
    await settle(pilot)


async def open_straits_times(pilot: Pilot[None], app: NewsdeskApp, library: Library) -> Article:
    [summary] = [summary for summary in library.articles() if summary.title == STRAITS_TIMES_TITLE]
    await open_article(pilot, app, summary.id)
    return library.get(summary.id)


async def choose_entity(pilot: Pilot[None], app: NewsdeskApp, entity_id: str) -> None:
    """Tab to the sidebar, put the cursor on the entity and press Enter."""
    sidebar = app.screen.query_one(EntitySidebar)
    while app.focused is not sidebar:
        await pilot.press("tab")
    sidebar.highlighted = sidebar.get_option_index(entity_id)
    await pilot.press("enter")
    await settle(pilot)


def styled_runs(app: NewsdeskApp, mark: str) -> list[str]:
    """The runs of the shown text styled as a "mention" or the "current-mention" (app.tcss: .reading-view--MARK)."""
    view = reading(app)
    assert view.get_component_rich_style(f"reading-view--{mark}")  # a real style, not a no-op
    content = view.text.content
    return [content.plain[span.start : span.end] for span in content.spans if span.style == mark]


def current_mention_shows(app: NewsdeskApp) -> bool:
    """The current mention is drawn (reversed, as app.tcss styles it) among the reading view's lines on screen."""
    view = reading(app)
    [mention] = styled_runs(app, "current-mention")
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            words = segment.text.strip()
            if words and words in mention and segment.style is not None and segment.style.reverse:
                return True
    return False


def mention_texts(article: Article, entity: str) -> list[str]:
    fields = {"title": article.title, "body": article.body}
    return [fields[m.field][m.start : m.end] for m in article.mentions if m.entity_id == entity]


# -- the sidebar ---------------------------------------------------------------------------------------------------


async def test_the_sidebar_groups_the_articles_entities_with_their_article_counts(
    app: NewsdeskApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(EntitySidebar)
        assert sidebar_rows(app) == ["Open an article to see who and where."]
        assert str(sidebar.border_title) == "Entities · this article"
        article = await open_straits_times(pilot, app, library)
        lavrov, vorontsov = named(library, LAVROV), named(library, VORONTSOV)
        rows = sidebar_rows(app)
        assert rows[0] == "People" and rows.index("People") < rows.index(row_of(app, lavrov.id))
        assert row_of(app, lavrov.id).split() == ["Sergei", "Lavrov", "5"]
        assert vorontsov.name.endswith("Alexander Vorontsov") and row_of(app, vorontsov.id).split()[-1] == "1"
        counts = library.entity_article_counts([entity.id for entity in article.entities])
        width = sidebar.scrollable_content_region.width
        for entity in article.entities:
            row = row_of(app, entity.id)
            assert row.endswith(f" {counts[entity.id]}") and len(row) <= width  # right-aligned in the pane
        # Headings in kind order, each above its own entities; the cursor is on an entity, never a heading.
        kinds = {"person": "People", "org": "Organisations", "place": "Places"}
        headings = [row for row in rows if row in kinds.values()]
        assert headings == [heading for heading in kinds.values() if heading in headings]
        for entity in article.entities:
            above = rows[: rows.index(row_of(app, entity.id))]
            assert [row for row in above if row in headings][-1] == kinds[entity.kind]
        assert sidebar.highlighted_option is not None and sidebar.highlighted_option.id is not None


async def test_t_shows_the_librarys_top_entities_then_the_articles_again(app: NewsdeskApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_straits_times(pilot, app, library)
        article_rows = sidebar_rows(app)
        sidebar = app.screen.query_one(EntitySidebar)
        await pilot.press("tab", "tab")
        assert app.focused is sidebar
        await pilot.press("t")
        await settle(pilot)
        assert str(sidebar.border_title) == "Entities · library"
        top = library.entities()[:50]
        options = [sidebar.get_option_at_index(index) for index in range(sidebar.option_count)]
        rows = {option.id: str(option.prompt) for option in options if option.id is not None}
        assert set(rows) == {info.id for info in top}
        for info in top:
            assert rows[info.id].endswith(f" {len(info.articles)}")
        assert sidebar_rows(app) != article_rows
        await pilot.press("t")
        await settle(pilot)
        assert str(sidebar.border_title) == "Entities · this article"
        assert sidebar_rows(app) == article_rows


# -- the filter ----------------------------------------------------------------------------------------------------


async def test_enter_on_an_entity_filters_the_list_and_shows_a_chip(app: NewsdeskApp, library: Library) -> None:
    seen: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await open_straits_times(pilot, app, library)
        lavrov, vorontsov = named(library, LAVROV), named(library, VORONTSOV)
        await choose_entity(pilot, app, lavrov.id)
        # One message, seen at each stop as it bubbles up to the screen.
        chosen = {message.entity for message in seen if isinstance(message, EntitySidebar.EntityChosen)}
        assert [(entity.id, entity.name) for entity in chosen] == [(lavrov.id, "Sergei Lavrov")]
        assert listed_ids(app) == ids(library.articles(mentioning=lavrov.id)) and len(listed_ids(app)) == 5
        assert chip(app).display and str(chip(app).content) == "✕ Sergei Lavrov"
        assert status(app) == "5 articles"
        assert app.focused is app.screen.query_one(ArticleList)
        await choose_entity(pilot, app, vorontsov.id)
        assert listed_ids(app) == ids(library.articles(mentioning=vorontsov.id)) and len(listed_ids(app)) == 1
        assert str(chip(app).content) == f"✕ {vorontsov.name}"
        assert status(app) == "1 article"


async def test_x_escape_and_a_click_on_the_chip_remove_the_filter(app: NewsdeskApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_straits_times(pilot, app, library)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert not chip(app).display and not screen.check_action("clear_filter", ())
        for remove in ("x", "escape", "click"):
            await choose_entity(pilot, app, named(library, VORONTSOV).id)
            assert len(listed_ids(app)) == 1 and chip(app).display, remove
            if remove == "click":
                assert await pilot.click("#entity-chip")
            else:
                await pilot.press(remove)
            await settle(pilot)
            assert len(listed_ids(app)) == 5, remove
            assert not chip(app).display and screen.entity_filter is None and status(app) == ""


async def test_the_filter_combines_with_a_search_and_escape_undoes_one_at_a_time(
    app: NewsdeskApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_straits_times(pilot, app, library)
        ri = named(library, RI).id
        naming_ri = ids(library.articles(mentioning=ri))
        all_korea = [hit.id for hit in library.search("Korea").hits]
        within = [hit.id for hit in library.search("Korea", within_entity=ri).hits]
        assert within and set(within) <= set(naming_ri) and set(within) < set(all_korea)  # the filter narrows
        await choose_entity(pilot, app, ri)
        assert listed_ids(app) == naming_ri
        await search(pilot, "Korea")
        assert listed_ids(app) == within and chip(app).display
        assert status(app).endswith("for 'Korea'")
        # A new search keeps the filter.
        await search(pilot, "Lavrov")
        assert listed_ids(app) == [hit.id for hit in library.search("Lavrov", within_entity=ri).hits]
        await pilot.press("escape")  # the search goes, the filter stays
        await settle(pilot)
        assert listed_ids(app) == naming_ri and chip(app).display
        assert app.screen.query_one(SearchBar).input.value == ""
        await pilot.press("escape")  # then the filter
        await settle(pilot)
        assert len(listed_ids(app)) == 5 and not chip(app).display
        # A search first, then the filter: the same answer.
        await search(pilot, "Korea")
        assert listed_ids(app) == all_korea
        await choose_entity(pilot, app, ri)
        assert listed_ids(app) == within


# -- mentions in the reading view ----------------------------------------------------------------------------------


async def test_the_filters_mentions_are_marked_in_the_reading_view(app: NewsdeskApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        article = await open_straits_times(pilot, app, library)
        ri, lavrov = named(library, RI), named(library, LAVROV)
        view = reading(app)
        assert view.border_subtitle is None and not view.spots
        assert styled_runs(app, "mention") == []
        await choose_entity(pilot, app, ri.id)
        expected = mention_texts(article, ri.id)
        assert len(expected) >= 3  # "Ri Yong Ho", "Mr Ri", ...
        assert styled_runs(app, "mention") == expected
        assert str(view.border_subtitle) == f"{ri.name}: {len(expected)} mentions (n/N)"
        # Another entity: its mentions instead, the title's too.
        await choose_entity(pilot, app, lavrov.id)
        assert styled_runs(app, "mention") == mention_texts(article, lavrov.id)
        # Opening another article keeps the filter and marks its mentions there.
        other = next(i for i in ids(library.articles(mentioning=lavrov.id)) if i != article.id)
        await open_article(pilot, app, other)
        assert styled_runs(app, "mention") == mention_texts(library.get(other), lavrov.id)
        await pilot.press("x")
        await settle(pilot)
        assert styled_runs(app, "mention") == [] and view.border_subtitle is None


async def test_n_and_shift_n_walk_the_mentions_and_scroll_to_them(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=(100, 20)) as pilot:  # short: the article scrolls
        article = await open_straits_times(pilot, app, library)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert not screen.check_action("jump_mention", (1,))  # no filter: n is not a key yet
        ri = named(library, RI)
        await choose_entity(pilot, app, ri.id)
        assert screen.check_action("jump_mention", (1,))
        view = reading(app)
        mentions = mention_texts(article, ri.id)
        count = len(mentions)
        assert view.max_scroll_y > 0 and view.scroll_y == 0
        await pilot.press("n")
        await settle(pilot)
        assert str(view.border_subtitle) == f"{ri.name}: mention 1/{count}"
        assert styled_runs(app, "current-mention") == mentions[:1]
        positions = [view.scroll_y]
        for index in range(2, count + 1):
            await pilot.press("n")
            await settle(pilot)
            assert str(view.border_subtitle) == f"{ri.name}: mention {index}/{count}"
            assert styled_runs(app, "current-mention") == [mentions[index - 1]]
            positions.append(view.scroll_y)
            assert current_mention_shows(app)
        assert positions == sorted(positions) and positions[-1] > 0  # later mentions, further down
        await pilot.press("n")  # wraps round to the first
        await settle(pilot)
        assert str(view.border_subtitle) == f"{ri.name}: mention 1/{count}"
        assert view.scroll_y < positions[-1] and current_mention_shows(app)
        await pilot.press("N")  # and back round to the last
        await settle(pilot)
        assert str(view.border_subtitle) == f"{ri.name}: mention {count}/{count}"
        assert view.scroll_y == positions[-1]
        await pilot.press("N")
        await settle(pilot)
        assert str(view.border_subtitle) == f"{ri.name}: mention {count - 1}/{count}"


async def test_an_article_that_does_not_name_the_filter_says_so(app: NewsdeskApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        vorontsov = named(library, VORONTSOV)
        naming = ids(library.articles(mentioning=vorontsov.id))
        await open_article(pilot, app, next(i for i in ids(library.articles()) if i not in naming))
        sidebar = app.screen.query_one(EntitySidebar)
        app.screen.set_focus(sidebar)
        await pilot.press("t")  # the library's entities: Vorontsov is among them
        await settle(pilot)
        await choose_entity(pilot, app, vorontsov.id)
        assert listed_ids(app) == naming
        assert str(reading(app).border_subtitle) == f"{vorontsov.name}: not named here"
        screen = app.screen
        assert isinstance(screen, MainScreen) and not screen.check_action("jump_mention", (1,))
        assert row_of(app, vorontsov.id)  # the sidebar stays on the library's entities


# -- the pure helpers ----------------------------------------------------------------------------------------------


def test_every_mention_of_every_seed_lands_on_its_own_text(library: Library) -> None:
    """The body's offsets, carried into paragraphs, still point at the very words the library found."""
    checked = 0
    for summary in library.articles():
        article = library.get(summary.id)
        blocks = [article.title, *paragraphs(article.body)]
        for entity in article.entities:
            spots = locate_mentions(article, entity.id)
            assert [blocks[spot.block][spot.start : spot.end] for spot in spots] == mention_texts(article, entity.id)
            checked += len(spots)
    assert checked > 20


def test_paragraph_offsets_skip_blank_lines_and_stray_whitespace() -> None:
    body = "  First.\n\n\nSecond one\n\n   \n\nThird.  "
    assert paragraphs(body) == ["First.", "Second one", "Third."]
    assert [body[start:end] for start, end in paragraph_spans(body)] == paragraphs(body)
    article = Article(
        id="a",
        title="Ri in title",
        body=body,
        path="p",
        mentions=(
            EntityMention("x", "body", body.index("Third"), body.index("Third") + 5),
            EntityMention("x", "title", 0, 2),
            EntityMention("x", "body", 0, 1),  # whitespace the view drops
            EntityMention("y", "body", body.index("one"), body.index("one") + 3),
        ),
    )
    spots = locate_mentions(article, "x")
    assert [(spot.block, spot.start, spot.end) for spot in spots] == [(0, 0, 2), (3, 0, 5)]


def test_wrapped_line_of_finds_the_line_an_offset_is_drawn_on() -> None:
    plain = "aaaa bbbb cccc dddd eeee"
    assert [wrapped_line_of(plain, offset, 10) for offset in (0, 9, 10, 15, 20, 23)] == [0, 0, 1, 1, 2, 2]
    assert wrapped_line_of("one\ntwo three four", 4, 8) == 1
    assert wrapped_line_of("one\ntwo three four", 14, 8) == 3  # "one", then "two ", "three ", "four"


def test_a_sidebar_row_right_aligns_the_count_and_cuts_a_long_name() -> None:
    assert layout_row("Sergei Lavrov", 5, 20).plain == "Sergei Lavrov      5"
    assert layout_row("Democratic People's Republic of Korea", 12, 20).plain == "Democratic Peopl… 12"
    count_style = Style(dim=True)
    row = layout_row("Ri", 3, 10, count_style=count_style)
    assert [row.plain[span.start : span.end] for span in row.spans if span.style == count_style] == ["3"]


def test_entries_group_by_kind_in_a_fixed_order() -> None:
    entries = [
        SidebarEntry(Entity("place:moscow", "Moscow", "place"), 4),
        SidebarEntry(Entity("person:ri", "Ri", "person"), 3),
        SidebarEntry(Entity("org:un", "UN", "org"), 2),
        SidebarEntry(Entity("person:kim", "Kim", "person"), 1),
    ]
    assert [(kind, [e.entity.name for e in group]) for kind, group in grouped(entries)] == [
        ("person", ["Ri", "Kim"]),
        ("org", ["UN"]),
        ("place", ["Moscow"]),
    ]
