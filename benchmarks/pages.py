"""Every main page for each demo persona on a region database (not part of the test run).

Against a database built by benchmarks/region.py, with the production settings (DEBUG
off, templates cached, WhiteNoise's manifest) in this process: each persona is logged in
with a confirmed second factor (as tests/conftest.py `login_verified` does) in the role
it works in, and each page it reaches is requested through Django's test client: warm-up
requests first, then HERHALINGEN timed ones, and the queries of one request counted. A
bare `login_required` view (added by a URLconf of this script only, not by the app) is
measured the same way for every persona, as the yardstick.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samenplan_region_100k \\
        .venv/bin/python benchmarks/pages.py [--herhalingen 30] [--persona ib@demo.nl]
        [--json uitslag.json]

Prints one table: page, persona, queries, p50 and p95 in ms, and p50 as a multiple of the
bare view's p50. Pages a persona does not reach (403/404) or that redirect are listed
below it. Each request writes its access-log rows, as in production.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import time
import types
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

SAM = uuid.uuid5(uuid.UUID("5a3e1f7c-2b8d-4c1e-9f6a-0d7b3c2e1a90"), "sam-de-vries")
LANG_OPP = uuid.UUID("6e1c5a0b-3f4d-4b8a-9c2e-7d1f0a9b8c10")  # see benchmarks/region.py
KAAL = "/__kaal__/"
PAGINA_KAAL = "kale view (login_required)"

# Persona -> the role it works in (accounts/demo.py PERSONAS); None: its only role, or
# as a parent.
PERSONAS = {
    "ib@demo.nl": None,
    "directie@demo.nl": "directeur",
    "mentor@demo.nl": None,
    "ouder@demo.nl": None,
    "jeugdteam@demo.nl": None,
    "swv@demo.nl": None,
    "leerplicht@demo.nl": None,
    "beheer@demo.nl": None,
    "schoolbeheer@demo.nl": None,
}


def productie_omgeving() -> dict[str, str]:
    """The environment config.settings.production needs, for a local run."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SAMENPLAN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
    }


def setup() -> None:
    """Django with the production settings, plus the bare view at KAAL."""
    for naam, waarde in productie_omgeving().items():
        os.environ.setdefault(naam, waarde)
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Zet DATABASE_URL op een database van benchmarks/region.py.")
    import django

    django.setup()
    import logging

    # A 404 of a page a persona does not reach is expected here, not a warning.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.conf import settings
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    from config import urls

    @login_required
    def kaal(request):
        return HttpResponse("ok")

    module = types.ModuleType("bench_pages_urls")
    module.urlpatterns = [path(KAAL.strip("/") + "/", kaal), *urls.urlpatterns]
    for handler in ("handler403", "handler404", "handler500"):
        setattr(module, handler, getattr(urls, handler))
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()


