"""Mentions: the NER model's names, repaired and completed by a rule layer.

The model (``ner``) finds most people, places and organisations but cuts or misses some kinds of
name; each rule here fixes one measured failure and is written for the genre, not for one article:

* organisation names assembled from tokens up to an institutional ending (…科研基地, …产业园,
  …物流商会, 第六批对口支援工作队, 中国(四川)国际茶业博览会);
* short forms that lean on the article's place (区妇幼保健院, 县第一中学);
* people's names the model cut short (莫觉 + 凡) or missed after a title (校长李明说);
* events after 举行/举办/召开/参加 and products in enumerations (种植白芍、秦艽等中藏药材).
"""
from __future__ import annotations

import re
from typing import Callable

from .kinds import BATCH, EVENT_HEADS, ORG_ENDING, kind_of, org_kind, place_kind
from .model import Mention, Sentence
from .ner import Token
from .places import register
from .lexicon import products, tibetan_name, titles, triggers

HAN = r"\u4e00-\u9fff"
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "扎格次索达拉卓洛尼"
)
PROVINCE_ABBREVIATIONS = set("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇云藏陕秦甘陇青宁新港澳台")
_TITLE_THEN_NAME = re.compile(
    rf"(?:{titles().pattern.pattern})\s?([{HAN}]{{2,3}}?)(?=说|介绍|表示|指出|告诉|强调|坦言|称|带领|一行|等|同志|主持|出席|"
    rf"讲话|致辞|参加|陪同|会见|调研|考察|看望|慰问|宣布|[\s，,。：:、（()）])"
)
# 马书记, 白院长: a surname and a title, the only form in which the text names some people
SURNAME_TITLES = "书记|院长|校长|队长|镇长|乡长|站长|主任|县长|局长|区长|旗长"
_SURNAME_TITLE = re.compile(
    rf"(?:(?<=[，,。：:“”\"、（(\s的是和与跟对让请说找向给称问在])|^)([{''.join(sorted(SURNAMES))}](?:{SURNAME_TITLES}))")
_EVENT_AFTER_VERB = re.compile(
    rf"(?:举行|举办|召开|参加|开展|启动|承办|主办|组织)了?(?:第[0-9一二三四五六七八九十]+届)?"
    rf"([0-9{HAN}（）()·“”\"—\-]{{2,40}}?(?:{EVENT_HEADS}))"
)
# 2024年武清·静宁消费帮扶产销对接会在天津市武清区举行: an event named at the head of its clause, then its venue
_EVENT_AT_VENUE = re.compile(
    rf"(?:^|[，,。：:；;）)])(?:[0-9]{{1,2}}月[0-9]{{1,2}}日[上下]?午?|近日|日前|昨天|今天|当天)?[，,]?"
    rf"((?:[0-9]{{4}}年)?[0-9{HAN}（）()·“”\"—\-]{{2,50}}?(?:{EVENT_HEADS})"
    rf"(?:暨[0-9{HAN}“”\"·]{{2,30}}?(?:{EVENT_HEADS}|活动))?)"
    rf"(?:在|于)[^，,。；;]{{1,25}}?(?:举行|举办|召开|开幕|启动|开班|闭幕)"
)
_SHORT_FORM_ORG = re.compile(
    rf"(?:^|(?<=[，,、。：:“”\"和与及由的在到向（(]))([区县市州乡镇])([{HAN}0-9]{{1,14}}?)"
    + ORG_ENDING.pattern
)
_PRODUCT_LIST = re.compile(
    rf"([{HAN}“”\"·、]{{2,60}}?)等(?:[0-9一二三四五六七八九十百千余多]{{0,6}}[种个类款样])?(?:[{HAN}]{{0,4}}?)(?:中藏药材|中药材|药材|名优产品|农特产品|农产品|土特产品|土特产|"
    rf"特产|产品|作物|经济作物|特色产品|优质产品|蔬菜|水果|果品|海产品|水产品|山货|农副产品|特色农产品|商品)"
)
_GROWN_LIST = re.compile(rf"((?:[{HAN}]{{2,6}}、){{1,8}}[{HAN}]{{2,5}})等?(?:的)?(?:种植|养殖)")
_PRODUCT_VERB = re.compile(r"(帮助销售|带动销售|上架销售|种植|试种|出产|生产|销售|推动|推广|养殖|加工|收购|采购|推介|远销|发展|培育|包括|有|带来|带着|展出|"
                           r"展销|上架|携|帮销|助销|代销|认购|订购)")
# what stands before or after a good in a list without being part of it: 销售我县百合, 东丰梅花鹿产品
_NOT_OF_GOOD = re.compile(r"^(?:我县|全县|本县|该县|我市|全市|本地|当地)|(?:系列)?产品$")
_QUOTED = re.compile(r"[“\"]([^”\"]{2,12})[”\"]")
# 收购长辣椒2600吨, 采购大米12吨: a good counted right after the verb that buys or sells it
_COUNTED_GOOD = re.compile(rf"(?:采购|收购|销售|购买|认购|订购)了?([{HAN}]{{2,6}}?)(?:近|约|超过|超|逾|可达|达|共|累计)?"
                           rf"(?:[0-9]+(?:\.[0-9]+)?[万千百]?余?多?)(?:台|套|件|册|箱|吨|斤|公斤|千克|头|只|袋|批|份|床|双|盒)")
_DEALS = re.compile(r"(合同|协议|订单)$")  # 采购合同11份 counts papers, not goods
_QUOTED_PRODUCTS = re.compile(r"((?:[“\"][^”\"]{2,12}[”\"]、?){1,8})等(?:产品|品牌|茶叶|商品)")

