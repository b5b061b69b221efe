"""Getting Sam's demo OPP fully signed, the way the coördinator and the signers do."""

from accounts.models import Informatiesoort, Lidmaatschap, Organisatie
from accounts.services import beantwoord_toestemming, vraag_toestemming
from opp import services
from opp.inhoud import canoniek, sha256
from opp.models import Ondertekening, Opp


def met_toegang(opp: Opp) -> None:
    """Parents consent to OPP inzage for the jeugdteam, who is then asked to sign."""
    if not services.toegang_nodig(opp) or opp.ondertekeningen.filter(partij="toegang").exists():
        return
    toegang = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    org = Organisatie.objects.get(naam="Jeugdteam Leiden (demo)")
    for rij in vraag_toestemming(
        opp.leerling,
        door=opp.verstuurd_door or opp.gemaakt_door,
        ontvanger_organisatie=org,
        soorten=[Informatiesoort.OPP_INZAGE],
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    services.voeg_toegang_toe(opp, toegang, door=opp.verstuurd_door or opp.gemaakt_door)


def alle_tekenen(opp: Opp) -> None:
    met_toegang(opp)
    for o in opp.ondertekeningen.filter(status=Ondertekening.Status.GEVRAAGD):
        services.onderteken(
            o,
            door=o.ondertekenaar,
            getoonde_hash=sha256(canoniek(opp)),
            methode="wachtwoord",
            bewijs="demo",
            apparaat=services.Apparaat(None, ""),
        )
    opp.refresh_from_db()
