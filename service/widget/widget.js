/*
 * NCI cancer drug Q&A — embeddable chat widget.
 *
 * Embed with one tag:
 *   <script src="https://host/widget/widget.js" data-api-base="https://host" defer></script>
 * Optional: data-target="#css-selector" mounts into an existing element instead of where the tag is.
 * Or call window.NciDrugWidget.mount(element, { apiBase: "https://host" }) yourself.
 *
 * Plain JavaScript, no build step, no third-party requests. Everything that comes from the API is
 * inserted with textContent / createElement only: answers, quotes and titles are data, never markup.
 */
(function () {
  "use strict";

  // document.currentScript is only set while this file first runs, so capture it now.
  var SCRIPT = document.currentScript || findOwnScript();

  // Limits of POST /v1/ask. The body limit is the server's 64 KiB minus room for headers and escaping.
  var LIMITS = { question: 1000, turns: 20, turnChars: 4000, bodyBytes: 60000 };
  var DEFAULTS = { timeoutMs: 15000, slowMs: 3000 };

  var TEXT = {
    title: "Ask about cancer drugs",
    subtitle: "Answers only from NCI's drug pages, with sources.",
    empty: "Ask what a cancer drug is approved to treat, for example \u201cWhat is Keytruda used for?\u201d",
    label: "Your question",
    hint: "Enter sends \u00b7 Shift+Enter for a new line",
    send: "Send",
    emptyQuestion: "Please type a question first.",
    wait: "Please wait for the answer to your last question.",
    disclaimer: "This information comes from the National Cancer Institute's drug pages and is not medical " +
      "advice. Talk with your doctor or care team about your own treatment.",
    you: "You asked:",
    answer: "Answer:",
    waiting: "Looking this up in NCI's drug pages\u2026",
    stillWorking: "Still working\u2026 this is taking longer than usual.",
    sources: "Sources",
    lastReviewed: "Last reviewed",
    overdue: "Due for review",
    overdueHelp: "NCI has not reviewed this page on schedule, so it may not be current.",
    quotes: "What the page says",
    newTab: "Opens in a new tab",
    notInSources: "Not found in NCI's drug pages",
    outOfScope: "Outside what this service can answer",
    related: "Pages that may help",
    emergency: "Get help now",
    safety: "Safety note",
    errorTitle: "No answer this time",
    retry: "Try again",
    serverSaid: "Message from the service:",
    reference: "Reference for support:",
    timeout: function (seconds) {
      return "The service did not answer within " + seconds + " seconds. Please try again in a moment.";
    },
    network: "Could not reach the service. Please check your internet connection and try again.",
    tooMany: function (seconds) {
      return "Too many questions in a short time. Please wait " + (seconds ? seconds + " seconds " : "a moment ") +
        "and try again.";
    },
    tooLarge: "The question and the conversation so far are too long to send. Try a shorter question, " +
      "or reload the page to start a new conversation.",
    unavailable: "The service is not available right now. Please try again later.",
    rejected: "The service could not accept this question.",
    broken: "The service had a problem answering this question.",
    badResponse: "The service sent a reply this page could not read.",
    notHttp: "(not a web link)"
  };

  var instanceCount = 0;

  // -- mounting -------------------------------------------------------------------------------------

  function findOwnScript() {
    var scripts = document.querySelectorAll("script[src]");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/(^|\/)widget\.js(\?|#|$)/.test(scripts[i].getAttribute("src"))) return scripts[i];
    }
    return null;
  }

  /** The stylesheet lives beside the script, so hosts only ever add one tag. */
  function injectStylesheet(scriptSrc) {
    if (!scriptSrc || document.querySelector("link[data-ncw-style]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("widget.css", scriptSrc).href;
    link.setAttribute("data-ncw-style", "");
    document.head.appendChild(link);
  }

  /** "https://host" -> the absolute /v1/ask URL; a relative base is taken relative to the page. */
  function askEndpoint(apiBase) {
    var base = new URL(apiBase, document.baseURI).href;
    if (base.charAt(base.length - 1) !== "/") base += "/";
    return new URL("v1/ask", base).href;
  }

  function positiveNumber(value, fallback) {
    var n = Number(value);
    return isFinite(n) && n > 0 ? n : fallback;
  }

  /** Mount a widget into `target` (an element). Returns a small handle for hosts and tests. */
  function mount(target, options) {
    options = options || {};
    if (!target || target.nodeType !== 1) throw new Error("NciDrugWidget.mount needs an element");
    if (target.hasAttribute("data-ncw-mounted")) return null; // the tag was included twice
    target.setAttribute("data-ncw-mounted", "");
    var apiBase = options.apiBase || (SCRIPT && SCRIPT.src ? new URL("..", SCRIPT.src).href : "/");
    var state = {
      id: "ncw-" + (++instanceCount),
      endpoint: askEndpoint(apiBase),
      timeoutMs: positiveNumber(options.timeoutMs, DEFAULTS.timeoutMs),
      slowMs: positiveNumber(options.slowMs, DEFAULTS.slowMs),
      turns: [],      // completed exchanges, sent back as `history` for follow-up questions
      busy: false
    };
    state.ui = buildShell(state);
    target.appendChild(state.ui.root);
    return { root: state.ui.root, ask: function (q) { state.ui.input.value = q; submit(state); } };
  }

  /** Mount from the <script> tag's data-* attributes, once the page has been parsed. */
  function autoMount() {
    if (!SCRIPT) return;
    injectStylesheet(SCRIPT.src); // also for hosts that mount() themselves
    if (SCRIPT.getAttribute("data-auto-mount") === "false") return;
    var data = SCRIPT.dataset;
    var target;
    if (data.target) {
      try {
        target = document.querySelector(data.target);
      } catch (e) {
        target = null; // not a valid selector: reported below like a selector that matches nothing
      }
      if (!target) {
        console.error("NCI drug widget: no element matches data-target=" + JSON.stringify(data.target));
        return;
      }
    } else {
      target = document.createElement("div");
      // Where the tag sits in <body>, appear there; a tag in <head> cannot hold content, so use the end of <body>.
      if (SCRIPT.parentNode && SCRIPT.parentNode !== document.head && document.body.contains(SCRIPT)) {
        SCRIPT.parentNode.insertBefore(target, SCRIPT);
      } else {
        document.body.appendChild(target);
      }
    }
    mount(target, { apiBase: data.apiBase, timeoutMs: data.timeoutMs, slowMs: data.slowMs });
  }

  // -- small DOM helpers (text only, by construction) ----------------------------------------------

  /** createElement with a class and optional text; text goes through textContent, never markup. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /** API fields are shown as text: anything that is not a string becomes one (or nothing). */
  function asText(value) {
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return "";
  }

  /** Only http(s) URLs become links; javascript:, data:, relative and malformed URLs do not. */
  function safeHttpUrl(value) {
    try {
      var url = new URL(asText(value));
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  /** A link that opens in a new tab, or the same text unlinked when the URL is not http(s). */
  function externalLink(state, url, text, className) {
    var href = safeHttpUrl(url);
    if (!href) {
      var plain = el("span", (className || "") + " ncw-unlinked", text);
      plain.appendChild(el("span", "ncw-unlinked-note", " " + TEXT.notHttp));
      return plain;
    }
    var link = el("a", className, text);
    link.href = href;
    link.target = "_blank";
    // noopener: the new page cannot script this one; noreferrer: the portal URL is not sent to cancer.gov.
    link.rel = "noopener noreferrer";
    link.setAttribute("aria-describedby", state.id + "-newtab");
    return link;
  }

  // -- the shell: header, log, form, disclaimer ----------------------------------------------------

  function buildShell(state) {
    var id = state.id;
    var root = el("section", "ncw");
    root.setAttribute("aria-labelledby", id + "-title");

    var header = el("header", "ncw-header");
    var title = el("h2", "ncw-title", TEXT.title);
    title.id = id + "-title";
    header.appendChild(title);
    header.appendChild(el("p", "ncw-subtitle", TEXT.subtitle));

    var log = el("div", "ncw-log");
    log.id = id + "-log";
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", "Conversation");
    var empty = el("p", "ncw-empty", TEXT.empty);
    log.appendChild(empty);

    var form = el("form", "ncw-form");
    form.noValidate = true; // our own message is clearer than the browser's bubble
    var labelRow = el("div", "ncw-label-row");
    var label = el("label", "ncw-label", TEXT.label);
    label.htmlFor = id + "-input";
    var row = el("div", "ncw-row");
    var input = el("textarea", "ncw-input");
    input.id = id + "-input";
    input.name = "question";
    input.rows = 1;
    input.maxLength = LIMITS.question;
    input.autocomplete = "off";
    input.setAttribute("aria-describedby", id + "-hint");
    var send = el("button", "ncw-send", TEXT.send);
    send.type = "submit";
    row.appendChild(input);
    row.appendChild(send);
    var hint = el("p", "ncw-hint", TEXT.hint);
    hint.id = id + "-hint";
    labelRow.appendChild(label);
    labelRow.appendChild(hint);
    form.appendChild(labelRow);
    form.appendChild(row);

    var disclaimer = el("p", "ncw-disclaimer", TEXT.disclaimer);
    var newTab = el("span", "ncw-sr", TEXT.newTab);
    newTab.id = id + "-newtab";

    root.appendChild(header);
    root.appendChild(log);
    root.appendChild(form);
    root.appendChild(disclaimer);
    root.appendChild(newTab);

    var ui = { root: root, log: log, empty: empty, form: form, input: input, send: send, hint: hint,
      disclaimer: disclaimer };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit(state);
    });
    input.addEventListener("keydown", function (event) {
      // Enter sends; Shift+Enter is a new line; Enter that confirms an IME composition is not a send.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit(state);
      }
    });
    input.addEventListener("input", function () { resetHint(state); });
    return ui;
  }

  function showHint(state, text, invalid) {
    state.ui.hint.textContent = text;
    state.ui.hint.classList.add("ncw-hint--problem");
    if (invalid) state.ui.input.setAttribute("aria-invalid", "true");
  }

  function resetHint(state) {
    state.ui.hint.textContent = TEXT.hint;
    state.ui.hint.classList.remove("ncw-hint--problem");
    state.ui.input.removeAttribute("aria-invalid");
  }

  /**
   * Busy state: the button stays focusable (aria-disabled, not disabled) so focus is never dropped. Not
   * aria-busy: screen readers would then hold back the "still working" update in the log.
   */
  function setBusy(state, busy) {
    state.busy = busy;
    state.ui.root.setAttribute("data-busy", busy ? "true" : "false");
    state.ui.send.setAttribute("aria-disabled", busy ? "true" : "false");
  }

  function appendToLog(state, node) {
    if (state.ui.empty.parentNode) state.ui.empty.remove();
    state.ui.log.appendChild(node);
  }

  /** Scroll the log (not the host page) so `node` starts at the top: long answers are read from their start. */
  function scrollLogTo(state, node) {
    var log = state.ui.log;
    log.scrollTop = Math.max(0, node.offsetTop - 8);
  }

  // -- one question -------------------------------------------------------------------------------

  function submit(state) {
    if (state.busy) {
      // One question at a time keeps answers in order; what was typed stays in the field.
      showHint(state, TEXT.wait, false);
      return;
    }
    var question = state.ui.input.value.trim();
    if (!question) {
      showHint(state, TEXT.emptyQuestion, true);
      state.ui.input.focus();
      return;
    }
    state.ui.input.value = "";
    sendQuestion(state, question);
  }

  /** Show the question, then ask it with the conversation so far; the reply replaces a "waiting" bubble. */
  function sendQuestion(state, question) {
    var asked = renderUserMessage(question);
    appendToLog(state, asked);
    var history = historyFor(state.turns, question);
    setBusy(state, true);
    var pending = renderPending();
    appendToLog(state, pending);
    scrollLogTo(state, asked);
    var slowTimer = setTimeout(function () {
      pending.querySelector(".ncw-pending-text").textContent = TEXT.stillWorking;
    }, state.slowMs);

    // Trying again asks the question afresh, below anything asked since, with the history as it is now.
    function retry() {
      sendQuestion(state, question);
    }

    requestAnswer(state, question, history).then(function (data) {
      state.turns.push({ role: "user", content: question }, { role: "assistant", content: asText(data.answer) });
      return renderAnswer(state, data);
    }, function (error) {
      return renderError(state, error, retry);
    }).catch(function (bug) {
      // A fault in this script must not leave the widget "busy" for ever: say so and allow a retry.
      console.error("NCI drug widget:", bug);
      return renderError(state, { kind: "bad-response" }, retry);
    }).then(function (node) {
      clearTimeout(slowTimer);
      pending.remove();
      appendToLog(state, node);
      scrollLogTo(state, asked);
      setBusy(state, false);
    });
  }

  /**
   * Earlier turns for a follow-up ("Is it approved for lymphoma?"). The API takes at most 20 turns of
   * 4000 characters, but its body limit is 64 KiB, which 20 long turns exceed: drop the oldest until it fits.
   */
  function historyFor(turns, question) {
    var history = turns.slice(-LIMITS.turns).map(function (turn) {
      return { role: turn.role, content: truncate(turn.content, LIMITS.turnChars) };
    });
    while (history.length && byteLength(JSON.stringify({ question: question, history: history })) > LIMITS.bodyBytes) {
      history.shift();
    }
    return history;
  }

  function truncate(text, max) {
    if (text.length <= max) return text;
    var cut = text.slice(0, max);
    // Do not leave half of a surrogate pair (an emoji) at the end.
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  }

  function byteLength(text) {
    return new TextEncoder().encode(text).length;
  }

  /** POST /v1/ask. Resolves with the parsed answer; rejects with {kind, status, serverText, retryAfter}. */
  function requestAnswer(state, question, history) {
    var controller = new AbortController();
    var timedOut = false;
    var timer = setTimeout(function () { timedOut = true; controller.abort(); }, state.timeoutMs);
    var status = 0;
    var retryAfter = null;
    var requestId = null;
    return fetch(state.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: question, history: history }),
      signal: controller.signal,
      credentials: "omit",          // the API needs no cookies; the portal's must not travel with questions
      referrerPolicy: "no-referrer", // the portal page URL may carry patient identifiers
      cache: "no-store"
    }).then(function (response) {
      status = response.status;
      retryAfter = response.headers.get("Retry-After");
      requestId = response.headers.get("X-Request-ID"); // the service logs it: a reference for support
      return response.text(); // still under the timeout: a body that trickles in is also "slow"
    }).then(function (body) {
      clearTimeout(timer);
      var data = parseJson(body);
      if (status !== 200) {
        throw { kind: "http", status: status, serverText: data && asText(data.error), retryAfter: retryAfter,
          requestId: requestId };
      }
      if (!data || typeof data.answer !== "string" || typeof data.status !== "string") {
        throw { kind: "bad-response", status: status };
      }
      return data;
    }, function (error) {
      clearTimeout(timer);
      throw { kind: timedOut ? "timeout" : "network", detail: error && error.message };
    });
  }

  function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  // -- rendering replies ----------------------------------------------------------------------------

  function renderUserMessage(question) {
    var node = el("div", "ncw-msg ncw-msg--user");
    node.appendChild(el("span", "ncw-sr", TEXT.you + " "));
    node.appendChild(el("p", "ncw-text", question));
    return node;
  }

  function renderPending() {
    var node = el("div", "ncw-msg ncw-msg--pending");
    node.setAttribute("data-status", "pending");
    var dots = el("span", "ncw-dots"); // decoration: the words beside it say what is happening
    dots.setAttribute("aria-hidden", "true");
    for (var i = 0; i < 3; i++) dots.appendChild(el("span"));
    node.appendChild(dots);
    node.appendChild(el("span", "ncw-pending-text", TEXT.waiting));
    return node;
  }

  function renderAnswer(state, data) {
    if (asText(data.disclaimer)) state.ui.disclaimer.textContent = asText(data.disclaimer);
    var status = asText(data.status);
    if (status === "emergency") return renderEmergency(data);
    var node = el("article", "ncw-msg ncw-msg--assistant");
    node.setAttribute("data-status", status);
    node.appendChild(el("span", "ncw-sr", TEXT.answer + " "));
    if (status === "not_in_sources") node.appendChild(el("p", "ncw-notice", TEXT.notInSources));
    if (status === "out_of_scope") node.appendChild(el("p", "ncw-notice", TEXT.outOfScope));
    if (asText(data.safety_note)) node.appendChild(renderSafetyNote(asText(data.safety_note)));
    node.appendChild(renderAnswerText(asText(data.answer)));
    var citations = Array.isArray(data.citations) ? data.citations : [];
    if (citations.length) node.appendChild(renderSources(state, citations));
    var related = Array.isArray(data.related) ? data.related : [];
    if (related.length) node.appendChild(renderRelated(state, related));
    return node;
  }

  /**
   * A question that mentions a danger sign ("Is chest pain a side effect of X?") is answered as asked, with the
   * service's one-line note on what to do if it is happening now, set apart before the answer.
   */
  function renderSafetyNote(text) {
    var note = el("p", "ncw-safety");
    note.setAttribute("role", "note");
    note.appendChild(el("strong", "ncw-safety-title", TEXT.safety + ": "));
    note.appendChild(document.createTextNode(text));
    return note;
  }

  /** An emergency reply is a banner, announced at once (role="alert"), not a quiet chat bubble. */
  function renderEmergency(data) {
    var node = el("div", "ncw-msg ncw-emergency");
    node.setAttribute("role", "alert");
    node.setAttribute("data-status", "emergency");
    var icon = el("span", "ncw-emergency-icon", "!");
    icon.setAttribute("aria-hidden", "true");
    node.appendChild(icon);
    var body = el("div", "ncw-emergency-body");
    body.appendChild(el("p", "ncw-emergency-title", TEXT.emergency));
    body.appendChild(el("p", "ncw-text", asText(data.answer)));
    node.appendChild(body);
    return node;
  }

  /**
   * The answer is plain text: one fact or template per line, "- " starts a list item, and facts end with
   * citation markers like " [1]" or " [2] [3]". Consecutive list lines become one <ul>.
   */
  function renderAnswerText(answer) {
    var container = el("div", "ncw-answer");
    var list = null;
    answer.split("\n").forEach(function (line) {
      if (!line.trim()) return;
      var isItem = line.indexOf("- ") === 0;
      if (!isItem) list = null;
      if (isItem && !list) {
        list = el("ul", "ncw-list");
        container.appendChild(list);
      }
      var block = isItem ? el("li") : el("p", "ncw-line");
      appendWithMarkers(block, isItem ? line.slice(2) : line);
      (isItem ? list : container).appendChild(block);
    });
    return container;
  }

  var TRAILING_MARKERS = /^([\s\S]*?)((?:\s*\[\d+\])+)\s*$/;

  /** The text of a line, then its trailing markers as small superscripts (still text, still "[1]"). */
  function appendWithMarkers(block, line) {
    var match = TRAILING_MARKERS.exec(line);
    if (!match || !match[1].trim()) {
      appendText(block, line);
      return;
    }
    appendText(block, match[1]);
    match[2].match(/\[\d+\]/g).forEach(function (marker) {
      block.appendChild(document.createTextNode("\u00a0")); // a marker never wraps away from its fact
      block.appendChild(el("sup", "ncw-marker", marker));
    });
  }

  /** Text, with ISO dates kept on one line: "2025-" at the end of a line and "12-30" on the next misreads. */
  function appendText(block, text) {
    text.split(/(\d{4}-\d{2}-\d{2})/).forEach(function (part, i) {
      if (!part) return;
      block.appendChild(i % 2 ? el("span", "ncw-nowrap", part) : document.createTextNode(part));
    });
  }

  /**
   * Citations grouped by page: one card per page (title link, review date, overdue mark) listing the
   * marker numbers it backs and, folded away, the quoted text. Ten cards with the same title would bury
   * the one fact a patient needs: which page, and how recent.
   */
  function renderSources(state, citations) {
    var section = el("div", "ncw-sources");
    section.appendChild(el("h3", "ncw-sources-title", TEXT.sources));
    var cards = el("ul", "ncw-cards");
    groupByPage(citations).forEach(function (group) {
      cards.appendChild(renderCard(state, group));
    });
    section.appendChild(cards);
    return section;
  }

  function groupByPage(citations) {
    var groups = [];
    var byKey = {};
    citations.forEach(function (citation) {
      if (!citation || typeof citation !== "object") return;
      var key = asText(citation.url) + "\u0000" + asText(citation.title);
      if (!byKey[key]) {
        byKey[key] = { url: citation.url, title: asText(citation.title) || asText(citation.url),
          lastReviewed: asText(citation.last_reviewed), overdue: false, items: [] };
        groups.push(byKey[key]);
      }
      byKey[key].overdue = byKey[key].overdue || citation.review_overdue === true;
      byKey[key].items.push(citation);
    });
    return groups;
  }

  function renderCard(state, group) {
    var card = el("li", "ncw-card");
    var head = el("p", "ncw-card-head");
    head.appendChild(el("span", "ncw-card-nums", markerRange(group.items)));
    head.appendChild(externalLink(state, group.url, group.title, "ncw-card-title"));
    card.appendChild(head);

    var meta = el("p", "ncw-card-meta");
    meta.appendChild(document.createTextNode(TEXT.lastReviewed + " "));
    meta.appendChild(renderDate(group.lastReviewed));
    if (group.overdue) {
      var badge = el("span", "ncw-badge ncw-badge--overdue", TEXT.overdue);
      badge.title = TEXT.overdueHelp;
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(badge);
    }
    card.appendChild(meta);
    card.appendChild(renderQuotes(group.items));
    return card;
  }

  /** "[1]", "[1]–[10]" or "[1], [3]": which markers in the answer this page backs. */
  function markerRange(items) {
    var numbers = items.map(function (c) { return Math.floor(Number(c.n)); })
      .filter(function (n) { return isFinite(n); })
      .sort(function (a, b) { return a - b; });
    var parts = [];
    for (var i = 0; i < numbers.length; i++) {
      var start = numbers[i];
      while (i + 1 < numbers.length && numbers[i + 1] <= numbers[i] + 1) i++;
      parts.push(start === numbers[i] ? "[" + start + "]" : "[" + start + "]\u2013[" + numbers[i] + "]");
    }
    return parts.join(", ");
  }

  /** A <time> for an ISO date, else the text as given. ISO dates are unambiguous in every locale. */
  function renderDate(value) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return el("span", "ncw-date", value || "unknown");
    var time = el("time", "ncw-date", value);
    time.dateTime = value;
    return time;
  }

  function renderQuotes(items) {
    var details = el("details", "ncw-quotes");
    details.appendChild(el("summary", null, TEXT.quotes));
    var list = el("ol", "ncw-quote-list");
    items.forEach(function (citation) {
      var item = el("li");
      item.appendChild(el("span", "ncw-quote-n", "[" + asText(citation.n) + "]"));
      if (asText(citation.section)) item.appendChild(el("span", "ncw-quote-section", asText(citation.section)));
      item.appendChild(el("blockquote", "ncw-quote", asText(citation.quote)));
      list.appendChild(item);
    });
    details.appendChild(list);
    return details;
  }

  function renderRelated(state, related) {
    var section = el("div", "ncw-related");
    section.appendChild(el("h3", "ncw-sources-title", TEXT.related));
    var list = el("ul", "ncw-related-list");
    related.forEach(function (link) {
      if (!link || typeof link !== "object") return;
      var item = el("li");
      item.appendChild(externalLink(state, link.url, asText(link.title) || asText(link.url), "ncw-related-link"));
      list.appendChild(item);
    });
    section.appendChild(list);
    return section;
  }

  /** Errors are shown in the conversation, in words, with the server's own reason when it gave one. */
  function renderError(state, error, retry) {
    var node = el("div", "ncw-msg ncw-msg--error");
    node.setAttribute("data-status", "error");
    node.appendChild(el("p", "ncw-notice", TEXT.errorTitle));
    node.appendChild(el("p", "ncw-text", errorMessage(state, error)));
    if (error.serverText) {
      var detail = el("p", "ncw-error-detail", TEXT.serverSaid + " \u201c" + error.serverText + "\u201d");
      detail.appendChild(document.createTextNode(" (error " + error.status + ")"));
      node.appendChild(detail);
    } else if (error.status) {
      node.appendChild(el("p", "ncw-error-detail", "(error " + error.status + ")"));
    }
    if (error.requestId && error.status >= 500) {
      node.appendChild(el("p", "ncw-error-detail", TEXT.reference + " " + asText(error.requestId).slice(0, 64)));
    }
    var again = el("button", "ncw-retry", TEXT.retry);
    again.type = "button";
    again.addEventListener("click", function () {
      if (state.busy) return;
      // The button goes (its question is asked again below), so put focus where the next step is typed.
      state.ui.input.focus();
      again.remove();
      retry();
    });
    node.appendChild(again);
    return node;
  }

  function errorMessage(state, error) {
    if (error.kind === "timeout") return TEXT.timeout(Math.round(state.timeoutMs / 1000));
    if (error.kind === "network") return TEXT.network;
    if (error.kind === "bad-response") return TEXT.badResponse;
    var status = error.status;
    if (status === 429) return TEXT.tooMany(parseInt(error.retryAfter, 10) || 0);
    if (status === 413) return TEXT.tooLarge;
    if (status === 503) return TEXT.unavailable;
    return status >= 500 ? TEXT.broken : TEXT.rejected;
  }

  // -- start ---------------------------------------------------------------------------------------

  if (!window.NciDrugWidget) {
    window.NciDrugWidget = { mount: mount, version: "1.0.0" };
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", autoMount);
  } else {
    autoMount();
  }
})();