# tokens that may sit inside an organisation name between its first token and its ending
_SITE_WORDS = {"在", "于", "到", "赴"}
_INSIDE_TAGS = {"LOC", "ORG", "n", "nz", "nt", "ns", "nw", "vn", "an", "f", "j", "PER"}
_INSIDE_VERBS = {"驻", "援", "支援", "帮扶", "援助", "援藏", "援疆", "扶贫", "协作", "援建", "养殖", "种植", "加工",
                 "示范", "研培", "培训", "交流", "发展", "服务", "管理", "建设", "对口", "就业", "创业",
                 "加绒", "检疫", "交易", "保护", "监督", "招聘", "研究", "科研", "教研", "医疗",
                 "对口帮扶", "对口支援", "结对帮扶", "东西部协作", "劳务协作",
                 "完全", "工作"}  # 柯城区对口帮扶工作队, 隆子县完全小学, 对口支援新疆工作前方指挥部
# verbs that end a name even when the model calls them verbal nouns (…人民医院托管…人民医院)
_CHUNK_STOP = {"托管", "捐赠", "捐助", "签订", "签署", "选派", "派出", "举办", "主办", "承办", "协办", "开展", "组织",
               "实施", "推进", "带动", "举行", "支持", "帮助", "助力", "引进", "投资", "采购", "购买", "参加", "走进",
               "来到", "结对", "对接", "联系", "援建", "出资", "共建", "落户"}
_DECLARES = re.compile(r"(?:以下简称|下称|简称)")
_DECLARATION = re.compile(rf"[（(]{_DECLARES.pattern}[^）)]{{0,20}}[）)]")
_HAN_ONLY = re.compile(rf"[{HAN}]+")
_ASSOCIATION_HEADS = {"总会", "协会", "商会", "学会", "联合会", "促进会", "同乡会", "基金会"}
_START_TAGS = {"LOC", "ORG", "nz", "nt", "ns", "nw"}
_MOTION = {"走进", "来到", "赴", "前往", "深入", "到", "进驻", "抵达"}
_GOING = _MOTION | {"率队", "带队", "一行", "率团"}
_SPEECH = ("说", "介绍", "表示", "指出", "告诉", "强调", "坦言", "称", "透露")
_EVENT_ANCHOR = re.compile(r"[0-9]|中国|全国|国际|首届|第[一二三四五六七八九十]")
_INNER_TRIGGER = re.compile("对口帮扶|对口支援|结对帮扶|定点帮扶|托管|帮扶|支援|援建|捐赠|共建")
_GENERIC_VILLAGES = {"脱贫村", "贫困村", "示范村", "重点村", "行政村", "自然村", "搬迁村", "集体村", "结对村",
                     "帮扶村", "试点村", "美丽乡村", "新农村", "全村", "本村", "该村", "各村", "邻村"}
_BYLINE = re.compile(
    rf"(?:^[（(【]?|来源[：:]\s*|本文来源[：:]\s*)([{HAN}]{{2,8}}?(?:新华社|通讯社|日报|晚报|报社|报|网|电视台|融媒体中心|融媒|社))"
    rf"(?=[{HAN}]{{0,6}}?[0-9]{{0,2}}月?[0-9]{{0,2}}日?电|讯|[\s】）)]|记者|$)"
)
# 本报讯（巫溪县融媒体中心记者 谭晓峰）: the reporter's outlet inside the bracket, right before 记者
_BYLINE_DESK = re.compile(rf"[（(]([{HAN}]{{2,8}}?(?:日报|晚报|报社|电视台|融媒体中心|新闻中心))(?=记者)")
_GLUED_VERBS = {"常驻", "派驻", "进驻", "来到", "前往", "赴", "到", "在", "驻", "支援", "帮扶", "援建", "对口", "走进", "深入"}
_FUNCTION_CHARS = set("同和与及在到从向对为把被的")
_PLACE_PARTS = ("集镇", "镇区", "县城", "城区", "老城")
_NOT_PLACES = {"中国", "全国", "中华", "国家", "中央", "当地", "本地", "两地", "异地", "各地", "海外", "国际"}


