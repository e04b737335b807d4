"""Transfer size of each volunteer page on a slow line: first visit (empty browser cache)
and repeat visit (same browser), as bytes over the wire (Chromium's encodedDataLength:
headers and compressed bodies, 0 for what came from the cache). Throttled to a slow 3G
line; the sizes do not depend on the throttle, the timings printed beside them do.

Against a running server with the demo data (`PORT=8105 make run`):
    .venv/bin/python bench/transfer.py --base-url http://127.0.0.1:8105
Targets: at most 150 kB on the first visit, 30 kB on a repeat visit.
"""

import argparse
import time

from playwright.sync_api import sync_playwright

PAGES = [
    "/vrijwilligers/mijn-taken/",
    "/vrijwilligers/mijn-gegevens/",
    "/vrijwilligers/mijn-gegevens/wijzigen/",
    "/vrijwilligers/mijn-gegevens/grenzen/",
    "/vrijwilligers/word-vrijwilliger/",
    "/vrijwilligers/warffum/aanmelden/",
    "/inloggen/",
]
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--email", default="vrijwilliger@warffum.example")
    parser.add_argument("--password", default="dorpsloket-demo")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        rows = []
        for path in PAGES:
            context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
            page = context.new_page()
            if path.startswith("/vrijwilligers/mijn-"):
                page.goto(args.base_url + "/inloggen/")
                page.get_by_label("E-mailadres").fill(args.email)
                page.get_by_label("Wachtwoord").fill(args.password)
                page.get_by_role("button", name="Inloggen").click()
                page.wait_for_load_state()
                # logging in fetched the shared files: clear them for a true first visit
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.clearBrowserCache")
            cdp.send("Network.emulateNetworkConditions", SLOW_3G)
            sizes: list[int] = []
            cdp.on(
                "Network.loadingFinished",
                lambda e, sizes=sizes: sizes.append(e["encodedDataLength"]),
            )
            started = time.perf_counter()
            page.goto(args.base_url + path, wait_until="load")
            first, first_s = sum(sizes), time.perf_counter() - started
            sizes.clear()
            started = time.perf_counter()
            page.goto(args.base_url + path, wait_until="load")
            repeat, repeat_s = sum(sizes), time.perf_counter() - started
            rows.append((path, first, first_s, repeat, repeat_s))
            context.close()
        browser.close()
    print(f"{'page':42} {'first kB':>9} {'s':>5} {'repeat kB':>10} {'s':>5}")
    for path, first, first_s, repeat, repeat_s in rows:
        flag = "" if first <= 150_000 and repeat <= 30_000 else "  over target"
        print(
            f"{path:42} {first / 1000:9.1f} {first_s:5.1f}"
            f" {repeat / 1000:10.1f} {repeat_s:5.1f}{flag}"
        )


if __name__ == "__main__":
    main()
