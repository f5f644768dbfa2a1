"""The small stages: sentences, quantities, dates, the division register, pinyin."""
from __future__ import annotations

import pytest

from graph.dates import document_date, sentence_date
from graph.pinyin import romanise
from graph.places import register
from graph.quantities import find_quantities
from graph.sentences import split_sentences
from graph.text import make_document


def sentences(text: str):
    return split_sentences(make_document(text, "t.txt"))


def test_sentences_have_offsets_into_the_original() -> None:
    text = "九龍縣迎來專家。“感謝幫扶！”他說。\n\n產業幫扶\n資金6488.19萬元."
    doc = make_document(text, "t.txt")
    ss = split_sentences(doc)
    assert [s.text for s in ss] == ["九龍縣迎來專家。", "“感謝幫扶！”", "他說。", "產業幫扶", "資金6488.19萬元."]
    for s in ss:
        assert doc.text[s.start:s.end] == s.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("援助资金累计达6488.19万元", [(64881900, "CNY", False)]),
        ("共募集爱心捐款13万余元", [(130000, "CNY", True)]),
        ("规模种植400余亩白芍", [(400, "亩", True)]),
        ("年总产值超5000万元", [(50000000, "CNY", True)]),
        ("投资1.26亿元", [(126000000, "CNY", False)]),
        ("近百名医生", [(100, "名", True)]),
        ("选派优秀干部人才387人次", [(387, "人次", False)]),
        ("捐赠86双运动鞋，约3000人受益", [(86, "双", False), (3000, "人", True)]),
        ("200多名员工和100人左右的学生", [(200, "名", True), (100, "人", True)]),
        ("第六批工作队于2021年10月20日出发，10天后返回，增长5%", []),
        ("一个中心，数十个专业", []),
    ],
)
def test_quantities(text: str, expected: list) -> None:
    found = [(q.value, q.unit, q.approximate) for s in sentences(text) for q in find_quantities(s)]
    assert found == expected


def test_money_knows_what_it_counts() -> None:
    (q,) = [q for s in sentences("提供2000余个就业岗位。") for q in find_quantities(s)]
    assert q.counts == "就业岗位"


@pytest.mark.parametrize(
    "text, date",
    [
        # one dated event and its year stated (今年10月20日 + 2021年): the day (tests/articles/README.md)
        ("今年10月20日，九龙县举行2021年大中专毕业季招聘会。2017年公司成立。预计到2025年产值翻番。", "2021-10-20"),
        ("6月12日，两县召开联席会议。7月3日，专家组抵达。全力助推该县2020年如期脱贫。2019年投入资金。", "2019"),
        ("2023年6月5日电 招聘会在固原举行。", "2023-06-05"),
        ("截至2024年9月底，已有47家企业结对。", "2024"),
        ("预计到2025年，产值将达到3000万元。", None),
        ("12月2日，专家走进九龙县。", None),
        # a web page's publication stamp: the event its lead dates, in the stamp's year
        ("来源：某某新闻网　　发布时间：2018年09月14日 09:12\n9月13日，两地结对签约仪式在汪清县举行。", "2018-09-13"),
        ("发布时间：2023-08-16 09:12　浏览次数：1385\n8月15日，捐赠仪式在东岳村举行。", "2023-08-15"),
        ("发布时间：2024-01-03\n12月28日，工作队抵达。", "2023-12-28"),
        ("发布时间：2024-01-03\n工作队抵达临洮。", "2024"),  # the day the page went online dates no event
    ],
)
def test_document_date(text: str, date: str | None) -> None:
    assert document_date(sentences(text)) == date


def test_sentence_dates_take_the_document_year() -> None:
    ss = sentences("今年10月20日，招聘会举行。明年，医院将托管县医院。")
    assert sentence_date(ss[0], 2021) == "2021-10-20"
    assert sentence_date(ss[1], 2021) == "2022"
    assert sentence_date(ss[0], None) is None


def test_register_resolves_short_forms_and_chains() -> None:
    reg = register()
    assert reg.resolve("九龙").name == "九龙县"
    assert reg.resolve("甘孜州").code == "513300"
    assert [d.name for d in reg.chain("513324")] == ["九龙县", "甘孜藏族自治州", "四川省"]
    # 西湖区 exists in 杭州 and in 南昌: only context decides
    assert reg.resolve("西湖区") is None
    assert reg.resolve("西湖区", ["330100"]).code == "330106"
    assert reg.resolve("北京市").kind == "Province"
    assert reg.by_code["110105"].parent == "110000"
    # peoples named without 族: 新疆维吾尔自治区 is 新疆, 巴里坤哈萨克自治县 巴里坤 (but 内蒙古 keeps its 蒙古)
    assert reg.resolve("新疆").code == "650000" and reg.resolve("巴里坤县").name == "巴里坤哈萨克自治县"
    assert reg.resolve("内蒙古").code == "150000"
    # 南京市鼓楼区 beside 徐州's and 福州's: the district whose own city the text names
    assert reg.resolve("鼓楼区", ["320100", "611025"]).code == "320106"


