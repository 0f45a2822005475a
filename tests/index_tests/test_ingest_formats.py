"""The structured readers: feeds, OPML, JSON Lines, Markdown, and sniffing which one a file needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.errors import BadInputError
from index.ingest.document import Document, entry_raw
from index.ingest.feed import entry_documents, looks_like_feed, parse_feed
from index.ingest.jsonl import RecordError, looks_like_jsonl, read_jsonl
from index.ingest.markdown import markdown_metadata, markdown_to_text
from index.ingest.opml import Subscription, looks_like_opml, parse_opml
from index.ingest.sniff import sniff_format

RSS_091 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Wire 0.91</title><link>http://wire.example/</link>
<item><title>Ministers meet in Moscow</title><link>http://wire.example/1</link>
<description>Talks &lt;b&gt;began&lt;/b&gt; on Monday.</description></item>
</channel></rss>"""

RSS_10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://rdf.example/"><title>RDF Daily</title><link>http://rdf.example/</link></channel>
<item rdf:about="http://rdf.example/a"><title>Summit set for June</title><link>http://rdf.example/a</link>
<description>Leaders will meet.</description><dc:date>2018-04-11T09:30:00+02:00</dc:date>
<dc:creator>Ana Lee</dc:creator></item>
</rdf:RDF>"""

RSS_20 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>The  Daily
 Example</title><link>http://daily.example/</link>
<item><title>Only a summary</title><link>http://daily.example/1</link><guid>tag:daily,1</guid>
<pubDate>Wed, 11 Apr 2018 10:00:00 GMT</pubDate><description>&lt;p&gt;Short &amp;amp; sweet.&lt;/p&gt;</description>
<author>desk@daily.example (News Desk)</author></item>
<item><title>With content</title><link>http://daily.example/2</link><description>Teaser.</description>
<content:encoded><![CDATA[<p>The full story.</p><script>alert(1)</script><p>Second paragraph.</p>]]></content:encoded>
</item>
<item><description>An untitled note about the weather.</description></item>
<item><title>A title only</title></item>
<item><guid isPermaLink="false">nothing-else</guid></item>
<item><title>Greek date</title>
<pubDate>\xce\x9a\xcf\x85\xcf\x81, 11 \xce\x99\xce\xbf\xcf\x8d\xce\xbb 2004 12:00:00 EST</pubDate>
<description>x</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Atom &amp;amp; Co</title>
<link href="http://atom.example/"/>
<entry><title type="text">Why &lt;rss&gt; &amp; [bold]markup[/bold] stay literal</title>
<link href="/posts/1"/><id>urn:1</id><updated>2018-04-12T08:00:00Z</updated>
<published>2018-04-11T08:00:00Z</published>
<summary>Short.</summary><content type="html">&lt;p&gt;The longer body.&lt;/p&gt;</content></entry>
<entry><title type="html">Tags &lt;em&gt;dropped&lt;/em&gt;, &amp;lt;kept&amp;gt; &amp;eacute;</title>
<id>urn:2</id><updated>2018-04-13T08:00:00Z</updated><summary type="text">5 &lt; 6 &amp; plain</summary></entry>
</feed>"""


def _only(documents: list[Document], title: str) -> Document:
    (document,) = [d for d in documents if d.metadata.title == title]
    return document


@pytest.mark.parametrize(
    ("raw", "title"), [(RSS_091, "Wire 0.91"), (RSS_10, "RDF Daily"), (RSS_20, "The Daily Example")]
)
def test_each_feed_version_is_read(raw: bytes, title: str) -> None:
    assert looks_like_feed(raw)
    feed = parse_feed(raw, "/feeds/f.xml")
    assert feed.title == title
    assert feed.entries
    assert all(d.format == "entry" and d.path == "/feeds/f.xml" for d in entry_documents(feed, "/feeds/f.xml"))


def test_rss_091_and_rdf_entries() -> None:
    (old,) = entry_documents(parse_feed(RSS_091, "old.xml"), "old.xml")
    assert json.loads(old.raw) == {"html": "Talks <b>began</b> on Monday."}
    (rdf,) = entry_documents(parse_feed(RSS_10, "rdf.xml"), "rdf.xml")
    assert rdf.metadata.source == "RDF Daily"
    assert rdf.metadata.published == "2018-04-11T09:30:00+02:00"  # as written
    assert rdf.metadata.author == "Ana Lee"


