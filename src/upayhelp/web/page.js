"use strict";
// The web edition of upayhelp. Everything it knows comes from the JSON block written by
// `upayhelp export html`: the decision table (where each answer leads, computed by the Python
// engine) and the CLI's own rules (regular expressions and messages taken from the Python
// code). This script only follows the table and applies the rules; content text is only ever
// inserted as text, never as HTML.
(() => {
  const D = JSON.parse(document.getElementById("upayhelp-data").textContent);
  const R = D.rules;
  const walk = document.getElementById("walk");
  const live = document.getElementById("live");
  let lang = D.lang;
  let flowId = null;
  // {node, value, masked, typed}: value is an option index, "yes"/"no", a text or null; typed is
  // what was typed when the value kept differs (a date in other words: "yesterday 9pm (…)").
  let steps = [];
  let notice = null; // kinds of secret masked out of the answer just given
  let inputError = null; // {node, value, message} of an input that did not validate
  let shown = null; // the address of what is on the screen
  let latest = []; // the longest walk of late: Back and then Forward in the browser return to it

  // -- text -------------------------------------------------------------------------------

  // A content text: one string for both languages, or one per language; a language the
  // author did not write is [text, language it is in] (the other one, as the CLI falls back).
  const HTML_LANG = { zh: "zh-CN", en: "en" };
  const pick = (value) => (value == null || typeof value === "string" ? value : value[lang]);
  const tx = (value) => {
    const text = pick(value);
    return text == null ? "" : Array.isArray(text) ? text[0] : text;
  };
  const langOf = (value) => {
    const text = pick(value);
    return Array.isArray(text) ? HTML_LANG[text[1]] : null;
  };
  // Python's str.format with named fields, as the templates are written for it.
  const fill = (template, values) =>
    template.replace(/\{\{|\}\}|\{(\w+)\}/g, (all, key) =>
      all === "{{" ? "{" : all === "}}" ? "}" : String(values[key]),
    );
  // i18n.t: a string is only formatted when values are given.
  const ui = (key, values) => (values ? fill(D.ui[lang][key], values) : D.ui[lang][key]);
  const SPACE = new Set(R.space);
  const strip = (s) => {
    let a = 0;
    let b = s.length;
    while (a < b && SPACE.has(s[a])) a += 1;
    while (b > a && SPACE.has(s[b - 1])) b -= 1;
    return s.slice(a, b);
  };
  const codePoints = (s) => [...s].length;
  const regex = (spec, extra) => new RegExp(spec[0], spec[1] + (extra || ""));
  const whole = (spec) => new RegExp("^(?:" + spec[0] + ")$", spec[1]);
  const digit = (ch) => {
    const cp = ch.codePointAt(0);
    let zero = 0;
    for (const z of R.zeros) {
      if (z > cp) break;
      zero = z;
    }
    return cp - zero;
  };
  const number = (digits) => [...digits].reduce((n, ch) => n * 10 + digit(ch), 0);
  // str.casefold, str.split() and " ".join(...) as Python does them.
  const FOLD = new Map(Object.entries(R.casefold));
  const casefold = (s) => [...s].map((ch) => FOLD.get(ch) ?? ch).join("");
  const words = (s) => {
    const out = [];
    let word = "";
    for (const ch of s) {
      if (SPACE.has(ch)) {
        if (word) out.push(word);
        word = "";
      } else word += ch;
    }
    if (word) out.push(word);
    return out;
  };
  // str.strip(chars)
  const trim = (s, chars) => {
    const set = new Set(chars);
    const list = [...s];
    let a = 0;
    let b = list.length;
    while (a < b && set.has(list[a])) a += 1;
    while (b > a && set.has(list[b - 1])) b -= 1;
    return list.slice(a, b).join("");
  };

  // sanitize.clean
  const INVISIBLE = new Set(R.invisible);
  const HIDDEN = /[\p{Cc}\p{Cs}\p{Co}]/u;
  const clean = (text, keepNewlines) => {
    let out = "";
    for (const ch of text) {
      if (ch === "\n" && keepNewlines) out += ch;
      else if (ch === "\t") out += "    ";
      else if (INVISIBLE.has(ch) || HIDDEN.test(ch))
        out += "<U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + ">";
      else out += ch;
    }
    return out;
  };

  // -- dates.resolve: dates and times as people type them, resolved against "now" ----------

  const T = R.dates;
  const ABSOLUTE = regex(T.absolute);
  const MONTH_DAY = regex(T.monthDay);
  const DAYS_AGO = regex(T.daysAgo);
  const CLOCK = whole(T.time);
  const TIME_HINT = regex(T.timeHint);
  const STANDALONE = new Map(Object.entries(T.standalone).map(([w, spec]) => [w, regex(spec)]));
  const leap = (y) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  // datetime.date(y, m, d), or null where Python raises ValueError
  const makeDay = (y, m, d) => {
    if (y < 1 || y > 9999 || m < 1 || m > 12) return null;
    const days = m === 2 && leap(y) ? 29 : DAYS[m - 1];
    return d >= 1 && d <= days ? { y, m, d } : null;
  };
  // day - timedelta(days=back), on the proleptic Gregorian calendar as Python's date
  const daysBefore = (day, back) => {
    const when = new Date(0);
    when.setUTCFullYear(day.y, day.m - 1, day.d - back);
    return makeDay(when.getUTCFullYear(), when.getUTCMonth() + 1, when.getUTCDate());
  };
  const later = (a, b) => a.y - b.y || a.m - b.m || a.d - b.d;
  const two = (n) => String(n).padStart(2, "0");
  // Resolved.render
  const renderDay = (day, hour, minute) => {
    const date = `${String(day.y).padStart(4, "0")}-${two(day.m)}-${two(day.d)}`;
    return hour == null ? date : `${date} ${two(hour)}:${two(minute)}`;
  };
  const cut = (s, m) => s.slice(0, m.index) + " " + s.slice(m.index + m[0].length);
  const standalone = (text, word) => !STANDALONE.has(word) || STANDALONE.get(word).test(text);
  // The date (and time) `text` names as "2026-01-31" or "2026-01-31 14:30", or null.
  const resolveDate = (text, now) => {
    let rest = words(casefold(text.normalize("NFKC"))).join(" ");
    if (!rest) return null;
    const today = { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
    let day = null;
    let period = null;
    let nowWord = false;
    let m = ABSOLUTE.exec(rest);
    if (m) {
      day = makeDay(number(m[1]), number(m[2]), number(m[3]));
      if (!day) return null;
      rest = cut(rest, m);
    } else if ((m = DAYS_AGO.exec(rest))) {
      day = daysBefore(today, number(m[1]));
      if (!day) return null;
      rest = cut(rest, m);
    } else {
      const hit = T.words.find(([word]) => rest.includes(word) && standalone(rest, word));
      if (hit) {
        const [word, back] = hit;
        day = daysBefore(today, back);
        if (T.evening.includes(word) || T.afternoon.includes(word)) period = "pm";
        else if (T.morning.includes(word)) period = "am";
        nowWord = T.nowWords.includes(word);
        rest = rest.replace(word, () => " ");
      } else {
        m = MONTH_DAY.exec(rest);
        if (m && T.monthDayMarks.some((mark) => m[0].includes(mark))) {
          day = makeDay(today.y, number(m[1]), number(m[2]));
          if (!day) return null;
          // "12/31" typed in January means last year (a 29 February that was not is no date:
          // the CLI stops with an error there)
          if (later(day, today) > 0) day = makeDay(day.y - 1, day.m, day.d);
          if (!day) return null;
          rest = cut(rest, m);
        }
      }
    }
    for (const [word, value] of T.periods)
      if (rest.includes(word)) {
        period = value;
        rest = rest.replace(word, () => " ");
        break;
      }
    for (const filler of T.fillers) rest = rest.split(filler).join(" ");
    rest = trim(rest, T.trim);
    if (day === null) {
      // a time alone ("下午3点", "9pm", "14:30") is today's
      if (!rest || !(period || TIME_HINT.test(rest))) return null;
      day = today;
    }
    if (nowWord && !rest) return renderDay(day, now.getHours(), now.getMinutes());
    if (!rest) return renderDay(day); // a part of the day without a time: the date is all
    let clock = strip(rest);
    while (clock.startsWith("t")) clock = clock.slice(1);
    const time = CLOCK.exec(strip(clock));
    if (!time) return null;
    let hour = number(time[1]);
    let minute = number(time[2] || time[4] || "0");
    if (time[3] === T.half) minute = 30;
    const suffix = (time[5] || "").replace(/\./g, "");
    if (suffix) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (suffix === "pm" ? 12 : 0);
    } else if ((period === "pm" || period === "noon") && hour < 12)
      hour += period === "pm" || hour < 6 ? 12 : 0;
    else if ((period === "night" || period === "am") && hour === 12) hour = 0;
    if (hour > 23 || minute > 59) return null;
    return renderDay(day, hour, minute);
  };
  const isDate = (format) => format === "date" || format === "datetime";
  // formats.normalize: a date typed in other words keeps them and gains the resolved date.
  const normalize = (format, value, now) => {
    const text = strip(value);
    if (!isDate(format)) return text;
    const resolved = resolveDate(text, now);
    if (resolved === null || resolved === words(text).join(" ")) return text;
    return `${text} (${resolved})`;
  };

  // -- formats.validate_value -------------------------------------------------------------

  const F = R.formats;
  const DATE = regex(F.date, "y");
  const TIME = whole(F.time);
  const AMOUNT = whole(F.amount);
  const ORDER = whole(F.order);
  const CONTROL = /[\p{Cc}\p{Cf}]/u;
  const parseDate = (text) => {
    DATE.lastIndex = 0;
    const m = DATE.exec(text);
    if (!m) return null;
    if (!makeDay(number(m[1]), number(m[2]), number(m[3]))) return null;
    return text.slice(m[0].length);
  };
  // Dates may also be typed as people say them ("yesterday 9pm", "3天前"), resolved at `now`.
  const reason = (format, value, now) => {
    const why = strictReason(format, value);
    return why !== null && isDate(format) && resolveDate(value, now) !== null ? null : why;
  };
  const strictReason = (format, value) => {
    const why = F.reasons[lang];
    const text = strip(value.normalize("NFKC"));
    if (!text) return why.empty;
    if (codePoints(text) > F.max) return why.long;
    if (CONTROL.test(text)) return why.control;
    if (format === "date") {
      const rest = parseDate(text);
      return rest === null || strip(rest) ? why.date : null;
    }
    if (format === "datetime") {
      const rest = parseDate(text);
      if (rest === null) return why.datetime;
      if (!strip(rest)) return null;
      const m = TIME.exec(strip(rest));
      if (!m) return why.datetime;
      const ok = number(m[1]) < 24 && number(m[2] || "0") < 60 && number(m[3] || "0") < 60;
      return ok ? null : why.datetime;
    }
    if (format === "amount") {
      const m = AMOUNT.exec(text);
      if (!m) return why.amount;
      return number(m[1].replace(/,/g, "")) > 0 || number(m[2] || "0") > 0 ? null : why.zero;
    }
    if (format === "order-id") return ORDER.test(text) ? null : why["order-id"];
    return null;
  };

  // -- secrets.redact ---------------------------------------------------------------------

  const S = R.secrets;
  const CODE = regex(S.code, "g");
  const CARD = regex(S.card, "g");
  const GROUPED = regex(S.grouped, "g");
  const LABELLED = regex(S.labelled, "gd");
  // secrets.label_kind: a code when its label says so, else a password
  const labelKind = (label) => {
    const folded = casefold(label);
    return folded.includes(S.codeWord) || S.codeLabels.includes(folded) ? "code" : "password";
  };
  const luhn = (values) => {
    let total = 0;
    values.reverse().forEach((value, index) => {
      let v = value;
      if (index % 2 === 1) {
        v *= 2;
        if (v > 9) v -= 9;
      }
      total += v;
    });
    return total % 10 === 0;
  };
  const findSecrets = (text, codes) => {
    const found = [];
    for (const m of text.matchAll(LABELLED)) found.push([...m.indices[3], labelKind(m[1])]);
    for (const m of text.matchAll(CARD)) {
      const digits = [...m[0].replace(/\P{Nd}/gu, "")].map(digit);
      if (digits.length >= 13 && digits.length <= 19 && luhn(digits))
        found.push([m.index, m.index + m[0].length, "card"]);
    }
    // written in groups of four, it is a card number even when the checksum fails (a typo)
    for (const m of text.matchAll(GROUPED)) found.push([m.index, m.index + m[0].length, "card"]);
    if (codes)
      for (const m of text.matchAll(CODE)) found.push([m.index, m.index + m[0].length, "code"]);
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged = [];
    for (const s of found) {
      const last = merged[merged.length - 1];
      if (last && s[0] < last[1]) {
        if (s[1] > last[1]) last[1] = s[1];
        continue;
      }
      merged.push(s);
    }
    return merged;
  };
  const redact = (input, codes) => {
    let text = input;
    const normal = text.normalize("NFKC");
    if (codePoints(normal) !== codePoints(text)) text = normal;
    const secrets = findSecrets(text, codes);
    let out = "";
    let last = 0;
    for (const [start, end] of secrets) {
      out += text.slice(last, start) + S.mask;
      last = end;
    }
    return [out + text.slice(last), [...new Set(secrets.map((s) => s[2]))]];
  };

  // -- the walk: following the table -----------------------------------------------------

  const flow = () => D.flows[flowId];
  const follow = (node, value) => {
    if (node.type === "question") return node.options[value].next;
    if (node.type === "advice") return value === "yes" ? node.solved : node.unsolved;
    return node.next;
  };
  const currentId = () =>
    steps.reduce((id, s) => follow(flow().nodes[s.node], s.value), flow().start);
  // engine.Session.provide: skip, validate, mask what looks like a secret, then keep a date
  // typed in other words with its resolved value. "Now" is the browser's clock, as the CLI's.
  const provide = (node, id, value) => {
    if (!strip(value)) {
      if (!node.optional) return { error: ui("web-needed") };
      return { step: { node: id, value: null, masked: [] } };
    }
    const now = new Date();
    const problem = reason(node.format, value, now);
    if (problem) return { error: problem };
    const [safe, kinds] = redact(strip(value), node.codes);
    const kept = normalize(node.format, safe, now);
    const step = { node: id, value: kept, masked: kinds };
    if (kept !== safe) step.typed = safe;
    return { step };
  };
  const facts = () => {
    const out = new Map();
    for (const s of steps) {
      const node = flow().nodes[s.node];
      if (node.type === "input" && s.value !== null) out.set(node.fact, s.value);
    }
    return out;
  };
  const answerLabel = (s) => {
    const node = flow().nodes[s.node];
    const labels = R.report.answers[lang];
    if (node.type === "question") return tx(node.options[s.value].label);
    if (node.type === "advice") return node.answers[lang][s.value];
    return s.value === null ? labels.skipped : s.value;
  };

  // -- the route in the URL fragment: #flow/1/yes/=value/- ---------------------------------

  const token = (s) => {
    const node = flow().nodes[s.node];
    if (node.type === "question") return String(s.value + 1);
    if (node.type === "advice") return s.value;
    if (s.value === null) return "-";
    try {
      // what was typed: a shared "yesterday" is resolved again when the link is opened
      return "=" + encodeURIComponent(s.typed ?? s.value);
    } catch (error) {
      return "-";
    }
  };
  const routeHash = () => (flowId ? "#" + [flowId, ...steps.map(token)].join("/") : "#");
  const replay = (tokens) => {
    const out = [];
    let id = flow().start;
    for (const tok of tokens) {
      const node = flow().nodes[id];
      let step = null;
      if (node.type === "question") {
        const n = /^[0-9]{1,4}$/.test(tok) ? Number(tok) : 0;
        if (n >= 1 && n <= node.options.length) step = { node: id, value: n - 1, masked: [] };
      } else if (node.type === "advice") {
        if (tok === "yes" || tok === "no") step = { node: id, value: tok, masked: [] };
      } else if (node.type === "input") {
        let value = null;
        if (tok === "-") value = "";
        else if (tok.startsWith("=")) {
          try {
            value = decodeURIComponent(tok.slice(1));
          } catch (error) {
            value = null;
          }
        }
        if (value !== null) step = provide(node, id, value).step || null;
      }
      if (!step) break;
      out.push(step);
      id = follow(node, step.value);
    }
    return out;
  };
  const sync = (focus) => {
    const raw = location.hash.replace(/^#/, "");
    const parts = raw ? raw.split("/") : [];
    if (!parts.length || !Object.prototype.hasOwnProperty.call(D.flows, parts[0])) {
      flowId = null;
      steps = [];
    } else {
      const tokens = parts.slice(1);
      const mine = flowId === parts[0] ? latest.map(token) : [];
      const prefix = tokens.length <= mine.length && tokens.every((t, i) => t === mine[i]);
      if (flowId === parts[0] && prefix) steps = latest.slice(0, tokens.length);
      else {
        flowId = parts[0];
        steps = replay(tokens);
        latest = steps;
      }
    }
    const canonical = routeHash();
    if (canonical !== (location.hash || "#")) {
      try {
        history.replaceState(null, "", canonical);
      } catch (error) {
        // a page opened from some file viewers cannot rewrite its address; nothing is lost
      }
    }
    render(focus);
  };
  // Each move is drawn at once and pushed as a new address, so the browser's Back undoes it.
  const go = (newFlow, newSteps) => {
    flowId = newFlow;
    steps = newSteps;
    latest = newSteps;
    const hash = routeHash();
    if (hash !== (location.hash || "#")) location.hash = hash;
    render(true);
  };
  const answer = (step) => go(flowId, [...steps, step]);

  // -- the summary: report.build_report, from the same templates ---------------------------

  const strftime = (format, when) => {
    const codes = {
      Y: String(when.getFullYear()).padStart(4, "0"),
      m: two(when.getMonth() + 1),
      d: two(when.getDate()),
      H: two(when.getHours()),
      M: two(when.getMinutes()),
      S: two(when.getSeconds()),
      "%": "%",
    };
    return format.replace(/%(.)/g, (all, code) => codes[code]);
  };
  const P = R.report;
  const SPECIAL = regex(P.special, "g");
  const md = (text) => {
    const masked = redact(clean(text, false), false)[0];
    const escaped = masked.replace(SPECIAL, "\\$1");
    return P.leading.includes(escaped.slice(0, 1)) ? "\\" + escaped : escaped;
  };
  const summary = (now) => {
    const L = P.lines;
    const s = P.strings[lang];
    const title = tx(flow().title);
    const node = flow().nodes[currentId()];
    const outcome = node.type === "outcome" ? node : null;
    const lines = [fill(L.title, { title: md(fill(s["report-title"], { topic: title })) }), ""];
    lines.push(fill(L.date, { label: s["report-date"], date: strftime(P.date, now) }));
    lines.push(fill(L.topic, { label: s["report-topic"], title: md(title), flow: flowId }));
    if (outcome)
      lines.push(fill(L.result, { label: s["report-result"], result: s[outcome.result] }));
    lines.push("", fill(L.heading, { label: s["report-answers"] }), "");
    steps.forEach((step, index) => {
      const question = md(tx(flow().nodes[step.node].text));
      const values = { number: index + 1, question, answer: md(answerLabel(step)) };
      lines.push(fill(L.answer, values));
    });
    const known = facts();
    lines.push("", fill(L.heading, { label: s.facts }), "");
    if (known.size)
      for (const [name, value] of known)
        lines.push(
          fill(L.fact, {
            name: md(D.facts[name] ? D.facts[name][lang] : name),
            colon: P.colon[lang],
            value: md(value),
          }),
        );
    else lines.push(s.none);
    if (outcome) {
      lines.push("", fill(L.heading, { label: s["report-outcome"] }), "", md(tx(outcome.text)));
      if (outcome.channels.length) {
        lines.push("", fill(L.heading, { label: s["contact-order"] }), "");
        outcome.channels.forEach((id, index) => {
          const c = D.channels[id];
          let entry = fill(L.channel, {
            number: index + 1,
            name: md(tx(c.name)),
            how: md(tx(c.how)),
          });
          if (c.addresses.length)
            entry += fill(L.addresses, { addresses: c.addresses.map(md).join(P.separator) });
          lines.push(entry);
        });
      }
      if (outcome.prepare && outcome.prepare.length) {
        lines.push("", fill(L.heading, { label: s.prepare }), "");
        for (const item of outcome.prepare) lines.push(fill(L.item, { text: md(tx(item)) }));
      }
    }
    if (D.tips.length) {
      lines.push("", fill(L.heading, { label: s.tips }), "");
      for (const tip of D.tips) lines.push(fill(L.item, { text: md(tx(tip)) }));
    }
    lines.push("", fill(L.reminder, { label: s.reminder, text: md(s["anti-scam"]) }), "");
    return lines.join("\n");
  };

  // -- rendering --------------------------------------------------------------------------

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === false || value == null) continue;
      if (key === "text") node.textContent = value;
      else if (key === "content") {
        node.textContent = tx(value);
        if (langOf(value)) node.lang = langOf(value);
      } else if (key === "onclick") node.addEventListener("click", value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    return put(node, ...children);
  };
  // Text children become text nodes (never HTML); null and false stand for "nothing here".
  function put(parent, ...children) {
    for (const child of children) if (child != null && child !== false) parent.append(child);
    return parent;
  }
  const button = (attrs, onclick) => el("button", { type: "button", ...attrs, onclick });
  const heading = (content) =>
    el("h2", { id: "step-title", class: "text", tabindex: "-1", content });

  const controls = () => {
    const box = el("div", { class: "controls" });
    if (steps.length)
      put(
        box,
        button({ "data-action": "back", text: ui("back") }, () => go(flowId, steps.slice(0, -1))),
      );
    put(
      box,
      button({ "data-action": "restart", text: ui("restart") }, () => go(flowId, [])),
    );
    put(
      box,
      button({ "data-action": "topics", text: ui("web-topics") }, () => go(null, [])),
    );
    return box;
  };
  const answersList = (open) => {
    if (!steps.length) return null;
    const list = el("ol", { class: "answers" });
    steps.forEach((s, index) => {
      const node = flow().nodes[s.node];
      const question = tx(node.text);
      const given = node.type === "question" ? node.options[s.value].label : answerLabel(s);
      put(
        list,
        el(
          "li",
          { "data-step": index },
          el("p", { class: "question text", content: node.text }),
          el(
            "div",
            { class: "row" },
            el("span", { class: "answer", content: given }),
            button(
              {
                class: "small",
                "data-action": "change",
                "data-step": index,
                text: ui("web-change"),
                "aria-label": ui("web-change-label", { question }),
              },
              () => go(flowId, steps.slice(0, index)),
            ),
          ),
        ),
      );
    });
    if (open)
      return el(
        "section",
        { "aria-labelledby": "answers-title" },
        el("h3", { id: "answers-title", text: ui("web-answers") }),
        list,
      );
    return el(
      "details",
      {},
      el("summary", { text: `${ui("web-answers")} (${steps.length})` }),
      list,
    );
  };
  const maskedNotice = () => {
    if (!notice || !notice.length) return null;
    const names = notice.map((kind) => ui("kind-" + kind)).join(lang === "zh" ? "、" : ", ");
    return el("p", {
      class: "alert",
      role: "alert",
      "data-masked": notice.join(" "),
      text: ui("masked", { kinds: names }),
    });
  };

  const renderTopics = () => {
    const box = el("div", { "data-topics": "" }, heading(ui("pick-topic")));
    for (const id of D.topics)
      put(
        box,
        button({ "data-topic": id, content: D.flows[id].title }, () => go(id, [])),
      );
    walk.append(box);
  };

  const renderStep = (id, node) => {
    const box = el("div", { class: "step", "data-node": id, "data-type": node.type });
    put(box, el("p", { class: "kicker", content: flow().title }));
    if (node.type === "advice")
      put(
        box,
        node.scam
          ? el("p", { class: "kicker warning", text: ui("reminder") })
          : el("p", { class: "kicker", text: ui("try-this") }),
      );
    put(box, heading(node.text));
    put(box, maskedNotice());
    if (node.help) put(box, el("p", { class: "help text", content: node.help }));
    if (node.type === "question") {
      const group = el("div", { role: "group", "aria-labelledby": "step-title" });
      node.options.forEach((option, index) => {
        put(
          group,
          button({ "data-option": index + 1, content: option.label }, () =>
            answer({ node: id, value: index, masked: [] }),
          ),
        );
      });
      put(box, group);
    } else if (node.type === "advice") {
      // A scam warning asks whether it is too late; "not paid" leads where "solved" does.
      const [asked, yes, no] = node.scam
        ? ["paid-q", "paid-no", "paid-yes"]
        : ["solved-q", "yes-solved", "no-unsolved"];
      put(box, el("p", { id: "solved-q", text: ui(asked) }));
      const group = el("div", { role: "group", "aria-labelledby": "solved-q" });
      put(
        group,
        button({ "data-solved": "yes", text: ui(yes) }, () =>
          answer({ node: id, value: "yes", masked: [] }),
        ),
      );
      put(
        group,
        button({ "data-solved": "no", text: ui(no) }, () =>
          answer({ node: id, value: "no", masked: [] }),
        ),
      );
      put(box, group);
    } else {
      put(box, inputForm(id, node));
    }
    put(box, answersList(false), controls());
    walk.append(box);
  };

  const inputForm = (id, node) => {
    const failed = inputError && inputError.node === id ? inputError : null;
    const hints = [];
    if (node.optional) hints.push(ui("web-optional"));
    const example = D.ui[lang]["example-" + node.format]; // the CLI's, "yesterday" and all
    if (example) hints.push(ui("web-example", { example }));
    const field = el("input", {
      type: "text",
      id: "answer",
      name: "answer",
      autocomplete: "off",
      "data-fact": node.fact,
      "data-format": node.format,
      "aria-labelledby": "step-title",
      "aria-describedby":
        [hints.length ? "hint" : "", failed ? "error" : ""].join(" ").trim() || null,
      "aria-invalid": failed ? "true" : null,
      required: !node.optional,
    });
    if (failed) field.value = failed.value;
    const form = el(
      "form",
      { novalidate: "" },
      hints.length ? el("p", { class: "hint", id: "hint", text: hints.join(" ") }) : null,
      field,
      failed
        ? el("p", {
            class: "error",
            id: "error",
            role: "alert",
            "data-error": "",
            text: failed.message,
          })
        : null,
      el("button", {
        type: "submit",
        class: "primary",
        "data-action": "next",
        text: ui("web-next"),
      }),
      node.optional
        ? button({ "data-action": "skip", text: ui("web-skip") }, () => submit(id, node, ""))
        : null,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit(id, node, field.value);
    });
    return form;
  };
  const submit = (id, node, value) => {
    const result = provide(node, id, value);
    if (result.error) {
      inputError = { node: id, value, message: result.error };
      render(false);
      const field = document.getElementById("answer");
      field.focus();
      return;
    }
    inputError = null;
    notice = result.step.masked;
    answer(result.step);
  };

  const list = (tag, items, attrs) =>
    el(tag, attrs || {}, ...items.map((item) => el("li", { class: "text", content: item })));
  const renderOutcome = (id, node) => {
    const box = el("div", { class: "outcome", "data-outcome": id, "data-result": node.result });
    put(box, el("p", { class: "kicker", content: flow().title }));
    put(box, maskedNotice());
    put(
      box,
      el(
        "div",
        { class: `result ${node.result}` },
        heading(ui(node.result)),
        el("p", { class: "text", content: node.text }),
      ),
    );
    if (node.channels.length) {
      put(box, el("h3", { text: ui("contact-order") }));
      const ordered = el("ol", { class: "channel-order" });
      for (const cid of node.channels) {
        const c = D.channels[cid];
        put(
          ordered,
          el(
            "li",
            { "data-channel": cid },
            el("p", { class: "channel-name", content: c.name }),
            el("p", { class: "text", content: c.how }),
            el("p", { class: "text" }, ui("best-for"), el("span", { content: c.best_for })),
            ...c.addresses.map((a) => el("p", { class: "address", text: a })),
          ),
        );
      }
      put(box, ordered);
      if (!node.channels.some((cid) => D.channels[cid].addresses.length))
        put(box, el("p", { class: "note", text: ui("address-where") }));
    }
    if (node.prepare && node.prepare.length)
      put(box, el("h3", { text: ui("prepare") }), list("ul", node.prepare));
    const known = facts();
    if (known.size) {
      const dl = el("dl", { "data-facts": "" });
      for (const [name, value] of known) {
        const label = D.facts[name] ? D.facts[name][lang] : name;
        put(
          dl,
          el(
            "div",
            { "data-fact-name": name },
            el("dt", { text: label }),
            el("dd", { text: value }),
          ),
        );
      }
      put(box, el("h3", { text: ui("facts") }), dl);
    }
    if (node.result !== "resolved") {
      if (D.tips.length) put(box, el("h3", { text: ui("tips") }), list("ul", D.tips));
      put(
        box,
        el(
          "aside",
          { class: "safety", "data-safety": "" },
          el("h3", { text: ui("reminder") }),
          el("p", { text: ui("anti-scam") }),
        ),
      );
    }
    put(box, summaryBox(), answersList(true), controls());
    walk.append(box);
  };

  const summaryBox = () => {
    const area = el("textarea", {
      id: "summary",
      readonly: "",
      rows: "12",
      "aria-labelledby": "summary-title",
      "data-summary": "",
    });
    // Dated when it is shown, and again when it is copied or saved (as the CLI dates its file).
    const fresh = () => {
      area.value = summary(new Date());
      return area.value;
    };
    fresh();
    const status = el("p", { class: "hint", role: "status", "data-status": "" });
    const copy = button({ class: "primary", "data-action": "copy", text: ui("web-copy") }, () => {
      const failed = () => {
        area.focus();
        area.select();
        status.textContent = ui("web-copy-failed");
      };
      if (!navigator.clipboard) return failed();
      navigator.clipboard.writeText(fresh()).then(() => {
        status.textContent = ui("web-copied");
      }, failed);
      return undefined;
    });
    const download = button({ "data-action": "download", text: ui("web-download") }, () => {
      const blob = new Blob([fresh()], { type: "text/markdown;charset=utf-8" });
      const url = URL.createObjectURL(blob);
      const link = el("a", { href: url, download: `upay-request-${flowId}.md`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    });
    return el(
      "section",
      { "aria-labelledby": "summary-title" },
      el("h3", { id: "summary-title", text: ui("web-summary") }),
      area,
      copy,
      download,
      status,
    );
  };

  const render = (focus) => {
    walk.replaceChildren();
    if (!flowId) renderTopics();
    else {
      const id = currentId();
      const node = flow().nodes[id];
      if (node.type === "outcome") renderOutcome(id, node);
      else renderStep(id, node);
    }
    notice = null;
    shown = routeHash();
    document.title = flowId ? `${tx(flow().title)} · ${ui("web-title")}` : ui("web-title");
    const title = document.getElementById("step-title");
    const extra = walk.querySelector("[data-masked]");
    if (focus) {
      // Announced once per move, with the warning about a masked secret if there is one.
      live.textContent = [title, extra]
        .map((e) => (e ? e.textContent : ""))
        .join(" ")
        .trim();
      if (title) title.focus();
    }
  };

  // -- language ---------------------------------------------------------------------------

  const switcher = document.getElementById("switch");
  const setLanguage = (next) => {
    lang = next;
    document.documentElement.lang = HTML_LANG[lang];
    document.getElementById("title").textContent = ui("web-title");
    document.getElementById("intro").textContent = ui("web-intro");
    switcher.textContent = ui("web-language");
    switcher.lang = HTML_LANG[lang === "zh" ? "en" : "zh"];
    for (const block of document.querySelectorAll("[data-lang]"))
      block.hidden = block.dataset.lang !== lang;
    inputError = null;
    render(false);
  };
  switcher.hidden = false;
  switcher.addEventListener("click", () => setLanguage(lang === "zh" ? "en" : "zh"));
  window.addEventListener("hashchange", () => {
    if ((location.hash || "#") === shown) return; // our own move, already on the screen
    inputError = null;
    sync(true);
  });
  sync(false);
})();
