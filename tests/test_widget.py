"""The chat widget in a real browser: Debian's Chromium, headless, driven by Playwright against the real service.

Every question goes to the live `small_server` (real index, real model). Only the error tests and the
hostile-payload test intercept /v1/ask in the browser's network layer (page.route) to make the server's
reply fail or misbehave; the embedding tests serve a host page the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"the widget's browser tests need Debian's Chromium at {CHROMIUM} (make browser)",
                allow_module_level=True)

from playwright.sync_api import Browser, Page, Route, expect, sync_playwright  # noqa: E402

from service.answer import review_overdue  # noqa: E402
from tests.conftest import REPO  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "tests" / "artifacts"
ABECMA_URL = "https://www.cancer.gov/about-cancer/treatment/drugs/idecabtagenevicleucel"
KEYTRUDA_URL = "https://www.cancer.gov/about-cancer/treatment/drugs/pembrolizumab"
REPLIES = ".ncw-log [data-status]:not([data-status='pending'])"
XSS_QUESTION = '<img src=x onerror="window.__xss=1">Is Keytruda approved?'

# The first answer loads the model's caches; later ones are fast. Generous, never waited out when things work.
expect.set_options(timeout=30_000)


# -- fixtures -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium() -> Browser:
    """One headless Chromium for the whole module; each test gets its own context (cookies, routes, storage)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium: Browser):
    """Open pages in fresh contexts; at the end, close them and fail on any uncaught error in them."""
    opened: list[Page] = []

    def open_(width: int = 420, height: int = 760) -> Page:
        context = chromium.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.errors, page.console_errors, page.requests = [], [], []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
        page.on("request", lambda request: page.requests.append(request.url))
        opened.append(page)
        return page

    yield open_
    errors = [error for page in opened for error in page.errors]
    for page in opened:
        page.context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def widget(open_page, small_server) -> Page:
    """The demo page at /widget/ of the real service, 420x760."""
    page = open_page()
    page.goto(f"{small_server.url}/widget/")
    expect(page.get_by_label("Your question")).to_be_visible()
    return page


def ask(page: Page, question: str):
    """Type a question, press Enter and wait for its reply (answer, notice, banner or error); return the reply."""
    replies = page.locator(REPLIES)
    before = replies.count()
    field = page.get_by_label("Your question")
    field.fill(question)
    field.press("Enter")
    expect(replies).to_have_count(before + 1)
    expect(page.locator(".ncw")).to_have_attribute("data-busy", "false")
    return replies.nth(before)


@pytest.fixture
def recorded(widget: Page) -> Page:
    """The demo page, recording the JSON bodies it posts to /v1/ask as they leave the browser."""
    widget.ask_bodies = []
    widget.on("request", lambda r: r.url.endswith("/v1/ask") and widget.ask_bodies.append(r.post_data_json))
    return widget


# -- answers --------------------------------------------------------------------------------------------

def test_cited_answer_shows_title_link_date_and_review_mark(widget: Page):
    reply = ask(widget, "What is Abecma used for?")
    expect(reply).to_have_attribute("data-status", "answered")
    expect(reply.locator(".ncw-marker").first).to_have_text("[1]")

    link = reply.locator(".ncw-card a").first
    expect(link).to_have_text("Idecabtagene Vicleucel - NCI")
    expect(link).to_have_attribute("href", ABECMA_URL)
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    card = reply.locator(".ncw-card").first
    expect(card.locator("time")).to_have_text("2025-12-30")
    expect(card.locator("time")).to_have_attribute("datetime", "2025-12-30")
    expect(card).to_contain_text("Last reviewed 2025-12-30")
    # Quarterly review: the page has been overdue since April 2026, and the API says so.
    assert review_overdue("2025-12-30", "quarterly", dt.date.today())
    expect(card.locator(".ncw-badge--overdue")).to_be_visible()
    expect(card.locator(".ncw-badge--overdue")).to_have_text("Due for review")

    expect(widget.locator(".ncw-disclaimer")).to_contain_text("is not medical advice")
    expect(widget.locator(".ncw-disclaimer")).to_be_visible()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    card.scroll_into_view_if_needed()  # the log scrolls, not the page: show the answer's end and its source
    widget.locator(".ncw").screenshot(path=str(ARTIFACTS / "widget-answer.png"))
    assert (ARTIFACTS / "widget-answer.png").stat().st_size > 5000


