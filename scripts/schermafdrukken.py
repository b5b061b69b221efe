"""Screenshots of Samenplan's main pages for the README, made from the demo.

    make schermafdrukken      (or: .venv/bin/python scripts/schermafdrukken.py)

Builds the demo region in a fresh SQLite database in a temporary directory (migrate and
seed_demo, as `make demo` does), starts `manage.py runserver` on a free port, logs in as
the personas and photographs each page with Playwright in Debian's Chromium, at desktop
(1280 px) and phone (375 px) width. The PNGs go to docs/schermafdrukken/, shrunk to 256
colours. Nothing outside the temporary directory is touched but those PNGs; no password
is typed: the script gives the browser a logged-in session of the persona (second
factor passed), as the browser tests do (tests/conftest.py, login_verified).
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

log = logging.getLogger("schermafdrukken")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "schermafdrukken"
DESKTOP, TELEFOON = 1280, 375
# A page longer than this is cut off: the top of a page is what a reader of the README
# needs, and the file stays small.
MAX_HOOGTE = {DESKTOP: 2000, TELEFOON: 2400}


@dataclass
class Foto:
    naam: str  # file name without width and extension
    persona: str
    url: str
    breedtes: tuple[int, ...] = (DESKTOP, TELEFOON)


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def omgeving(tmp: Path, poort: int) -> dict[str, str]:
    """The demo's settings, with everything it writes inside `tmp`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp / 'demo.sqlite3'}",
        "SAMENPLAN_UPLOAD_ROOT": str(tmp / "uploads"),
        "PORT": str(poort),
        "DJANGO_DEBUG": "true",  # runserver serves the static files
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def maak_demo() -> None:
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", stdout=StringIO())


def start_server(env: dict[str, str], poort: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{poort}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{poort}/healthz", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(
                    "runserver stopte meteen; draai `make demo` om te zien waarom"
                ) from None
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("runserver antwoordde niet binnen een minuut")


def sessie(email: str) -> str:
    """A session of the persona with the second factor passed (tests/conftest.py)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    user = User.objects.get(email=email)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Schermafdrukken", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session.session_key


def fotos() -> list[Foto]:
    """The pages, found in the demo: the README's tour from school to leerplicht."""
    from django.urls import reverse

    from accounts.models import Leerling
    from arrangeren.route.models import Traject
    from arrangeren.tlv.demo import DEMO_TLV_INGEDIEND
    from opp.models import Opp

    sam = Leerling.objects.get(voornaam="Sam", achternaam="Vries")
    opp = Opp.objects.get(leerling=sam, versie=1)
    # A traject of De Regenboog well on its way (step 7), with its MDO.
    traject = (
        Traject.objects.filter(leerling__school=sam.school, mdos__isnull=False)
        .order_by("leerling__achternaam")
        .first()
    )
    mdo = traject.mdos.order_by("pk").first()
    ib, ouder = "ib@demo.nl", "ouder@demo.nl"
    return [
        Foto("mijn-werk", ib, reverse("home")),
        Foto(
            "leerling",
            ib,
            reverse("accounts:leerling_detail", kwargs={"uuid": traject.leerling.uuid}),
        ),
        Foto("traject", ib, reverse("arrangeren:traject_detail", kwargs={"uuid": traject.uuid})),
        Foto("mdo", ib, reverse("arrangeren:mdo_detail", kwargs={"uuid": mdo.uuid})),
        Foto("opp", ib, reverse("opp:opp_detail", kwargs={"uuid": opp.uuid})),
        Foto("ouder-start", ouder, reverse("home"), (TELEFOON,)),
        Foto(
            "ouder-ondertekenen",
            ouder,
            reverse("opp:opp_detail", kwargs={"uuid": opp.uuid}),
            (TELEFOON,),
        ),
        Foto(
            "tlv-swv",
            "swv@demo.nl",
            reverse("arrangeren:tlv_detail", kwargs={"uuid": DEMO_TLV_INGEDIEND}),
        ),
        Foto("thuiszitters", "leerplicht@demo.nl", reverse("fasenmodel:thuiszitters")),
        Foto("overzicht-leerplicht", "leerplicht@demo.nl", reverse("fasenmodel:overzicht")),
    ]


def krimp(pad: Path) -> None:
    """256 colours: a page of text and flat colour looks the same at a fraction of the
    size."""
    from PIL import Image

    with Image.open(pad) as beeld:
        klein = beeld.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    klein.save(pad, optimize=True)


def fotografeer(basis: str, lijst: list[Foto], sessies: dict[str, str]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    gemaakt = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        for foto in lijst:
            context = browser.new_context(
                locale="nl-NL", timezone_id="Europe/Amsterdam", device_scale_factor=1
            )
            context.add_cookies(
                [{"name": "sessionid", "value": sessies[foto.persona], "url": basis}]
            )
            page = context.new_page()
            for breedte in foto.breedtes:
                page.set_viewport_size(
                    {"width": breedte, "height": 900 if breedte == DESKTOP else 800}
                )
                response = page.goto(basis + foto.url, wait_until="networkidle")
                if response is None or response.status != 200:
                    raise SystemExit(
                        f"{foto.url} als {foto.persona}: {response and response.status}"
                    )
                hoogte = min(
                    page.evaluate("document.documentElement.scrollHeight"), MAX_HOOGTE[breedte]
                )
                pad = OUT / f"{foto.naam}-{'desktop' if breedte == DESKTOP else 'telefoon'}.png"
                page.screenshot(
                    path=str(pad),
                    clip={"x": 0, "y": 0, "width": breedte, "height": hoogte},
                    full_page=True,
                )
                krimp(pad)
                gemaakt.append(pad)
            context.close()
        browser.close()
    return gemaakt


def main() -> None:
    sys.path.insert(0, str(ROOT))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="samenplan-schermafdrukken-") as tmp:
        poort = vrije_poort()
        env = omgeving(Path(tmp), poort)
        os.environ.update(env)
        import django

        django.setup()
        log.info("Demoregio laden in een tijdelijke database…")
        maak_demo()
        lijst = fotos()
        # Before Playwright: its event loop makes the ORM refuse to run in this thread.
        sessies = {foto.persona: sessie(foto.persona) for foto in lijst}
        server = start_server(env, poort)
        try:
            gemaakt = fotografeer(f"http://127.0.0.1:{poort}", lijst, sessies)
        finally:
            server.terminate()
            server.wait(timeout=10)
    for pad in gemaakt:
        log.info("%s  %d kB", pad.relative_to(ROOT), pad.stat().st_size // 1024)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    main()
