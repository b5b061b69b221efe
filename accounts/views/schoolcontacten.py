"""The jeugdteam's beheerder binds its people to schools as vaste contactpersoon S(B)O or
contactpersoon gemeentelijke toegang; a school's beheerder sees who its contacts are.

No pupil data here. Everyone but an organisation's beheerder of a jeugdteam or a school gets
404. The rules live in accounts/schoolcontacten.py (docs/rollen.md, "Contactpersonen van
een school").
"""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import StyledFormMixin
from accounts.models import Contactsoort, Organisatie, Schoolcontactpersoon, User
from accounts.permissions import beheerde_organisatie
from accounts.rollen import Soort
from accounts.schoolcontacten import (
    beeindig_contactpersoon,
    bindingen_van_team,
    contacten_van,
    kandidaten,
    wijs_contactpersoon_aan,
)
from accounts.views.rolbeheer import foutmelding


class AanwijzenForm(StyledFormMixin, forms.Form):
    school = forms.ModelChoiceField(
        label="School", queryset=Organisatie.objects.none(), empty_label="Kies een school"
    )
    soort = forms.ChoiceField(
        label="Soort contactpersoon",
        choices=[("", "Kies het soort"), *Contactsoort.choices],
        help_text="Een vaste contactpersoon S(B)O alleen voor een school voor speciaal "
        "(basis)onderwijs; elke school heeft een contactpersoon gemeentelijke toegang.",
    )
    user = forms.ModelChoiceField(
        label="Medewerker", queryset=User.objects.none(), empty_label="Kies een medewerker"
    )
    geldig_van = forms.DateField(
        label="Vanaf",
        required=False,
        help_text="Leeg: vandaag.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, jeugdteam: Organisatie, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Organisatie.objects.scholen().order_by("naam")
        self.fields["user"].queryset = kandidaten(jeugdteam).order_by("naam")
        self.fields["user"].label_from_instance = lambda user: user.naam


def _organisatie(request: HttpRequest) -> Organisatie:
    organisatie = beheerde_organisatie(request.user)
    if organisatie is None or organisatie.soort not in (Soort.JEUGDTEAM, Soort.SCHOOL):
        raise Http404("Niet gevonden.")
    return organisatie


@login_required
@require_http_methods(["GET", "POST"])
def schoolcontacten(request: HttpRequest) -> HttpResponse:
    organisatie = _organisatie(request)
    if organisatie.soort == Soort.SCHOOL:
        context = {"organisatie": organisatie, "contacten": contacten_van(organisatie)}
        return render(request, "beheer/schoolcontacten_school.html", context)
    form = AanwijzenForm(organisatie, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            binding = wijs_contactpersoon_aan(
                organisatie,
                door=request.user,
                school=form.cleaned_data["school"],
                soort=form.cleaned_data["soort"],
                user=form.cleaned_data["user"],
                geldig_van=form.cleaned_data["geldig_van"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except PermissionDenied as exc:
            raise Http404("Niet gevonden.") from exc
        else:
            messages.success(
                request,
                f"{binding.user.naam} is {binding.get_soort_display().lower()} van "
                f"{binding.school.naam}.",
            )
            return redirect("accounts:schoolcontacten")
    context = {
        "organisatie": organisatie,
        "bindingen": list(bindingen_van_team(organisatie)),
        "form": form,
    }
    status = 400 if form.errors else 200
    return render(request, "beheer/schoolcontacten.html", context, status=status)


@login_required
@require_POST
def schoolcontact_beeindigen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    organisatie = _organisatie(request)
    binding = get_object_or_404(
        Schoolcontactpersoon.objects.select_related("user", "school", "jeugdteam"),
        uuid=uuid,
        jeugdteam=organisatie,
    )
    try:
        beeindig_contactpersoon(binding, door=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, foutmelding(exc))
    else:
        messages.success(
            request,
            f"{binding.user.naam} is niet langer {binding.get_soort_display().lower()} van "
            f"{binding.school.naam}.",
        )
    return redirect("accounts:schoolcontacten")