def test_quotes_open_from_the_citation_card(widget: Page):
    reply = ask(widget, "What is Abecma used for?")
    quotes = reply.locator(".ncw-quotes").first
    expect(quotes.locator(".ncw-quote").first).to_be_hidden()
    quotes.locator("summary").click()
    expect(quotes.locator(".ncw-quote").first).to_be_visible()
    expect(quotes).to_contain_text("multiple myeloma")


def test_follow_up_sends_the_history_and_is_answered_in_context(recorded: Page):
    first = ask(recorded, "What is Keytruda used for?")
    expect(first).to_have_attribute("data-status", "answered")
    follow_up = ask(recorded, "Is it approved for lymphoma?")
    expect(follow_up).to_have_attribute("data-status", "answered")
    expect(follow_up.locator(".ncw-answer")).to_contain_text("Classic Hodgkin lymphoma")
    expect(follow_up.locator(".ncw-card a").first).to_have_attribute("href", KEYTRUDA_URL)

    first_body, second_body = recorded.ask_bodies
    assert first_body == {"question": "What is Keytruda used for?", "history": []}
    assert second_body["question"] == "Is it approved for lymphoma?"
    history = second_body["history"]
    assert [turn["role"] for turn in history] == ["user", "assistant"]
    assert history[0]["content"] == "What is Keytruda used for?"
    assert history[1]["content"].startswith("According to NCI's page on Pembrolizumab (Keytruda)")


def test_out_of_scope_shows_related_links(widget: Page):
    reply = ask(widget, "What are the side effects of Keytruda?")
    expect(reply).to_have_attribute("data-status", "out_of_scope")
    expect(reply).to_contain_text("cannot answer questions about side effects")
    links = reply.locator(".ncw-related a")
    expect(links.first).to_have_text("NCI: Pembrolizumab (Keytruda)")
    expect(links.first).to_have_attribute("href", KEYTRUDA_URL)
    assert links.count() >= 2
    for i in range(links.count()):
        assert links.nth(i).get_attribute("href").startswith("https://")
        assert links.nth(i).get_attribute("rel") == "noopener noreferrer"
    expect(reply.locator(".ncw-card")).to_have_count(0)


def test_emergency_shows_an_alert_banner(widget: Page):
    reply = ask(widget, "I have chest pain")
    expect(reply).to_have_attribute("data-status", "emergency")
    banner = widget.get_by_role("alert")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Call your local emergency number")
    expect(banner).to_contain_text("Get help now")


def test_not_in_sources_says_so_plainly(widget: Page):
    reply = ask(widget, "What is aspirin used for?")
    expect(reply).to_have_attribute("data-status", "not_in_sources")
    expect(reply).to_contain_text("Not found in NCI's drug pages")
    expect(reply).to_contain_text("NCI's cancer drug pages here do not cover aspirin")
    expect(reply.locator("a")).to_have_count(0)


def test_a_question_naming_a_danger_sign_shows_the_safety_note_above_its_answer(widget: Page):
    reply = ask(widget, "Is chest pain a side effect of Keytruda?")
    expect(reply).to_have_attribute("data-status", "out_of_scope")
    note = reply.get_by_role("note")
    expect(note).to_have_text("Safety note: If you have chest pain now, call your care team or your local emergency "
                              "number (911 in the US) right away.")
    assert reply.locator(".ncw-safety + .ncw-answer").count() == 1  # before the answer it qualifies
    expect(widget.get_by_role("alert")).to_have_count(0)  # a question, not an emergency


# -- safety ---------------------------------------------------------------------------------------------

