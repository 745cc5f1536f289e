"""What a director does on each public page to change what it shows, as Playwright steps.

Each page has one `Action`: a filter changed back and forth between two values (a selectbox
option, or a multiselect chip removed then added back), or, on a page without filters, its
menu entry clicked again (the only rerun a reader can trigger there). `prepare` does the
untimed part of a change (opening a dropdown) and returns what to click to commit it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

SELECTBOX = '[data-testid="stSelectbox"]'
MULTISELECT = '[data-testid="stMultiSelect"]'
NAVIGATION = '[data-testid="stSidebarNav"]'
REMOVE = re.compile(r"^Remove ")
OPEN_TIMEOUT = 5_000  # ms for a dropdown to show its options


@dataclass(frozen=True)
class Action:
    """A change a reader makes on a page: `kind` is « selectbox », « multiselect » or « menu »
    (click the page's own entry of the navigation), `label` the widget label or menu entry."""

    path: str  # the page's address under the server ("" for the home page)
    title: str  # the page's French title
    what: str  # the change, in French
    kind: str
    label: str


PAGES: dict[str, Action] = {
    "accueil": Action(
        "", "Accueil", "cliquer « Accueil » dans le menu (aucun filtre)", "menu", "Accueil"
    ),
    "composition": Action(
        "composition",
        "Composition des promotions",
        "retirer ou remettre une promotion",
        "multiselect",
        "Promotions",
    ),
    "budget": Action(
        "budget", "Budget PIA", "retirer ou remettre une promotion", "multiselect", "Promotions"
    ),
    "production": Action(
        "production",
        "Production des outils",
        "retirer ou remettre une promotion",
        "multiselect",
        "Promotion",
    ),
    "trajectoires": Action(
        "trajectoires",
        "Trajectoires",
        "retirer ou remettre une promotion",
        "multiselect",
        "Promotion",
    ),
    "international": Action(
        "international",
        "Comparaison internationale",
        "cliquer « Comparaison internationale » dans le menu (aucun filtre)",
        "menu",
        "Comparaison internationale",
    ),
    "enquetes": Action("enquetes", "Enquêtes", "changer de question", "selectbox", "Question"),
    "donnees": Action(
        "donnees",
        "Données et sources",
        "changer de fichier détaillé",
        "selectbox",
        "Fichier à détailler",
    ),
}
BARE = Action("", "Application minimale", "changer de série", "selectbox", "Série")


@dataclass
class Changer:
    """Drives one `Action` on one browser page: even steps go to the other value, odd steps
    come back (the two values are read on the first step)."""

    page: Page
    action: Action
    steps: int = 0
    values: list[str] = field(default_factory=list)

    def prepare(self) -> Locator:
        """Do the untimed part of the next change; return the element whose click commits it."""
        kinds = {"selectbox": self._selectbox, "multiselect": self._multiselect}
        target = kinds.get(self.action.kind, self._menu)()
        self.steps += 1
        return target

    def _widget(self, selector: str) -> Locator:
        label = self.page.locator('[data-testid="stWidgetLabel"]').filter(
            has_text=re.compile(f"^{re.escape(self.action.label)}$")
        )
        return self.page.locator(selector).filter(has=label).first

    def _selectbox(self) -> Locator:
        widget = self._widget(SELECTBOX)
        options = self._open(widget.get_by_role("button", name="Open"))
        if not self.values:
            current = widget.get_by_role("combobox").input_value().strip()
            names = [name.strip() for name in options.all_inner_texts()]
            self.values = [current, next(name for name in names if name != current)]
        wanted = self.values[1 - self.steps % 2]
        return self.page.get_by_role("option", name=wanted, exact=True).first

    def _multiselect(self) -> Locator:
        widget = self._widget(MULTISELECT)
        if not self.values:
            chips = widget.get_by_role("button", name=REMOVE)
            removable = chips.last.get_attribute("aria-label") or ""
            self.values = [REMOVE.sub("", removable)]
        chip = self.values[0]
        if self.steps % 2 == 0:
            return widget.get_by_role("button", name=f"Remove {chip}", exact=True).first
        self._open(widget.get_by_role("combobox"))
        return self.page.get_by_role("option", name=chip, exact=True).first

    def _open(self, trigger: Locator, tries: int = 3) -> Locator:
        """Open a dropdown (again if a late layout shift swallowed the click); its options."""
        options = self.page.get_by_role("option")
        for attempt in range(tries):
            trigger.click()
            try:
                options.first.wait_for(timeout=OPEN_TIMEOUT)
                return options
            except PlaywrightTimeoutError:
                if attempt == tries - 1:
                    raise
                self.close()
        return options

    def _menu(self) -> Locator:
        return self.page.locator(NAVIGATION).get_by_role("link", name=self.action.label).first

    def close(self) -> None:
        """Close a dropdown a change left open and leave the widget (no rerun)."""
        if self.page.get_by_role("option").count():
            self.page.keyboard.press("Escape")
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")
