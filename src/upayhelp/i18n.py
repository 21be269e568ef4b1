"""Choosing the user's language, and the one catalogue of the program's own messages."""

from __future__ import annotations

import os
from collections.abc import Mapping

from upayhelp.lang import Lang

ENV_LANG = "UPAYHELP_LANG"


def parse_lang(value: str) -> Lang | None:
    """`zh`, `zh-CN`, `zh_TW.UTF-8` → zh; `en*` → en; anything else → None."""
    folded = value.strip().casefold().replace("_", "-")
    if folded.startswith("zh") or folded in ("中文", "chinese", "cn"):
        return "zh"
    if folded.startswith("en") or folded == "english":
        return "en"
    return None


def resolve_lang(option: str | None, env: Mapping[str, str] | None = None) -> Lang:
    """`--lang`, then UPAYHELP_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG); zh* gives
    Chinese, anything else English. An unknown --lang is the caller's usage error."""
    env = os.environ if env is None else env
    if option:
        lang = parse_lang(option)
        if lang is not None:
            return lang
    chosen = env.get(ENV_LANG, "")
    if chosen and (lang := parse_lang(chosen)) is not None:
        return lang
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.casefold().startswith("zh") else "en"
    return "en"


# Every message the program itself shows (content files bring their own texts), by key:
# (English, Chinese). `{name}` fields are filled by `t(key, lang, name=...)`; without values a
# message is returned as written (the web page fills `{example}` itself, and pattern-unbounded
# shows `.{0,20}`), while lint-* messages are always formatted, so `{{` there is a brace.
# Keys are kebab-case. A family of keys made from an identifier is `family-<identifier>`:
#   lint-<code>       a problem the content linter reports (Diagnostic.code, stable in --json)
#   value-<problem>   why a typed fact does not fit its format (formats.validate_value)
#   node-<type>  format-<format>  example-<format>  fact-<fact name>  kind-<secret kind>
#   contact-<contact kind>  reason-<look-alike reason>  file-<what is written>
#   web-<name>        the web page's own strings (web/table.py sends all of them to the page)
# tests/test_catalogue.py checks that every key has both languages and is used.
STRINGS: dict[str, tuple[str, str]] = {
    "error": ("error", "错误"),
    "warning": ("warning", "警告"),
    "debug-hint": (
        "this is a bug in upayhelp; rerun with --debug for the traceback",
        "这是 upayhelp 的缺陷；加上 --debug 重新运行可查看详细信息",
    ),
    "interrupted": ("interrupted", "已中断"),
    # the web page (`upayhelp export html`)
    "web-title": ("UPay wallet help", "UPay 钱包自助排查"),
    "web-intro": (
        "Answer a few questions to fix a UPay wallet problem yourself, or to find the right "
        "official channel and what to tell it.",
        "回答几个问题，自己解决 UPay 钱包遇到的问题，或者找到正确的官方渠道以及需要提供的信息。",
    ),
    "web-noscript": (
        "The step-by-step guide needs JavaScript. The questions and answers and the official "
        "contact channels below work without it.",
        "分步排查需要启用 JavaScript。下面的常见问题和官方联系渠道无需 JavaScript 也可以阅读。",
    ),
    "web-language": ("中文", "English"),
    "web-next": ("Next", "下一步"),
    "web-skip": ("Skip", "跳过"),
    "web-optional": ("Optional.", "可以不填。"),
    "web-example": ("For example: {example}", "例如：{example}"),
    "web-needed": ("A value is needed.", "需要填写。"),
    "web-topics": ("← Other topics", "← 其他问题"),
    "web-answers": ("Your answers", "你的回答"),
    "web-change": ("Change", "修改"),
    "web-change-label": ("Change the answer to: {question}", "修改这个问题的回答：{question}"),
    "web-summary": ("Support-request summary (Markdown)", "客服求助摘要（Markdown）"),
    "web-copy": ("Copy the summary", "复制摘要"),
    "web-copied": ("Copied.", "已复制。"),
    "web-copy-failed": (
        "Could not copy: select the text above and copy it.",
        "无法复制：请选中上面的文字后手动复制。",
    ),
    "web-download": ("Download the summary (.md)", "下载摘要（.md）"),
    "web-faq": ("Questions and answers", "常见问题"),
    "web-channels": ("Official contact channels", "官方联系渠道"),
    "web-exported": ("Wrote the web page to {path}", "网页已写入 {path}"),
    "anti-scam": (
        "Real UPay support never asks for your password, payment PIN or SMS verification code, "
        'never asks you to move money to a "safe account", and never asks you to install a '
        "screen-sharing app. Find contact details only inside the UPay app or on the official "
        "website, never from a search result, a text message or a caller.",
        "真正的 UPay 客服绝不会索要你的密码、支付密码或短信验证码，不会让你把钱转到“安全账户”，"
        "也不会让你安装屏幕共享软件。联系方式只在 UPay 应用内或官方网站上查找，"
        "不要相信搜索结果、短信或来电中提供的号码。",
    ),
    # diagnose
    "back": ("← Back", "← 返回上一步"),
    "restart": ("↺ Start over", "↺ 重新开始"),
    "quit": ("✕ Quit", "✕ 退出"),
    "solved-q": ("Did this solve it?", "问题解决了吗？"),
    "try-this": ("Try this", "试试这样做"),
    "fact-when": ("When", "时间"),
    "fact-date": ("Date", "日期"),
    "fact-amount": ("Amount", "金额"),
    "fact-merchant": ("Merchant", "商户"),
    "fact-order-id": ("Order number", "订单号"),
    "fact-reason": ("Reason", "事由"),
    "yes-solved": ("Yes, it's solved", "解决了"),
    "no-unsolved": ("No, still not working", "没有解决"),
    "skip-hint": ("Press Enter to skip, '<' to go back", "直接回车可跳过，输入 < 返回上一步"),
    "pick-topic": ("What do you need help with?", "你遇到了什么问题？"),
    "after": ("What next?", "接下来？"),
    "change": ("Change an earlier answer", "修改之前的回答"),
    "save": ("Save a support-request summary (Markdown)", "保存客服求助摘要（Markdown）"),
    "which": ("Which answer do you want to change?", "要修改哪一个回答？"),
    "save-where": ("Save the summary to which file?", "摘要保存到哪个文件？"),
    "saved": ("Saved to {path}", "已保存到 {path}"),
    "resolved": ("Resolved", "已解决"),
    "escalate": ("Contact UPay support", "联系 UPay 客服"),
    "contact-order": ("Contact, in this order", "按以下顺序联系"),
    "prepare": ("Have ready", "请准备好"),
    "facts": ("Facts for your request", "求助时提供的信息"),
    "tips": ("Tips for talking to support", "与客服沟通的技巧"),
    "reminder": ("Stay safe", "谨防诈骗"),
    "masked": (
        "That looked like a {kinds}; it has been masked and will not be shown or saved. "
        "upayhelp never needs it, and real UPay support never asks for it.",
        "你输入的内容像是{kinds}，已被隐藏，不会显示或保存。upayhelp 不需要它，"
        "真正的 UPay 客服也绝不会索要。",
    ),
    "kind-code": ("verification code", "验证码"),
    "kind-card": ("card number", "银行卡号"),
    "kind-password": ("password or PIN", "密码"),
    "address-where": (
        "Find the official address inside the UPay app or on the official website; never use "
        "a number or link from a search result, a text message or a caller.",
        "请在 UPay 应用内或官方网站上查找官方联系方式；"
        "不要使用搜索结果、短信或来电中提供的号码或链接。",
    ),
    "report-title": ("UPay support request: {topic}", "UPay 客服求助：{topic}"),
    "report-date": ("Date", "日期"),
    "report-topic": ("Topic", "主题"),
    "report-result": ("Result", "结果"),
    "report-answers": ("Questions and answers", "问答记录"),
    "report-outcome": ("Outcome", "结论"),
    "none": ("(none)", "（无）"),
    "best-for": ("Best for: ", "适合："),
    "channels": ("Official contact channels", "官方联系渠道"),
    "see-also": ("Other questions that may fit:", "其他可能相关的问题："),
    "faq-title": ("Frequently asked questions", "常见问题"),
    "faq-hint": (
        'Show an answer: upayhelp faq NUMBER, or ask in your own words: upayhelp faq "..."',
        '查看答案：upayhelp faq 编号；或直接提问：upayhelp faq "……"',
    ),
    "diagnose-hint": ("Step by step: ", "逐步排查："),
    # check
    "check-none-title": ("No red flag found", "未发现危险信号"),
    "check-clear": (
        "No known red flag was found. That is not proof the message is safe: never share a "
        "password, payment PIN or verification code, never move money to another account, and "
        "contact UPay only through the app or the official website.",
        "没有发现已知的危险信号，但这并不能证明消息是安全的：不要透露密码、支付密码或验证码，"
        "不要把钱转到其他账户，只通过 UPay 应用或官方网站联系 UPay。",
    ),
    "check-matched": ("Matched: ", "命中："),
    "check-each-and-text": (
        "give either a message or --each FILE, not both",
        "请只给出一条消息或 --each 文件，不要同时给出",
    ),
    "check-each-and-explain": (
        "--explain shows one message's cues; it does not go with --each",
        "--explain 用于查看单条消息的线索，不能与 --each 同时使用",
    ),
    "check-each-unreadable": ("cannot read {file}: {reason}", "无法读取 {file}：{reason}"),
    "check-each-too-large": (
        "{file} is over the {limit}-byte limit for --each",
        "{file} 超过了 --each 的 {limit} 字节上限",
    ),
    "check-each-encoding": (
        "{file}:{line}:{column}: not valid UTF-8; save the file as UTF-8 and try again",
        "{file}:{line}:{column}：不是有效的 UTF-8 编码，请将文件另存为 UTF-8 后重试",
    ),
    "check-each-header": ("  line  score  red flags  message", "    行   得分  危险信号  消息"),
    "check-each-counts": (
        "{file}: {flagged} of {total} messages flagged ({share}); {empty} empty lines skipped",
        "{file}：{total} 条消息中有 {flagged} 条有危险信号（{share}）；跳过 {empty} 个空行",
    ),
    "reason-directory": ("it is a directory", "这是一个目录"),
    "explain-title": ("How the score was reached (score {score})", "评分明细（得分 {score}）"),
    "explain-rule": (
        "{rule}: {score} of {threshold} — {verdict}",
        "{rule}：{score} / {threshold} — {verdict}",
    ),
    "explain-fired": ("flagged", "已报警"),
    "explain-below": ("below the threshold, not flagged", "未达阈值，不报警"),
    "explain-no-core": (
        "not flagged: none of its core cues ({cues}) fired",
        "不报警：其核心线索（{cues}）均未命中",
    ),
    "explain-cancelled": ("Cancelled by a suppressor:", "被抑制词取消："),
    "explain-cancel-line": (
        "{rule}/{cue} “{text}” — cancelled by {by}",
        "{rule}/{cue}“{text}”— 被 {by} 取消",
    ),
    "explain-nothing": ("No cue fired.", "没有任何线索命中。"),
    "check-message": ("The message, with the red flags marked", "原消息（已标出危险信号）"),
    "check-what-now": ("What to do now", "现在该怎么做"),
    "check-stop": (
        "Stop: do not reply, do not pay, do not share any code, password or card number, and "
        "do not install anything. Hang up or close the chat. Contact UPay yourself, only "
        "through the UPay app or the official website. If you already paid or shared a code, "
        "contact UPay that way at once and report it to the police.",
        "立即停止：不要回复、不要付款、不要透露任何验证码、密码或卡号，也不要安装任何软件。"
        "挂断电话或关闭聊天。请只通过 UPay 应用或官方网站自行联系 UPay。"
        "如果已经付款或透露了验证码，请立刻通过上述渠道联系 UPay，并向警方报案。",
    ),
    # verify
    "contact-phone": ("Phone number", "电话号码"),
    "contact-url": ("Web address", "网址"),
    "contact-email": ("E-mail address", "电子邮箱"),
    "contact-handle": ("Account handle", "账号"),
    "contact-unknown": ("Contact", "联系方式"),
    "verify-official": ("Official UPay channel", "UPay 官方渠道"),
    "verify-channel": ("Channel: ", "渠道："),
    "verify-unconfigured-title": ("Cannot confirm this contact", "无法确认该联系方式"),
    "verify-unconfigured": (
        "No official addresses are configured in upayhelp, so it cannot confirm any contact. "
        "Find the official address inside the UPay app (settings or help menu) or on the "
        "official website, never from a search result, a text message or a caller.",
        "upayhelp 中没有配置官方地址，因此无法确认任何联系方式。请在 UPay 应用内（设置或帮助菜单）"
        "或官方网站上查找官方地址，不要相信搜索结果、短信或来电中提供的号码。",
    ),
    "verify-lookalike-title": ("Look-alike: NOT an official channel", "仿冒：不是官方渠道"),
    "verify-looks-like": ("Looks like the official ", "模仿官方地址 "),
    "verify-lookalike": (
        "Scammers copy official addresses with small changes. Do not call, click or reply.",
        "骗子常常稍作改动来仿冒官方地址。不要拨打、点击或回复。",
    ),
    "verify-unknown-title": ("Not an official channel", "不是官方渠道"),
    "verify-unknown": (
        "This is not one of the configured official addresses. Contact UPay only through the "
        "app or the official website.",
        "这不是已配置的官方地址。请只通过 UPay 应用或官方网站联系 UPay。",
    ),
    "reason-contains-official-domain": ("contains the official name", "包含官方名称"),
    "reason-subdomain-trick": ("official name used as a subdomain", "把官方名称用作子域名"),
    "reason-edit-distance": ("differs by one or two characters", "只差一两个字符"),
    "reason-confusable": ("uses look-alike characters", "使用了形似字符"),
    "reason-digit-changed": ("one digit changed or swapped", "改动或调换了一位数字"),
    "reason-other-tld": ("same name, another domain ending", "名称相同但域名后缀不同"),
    "reason-userinfo-trick": (
        "the official name is only a decoy before '@'; the real host is another",
        "官方名称只是“@”前的幌子，真正的网站是另一个",
    ),
    "reason-official-domain-in-path": (
        "the official name appears only in the path",
        "官方名称只出现在路径中",
    ),
    "reason-contains-official-name": ("contains the official name", "包含官方名称"),
    "reason-other-country-code": ("same number, another country code", "号码相同但国家区号不同"),
    "reason-hidden-characters": ("contains hidden characters", "含有隐藏字符"),
    "official": ("Official: ", "官方地址："),
    # the interactive walk (issue 16)
    "keys-select": (
        "(arrow keys or a number, then Enter)",
        "（用方向键或数字键选择，按回车确认）",
    ),
    "plain-choose": ("Type 1-{last} or {keys}, then Enter", "请输入 1-{last} 或 {keys}，按回车"),
    "plain-invalid": (
        "Please type a number from the list (1-{last}) or one of the letters shown.",
        "请输入列表中的编号（1-{last}）或上面显示的字母。",
    ),
    "plain-current": ("Now: {value} (Enter keeps it)", "当前：{value}（直接回车保留）"),
    "other-topics": ("☰ Other topics", "☰ 其他问题"),
    "finish": ("Finish", "完成"),
    "finished-hint": ("(Enter finishes)", "（直接回车即完成）"),
    "paid-q": (
        "Have you already paid them, or shared a code or password?",
        "你是否已经向对方付了钱，或者说出了验证码或密码？",
    ),
    "paid-no": ("No, I haven't", "没有"),
    "paid-yes": ("Yes, I paid or shared a code", "是的，已经付了钱或说出了验证码"),
    "paid": ("Paid or shared a code", "已付款或已透露验证码"),
    "not-paid": ("Not paid, no code shared", "未付款，也未透露验证码"),
    "solved": ("Solved", "已解决"),
    "not-solved": ("Not solved", "未解决"),
    "skipped": ("(skipped)", "（已跳过）"),
    "example": ("(e.g. {example})", "（例如 {example}）"),
    "example-datetime": (
        "2026-01-31 14:30, yesterday 9pm",
        "2026-01-31 14:30、昨天晚上9点",
    ),
    "example-date": ("2026-01-31, yesterday, 3 days ago", "2026-01-31、昨天、3天前"),
    "example-amount": ("128.50", "128.50"),
    "example-order-id": ("A1234567", "A1234567"),
    "later-hint": (
        "Press Enter to skip (you can add it at the end), '<' to go back",
        "直接回车可跳过（最后还可以补填），输入 < 返回上一步",
    ),
    "missing-intro": (
        "Some facts were skipped. They help support, but you can skip them again.",
        "有些信息被跳过了。提供它们对客服有帮助，也可以再次跳过。",
    ),
    "missing-hint": ("optional: press Enter to skip", "可选：直接回车跳过"),
    "secret-found": (
        "That looks like a {kinds}. upayhelp never needs it, and real UPay support never asks "
        "for it.",
        "你输入的内容像是{kinds}。upayhelp 不需要它，真正的 UPay 客服也绝不会索要。",
    ),
    "secret-q": ("What should happen to it?", "如何处理？"),
    "secret-remove": ("Remove it and keep the rest", "删除它，保留其余内容"),
    "secret-retype": ("Type the answer again", "重新输入"),
    "secret-removed": ("Removed; it will not be shown or saved.", "已删除，不会显示或保存。"),
    "save-hint": (
        "Enter saves under this name; clear the line to cancel",
        "直接回车按此文件名保存；清空后回车则取消",
    ),
    "save-hint-plain": (
        "Enter saves under this name; type another name, or < to cancel",
        "直接回车按此文件名保存；也可以输入其他文件名，或输入 < 取消",
    ),
    "save-cancelled": ("Not saved.", "未保存。"),
    "overwrite-q": ("{path} already exists. Overwrite it?", "{path} 已存在。要覆盖吗？"),
    "which-hint": ("b returns to the menu", "按 b 返回菜单"),
    "back-to-list": ("Back to the list of answers", "返回回答列表"),
    "internal-error": ("internal error", "内部错误"),
    "back-to-menu": ("← Back to the menu", "← 返回菜单"),
    "ambiguous-pick": (
        "'{topic}' could be several topics. Which one?",
        "“{topic}”可能指以下几个问题，是哪一个？",
    ),
    # an input's format in the list of valid answers (English: the name content files use)
    "format-text": ("text", "文字"),
    "format-date": ("date", "日期"),
    "format-datetime": ("datetime", "日期和时间"),
    "format-amount": ("amount", "金额"),
    "format-order-id": ("order-id", "订单号"),
    "answer-required": (
        "'{node}' needs a value ({format}); it cannot be skipped",
        "“{node}”必须填写（{format}），不能跳过",
    ),
    "answer-invalid": ("invalid value for '{node}': {problem}", "“{node}”的值无效：{problem}"),
    "answer-bad": (
        "'{value}' is not an answer to '{node}'; valid: {valid}",
        "“{value}”不是“{node}”的有效回答；可用：{valid}",
    ),
    "report-no-name": ("no {what} file name given", "没有给出{what}文件名"),
    "report-cannot": ("cannot write {what} {path}: {why}", "无法写入{what} {path}：{why}"),
    "report-exists": (
        "{what} {path} already exists (use --force to overwrite it)",
        "{what} {path} 已存在（加上 --force 可覆盖）",
    ),
    "file-report": ("report", "摘要"),
    "file-page": ("page", "页面"),
    "report-is-dir": ("it is a directory", "这是一个目录"),
    "report-not-file": ("not a regular file", "不是普通文件"),
    "report-no-dir": ("directory {parent} does not exist", "目录 {parent} 不存在"),
    "report-denied": ("permission denied", "没有权限"),
    "report-full": ("no space left on the device", "磁盘空间不足"),
    "report-readonly": ("the file system is read-only", "文件系统是只读的"),
    "report-missing": ("no such directory", "目录不存在"),
    "no-topic": ("no topic given", "没有指定问题"),
    "topics-are": ("; topics: {topics}", "；可选问题：{topics}"),
    "topic-none": ("no topic matches '{topic}'", "没有与“{topic}”匹配的问题"),
    "topic-ambiguous": (
        "'{topic}' could be several topics: {topics}; be more specific",
        "“{topic}”可能指多个问题：{topics}；请说得更具体些",
    ),
    "answer-no-node": (
        "--answer: flow '{flow}' has no node '{node}'",
        "--answer：流程“{flow}”中没有节点“{node}”",
    ),
    "answer-pair": (
        "--answer '{pair}': expected NODE=OPTION",
        "--answer “{pair}”：格式应为 节点=选项",
    ),
    "answers-unused": (
        "answers not used by this walk (their node was not visited, or not that often): {unused}",
        "以下回答没有用到（流程没有经过这些节点，或经过的次数更少）：{unused}",
    ),
    "answers-big": ("file is larger than {limit} bytes", "文件超过 {limit} 字节"),
    "answers-mapping": ("expected a mapping of node id to answer", "应为“节点 id: 回答”的映射"),
    "answers-single": (
        "an answer must be a single value (or a list of them)",
        "回答必须是单个值（或由单个值组成的列表）",
    ),
    "pending": (
        "no answer for '{node}' ({type}): {text} — valid: {valid}; "
        "give it with --answer {node}=...",
        "缺少“{node}”（{type}）的回答：{text} —— 可用：{valid}；请用 --answer {node}=… 提供",
    ),
    "node-question": ("question", "选择题"),
    "node-advice": ("advice", "建议"),
    "node-input": ("input", "填写项"),
    "node-outcome": ("outcome", "结论"),
    "usage-help": ("Try '{command} -h' for help.", "运行“{command} -h”查看帮助。"),
    "help-no-command": ("no command '{command}'", "没有“{command}”这个命令"),
    "check-give": (
        'give the message to check: upayhelp check "...", or pipe it: ... | upayhelp check -',
        '请给出要检查的消息：upayhelp check "……"，或通过管道传入：… | upayhelp check -',
    ),
    "check-long": ("the message is longer than {limit} bytes", "消息超过 {limit} 字节"),
    "check-empty": ("the message is empty", "消息是空的"),
    "verify-empty": ("the contact to verify is empty", "要核实的联系方式是空的"),
    "faq-empty": (
        'the question is empty; try: upayhelp faq "can\'t top up"',
        '问题是空的；试试：upayhelp faq "无法充值"',
    ),
    "faq-number": (
        "there is no question number {number} (1–{last})",
        "没有第 {number} 个问题（1–{last}）",
    ),
    "faq-none": ("no question matches '{text}' well enough", "没有与“{text}”足够匹配的问题"),
    "faq-pick": ("; pick a number from the list above", "；请从上面的列表中选择编号"),
    "faq-scam": (
        "If someone contacted you claiming to be UPay support, it may be a scam: check their "
        'message with upayhelp check "...", and follow upayhelp diagnose security.',
        '如果有人自称 UPay 客服联系你，这可能是诈骗：用 upayhelp check "……" 检查对方的消息，'
        "并按 upayhelp diagnose security 的步骤处理。",
    ),
    "path-missing": ("no such file or directory", "文件或目录不存在"),
    "unknown-format": (
        "unknown format '{format}' (use {valid})",
        "未知格式“{format}”（可用：{valid}）",
    ),
    "unknown-lang": (
        "unknown language '{value}' (use zh or en)",
        "未知语言“{value}”（请用 zh 或 en）",
    ),
    "content-more": (
        " (and {more} more; run 'upayhelp flows validate')",
        "（另有 {more} 处问题；请运行 upayhelp flows validate）",
    ),
    "content-dir-missing": ("content directory not found: {path}", "找不到内容目录：{path}"),
    "content-not-dir": ("not a directory: {path}", "不是目录：{path}"),
    "walk-over": ("the walk is over (outcome '{node}')", "流程已经结束（结论“{node}”）"),
    # the reporters' own words (`upayhelp.output.text`)
    "list-or": (" or ", "或"),
    "colon": (": ", "："),
    "list-builtin": ("built-in/", "内置/"),
    "list-overrides": ("  (overrides {source})", "  （覆盖：{source}）"),
    "list-overridden-by": ("  (overridden by {source})", "  （被覆盖：{source}）"),
    "count-file": ("{n} file", "{n} 个文件"),
    "count-files": ("{n} files", "{n} 个文件"),
    "count-error": ("{n} error", "{n} 个错误"),
    "count-errors": ("{n} errors", "{n} 个错误"),
    "count-warning": ("{n} warning", "{n} 个警告"),
    "count-warnings": ("{n} warnings", "{n} 个警告"),
    "count-flow": ("{n} flow", "{n} 个流程"),
    "count-flows": ("{n} flows", "{n} 个流程"),
    "count-example": ("{n} example", "{n} 个示例"),
    "count-examples": ("{n} examples", "{n} 个示例"),
    "validate-summary": ("{files} checked: {errors}, {warnings}", "{files}：{errors}，{warnings}"),
    "examples-not-run": (
        "{errors} in the content: examples not run",
        "内容有 {errors}，未运行示例",
    ),
    "examples-summary": (
        "{flows}, {examples}: {passed} passed, {failed} failed",
        "{flows}，{examples}：{passed} 个通过，{failed} 个失败",
    ),
    "check-mark-open": ("[[", "【"),
    "check-mark-close": ("]]", "】"),
    "tag-question": ("question", "问题"),
    "tag-advice": ("advice", "建议"),
    "tag-input": ("input", "填写"),
    "tag-outcome": ("outcome", "结果"),
    "tree-back-to": ("↻ back to {node}", "↻ 回到 {node}"),
    "tree-shown-above": ("{node} (shown above)", "{node}（见上文）"),
    "unknown-kind": (
        "unknown kind '{kind}' (one of: {kinds})",
        "未知的内容类型“{kind}”（可用：{kinds}）",
    ),
    "answer-wrong-node": (
        "the current node '{node}' is a {type}, not a {wanted}",
        "当前节点“{node}”是{type}，不是{wanted}",
    ),
    "answer-yes": ("yes", "是"),
    "answer-no": ("no", "否"),
    "list-separator": (", ", "、"),
    # the links of an advice node in `flows graph`
    "graph-solved": ("solved", "已解决"),
    "graph-not-solved": ("not solved", "未解决"),
    # why a typed fact is refused (formats.py); {example} is the format's example value
    "value-empty": ("the value is empty", "内容为空"),
    "value-too-long": ("at most {limit} characters", "最多 {limit} 个字符"),
    "value-control": ("control characters are not allowed", "不能包含控制字符"),
    "value-date": (
        "expected a date like {example}, 2026/1/31, yesterday, 3 days ago",
        "请输入日期，例如 {example}、2026/1/31、昨天、3天前",
    ),
    "value-datetime": (
        "expected a date and time like {example} or yesterday 9pm",
        "请输入日期和时间，例如 {example}、昨天晚上9点、今天下午3点",
    ),
    "value-amount": ("expected an amount like {example}", "请输入金额，例如 {example}"),
    "value-not-positive": ("the amount must be more than zero", "金额必须大于零"),
    "value-order-id": (
        "expected an order number like {example} (letters, digits, '-')",
        "请输入订单号，例如 {example}（字母、数字和“-”）",
    ),
    # loading content directories (content/load.py)
    "content-dir-unreadable": (
        "cannot read content directory {path}: {reason}",
        "无法读取内容目录 {path}：{reason}",
    ),
    "content-dir-loop": (
        "cannot read content directory {path}: symlink loop",
        "无法读取内容目录 {path}：符号链接循环",
    ),
    "link-broken": ("symlink loop or dangling link", "符号链接循环或指向的文件不存在"),
    "link-outside": (
        "symlink leads outside the content directory",
        "符号链接指向内容目录之外",
    ),
    # our own words among PyYAML's (content/yaml.py)
    "yaml-undefined-alias": ("found undefined alias '{anchor}'", "未定义的别名“{anchor}”"),
    "yaml-unparsable": ("cannot parse", "无法解析"),
    # why a red-flag pattern is refused (scam.check_pattern)
    "pattern-empty-match": ("matches the empty string", "会匹配空字符串"),
    "pattern-unbounded": (
        "an unbounded gap (.* or .+): write a bounded one such as .{0,20}?",
        "无上限的间隔（.* 或 .+）：请改用有上限的写法，例如 .{0,20}?",
    ),
    "pattern-nested": (
        "a repeated group that is itself repeated can take exponential time",
        "重复的分组又被整体重复，匹配可能耗费指数级的时间",
    ),
    # the content linter: lint-<Diagnostic.code>
    "did-you-mean": (" (did you mean '{word}'?)", "（是否想写“{word}”？）"),
    "lint-file-unreadable": ("cannot read file: {reason}", "无法读取文件：{reason}"),
    "lint-file-too-large": (
        "file is {size} bytes, over the {limit}-byte limit",
        "文件大小为 {size} 字节，超过 {limit} 字节的上限",
    ),
    "lint-file-encoding": (
        "file is not valid UTF-8 (byte 0x{byte} cannot be decoded)",
        "文件不是有效的 UTF-8 编码（字节 0x{byte} 无法解码）",
    ),
    "lint-file-binary": (
        "file holds a NUL byte; it is not a text file",
        "文件含有 NUL 字节，不是文本文件",
    ),
    "lint-yaml-syntax": ("invalid YAML: {problem}", "YAML 语法错误：{problem}"),
    "lint-yaml-quote-hint": (
        "invalid YAML: {problem} (inside {{...}} or [...], quote text that holds ', ', ': ', '?' "
        "or '#')",
        "YAML 语法错误：{problem}（在 {{...}} 或 [...] 中，含有“, ”“: ”“?”或“#”的文本要加引号）",
    ),
    "lint-yaml-empty": ("file is empty", "文件为空"),
    "lint-yaml-multi-doc": (
        "expected exactly one YAML document, found more",
        "每个文件只能有一个 YAML 文档，这里有多个",
    ),
    "lint-yaml-tag": (
        "tag '{tag}' is not allowed: use plain YAML values",
        "不允许使用标签“{tag}”：请只使用普通 YAML 值",
    ),
    "lint-yaml-duplicate-key": (
        "duplicate key '{key}' (first at line {line})",
        "重复的键“{key}”（首次出现在第 {line} 行）",
    ),
    "lint-yaml-key-type": ("mapping keys must be plain text", "映射的键必须是普通文本"),
    "lint-yaml-aliases": (
        "too many alias expansions (over {limit}): refusing a possible alias bomb",
        "别名展开次数过多（超过 {limit}）：拒绝可能的别名炸弹",
    ),
    "lint-yaml-recursive": ("recursive alias '{anchor}'", "递归的别名“{anchor}”"),
    "lint-yaml-depth": ("nesting deeper than {limit} levels", "嵌套层数超过 {limit} 层"),
    "lint-kind-missing": (
        "missing 'kind' (one of: {choices})",
        "缺少“kind”（可选值：{choices}）",
    ),
    "lint-kind-unknown": (
        "unknown kind '{kind}' (one of: {choices}){suggest}",
        "未知的 kind“{kind}”（可选值：{choices}）{suggest}",
    ),
    "lint-not-mapping": ("{where} must be a mapping", "{where} 必须是映射（键: 值）"),
    "lint-field-unknown": (
        "unknown field '{field}' in {where} (allowed: {allowed}){suggest}",
        "{where} 中有未知字段“{field}”（允许：{allowed}）{suggest}",
    ),
    "lint-field-missing": (
        "missing required field '{field}' in {where}",
        "{where} 缺少必填字段“{field}”",
    ),
    "lint-type-text": (
        "'{field}' must be a text or a mapping of zh/en to text",
        "“{field}”必须是文本，或 zh/en 到文本的映射",
    ),
    "lint-type-string": ("'{field}' must be a plain string", "“{field}”必须是字符串"),
    "lint-type-bool": ("'{field}' must be true or false", "“{field}”必须是 true 或 false"),
    "lint-type-list": ("'{field}' must be a list", "“{field}”必须是列表"),
    "lint-type-mapping": ("'{field}' must be a mapping", "“{field}”必须是映射"),
    "lint-list-empty": ("'{field}' must not be empty", "“{field}”不能为空"),
    "lint-enum": (
        "'{field}' must be one of: {choices}; got '{value}'{suggest}",
        "“{field}”必须是以下之一：{choices}；实际为“{value}”{suggest}",
    ),
    "lint-id-invalid": (
        "invalid id '{id}': use lower-case letters, digits and '-'",
        "无效的 id“{id}”：只能使用小写字母、数字和“-”",
    ),
    "lint-lang-unknown": (
        "unknown language '{lang}' in a text (use zh or en; inside {{...}}, quote text that "
        "holds ', ', ': ', '?' or '#')",
        "文本中有未知语言“{lang}”（请使用 zh 或 en；"
        "在 {{...}} 中，含有“, ”“: ”“?”或“#”的文本要加引号）",
    ),
    "lint-text-empty": ("text has neither language", "文本既没有中文也没有英文"),
    "lint-text-missing-lang": (
        "text has no '{lang}' version; the '{other}' one is shown instead",
        "文本缺少“{lang}”版本，将显示“{other}”版本",
    ),
    "lint-ref-unknown": (
        "'{field}' points to unknown node '{target}'{suggest}",
        "“{field}”指向不存在的节点“{target}”{suggest}",
    ),
    "lint-node-unreachable": (
        "node '{node}' cannot be reached from start '{start}'",
        "从起点“{start}”无法到达节点“{node}”",
    ),
    "lint-node-trapped": (
        "node '{node}' is caught in a cycle: no outcome can be reached from it",
        "节点“{node}”陷入循环：从它无法到达任何结果",
    ),
    "lint-id-duplicate": (
        "duplicate {kind} id '{id}' (also at {other})",
        "重复的 {kind} id“{id}”（另见 {other}）",
    ),
    "lint-channel-unknown": (
        "unknown channel '{id}'{suggest}",
        "未知的渠道“{id}”{suggest}",
    ),
    "lint-channel-unused": (
        "channel '{id}' is not used by any flow",
        "渠道“{id}”没有被任何流程使用",
    ),
    "lint-flow-unknown": (
        "'{field}' names unknown flow '{id}'{suggest}",
        "“{field}”指向不存在的流程“{id}”{suggest}",
    ),
    "lint-label-duplicate": (
        "two options have the same label '{label}'",
        "两个选项的标签相同：“{label}”",
    ),
    "lint-escalate-no-channels": (
        "an escalate outcome needs at least one entry in 'channels'",
        "escalate 结果至少需要一个“channels”条目",
    ),
    "lint-pattern-invalid": (
        "invalid pattern '{pattern}': {reason}",
        "无效的匹配规则“{pattern}”：{reason}",
    ),
    "lint-type-number": (
        "'{field}' must be a number, zero or more",
        "“{field}”必须是不小于 0 的数字",
    ),
    "lint-rule-empty": (
        "a red flag needs 'patterns' or 'cues'",
        "红旗规则需要“patterns”或“cues”",
    ),
    "lint-cue-source": (
        "a cue needs exactly one of 'patterns', 'use', 'link' or 'feature'",
        "每个线索只能有“patterns”“use”“link”“feature”四者之一",
    ),
    "lint-cue-reserved": (
        "a cue cannot be called '{id}': that is the name of the rule's own patterns",
        "线索不能叫“{id}”：这是规则自身 patterns 的名称",
    ),
    "lint-cue-required-unknown": (
        "'requires' names '{id}', which is not a cue of this rule{suggest}",
        "“requires”中的“{id}”不是本规则的线索{suggest}",
    ),
    "lint-cue-unknown": (
        "'use' names unknown shared cue '{id}'{suggest}",
        "“use”指向不存在的共享线索“{id}”{suggest}",
    ),
    "lint-example-answer-type": (
        "an answer to '{node}' must be a single value (or a list of them, one per visit)",
        "“{node}”的答案必须是一个值（或多个值的列表，每次经过用一个）",
    ),
    "lint-example-node-unknown": (
        "example answers unknown node '{target}'{suggest}",
        "示例回答了不存在的节点“{target}”{suggest}",
    ),
    "lint-example-node-outcome": (
        "example answers '{node}', an outcome: outcomes take no answer",
        "示例回答了“{node}”，但它是结果节点，结果不需要回答",
    ),
    "lint-example-answer-invalid": (
        "'{answer}' is not an answer to '{node}' (valid: {choices})",
        "“{answer}”不是“{node}”的有效答案（可选：{choices}）",
    ),
    "lint-example-outcome-unknown": (
        "example expects '{target}', which is not an outcome of this flow{suggest}",
        "示例期望的“{target}”不是本流程的结果节点{suggest}",
    ),
    "lint-example-fact-unknown": (
        "example expects unknown fact '{target}'{suggest}",
        "示例期望的信息“{target}”不存在{suggest}",
    ),
    "lint-example-pending": (
        "example {number} stops at '{node}' ({type}): no answer left for it (valid: {choices})",
        "示例 {number} 停在“{node}”（{type}）：没有剩余的答案（可选：{choices}）",
    ),
    "lint-example-rejected": (
        "example {number}: '{answer}' is not an answer to '{node}' (valid: {choices})",
        "示例 {number}：“{answer}”不是“{node}”的有效答案（可选：{choices}）",
    ),
    "lint-example-outcome": (
        "example {number} ends at '{got}', expected '{expected}'",
        "示例 {number} 的结果是“{got}”，期望的是“{expected}”",
    ),
    "lint-example-unused": (
        "example {number}: answer {node}={answer} is not used (the walk does not visit '{node}' "
        "that often)",
        "示例 {number}：答案 {node}={answer} 没有用到（这次走查没有经过“{node}”那么多次）",
    ),
    "lint-example-channels": (
        "example {number}: outcome '{node}' gives channels [{got}], expected [{expected}]",
        "示例 {number}：结果“{node}”给出的渠道是 [{got}]，期望的是 [{expected}]",
    ),
    "lint-example-fact": (
        "example {number}: fact '{fact}' is '{got}', expected '{expected}'",
        "示例 {number}：信息“{fact}”是“{got}”，期望的是“{expected}”",
    ),
    "lint-example-fact-missing": (
        "example {number}: fact '{fact}' was not collected, expected '{expected}'",
        "示例 {number}：没有收集到信息“{fact}”，期望的是“{expected}”",
    ),
    "lint-example-fact-extra": (
        "example {number}: fact '{fact}' was collected ('{got}') but the example does not list it",
        "示例 {number}：收集到了信息“{fact}”（“{got}”），但示例的 facts 中没有列出",
    ),
}


def fact_label(name: str, lang: Lang) -> str:
    """A fact's name for people: the common ones translated, others as written."""
    key = f"fact-{name}"
    return t(key, lang) if key in STRINGS else name


def t(key: str, lang: Lang, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values` (without any, the text as written,
    braces and all: the web page fills in its own)."""
    en, zh = STRINGS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


class Message:
    """A message not yet put into words: its key and values, for an error raised where the
    user's language is not known (the loader, the engine). The handler renders it once, with
    `UpayhelpError.text(lang)`; a value that is itself a Message is rendered in the same
    language."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values

    def render(self, lang: Lang) -> str:
        values = {
            name: value.render(lang) if isinstance(value, Message) else value
            for name, value in self.values.items()
        }
        return t(self.key, lang, **values)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.values!r})"
