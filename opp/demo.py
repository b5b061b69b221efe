"""Demo data of the opp app: Sam de Vries's OPP, waiting for the signatures of his parents,
the school and the jeugdteam's medewerker toegang."""

import uuid
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Informatiesoort, Leerling, Lidmaatschap, Toestemming, User
from accounts.rollen import Rol
from accounts.services import sync_toegang
from opp.betalers import Ondersteuningsthema
from opp.domein import Bekostiging, Doelsoort, Ontwikkelingsdomein, Uitstroomniveau
from opp.models import Gezinsplan, Inzet, Ondertekening, Opp, OppDoel

DEMO_OPP = uuid.UUID("0c1d8f2e-6b7a-4e55-9a3c-5f1e2d4b6a70")
DEMO_GEZINSPLAN = uuid.UUID("4f0b7c1e-2a9d-4c3b-8e6f-1d2c3b4a5e60")
# The jeugdteam's medewerker toegang asked to sign Sam's OPP (not a persona: the persona
# jeugdteam@demo.nl stays without the parents' consent for Sam).
TOEGANG_EMAIL = "toegang@demo.nl"


def seed() -> None:
    if Opp.objects.filter(uuid=DEMO_OPP).exists():
        return
    sam = Leerling.objects.filter(voornaam="Sam", achternaam="Vries").first()
    if sam is None:
        return
    ib = User.objects.get(email="ib@demo.nl")
    vandaag = timezone.localdate()
    opp = Opp.objects.create(
        uuid=DEMO_OPP,
        leerling=sam,
        school=sam.school,
        gemaakt_door=ib,
        verstuurd_door=ib,
        status=Opp.Status.TER_ONDERTEKENING,
        # A primary school: the expected VO level, not a VSO uitstroomprofiel.
        uitstroomniveau=Uitstroomniveau.VMBO_KADER,
        uitstroombestemming="Vmbo-kader, met ondersteuning bij plannen.",
        onderbouwing="Sam haalt op taal en rekenen niveau 1F; met ondersteuning bij plannen "
        "en omgaan met spanning is vmbo-kader haalbaar.",
        belemmerende_factoren="Raakt snel overprikkeld in drukke situaties; slaapt slecht.",
        bevorderende_factoren="Sterke band met de leerkracht; sportief; betrokken ouders.",
        ondersteuningsbehoeften="Voorspelbaarheid, een vaste rustige werkplek en korte "
        "instructies; thuis hulp bij ritme en slaap.",
        integratief_beeld="De spanning op school en thuis versterken elkaar; met een vaste "
        "structuur op beide plekken kan Sam zich weer op leren richten.",
        afwijkingen="Sam werkt twee ochtenden per week een uur in de prikkelarme ruimte.",
        regieafspraken="De school heeft de regie over het OPP; het jeugdteam over het gezinsplan.",
        overbrugging="Tot de gezinsbegeleiding start, belt de mentor wekelijks met de ouders.",
        evaluatiedatum=vandaag + timedelta(days=90),
        visie_leerling="Ik wil een plek waar het stil is als het te veel wordt.",
    )
    doelen = [
        (
            Ontwikkelingsdomein.EMOTIEREGULATIE,
            Doelsoort.BEIDE,
            "Sam herkent spanning en vraagt zelf om een time-out.",
            "Sam gebruikt in 4 van de 5 gevallen de time-outkaart zonder aansporing.",
            [
                ("Time-outplek en -kaart in de klas", "Mentor", Bekostiging.ONDERWIJS, 1),
                ("Gezinsbegeleiding rond ritme en slaap", "Jeugdteam", Bekostiging.GEMEENTE, 2),
            ],
        ),
        (
            Ontwikkelingsdomein.SCHOOLSE_VAARDIGHEDEN,
            Doelsoort.ONDERWIJS,
            "Sam plant zijn weektaak met een visueel planbord.",
            "Sam rondt 80% van zijn weektaak af.",
            [("Planbord en dagelijkse check-in", "Intern begeleider", Bekostiging.ONDERWIJS, 1)],
        ),
    ]
    # The kind of support, for the region's table of who pays (opp/betalers.py).
    thema = {
        "Gezinsbegeleiding rond ritme en slaap": Ondersteuningsthema.JEUGDHULP_HANDELINGSDEEL,
        "Planbord en dagelijkse check-in": Ondersteuningsthema.ONDERWIJSKUNDIGE_BEGELEIDING,
    }
    for volgorde, (domein, soort, omschrijving, criterium, inzet) in enumerate(doelen, 1):
        doel = OppDoel.objects.create(
            opp=opp,
            volgorde=volgorde,
            domein=domein,
            soort=soort,
            omschrijving=omschrijving,
            criterium=criterium,
        )
        for wat, wie, bekostiging, uren in inzet:
            Inzet.objects.create(
                doel=doel,
                wat=wat,
                wie=wie,
                vanaf=date(vandaag.year, vandaag.month, 1),
                uren_per_week=uren,
                bekostiging=bekostiging,
                thema=thema.get(wat, ""),
            )
    school = Lidmaatschap.objects.get(user=ib).organisatie
    # The plan holds youth care, so the jeugdteam's medewerker toegang signs too
    # (docs/opp.md): asked in the same round, with the parents' consent to read the OPP,
    # so that the demo walks to vastgesteld once everyone asked has signed. She is a
    # colleague of the persona jeugdteam@demo.nl, who stays without consent for Sam.
    toegang = _medewerker_toegang()
    _toestemming_opp_inzage(sam, toegang, ib)
    for email, partij, namens in (
        ("ouder@demo.nl", Ondertekening.Partij.OUDER, None),
        ("ouder2@demo.nl", Ondertekening.Partij.OUDER, None),
        ("ib@demo.nl", Ondertekening.Partij.SCHOOL, school),
        (TOEGANG_EMAIL, Ondertekening.Partij.TOEGANG, toegang.organisatie),
    ):
        Ondertekening.objects.create(
            opp=opp, ondertekenaar=User.objects.get(email=email), partij=partij, namens=namens
        )
    _gezinsplan(sam, toegang, ib)


