"""Plain data passed between the stages: text → sentences → mentions → entities → relations.

Every stage is a function over these small dataclasses; none of them knows about RDF.  An
:class:`Extraction` is the whole result for one document and is picklable, so documents can be
extracted in worker processes and merged afterwards.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One input article.

    ``text`` is the original text (decoded, newlines normalised); ``norm`` has the same length and is
    what the rules match on: traditional characters mapped to simplified, full-width letters and digits
    to ASCII.  Offsets are shared by both, so evidence always quotes the original.
    """

    name: str
    text: str
    norm: str
    sha256: str
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    norm: str


@dataclass(frozen=True)
class Mention:
    """A span of the normalised text naming something; ``start``/``end`` are document offsets."""

    start: int
    end: int
    text: str
    kind: str
    sentence: int
    source: str = "rule"  # "ner", "rule", "alias", "coref"


@dataclass
class Entity:
    """One thing the document talks about, with every label and mention it has."""

    key: str  # stable identity: "place:513324", "org:青白江区人民医院", "person:聂申明@…"
    label: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    code: str | None = None  # GB/T 2260 division code for registered places
    parent: str | None = None  # key of the containing place
    location: str | None = None  # key of an organisation's place


@dataclass(frozen=True)
class Quantity:
    value: float | int
    unit: str  # "CNY" for money, else the unit as written (亩, 人次, 名 …)
    approximate: bool
    text: str
    sentence: int
    start: int
    end: int
    counts: str = ""  # the noun it counts, when the text says (就业岗位, 援助资金 …)
    subject: str | None = None  # entity key it measures, unless it belongs to an assistance record
    kind: str = ""  # money only: fiscal, donation, investment, purchase, contract or other (lexicon/money.json)

    @property
    def is_money(self) -> bool:
        return self.unit == "CNY"


@dataclass
class Assistance:
    provider: str
    recipient: str
    sector: str
    trigger: str
    sentences: list[int]
    date: str | None = None  # ISO date or year, as far as the text says
    quantities: list[Quantity] = field(default_factory=list)
    inferred: bool = False  # a side was taken from the article, not named in the sentence


@dataclass(frozen=True)
class Post:
    person: str
    role: str
    organization: str | None
    head: bool
    sentence: int


@dataclass(frozen=True)
class Relation:
    """A binary statement other than assistance and posts (produces, organizer, certification …)."""

    subject: str
    predicate: str  # "produces", "organizer", "coOrganizer", "certification"
    object: str  # entity key, or a literal for "certification"
    sentence: int


@dataclass
class Extraction:
    document: Document
    sentences: list[Sentence]
    entities: dict[str, Entity]
    assistance: list[Assistance]
    posts: list[Post]
    quantities: list[Quantity]
    relations: list[Relation]
    date: str | None
    warnings: list[str]
    programmes: list[str] = field(default_factory=list)  # ids of lexicon/programmes.json
    pairings: list[tuple[str, str, str]] = field(default_factory=list)  # official (programme, provider, recipient)
