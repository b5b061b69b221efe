"""The suite's baseline without the demo's medewerker toegang (issue 15, opp/demo.py).

`seed_demo` asks Tom Verbeek (toegang@demo.nl), Jeugdteam Leiden's medewerker toegang, to
sign Sam's OPP, with both parents' consent to read it, so the demo walks to vastgesteld.
The suite's tests were written for Sam without any consent and a round without the
jeugdteam, and ask both themselves; so the test database takes the request and the
consent out again (tests/conftest.py), and likewise the consent Tom asked for Sam's
gezinsplan to be shared with the school (the plan itself stays). tests/accounts/
test_seed_demo.py seeds the OPP afresh and walks it to vastgesteld.
"""


def zonder_demo_toegang() -> None:
    from django.db.models import Q

    from accounts.models import Toestemming
    from accounts.services import sync_toegang
    from opp.demo import DEMO_OPP, TOEGANG_EMAIL
    from opp.models import Ondertekening

    Ondertekening.objects.filter(opp__uuid=DEMO_OPP, ondertekenaar__email=TOEGANG_EMAIL).delete()
    toestemmingen = Toestemming.objects.filter(
        Q(ontvanger__email=TOEGANG_EMAIL) | Q(gevraagd_door__email=TOEGANG_EMAIL)
    )
    leerlingen = {t.leerling for t in toestemmingen.select_related("leerling")}
    toestemmingen.delete()
    for leerling in leerlingen:
        sync_toegang(leerling)
