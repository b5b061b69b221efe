"""Objects for the escalation rows of the permission matrix and the fuzz register."""

from accounts.models import Escalatieniveau


def niveau_kwargs():
    """De Regenboog's first rung (the demo's: Directeur)."""
    return {
        "pk": Escalatieniveau.objects.get(organisatie__naam="Basisschool De Regenboog", niveau=1).pk
    }


def traject_opschaling_kwargs():
    """An open escalation of Sam's traject by the coördinator to the director."""
    from accounts.models import Organisatie, User
    from accounts.opschalen import schaal_op
    from arrangeren.route.models import Opschaling
    from tests.accounts.permissiematrix.kwargs import _sam_traject

    traject = _sam_traject()
    bestaand = Opschaling.objects.filter(traject=traject).first()
    if bestaand is None:
        bestaand = schaal_op(
            Opschaling,
            traject,
            door=User.objects.get(email="ib@demo.nl"),
            namens=Organisatie.objects.get(naam="Basisschool De Regenboog"),
            reden="De jeugdhulp start niet.",
            verwacht_niveau=1,
            link=lambda o: o.get_absolute_url(),
        )
    return {"uuid": bestaand.uuid}


def thuiszitter_opschaling_kwargs():
    from fasenmodel.demo import DEMO_OPSCHALING_REGENBOOG

    return {"uuid": DEMO_OPSCHALING_REGENBOOG}