def _medewerker_toegang() -> Lidmaatschap:
    """The medewerker toegang of Jeugdteam Leiden who signs Sam's plan (password: demo)."""
    jeugdteam = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl").organisatie
    user, _ = User.objects.get_or_create(
        email=TOEGANG_EMAIL,
        defaults={
            "naam": "Tom Verbeek",
            "password": make_password("demo"),
            "geactiveerd_op": timezone.now(),
        },
    )
    lid, _ = Lidmaatschap.objects.get_or_create(
        user=user, organisatie=jeugdteam, rol=Rol.MEDEWERKER_JEUGDTEAM
    )
    return lid


def _toestemming_opp_inzage(leerling: Leerling, toegang: Lidmaatschap, door: User) -> None:
    """Both parents gave the jeugdteam's medewerker consent to read Sam's OPP (no more:
    not the MDO, not its documents); her object permission follows at once."""
    for gezag in leerling.gezagen.filter(heeft_gezag=True):
        Toestemming.objects.get_or_create(
            leerling=leerling,
            soort=Informatiesoort.OPP_INZAGE,
            ontvanger_organisatie=toegang.organisatie,
            ontvanger=toegang.user,
            gever_id=gezag.ouder_id,
            defaults={
                "status": Toestemming.Status.GEGEVEN,
                "gevraagd_door": door,
                "vastgelegd_door": door,
            },
        )
    sync_toegang(leerling)


def _gezinsplan(leerling: Leerling, toegang: Lidmaatschap, door: User) -> None:
    """Sam's gezinsplan: Jeugdteam Leiden holds regie with the parents (Tom Verbeek), with
    the family's own goals; both parents let the jeugdteam share it with the school, so
    the OPP page shows who holds regie with a link (docs/opp.md, "Gezinsplan")."""
    Gezinsplan.objects.get_or_create(
        uuid=DEMO_GEZINSPLAN,
        defaults={
            "leerling": leerling,
            "organisatie": toegang.organisatie,
            "regievoerder": toegang.user,
            "doelen": "Thuis een vast ritme van opstaan, eten en slapen.\n"
            "Sam slaapt door de week voor tienen.\n"
            "Minder ruzie aan tafel: samen een rustig moment per dag.",
            "datum": timezone.localdate() - timedelta(days=30),
            "gemaakt_door": toegang.user,
        },
    )
    for gezag in leerling.gezagen.filter(heeft_gezag=True):
        Toestemming.objects.get_or_create(
            leerling=leerling,
            soort=Informatiesoort.GEZINSPLAN,
            ontvanger_organisatie=leerling.school,
            ontvanger=None,
            gever_id=gezag.ouder_id,
            defaults={
                "status": Toestemming.Status.GEGEVEN,
                "gevraagd_door": toegang.user,
                "vastgelegd_door": toegang.user,
            },
        )
