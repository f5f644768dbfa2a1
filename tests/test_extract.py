"""The extractor on short texts of the genre, one rule family at a time, in places other than the seed's."""
from __future__ import annotations

import pytest

from graph.extract import extract
from graph.text import make_document


def run(text: str):
    ex = extract(make_document(text, "t.txt"))
    label = {k: e.label for k, e in ex.entities.items()}
    return ex, label


def entities(ex) -> dict[str, str]:
    return {e.label: e.kind for e in ex.entities.values()}


def pairs(ex, label) -> set[tuple[str, str, str]]:
    return {(label.get(a.provider, a.provider), label.get(a.recipient, a.recipient), a.sector) for a in ex.assistance}


def posts(ex, label) -> set[tuple[str, str, str | None]]:
    return {(label[p.person], p.role, label.get(p.organization) if p.organization else None) for p in ex.posts}


def test_hospital_trusteeship_in_traditional_characters() -> None:
    ex, label = run("深圳市南山區人民醫院託管田林縣人民醫院，派出10名醫生。")
    assert ("深圳市南山区人民医院", "田林县人民医院", "health") in pairs(ex, label)
    # the evidence keeps the original characters
    assert ex.sentences[0].text.startswith("深圳市南山區")


def test_short_forms_take_the_article_s_district() -> None:
    ex, label = run("常州市武进区对口帮扶紫阳县。区人民医院与县人民医院签订帮扶协议。")
    found = entities(ex)
    assert found["武进区人民医院"] == "Hospital"
    assert found["紫阳县人民医院"] == "Hospital"
    assert ("武进区人民医院", "紫阳县人民医院", "health") in pairs(ex, label)
    hospital = next(e for e in ex.entities.values() if e.label == "武进区人民医院")
    assert "区人民医院" in hospital.aliases


def test_company_short_name_is_the_same_company() -> None:
    ex, label = run("山东鲁中泉润食品有限公司与城口县签订采购协议。泉润公司董事长刘振华说，泉润将扩大收购。")
    companies = [e for e in ex.entities.values() if e.kind == "Company"]
    assert len(companies) == 1
    assert {"泉润公司"} <= companies[0].aliases
    assert ("刘振华", "董事长", "山东鲁中泉润食品有限公司") in posts(ex, label)


def test_names_after_titles_and_coreference() -> None:
    ex, label = run("北京绿源农业科技有限公司向东沟村小学捐赠图书。该校校长李淑芬表示感谢。董事长王建国说，还将继续帮扶。")
    assert entities(ex)["李淑芬"] == "Person"
    assert ("李淑芬", "校长", "东沟村小学") in posts(ex, label)
    assert "王建国" in entities(ex)
    assert ("北京绿源农业科技有限公司", "东沟村小学", "donation") in pairs(ex, label)


def test_donation_delivered_by_someone() -> None:
    ex, label = run("9月1日，会泽县金钟街道中心小学，由昆明市五华区红云街道商会捐赠的200套桌椅送到了学生手中。")
    assert ("昆明市五华区红云街道商会", "会泽县金钟街道中心小学", "donation") in pairs(ex, label)


def test_ascii_punctuation_and_places() -> None:
    ex, label = run('上海市松江区与云南省红河州元阳县签订协议, 松江区将采购元阳县农产品3000万元. "这是好事."')
    found = entities(ex)
    assert found["松江区"] == "District"
    assert found["元阳县"] == "County"
    assert ("松江区", "元阳县", "consumption") in pairs(ex, label)
    money = [q for q in ex.quantities if q.unit == "CNY"]
    assert [q.value for q in money] == [30000000]
    county = next(e for e in ex.entities.values() if e.label == "元阳县")
    assert county.code == "532528"


def test_townships_hang_under_their_county() -> None:
    ex, label = run("卓尼县柳林镇中心小学迎来天津专家。柳林镇位于卓尼县。")
    town = next(e for e in ex.entities.values() if e.label == "柳林镇")
    assert town.kind == "Town"
    assert label[town.parent] == "卓尼县"
    school = next(e for e in ex.entities.values() if e.kind == "School")
    assert label[school.location] == "柳林镇"


def test_people_are_one_per_article_and_told_apart_across_articles() -> None:
    from graph.places import register
    from graph.rdf import to_graph

    one, _ = run("武进区人民医院副院长陈立新在紫阳县人民医院挂职副院长。陈立新说，两院合作顺利。")
    assert len([e for e in one.entities.values() if e.kind == "Person"]) == 1
    a = extract(make_document("紫阳县人民医院院长张伟介绍了情况。", "a.txt"))
    b = extract(make_document("武进区教育局局长张伟表示支持。", "b.txt"))
    c = extract(make_document("紫阳县人民医院院长张伟说，合作还将深化。", "c.txt"))
    g = to_graph([a, b, c], register())
    people = set(g.query('SELECT DISTINCT ?p WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> "张伟"@zh }'))
    assert len(people) == 2  # the hospital's 张伟 (in a and c) and the bureau's


