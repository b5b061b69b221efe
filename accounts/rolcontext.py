"""On whose behalf a user works right now: one of their memberships, or as a parent.

Someone with several roles (a teacher who is also a parent, a consulent of two SWVs)
picks one in the header; the choice lives in the session and is shown on every page.

Templates ask what the active role may do (`rolcontext.rechten.tlv_inzien`, from the
table in accounts/rollen.py), never which role it is; rights on one object (a traject, an
OPP) are the view's own rights objects.

The role context lives as long as the request: it is read once (two queries: the user's
memberships with their organisation, and their custody rows) and everything the
permission policy derives from it for this request is kept on it (`onthoud`), so the
helpers of one page do not read the memberships again (accounts/permissions.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from accounts.models import Gezag, Lidmaatschap, Organisatie, User
from accounts.rollen import OUDER_LABEL, Ouderrecht, Rechten, ouder_mag, rechten_van

SESSION_KEY = "samenplan_rolcontext"
OUDER = "ouder"


@dataclass
class Rolcontext:
    lidmaatschap: Lidmaatschap | None
    is_ouder: bool
    keuzes: list[tuple[str, str]] = field(default_factory=list)
    # The pupils the user holds a custody row for, with whether it is legal custody
    # (`Gezag.heeft_gezag`); read with the memberships, used only when acting as parent.
    gezagen: dict[int, bool] = field(default_factory=dict)
    _onthouden: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def onthoud(self, sleutel: str, bereken: Callable[[], Any]) -> Any:
        """`bereken()` once for this request; later calls return the same value."""
        if sleutel not in self._onthouden:
            self._onthouden[sleutel] = bereken()
        return self._onthouden[sleutel]

    def vergeet(self) -> None:
        """Drop what was derived for this request (after a write that changes it)."""
        self._onthouden.clear()

    @property
    def rol(self) -> str | None:
        return self.lidmaatschap.rol if self.lidmaatschap else None

    @property
    def rechten(self) -> Rechten:
        """What the active role may do; nothing as a parent (custody is asked apart)."""
        return rechten_van(self.rol)

    @property
    def beslist_mee(self) -> bool:
        """Acting as a parent with custody of at least one child: consent is theirs to give
        (a parent without custody only hears about important matters, docs/rollen.md)."""
        return self.is_ouder and any(
            ouder_mag(gezag, Ouderrecht.BESLISSEN) for gezag in self.gezagen.values()
        )

    @property
    def organisatie(self) -> Organisatie | None:
        return self.lidmaatschap.organisatie if self.lidmaatschap else None

    @property
    def label(self) -> str:
        if self.lidmaatschap:
            return str(self.lidmaatschap)
        return OUDER_LABEL if self.is_ouder else "Geen rol"

    @property
    def sleutel(self) -> str:
        return str(self.lidmaatschap.pk) if self.lidmaatschap else OUDER


def keuzes_for_user(user: User) -> tuple[list[Lidmaatschap], bool]:
    lidmaatschappen, gezagen = _lees(user)
    return lidmaatschappen, bool(gezagen)


def _lees(user: User) -> tuple[list[Lidmaatschap], dict[int, bool]]:
    """The user's memberships (organisation loaded) and custody rows: two queries."""
    lidmaatschappen = list(Lidmaatschap.objects.filter(user=user).select_related("organisatie"))
    gezagen = dict(Gezag.objects.filter(ouder=user).values_list("leerling_id", "heeft_gezag"))
    return lidmaatschappen, gezagen


def get_rolcontext(request: HttpRequest) -> Rolcontext | None:
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return None
    cached = getattr(request, "_samenplan_rolcontext", None)
    if cached is not None:
        return cached
    lidmaatschappen, gezagen = _lees(user)
    is_ouder = bool(gezagen)
    keuzes = [(str(lid.pk), str(lid)) for lid in lidmaatschappen]
    if is_ouder:
        keuzes.append((OUDER, OUDER_LABEL))
    gekozen = request.session.get(SESSION_KEY)
    lidmaatschap = next((lid for lid in lidmaatschappen if str(lid.pk) == gekozen), None)
    if lidmaatschap is None and gekozen != OUDER and lidmaatschappen:
        lidmaatschap = lidmaatschappen[0]
    context = Rolcontext(
        lidmaatschap=lidmaatschap,
        is_ouder=lidmaatschap is None and is_ouder,
        keuzes=keuzes,
        gezagen=gezagen,
    )
    request._samenplan_rolcontext = context
    return context


def set_rolcontext(request: HttpRequest, sleutel: str) -> bool:
    """Switch the active role; False when the key is not one of the user's own."""
    lidmaatschappen, is_ouder = keuzes_for_user(request.user)
    geldig = {str(lid.pk) for lid in lidmaatschappen} | ({OUDER} if is_ouder else set())
    if sleutel not in geldig:
        return False
    request.session[SESSION_KEY] = sleutel
    request.__dict__.pop("_samenplan_rolcontext", None)
    request.user.samenplan_rolcontext = get_rolcontext(request)
    return True
