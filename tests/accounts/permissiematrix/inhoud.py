"""Sam's dossier filled with marker strings, one group per kind of content, for the
content-level matrix (`test_inhoud.py`).

Each marker is a unique string that appears nowhere else, so finding it in a response
or an e-mail means that piece of content reached the reader. The groups follow what
consent and custody open (docs/toestemming.md, "What a consent is"):

- ``opp``: goal texts (in a fixed version and in the running one), criteria, the goals'
  evaluation, the OPP's own text and its gezinsplan attachment: *inzage in het OPP*;
- ``mdo``: the meeting's purpose and agenda: being invited with *deelname aan het MDO*;
- ``stuk``: a preparation document's title and file name: *voorbereidingsstukken*;
- ``verslag``: the concept report: the school only;
- ``stap``: a step's recorded outcome: school and parents with custody only;
- ``voortgang``: a progress note: *deelname aan het MDO*;
- ``tlv``: a TLV request the school has not submitted yet: the school only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Informatiesoort, Leerling, Lidmaatschap
from accounts.services import beantwoord_toestemming, vraag_toestemming
from tests.conftest import user_by_email

MARKERS: dict[str, tuple[str, ...]] = {
    "opp": (
        "MRKoppDoelVastgesteld",
        "MRKoppCriteriumVastgesteld",
        "MRKoppEvaluatieVastgesteld",
        "MRKoppBeeldVastgesteld",
        "MRKoppDoelLopend",
        "MRKoppBeeldLopend",
        "MRKoppGezinsplanTitel",
        "MRKoppGezinsplanBestand",
    ),
    "mdo": ("MRKmdoDoel", "MRKmdoAgenda"),
    "stuk": ("MRKstukTitel", "MRKstukBestand"),
    "verslag": ("MRKverslagVeld", "MRKverslagBesluit"),
    "stap": ("MRKstapUitkomst",),
    "voortgang": ("MRKvoortgangNotitie",),
    "tlv": ("MRKtlvConceptMotivering",),
}
ALLES = frozenset(MARKERS)


@dataclass(frozen=True)
class Scenario:
    """What one persona holds and what it therefore must not find anywhere."""

    toestemming: frozenset[str] = frozenset()  # kinds given to the persona's organisation
    uitgenodigd: bool = False  # invited to Sam's MDO
    verborgen: frozenset[str] = ALLES


def _pdf(naam: str) -> SimpleUploadedFile:
    """A small PDF built like one: header, an object, the cross-reference table it points
    to, trailer and %%EOF (the upload checks the whole file)."""
    kop = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    staart = b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n%d\n%%%%EOF\n"
    return SimpleUploadedFile(naam, kop + staart % len(kop), "application/pdf")


def _sam() -> Leerling:
    return Leerling.objects.get(voornaam="Sam", achternaam="Vries")


def vul_opp(lopend_status: str) -> list:
    """The demo OPP becomes version 1, vastgesteld, with markers; version 2 runs (concept
    or ter ondertekening) with markers and a gezinsplan. Returns both versions."""
    from opp.models import Opp, OppDoel
    from opp.services import voeg_bijlage_toe

    ib = user_by_email("ib@demo.nl")
    v1 = Opp.objects.get(leerling=_sam(), versie=1)
    v1.doelen.filter(volgorde=1).update(
        omschrijving=MARKERS["opp"][0], criterium=MARKERS["opp"][1], evaluatie=MARKERS["opp"][2]
    )
    Opp.objects.filter(pk=v1.pk).update(
        status=Opp.Status.VASTGESTELD,
        vastgesteld_op=timezone.now(),
        integratief_beeld=MARKERS["opp"][3],
    )
    v2 = Opp.objects.create(
        leerling=v1.leerling,
        school=v1.school,
        versie=2,
        gemaakt_door=ib,
        integratief_beeld=MARKERS["opp"][5],
    )
    OppDoel.objects.create(
        opp=v2, volgorde=1, domein="emotieregulatie", soort="beide", omschrijving=MARKERS["opp"][4]
    )
    voeg_bijlage_toe(
        v2,
        MARKERS["opp"][6],
        _pdf(f"{MARKERS['opp'][7]}.pdf"),
        door=ib,
        is_gezinsplan=True,
    )
    Opp.objects.filter(pk=v2.pk).update(status=lopend_status)
    return [v1, v2]


def vul_route(mdo) -> None:
    """The MDO's purpose and agenda, a preparation document, the concept report, a step's
    outcome and a progress note, each with its markers."""
    from arrangeren.route.models import Mdo, Mdoverslag, Stapuitkomst, Voortgangsnotitie
    from arrangeren.route.services import upload_stuk
    from arrangeren.route.services.verslag import VERSLAGVELDEN

    ib = user_by_email("ib@demo.nl")
    Mdo.objects.filter(pk=mdo.pk).update(doel=MARKERS["mdo"][0], agenda=MARKERS["mdo"][1])
    upload_stuk(
        mdo,
        MARKERS["stuk"][0],
        _pdf(f"{MARKERS['stuk'][1]}.pdf"),
        door=ib,
    )
    Mdoverslag.objects.filter(mdo=mdo, status=Mdoverslag.Status.CONCEPT).update(
        velden=dict.fromkeys(VERSLAGVELDEN, MARKERS["verslag"][0]),
        besluiten=MARKERS["verslag"][1],
    )
    traject = mdo.traject
    for uitkomst in Stapuitkomst.objects.filter(traject=traject):
        uitkomst.velden = dict.fromkeys(uitkomst.velden, MARKERS["stap"][0])
        uitkomst.save(update_fields=["velden"])
    Voortgangsnotitie.objects.create(
        traject=traject, cyclus=traject.cyclus, tekst=MARKERS["voortgang"][0], door=ib
    )


def vul_tlv() -> None:
    from arrangeren.tlv.demo import DEMO_TLV_CONCEPT
    from arrangeren.tlv.models import TlvAanvraag

    TlvAanvraag.objects.filter(uuid=DEMO_TLV_CONCEPT).update(motivering=MARKERS["tlv"][0])


def betrek(persona: str, scenario: Scenario, mdo) -> None:
    """The persona's organisation gets the scenario's consent; the persona is invited to
    the MDO if the scenario says so (the invitation e-mail goes out)."""
    from arrangeren.route import services

    if not scenario.toestemming and not scenario.uitgenodigd:
        return
    ib = user_by_email("ib@demo.nl")
    lid = Lidmaatschap.objects.select_related("user", "organisatie").get(user__email=persona)
    for rij in vraag_toestemming(
        _sam(), door=ib, ontvanger_organisatie=lid.organisatie, soorten=scenario.toestemming
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    if scenario.uitgenodigd:
        services.voeg_genodigde_toe(mdo, lid.user, lid.organisatie, door=ib)
        mdo.refresh_from_db()
        if mdo.start <= timezone.now():
            mdo.start = timezone.now() + timedelta(days=10)
        services.verstuur_uitnodigingen(mdo, door=ib)


MDO = Informatiesoort.MDO_DEELNAME
STUKKEN = Informatiesoort.VOORBEREIDINGSSTUKKEN
GEZINSPLAN = Informatiesoort.GEZINSPLAN
