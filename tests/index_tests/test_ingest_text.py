"""index.ingest.text: decoding bytes of any common encoding, refusing non-text, reading files."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from index.errors import BadInputError
from index.ingest.text import decode_bytes, read_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

CHINESE = (
    "朝鲜外务相李勇浩周一抵达莫斯科，将与俄罗斯外长拉夫罗夫举行会谈。双方将讨论朝鲜半岛局势以及两国关系等问题。"
    "俄罗斯外交部在声明中表示，莫斯科支持平壤与华盛顿之间的直接对话，也支持南北双方关系的正常化。"
)
RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров посетит Северную Корею в четверг, сообщило государственное "
    "агентство. Стороны обсудят ядерную программу и двустороннее сотрудничество."
)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (codecs.BOM_UTF8 + "Café “news”".encode(), "Café “news”"),
        (codecs.BOM_UTF16_LE + "Café “news”".encode("utf-16-le"), "Café “news”"),
        (codecs.BOM_UTF16_BE + "Café “news”".encode("utf-16-be"), "Café “news”"),
        ("Café “news”".encode("utf-32"), "Café “news”"),  # Python writes a BOM
        ("Plain text, no byte order mark.".encode("utf-16-le"), "Plain text, no byte order mark."),
        ("Café “news” — ok".encode(), "Café “news” — ok"),
        (b"\x93quoted\x94 caf\xe9", "“quoted” café"),  # Windows-1252
        (b"Sergei\xa0Lavrov a d\xe9clar\xe9 \x96 infor\xadmation", "Sergei\xa0Lavrov a déclaré – infor\xadmation"),
        (
            "Le café est très bon, naïve façon, déjà vu à Zürich.".encode("latin-1"),
            "Le café est très bon, naïve façon, déjà vu à Zürich.",
        ),
        (CHINESE.encode("gb2312"), CHINESE),
        (RUSSIAN.encode("cp1251"), RUSSIAN),
    ],
    ids=[
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf32-bom",
        "utf16le-no-bom",
        "utf8",
        "cp1252",
        "cp1252-nbsp",
        "latin1",
        "gb2312",
        "cp1251",
    ],
)
def test_decode_bytes(raw: bytes, text: str) -> None:
    assert decode_bytes(raw) == text


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"\x1f\x8b\x08\x00" + b"x" * 50,
        b"\x7fELF\x02\x01\x01",
        random.Random(7).randbytes(4096) + b"\x00",
        b"text\x00with a nul",
        bytes(range(1, 32)) * 20,
    ],
    ids=["png", "pdf", "zip", "gzip", "elf", "random-with-nul", "nul", "controls"],
)
def test_binary_is_refused(raw: bytes) -> None:
    with pytest.raises(BadInputError, match="^binary file$"):
        decode_bytes(raw)


@pytest.mark.parametrize("raw", [b"", b" \r\n\t \n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty_is_refused(raw: bytes) -> None:
    with pytest.raises(BadInputError, match="^empty file$"):
        decode_bytes(raw)


def test_undecodable_after_a_byte_order_mark_is_refused() -> None:
    with pytest.raises(BadInputError, match="^cannot decode text$"):
        decode_bytes(codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe")


def test_a_few_control_bytes_in_text_are_tolerated() -> None:
    text = "A long enough line of ordinary article text with one stray control\x01 character and ESC \x1b[0m."
    assert decode_bytes(text.encode()) == text


def test_read_text_decodes_and_cleans(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"Kim meets Putin\r\n\r\nThe talks ended late, officials said.\r\n\r\nAdvertisement\r\n")
    cleaned = read_text(path)
    assert (cleaned.title, cleaned.body, cleaned.removed_trailer) == (
        "Kim meets Putin",
        "The talks ended late, officials said.",
        ("Advertisement",),
    )


def test_read_text_on_a_seed() -> None:
    cleaned = read_text(next(SEEDS.glob("004_*.txt")))
    assert cleaned.title == "Kim Jong-un wants to build a “forward-looking” relationship with Russia"


def test_read_text_reports_why_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="^cannot read: No such file or directory$"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(BadInputError, match="^cannot read: Is a directory$"):
        read_text(tmp_path)


def test_read_text_refuses_binary_and_empty_files(tmp_path: Path) -> None:
    image, empty = tmp_path / "image.txt", tmp_path / "empty.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    empty.write_bytes(b"")
    with pytest.raises(BadInputError, match="binary file"):
        read_text(image)
    with pytest.raises(BadInputError, match="empty file"):
        read_text(empty)