def inloggen(client, user, rol: str | None) -> None:
    """A session with a confirmed second factor, in the persona's role."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import Lidmaatschap
    from accounts.rolcontext import SESSION_KEY

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Benchmark", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    if rol:
        session[SESSION_KEY] = str(Lidmaatschap.objects.get(user=user, rol=rol).pk)
    session.save()


def sessie(user, rol: str | None) -> str:
    """A session key for a client outside this process (benchmarks/load.py)."""
    from django.test import Client

    client = Client()
    inloggen(client, user, rol)
    return client.session.session_key


# Which objects a persona's pages show ---------------------------------------------------


def kies_objecten(user) -> dict:
    """The richest objects within the persona's reach: a pupil with an open traject past
    the MDO and an OPP (for an outsider: one it is asked to sign, so consent covers it),
    its traject, MDO, OPP and TLV request; a register entry; a jeugdhulp inzet."""
    from accounts.models import Leerling
    from arrangeren.jeugdhulp.models import Jeugdhulpinzet
    from arrangeren.route.models import Mdo, Traject
    from arrangeren.tlv.models import TlvAanvraag
    from arrangeren.tlv.permissions import aanvragen_for_user
    from fasenmodel.models import Thuiszitter
    from opp.models import Opp

    bereik = Leerling.objects.for_user(user).filter(uitgeschreven_op__isnull=True)
    leerling = (
        bereik.filter(uuid=SAM).first()
        or bereik.filter(
            trajecten__status="open",
            trajecten__huidige_stap__gte=6,
            opps__ondertekeningen__ondertekenaar=user,
            trajecten__mdos__genodigden__user=user,
        )
        .order_by("pk")
        .first()
        or bereik.filter(
            trajecten__status="open",
            trajecten__huidige_stap__gte=6,
            opps__status__in=["vastgesteld", "ter_ondertekening"],
            tlv_aanvragen__isnull=False,
        )
        .order_by("pk")
        .first()
        or bereik.filter(trajecten__status="open", opps__isnull=False).order_by("pk").first()
        or bereik.order_by("pk").first()
    )
    objecten: dict = {"leerling": leerling}
    trajecten = Traject.objects.for_user(user).open()
    objecten["traject"] = (
        trajecten.filter(leerling=leerling).first() if leerling else None
    ) or trajecten.order_by("pk").first()
    if objecten["traject"]:
        mdos = Mdo.objects.filter(traject=objecten["traject"])
        objecten["mdo"] = (
            mdos.filter(genodigden__user=user).order_by("-start").first()
            or mdos.order_by("-start").first()
        )
        objecten["verslag"] = mdos.filter(verslagen__isnull=False).first()
    if leerling:
        objecten["opp"] = Opp.objects.filter(leerling=leerling).order_by("-versie").first()
    aanvragen = aanvragen_for_user(user, TlvAanvraag.objects.all())
    objecten["tlv"] = (
        aanvragen.filter(leerling=leerling).first()
        or aanvragen.filter(status__in=["ingediend", "in_behandeling"]).order_by("pk").first()
        or aanvragen.order_by("pk").first()
    )
    objecten["lang_opp"] = Opp.objects.for_user(user).filter(uuid=LANG_OPP).first()
    objecten["thuiszitter"] = Thuiszitter.objects.for_user(user).open().order_by("pk").first()
    objecten["jeugdhulp"] = (
        Jeugdhulpinzet.objects.filter(traject__in=Traject.objects.for_user(user))
        .order_by("pk")
        .first()
    )
    return objecten


@dataclass(frozen=True)
class Pagina:
    naam: str
    url: str
    post: dict | None = None


def paginas(objecten: dict) -> list[Pagina]:
    """The main pages, with the objects chosen for the persona (pages without one drop)."""
    from django.urls import reverse

    def met(sleutel: str, naam: str, url_naam: str, *, veld: str = "uuid") -> list[Pagina]:
        obj = objecten.get(sleutel)
        if obj is None:
            return []
        return [Pagina(naam, reverse(url_naam, args=[getattr(obj, veld)]))]

    verslag = objecten.get("verslag")
    return [
        Pagina(PAGINA_KAAL, KAAL),
        Pagina("Mijn werk", reverse("home")),
        Pagina("Leerlingen", reverse("accounts:leerling_list")),
        Pagina("Leerlingen zoeken", reverse("accounts:leerling_list"), {"zoekterm": "jan"}),
        *met("leerling", "Leerling", "accounts:leerling_detail"),
        *met("leerling", "Toestemming leerling", "accounts:leerling_toestemming"),
        *met("leerling", "Fase leerling", "fasenmodel:leerling_fase"),
        Pagina("Trajecten", reverse("arrangeren:traject_list")),
        *met("traject", "Traject", "arrangeren:traject_detail"),
        *met("mdo", "MDO", "arrangeren:mdo_detail"),
        *(
            [Pagina("MDO-verslag", reverse("arrangeren:verslag", args=[verslag.uuid]))]
            if verslag
            else []
        ),
        *met("opp", "OPP", "opp:opp_detail"),
        *met("opp", "OPP-pdf", "opp:opp_pdf"),
        *met("lang_opp", "OPP-pdf, 10 pagina's", "opp:opp_pdf"),
        Pagina("TLV-aanvragen", reverse("arrangeren:tlv_lijst")),
        Pagina("TLV-overzicht (wachtrij)", reverse("arrangeren:tlv_overzicht")),
        Pagina("TLV-export (csv)", reverse("arrangeren:tlv_export")),
        *met("tlv", "TLV-aanvraag", "arrangeren:tlv_detail"),
        Pagina("Thuiszittersregister", reverse("fasenmodel:thuiszitters")),
        *met("thuiszitter", "Thuiszitter", "fasenmodel:thuiszitter_detail"),
        Pagina("Fasenmodel-overzicht", reverse("fasenmodel:overzicht")),
        *met("jeugdhulp", "Jeugdhulp", "arrangeren:jeugdhulp_detail"),
        Pagina("Toestemmingen (ouder)", reverse("accounts:toestemmingen")),
        Pagina("Overstappen", reverse("accounts:overstappen")),
        Pagina("Toegangslog", reverse("accounts:toegangslog")),
        Pagina("Toegangslog zoeken", reverse("accounts:toegangslog"), {"gebruiker": "ib@demo.nl"}),
        Pagina("Organisaties (regio)", reverse("accounts:regio_organisaties")),
        Pagina("Organisatie (beheer)", reverse("accounts:beheer_organisatie")),
        Pagina("Ouders (beheer)", reverse("accounts:ouders")),
        Pagina("Import", reverse("accounts:import_upload")),
        Pagina("Taken", reverse("accounts:taken")),
        Pagina("Account", reverse("accounts:account")),
    ]


# Measuring --------------------------------------------------------------------------------


@dataclass
class Meting:
    pagina: str
    persona: str
    status: int
    queries: int = 0
    p50: float = 0.0
    p95: float = 0.0
    maal_kaal: float = 0.0
    tijden: list[float] = field(default_factory=list, repr=False)


def vraag(client, pagina: Pagina):
    if pagina.post is not None:
        antwoord = client.post(pagina.url, pagina.post)
    else:
        antwoord = client.get(pagina.url)
    if antwoord.streaming:
        b"".join(antwoord.streaming_content)
    return antwoord


def percentiel(tijden: list[float], p: int) -> float:
    if len(tijden) < 2:
        return tijden[0] if tijden else float("nan")
    return statistics.quantiles(tijden, n=100, method="inclusive")[p - 1]


def meet(client, pagina: Pagina, persona: str, herhalingen: int) -> Meting:
    from django.db import connection

    antwoord = vraag(client, pagina)
    if antwoord.status_code != 200:
        return Meting(pagina.naam, persona, antwoord.status_code)
    for _ in range(2):
        vraag(client, pagina)  # warm-up: templates, caches, the connection
    queries = []  # counted with a wrapper: the request resets Django's query log

    def tel(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(tel):
        vraag(client, pagina)
    tijden = []
    for _ in range(herhalingen):
        start = time.perf_counter()
        vraag(client, pagina)
        tijden.append((time.perf_counter() - start) * 1000)
    return Meting(
        pagina.naam,
        persona,
        200,
        len(queries),
        statistics.median(tijden),
        percentiel(tijden, 95),
        tijden=tijden,
    )


def meet_persona(email: str, herhalingen: int) -> list[Meting]:
    from django.test import Client

    from accounts.models import User

    user = User.objects.get(email=email)
    client = Client()
    inloggen(client, user, PERSONAS[email])
    metingen = [meet(client, pagina, email, herhalingen) for pagina in paginas(kies_objecten(user))]
    kaal = metingen[0].p50
    for meting in metingen:
        meting.maal_kaal = meting.p50 / kaal if meting.status == 200 and kaal else 0.0
    return metingen


def tabel(metingen: list[Meting]) -> None:
    print(
        f"{'pagina':<28} {'persona':<22} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'x kaal':>7}"
    )
    for m in metingen:
        if m.status == 200:
            print(
                f"{m.pagina:<28} {m.persona:<22} {m.queries:>7} {m.p50:>8.1f} {m.p95:>8.1f}"
                f" {m.maal_kaal:>7.1f}"
            )
    samenvatting(metingen)
    niet = {}
    for m in metingen:
        if m.status != 200:
            niet.setdefault(m.persona, []).append(f"{m.pagina} ({m.status})")
    if niet:
        print("\nNiet bereikt (status):")
        for persona, lijst in niet.items():
            print(f"  {persona}: {', '.join(lijst)}")


def samenvatting(metingen: list[Meting]) -> None:
    """How many pages meet the targets of issue 13 (HTML: not the PDF or the CSV)."""
    gemeten = [m for m in metingen if m.status == 200 and m.pagina != PAGINA_KAAL]
    html = [m for m in gemeten if "pdf" not in m.pagina and "csv" not in m.pagina]
    binnen = {
        "≤ 15 queries": sum(m.queries <= 15 for m in gemeten),
        "HTML met p95 ≤ 100 ms": sum(m.p95 <= 100 for m in html),
        "HTML binnen 3x kaal": sum(m.maal_kaal <= 3 for m in html),
    }
    print(
        f"\n{len(gemeten)} pagina's gemeten ({len(html)} HTML): "
        + "; ".join(f"{aantal} {wat}" for wat, aantal in binnen.items())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--herhalingen", type=int, default=30)
    parser.add_argument("--persona", action="append", choices=list(PERSONAS))
    parser.add_argument("--json", type=Path, help="de metingen ook als JSON in dit bestand")
    args = parser.parse_args()
    setup()
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import Leerling

    call_command("collectstatic", interactive=False, verbosity=0)
    aantal = Leerling.objects.count()
    print(
        f"{connection.settings_dict['NAME']}: {aantal:,} leerlingen; "
        f"p50/p95 over {args.herhalingen} verzoeken per pagina\n".replace(",", ".")
    )
    metingen = []
    for email in args.persona or PERSONAS:
        metingen += meet_persona(email, args.herhalingen)
    tabel(metingen)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "database": connection.settings_dict["NAME"],
                    "leerlingen": aantal,
                    "herhalingen": args.herhalingen,
                    "metingen": [asdict(m) for m in metingen],
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
