"""Validate the gold files in this folder (see README.md for the format).

Run:  python tests/articles/check_gold.py [FOLDER]   (needs opencc-python-reimplemented)

FOLDER defaults to this folder; ``heldout/`` and ``final/`` are checked the same way.
Exits 0 when every *.json passes, 1 with one message per problem otherwise.
"""
from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "seeds"

KINDS = {
    "Province", "City", "Prefecture", "County", "District", "Township", "Town", "Subdistrict", "Village",
    "River", "Port", "Company", "Hospital", "School", "GovernmentBody", "Association", "Team", "Base", "Park",
    "Organization", "Person", "Product", "Event",
}
ADMIN_KINDS = {"Province", "City", "Prefecture", "County", "District", "Township", "Town", "Subdistrict", "Village"}
ORG_KINDS = {"Company", "Hospital", "School", "GovernmentBody", "Association", "Team", "Base", "Park", "Organization"}
SECTORS = {"industry", "employment", "health", "education", "talent", "donation", "infrastructure", "consumption",
           "governance", "general"}
TOP_KEYS = {"date", "entities", "assistance", "posts", "places", "quantities"}
PROGRAMMES = {"east-west", "counterpart", "xinjiang", "tibet", "qinghai", "designated", "enterprises", "pairing",
              "cooperation", "other"}
MONEY_KINDS = {"fiscal", "donation", "investment", "purchase", "contract", "other"}

# 超5000万元, 13万余元, 近1.5万头, 200多名, 约18万元, 超过600万元 ...
QUANTITY_RE = re.compile(r"^(超过|超|近|约|逾)?(\d+(?:\.\d+)?)(余|多)?(万|亿)?(余|多)?(\D+?)(左右)?$")
MULTIPLIER = {None: 1, "万": 10 ** 4, "亿": 10 ** 8}


def _t2s():
    try:
        import opencc  # opencc-python-reimplemented
    except ImportError:
        sys.exit("check_gold.py needs opencc-python-reimplemented (pip install opencc-python-reimplemented)")
    return opencc.OpenCC("t2s").convert


def text_for(gold: Path) -> Path | None:
    """The article a gold file describes: NAME.txt beside it, or the seed article for seed.json."""
    if gold.name == "seed.json":
        preferred = SEEDS / "qingbaijiang-jiulong.txt"
        if preferred.exists():
            return preferred
        found = sorted(SEEDS.glob("*.txt"))
        return found[0] if len(found) == 1 else None
    txt = gold.with_suffix(".txt")
    return txt if txt.exists() else None


def parse_quantity(text: str):
    """(value, unit, approximate) read from a surface form such as '6488.19万元' or '400余亩'."""
    m = QUANTITY_RE.match(text)
    if not m:
        return None
    pre, num, a1, mult, a2, unit, post = m.groups()
    value = Decimal(num) * MULTIPLIER[mult]
    if unit == "元":
        unit = "CNY"
    return value, unit, bool(pre or a1 or a2 or post)


