"""TLV hand-overs (docs/meldingen.md): submitted → the SWV's consulenten and their "Mijn
werk"; aanvulling gevraagd → school and its "Mijn werk"; decided → school and parents."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Gezag, Lidmaatschap, Notificatie
from accounts.rollen import Recht, rollen_met
from arrangeren.tlv import services
from tests.arrangeren.tlv_helpers import aanvraag_met_dossier
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db


def _meldingen(soort: str, aanvraag) -> set[str]:
    return set(
        Notificatie.objects.filter(soort=soort, onderwerp=aanvraag.uuid).values_list(
            "ontvanger__email", flat=True
        )
    )


def _consulenten(aanvraag) -> set[str]:
    return set(
        Lidmaatschap.objects.filter(
            organisatie=aanvraag.swv, rol__in=rollen_met(Recht.TLV_BESLUITEN)
        ).values_list("user__email", flat=True)
    )


def test_submitting_notifies_the_swv_and_shows_in_its_mijn_werk(login):
    aanvraag = aanvraag_met_dossier()
    services.dien_in(aanvraag, door=user_by_email("ib@demo.nl"))
    assert "swv@demo.nl" in _consulenten(aanvraag)
    assert _meldingen("tlv_ingediend", aanvraag) == _consulenten(aanvraag)
    html = login("swv@demo.nl").get(reverse("home")).content.decode()
    assert "TLV-aanvragen bij het SWV" in html
    assert reverse("arrangeren:tlv_detail", args=[aanvraag.uuid]) in html


def test_aanvulling_notifies_the_school_and_a_resubmission_its_consulent(login):
    aanvraag = aanvraag_met_dossier()
    ib, swv = user_by_email("ib@demo.nl"), user_by_email("swv@demo.nl")
    services.dien_in(aanvraag, door=ib)
    services.neem_in_behandeling(aanvraag, door=swv)
    Notificatie.objects.all().delete()
    services.vraag_aanvulling(aanvraag, "Graag het verslag erbij.", door=swv)
    assert "ib@demo.nl" in _meldingen("tlv_aanvulling", aanvraag)
    assert "swv@demo.nl" not in _meldingen("tlv_aanvulling", aanvraag)
    html = login("ib@demo.nl").get(reverse("home")).content.decode()
    assert "TLV: het SWV vraagt om aanvulling" in html
    aanvraag.refresh_from_db()
    services.dien_in(aanvraag, door=ib)
    assert _meldingen("tlv_ingediend", aanvraag) == {"swv@demo.nl"}  # the assigned consulent


def test_a_decision_notifies_school_and_parents_with_one_mail_each(
    django_capture_on_commit_callbacks,
):
    aanvraag = aanvraag_met_dossier()
    ib, swv = user_by_email("ib@demo.nl"), user_by_email("swv@demo.nl")
    services.dien_in(aanvraag, door=ib)
    services.neem_in_behandeling(aanvraag, door=swv)
    ouders = set(aanvraag.leerling.gezagen.values_list("ouder__email", flat=True))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.beslis(aanvraag, toekennen=True, motivering="Advies overgenomen.", door=swv)
    ontvangers = _meldingen("tlv_besluit", aanvraag)
    assert "ib@demo.nl" in ontvangers and ouders <= ontvangers
    assert "swv@demo.nl" not in ontvangers
    gemaild = [a for m in mail.outbox for a in m.to]
    assert sorted(gemaild) == sorted(ontvangers)  # one mail each, no second one
    assert all(aanvraag.leerling.achternaam not in m.body for m in mail.outbox)


def test_a_parent_without_custody_hears_no_decision_by_mail_or_bell(
    django_capture_on_commit_callbacks,
):
    """The link would lead into the file, which is not hers; she reads the decision on her
    child's page (docs/rollen.md, "Ouders zonder gezag")."""
    aanvraag = aanvraag_met_dossier()
    ib, swv = user_by_email("ib@demo.nl"), user_by_email("swv@demo.nl")
    zonder = aanvraag.leerling.gezagen.select_related("ouder").first()
    Gezag.objects.filter(pk=zonder.pk).update(heeft_gezag=False)
    services.dien_in(aanvraag, door=ib)
    services.neem_in_behandeling(aanvraag, door=swv)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.beslis(aanvraag, toekennen=True, motivering="Advies overgenomen.", door=swv)
    assert zonder.ouder.email not in _meldingen("tlv_besluit", aanvraag)
    assert zonder.ouder.email not in [a for m in mail.outbox for a in m.to]
    assert "ib@demo.nl" in _meldingen("tlv_besluit", aanvraag)
