#!/usr/bin/env python3
"""Drives Gemba's web app in headless Chromium, as people would use it.

A coordinator opens an overdue document from the dashboard, starts a new revision, edits it in
the browser and starts its review; a reviewer and an approver sign it; the dashboard then shows
one overdue periodic review fewer. Screenshots of the main pages go to --screenshots.

Run by Tests/GembaCommandsTests/BrowserWalkthroughTests.swift against `gemba serve` on a copy of
the demo register; exits non-zero with one line on the first thing that does not work.
"""
import argparse
import os as _os
_os.environ.setdefault("SE_AVOID_STATS", "true")
import os
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def fail(message):
    print(f"walkthrough: {message}", file=sys.stderr)
    sys.exit(1)


def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(argument)
    for binary in ["/usr/bin/chromium", "/usr/bin/chromium-browser"]:
        if os.path.exists(binary):
            options.binary_location = binary
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else None
    return webdriver.Chrome(options=options, service=service) if service else webdriver.Chrome(options=options)


class Walk:
    def __init__(self, base, password, shots):
        self.base, self.password, self.shots = base.rstrip("/"), password, shots
        self.driver = browser()

    def open(self, path):
        self.driver.get(self.base + path)

    def submit(self, css):
        """Clicks a form's button and waits for the next page to load."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.find(css).click()
        try:
            WebDriverWait(self.driver, 20).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)
        except WebDriverException:
            pass
        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def find(self, css):
        try:
            return self.driver.find_element(By.CSS_SELECTOR, css)
        except NoSuchElementException:
            fail(f"no '{css}' on {self.driver.current_url}: {self.flash() or self.driver.title}")

    def flash(self):
        found = self.driver.find_elements(By.CSS_SELECTOR, "p.flash")
        return found[0].text if found else ""

    def expect_flash(self, prefix, what):
        text = self.flash()
        if not text.startswith(prefix) or "error" in (self.driver.find_element(By.CSS_SELECTOR, "p.flash").get_attribute("class") or ""):
            fail(f"{what}: expected a message starting '{prefix}', the page says '{text}' ({self.driver.current_url})")
        print(f"{what}: {text}")

    def log_in(self, user):
        self.open("/login")
        self.find("#username").send_keys(user)
        self.find("#password").send_keys(self.password)
        self.submit("form[action='/login'] button")
        if not self.driver.find_elements(By.CSS_SELECTOR, "form.logout"):
            fail(f"{user} could not log in: {self.flash()}")

    def log_out(self):
        self.submit("form.logout button")
        if "/login" not in self.driver.current_url:
            fail(f"logout did not return to the login page ({self.driver.current_url})")

    def overdue_periodic_reviews(self):
        self.open("/")
        for tile in self.driver.find_elements(By.CSS_SELECTOR, ".tile"):
            labels = tile.find_elements(By.CSS_SELECTOR, ".label")
            if labels and labels[0].text.strip() == "periodic review":
                return int(tile.find_element(By.CSS_SELECTOR, ".value").text)
        return 0

    def shot(self, name, path):
        if not self.shots:
            return
        self.open(path)
        height = self.driver.execute_script("return Math.min(document.body.scrollHeight, 2400)")
        self.driver.set_window_size(1280, max(height, 700))
        time.sleep(0.2)
        self.driver.save_screenshot(os.path.join(self.shots, f"{name}.png"))
        self.driver.set_window_size(1280, 900)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--screenshots")
    parser.add_argument("--coordinator", default="mkeller")
    parser.add_argument("--reviewer", default="nberg")
    parser.add_argument("--approver", default="tbrandt")
    args = parser.parse_args()
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    try:
        walk = Walk(args.base, args.password, args.screenshots)
    except WebDriverException as error:
        fail(f"cannot start headless Chromium: {error.msg}")
    try:
        walk.log_in(args.coordinator)
        before = walk.overdue_periodic_reviews()
        if before == 0:
            fail("the dashboard shows no overdue periodic review to work on")
        print(f"dashboard before: {before} overdue periodic reviews")
        links = [a.get_attribute("href") for a in walk.driver.find_elements(By.XPATH, "//tr[td[1][normalize-space()='periodic review']]/td[2]/a")]
        document = None
        # An SOP or WI: Markdown content and the standard route (a reviewer, then an approver).
        for link in [l for l in links if l.rsplit("/", 1)[-1].startswith(("SOP-", "WI-"))]:
            walk.driver.get(link)
            if walk.driver.find_elements(By.CSS_SELECTOR, "form[action$='/revise']"):
                document = link.rsplit("/", 1)[-1]
                break
        if document is None:
            fail("no overdue document offers 'Start a new revision' to the coordinator")
        print(f"opened overdue document {document}")
        walk.find("form[action$='/revise'] input[name='reason']").send_keys("Periodic review: wording brought up to date")
        walk.submit("form[action$='/revise'] button")
        walk.expect_flash("Draft", "new revision")
        editor = walk.find("#markdown")
        editor.send_keys("\n\n## Revision note\n\nChecked at the periodic review; steps confirmed at the line.\n")
        walk.submit("form[action$='/edit'] button[type='submit']")
        walk.expect_flash("Draft saved", "draft edited in the browser")
        walk.find("#review-password").send_keys(args.password)
        walk.submit("form[action$='/review'] button")
        walk.expect_flash("Review of", "review started")
        review = walk.driver.current_url.split("?")[0]
        walk.log_out()

        for user in [args.reviewer, args.approver]:
            walk.log_in(user)
            walk.open("/reviews")
            inbox = walk.driver.find_elements(By.XPATH, f"//a[@href='{review[len(args.base.rstrip('/')):]}']")
            if not inbox:
                fail(f"{user}'s inbox does not list the review {review}")
            walk.driver.get(inbox[0].get_attribute("href"))
            walk.find("input[name='confirm']").click()
            walk.find("#sign-password").send_keys(args.password)
            walk.submit("form[action$='/sign'] button")
            walk.expect_flash("Signed", f"{user} signed")
            walk.log_out()

        walk.log_in(args.coordinator)
        after = walk.overdue_periodic_reviews()
        print(f"dashboard after: {after} overdue periodic reviews")
        if after != before - 1:
            fail(f"the dashboard should show {before - 1} overdue periodic reviews after the release, not {after}")
        walk.open(f"/documents/{document}")
        if "effective" not in walk.find("h2").text and "effective" not in walk.driver.page_source:
            fail(f"{document} does not show an effective revision")

        for name, path in [("dashboard", "/"), ("documents", "/documents"), ("document", f"/documents/{document}"),
                           ("diff", f"/documents/{document}/diff?from=A&to=B"), ("review", review[len(args.base.rstrip('/')):]),
                           ("training", "/training"), ("audits", "/audits"), ("capa", "/capa"), ("briefing", "/briefing"),
                           ("meetings", "/meetings"), ("kpi", "/kpi"), ("schedule", "/schedule"), ("requests", "/requests")]:
            walk.shot(name, path)
        walk.log_out()
        walk.shot("login", "/login")
        print("walkthrough: OK")
    finally:
        walk.driver.quit()


if __name__ == "__main__":
    main()
