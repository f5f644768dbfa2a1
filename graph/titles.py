"""People's titles (职务), shared by the mention rules (names after titles) and the post relations.

A head title makes the person ``org:headOf`` the organisation; any other makes them ``org:memberOf``.
"""
from __future__ import annotations

import re

HEADS = (
    "董事长 总经理 总裁 局长 校长 院长 党委书记 党组书记 党工委书记 支部书记 党支部书记 书记 县长 区长 市长 州长 乡长 "
    "镇长 村支书 村主任 主任 负责人 队长 领队 组长 会长 理事长 厂长 所长 站长 社长 主席 部长 科长 处长 行长 园长 馆长 "
    "秘书长 护士长 总指挥 指挥长 总编辑 台长 旗长 盟长"
).split()
OTHERS = (
    "副总经理 副局长 副校长 副院长 副书记 常务副书记 副县长 常务副县长 副区长 副市长 副州长 副乡长 副镇长 副主任 "
    "副主任医师 主任医师 副队长 副组长 副会长 副理事长 副总指挥 常委 委员 经理 教师 老师 医生 专家 干部 记者 通讯员"
).split()
ALL = sorted(set(HEADS) | set(OTHERS), key=len, reverse=True)

#: any title; the longest wins (常务副书记 before 副书记 before 书记)
TITLE = re.compile("|".join(ALL))


def is_head(role: str) -> bool:
    return role in HEADS