def test_rss_20_entries() -> None:
    documents = entry_documents(parse_feed(RSS_20, "http://daily.example/rss"), "http://daily.example/rss")
    summary = _only(documents, "Only a summary")
    assert summary.raw == entry_raw(html="<p>Short &amp; sweet.</p>")
    assert summary.metadata.url == "http://daily.example/1"
    assert summary.metadata.published == "Wed, 11 Apr 2018 10:00:00 GMT"
    assert summary.metadata.author == "desk@daily.example (News Desk)"
    assert summary.metadata.source == "The Daily Example"
    assert dict(summary.metadata.extra) == {"guid": "tag:daily,1"}
    content = json.loads(_only(documents, "With content").raw)["html"]
    assert "The full story." in content and "Second paragraph." in content and "alert" not in content
    untitled = [d for d in documents if d.metadata.title is None]
    assert [json.loads(d.raw) for d in untitled] == [{"html": "An untitled note about the weather."}]
    # Without content an entry is its title, so two such entries never share an id.
    assert _only(documents, "A title only").raw == entry_raw(body="A title only")
    assert len(documents) == 5  # the entry with nothing but a guid says nothing


def test_a_date_index_dates_cannot_read_comes_from_feedparser_in_utc() -> None:
    documents = entry_documents(parse_feed(RSS_20, "f.xml"), "f.xml")
    assert _only(documents, "Greek date").metadata.published == "2004-07-11T17:00:00+00:00"


def test_atom_titles_stay_literal_text() -> None:
    feed = parse_feed(ATOM, "http://atom.example/feed")
    assert feed.title == "Atom & Co"
    first, second = entry_documents(feed, "http://atom.example/feed")
    assert first.metadata.title == "Why <rss> & [bold]markup[/bold] stay literal"
    assert first.metadata.url == "http://atom.example/posts/1"  # resolved against the feed's address
    assert first.metadata.published == "2018-04-11T08:00:00Z"
    assert dict(first.metadata.extra) == {"guid": "urn:1", "updated": "2018-04-12T08:00:00Z"}
    assert first.raw == entry_raw(html="<p>The longer body.</p>")  # content wins over the summary
    assert second.metadata.title == "Tags dropped, <kept> é"
    assert second.metadata.published == "2018-04-13T08:00:00Z"  # no published date: the updated one
    assert second.raw == entry_raw(html="5 &lt; 6 &amp; plain")  # a plain-text summary, escaped as HTML


def test_windows_1252_feed() -> None:
    raw = (
        b'<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Caf\xe9 news</title>'
        b"<item><title>\x93Quoted\x94 \x96 d\xe9j\xe0 vu</title><description>x</description></item></channel></rss>"
    )
    feed = parse_feed(raw, "f.xml")
    assert feed.title == "Café news"
    assert feed.entries[0].title == "“Quoted” – déjà vu"


def test_the_http_charset_is_honoured() -> None:
    raw = b'<rss version="2.0"><channel><title>Caf\xe9</title><item><title>x</title></item></channel></rss>'
    assert parse_feed(raw, "http://x.example/", "application/rss+xml; charset=iso-8859-1").title == "Café"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_utf16_feed(codec: str) -> None:
    text = (
        '<?xml version="1.0" encoding="utf-16"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ελληνικά</title>'
        "<entry><title>Привет</title><id>urn:x</id><summary>Текст</summary></entry></feed>"
    )
    raw = text.encode(codec)
    assert looks_like_feed(raw)
    feed = parse_feed(raw, "f.xml")
    assert feed.title == "Ελληνικά"
    assert entry_documents(feed, "f.xml")[0].metadata.title == "Привет"


@pytest.mark.parametrize("raw", [b"<html><body><p>A page</p></body></html>", b"just text", b""])
def test_no_feed_is_a_bad_input(raw: bytes) -> None:
    with pytest.raises(BadInputError, match="not a feed"):
        parse_feed(raw, "x")


def test_a_broken_feed_with_entries_is_accepted() -> None:
    raw = b'<rss version="2.0"><channel><title>Broken & co</title><item><title>Still here</title></item>'
    assert [e.title for e in parse_feed(raw, "f.xml").entries] == ["Still here"]


OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
<outline text="News"><outline text="Wire" title="The Wire" type="rss" xmlUrl="http://wire.example/rss"/>
  <outline text="World"><outline text="Daily &amp; Co" xmlUrl="https://daily.example/feed"/></outline></outline>
<outline text="Wire again" xmlUrl="http://wire.example/rss"/>
<outline text="Local" xmlUrl="file:///etc/passwd"/><outline text="folder without feeds"/>
</body></opml>"""


def test_opml_nested_outlines_deduplicated() -> None:
    assert looks_like_opml(OPML)
    assert parse_opml(OPML) == [
        Subscription("http://wire.example/rss", "The Wire"),
        Subscription("https://daily.example/feed", "Daily & Co"),
    ]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [(RSS_20, "not an OPML"), (b"<opml><body><outline text='x'/></body></opml>", "no feeds"), (b"\xff\xfe", "OPML")],
)
def test_opml_errors(raw: bytes, reason: str) -> None:
    with pytest.raises(BadInputError, match=reason):
        parse_opml(raw)


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doctype = f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'.encode()
    opml = doctype + b'<opml><body><outline text="&secret;" xmlUrl="http://a.example/"/></body></opml>'
    assert "TOPSECRET" not in repr(parse_opml(opml))
    feed = (
        doctype + b'<rss version="2.0"><channel><title>&secret;</title><item><title>&secret;</title></item></channel>'
    )
    parsed = parse_feed(feed, "f.xml")
    assert "TOPSECRET" not in repr(parsed) + repr(entry_documents(parsed, "f.xml"))


JSONL = (
    b'{"title": "First", "body": "Body one.", "date": "2018-04-11", "source": "Wire", "id": 7, "tags": ["a", "b"],'
    b' "live": true, "note": null, "extra": "kept"}\n'
    b"\n"
    b'{"title": "HTML one", "html": "<p>Para</p>", "url": "http://x.example/2", "author": "Ana"}\n'
    b"[1, 2]\n"
    b'{"title": "No body"}\n'
    b'{"title": 5, "body": "x"}\n'
    b'{"body": "Body one.", "title": "Another name"}\n'
    b"{broken\n"
)


def test_jsonl_good_and_bad_lines() -> None:
    assert looks_like_jsonl(JSONL)
    items = read_jsonl(JSONL, "/data/a.jsonl")
    errors = [(item.number, item.reason) for item in items if isinstance(item, RecordError)]
    assert [line for line, _ in errors] == [4, 5, 6, 8]
    assert "not a JSON object" in errors[0][1] and "body" in errors[1][1] and "title" in errors[2][1]
    first, html, renamed = [item for item in items if isinstance(item, Document)]
    assert first.format == "entry" and first.path == "/data/a.jsonl"
    assert first.raw == entry_raw(body="Body one.")
    assert (first.metadata.title, first.metadata.published, first.metadata.source) == ("First", "2018-04-11", "Wire")
    extra = {"id": "7", "tags": '["a", "b"]', "live": "true", "note": "null", "extra": "kept"}
    assert dict(first.metadata.extra) == extra
    assert html.raw == entry_raw(html="<p>Para</p>")
    assert (html.metadata.url, html.metadata.author) == ("http://x.example/2", "Ana")
    assert renamed.raw == first.raw  # the same text under another title is the same article


@pytest.mark.parametrize("raw", [b"[1]\n", b"plain text\n", b'{"a": 1', b"  \n"])
def test_not_jsonl(raw: bytes) -> None:
    assert not looks_like_jsonl(raw)


YAML_MD = b"""---
title: "Talks in [bold]Moscow[/bold]"
date: 2018-04-11
publisher: The Wire
link: http://wire.example/talks
authors: [Ana Lee, Bo Kim]
tags: [diplomacy, russia]
draft: false
---

# Ministers meet

