from django.core.exceptions import PermissionDenied, ValidationError

from accounts.schrijfwijze import klein
from arrangeren.route.models import Mdo

CONFLICT = "conflict"


class Bewerkconflict(ValidationError):
    """Someone else saved in between; the form keeps what this user typed."""

    def __init__(self, wat: str = "Dit onderdeel") -> None:
        super().__init__(
            f"{wat} is intussen door iemand anders gewijzigd. Uw tekst staat hieronder nog; "
            "vergelijk die met de opgeslagen versie en sla opnieuw op.",
            code=CONFLICT,
        )


def vereis(toegestaan: bool, melding: str) -> None:
    if not toegestaan:
        raise PermissionDenied(melding)


def vergrendel_mdo(mdo: Mdo, versie: int | None = None) -> Mdo:
    """The MDO read again under a row lock; refused once held or cancelled, or when
    someone else changed it since `versie`."""
    current = Mdo.objects.select_for_update().select_related("traject__leerling").get(pk=mdo.pk)
    if versie is not None and current.versie != versie:
        raise Bewerkconflict("Dit MDO")
    if current.status in (Mdo.Status.GEHOUDEN, Mdo.Status.GEANNULEERD):
        raise ValidationError(f"Dit MDO is {klein(current.get_status_display())}.")
    return current