def test_html_in_a_question_is_shown_as_text(widget: Page):
    reply = ask(widget, XSS_QUESTION)
    expect(reply).to_have_attribute("data-status", "answered")
    expect(widget.locator(".ncw-msg--user .ncw-text")).to_have_text(XSS_QUESTION)
    assert widget.locator(".ncw-log img").count() == 0
    widget.wait_for_timeout(200)  # an onerror handler would have fired by now
    assert widget.evaluate("() => window.__xss") is None


def test_markup_and_unsafe_links_from_the_api_are_inert(widget: Page):
    """A compromised or buggy API: markup in every field, and links that are not http(s)."""
    evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    payload = {
        "status": "answered",
        "answer": f"Intro {evil}\n- item {evil} [1]\n- second [2] [3]\n- third [3]",
        "citations": [
            {"n": 1, "url": "javascript:window.__xss=3", "title": f"Title {evil}", "last_reviewed": evil,
             "review_overdue": False, "section": evil, "quote": evil, "chunk_id": "a"},
            {"n": 2, "url": "data:text/html,<script>alert(1)</script>", "title": "Data page",
             "last_reviewed": "2025-01-01", "review_overdue": True, "section": "s", "quote": "q", "chunk_id": "b"},
            {"n": 3, "url": "/relative/page", "title": "Relative page", "last_reviewed": "2025-01-01",
             "review_overdue": False, "section": "s", "quote": "q", "chunk_id": "c"},
        ],
        "related": [{"title": f"Related {evil}", "url": "vbscript:x"},
                    {"title": "Good", "url": "https://www.cancer.gov/x"}],
        "disclaimer": f"Disclaimer {evil}",
    }
    widget.route("**/v1/ask", lambda route: route.fulfill(status=200, content_type="application/json",
                                                          body=json.dumps(payload)))
    reply = ask(widget, "What is Keytruda used for?")
    widget.wait_for_timeout(200)
    assert widget.evaluate("() => window.__xss") is None
    assert widget.locator(".ncw img, .ncw script").count() == 0
    expect(reply.locator(".ncw-answer")).to_contain_text(f"Intro {evil}")
    expect(reply.locator(".ncw-answer li").nth(1).locator(".ncw-marker")).to_have_text(["[2]", "[3]"])
    expect(reply.locator(".ncw-card")).to_have_count(3)  # one card per page
    expect(reply.locator(".ncw-card").first).to_contain_text(f"Title {evil}")
    expect(widget.locator(".ncw-disclaimer")).to_have_text(f"Disclaimer {evil}")
    # Only the one https link is clickable; the others are shown as plain text.
    hrefs = reply.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://www.cancer.gov/x"]
    for title in ("Data page", "Relative page", f"Related {evil}"):
        expect(reply.locator(".ncw-unlinked", has_text=title)).to_have_count(1)


def test_a_long_conversation_stays_within_the_request_limits(recorded: Page):
    """20 turns of 4000 characters would exceed the server's 64 KiB body limit: the oldest turns are dropped."""
    long_answer = "Lymphome trait\u00e9 [1] " * 300  # over 4000 characters, and not all ASCII
    reply_body = json.dumps({"status": "answered", "answer": long_answer, "citations": [], "related": [],
                             "disclaimer": "d"})
    recorded.route("**/v1/ask", lambda route: route.fulfill(status=200, content_type="application/json",
                                                            body=reply_body))
    for i in range(11):
        ask(recorded, f"Question {i} about Keytruda?")
    recorded.unroute("**/v1/ask")
    reply = ask(recorded, "What is Keytruda used for?")  # to the real server, with the longest history
    expect(reply).to_have_attribute("data-status", "answered")

    body = recorded.ask_bodies[-1]
    assert len(json.dumps(body, ensure_ascii=False).encode("utf-8")) <= 60_000
    history = body["history"]
    assert 2 <= len(history) <= 20
    assert all(len(turn["content"]) <= 4000 for turn in history)
    assert history[-2:] == [{"role": "user", "content": "Question 10 about Keytruda?"},
                            {"role": "assistant", "content": long_answer[:4000]}]


