"""The role table (accounts/rollen.py) is the one place that says what a role may do.

Every role has one row with its capabilities; no other module writes down a set of roles
or compares with a role to decide a right; templates ask the active role's capabilities,
never the role. What the table says matches what the permission matrix lets each persona
open.
"""

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.models import Lidmaatschap
from accounts.rollen import (
    DEFINITIES,
    ROLLEN,
    Bereik,
    Recht,
    Rechten,
    Rol,
    heeft_recht,
    rechten_van,
    rollen_met,
)
from tests.accounts.permissiematrix.entries import IEDEREEN
from tests.accounts.permissiematrix.matrix import MATRIX
from tests.conftest import PERSONAS, user_by_email

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "arrangeren", "config", "fasenmodel", "opp")

# Modules that *give* people roles (demo data, seeding) name the role they give.
GEVEN_ROLLEN = re.compile(r"(^|/)(demo[^/]*\.py|seed[^/]*\.py)$")
# Role management is about the beheerder roles themselves: which roles can be proposed
# in an organisation, the first and the last beheerder, labels in the access log
# (docs/beheer.md). These name the role being given, not a right.
ROLBEHEER = {
    "accounts/rolbeheer.py",
    "accounts/eerste_beheerder.py",
    "accounts/views/eerste_beheerder.py",
    "accounts/importeren/toepassen.py",
}
ROLWAARDEN = {rol.value for rol in Rol}


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative == "accounts/rollen.py":
                continue
            yield relative, ast.parse(path.read_text(encoding="utf-8"))


def is_rol_lid(node) -> bool:
    """`Rol.DIRECTEUR` (not `Genodigde.Rol.OUDER`, another table)."""
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Rol"
        and node.attr.isupper()
    )


def is_rolwaarde(node) -> bool:
    return isinstance(node, ast.Constant) and node.value in ROLWAARDEN


def is_rolveld(node) -> bool:
    """`lid.rol` or `rol`: a stored role."""
    return (isinstance(node, ast.Attribute) and node.attr == "rol") or (
        isinstance(node, ast.Name) and node.id == "rol"
    )


# The table itself ----------------------------------------------------------------------


def test_every_role_has_exactly_one_row():
    rollen = [definitie.rol for definitie in DEFINITIES]
    assert sorted(rollen) == sorted(Rol)
    assert len(rollen) == len(set(rollen)) == len(ROLLEN)


@pytest.mark.parametrize("definitie", DEFINITIES, ids=lambda d: d.rol.value)
def test_each_row_has_organisation_kinds_a_reach_and_a_capability_set(definitie):
    assert definitie.soorten
    assert isinstance(definitie.bereik, Bereik)
    assert isinstance(definitie.rechten, Rechten)
    assert all(isinstance(recht, Recht) for recht in definitie.rechten)


def test_every_capability_belongs_to_some_role():
    assert {recht for recht in Recht if not rollen_met(recht)} == set()


def test_roles_without_pupil_data_have_no_case_capabilities():
    beheer = {Recht.ORGANISATIE_BEHEREN, Recht.REGIO_BEHEREN, Recht.TOEGANGSLOG_DOORZOEKEN}
    for definitie in DEFINITIES:
        if definitie.bereik == Bereik.GEEN:
            # The Regiomonitor shows aggregates only, no pupil (docs/monitor.md).
            assert definitie.rechten <= beheer | {Recht.REGIOMONITOR}, definitie.rol
        else:
            assert not definitie.rechten & beheer, definitie.rol


def test_lookups_answer_from_the_table():
    assert heeft_recht(Rol.ONDERSTEUNINGSCOORDINATOR, Recht.OPP_BEWERKEN)
    assert heeft_recht("directeur", Recht.OPP_ONDERTEKENEN_SCHOOL)
    assert not heeft_recht(Rol.LEERKRACHT, Recht.OPP_BEWERKEN)
    assert not heeft_recht(None, Recht.TLV_INZIEN)
    assert rollen_met(Recht.OPP_ONDERTEKENEN_SCHOOL) == {
        Rol.ONDERSTEUNINGSCOORDINATOR,
        Rol.DIRECTEUR,
    }
    assert rollen_met(Recht.TLV_INZIEN, Recht.TLV_BESLUITEN) == {
        Rol.ONDERSTEUNINGSCOORDINATOR,
        Rol.DIRECTEUR,
        Rol.CONSULENT_SWV,
    }
    # Templates read capabilities as attributes; a parent (no role) has none.
    assert rechten_van("consulent_swv").tlv_besluiten is True
    assert rechten_van("consulent_swv").tlv_inzien is False
    assert rechten_van(None).tlv_besluiten is False
    with pytest.raises(AttributeError):
        rechten_van("consulent_swv").tlv_besluiten_typo  # noqa: B018


# Nowhere else --------------------------------------------------------------------------


