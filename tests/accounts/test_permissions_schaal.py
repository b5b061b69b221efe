"""The permission policy at region scale: memberships read once per request, the pupil
filter with literal ids, consent for a whole list in two queries, and query counts that
do not grow with the number of pupils or memberships."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import (
    Gezag,
    Informatiesoort,
    Leerling,
    LeerlingUserObjectPermission,
    Lidmaatschap,
    Toestemming,
    User,
)
from accounts.permissions import grant_leerling_access, gronden
from accounts.rolcontext import Rolcontext
from accounts.rollen import Rol
from accounts.toestemming import Toestemmingen, soorten_per_leerling, vereiste_gevers
from tests.conftest import login_verified, user_by_email
from tests.factories import LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGINAS = ("home", "accounts:leerling_list")


def _tabel(sql: str) -> str:
    """The table a query reads first (its outer FROM)."""
    gevonden = re.search(r' FROM "(\w+)"', sql)
    return gevonden.group(1) if gevonden else ""


def _queries(client, url: str) -> list[str]:
    client.get(url)  # the first request of a session does its own bookkeeping
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in ctx.captured_queries]


def _in_rol(user: User) -> User:
    """The user as in a request: acting in their first membership."""
    lid = Lidmaatschap.objects.filter(user=user).select_related("organisatie").first()
    user.samenplan_rolcontext = Rolcontext(lidmaatschap=lid, is_ouder=False)
    return user


def _groei(ib: User, jeugdteam: User, ouder: User, aantal: int = 200) -> None:
    """`aantal` more pupils in the coördinator's school, with mentors, custody, object
    permissions of the jeugdteam member and colleagues in both organisations."""
    school = Lidmaatschap.objects.get(user=ib).organisatie
    team = Lidmaatschap.objects.get(user=jeugdteam).organisatie
    nieuw = Leerling.objects.bulk_create(
        Leerling(
            voornaam=f"Extra{i}",
            achternaam="Groei",
            geboortedatum=date(2014, 1, 1),
            school=school,
        )
        for i in range(aantal)
    )
    mentor = user_by_email("mentor@demo.nl")
    Leerling.mentoren.through.objects.bulk_create(
        Leerling.mentoren.through(user=mentor, leerling=leerling) for leerling in nieuw[:30]
    )
    recht = Permission.objects.get(codename="view_leerling", content_type__app_label="accounts")
    LeerlingUserObjectPermission.objects.bulk_create(
        LeerlingUserObjectPermission(user=jeugdteam, permission=recht, content_object=leerling)
        for leerling in nieuw
    )
    Gezag.objects.bulk_create(
        Gezag(ouder=ouder, leerling=leerling, relatie=Gezag.Relatie.OUDER) for leerling in nieuw[:3]
    )
    for organisatie, rol in ((school, Rol.LEERKRACHT), (team, Rol.MEDEWERKER_JEUGDTEAM)):
        for _ in range(aantal // 2):
            LidmaatschapFactory(organisatie=organisatie, rol=rol)


# The pupil filter -------------------------------------------------------------------------


def test_coordinators_pupil_filter_has_literal_school_ids_and_no_subselect():
    ib = _in_rol(user_by_email("ib@demo.nl"))
    school = gronden(ib).leden[0].organisatie_id
    sql = str(Leerling.objects.for_user(ib).query)
    assert f'"accounts_leerling"."school_id" IN ({school})' in sql
    assert sql.count("SELECT") == 1
    assert "accounts_lidmaatschap" not in sql


def test_pupil_list_counts_the_coordinators_pupils_with_literal_ids(client):
    ib = user_by_email("ib@demo.nl")
    school = Lidmaatschap.objects.get(user=ib).organisatie_id
    login_verified(client, ib)
    telling = [
        sql
        for sql in _queries(client, reverse("accounts:leerling_list"))
        if sql.startswith("SELECT COUNT(*)") and _tabel(sql) == "accounts_leerling"
    ]
    assert len(telling) == 1
    assert f'"accounts_leerling"."school_id" IN ({school})' in telling[0]
    assert telling[0].count("SELECT") == 1


def test_jeugdteams_filter_has_only_the_object_permission_branch():
    jeugdteam = _in_rol(user_by_email("jeugdteam@demo.nl"))
    sql = str(Leerling.objects.for_user(jeugdteam).query)
    assert "accounts_leerlinguserobjectpermission" in sql
    assert "school_id" not in sql.split(" WHERE ", 1)[1]
    assert "accounts_gezag" not in sql and "accounts_lidmaatschap" not in sql


def test_role_without_reach_asks_no_query():
    beheerder = _in_rol(user_by_email("beheer@demo.nl"))
    with CaptureQueriesContext(connection) as ctx:
        assert list(Leerling.objects.for_user(beheerder)) == []
    assert ctx.captured_queries == []


def test_parent_sees_children_through_custody_read_with_the_role_context(client, sam):
    ouder = user_by_email("ouder@demo.nl")
    login_verified(client, ouder)
    response = client.get(reverse("accounts:leerling_list"))
    assert list(response.context["pagina"].object_list) == [sam]


# Memberships read once per request -------------------------------------------------------


@pytest.mark.parametrize("email", ["ib@demo.nl", "jeugdteam@demo.nl"])
@pytest.mark.parametrize("pagina", ["home", "accounts:leerling_list", "accounts:leerling_detail"])
def test_a_page_reads_the_memberships_at_most_once(client, sam, email, pagina):
    user = user_by_email(email)
    if email == "jeugdteam@demo.nl":
        grant_leerling_access(user, sam)
    login_verified(client, user)
    url = reverse(pagina, args=[sam.uuid] if pagina.endswith("detail") else [])
    leden = [sql for sql in _queries(client, url) if _tabel(sql) == "accounts_lidmaatschap"]
    assert len(leden) <= 1, leden


def test_grounds_outside_a_request_follow_memberships_added_meanwhile():
    user = UserFactory()
    assert gronden(user).leden == ()
    lid = LidmaatschapFactory(user=user)
    assert gronden(user).leden == (lid,)


def test_grounds_in_a_request_cost_no_query():
    ib = _in_rol(user_by_email("ib@demo.nl"))
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(3):
            assert len(gronden(ib).leden) == 1
    assert ctx.captured_queries == []


# Query counts that do not grow with the data ---------------------------------------------


@pytest.mark.parametrize(
    "email", ["ib@demo.nl", "mentor@demo.nl", "jeugdteam@demo.nl", "ouder@demo.nl"]
)
def test_home_and_pupil_list_cost_the_same_with_200_more_pupils_and_memberships(client, sam, email):
    ib, jeugdteam, ouder = (
        user_by_email(e) for e in ("ib@demo.nl", "jeugdteam@demo.nl", "ouder@demo.nl")
    )
    grant_leerling_access(jeugdteam, sam)  # every persona sees a pupil before the growth
    login_verified(client, user_by_email(email))
    urls = [reverse(pagina) for pagina in PAGINAS]
    voor = {url: len(_queries(client, url)) for url in urls}
    _groei(ib, jeugdteam, ouder)
    na = {url: len(_queries(client, url)) for url in urls}
    assert na == voor


# Consent for a whole list ----------------------------------------------------------------


def _toestemming(leerling, organisatie, soort, gever=None, ontvanger=None):
    return Toestemming.objects.create(
        leerling=leerling,
        soort=soort,
        ontvanger_organisatie=organisatie,
        ontvanger=ontvanger,
        gever=gever,
        status=Toestemming.Status.GEGEVEN,
        vastgelegd_door=gever or user_by_email("ib@demo.nl"),
    )


def test_consent_for_a_list_equals_consent_per_pupil_in_two_queries(sam, noor):
    team = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    ouder = user_by_email("ouder@demo.nl")
    _toestemming(sam, team.organisatie, Informatiesoort.OPP_INZAGE, gever=ouder)
    oud = Leerling.objects.create(
        voornaam="Oud", achternaam="Genoeg", geboortedatum=date(2005, 1, 1), school=sam.school
    )
    _toestemming(oud, team.organisatie, Informatiesoort.MDO_DEELNAME)
    leerlingen = list(Leerling.objects.all())
    with CaptureQueriesContext(connection) as ctx:
        per_leerling = Toestemmingen.voor_leerlingen(leerlingen)
    assert len(ctx.captured_queries) == 2
    assert set(per_leerling) == {leerling.pk for leerling in leerlingen}
    for leerling in leerlingen:
        los = Toestemmingen(leerling)
        samen = per_leerling[leerling.pk]
        assert samen.gevers == los.gevers == vereiste_gevers(leerling)
        assert samen.ontvangers() == los.ontvangers()
        assert samen.soorten(team.user_id, [team.organisatie_id]) == los.soorten(
            team.user_id, [team.organisatie_id]
        )
    assert per_leerling[oud.pk].dekt(Informatiesoort.MDO_DEELNAME, None, team.organisatie_id)
    soorten = soorten_per_leerling(leerlingen, team.user_id, [team.organisatie_id])
    assert soorten[oud.pk] == {Informatiesoort.MDO_DEELNAME}


def test_consent_for_an_empty_list_asks_nothing():
    with CaptureQueriesContext(connection) as ctx:
        assert Toestemmingen.voor_leerlingen([]) == {}
    assert ctx.captured_queries == []


def test_consent_from_rows_a_page_loaded_equals_consent_read_afresh(sam):
    team = Lidmaatschap.objects.get(user__email="jeugdteam@demo.nl")
    for gezag in sam.gezagen.filter(heeft_gezag=True):
        _toestemming(sam, team.organisatie, Informatiesoort.MDO_DEELNAME, gever=gezag.ouder)
    ingetrokken = _toestemming(
        sam, team.organisatie, Informatiesoort.OPP_INZAGE, gever=user_by_email("ouder@demo.nl")
    )
    ingetrokken.status = Toestemming.Status.INGETROKKEN
    ingetrokken.save()
    rijen, gezagen = list(sam.toestemmingen.all()), list(sam.gezagen.all())
    with CaptureQueriesContext(connection) as ctx:
        uit_rijen = Toestemmingen.uit(sam, rijen, gezagen)
    assert ctx.captured_queries == []
    los = Toestemmingen(sam)
    assert uit_rijen.gevers == los.gevers
    assert uit_rijen.ontvangers() == los.ontvangers()
    assert uit_rijen.dekt(Informatiesoort.MDO_DEELNAME, None, team.organisatie_id)
    assert not uit_rijen.dekt(Informatiesoort.OPP_INZAGE, None, team.organisatie_id)
