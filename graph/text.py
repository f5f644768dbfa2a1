"""Reading articles: bytes → checked, decoded text → a :class:`~graph.model.Document`.

Untrusted input fails here, early, with a message a user can act on (empty file, binary file,
undecodable bytes, text with no Chinese in it) instead of deep inside the extractor.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .errors import InputError
from .model import Document
from .simplified import normalise

#: share of CJK characters (of all non-space characters) below which a text is not a Chinese article
MIN_CJK_SHARE = 0.2
MAX_BYTES = 20_000_000
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
#: byte-order marks, UTF-32's before UTF-16's (FF FE 00 00 also starts like UTF-16 LE)
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode article bytes: UTF-16/32 with a byte-order mark, UTF-8 (with or without BOM), then GB18030 (a superset of GBK/GB2312), then Big5.

    charset-normalizer settles what none of them reads cleanly.  Returns ``(text, encoding)``.
    """
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:  # UTF-16/32 text (Windows' "Unicode") is full of NUL bytes: not binary
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(f"{name}: starts like {encoding.upper()} text but is not valid {encoding.upper()}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    for encoding in ("utf-8-sig", "gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-8-sig" and _PRIVATE_USE.search(text):
            continue  # Big5 bytes "decode" as GB18030 into private-use garbage
        return text, "utf-8" if encoding == "utf-8-sig" else encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot tell the text encoding (not UTF-8, GB18030 or Big5)")
    return str(best), best.encoding


def make_document(text: str, name: str, sha256: str = "", encoding: str = "utf-8") -> Document:
    """A document from already-decoded text (tests and generated corpora use this directly)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        raise InputError(f"{name}: the file is empty")
    cjk = sum(1 for ch in visible if _is_cjk(ch))
    if cjk / len(visible) < MIN_CJK_SHARE:
        raise InputError(f"{name}: no Chinese text found ({cjk} of {len(visible)} characters are Chinese)")
    if not sha256:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(name=name, text=text, norm=normalise(text), sha256=sha256, encoding=encoding)


def read_document(path: Path, name: str | None = None) -> Document:
    """Read and check one article file; ``name`` (default: the file name) is what the graph and every
    message call it, for a build its path relative to the folder it was found in."""
    name = name or path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{name}: {size} bytes is too large for one article")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    text, encoding = decode(data, name)
    if path.suffix.lower() in (".html", ".htm"):
        text = article_text(text, name)
    return make_document(text, name, hashlib.sha256(data).hexdigest(), encoding)


def article_text(html: str, name: str) -> str:
    """The article inside a web page (trafilatura drops menus, footers and scripts), as plain text."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        raise InputError(f"{name}: no article text found in the page")
    return text