def test_no_module_writes_down_a_set_of_roles():
    gevonden = []
    for pad, boom in app_modules():
        if GEVEN_ROLLEN.search(pad):
            continue
        for node in ast.walk(boom):
            if isinstance(node, ast.Dict):
                elementen = [k for k in node.keys if k is not None]
            elif isinstance(node, ast.Set | ast.List | ast.Tuple):
                elementen = node.elts
            else:
                continue
            if any(is_rol_lid(e) for e in elementen):
                gevonden.append(f"{pad}:{node.lineno}")
    assert gevonden == [], "rollen horen in accounts/rollen.py (Recht), niet in een lijst"


def test_no_module_decides_a_right_by_naming_a_role():
    gevonden = []
    for pad, boom in app_modules():
        if GEVEN_ROLLEN.search(pad) or pad in ROLBEHEER:
            continue
        for node in ast.walk(boom):
            if is_rol_lid(node):
                gevonden.append(f"{pad}:{node.lineno} Rol.{node.attr}")
            elif (
                isinstance(node, ast.Compare)
                and is_rolveld(node.left)
                and any(
                    is_rolwaarde(n) or isinstance(n, ast.Set | ast.List | ast.Tuple)
                    for n in node.comparators
                )
            ):
                gevonden.append(f"{pad}:{node.lineno} vergelijkt met een rol")
            elif (
                isinstance(node, ast.keyword)
                and node.arg
                and (node.arg == "rol" or node.arg.endswith("__rol"))
                and is_rolwaarde(node.value)
            ):
                gevonden.append(f"{pad}:{node.lineno} {node.arg}=")
    assert gevonden == [], "vraag een Recht (accounts/rollen.py), geen rol"


def templates():
    return sorted((ROOT / "templates").rglob("*.html"))


def test_templates_ask_capabilities_never_the_role():
    vergelijkingen = [
        f"{pad.relative_to(ROOT)}"
        for pad in templates()
        if re.search(r"rolcontext\.rol\s*(==|!=)|rolcontext\.rol\s+(not\s+)?in\b", pad.read_text())
    ]
    assert vergelijkingen == []


def test_templates_name_only_known_capabilities():
    namen = {
        naam
        for pad in templates()
        for naam in re.findall(r"rolcontext\.rechten\.(\w+)", pad.read_text())
    }
    assert namen, "the navigation asks rolcontext.rechten"
    assert namen <= {recht.value for recht in Recht}


# The table matches the permission matrix -----------------------------------------------

# Pages that only the role decides (no pupil involved): who may open them.
PAGINA_RECHTEN = {
    "accounts:toegangslog": {Recht.TOEGANGSLOG_DOORZOEKEN},
    "accounts:beheer_organisatie": {Recht.ORGANISATIE_BEHEREN},
    "accounts:overstappen": {Recht.REGIO_OVERZIEN, Recht.SWV_OVERZIEN},
    "fasenmodel:overzicht": {Recht.REGIO_OVERZIEN, Recht.SWV_OVERZIEN},
    "arrangeren:regiomonitor": {Recht.REGIOMONITOR},
    "arrangeren:regiomonitor_csv": {Recht.REGIOMONITOR},
    "fasenmodel:thuiszitters": {
        Recht.REGIO_OVERZIEN,
        Recht.SWV_OVERZIEN,
        Recht.THUISZITTERS_SCHOOL,
    },
}


def persona_rechten(email: str) -> Rechten:
    """The capabilities of the role a persona works in by default (the first one)."""
    lid = Lidmaatschap.objects.filter(user=user_by_email(email)).first()
    return rechten_van(lid.rol if lid else None)


@pytest.mark.django_db
@pytest.mark.parametrize("naam", sorted(PAGINA_RECHTEN))
def test_capability_table_matches_the_permission_matrix(naam):
    entry = MATRIX[naam]
    for persona in PERSONAS:
        mag = bool(persona_rechten(persona) & PAGINA_RECHTEN[naam])
        assert (entry.expected(persona) == 200) == mag, (naam, persona)
    assert IEDEREEN[0] not in PERSONAS  # anonymous has no role and is sent to login


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "zichtbaar", "onzichtbaar"),
    [
        ("ib@demo.nl", ["tlv_lijst", "thuiszitters"], ["fasenmodel:overzicht", "overstappen"]),
        ("swv@demo.nl", ["tlv_lijst", "thuiszitters", "fasenmodel:overzicht", "overstappen"], []),
        ("mentor@demo.nl", [], ["tlv_lijst", "thuiszitters", "overstappen"]),
        ("leerplicht@demo.nl", ["thuiszitters", "overstappen"], ["tlv_lijst"]),
    ],
)
def test_navigation_follows_the_active_roles_capabilities(login, email, zichtbaar, onzichtbaar):
    urls = {
        "tlv_lijst": reverse("arrangeren:tlv_lijst"),
        "thuiszitters": reverse("fasenmodel:thuiszitters"),
        "fasenmodel:overzicht": reverse("fasenmodel:overzicht"),
        "overstappen": reverse("accounts:overstappen"),
    }
    html = login(email).get("/").content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    for naam in zichtbaar:
        assert f'href="{urls[naam]}"' in nav, naam
    for naam in onzichtbaar:
        assert f'href="{urls[naam]}"' not in nav, naam
