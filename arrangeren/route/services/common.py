from django.core.exceptions import PermissionDenied, ValidationError

CONFLICT = "conflict"


class Bewerkconflict(ValidationError):
    """Someone else saved in between; the form keeps what this user typed."""

    def __init__(self, wat: str = "Dit onderdeel"):
        super().__init__(
            f"{wat} is intussen door iemand anders gewijzigd. Uw tekst staat hieronder nog; "
            "vergelijk die met de opgeslagen versie en sla opnieuw op.",
            code=CONFLICT,
        )


def vereis(toegestaan: bool, melding: str) -> None:
    if not toegestaan:
        raise PermissionDenied(melding)
