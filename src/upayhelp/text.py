"""Shared text helpers: one table each for traditional→simplified Chinese and for letters of
other scripts that look like Latin ones, and one edit distance. Used by the FAQ search, the scam
checker and `verify`'s look-alike measures, so that they can never disagree."""

from __future__ import annotations

__all__ = ["HOMOGLYPHS", "T2S", "damerau_levenshtein", "to_simplified"]

# Traditional characters and their simplified forms, position by position.
_TRADITIONAL = (
    "丟並來係個們偽備傢傳債僞價億儘償優儲兌兒內兩冇冊凍別刪則剛劃動務勝勵匯區協員問啓啟喚單嗎嘗噁噹嚐"
    "嚮嚴囌圍圓圖團執報場塊塗壓壞壽夠夢夾奪奬寜實寧審寫寬寶將專尋對導屆層島帐帥師帳幣幫幾庫廠廣張強彆"
    "彙後徑從復徵徹悶惡愛態慣慮慶憂憑憶應懷戰戲戶捲掃揚換揮損搖搶撥撫撲撿擁擇擊擋擔據擠擬擲擴擺擾攔攜"
    "攝攪敗敵數斷於時晉暢暫曉曬書會東條楊業極榮構槍樂標樣樹機橢檔檢檯櫃權歐歲歸殺氣決沒況淚淵淺減測渾"
    "湯準溝溫滅滙滯滾滿漢漲漸漿潔潤澤濃濕濟濫瀏灑灣災為無煉煙煥煩熱燈燒營爐爛爺爾牽猶獄獎獨獲獵獻現瑣"
    "瑪環產畫異當瘋瘡療發皺盜盞盡監盤眾睏睜確碼礎礙礦禍禮稅種稱積穩穫窮竅竊競筆筍節範築篩簡簽籌籤糧糰"
    "糾紀約紅紋納紐純紗紙級紛細紹終組結絕絡給絨統綁經綜綠綫維綱網綿緊線緣編緩練緻縮縱縴總績織繞繪繫繳"
    "繼續纔纖罰罷羅義聞聯聰聲職肅脈脹腎腦腫腸膚膠膽臉臟臨臺與舉舊艙艦艱莊莖萊萬蓋蕩薦藍藝藥蘆蘇蘋蘿處"
    "虛號虧螢術衛衝衹裏補裝裡製複襬襯襲覆見規視親覺覽觀觸訂計訊討訓託記訟訪設許訴診註詐評詞詢試詩話該"
    "詳認誕誘語誠誤說誰課誼調談請諒論諮諸謀謂謊謙講謝謠謹證識譜譯議護譽讀變讓讚谘貓貝負財貢貧貨販貪貫"
    "責貴買貸費貼貿賀資賊賓賞賠賢賣質賬賴賺購賽贈贊贏趕趙趨踐蹤躍車軌軍軟較載輔輕輛輝輩輪輯輸轉轟辦辭"
    "迴這連進運過達違遜遞遠適遲遷選遺遼邁還邊邏郵鄧鄭鄰醫醬釀釋釘釣鈎鈔鈴鉛鉤銀銅銷鋒鋪鋼錄錢錦錯鍋鍵"
    "鍾鎖鎮鏈鏡鐘鐵鑰鑽長門閃閉開閑閒間閥閱闖關陣陰陳陸陽隊階際隨險隱隸隻雙雛雜雞離難雲電霧靈靜韓響頁"
    "頂項順須預頓領頭頻題額顏顔類顧顯風颱飛飢飯飲飼飽飾餅餓餘館饑馬駁駐駕駛騎騙驅驗驚驟髒體髮鬆鬚鬥鬧"
    "鬨魚魯鳥鳴鷄鹽麗麥麵麼麽黃點黨齊齋齒齣龍"
)
_SIMPLIFIED = (
    "丢并来系个们伪备家传债伪价亿尽偿优储兑儿内两没册冻别删则刚划动务胜励汇区协员问启启唤单吗尝恶当尝"
    "向严苏围圆图团执报场块涂压坏寿够梦夹夺奖宁实宁审写宽宝将专寻对导届层岛账帅师账币帮几库厂广张强别"
    "汇后径从复征彻闷恶爱态惯虑庆忧凭忆应怀战戏户卷扫扬换挥损摇抢拨抚扑捡拥择击挡担据挤拟掷扩摆扰拦携"
    "摄搅败敌数断于时晋畅暂晓晒书会东条杨业极荣构枪乐标样树机椭档检台柜权欧岁归杀气决没况泪渊浅减测浑"
    "汤准沟温灭汇滞滚满汉涨渐浆洁润泽浓湿济滥浏洒湾灾为无炼烟焕烦热灯烧营炉烂爷尔牵犹狱奖独获猎献现琐"
    "玛环产画异当疯疮疗发皱盗盏尽监盘众困睁确码础碍矿祸礼税种称积稳获穷窍窃竞笔笋节范筑筛简签筹签粮团"
    "纠纪约红纹纳纽纯纱纸级纷细绍终组结绝络给绒统绑经综绿线维纲网绵紧线缘编缓练致缩纵纤总绩织绕绘系缴"
    "继续才纤罚罢罗义闻联聪声职肃脉胀肾脑肿肠肤胶胆脸脏临台与举旧舱舰艰庄茎莱万盖荡荐蓝艺药芦苏苹萝处"
    "虚号亏萤术卫冲只里补装里制复摆衬袭复见规视亲觉览观触订计讯讨训托记讼访设许诉诊注诈评词询试诗话该"
    "详认诞诱语诚误说谁课谊调谈请谅论咨诸谋谓谎谦讲谢谣谨证识谱译议护誉读变让赞咨猫贝负财贡贫货贩贪贯"
    "责贵买贷费贴贸贺资贼宾赏赔贤卖质账赖赚购赛赠赞赢赶赵趋践踪跃车轨军软较载辅轻辆辉辈轮辑输转轰办辞"
    "回这连进运过达违逊递远适迟迁选遗辽迈还边逻邮邓郑邻医酱酿释钉钓钩钞铃铅钩银铜销锋铺钢录钱锦错锅键"
    "钟锁镇链镜钟铁钥钻长门闪闭开闲闲间阀阅闯关阵阴陈陆阳队阶际随险隐隶只双雏杂鸡离难云电雾灵静韩响页"
    "顶项顺须预顿领头频题额颜颜类顾显风台飞饥饭饮饲饱饰饼饿余馆饥马驳驻驾驶骑骗驱验惊骤脏体发松须斗闹"
    "闹鱼鲁鸟鸣鸡盐丽麦面么么黄点党齐斋齿出龙"
)
T2S: dict[int, int] = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
"""A `str.translate` table from traditional to simplified Chinese (the characters users and the
built-in content use; not a complete converter)."""

HOMOGLYPHS: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "г": "r", "д": "d", "е": "e", "з": "3", "и": "u", "й": "u", "к": "k",
    "л": "n", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "ь": "b", "ё": "e", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ү": "y", "һ": "h",
    "ӏ": "l", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "ζ": "z", "η": "n", "ι": "i", "κ": "k",
    "μ": "u", "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
    "ϱ": "p", "ϲ": "c", "ϳ": "j", "ϵ": "e",
    # Latin
    "ı": "i", "ĸ": "k", "ſ": "s", "ȷ": "j", "ɑ": "a", "ɡ": "g", "ɩ": "i", "ʋ": "u", "ʟ": "l",
    # Other
    "ո": "n", "ս": "u", "օ": "o",
}  # fmt: skip
"""Letters of other scripts (after casefolding) and the Latin letter or digit they imitate, as
phishing uses them (Unicode confusables)."""


def to_simplified(text: str) -> str:
    """`text` with traditional Chinese characters made simplified."""
    return text.translate(T2S)


def damerau_levenshtein(a: str, b: str, limit: int = 2) -> int:
    """Edits (insert, delete, substitute, swap adjacent) from `a` to `b` (optimal string
    alignment), or `limit + 1` once there are more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)
