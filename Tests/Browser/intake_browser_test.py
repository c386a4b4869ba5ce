#!/usr/bin/env python3
"""The intake pages in a real browser: headless Chromium, driven by Selenium (Debian's
python3-selenium and chromium-driver). For each language the server speaks, right-to-left ones
included, it loads the form, fills it in, attaches its own screenshot, submits it, reads the
receipt, follows up with it and replies; it saves a screenshot of every page in the artifacts
folder, runs axe-core's WCAG 2.1 A and AA rules on each (axe-selenium-python), and fails on any
violation, any browser console error (a CSP violation, a missing resource) or any step that
does not behave. On a right-to-left page it checks that the text runs from the right while the
receipt still reads left to right.

Usage: intake_browser_test.py BASE_URL ARTIFACTS_DIR MARKER
Prints one line per language and, last, the receipts filed (one per line, "receipt LANG R").
"""
import json
import os
import sys

import importlib.util

from axe_selenium_python import Axe

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

CATALOGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "grievance-server", "Catalogs")


def catalog(language):
    """The server's own words in `language`, to check the pages against."""
    with open(os.path.join(CATALOGS, f"{language}.json"), encoding="utf-8") as f:
        return json.load(f)["texts"]


# Every language with a catalogue, English first (its screenshots are the ones people compare).
LANGUAGES = ["en"] + sorted(name[:-len(".json")] for name in os.listdir(CATALOGS) if name.endswith(".json") and name != "en.json")
RIGHT_TO_LEFT = {"ar", "ur"}
# What the titles were before the catalogues grew, written here so that a catalogue emptied or
# swapped by mistake is caught, not compared with itself.
TITLES = {"en": "Report a concern", "ru": "Сообщить о проблеме", "es": "Informar de un problema", "fr": "Signaler un problème"}
WCAG = json.dumps({"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
# axe-core 4.12.1: axe-selenium-python's own copy (3.1.1) predates WCAG 2.1's rules
# (scripts/lib/proof-venv.sh says where this one comes from).
# Found, not imported: the package's own code needs Playwright, which is not installed.
AXE_CORE = os.path.join(importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0], "axe.min.js")


def seven(language):
    """CLDR's plural category of 7, the days a harassment report waits for its acknowledgement."""
    return {"ar": "few", "ru": "many"}.get(language, "other")


def browser():
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=412,2200",
                     "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def wait_for(driver, selector, what):
    """Waits for the next page to show `selector`: a click returns before the page has loaded."""
    try:
        return WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, selector)))
    except Exception:
        raise Failure(f"{what}: {selector} never appeared (at {driver.current_url})")


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def page(driver, artifacts, name, status=None):
    """Saves a screenshot of the current page, checks the console is clean (but for the page's
    own status, when a test expects one: the browser logs a 422 as a failed load), and runs
    axe-core's WCAG 2.1 A/AA rules on it."""
    driver.save_screenshot(os.path.join(artifacts, f"{name}.png"))
    errors = [e for e in console_errors(driver) if status is None or f"status of {status}" not in e]
    expect(not errors, f"{name}: console errors: {errors}")
    axe = Axe(driver, script_url=AXE_CORE)
    axe.inject()
    violations = axe.run(options=WCAG)["violations"]
    expect(not violations, f"{name}: {axe.report(violations)}")


def right_to_left(driver, language):
    """On an Arabic or Urdu page: the page runs right to left, its heading's text starts at the
    right edge, and the receipt and references still run left to right."""
    direction = driver.execute_script("return getComputedStyle(document.body).direction")
    expect(direction == "rtl", f"{language}: the page runs {direction}")
    edges = driver.execute_script("""
        const main = document.querySelector('main').getBoundingClientRect();
        const range = document.createRange(); range.selectNodeContents(document.querySelector('h1'));
        const text = range.getBoundingClientRect();
        return [main.left, main.right, text.left, text.right];""")
    expect(abs(edges[1] - edges[3]) < 2 and edges[2] - edges[0] > 2, f"{language}: the heading is not set from the right: {edges}")


