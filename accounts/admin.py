"""Beheeromgeving of the region's beheerder: only what reaches no pupil.

Organisation settings (with the named contact who confirms a first beheerder) and
switching an account off. Accounts are not made here, and nobody's password, e-mail
address or role is set here: people are invited and get their role with four eyes in
the app (accounts/rolbeheer.py, docs/beheer.md).
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.html import format_html_join

from accounts.contactpersoon import contact_vast, meld_oude_contactpersoon, vervang_contactlinks
from accounts.models import Beheergebeurtenis, Organisatie, User

_admin_login = admin.site.login


def _login_voor_beheer(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """Someone logged in without admin rights gets 404, like any page outside her role
    (docs/rollen.md), not the admin's "not authorized" login form."""
    if not admin.site.has_permission(request):
        raise Http404
    return _admin_login(request, extra_context)


# The admin logs in through the project's own login, with its second factor.
admin.site.login = login_required(_login_voor_beheer)

# Nobody sets another person's second factor here (django-otp registers its devices), and
# rights go by role, not by group. The apps before this one registered these already.
for model in list(admin.site._registry):
    if model._meta.app_config.name.startswith("django_otp") or model is Group:
        admin.site.unregister(model)


class AlleenLezen:
    """Axes' records of login attempts, to look at only: they are evidence. Axes locks
    nobody out; the waits and the lock the owner lifts are accounts/inlogrem.py. No
    search box: it would put e-mail addresses in the URL."""

    actions = None
    search_fields = ()

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, model_admin in [
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, type(model_admin.__name__, (AlleenLezen, model_admin), {}))


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Read-only accounts; the one change allowed is switching an account off (or on).

    Switching off only takes access away (the next request is logged out); switching
    back on restores roles that were confirmed with four eyes before. Deliberately not
    Django's UserAdmin: that one adds accounts and sets passwords.
    """

    ordering = ["naam"]
    list_display = ["naam", "email", "is_active", "geactiveerd_op"]
    # No search box: a name or e-mail address in the query string ends up in access logs.
    list_filter = ["is_active", "lidmaatschappen__rol", "lidmaatschappen__organisatie__soort"]
    fieldsets = [
        (None, {"fields": ["email", "naam", "telefoon"]}),
        (
            "Status",
            {
                "fields": [
                    "is_active",
                    "geactiveerd_op",
                    "uitgenodigd_door",
                    "date_joined",
                    "last_login",
                    "is_staff",
                    "is_superuser",
                ]
            },
        ),
        ("Rollen (beheerd door de organisatie zelf)", {"fields": ["rollen"]}),
    ]
    alleen_lezen = [
        "email",
        "naam",
        "telefoon",
        "geactiveerd_op",
        "uitgenodigd_door",
        "date_joined",
        "last_login",
        "is_staff",
        "is_superuser",
        "rollen",
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.pk == request.user.pk:
            return [*self.alleen_lezen, "is_active"]  # nobody locks herself out here
        return self.alleen_lezen

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="rollen")
    def rollen(self, obj):
        return (
            format_html_join(
                "\n", "<div>{}</div>", ((str(lid),) for lid in obj.lidmaatschappen.all())
            )
            or "—"
        )


class AutocompleteSelect(widgets.AutocompleteSelect):
    """Django's autocomplete select, valid HTML: its empty choice (the "none" that
    Select2 hides) carries a label, as an empty <option> must (Nu Html Checker)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value == "" and not label:
            option["attrs"]["label"] = "---------"
        return option


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "sector", "code", "swv", "gemeente"]
    list_filter = ["soort", "sector"]
    search_fields = ["naam", "code"]
    autocomplete_fields = ["swv", "gemeente"]
    fieldsets = [
        (None, {"fields": ["naam", "soort", "sector", "code", "plaats", "swv", "gemeente"]}),
        (
            "Vaste contactpersoon",
            {
                "fields": ["contactpersoon_naam", "contactpersoon_email"],
                "description": "Bijvoorbeeld de directeur of bestuurder. Bevestigt de eerste "
                "beheerder van de organisatie; kan die niet zelf zijn. Controleer haar vóór het "
                "eerste voorstel: daarna wijzigen alleen de beheerders van de organisatie haar.",
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None or not contact_vast(obj):
            return self.fieldsets
        uitleg = (
            "Bevestigt een beheerder die niemand binnen de organisatie kan bevestigen. Deze "
            "organisatie heeft (of had een voorstel voor) een beheerder: de contactpersoon "
            "wijzigen alleen haar eigen beheerders (Medewerkers en rollen)."
        )
        contact = ("Vaste contactpersoon", {**self.fieldsets[1][1], "description": uitleg})
        return [self.fieldsets[0], contact]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The roles of an organisation's people must fit its soort (accounts/rollen.py).
        # Once it has (or had a proposal for) a beheerder, the contact is its own to
        # change: one the region could set would confirm the region's own candidate.
        if contact_vast(obj):
            return ["soort", "contactpersoon_naam", "contactpersoon_email"]
        return ["soort"]

    def save_model(self, request, obj, form, change):
        oud = Organisatie.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        velden = [str(form.fields[naam].label) for naam in form.changed_data]
        if velden or not change:
            Beheergebeurtenis.objects.create(
                organisatie=obj,
                soort=Beheergebeurtenis.Soort.ORGANISATIE,
                door=request.user,
                toelichting=(f"Gewijzigd: {', '.join(velden)}" if change else "Aangemaakt")[:500],
            )
        vorige = oud.contactpersoon_email if oud else ""
        if vorige and vorige != obj.contactpersoon_email:
            vervang_contactlinks(obj)
            meld_oude_contactpersoon(
                obj, oude_naam=oud.contactpersoon_naam, oude_email=vorige, door=request.user
            )
