"""A fresh pupil of De Regenboog with a complete TLV dossier, through the demo builder."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Gezag, Organisatie
from arrangeren.tlv import regels as tlv
from arrangeren.tlv import services
from arrangeren.tlv.demo import _dossier
from tests.conftest import user_by_email
from tests.factories import GezagFactory, LeerlingFactory, UserFactory

ADVIES = {"naam": "drs. A. de Wit", "advies": "SO past.", "geadviseerd_soort": tlv.Soort.SO}


def regenboog_leerling(**velden):
    school = Organisatie.objects.get(naam="Basisschool De Regenboog")
    leerling = LeerlingFactory(school=school, **velden)
    ouder = UserFactory()
    GezagFactory(ouder=ouder, leerling=leerling, relatie=Gezag.Relatie.MOEDER)
    return leerling, ouder


def aanvraag_met_dossier(*, compleet: bool = True, soort=tlv.Soort.SO, dossier: bool = True):
    ib = user_by_email("ib@demo.nl")
    leerling, ouder = regenboog_leerling()
    traject, _opp = _dossier(leerling, ib, ouder, timezone.now())
    if not dossier:
        traject.huidige_stap = 3
        traject.save()
    start = date.today() + timedelta(days=30)
    aanvraag = services.start_aanvraag(
        traject,
        {
            "soort": soort,
            "categorie": tlv.Categorie.MIDDEN if soort in tlv.MET_CATEGORIE else "",
            "startdatum": start,
            "einddatum": start + timedelta(days=365),
        },
        door=ib,
    )
    if compleet:
        adviezen = {
            tlv.Rang.EERSTE: {**ADVIES, "soort": tlv.Deskundige.PSYCHOLOOG, "datum": date.today()},
            tlv.Rang.TWEEDE: {**ADVIES, "soort": tlv.Deskundige.ARTS, "datum": date.today()},
        }
        aanvraag = services.bewaar_aanvraag(
            aanvraag,
            {"soort": soort, "categorie": aanvraag.categorie, "zienswijze_ouders": "Eens."},
            adviezen,
            door=ib,
            versie=aanvraag.versie,
        )
    return aanvraag