def run_language(driver, base, artifacts, marker, language):
    driver.get(f"{base}/?lang={language}")
    words = catalog(language)
    expect(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, f"{language}: wrong lang attribute")
    expect(driver.find_element(By.TAG_NAME, "html").get_attribute("dir") == ("rtl" if language in RIGHT_TO_LEFT else "ltr"),
           f"{language}: wrong dir attribute")
    expect(words["site.title"] in driver.title and TITLES.get(language, words["site.title"]) in driver.title, f"{language}: title is {driver.title!r}")
    expect(language == "en" or TITLES["en"] not in driver.title, f"{language}: the title is English")
    if language in RIGHT_TO_LEFT:
        right_to_left(driver, language)
    page(driver, artifacts, f"1-form-{language}")

    # The first Tab reaches the skip link: the form is usable from the keyboard.
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    expect(driver.switch_to.active_element.get_attribute("class") == "skip", f"{language}: the first Tab does not reach the skip link")

    # Submitting with nothing filled in is stopped by the browser (required fields), not lost.
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    expect("/complaints" not in driver.current_url, f"{language}: an empty form was sent")

    # A description of spaces passes the browser's check but not the server's: the form comes
    # back with the problem said in the reader's language, from the catalogue, the choice kept.
    Select(driver.find_element(By.ID, "category")).select_by_value("harassment")
    driver.find_element(By.ID, "description").send_keys("   ")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "#description-error", f"{language}: the form's errors")
    expect(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, f"{language}: the errors are not in {language}")
    expect(driver.find_element(By.ID, "description-error").text.strip() == words["problem.required"],
           f"{language}: the error beside the description is {driver.find_element(By.ID, 'description-error').text!r}")
    summary = driver.find_element(By.CSS_SELECTOR, ".errors").text
    expect(words["form.description"] in summary and words["problem.required"] in summary, f"{language}: the summary of errors is {summary!r}")
    expect(Select(driver.find_element(By.ID, "category")).first_selected_option.get_attribute("value") == "harassment",
           f"{language}: the category chosen was lost")
    page(driver, artifacts, f"1b-errors-{language}", status=422)

    # The switch at the form's end takes what was typed to another language, and back: not a
    # word lost, nothing filed (the handler's count at the end would show it).
    other = LANGUAGES[(LANGUAGES.index(language) + 1) % len(LANGUAGES)]
    # In the page's own script, so that the text goes through the urlencoded switch as typed.
    driver.find_element(By.ID, "description").send_keys(f"{marker}-kept {language} {words['form.submit']}")
    for going_to in (other, language):
        Select(driver.find_element(By.ID, "switch_to")).select_by_value(going_to)
        driver.find_element(By.CSS_SELECTOR, "button.secondary").click()
        wait_for(driver, f"html[lang={going_to}] #switch_to", f"{language}: the form in {going_to}")
        kept = driver.find_element(By.ID, "description").get_attribute("value")
        expect(f"{marker}-kept {language} {words['form.submit']}" in kept, f"{language}: switched to {going_to}, the description is {kept!r}")
        expect(Select(driver.find_element(By.ID, "category")).first_selected_option.get_attribute("value") == "harassment",
               f"{language}: switched to {going_to}, the category chosen was lost")
        expect(catalog(going_to)["form.keep.button"] in driver.page_source, f"{language}: the page switched to is not in {going_to}")
        if going_to == other:
            page(driver, artifacts, f"1c-switched-{language}-to-{other}")

    Select(driver.find_element(By.ID, "event")).select_by_value("congress-2027")
    driver.find_element(By.ID, "description").clear()
    driver.find_element(By.ID, "description").send_keys(f"{marker} {language}: what happened, in my words.")
    driver.find_element(By.ID, "respondent").send_keys(f"{marker}-respondent")
    driver.find_element(By.ID, "reporter_contact").send_keys("me@example.org")
    # The form's own screenshot, attached as a reporter attaches a photo.
    driver.find_element(By.ID, "attachments").send_keys(os.path.abspath(os.path.join(artifacts, f"1-form-{language}.png")))
    driver.find_element(By.CSS_SELECTOR, "label[for=consent_email]").click()
    expect(driver.find_element(By.ID, "consent_email").is_selected(), f"{language}: clicking a label does not tick its box")
    # Enter in a field sends the report: the form's own button, not the language switch after
    # it, is the one the browser presses.
    driver.find_element(By.ID, "location").send_keys(Keys.ENTER)

    receipt = wait_for(driver, ".receipt strong", f"{language}: the receipt page").text.strip()
    expect(words["receipt.title"] in driver.page_source, f"{language}: the receipt page is not in {language}")
    # The procedure's deadline for a harassment report (7 days), said in the reader's language.
    within = words["receipt.next"].replace("{within}", words[f"within.days.{seven(language)}"].replace("{count}", "7"))
    expect(within in driver.page_source, f"{language}: the receipt page does not say {within!r}")
    expect(len(receipt) == 23 and receipt.count("-") == 3, f"{language}: the receipt looks wrong: {receipt!r}")
    # Its groups read left to right, in order, whichever way the page runs.
    shown = driver.find_element(By.CSS_SELECTOR, ".receipt")
    expect(driver.execute_script("return getComputedStyle(arguments[0]).direction", shown) == "ltr", f"{language}: the receipt runs right to left")
    groups = driver.execute_script("""
        const node = arguments[0].querySelector('strong').firstChild, text = node.textContent, lefts = [];
        for (const start of [0, 6, 12, 18]) { const r = document.createRange(); r.setStart(node, start); r.setEnd(node, start + 5);
            lefts.push(r.getBoundingClientRect().left); }
        return lefts;""", shown)
    expect(groups == sorted(groups) and len(set(groups)) == 4, f"{language}: the receipt's groups are not in order left to right: {groups}")
    if language in RIGHT_TO_LEFT:
        right_to_left(driver, language)
    page(driver, artifacts, f"2-receipt-{language}")

    driver.get(f"{base}/follow-up?lang={language}")
    page(driver, artifacts, f"3-follow-up-{language}")
    field = driver.find_element(By.ID, "receipt")
    field.send_keys(receipt.lower().replace("-", " "))  # as a person might type it
    field.submit()
    wait_for(driver, ".stage", f"{language}: the report opened by its receipt")
    page(driver, artifacts, f"4-report-{language}")

    driver.find_element(By.ID, "text").send_keys(f"{marker} reply in {language}")
    driver.find_element(By.ID, "text").submit()
    wait_for(driver, ".messages .mine", f"{language}: the reply")
    expect(f"{marker} reply in {language}" in driver.page_source, f"{language}: the reply is not shown")
    page(driver, artifacts, f"5-replied-{language}")
    return receipt


def main():
    base, artifacts, marker = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    os.makedirs(artifacts, exist_ok=True)
    driver = browser()
    receipts = []
    try:
        for language in LANGUAGES:
            receipts.append((language, run_language(driver, base, artifacts, marker, language)))
            print(f"browser: {language}: form, receipt, follow-up and reply ok")
        # A wrong receipt gets a kind refusal, not an error page.
        driver.get(f"{base}/follow-up?lang=en")
        field = driver.find_element(By.ID, "receipt")
        field.send_keys("00000-00000-00000-00000")
        field.submit()
        wait_for(driver, "#receipt-error", "the refusal of a wrong receipt")
        expect("No report matches this receipt" in driver.page_source, "a wrong receipt is not refused kindly")
        page(driver, artifacts, "6-wrong-receipt-en")
    except Failure as failure:
        driver.save_screenshot(os.path.join(artifacts, "failure.png"))
        print(f"browser: FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        driver.quit()
    for language, receipt in receipts:
        print(f"receipt {language} {receipt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