Lavrov met *Ri Yong Ho* in [Moscow](http://x.example) on
Monday. ![A handshake](hand.jpg)

- first point
- second point
  1. nested

```
code  stays   as is
```
"""


def test_markdown_yaml_front_matter() -> None:
    metadata, body = markdown_metadata(YAML_MD)
    assert metadata.title == "Talks in [bold]Moscow[/bold]"
    assert (metadata.published, metadata.source) == ("2018-04-11", "The Wire")
    assert (metadata.url, metadata.author) == ("http://wire.example/talks", "Ana Lee, Bo Kim")
    assert dict(metadata.extra) == {"tags": '["diplomacy", "russia"]', "draft": "false"}
    assert body.startswith("# Ministers meet")
    assert markdown_to_text(body) == (
        "Ministers meet\n\n"
        "Lavrov met Ri Yong Ho in Moscow on Monday. A handshake\n\n"
        "- first point\n- second point\n  1. nested\n\n"
        "code  stays   as is"
    )


def test_markdown_toml_front_matter() -> None:
    raw = b'+++\ntitle = "TOML post"\ndate = 2018-04-11T10:00:00Z\nauthor = "Bo"\n[params]\nx = 1\n+++\nBody text.\n'
    metadata, body = markdown_metadata(raw)
    assert (metadata.title, metadata.published, metadata.author) == ("TOML post", "2018-04-11T10:00:00+00:00", "Bo")
    assert dict(metadata.extra) == {"params": '{"x": 1}'}
    assert body == "Body text.\n"


def test_markdown_without_front_matter_is_all_body() -> None:
    raw = "---\n\nA rule first, then text.\n".encode("utf-16")
    metadata, body = markdown_metadata(raw)
    assert metadata.title is None and not metadata.extra
    assert body == "---\n\nA rule first, then text.\n"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [(b"---\ntitle: [unclosed\n---\nx", "YAML"), (b"+++\ntitle = \n+++\nx", "TOML"), (b"---\n- a\n---\nx", "YAML")],
)
def test_broken_front_matter_is_named(raw: bytes, kind: str) -> None:
    with pytest.raises(BadInputError, match=f"broken {kind} front matter"):
        markdown_metadata(raw)


def test_markdown_html_and_tables_become_text() -> None:
    text = markdown_to_text("<div>Raw <b>HTML</b></div>\n\n<!-- more -->\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert text == "Raw HTML\n\na | b\n1 | 2"


@pytest.mark.parametrize(
    ("raw", "name", "kind"),
    [
        (RSS_20, "saved.txt", "feed"),
        (RSS_10, "rdf", "feed"),
        (ATOM.decode().encode("utf-16"), "feed.html", "feed"),
        (OPML, "subscriptions.xml", "opml"),
        (b"<!DOCTYPE html>\n<meta charset=utf-8><title>x</title><p>Hi", "page.md", "html"),
        (b"<html><body><p>x</p></body></html>", "page.rss", "html"),
        (b'<div class="story"><h1>Head</h1><p>One</p><p>Two</p></div>', "fragment.txt", "html"),
        (b'<p align="center"><img src="logo.png"></p>\n\n# Project\n', "README.md", "markdown"),
        (JSONL, "records.txt", "jsonl"),
        (b'{"a": 1}\n\n{"a": 2}\n', "records.json", "jsonl"),
        (b'\n{"status":"ok","articles":[{"title":"T","body":"B"},{"title":"U","body":"C"}]}\n', "a.jsonl", "json"),
        (b"[![Build](https://ci.example/b.svg)](https://ci.example)\n\n# Port opens\n", "README.md", "markdown"),
        (b"{% include nav.html %}\n\n# Port opens\n", "index.md", "markdown"),
        (b"[Reuters] Markets rise", "wire.json", "json"),  # by its name only: read as text when it is not JSON
        (YAML_MD, "post.txt", "markdown"),
        (b"# A heading\n\nSome text.\n", "notes.mdown", "markdown"),
        (b"An article mentioning <rss> and <feed> elements in plain text.", "article.txt", "text"),
        (b"<rss> is the root element of a feed, the article begins.", "article.txt", "text"),
        (b"Plain words.", "page.htm", "html"),
        (b"Plain words.", "records.ndjson", "jsonl"),
        (b"Plain words.", "list.opml", "opml"),
        (b"Plain words.", "article", "text"),
    ],
)
def test_sniff_format(raw: bytes, name: str, kind: str) -> None:
    assert sniff_format(raw, name) == kind
