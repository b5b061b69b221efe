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


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["naam"]
    list_display = ["naam", "email", "is_active"]
    search_fields = ["naam", "email"]
    list_filter = ["is_active", "lidmaatschappen__rol"]
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
