"""The forms on a page, read the way a browser reads them: each <form> with its action,
method and enctype, and the fields it would send (name, kind, shown value, choices).

Only the standard library's HTML parser: the fuzz tests find a form's fields on the page
that shows it, so a field added to a template is fuzzed without touching the tests.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# <input type=...> kinds that carry free text; the rest are named after their type.
TEKSTSOORTEN = {"text", "search", "email", "url", "tel", "password", "textarea"}
ID = re.compile(r"-?[0-9]*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Inputs a browser does not send as a field.
NIET_VERSTUURD = {"reset", "image"}


@dataclass
class Veld:
    naam: str
    soort: str  # text, textarea, number, date, time, email, hidden, select, checkbox,
    # radio, submit (a named button), file, ...
    waarden: list[str] = field(default_factory=list)  # what the page would send
    opties: list[str] = field(default_factory=list)  # the choices, for select/radio/...
    meervoudig: bool = False  # a <select multiple> or a group of checkboxes

    @property
    def zichtbaar(self) -> bool:
        return self.soort != "hidden"

    @property
    def id_achtig(self) -> bool:
        """A hidden field that names an object (a number or uuid, or a version counter);
        a hidden word picks an action (`actie`) and stays as the page has it."""
        waarde = self.waarden[0] if self.waarden else ""
        return not self.zichtbaar and bool(ID.fullmatch(waarde))

    @property
    def tekst(self) -> bool:
        return self.soort in TEKSTSOORTEN


@dataclass
class Formulier:
    actie: str  # the path the form sends to
    methode: str  # "get" or "post"
    multipart: bool
    velden: dict[str, Veld] = field(default_factory=dict)

    def gegevens(self) -> dict[str, list[str]]:
        """What a browser sends when the form is submitted as shown (first button)."""
        return {naam: list(veld.waarden) for naam, veld in self.velden.items() if veld.waarden}

    def vorm(self) -> tuple:
        """Forms of the same shape (one per row of a list) are fuzzed once."""
        return (self.actie, self.methode, tuple(self.velden))


class _Lezer(HTMLParser):
    def __init__(self, pagina_url: str):
        super().__init__(convert_charrefs=True)
        self.pagina_url = pagina_url
        self.formulieren: list[Formulier] = []
        self._form: Formulier | None = None
        self._select: Veld | None = None
        self._optie: tuple[str | None, bool] | None = None
        self._optietekst = ""
        self._textarea: Veld | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            actie = urljoin(self.pagina_url, a.get("action") or self.pagina_url)
            self._form = Formulier(
                actie=urlsplit(actie).path,
                methode=(a.get("method") or "get").lower(),
                multipart=a.get("enctype", "") == "multipart/form-data",
            )
            self.formulieren.append(self._form)
            return
        if self._form is None or "disabled" in a:
            return
        if tag == "input":
            self._input(a)
        elif tag == "button" and a.get("name"):
            if a.get("type", "submit") == "submit":
                self._voeg_toe(a["name"], "submit", a.get("value", ""), gekozen=True)
        elif tag == "select" and a.get("name"):
            self._select = self._veld(a["name"], "select")
            self._select.meervoudig = "multiple" in a
        elif tag == "option" and self._select is not None:
            self._optie = (a.get("value"), "selected" in a)
            self._optietekst = ""
        elif tag == "textarea" and a.get("name"):
            self._textarea = self._veld(a["name"], "textarea")
            self._textarea.waarden = [""]

    def _input(self, a: dict[str, str]) -> None:
        soort = a.get("type", "text").lower()
        naam = a.get("name")
        if not naam or soort in NIET_VERSTUURD:
            return
        if soort in ("checkbox", "radio"):
            veld = self._voeg_toe(naam, soort, a.get("value", "on"), gekozen="checked" in a)
            veld.meervoudig = soort == "checkbox" and len(veld.opties) > 1
        elif soort == "submit":
            self._voeg_toe(naam, soort, a.get("value", ""), gekozen=True)
        elif soort == "file":
            self._veld(naam, soort)
        else:
            self._veld(naam, soort).waarden = [a.get("value", "")]

    def _veld(self, naam: str, soort: str) -> Veld:
        assert self._form is not None
        if naam not in self._form.velden:
            self._form.velden[naam] = Veld(naam, soort)
        return self._form.velden[naam]

    def _voeg_toe(self, naam: str, soort: str, waarde: str, *, gekozen: bool) -> Veld:
        """A choice among several inputs of one name (checkboxes, radios, buttons)."""
        veld = self._veld(naam, soort)
        veld.opties.append(waarde)
        if gekozen and (soort == "checkbox" or not veld.waarden):
            veld.waarden.append(waarde)
        return veld

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.waarden[0] += data
        elif self._optie is not None:
            self._optietekst += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline right after <textarea>.
            self._textarea.waarden[0] = self._textarea.waarden[0].removeprefix("\n")
            self._textarea = None
        elif tag == "option" and self._optie is not None and self._select is not None:
            waarde, gekozen = self._optie
            waarde = self._optietekst.strip() if waarde is None else waarde
            self._select.opties.append(waarde)
            if gekozen:
                self._select.waarden.append(waarde)
            self._optie = None
        elif tag == "select" and self._select is not None:
            if not self._select.waarden and self._select.opties and not self._select.meervoudig:
                self._select.waarden = [self._select.opties[0]]
            self._select = None


def formulieren(html: str, pagina_url: str) -> list[Formulier]:
    lezer = _Lezer(pagina_url)
    lezer.feed(html)
    lezer.close()
    return lezer.formulieren
