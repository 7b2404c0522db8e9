"""Lesson page weight on a phone over 3G: HTML+CSS+JS over the wire, images, DOMContentLoaded.

The demo site runs under gunicorn with production settings (whitenoise
compressed static, GZip middleware for HTML). Each demo lesson opens in a
fresh Chromium context (cold cache, service worker blocked) at 360x740,
400 kbps down, 400 ms round trip (STACK-NOTES). Bytes are CDP
`Network.loadingFinished.encodedDataLength`: compressed body plus headers.
Budget (DESIGN.md): under 50 KB without images. Queries per lesson page
must not grow with the number of steps.
"""

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._server import DemoSite
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

BUDGET_KB = 50
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
THROTTLE = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}
TEXT_TYPES = {"Document", "Stylesheet", "Script", "Font", "Fetch", "XHR", "Manifest", "Other"}


def measure(browser, url: str) -> dict:
    """Open `url` cold on the throttled phone; bytes by kind and DOMContentLoaded in seconds."""
    context = browser.new_context(service_workers="block", locale="vi-VN", **PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", THROTTLE)
    kinds, sizes = {}, {}
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: kinds.__setitem__(e["requestId"], e.get("type", "Other")),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        dcl = page.evaluate(
            "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
        )
        first = dict(sizes)
        # Lazy images further down: scroll through the lesson.
        height = page.evaluate("document.body.scrollHeight")
        for y in range(0, height + 740, 600):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(150)
        page.wait_for_load_state("networkidle", timeout=120_000)
    finally:
        all_sizes = dict(sizes)
        context.close()

    def total(found, types):
        return sum(size for rid, size in found.items() if kinds.get(rid, "Other") in types)

    return {
        "text_bytes": total(all_sizes, TEXT_TYPES),
        "image_bytes_first_screen": total(first, {"Image"}),
        "image_bytes_all": total(all_sizes, {"Image"}),
        "media_bytes": total(all_sizes, {"Media"}),
        "requests": len(all_sizes),
        "dcl_s": round(dcl / 1000, 2),
    }


def _row(name, ours, limit, unit, note):
    ratio = round(ours / limit, 3) if limit else None
    return {"name": name, "ours": ours, "limit": limit, "ratio": ratio, "unit": unit, "note": note}


def run(log=print) -> list[dict]:
    from playwright.sync_api import sync_playwright

    with DemoSite(production=True, log=log) as site:
        lessons = json.loads(site.python("bench/_lesson_probe.py"))
        if not lessons:
            raise RuntimeError("The demo has no lessons to measure.")
        log(f"  measuring {len(lessons)} lessons on the 3G phone profile...")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for lesson in lessons:
                    lesson.update(measure(browser, site.url + lesson["url"]))
                    log(
                        f"    {lesson['text_bytes'] / 1024:5.1f} KB  {lesson['dcl_s']:4.2f} s  {lesson['url']}"
                    )
            finally:
                browser.close()

    kb = sorted(lesson["text_bytes"] / 1024 for lesson in lessons)
    heaviest = max(lessons, key=lambda lesson: lesson["text_bytes"])
    dcl = [lesson["dcl_s"] for lesson in lessons]
    images = [lesson["image_bytes_all"] / 1024 for lesson in lessons]
    first = [lesson["image_bytes_first_screen"] / 1024 for lesson in lessons]
    few = min(lessons, key=lambda lesson: lesson["queries"])
    many = max(lessons, key=lambda lesson: lesson["queries"])
    n = len(lessons)
    Path(__file__).with_name("results").mkdir(exist_ok=True)
    Path(__file__).with_name("results").joinpath("page_weight_lessons.json").write_text(
        json.dumps(lessons, indent=2, ensure_ascii=False)
    )
    return [
        _row(
            "lesson HTML+CSS+JS over the wire, max",
            round(kb[-1], 1),
            BUDGET_KB,
            "KB",
            f"heaviest {heaviest['url']} ({heaviest['steps']} steps); gzip, headers included; {n} lessons",
        ),
        _row(
            "lesson HTML+CSS+JS over the wire, median",
            round(statistics.median(kb), 1),
            BUDGET_KB,
            "KB",
            f"min {kb[0]:.1f} KB",
        ),
        _row(
            "lesson images after scrolling, max",
            round(max(images), 1),
            None,
            "KB",
            f"median {statistics.median(images):.1f} KB; first screen max {max(first):.1f} KB (lazy)",
        ),
        _row(
            "lesson DOMContentLoaded on 3G, max",
            max(dcl),
            None,
            "s",
            f"median {statistics.median(dcl):.2f} s; 400 kbps, 400 ms RTT, cold cache",
        ),
        _row(
            "queries per lesson page, most vs fewest",
            many["queries"],
            few["queries"],
            "queries",
            f"most: {many['steps']} steps, {many['videos']} videos ({many['url']}); "
            f"fewest: {few['steps']} steps, {few['videos']} videos; a constant count has ratio 1",
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