def _org_chunks(tokens: list[Token], sentence: Sentence) -> list[Mention]:
    """Names assembled from a starting token up to the longest institutional ending."""
    out: list[Mention] = []
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        year_start = t.tag in ("TIME", "m") and re.fullmatch(r"\d{4}年", t.word) is not None
        if t.tag not in _START_TAGS and not year_start:
            i += 1
            continue
        best = inner = None
        j = i
        depth = 0
        opened = quoted = -1  # the quotes around a short quoted word inside the name (“组团式”援藏医疗队)
        while j < n and tokens[j].end - t.start <= 30:
            w = tokens[j]
            if j > i and w.word == "“" and quoted < j:
                opened, quoted = j, next((q for q in range(j + 1, min(j + 4, n)) if tokens[q].word == "”"), -1)
                if quoted > 0 and not re.fullmatch(r"[\u4e00-\u9fff]{1,6}", sentence.norm[
                        tokens[j].end - sentence.start:tokens[quoted].start - sentence.start]):
                    quoted = -1
            if j > i:
                ok = w.word not in _CHUNK_STOP and (
                    j <= quoted
                    or w.tag in _INSIDE_TAGS
                    or (w.tag in ("v", "a", "vd", "ad", "m", "q", "TIME") and w.word in _INSIDE_VERBS)
                    or (w.tag == "v" and re.fullmatch(r"援[\u4e00-\u9fff]{1,3}", w.word) is not None)  # 泉州市援同心工作组
                    or (w.tag in ("v", "vn") and w.word in _ASSOCIATION_HEADS)  # 意大利/LOC 浙江/LOC 同乡/n 总会/v
                    or (w.tag in ("m", "q") and re.fullmatch(r"第[0-9一二三四五六七八九十]+[批届期次]|[0-9一二三四五六七八九十]+号?", w.word))
                    or (w.tag == "TIME" and not re.search(r"[0-9年月日]", w.word))
                    or (w.tag == "a" and len(w.word) == 1)
                    or (w.word in ("(", "（") and j + 1 < n and tokens[j + 1].tag == "LOC")
                    or (w.word in (")", "）") and depth > 0)
                    or (w.word == "·")
                    # 指挥部/ORG 于田/p 工作组/n: a county's short name the model reads as a word, before a body's ending
                    or (w.word in register().by_short and j + 1 < n and bool(ORG_ENDING.fullmatch(tokens[j + 1].word)))
                    # 深圳市/LOC 对口/ad 支援/v 新疆/LOC 工作前方指挥部/v: the model's verb that ends in a body's name
                    or (len(w.word) >= 3 and w.tag in ("v", "vd", "a", "ad", "d")
                        and bool(ORG_ENDING.search(w.word)) and bool(re.fullmatch(r"[\u4e00-\u9fff]+", w.word)))
                )
                if ok and j == i + 1 and t.tag == "LOC" and w.tag == "v" and i > 0 and tokens[i - 1].word in _SITE_WORDS:
                    break  # 在江西坡镇/LOC 建设/v 茶叶加工厂: the place is where the verb builds, not a body's name
                whole = best is not None and best[0] == j - 1 or j == i + 1 and bool(ORG_ENDING.search(t.word))
                if not ok or whole and (triggers().pattern.fullmatch(w.word) or w.word == "对口"):
                    break  # 温州市人民医院|对口帮扶|黎平县人民医院: a whole name, then a trigger, is no longer name
                if w.word in ("(", "（") and _DECLARES.match(sentence.norm, w.end - sentence.start):
                    break  # 中国电子科技集团有限公司（以下简称“中国电科”）: the name ends where its short form is declared
                if w.word in ("(", "（"):
                    depth += 1
                elif w.word in (")", "）"):
                    depth -= 1
            text = sentence.norm[t.start - sentence.start: w.end - sentence.start]
            if depth == 0 and j > i and not opened <= j <= quoted and ORG_ENDING.search(text) and (not year_start or org_kind(text) == "Event"):
                if best is not None and org_kind(best[1]) not in ("Event", None):
                    inner = best
                best = (j, text)
            j += 1
        if best is not None:
            j, text = best
            if text.endswith("活动") and inner is not None:
                j, text = inner  # 医疗专家队义诊活动: the team is the entity, the activity is what it does
            k = i
            if (tokens[i].tag == "LOC" and i > 0 and tokens[i - 1].word in _MOTION and j > i
                    and re.match(r"第[0-9一二三四五六七八九十]+批", tokens[i + 1].word)):
                k = i + 1  # 走进九龙县第六批援藏干部医疗专家队: the place is where the team went
                text = text[len(tokens[i].word):]
            t = tokens[k]
            kind = org_kind(text) or "Organization"
            out.append(Mention(t.start, tokens[j].end, text, kind, sentence.index, "rule"))
            i = j + 1
        else:
            i += 1
    return out


def _after_town(tokens: list[Token], k: int) -> bool:
    """门楼镇/LOC 仉村/LOC: a two-character village written right after its town."""
    return k > 0 and tokens[k - 1].tag == "LOC" and tokens[k - 1].end == tokens[k].start \
        and tokens[k - 1].word.endswith(("镇", "乡", "街道")) and tokens[k].word.endswith("村")


