"""A pupil of Basisschool De Vlieger with a running traject, an OPP and the jeugdteam's
consent, who moves to De Regenboog (where ib@demo.nl is the coördinator)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from accounts.bewaartermijnen import jaren_eerder
from accounts.models import Informatiesoort, Leerling, Lidmaatschap, Organisatie, User
from accounts.overstap import registreer_overstap
from accounts.rollen import Rol
from accounts.services import beantwoord_toestemming, vraag_toestemming
from arrangeren.route.models import Traject
from arrangeren.route.services import open_traject
from arrangeren.route.stappen import Voorwaarde
from opp.models import Opp
from opp.services import maak_opp
from tests.conftest import user_by_email
from tests.factories import GezagFactory, LeerlingFactory, LidmaatschapFactory


@dataclass
class Verhuizing:
    oud: Leerling
    nieuw: Leerling
    coordinator: User  # of the old school
    mentor: User  # of the old school
    moeder: User
    vader: User
    traject: Traject
    opp: Opp
    datum: date

    def registreer(self):
        overstap = registreer_overstap(
            self.oud, self.nieuw, self.datum, user_by_email("schoolbeheer@demo.nl")
        )
        self.oud.refresh_from_db()
        self.nieuw.refresh_from_db()
        self.traject = Traject.objects.get(pk=self.traject.pk)
        self.opp = Opp.objects.get(pk=self.opp.pk)
        return overstap


def school(naam: str) -> Organisatie:
    return Organisatie.objects.get(naam=naam)


def jeugdteam() -> Organisatie:
    return school("Jeugdteam Leiden (demo)")


def verhuizing(
    *, geboortedatum: date = date(2016, 5, 1), over_dagen: int = 0, naar: str | None = None
) -> Verhuizing:
    """The move is prepared, not yet registered (call `.registreer()`). It starts today
    (the old dossier is read-only at once) or `over_dagen` days ahead."""
    vlieger = school("Basisschool De Vlieger")
    coordinator = LidmaatschapFactory(organisatie=vlieger, rol=Rol.ONDERSTEUNINGSCOORDINATOR)
    mentor = LidmaatschapFactory(organisatie=vlieger, rol=Rol.LEERKRACHT).user
    oud = LeerlingFactory(
        voornaam="Lotte",
        achternaam="Verhuisd",
        school=vlieger,
        geboortedatum=geboortedatum,
        ingeschreven_op=date(2020, 8, 20),
    )
    oud.mentoren.add(mentor)
    moeder = GezagFactory(leerling=oud).ouder
    vader = GezagFactory(leerling=oud, relatie="vader").ouder
    traject = open_traject(
        leerling=oud,
        door=coordinator.user,
        namens=coordinator,
        voorwaarden={v.value: "ja" for v in Voorwaarde},
    )
    opp = maak_opp(oud, door=coordinator.user)
    # The parents let the jeugdteam take part in the MDO (and so see the pupil).
    for rij in vraag_toestemming(
        oud,
        door=coordinator.user,
        ontvanger_organisatie=jeugdteam(),
        soorten=[Informatiesoort.MDO_DEELNAME],
    ):
        beantwoord_toestemming(rij, door=rij.gever, geven=True)
    datum = timezone.localdate() + timedelta(days=over_dagen)
    nieuw = LeerlingFactory(
        voornaam="Lotte",
        achternaam="Verhuisd",
        school=school(naar or "Basisschool De Regenboog"),
        geboortedatum=geboortedatum,
        ingeschreven_op=datum,
    )
    return Verhuizing(
        oud=oud,
        nieuw=nieuw,
        coordinator=coordinator.user,
        mentor=mentor,
        moeder=moeder,
        vader=vader,
        traject=traject,
        opp=opp,
        datum=datum,
    )


def coordinator_nieuw() -> User:
    return user_by_email("ib@demo.nl")


def jaar_oud(jaren: int) -> date:
    """A birth date that makes the pupil `jaren` years old today (and for a while)."""
    return jaren_eerder(timezone.localdate(), jaren) - timedelta(days=30)


def lid(user: User) -> Lidmaatschap:
    return Lidmaatschap.objects.get(user=user)
