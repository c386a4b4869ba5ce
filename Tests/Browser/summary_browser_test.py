#!/usr/bin/env python3
"""A released summary's HTML page in headless Chromium, in each language (Urdu and Arabic right
to left): loads from a file with the network off (a self-contained page needs nothing more), runs
no script, fetches nothing, shows its charts, and prints to A4. Keeps a screenshot and the printed PDF of each.

Usage: summary_browser_test.py ARTIFACTS HTML_FILE...   (each file named summary-LANGUAGE.html)
"""
import base64
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions

CATALOGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "Summaries", "Catalogs")


def title(language):
    """The committee's title in `language`, from the summaries' own catalogue."""
    with open(os.path.join(CATALOGS, f"{language}.json"), encoding="utf-8") as f:
        return json.load(f)["texts"]["title.executive"]


def main():
    artifacts, files = sys.argv[1], sys.argv[2:]
    os.makedirs(artifacts, exist_ok=True)
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1240,1754",
                     "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    failures = []
    try:
        # Nothing but the file itself may load: any request is a failure.
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]})
        for path in files:
            language = os.path.basename(path)[len("summary-"):-len(".html")]
            driver.get("file://" + os.path.abspath(path))
            html = driver.find_element(By.TAG_NAME, "html")
            if html.get_attribute("lang") != language:
                failures.append(f"{language}: lang is {html.get_attribute('lang')}")
            direction = "rtl" if language in ("ar", "ur") else "ltr"
            if html.get_attribute("dir") != direction:
                failures.append(f"{language}: dir is {html.get_attribute('dir')}, not {direction}")
            if driver.find_elements(By.TAG_NAME, "script"):
                failures.append(f"{language}: the page holds a script")
            charts = driver.find_elements(By.CSS_SELECTOR, "svg[role=img]")
            if len(charts) < 2:
                failures.append(f"{language}: {len(charts)} charts, expected the categories and the trend at least")
            if title(language).lower() not in driver.title.lower() + driver.find_element(By.TAG_NAME, "body").text.lower():
                failures.append(f"{language}: the committee's title is not on the page")
            loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
            if loaded:
                failures.append(f"{language}: the page fetched {loaded}")
            errors = [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
            if errors:
                failures.append(f"{language}: console errors {errors}")
            driver.save_screenshot(os.path.join(artifacts, f"summary-{language}.png"))
            paper = PrintOptions()
            paper.page_width, paper.page_height = 21.0, 29.7  # A4: WebDriver's printing does not read @page
            pdf = driver.print_page(paper)
            with open(os.path.join(artifacts, f"summary-{language}.pdf"), "wb") as out:
                out.write(base64.b64decode(pdf))
            print(f"summary browser test: {language}: {len(charts)} charts, screenshot and A4 print kept")
    finally:
        driver.quit()
    for failure in failures:
        print(f"summary browser test: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
