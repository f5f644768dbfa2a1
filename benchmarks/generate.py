"""A reproducible generator of synthetic paired-assistance articles, for scale benchmarks.

Localities come from the administrative register (east–west pairs of real districts and counties);
organisations, people, amounts and sentence patterns are drawn from the genre.  The same seed gives
the same corpus:

    python benchmarks/generate.py OUT_DIR --count 1000 [--seed 7]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

EAST = ["110000", "120000", "310000", "320000", "330000", "350000", "370000", "440000"]
WEST = ["510000", "520000", "530000", "620000", "630000", "640000", "650000", "540000", "150000", "450000",
        "500000"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
GIVEN = "建国明华军伟强平芳敏静丽勇杰涛超磊刚俊峰辉红霞玲斌宏志振海波春晓文学新中正东林兵"
BRANDS = ["绿源", "金穗", "康泰", "鑫达", "华兴", "润丰", "天禾", "恒源", "瑞祥", "宏图", "佳禾", "盛世", "丰泽", "安康"]
TRADES = ["农业科技", "食品", "医药", "茶业", "纺织", "电子", "物流", "生物科技", "农产品贸易"]
PRODUCTS = ["核桃", "花椒", "茶叶", "土豆", "牦牛肉", "苹果", "蜂蜜", "香菇", "红米", "枸杞"]
TITLES = ["局长", "院长", "校长", "董事长", "党委书记", "负责人", "副主任"]


def _divisions() -> dict[str, list]:
    from graph.places import register

    reg = register()
    by_province: dict[str, list] = {}
    for d in reg.by_code.values():
        if d.level == 3:
            province = reg.chain(d.code)[-1].code
            by_province.setdefault(province, []).append(d)
    return {k: sorted(v, key=lambda d: d.code) for k, v in by_province.items()}


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def article(rng: random.Random, divisions: dict[str, list]) -> str:
    """One article: a pair of places and five to twelve sentences about their cooperation."""
    east = rng.choice(divisions[rng.choice(EAST)])
    west = rng.choice(divisions[rng.choice(WEST)])
    e, w = east.name, west.name
    es, ws = e[:-1] if len(e) > 2 else e, w[:-1] if len(w) > 2 else w
    company = f"{rng.choice(BRANDS)}{rng.choice(TRADES)}有限公司"
    a, b, c = _person(rng), _person(rng), _person(rng)
    year = rng.randint(2018, 2025)
    amount = rng.choice([f"{rng.randint(100, 9999)}万元", f"{rng.randint(1, 30)}.{rng.randint(1, 9)}亿元",
                         f"{rng.randint(10, 900)}万余元"])
    product = rng.choice(PRODUCTS)
    sentences = [
        f"{year}年以来，{e}对口帮扶{w}，累计投入帮扶资金{amount}。",
        f"{e}人民医院托管{w}人民医院，先后派出{rng.randint(3, 40)}名医疗专家。",
        f"{e}教育局选派{rng.randint(5, 60)}名骨干教师到{w}支教，{w}第一中学校长{a}表示感谢。",
        f"{company}在{w}投资建设{product}加工基地，带动当地就业{rng.randint(100, 3000)}余人。",
        f"{company}董事长{b}说，公司将采购{ws}{product}{rng.randint(50, 900)}吨。",
        f"今年{rng.randint(1, 12)}月{rng.randint(1, 28)}日，由{e}人民政府和{w}人民政府主办的劳务协作招聘会在{w}举行，"
        f"共提供岗位{rng.randint(500, 5000)}个。",
        f"{e}人社局局长{c}介绍，两地已组织{rng.randint(100, 9000)}名劳动力转移就业。",
        f"{e}工商联组织爱心企业向{w}捐赠{rng.randint(10, 500)}万元。",
        f"{w}{rng.choice(['城关镇', '新华乡', '团结村'])}种植{product}{rng.randint(200, 9000)}余亩。",
        f"{e}第{rng.choice('一二三四五六七八九十')}批对口支援工作队负责人说，将继续深化合作。",
        f"两地还开展村企结对，{rng.randint(5, 80)}家企业与{rng.randint(5, 80)}个村结成帮扶对子。",
        f"“感谢{es}的帮助。”{w}村民{_person(rng)}说。",
    ]
    chosen = sentences[:1] + rng.sample(sentences[1:], rng.randint(4, len(sentences) - 1))
    title = f"{es}{ws}携手推进对口协作"
    return title + "\n\n" + "".join(chosen) + "\n"


def generate(out: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    divisions = _divisions()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out / f"{i // 1000:03d}" / f"article-{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(article(rng, divisions), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(len(generate(args.out, args.count, args.seed)), "articles written to", args.out)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
