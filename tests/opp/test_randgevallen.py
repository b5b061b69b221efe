"""Signing rounds that change underway, and other edges found in review."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Gezag, Toestemming
from accounts.services import trek_toestemming_in
from opp import services, termijnen
from opp.models import Ondertekening, Opp
from opp.pdf import css_tekst
from tests.conftest import user_by_email
from tests.factories import GezagFactory
from tests.opp.helpers import alle_tekenen, met_toegang
from tests.test_foutoverzicht import foutoverzicht


@pytest.fixture
def opp(sam):
    return Opp.objects.get(leerling=sam, versie=1)


def test_a_parent_with_custody_recorded_later_must_sign_too(opp, sam):
    nieuw = GezagFactory(leerling=sam, relatie=Gezag.Relatie.VOOGD)
    nieuw.ouder.set_password("demo")
    nieuw.ouder.save()
    alle_tekenen(opp)
    assert opp.status == Opp.Status.TER_ONDERTEKENING
    assert any("ouder met gezag" in r for r in services.ontbrekende_ondertekenaars(opp))
    services.vraag_ontbrekende_ouders(opp, door=user_by_email("ib@demo.nl"))
    assert opp.ondertekeningen.filter(ondertekenaar=nieuw.ouder, status="gevraagd").exists()
    alle_tekenen(opp)
    assert opp.status == Opp.Status.VASTGESTELD


def test_withdrawing_the_request_of_a_parent_who_lost_custody_unblocks_the_round(opp, sam):
    Gezag.objects.filter(ouder__email="ouder2@demo.nl", leerling=sam).update(heeft_gezag=False)
    open_verzoek = opp.ondertekeningen.get(ondertekenaar__email="ouder2@demo.nl")
    services.trek_verzoek_in(open_verzoek, door=user_by_email("ib@demo.nl"))
    services.vraag_ontbrekende_ouders(opp, door=user_by_email("ib@demo.nl"))  # nobody new
    alle_tekenen(opp)
    assert opp.status == Opp.Status.VASTGESTELD


def test_after_niet_akkoord_the_coordinator_asks_again(opp):
    rij = opp.ondertekeningen.get(ondertekenaar__email="ouder2@demo.nl")
    from opp.inhoud import canoniek, sha256

    services.niet_akkoord(
        rij,
        door=rij.ondertekenaar,
        getoonde_hash=sha256(canoniek(opp)),
        reden="Eerst praten",
        apparaat=services.Apparaat(None, ""),
    )
    nieuw = services.vraag_opnieuw(rij, door=user_by_email("ib@demo.nl"))
    assert nieuw.status == Ondertekening.Status.GEVRAAGD
    rij.refresh_from_db()
    assert rij.status == Ondertekening.Status.VERVALLEN


def test_a_coordinator_who_is_also_a_parent_cannot_send_for_her_own_child(sam):
    Opp.objects.filter(leerling=sam).delete()
    ib = user_by_email("ib@demo.nl")
    GezagFactory(leerling=sam, ouder=ib)
    opp = services.maak_opp(sam, door=ib)
    opp.evaluatiedatum = "2030-01-01"
    opp.save()
    services.voeg_doel_toe(
        opp, door=ib, domein="emotieregulatie", soort="onderwijs", omschrijving="x"
    )
    doel = opp.doelen.get()
    services.voeg_inzet_toe(doel, door=ib, wat="x", wie="y", vanaf="2026-01-01")
    with pytest.raises(ValidationError, match="ook ouder met gezag"):
        services.verstuur_ter_ondertekening(opp, door=ib)


def test_the_jeugdteam_no_longer_sees_a_request_after_consent_is_withdrawn(opp):
    met_toegang(opp)
    jeugdteam = user_by_email("jeugdteam@demo.nl")
    assert termijnen.mijn_ondertekeningen(jeugdteam)
    rij = Toestemming.objects.filter(leerling=opp.leerling, soort="opp_inzage").first()
    trek_toestemming_in(rij, door=rij.gever)
    assert termijnen.mijn_ondertekeningen(jeugdteam) == []


def test_a_wrong_password_when_signing_counts_towards_the_lockout(client, login, opp):
    from axes.models import AccessAttempt

    login("ouder@demo.nl")
    rij = opp.ondertekeningen.get(ondertekenaar__email="ouder@demo.nl")
    from opp.inhoud import canoniek, sha256

    response = client.post(
        reverse("opp:ondertekenen", args=[opp.uuid]),
        {
            "ondertekening": rij.pk,
            "inhoud_hash": sha256(canoniek(opp)),
            "methode": "wachtwoord",
            "bewijs": "fout",
        },
        follow=True,
    )
    assert "wachtwoord klopt niet" in response.content.decode()
    assert AccessAttempt.objects.filter(username="ouder@demo.nl").exists()


def test_negative_hours_are_refused(client, login, opp):
    login("ib@demo.nl")
    doel = opp.doelen.first()
    response = client.post(
        reverse("opp:opp_actie", args=[opp.uuid, "inzet_toevoegen"]),
        {
            "doel": doel.pk,
            f"doel{doel.pk}-wat": "x",
            f"doel{doel.pk}-wie": "y",
            f"doel{doel.pk}-vanaf": "2026-12-01",
            f"doel{doel.pk}-uren_per_week": "-3",
            f"doel{doel.pk}-bekostiging": "onderwijs",
        },
        follow=True,
    )
    # The form shows again with the hours marked and named in the error summary.
    _, links = foutoverzicht(response.content.decode())
    assert list(links) == ["id_uren_per_week"]
    assert not doel.inzet.filter(uren_per_week__lt=0).exists()


def test_school_names_with_quotes_print_correctly_in_the_letterhead():
    # More in tests/opp/test_pdf_bronnen.py (every character escaped, issue 14).
    import tinycss2

    naam = '\'t Kompas & "Zn"'
    [waarde] = tinycss2.parse_component_value_list('"' + css_tekst(naam) + '"')
    assert (waarde.type, waarde.value) == ("string", naam)
    assert "<" not in css_tekst("</style>")


def test_resolving_a_conflict_keeps_the_other_persons_change(client, login, opp):
    login("ib@demo.nl")
    url = reverse("opp:opp_bewerken", args=[opp.uuid])
    basis = {veld: getattr(opp, veld) or "" for veld in services.OPP_VELDEN}
    basis["evaluatiedatum"] = opp.evaluatiedatum.isoformat()
    basis["bewerkingen"] = opp.bewerkingen
    client.post(url, {**basis, "onderbouwing": "Door de ander"})
    conflict = client.post(url, {**basis, "bevorderende_factoren": "Van mij"})
    assert conflict.status_code == 409
    form = conflict.context["form"]
    assert form.data["onderbouwing"] == "Door de ander"  # not rolled back on resubmit
    assert form.data["bevorderende_factoren"] == "Van mij"
    opnieuw = client.post(url, dict(form.data.items()))
    assert opnieuw.status_code == 302
    opp.refresh_from_db()
    assert (opp.onderbouwing, opp.bevorderende_factoren) == ("Door de ander", "Van mij")