# -- errors and a slow server -----------------------------------------------------------------------------

def test_a_server_error_is_shown_with_its_reason_and_can_be_retried(widget: Page):
    widget.route("**/v1/ask", lambda route: route.fulfill(status=503, content_type="application/json",
                                                          headers={"X-Request-ID": "req-0123"},
                                                          body=json.dumps({"error": "no index is loaded"})))
    reply = ask(widget, "What is Abecma used for?")
    expect(reply).to_have_attribute("data-status", "error")
    expect(reply).to_contain_text("not available right now")
    expect(reply).to_contain_text("no index is loaded")
    expect(reply).to_contain_text("503")
    expect(reply).to_contain_text("Reference for support: req-0123")

    widget.unroute("**/v1/ask")
    reply.get_by_role("button", name="Try again").click()
    expect(widget.locator(REPLIES)).to_have_count(2)
    expect(widget.locator(REPLIES).nth(1)).to_have_attribute("data-status", "answered")
    expect(widget.get_by_label("Your question")).to_be_focused()


def test_rate_limiting_says_how_long_to_wait(widget: Page):
    widget.route("**/v1/ask", lambda route: route.fulfill(
        status=429, content_type="application/json", headers={"Retry-After": "7"},
        body=json.dumps({"error": "too many requests; slow down and retry later"})))
    reply = ask(widget, "What is Abecma used for?")
    expect(reply).to_contain_text("Please wait 7 seconds")
    expect(reply).to_contain_text("too many requests")


def test_a_network_failure_is_shown(widget: Page):
    widget.route("**/v1/ask", lambda route: route.abort("connectionrefused"))
    reply = ask(widget, "What is Abecma used for?")
    expect(reply).to_have_attribute("data-status", "error")
    expect(reply).to_contain_text("Could not reach the service")


def host_page(small_server, script_attributes: str, body: str = '<div id="slot"></div>') -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>'
            f'<h1>Host page</h1>{body}'
            f'<script src="{small_server.url}/widget/widget.js" {script_attributes} defer></script></body></html>')


def serve(page: Page, url: str, html: str) -> None:
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=html))


def test_a_slow_server_shows_still_working_then_a_timeout(open_page, small_server):
    page = open_page()
    url = f"{small_server.url}/widget/slow-host.html"
    serve(page, url, host_page(small_server, f'data-api-base="{small_server.url}" data-target="#slot" '
                                             'data-timeout-ms="2000" data-slow-ms="300"'))
    held: list[Route] = []
    # Never answered: the request hangs until the widget gives up.
    page.route("**/v1/ask", lambda route: held.append(route))
    page.goto(url)
    field = page.get_by_label("Your question")
    field.fill("What is Abecma used for?")
    field.press("Enter")
    pending = page.locator(".ncw-msg--pending")
    expect(pending).to_contain_text("Looking this up")
    expect(page.locator(".ncw")).to_have_attribute("data-busy", "true")
    expect(pending).to_contain_text("Still working")
    field.fill("Is it approved for lymphoma?")
    field.press("Enter")  # one question at a time: this one waits in the field
    expect(page.locator(".ncw-hint")).to_have_text("Please wait for the answer to your last question.")
    expect(field).to_have_value("Is it approved for lymphoma?")
    reply = page.locator(REPLIES).first
    expect(reply).to_have_attribute("data-status", "error")
    expect(reply).to_contain_text("did not answer within 2 seconds")
    expect(pending).to_have_count(0)
    expect(page.locator(".ncw")).to_have_attribute("data-busy", "false")
    assert len(held) == 1


# -- embedding --------------------------------------------------------------------------------------------

