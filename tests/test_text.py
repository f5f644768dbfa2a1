"""Reading articles: encodings, bad input, the same-length normalised form."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InputError
from graph.text import make_document, normalise, read_document

ARTICLE = "青白江区对口帮扶九龙县，九龙县人民医院由青白江区人民医院托管。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_reads_chinese_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    doc = read_document(path)
    assert doc.text == ARTICLE
    assert doc.encoding == ("gb18030" if encoding in ("gbk", "gb18030") else "utf-8")


def test_big5_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    text = "深圳市南山區對口幫扶田林縣，南山區人民醫院託管田林縣人民醫院。" * 3
    path.write_bytes(text.encode("big5"))
    doc = read_document(path)
    assert "田林" in doc.norm


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x00\x01\x02binary\x00" * 20, "binary"),
        (b"This is an English press release about a county partnership." * 3, "no Chinese"),
    ],
)
def test_bad_input_is_refused_with_a_reason(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_document(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_document(tmp_path / "nope.txt")


def test_normalised_text_keeps_offsets() -> None:
    text = "九龍縣人民醫院，捐贈ＡＢＣ１２３萬元"
    norm = normalise(text)
    assert len(norm) == len(text)
    assert norm == "九龙县人民医院，捐赠ABC123万元"


def test_document_keeps_the_original_text() -> None:
    doc = make_document("對口幫扶\r\n九龍縣", "t.txt")
    assert doc.text == "對口幫扶\n九龍縣"
    assert doc.norm == "对口帮扶\n九龙县"


def test_a_short_text_is_converted_as_the_whole_table_converts_it() -> None:
    """A name typed in a query is converted from the lines of its own characters (graph.simplified), not by
    making the whole table: the same simplified form for every character the table holds."""
    from graph.simplified import _SHORT, _t2s_table, _t2s_text

    chars = sorted({line.partition("\t")[0][:1] for line in _t2s_text().splitlines()} | {"龍", "縣", "Ａ", "\u3000"})
    whole = "".join(chars)
    expected = normalise(whole + " " * _SHORT)[:len(whole)]  # long: through the whole table
    pieces = [whole[i:i + _SHORT] for i in range(0, len(whole), _SHORT)]
    assert "".join(normalise(piece) for piece in pieces) == expected
    assert len(_t2s_table()) > 4000 and normalise("九龍縣") == "九龙县"