def _model_mentions(tokens: list[Token], sentence: Sentence) -> list[Mention]:
    out = []
    for k, t in enumerate(tokens):
        if t.tag not in ("PER", "LOC", "ORG"):
            continue
        start, end, text = t.start, t.end, t.word
        if t.tag == "PER":
            dot = re.match(rf"·[{HAN}]{{2,8}}?(?={titles().pattern.pattern}|说|介绍|表示|告诉|称|等|[^{HAN}]|$)",
                           sentence.norm[end - sentence.start:])  # (…·艾力理事长说: the title is no part of it)
            if dot:  # 阿依古丽·买买提: the model stops at the middle dot
                end, text = end + dot.end(), text + dot.group(0)
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            after = tokens[k + 2] if k + 2 < len(tokens) else None
            # 莫觉/PER 凡/d 介绍/v, 张立/PER 新/ad 赴/v: a name cut one character short before a verb of speech
            # or of going
            if (len(text) == 2 and nxt is not None and len(nxt.word) == 1 and re.match(f"[{HAN}]", nxt.word)
                    and nxt.tag not in ("p", "c", "u", "v", "w", "t") and nxt.word not in _NOT_IN_NAME
                    and nxt.word not in "今昨近曾" and after is not None
                    and (after.word.startswith(_SPEECH) or after.tag == "w" or after.word in _GOING)):
                end, text = nxt.end, text + nxt.word
            elif (len(text) == 3 and text[0] not in SURNAMES and nxt is not None and len(nxt.word) == 1
                  and re.match(f"[{HAN}]", nxt.word) and nxt.word not in _NOT_IN_NAME and after is not None
                  and not nxt.word.startswith(_SPEECH) and nxt.word not in "说称道讲问答笑"
                  and (after.tag in ("v", "w") or after.word.startswith(_SPEECH))
                  and any(m.end() == start - sentence.start for m in titles().pattern.finditer(
                      sentence.norm, max(0, start - sentence.start - 8), start - sentence.start))):
                # 旗长乌云达/PER 来/v 主持, 院长尕玛才/PER 让/v 说: a transliterated name of four, after its title
                end, text = nxt.end, text + nxt.word
            if not (2 <= len(text) <= 4 or "·" in text) or not re.fullmatch(f"[{HAN}·]+", text):
                continue
            if re.fullmatch(products().every, text):
                continue  # 李子, 恰玛古, 贡米: a good the model took for a name (the products lexicon reads it)
        if t.tag in ("LOC", "PER") and (len(text) < 2 or all(ch in PROVINCE_ABBREVIATIONS for ch in text)):
            continue  # 闽, 苏陕, 闽宁: the two sides of a programme in shorthand, not a place or a person
        if t.tag == "ORG" and len(text) <= 2 and not ORG_ENDING.search(text):
            continue  # 中, 中藏: fragments the model tags as organisations
        kind = kind_of(text, t.tag)
        if kind is None:
            continue
        if t.tag == "LOC":
            if text in _NOT_PLACES:
                continue
            tail = next((w for w in _PLACE_PARTS if text.endswith(w) and len(text) > len(w) + 1
                         and text[-len(w) - 1] in "乡镇县区市旗"), None)
            if tail:  # 巴普镇集镇/LOC, 昭觉县县城/LOC: a part of the place, named by a common word
                end, text = end - len(tail), text[:-len(tail)]
                kind = kind_of(text, "LOC")
            longer = _longest_division(sentence.norm, start - sentence.start)
            if longer and len(longer) > len(text):  # 察哈尔右翼/LOC 后旗: the register knows the whole name
                end, text = start + len(longer), longer
            if not register().candidates(text):
                # LAC glues a place to what follows (九龙县天乡): keep the registered head only
                head = next((text[:s] for s in range(len(text) - 1, 1, -1) if register().candidates(text[:s])), None)
                if head is not None and not place_kind(text):
                    start, end, text, kind = start, start + len(head), head, kind_of(head, "LOC")
                elif kind in ("Province", "Prefecture", "City", "County", "District", "Place"):
                    continue  # 振兴省, 津门, 日本: an unregistered "division" or a bare name is no place here
                elif kind == "Village" and (text in _GENERIC_VILLAGES or text.endswith(("农村", "乡村"))):
                    continue  # 脱贫村, 示范村, 农业农村: kinds of village, not one village
                elif kind in ("Township", "Village", "Town") and (len(text) < 3 and not _after_town(tokens, k) or (
                        text.endswith(("乡村", "城镇", "村镇")) and text[:-2] in _FUNCTION_CHARS)):
                    continue  # 同乡村 is 同 + 乡村, 土城镇 is a town (but 门楼镇仉村 is a village)
                elif text.startswith(("结对", "帮扶", "脱贫", "对口")):
                    continue  # 向结对镇村投入: the paired towns and villages, no place
                elif sentence.norm[start - sentence.start - 1: start - sentence.start] in ("“", '"') and \
                        sentence.norm[end - sentence.start: end - sentence.start + 1] in ("”", '"'):
                    continue  # “万企兴万村”: a slogan in quotes, not a village
        out.append(Mention(start, end, text, kind, sentence.index, "ner"))
    return out


def _longest_division(text: str, at: int) -> str | None:
    """The longest full division name the register knows that starts at ``text[at]``."""
    reg = register()
    for size in range(min(12, len(text) - at), 1, -1):
        if text[at:at + size] in reg.by_name:
            return text[at:at + size]
    return None


_GENERIC_DIVISIONS = {"新城区", "城区", "郊区", "矿区", "市中区", "市辖区"}  # division names that are also common words


def _registered_places(sentence: Sentence) -> list[Mention]:
    """Divisions written in full where the model saw no place (六枝/m 特区/n): the register knows the name."""
    reg = register()
    text = sentence.norm
    out = []
    at = 0
    while at < len(text):
        size = next((n for n in range(min(8, len(text) - at), 2, -1) if text[at:at + n] in reg.by_name
                     and text[at:at + n] not in _GENERIC_DIVISIONS
                     and all(d.level > 1 for d in reg.by_name[text[at:at + n]])), 0)
        if size:
            name = text[at:at + size]
            out.append(Mention(sentence.start + at, sentence.start + at + size, name, reg.by_name[name][0].kind,
                               sentence.index, "rule"))
            at += size
        else:
            at += 1
    return out


def _matches(rx: re.Pattern[str], sentence: Sentence, kind: str,
             keep: Callable[[str], bool] = lambda name: True) -> list[Mention]:
    """Group 1 of every match of ``rx`` in the sentence that ``keep`` accepts, as a mention of ``kind``."""
    out = []
    for m in rx.finditer(sentence.norm):
        name = m.group(1)
        if keep(name):
            start = sentence.start + m.start(1)
            out.append(Mention(start, start + len(name), name, kind, sentence.index, "rule"))
    return out


# （记者 望家豪 通讯员 覃小雨）, 通讯员 杨帆 岩块: a byline's names stand between spaces, surname or not
_BYLINE_NAMES = re.compile(rf"(?:记者|通讯员)((?:[ \u3000]+[{HAN}]{{2,4}}(?=[ \u3000）)]|$))+)")
_BYLINE_WORDS = {"整理", "报道", "摄影", "编辑", "供图", "综合", "编译", "实习生"}


def _byline_people(sentence: Sentence) -> list[Mention]:
    """The people of a byline, each word between spaces that is no title, no place and no byline word."""
    out = []
    for m in _BYLINE_NAMES.finditer(sentence.norm):
        for w in re.finditer(rf"[{HAN}]+", m.group(1)):
            name = w.group(0)
            if name in _BYLINE_WORDS or titles().pattern.fullmatch(name) or register().candidates(name):
                continue
            start = sentence.start + m.start(1) + w.start()
            out.append(Mention(start, start + len(name), name, "Person", sentence.index, "rule"))
    return out


