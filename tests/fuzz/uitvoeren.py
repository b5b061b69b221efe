"""Sending the fuzz tests' requests: each in a savepoint that is rolled back, so every
request starts from the same state; an exception of the view counts as a 5xx, with the
endpoint and the plan that caused it."""

import os
from copy import deepcopy
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from tests.accounts.permissiematrix.entries import ANONIEM
from tests.conftest import login_verified, user_by_email
from tests.fuzz.formulieren import Formulier, Veld, formulieren
from tests.fuzz.register import Gebruik


@dataclass(frozen=True)
class Fout:
    endpoint: str
    methode: str
    plan: str
    fout: str

    def __str__(self) -> str:
        return f"{self.endpoint} {self.methode.upper()} — {self.plan}\n      → {self.fout}"


@dataclass
class Uitslag:
    endpoint: str
    verzoeken: int = 0
    fouten: list[Fout] = field(default_factory=list)

    def melding(self) -> str:
        regels = "\n".join(f"  - {fout}" for fout in self.fouten[:40])
        meer = f"\n  … en nog {len(self.fouten) - 40}" if len(self.fouten) > 40 else ""
        return f"{len(self.fouten)} \u00d7 5xx in {self.verzoeken} verzoeken:\n{regels}{meer}"

    def schrijf_verslag(self) -> None:
        """With SAMENPLAN_FUZZ_VERSLAG=<file>, one line per test: the figures of a run."""
        pad = os.environ.get("SAMENPLAN_FUZZ_VERSLAG")
        if pad:
            with open(pad, "a", encoding="utf-8") as verslag:
                verslag.write(f"{self.endpoint}\t{self.verzoeken}\t{len(self.fouten)}\n")
                for fout in self.fouten:
                    verslag.write(f"\t{fout}\n".replace("\n      ", " "))


def _beschrijf(exc: BaseException) -> str:
    tekst = str(exc).replace("\n", " ")
    return f"{type(exc).__module__}.{type(exc).__qualname__}: {tekst[:300]}"


def verstuur(client, uitslag: Uitslag, methode: str, url: str, plan: str, **opties):
    """One request in a savepoint that is rolled back; the session cookie and the cache
    are put back too (a request may log out or count attempts)."""
    cookies = deepcopy(client.cookies)
    uitslag.verzoeken += 1
    response = None
    try:
        with transaction.atomic():
            try:
                response = getattr(client, methode)(url, **opties)
            finally:
                transaction.set_rollback(True)
    except Exception as exc:  # every exception of a view is a 500
        uitslag.fouten.append(Fout(uitslag.endpoint, methode, plan, _beschrijf(exc)))
    finally:
        client.cookies = cookies
        cache.clear()
    if response is not None and response.status_code >= 500:
        uitslag.fouten.append(
            Fout(uitslag.endpoint, methode, plan, f"status {response.status_code}")
        )
    return response


def inloggen(client, persona: str | object, *, tweede_factor: bool = True) -> None:
    if persona == ANONIEM:
        return
    user = user_by_email(persona) if isinstance(persona, str) else persona
    if tweede_factor:
        login_verified(client, user)
    else:
        client.force_login(user)


def opzetten(client, naam: str, gebruik: Gebruik) -> tuple[str, list[Formulier]]:
    """Log in, build the objects, and read the forms that post to the endpoint."""
    kwargs = gebruik.kwargs() if gebruik.kwargs else {}
    als = kwargs.pop("als", gebruik.persona)
    inloggen(client, als, tweede_factor=gebruik.tweede_factor)
    if gebruik.voorbereiden:
        gebruik.voorbereiden(client, kwargs)
    url = reverse(naam, kwargs=kwargs)
    gevonden: list[Formulier] = []
    if gebruik.pagina != "":
        pagina_kwargs = gebruik.pagina_kwargs(kwargs) if gebruik.pagina_kwargs else kwargs
        pagina = reverse(gebruik.pagina, kwargs=pagina_kwargs) if gebruik.pagina else url
        response = client.get(pagina)
        assert response.status_code == 200, (
            f"{pagina} als {gebruik.persona}: {response.status_code}"
        )
        vormen = set()
        for formulier in formulieren(response.content.decode(), pagina):
            naar_hier = formulier.actie == url and formulier.methode == "post"
            if naar_hier and formulier.vorm() not in vormen:
                vormen.add(formulier.vorm())
                gevonden.append(formulier)
        assert gevonden or gebruik.velden is not None, (
            f"{pagina} toont als {gebruik.persona} geen formulier naar {naam}: zet het "
            "object in de stand waarin het formulier verschijnt, of noem de velden "
            "(tests/fuzz/register.py)"
        )
    if gebruik.velden is not None:
        velden = gebruik.velden() if callable(gebruik.velden) else gebruik.velden
        gevonden.append(
            Formulier(
                url,
                "post",
                False,
                {n: Veld(n, "text", [str(w)]) for n, w in velden.items()},
            )
        )
    return url, gevonden
