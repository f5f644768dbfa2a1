"""The entities of one document as resolution builds them, shared by the first reading (``entities``) and
the passes that find further names for them (``aliases``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Entity, Mention


@dataclass
class Resolved:
    """The entities of one document and, per sentence, which entity each mention names."""

    entities: dict[str, Entity]
    by_sentence: dict[int, list[tuple[Mention, str]]] = field(default_factory=dict)
    guessed: set[str] = field(default_factory=set)  # places whose parent the text does not state

    def add(self, mention: Mention, key: str, label: str, kind: str, **attrs: str | None) -> None:
        e = self.entities.get(key)
        if e is None:
            e = self.entities[key] = Entity(key=key, label=label, kind=kind)
        if len(label) > len(e.label) or (len(label) == len(e.label) and label < e.label and not e.code):
            e.aliases.add(e.label)
            e.label = label
        e.aliases.add(mention.text)
        for name, value in attrs.items():
            if value and not getattr(e, name):
                setattr(e, name, value)
        e.mentions.append(mention)
        if mention.source != "prefix":  # a place inside a longer name is no party of its own
            self.by_sentence.setdefault(mention.sentence, []).append((mention, key))


    def fold(self, old: str, into: str) -> None:
        """Entity ``old`` is another name of ``into``: its mentions become ``into``'s."""
        gone = self.entities.pop(old)
        target = self.entities[into]
        target.aliases |= gone.aliases | {gone.label}
        target.mentions += gone.mentions
        for ms in self.by_sentence.values():
            ms[:] = [(m, into if k == old else k) for m, k in ms]

    def covered(self, sentence: int) -> list[tuple[int, int]]:
        """The spans of sentence ``sentence`` that already name something."""
        return [(m.start, m.end) for m, _ in self.by_sentence.get(sentence, [])]