def test_pinyin() -> None:
    assert romanise("九龙县") == "jiǔ lóng xiàn"


def test_a_headings_column_before_a_separator_is_no_part_of_the_name() -> None:
    from graph.extract import extract
    from graph.text import make_document
    ex = extract(make_document("京冀协作丨德胜医院托管阳原县中医院一年\n\n西城区对口帮扶阳原县。", "t.txt"))
    assert not any("丨" in e.label or "协作" in e.label for e in ex.entities.values())


def test_a_county_short_name_the_model_reads_as_a_word_inside_a_bodys_name() -> None:
    from graph.extract import extract
    from graph.text import make_document
    ex = extract(make_document("天津市对口支援于田县。天津市援疆前方指挥部于田工作组联合天津甲乙电子商务有限公司开展直播。", "t.txt"))
    assert "天津市援疆前方指挥部于田工作组" in {e.label for e in ex.entities.values()}


def test_a_town_the_model_takes_for_a_person_after_its_county() -> None:
    """LAC reads some towns whose first character is a surname (王尹镇, 陈旗镇) as names; written right after
    their county they are places, and the company signing with them helps the town."""
    from graph.mentions import find_mentions
    from graph.ner import Token
    doc = make_document("甲公司与秦安县王尹镇签订协议。", "t.txt")
    sentence = split_sentences(doc)[0]
    tokens = [Token(0, 3, "甲公司", "ORG"), Token(3, 4, "与", "p"), Token(4, 7, "秦安县", "LOC"),
              Token(7, 10, "王尹镇", "PER"), Token(10, 12, "签订", "v"), Token(12, 14, "协议", "n"),
              Token(14, 15, "。", "w")]
    kinds = {m.text: m.kind for m in find_mentions(sentence, tokens)}
    assert kinds["王尹镇"] == "Town"
    alone = [Token(0, 3, "王尹镇", "PER"), Token(3, 5, "表示", "v")]
    person = split_sentences(make_document("王尹镇表示。", "t.txt"))[0]
    assert {m.text: m.kind for m in find_mentions(person, alone)}.get("王尹镇") == "Person"


def test_the_register_knows_chongqings_central_districts() -> None:
    """The division data leaves out 江北区 and 渝北区 of Chongqing: 重庆市江北区 is still Chongqing's, not Ningbo's."""
    assert {d.code for d in register().candidates("江北区")} == {"330205", "500105"}
    assert [d.name for d in register().chain("500112")] == ["渝北区", "重庆市"]
    from graph.extract import extract
    ex = extract(make_document("重庆市江北区对口支援类乌齐县以来，累计落实援藏资金1.86亿元。", "t.txt"))
    assert {(ex.entities[a.provider].code, ex.entities[a.recipient].label) for a in ex.assistance} == {("500105", "类乌齐县")}


@pytest.mark.parametrize("name, short", [("黔西南布依族苗族自治州", "黔西南"), ("黔东南苗族侗族自治州", "黔东南"),
                                         ("西双版纳傣族自治州", "西双版纳"), ("张家川回族自治县", "张家川"),
                                         ("东乡族自治县", "东乡"), ("鄂温克族自治旗", "鄂温克"),
                                         ("积石山保安族东乡族撒拉族自治县", "积石山"), ("大通回族土族自治县", "大通"),
                                         ("浦东新区", "浦东"), ("滨海新区", "滨海"), ("六枝特区", "六枝"),
                                         ("神农架林区", "神农架")])
def test_an_autonomous_divisions_short_name_leaves_only_its_peoples_out(name: str, short: str) -> None:
    """黔西南州 is 黔西南布依族苗族自治州 (黔西 is a city of Bijie): the short name drops the peoples named, no more;
    浦东 is 浦东新区 (not 浦东新)."""
    from graph.places import short_names
    d = register().by_name[name][0]
    assert short_names(d.name, d.kind)[0] == short
    assert d in register().candidates(short)


def test_a_short_name_resolves_to_the_division_written_at_the_head_of_a_name() -> None:
    from graph.extract import extract
    ex = extract(make_document("东乡族自治县人民政府工作报告。厦门某公司投资建成的东乡手抓羊肉工厂已经投产。"
                               "宁波市对口帮扶黔西南州。", "t.txt"))
    codes = {e.label: e.code for e in ex.entities.values() if e.kind in ("County", "Prefecture", "Township")}
    assert codes.get("东乡族自治县") == "622926" and "东乡" not in codes
    assert codes.get("黔西南布依族苗族自治州") == "522300"