_NAME_PART = re.compile(rf"[{HAN}]{{2,5}}")
_AFTER_NAME = re.compile(rf"(?:{titles().pattern.pattern})|说|介绍|表示|告诉|指出|致辞|讲话|发言|主持|老人|一行|带领|率领|"
                         rf"[）)\s，,、。：:的和与等在正也还把将用已]|$")


def _dot_names(sentence: Sentence) -> list[Mention]:
    """Names of two parts joined by · (买买提·艾力, 古丽米热·艾力): the first part runs back to a title, a pause
    or the start; the name ends before a title, a verb of speech or a pause."""
    out = []
    s = sentence.norm
    for dot in re.finditer("·", s):
        i = dot.start()
        after = _NAME_PART.match(s, i + 1)
        if after is None:
            continue
        end = next((j for j in range(i + 3, after.end() + 1) if _AFTER_NAME.match(s, j)), None)
        start = next((j for j in range(max(0, i - 4), i - 1) if re.match(f"[{HAN}]", s[j]) and (
                      j == 0 or not re.match(f"[{HAN}]", s[j - 1]) or s[j - 1] in _FUNCTION_CHARS
                      or titles().pattern.search(s[max(0, j - 6):j]) and
                      titles().pattern.search(s[max(0, j - 6):j]).end() == j - max(0, j - 6))), None)
        if end is None or start is None:
            continue
        name = s[start:end]
        if any(register().candidates(part) for part in name.split("·")):
            continue  # 武清·静宁: two places
        out.append(Mention(sentence.start + start, sentence.start + end, name, "Person", sentence.index, "rule"))
    return out


_TEAM_ENDS = r"(?:工作组|工作队|小组|管理组|指挥部|医疗队|服务队)"
_HEAD_TITLES = r"副?(?:组长|队长|领队|总指挥|指挥长)"
_TEAM_HEAD = re.compile(_TEAM_ENDS + _HEAD_TITLES)
_TEAM_THEN_HEAD = re.compile(rf"[{HAN}“”]{{0,20}}?{_TEAM_ENDS}(?={_HEAD_TITLES})")


def _teams_before_titles(sentence: Sentence) -> list[Mention]:
    """A team named from its province or city up to the title of its head (深圳市对口帮扶河池工作组组长, 江苏省援青
    前方指挥部贵德工作组组长): the model cuts such names at the verbs inside them."""
    out: list[Mention] = []
    s, reg = sentence.norm, register()
    heads = [m.start() for m in _TEAM_HEAD.finditer(s)]
    if not heads:
        return out
    i = max(0, heads[0] - 28)
    while i < heads[-1]:
        size = next((n for n in range(min(8, len(s) - i), 1, -1)
                     if s[i:i + n] in reg.by_name or s[i:i + n] in reg.by_short), 0)
        hit = _TEAM_THEN_HEAD.match(s, i + size) if size else None
        if hit is None:
            i += 1
            continue
        text = s[i:hit.end()]
        out.append(Mention(sentence.start + i, sentence.start + hit.end(), text, org_kind(text) or "Team",
                           sentence.index, "rule"))
        i = hit.end()
    return out


_SPOKEN_AFTER = re.compile(rf"(?:{'|'.join(_SPEECH)})|[，,。：:；;、）)]|$")


