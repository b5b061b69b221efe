"""Beheeromgeving for the beheerder: organisations, users and their roles. No case content."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.decorators import login_required

from accounts.models import Lidmaatschap, Organisatie, User

# The admin logs in through the project's own login, with its second factor.
admin.site.login = login_required(admin.site.login)


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["organisatie"]

    # Nobody grants themselves a role: a beheerder with a school role would see every
    # pupil of that school. Another beheerder assigns it (and the history shows who).
    def _own(self, request, obj) -> bool:
        return obj is not None and obj.pk == request.user.pk

    def has_add_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_delete_permission(request, obj)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["naam"]
    list_display = ["naam", "email", "is_active"]
    # No search box: a name or e-mail address in the query string ends up in access logs.
    list_filter = ["is_active", "lidmaatschappen__rol", "lidmaatschappen__organisatie__soort"]
    inlines = [LidmaatschapInline]
    fieldsets = [
        (None, {"fields": ["email", "naam", "password"]}),
        ("Status", {"fields": ["is_active", "is_staff", "date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "naam", "password1", "password2"]})
    ]
    readonly_fields = ["date_joined", "last_login"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "sector", "code", "swv", "gemeente"]
    list_filter = ["soort", "sector"]
    search_fields = ["naam", "code"]
    autocomplete_fields = ["swv", "gemeente"]