def test_one_script_tag_injects_the_stylesheet_and_mounts_into_the_target(open_page, small_server):
    page = open_page()
    url = f"{small_server.url}/widget/host-page.html"
    serve(page, url, host_page(small_server, f'data-api-base="{small_server.url}" data-target="#slot"'))
    page.goto(url)
    expect(page.locator("#slot > .ncw")).to_be_visible()
    expect(page.locator("link[data-ncw-style]")).to_have_attribute("href", f"{small_server.url}/widget/widget.css")
    reply = ask(page, "What is Abecma used for?")
    expect(reply.locator(".ncw-card a").first).to_have_attribute("href", ABECMA_URL)


def test_without_a_target_the_widget_appears_where_the_tag_is(open_page, small_server):
    page = open_page()
    url = f"{small_server.url}/widget/host-inline.html"
    # No data-api-base either: the API is taken to be the folder above widget.js.
    serve(page, url, host_page(small_server, "", body="<p id='before'>Before</p>"))
    page.goto(url)
    expect(page.locator("#before + div > .ncw")).to_be_visible()
    reply = ask(page, "I have chest pain")
    expect(reply).to_have_attribute("data-status", "emergency")


def test_no_third_party_requests_and_nothing_blocked_by_the_strict_policy(widget: Page, small_server):
    ask(widget, "What is Abecma used for?")
    outside = [url for url in widget.requests
               if not url.startswith(small_server.url + "/") and not url.startswith("data:")]
    assert outside == []
    assert any(url.endswith("/widget/widget.css") for url in widget.requests)
    # The demo page runs under a Content-Security-Policy with no inline script or style.
    assert not [m for m in widget.console_errors if "Content Security Policy" in m]


# -- accessibility ----------------------------------------------------------------------------------------

def test_keyboard_only(widget: Page):
    field = widget.get_by_label("Your question")
    widget.keyboard.press("Tab")
    expect(field).to_be_focused()
    widget.keyboard.type("What is Abecma used for?")
    widget.keyboard.press("Enter")
    expect(widget.locator(REPLIES)).to_have_count(1)
    expect(field).to_be_focused()  # focus stays in the field, ready for a follow-up

    widget.keyboard.press("Tab")
    expect(widget.get_by_role("button", name="Send")).to_be_focused()
    # Onwards through the page (it wraps past the end) to the first link: the citation.
    for _ in range(5):
        widget.keyboard.press("Tab")
        if widget.evaluate("() => document.activeElement.tagName") == "A":
            break
    focused = widget.locator(":focus")
    expect(focused).to_have_attribute("href", ABECMA_URL)
    expect(focused).to_have_text("Idecabtagene Vicleucel - NCI")
    outline = focused.evaluate("a => { const s = getComputedStyle(a); return [s.outlineStyle, s.outlineWidth]; }")
    assert outline[0] != "none" and float(outline[1].rstrip("px")) >= 2


def test_enter_on_an_empty_question_sends_nothing(recorded: Page):
    field = recorded.get_by_label("Your question")
    field.focus()
    field.press("Enter")
    expect(recorded.locator(".ncw-hint")).to_have_text("Please type a question first.")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_be_focused()
    assert recorded.ask_bodies == []
    field.press("Shift+Enter")  # a new line, not a send
    assert recorded.ask_bodies == []


def test_screen_reader_structure(widget: Page):
    log = widget.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    field = widget.get_by_label("Your question")
    expect(field).to_have_attribute("maxlength", "1000")
    expect(widget.get_by_role("button", name="Send")).to_be_visible()
    expect(widget.get_by_role("region", name="Ask about cancer drugs")).to_be_visible()


def test_readable_at_320px_without_horizontal_scrolling(open_page, small_server):
    page = open_page(width=320, height=640)
    page.goto(f"{small_server.url}/widget/")
    ask(page, "What is Keytruda used for?")
    ask(page, "What are the side effects of Keytruda?")
    page.locator(".ncw-quotes summary").first.click()
    sizes = page.evaluate("""() => [document.documentElement, document.body, document.querySelector('.ncw'),
                                   document.querySelector('.ncw-log')].map(e => [e.scrollWidth, e.clientWidth])""")
    for scroll_width, client_width in sizes:
        assert scroll_width <= client_width, sizes
    box = page.locator(".ncw").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