def _tibetan_names(sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """Tibetan names read whole (``lexicon/name_parts.json``): a run of name parts the model tags in part as a
    person, or that follows a title."""
    out = []
    people = [t for t in tokens if t.tag == "PER"]
    for hit in tibetan_name(1).finditer(sentence.norm):
        start, end = sentence.start + hit.start(), sentence.start + hit.end()
        titled = titles().pattern.search(sentence.norm, max(0, hit.start() - 6), hit.start())
        titled = titled is not None and titled.end() == hit.start()
        if not tibetan_name().fullmatch(hit.group(0)):  # 党委书记旦增说: one part, between a title and a verb of speech or a pause
            if titled and _SPOKEN_AFTER.match(sentence.norm, hit.end()):
                out.append(Mention(start, end, hit.group(0), "Person", sentence.index, "rule"))
        elif any(t.start < end and start < t.end for t in people) or titled:
            out.append(Mention(start, end, hit.group(0), "Person", sentence.index, "rule"))
    return out


def _named_event(name: str) -> bool:
    """劳务协作专场招聘会3场 is a kind of event; one named event has a year, an edition, a place or a quoted
    motto (“温暖过冬·情系古丈”爱心捐赠仪式)."""
    return bool(_EVENT_ANCHOR.search(name)) or name[0] in "“\"" or \
        any(register().candidates(name[:n]) for n in range(2, 6))


def _venue_events(sentence: Sentence) -> list[Mention]:
    """Events named at the head of a clause before their venue.  "甲与乙2019年…联席会议" is named by what
    follows the parties (2019年京冀扶贫协作联席会议); without a year there the parties are no part of a name;
    a motto before a dash is no part of it either."""
    out = []
    for m in _matches(_EVENT_AT_VENUE, sentence, "Event", _named_event):
        if "——" in m.text:  # “闽宁携手促就业”——2023年闽宁劳务协作专场招聘会: a motto, then the name
            cut = m.text.rindex("——") + 2
            if not _named_event(m.text[cut:]):
                continue
            m = Mention(m.start + cut, m.end, m.text[cut:], m.kind, m.sentence, m.source)
        declared = _DECLARATION.search(m.text)
        if declared:  # 中国电子科技集团有限公司（以下简称“中国电科”）2023年…展销会: the body, then the event's name
            m = Mention(m.start + declared.end(), m.end, m.text[declared.end():], m.kind, m.sentence, m.source)
        if "与" in m.text:
            year = re.search(r"[0-9]{4}年", m.text)
            if year is None or "与" in m.text[year.start():]:
                continue
            m = Mention(m.start + year.start(), m.end, m.text[year.start():], m.kind, m.sentence, m.source)
        out.append(m)
    return out


def _short_forms(sentence: Sentence) -> list[Mention]:
    """区妇幼保健院, 县一中: resolved to the article's district or county later (``entities``)."""
    out = []
    for m in _SHORT_FORM_ORG.finditer(sentence.norm):
        text = m.group(0)
        kind = org_kind(text)
        if kind is None or kind == "Event":
            continue
        start = sentence.start + m.start()
        out.append(Mention(start, start + len(text), text, kind, sentence.index, "short"))
    return out


def _products(sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    out = []
    s = sentence.norm
    for m in _QUOTED_PRODUCTS.finditer(s):
        for q in _QUOTED.finditer(m.group(1)):
            start = sentence.start + m.start(1) + q.start(1)
            out.append(Mention(start, start + len(q.group(1)), q.group(1), "Product", sentence.index, "rule"))
    for m in _COUNTED_GOOD.finditer(s):
        item = m.group(1)
        if not ORG_ENDING.search(item) and not register().candidates(item[:2]) and not _DEALS.search(item):
            start = sentence.start + m.start(1)
            out.append(Mention(start, start + len(item), item, "Product", sentence.index, "rule"))
    for m in _GROWN_LIST.finditer(s):  # 全县脐橙、蜜桔、百香果种植面积: a list of crops before 种植
        pos = m.start(1)
        for i, item in enumerate(m.group(1).split("、")):
            start = sentence.start + pos
            if i == 0:  # the first item may carry a head (全县脐橙): keep the model's last word of it
                word = next((t for t in tokens if t.end == start + len(item) and t.start >= start
                             and t.tag in ("n", "nz")), None)
                if word is None:
                    pos += len(item) + 1
                    continue
                start, item = word.start, word.word
            if 2 <= len(item) <= 5 and not ORG_ENDING.search(item):
                out.append(Mention(start, start + len(item), item, "Product", sentence.index, "rule"))
            pos = m.start(1) + len("、".join(m.group(1).split("、")[:i + 1])) + 1
    for m in _PRODUCT_LIST.finditer(s):
        span = m.group(1)
        verbs = list(_PRODUCT_VERB.finditer(span))
        offset = verbs[-1].end() if verbs else 0
        if not verbs and "、" not in span:
            continue
        pos = m.start(1) + offset
        for item in re.split(r"以及|[、与和及]", span[offset:]):
            raw = item
            item = item.strip("“”\"")
            lead = len(raw) - len(raw.lstrip("“\""))
            cut = _NOT_OF_GOOD.search(item)
            if cut and cut.start() == 0:
                lead, item = lead + cut.end(), item[cut.end():]
            elif cut:
                item = item[:cut.start()]
            if 2 <= len(item) <= 8 and not ORG_ENDING.search(item) and re.fullmatch(f"[{HAN}·]+", item):
                start = sentence.start + pos + lead
                out.append(Mention(start, start + len(item), item, "Product", sentence.index, "rule"))
            pos += len(raw) + 1
    return out


_NUMBERED_SHORT = re.compile(r"[一二三四五六七八九十]{1,3}[中小]$")  # 襄阳五中, 琼结一小


def repair_tokens(tokens: list[Token]) -> list[Token]:
    """深圳市南山区人民医院托管/ORG → 深圳市南山区人民医院/ORG 托管/v: the model glued a verb to a name."""
    out: list[Token] = []
    for t in tokens:
        lead = _INNER_TRIGGER.match(t.word)
        if lead and t.tag not in ("ORG", "LOC") and len(t.word) - lead.end() >= 4 and ORG_ENDING.search(t.word):
            cut = t.start + lead.end()  # 托管顺庆区人民医院/v: the verb and the name it governs
            out.extend([Token(t.start, cut, lead.group(0), "v"), Token(cut, t.end, t.word[lead.end():], "ORG")])
            continue
        inner = next((m for m in _INNER_TRIGGER.finditer(t.word) if ORG_ENDING.search(t.word[:m.start()])
                      and m.end() < len(t.word)), None) if t.tag in ("ORG", "LOC") else None
        if inner is not None:  # 上海市东方医院对口帮扶莎车县人民医院/ORG: two names and the verb between
            a, b = t.start + inner.start(), t.start + inner.end()
            out.extend([Token(t.start, a, t.word[:inner.start()], t.tag), Token(a, b, inner.group(0), "v")])
            t = Token(b, t.end, t.word[inner.end():], t.tag)
        joint = next((i for i, ch in enumerate(t.word) if ch in "与和同" and 2 < i < len(t.word) - 3
                      and (ORG_ENDING.search(t.word[:i]) or _NUMBERED_SHORT.search(t.word[:i]))
                      and ORG_ENDING.search(t.word[i + 1:])), None) if t.tag == "ORG" else None
        if joint is not None:  # 十堰三中与隆子县中学/ORG: two schools and the 与 between them
            out.extend([Token(t.start, t.start + joint, t.word[:joint], "ORG"),
                        Token(t.start + joint, t.start + joint + 1, t.word[joint], "p")])
            t = Token(t.start + joint + 1, t.end, t.word[joint + 1:], "ORG")
        if t.tag == "ORG" and t.word.endswith("党组") and org_kind(t.word[:-2]):
            out.append(Token(t.start, t.end - 2, t.word[:-2], "ORG"))  # 天水市工商联党组/ORG 书记: the 党组 is the
            out.append(Token(t.end - 2, t.end, "党组", "n"))  # title's (党组书记 of 天水市工商联)
            continue
        if t.tag == "ORG" and len(t.word) > 3 and t.word[-1] in "与和及同" and ORG_ENDING.search(t.word[:-1]):
            out.append(Token(t.start, t.end - 1, t.word[:-1], t.tag))  # 济南市历城第二中学与/ORG
            out.append(Token(t.end - 1, t.end, t.word[-1], "c"))
            continue
        cut = next((i for i, ch in enumerate(t.word[:4]) if ch in "区县市州乡镇" and i > 0), None) if t.tag == "ORG" else None
        if cut is not None and t.word[:cut] in _GLUED_VERBS and ORG_ENDING.search(t.word):
            out.append(Token(t.start, t.start + cut, t.word[:cut], "v"))  # 常驻县中学/ORG: a verb glued on
            out.append(Token(t.start + cut, t.end, t.word[cut:], t.tag))
            continue
        if t.tag in ("ORG", "LOC") and not ORG_ENDING.search(t.word):
            verb = next((v for v in _CHUNK_STOP if t.word.endswith(v) and ORG_ENDING.search(t.word[:-len(v)])), None)
            if verb:
                cut = t.end - len(verb)
                out.append(Token(t.start, cut, t.word[:-len(verb)], t.tag))
                out.append(Token(cut, t.end, verb, "v"))
                continue
        if t.tag == "PER" and out and out[-1].tag == "PER" and out[-1].end == t.start \
                and len(out[-1].word) + len(t.word) <= 4 and _HAN_ONLY.fullmatch(out[-1].word + t.word):
            out[-1] = Token(out[-1].start, t.end, out[-1].word + t.word, "PER")  # 向/PER 春燕/PER: one name
            continue
        out.append(t)
    return out


def repair_boundaries(tokens: list[Token]) -> list[Token]:
    """Characters the model gave to the wrong neighbour: 驻怒/v 江州/LOC → 驻 怒江州/LOC (the place is only
    whole with them); 负责人次/v 仁多吉/PER → 负责人 次仁多吉/PER (a title then a name); 怒江州委/v → ORG."""
    out = list(tokens)
    for i in range(len(out) - 1):
        t, u = out[i], out[i + 1]
        if t.tag in ("PER", "LOC", "ORG") or t.end != u.start or len(t.word) < 2:
            continue
        whole = t.word[-1] + u.word
        if u.tag == "LOC" and register().candidates(whole):
            out[i], out[i + 1] = Token(t.start, t.end - 1, t.word[:-1], t.tag), Token(u.start - 1, u.end, whole, "LOC")
            continue
        title = titles().pattern.match(t.word)
        if u.tag == "PER" and title and 0 < len(t.word) - title.end() <= 2 and len(u.word) <= 4:
            cut = t.start + title.end()
            out[i] = Token(t.start, cut, title.group(0), "n")
            out[i + 1] = Token(cut, u.end, t.word[title.end():] + u.word, "PER")
    for i in range(len(out) - 1):
        t, u = out[i], out[i + 1]
        if t.tag == "LOC" and u.tag != "LOC" and t.end == u.start and len(u.word) >= 3 and u.word[0] in "乡镇" \
                and u.word.endswith(("村", "社区")) and not t.word.endswith(("乡", "镇", "村")):
            # 项山/LOC 乡上甲村/s → 项山乡/LOC 上甲村/LOC: the township's last character went to its village
            out[i], out[i + 1] = Token(t.start, t.end + 1, t.word + u.word[0], "LOC"), \
                Token(u.start + 1, u.end, u.word[1:], "LOC")
        if t.tag == "LOC" and u.tag == "PER" and t.end == u.start and 3 <= len(u.word) <= 4 \
                and u.word.endswith(("镇", "乡", "村")) and t.word.endswith(("省", "市", "州", "县", "区", "旗", "镇", "乡")):
            out[i + 1] = Token(u.start, u.end, u.word, "LOC")  # 秦安县/LOC 王尹镇/PER: a town, written after its county
    out = _rejoin_townships(out)
    for i in range(len(out) - 1, -1, -1):  # 任县委/ORG 常委 → 任/v 县委/ORG: the verb of office, then the committee
        verb = _OFFICE_THEN_COMMITTEE.fullmatch(out[i].word)
        if verb and out[i].tag == "ORG":
            cut = out[i].start + len(verb.group(1))
            out[i:i + 1] = [Token(out[i].start, cut, verb.group(1), "v"), Token(cut, out[i].end, verb.group(2), "ORG")]
    for i in range(len(out) - 1, 0, -1):  # 怒/v 江州委/ORG → 怒江州委/ORG: the division's first character
        t, u = out[i - 1], out[i]
        body = re.fullmatch(r"(.{2,8}?)(委|人民政府)", u.word)
        if body and t.end == u.start and t.tag not in ("PER", "LOC", "ORG", "w") \
                and register().candidates(t.word[-1] + body.group(1)):
            out[i] = Token(u.start - 1, u.end, t.word[-1] + u.word, u.tag)
            out[i - 1:i] = [Token(t.start, t.end - 1, t.word[:-1], t.tag)] if len(t.word) > 1 else []
    for i, t in enumerate(out):
        body = re.fullmatch(r"(.{2,8}?)(委|人民政府)", t.word)
        if t.tag not in ("PER", "LOC", "ORG") and body and register().candidates(body.group(1)):
            out[i] = Token(t.start, t.end, t.word, "ORG")
    return out


_OFFICE_THEN_COMMITTEE = re.compile(r"(任|兼任|挂任|出任|担任)([省市州县区旗乡镇]委)")
_TOWNSHIP_HEAD = re.compile(r"[\u4e00-\u9fff]{1,5}?[乡镇]")
_NOT_IN_NAME = set("在到与和及向为对给把被从由将也又再都就才已等的了是去赴往至并还")


def _rejoin_townships(tokens: list[Token]) -> list[Token]:
    """喀什市/LOC 多/d 来/v 特巴格乡中心幼儿园/ORG → 喀什市多来特巴格乡中心幼儿园/ORG: a transliterated
    township's first characters, read by the model as words, between its city and the rest of its name."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        j = i + 1
        while j < len(tokens) and len(tokens[j].word) == 1 and tokens[j].tag not in ("w", "p", "c", "u", "PER",
                                                                                      "LOC", "ORG") \
                and tokens[j].word not in _NOT_IN_NAME and j - i <= 3:
            j += 1
        if t.tag == "LOC" and i + 1 < j < len(tokens) and tokens[j].tag in ("ORG", "LOC") \
                and _TOWNSHIP_HEAD.match(tokens[j].word) and all(a.end == b.start for a, b in zip(tokens[i:j], tokens[i + 1:j + 1])) \
                and register().candidates(t.word):
            out.append(Token(t.start, tokens[j].end, "".join(x.word for x in tokens[i:j + 1]), tokens[j].tag))
            i = j + 1
            continue
        out.append(t)
        i += 1
    return out


def find_mentions(sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    """All mentions in one sentence, overlaps resolved: rules' longer names beat the model's pieces."""
    tokens = repair_tokens(repair_boundaries(tokens))
    candidates = (
        _products(sentence, tokens)
        + _org_chunks(tokens, sentence)
        + _matches(_EVENT_AFTER_VERB, sentence, "Event", _named_event)
        + _venue_events(sentence)
        + _short_forms(sentence)
        + _model_mentions(tokens, sentence)
        + _registered_places(sentence)
        + _matches(_TITLE_THEN_NAME, sentence, "Person",  # 校长李明说 (not 院长常说: a surname, then the verb)
                   lambda name: name[0] in SURNAMES and not name.endswith(_SPEECH))
        + _matches(_SURNAME_TITLE, sentence, "Person")  # “马书记带着我们…”
        + _dot_names(sentence)  # 理事长买买提·艾力说
        + _tibetan_names(sentence, tokens)  # 副县长次仁卓嘎 (the model's 仁卓嘎)
        + _teams_before_titles(sentence)  # 山东援青刚察工作组组长 (the model's 援青/v 刚察/d)
        + _matches(_BYLINE, sentence, "Organization")  # 新华社贵阳11月20日电, 天山网讯
        + _byline_people(sentence)  # （记者 望家豪 通讯员 覃小雨）
        + _matches(_BYLINE_DESK, sentence, "Organization")
    )
    return resolve_overlaps([_with_batch(_without_side_marker(_from_division(m, sentence)), sentence)
                             for m in map(_after_separator, candidates) if m is not None])


_BATCH_BEFORE = re.compile(f"(?:{BATCH.pattern})$")


def _with_batch(m: Mention, sentence: Sentence) -> Mention:
    """第十一批上海援藏医疗队: a team's batch, written before its province, is part of its name."""
    if m.kind != "Team":
        return m
    batch = _BATCH_BEFORE.search(sentence.norm, 0, m.start - sentence.start)
    if not batch:
        return m
    return Mention(sentence.start + batch.start(), m.end, batch.group(0) + m.text, m.kind, m.sentence, m.source)


def _from_division(m: Mention, sentence: Sentence) -> Mention:
    """A body's name the model starts inside its county's name (在称|多县通天河医院: 称 read as a verb) starts
    where the county's name does."""
    if m.kind in ("Person", "Product", "Event"):
        return m
    at = m.start - sentence.start
    for k in (1, 2):
        name = _longest_division(sentence.norm, at - k) if at - k >= 0 else None
        if name and len(name) - k >= 2 and not _longest_division(sentence.norm, at):  # (和|县锁南中学: 和县 no)
            return Mention(m.start - k, m.end, sentence.norm[at - k:m.end - sentence.start], m.kind, m.sentence,
                           m.source)
    return m


_SEPARATOR = re.compile(r"[丨｜|]")


def _after_separator(m: Mention) -> Mention | None:
    """A heading's column before 丨 (京冀协作丨德胜医院托管…) is no part of the name after it."""
    cut = max((s.end() for s in _SEPARATOR.finditer(m.text)), default=0)
    if not cut:
        return m
    if len(m.text) - cut < 2:
        return None
    return Mention(m.start + cut, m.end, m.text[cut:], m.kind, m.sentence, m.source)


# 上虞企业浙江舜江生物科技有限公司, 湖北企业楚天丝路农业发展有限公司: where the company is from, then its name
SIDE_MARKER = r"(?:爱心|籍|民营|龙头|校友)?企业"  # the words after a place that say a company is from there
_SIDE_MARKER = re.compile(rf"[{HAN}]{{2,8}}?{SIDE_MARKER}(?=[{HAN}]{{2,}}(?:有限公司|有限责任公司|股份公司|集团)$)")


def _without_side_marker(m: Mention) -> Mention:
    """The company named after its side marker: the marker tells the side (``pairing._marked_side``), the name
    is the company's own."""
    marker = _SIDE_MARKER.match(m.text) if m.kind == "Company" else None
    if marker is None:
        return m
    cut = marker.end()
    return Mention(m.start + cut, m.end, m.text[cut:], m.kind, m.sentence, m.source)


_PRIORITY = {"Product": 0}


def resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (products first: 甘松 in a herb list is no person)."""
    chosen: list[Mention] = []
    taken: set[int] = set()
    order = sorted(candidates, key=lambda m: (_PRIORITY.get(m.kind, 1), -(m.end - m.start), m.start))
    for m in order:
        span = set(range(m.start, m.end))
        if span & taken:
            continue
        chosen.append(m)
        taken |= span
    return sorted(chosen, key=lambda m: m.start)