def check(gold: Path, t2s) -> list[str]:
    problems: list[str] = []

    def bad(msg: str) -> None:
        problems.append(f"{gold.name}: {msg}")

    txt_path = text_for(gold)
    if txt_path is None:
        return [f"{gold.name}: no article text found for it"]
    raw = txt_path.read_text(encoding="utf-8")
    text = raw + "\n" + t2s(raw)  # simplified forms of the traditional article count as present

    def present(s: str) -> bool:
        return s in text

    try:
        data = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{gold.name}: cannot read JSON: {exc}"]
    if not isinstance(data, dict) or set(data) - {"programme"} != TOP_KEYS:
        return [f"{gold.name}: top-level keys must be {sorted(TOP_KEYS)}, and optionally programme"]
    extended = "programme" in data  # the sets written for issue 8 carry programme, inferred, kind, record
    if extended and (not isinstance(data["programme"], list) or not data["programme"]
                     or not set(data["programme"]) <= PROGRAMMES):
        bad(f"programme must be a non-empty list of {sorted(PROGRAMMES)}")

    date = data["date"]
    if date is not None:
        if not isinstance(date, str) or not re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", date):
            bad(f"date {date!r} is not null, YYYY or YYYY-MM-DD")
        elif date[:4] + "年" not in text:
            bad(f"date {date!r}: the year {date[:4]}年 is not stated in the text")

    # entities
    names: dict[str, str] = {}
    surface: dict[str, str] = {}
    for i, ent in enumerate(data["entities"]):
        if not isinstance(ent, dict) or set(ent) != {"name", "kind", "aliases"}:
            bad(f"entity #{i} must have exactly name, kind, aliases: {ent!r}")
            continue
        name, kind, aliases = ent["name"], ent["kind"], ent["aliases"]
        if not isinstance(name, str) or not name:
            bad(f"entity #{i} has an empty name")
            continue
        if name in names:
            bad(f"entity {name} listed twice")
        names[name] = kind
        if kind not in KINDS:
            bad(f"entity {name}: kind {kind!r} not allowed")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            bad(f"entity {name}: aliases must be a list of non-empty strings")
            continue
        for form in [name, *aliases]:
            if form in surface and surface[form] != name:
                bad(f"surface form {form} given to both {surface[form]} and {name}")
            surface[form] = name
        if name in aliases:
            bad(f"entity {name}: alias repeats the name")
        if not present(name) and not any(present(a) for a in aliases):
            bad(f"entity {name}: neither the name nor an alias occurs in the text")
        for a in aliases:
            if not present(a) and a not in name:
                bad(f"entity {name}: alias {a} neither occurs in the text nor is part of the name")

    def need(name, what: str, allowed: set[str] | None = None) -> None:
        if name not in names:
            bad(f"{what} {name!r} is not in the entity list")
        elif allowed is not None and names[name] not in allowed:
            bad(f"{what} {name} has kind {names[name]}, expected one of {sorted(allowed)}")

    # assistance
    seen = set()
    for rec in data["assistance"]:
        keys = {"provider", "recipient", "sector"} | ({"inferred"} if extended else set())
        if not isinstance(rec, dict) or set(rec) != keys:
            bad(f"assistance record must have exactly {sorted(keys)}: {rec!r}")
            continue
        if extended and not isinstance(rec["inferred"], bool):
            bad(f"assistance {rec['provider']} → {rec['recipient']}: inferred must be true or false")
        not_things = KINDS - {"Product", "Event"}
        need(rec["provider"], "provider", not_things)
        need(rec["recipient"], "recipient", not_things)
        if rec["sector"] not in SECTORS:
            bad(f"assistance sector {rec['sector']!r} not allowed")
        if rec["provider"] == rec["recipient"]:
            bad(f"assistance from {rec['provider']} to itself")
        key = (rec["provider"], rec["recipient"], rec["sector"])
        if key in seen:
            bad(f"assistance {key} listed twice")
        seen.add(key)

    # posts
    seen = set()
    for rec in data["posts"]:
        if not isinstance(rec, dict) or set(rec) != {"person", "role", "organization"}:
            bad(f"post must have exactly person, role, organization: {rec!r}")
            continue
        need(rec["person"], "person", {"Person"})
        if rec["organization"] is not None:
            need(rec["organization"], "organization", ORG_KINDS)
        if not isinstance(rec["role"], str) or not present(rec["role"]):
            bad(f"post of {rec['person']}: role {rec['role']!r} does not occur in the text")
        key = (rec["person"], rec["role"], rec["organization"])
        if key in seen:
            bad(f"post {key} listed twice")
        seen.add(key)

    # places
    seen = set()
    for rec in data["places"]:
        if not isinstance(rec, dict) or set(rec) != {"entity", "in"}:
            bad(f"place must have exactly entity, in: {rec!r}")
            continue
        need(rec["entity"], "place entity", KINDS - {"Person", "Product", "Event"})
        need(rec["in"], "containing place", ADMIN_KINDS)
        if rec["entity"] == rec["in"]:
            bad(f"{rec['entity']} placed in itself")
        key = (rec["entity"], rec["in"])
        if key in seen:
            bad(f"place {key} listed twice")
        seen.add(key)

    # quantities
    seen = set()
    pairs = {(r.get("provider"), r.get("recipient")) for r in data["assistance"] if isinstance(r, dict)}
    for rec in data["quantities"]:
        keys = {"value", "unit", "approximate", "text"}
        if extended and isinstance(rec, dict) and rec.get("unit") == "CNY":
            keys |= {"kind", "record"}
        if not isinstance(rec, dict) or set(rec) != keys:
            bad(f"quantity must have exactly {sorted(keys)}: {rec!r}")
            continue
        if "kind" in keys:
            if rec["kind"] not in MONEY_KINDS:
                bad(f"quantity {rec['text']}: kind {rec['kind']!r} not one of {sorted(MONEY_KINDS)}")
            record = rec["record"]
            if record is not None and (not isinstance(record, dict) or set(record) != {"provider", "recipient"}
                                       or (record["provider"], record["recipient"]) not in pairs):
                bad(f"quantity {rec['text']}: record {record!r} is not null nor the provider and recipient "
                    "of an assistance record")
        value, unit, approx, qtext = rec["value"], rec["unit"], rec["approximate"], rec["text"]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            bad(f"quantity {qtext}: value {value!r} is not a number")
            continue
        if not isinstance(approx, bool):
            bad(f"quantity {qtext}: approximate must be true or false")
        if not isinstance(qtext, str) or not present(qtext):
            bad(f"quantity text {qtext!r} does not occur in the text")
            continue
        parsed = parse_quantity(qtext)
        if parsed is None:
            bad(f"quantity text {qtext!r} is not of the form [超/近/约…]N[余/多][万/亿]UNIT")
        else:
            pvalue, punit, papprox = parsed
            if Decimal(str(value)) != pvalue:
                bad(f"quantity {qtext}: value {value} but the text says {pvalue.normalize():f}")
            if unit != punit:
                bad(f"quantity {qtext}: unit {unit!r} but the text says {punit!r}")
            if approx != papprox:
                bad(f"quantity {qtext}: approximate {approx} but the text says {papprox}")
        key = (value, unit, qtext)
        if key in seen:
            bad(f"quantity {qtext} listed twice")
        seen.add(key)

    # an organisation whose name starts with a listed place (or its alias) must have a places entry
    placed = {rec.get("entity") for rec in data["places"] if isinstance(rec, dict)}
    for name, kind in names.items():
        if kind in ORG_KINDS | {"Port"} and name not in placed:
            for other, okind in names.items():
                forms = [other] + [a for e in data["entities"] if e.get("name") == other for a in e["aliases"]]
                if okind in ADMIN_KINDS and any(name.startswith(f) for f in forms):
                    bad(f"{name} starts with the place {other} but has no places entry")
                    break
    return problems


def main() -> int:
    t2s = _t2s()
    folder = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else HERE
    golds = sorted(folder.glob("*.json"))
    if not golds:
        print("no gold files found", file=sys.stderr)
        return 1
    problems: list[str] = []
    for gold in golds:
        found = check(gold, t2s)
        problems += found
        if not found:
            data = json.loads(gold.read_text(encoding="utf-8"))
            print(f"ok  {gold.name}: " + ", ".join(f"{len(data[k])} {k}" for k in
                                                  ("entities", "assistance", "posts", "places", "quantities")))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
