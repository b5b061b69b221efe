"""The access log (NEN 7513): who, on whose behalf, when, which pupil, which action."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from accounts.models import AppendOnlyError, Toegangslog
from accounts.permissions import grant_leerling_access
from tests.conftest import user_by_email

pytestmark = pytest.mark.django_db


def detail_url(leerling):
    return reverse("accounts:leerling_detail", kwargs={"uuid": leerling.uuid})


def test_viewing_a_pupil_records_who_on_whose_behalf_and_what(login, sam):
    login("ib@demo.nl").get(detail_url(sam), REMOTE_ADDR="10.1.2.3")
    regel = Toegangslog.objects.get(leerling=sam)
    assert regel.gebruiker.email == "ib@demo.nl"
    assert regel.organisatie.naam == "Basisschool De Regenboog"
    assert regel.rol == "Ondersteuningscoördinator (IB'er)"
    assert regel.actie == Toegangslog.Actie.BEKIJKEN
    assert regel.onderdeel == "Leerlinggegevens"
    assert regel.ip_adres == "10.1.2.3"


def test_parent_viewing_is_logged_as_parent_without_organisation(login, sam):
    login("ouder@demo.nl").get(detail_url(sam))
    regel = Toegangslog.objects.get(leerling=sam)
    assert regel.organisatie is None
    assert regel.rol == "Ouder / verzorger"


def test_jeugdteam_with_granted_access_is_logged_on_behalf_of_the_jeugdteam(login, sam):
    grant_leerling_access(user_by_email("jeugdteam@demo.nl"), sam)
    assert login("jeugdteam@demo.nl").get(detail_url(sam)).status_code == 200
    regel = Toegangslog.objects.get(leerling=sam)
    assert regel.organisatie.naam == "Jeugdteam Leiden (demo)"
    assert regel.rol == "Medewerker jeugdteam"


def test_refused_view_writes_no_log_row(login, sam):
    assert login("ib.andere@demo.nl").get(detail_url(sam)).status_code == 404
    assert not Toegangslog.objects.filter(leerling=sam).exists()


def test_pupil_list_logs_a_search_row_for_each_pupil_shown(login):
    client = login("ib@demo.nl")
    response = client.post(reverse("accounts:leerling_list"), {"zoekterm": "Sam Vries"})
    assert "Sam de Vries" in response.content.decode()
    regels = Toegangslog.objects.filter(actie=Toegangslog.Actie.ZOEKEN)
    assert [r.leerling.volledige_naam for r in regels] == ["Sam de Vries"]
    assert regels.get().onderdeel == "Leerlingen zoeken"


def test_pupil_list_query_count_does_not_grow_with_the_number_of_pupils(
    login, django_assert_max_num_queries
):
    client = login("ib@demo.nl")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("accounts:leerling_list"))
    assert response.status_code == 200
    assert Toegangslog.objects.count() == len(response.context["pagina"].object_list) > 5


def test_log_rows_cannot_be_changed_or_deleted_through_the_orm(login, sam):
    login("ib@demo.nl").get(detail_url(sam))
    regel = Toegangslog.objects.get()
    regel.actie = Toegangslog.Actie.EXPORTEREN
    with pytest.raises(AppendOnlyError):
        regel.save()
    with pytest.raises(AppendOnlyError):
        regel.delete()
    with pytest.raises(AppendOnlyError):
        Toegangslog.objects.update(actie="exporteren")
    with pytest.raises(AppendOnlyError):
        Toegangslog.objects.all().delete()
    assert Toegangslog.objects.get().actie == Toegangslog.Actie.BEKIJKEN


def test_database_refuses_an_update_that_bypasses_the_orm(login, sam):
    login("ib@demo.nl").get(detail_url(sam))
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_toegangslog SET actie = 'exporteren'")
    assert Toegangslog.objects.get().actie == Toegangslog.Actie.BEKIJKEN


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE trigger on PostgreSQL")
def test_postgresql_refuses_a_delete_that_bypasses_the_orm(login, sam):
    login("ib@demo.nl").get(detail_url(sam))
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_toegangslog")
    assert Toegangslog.objects.count() == 1


def test_beheerder_searches_the_log_by_user_pupil_and_action(login, client, sam, noor):
    login("ib@demo.nl").get(detail_url(sam))
    login("ouder.andere@demo.nl").get(detail_url(noor))
    client.logout()

    beheer = login("beheer@demo.nl")
    response = beheer.post(
        reverse("accounts:toegangslog"), {"gebruiker": "ib@demo", "actie": "bekijken"}
    )
    rows = list(response.context["pagina"].object_list)
    assert [(r.gebruiker.email, r.leerling) for r in rows] == [("ib@demo.nl", sam)]

    # The region's beheerder sees no pupil names: the log is searched by kenmerk.
    kenmerk = str(noor.uuid)[:8]
    response = beheer.post(reverse("accounts:toegangslog"), {"leerling": kenmerk})
    assert [r.leerling_id for r in response.context["pagina"].object_list] == [noor.pk]
    html = response.content.decode()
    assert kenmerk in html and "Ouder / verzorger" in html
    # Her parent's name next to the kenmerk would name the child.
    assert "Olga Visser" not in html and "ouder.andere@demo.nl" not in html
    assert "Noor" not in html and "Sam" not in html.replace("Samenplan", "")


def test_a_search_by_user_finds_no_parent(login, sam):
    login("ouder@demo.nl").get(detail_url(sam))
    login("ib@demo.nl").get(detail_url(sam))
    beheer = login("beheer@demo.nl")
    for zoekterm in ["Ellen de Vries", "ouder@demo", "de Vries"]:
        response = beheer.post(reverse("accounts:toegangslog"), {"gebruiker": zoekterm})
        assert not response.context["pagina"].object_list, zoekterm
        assert str(sam.uuid)[:8] not in response.content.decode()
    # A search that finds staff still works; an unfiltered list shows the parent unnamed.
    staff = beheer.post(reverse("accounts:toegangslog"), {"gebruiker": "ib@demo"})
    assert len(staff.context["pagina"].object_list) == 1
    html = beheer.get(reverse("accounts:toegangslog")).content.decode()
    assert "Ouder / verzorger" in html and "Ellen" not in html


def test_the_log_names_no_pupil_and_refuses_a_name_as_kenmerk(login, sam):
    login("ib@demo.nl").get(detail_url(sam))
    beheer = login("beheer@demo.nl")
    html = beheer.get(reverse("accounts:toegangslog")).content.decode()
    assert "Vries" not in html.replace("ouder@demo.nl", "")
    response = beheer.post(reverse("accounts:toegangslog"), {"leerling": "Sam de Vries"})
    assert "minstens 8 tekens" in response.content.decode()
    assert not response.context["pagina"].object_list


def test_search_terms_stay_out_of_the_url(login):
    response = login("beheer@demo.nl").get(reverse("accounts:toegangslog"))
    html = response.content.decode()
    assert 'method="post"' in html
    assert 'method="get"' not in html.lower()


def test_log_search_rejects_end_date_before_start_date_in_dutch(login):
    response = login("beheer@demo.nl").post(
        reverse("accounts:toegangslog"), {"vanaf": "2026-11-20", "tot_en_met": "2026-11-01"}
    )
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()


def test_only_the_beheerder_may_search_the_log(login):
    response = login("ib@demo.nl").post(reverse("accounts:toegangslog"), {"gebruiker": "a"})
    assert response.status_code == 404  # like every page outside a role
    assert "Pagina niet gevonden" in response.content.decode()