def test_events_and_organisers() -> None:
    ex, label = run("今年6月5日，2023年闽宁劳务协作专场招聘会在固原市原州区举行。本次招聘会由福州市人力资源和社会保障局主办，"
                    "原州区就业创业服务中心承办。")
    event = next(e for e in ex.entities.values() if e.kind == "Event")
    assert "招聘会" in event.label
    organisers = {(label[r.subject], r.predicate, label[r.object]) for r in ex.relations if r.predicate != "produces"}
    assert (event.label, "organizer", "福州市人力资源和社会保障局") in organisers
    assert (event.label, "coOrganizer", "原州区就业创业服务中心") in organisers
    assert ex.date == "2023-06-05" or ex.date == "2023"


@pytest.mark.parametrize("text", ["", "。。。", "Hello, world."])
def test_degenerate_texts_do_not_crash_the_stages(text: str) -> None:
    from graph.errors import InputError

    with pytest.raises(InputError):
        make_document(text, "t.txt")


def test_trigger_without_pair_is_a_warning() -> None:
    ex, _ = run("各地积极开展对口帮扶工作。")
    assert ex.assistance == []
    assert ex.warnings and "对口帮扶" in ex.warnings[0]


def test_extraction_is_deterministic(seed_extraction) -> None:
    from graph.extract import extract
    from graph.text import read_document
    from tests.conftest import SEEDS

    again = extract(read_document(SEEDS / "qingbaijiang-jiulong.txt"))
    assert sorted(again.entities) == sorted(seed_extraction.entities)
    assert [(a.provider, a.recipient, a.sector) for a in again.assistance] == \
        [(a.provider, a.recipient, a.sector) for a in seed_extraction.assistance]


@pytest.mark.parametrize("text, event", [
    ("9月3日，2025年黄岛·礼县消费帮扶产销对接会在青岛市黄岛区举行。", "2025年黄岛·礼县消费帮扶产销对接会"),
    ("日前，“冬日暖阳·情系镇康”爱心捐赠仪式在镇康县举行。", "“冬日暖阳·情系镇康”爱心捐赠仪式"),
    ("“携手就业”——2025年津甘劳务协作专场招聘会在临潭县举行。", "2025年津甘劳务协作专场招聘会"),
    ("上海市嘉定区与云南省临沧市云县2025年沪滇协作联席会议在云县召开。", "2025年沪滇协作联席会议"),
])
def test_an_event_named_before_its_venue(text: str, event: str) -> None:
    ex, _ = run(text)
    assert entities(ex).get(event) == "Event", entities(ex)


def test_goods_are_products_wherever_named() -> None:
    """The products lexicon: 脐橙 and 肉牛 grown and raised, 李子 though the model reads it as a name, and a
    place's specialty after its name."""
    ex, _ = run("会理市位于凉山州。合作社种植脐橙800亩、养殖肉牛120头，村民种植的李子也上了网店，会理石榴通过电商销往全国。")
    found = entities(ex)
    assert {found.get(w) for w in ("脐橙", "肉牛", "李子", "会理石榴")} == {"Product"}, found
    assert "李子" not in {e.label for e in ex.entities.values() if e.kind == "Person"}


def test_names_the_model_cut_at_the_wrong_character() -> None:
    """驻怒/江州, 负责人次/仁多吉, 怒江州委/v: the characters go back where the name is whole."""
    ex, label = run("珠海市驻怒江州帮扶工作组组长王志诚说，基地负责人次仁多吉种植蔬菜。怒江州委常委李海出席。")
    found = entities(ex)
    assert found.get("珠海市驻怒江州帮扶工作组") == "Team", found
    assert found.get("次仁多吉") == "Person", found
    assert ("李海", "常委", "怒江州委") in posts(ex, label)


def test_a_whole_name_then_a_trigger_ends_the_name() -> None:
    """温州市人民医院对口帮扶黎平县人民医院: two hospitals and the verb between, not one long name; a team named
    after its task (江阴市对口帮扶灌云县工作组) stays whole."""
    ex, label = run("温州市人民医院对口帮扶黎平县人民医院，派出专家12名。江阴市对口帮扶灌云县工作组组长钱立明说。")
    found = entities(ex)
    assert found.get("温州市人民医院") == "Hospital" and found.get("黎平县人民医院") == "Hospital", found
    assert found.get("江阴市对口帮扶灌云县工作组") == "Team", found
    ex, _ = run("2022年，在柯城区对口帮扶工作队的牵线下，公司董事长方建国第一次来到北川。")
    assert entities(ex).get("柯城区对口帮扶工作队") == "Team"


@pytest.mark.parametrize("name, kind", [
    ("汪清县职业技术教育中心", "School"), ("榕江县工商联", "Association"), ("黄岛区总工会", "Organization"),
    ("礼县供销合作社联合社", "Organization"), ("济南高新区管委会", "GovernmentBody"),
    ("新疆生产建设兵团第十三师", "Organization"), ("新疆生产建设兵团", "Organization"),
])
def test_kinds_by_their_endings(name: str, kind: str) -> None:
    from graph.kinds import org_kind

    assert org_kind(name) == kind
