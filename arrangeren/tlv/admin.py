"""The beheerder sets each SWV's TLV decision deadline (no pupil data here)."""

from django.contrib import admin

from arrangeren.tlv.models import TlvInstelling


@admin.register(TlvInstelling)
class TlvInstellingAdmin(admin.ModelAdmin):
    list_display = ["swv", "beslistermijn_weken", "verlenging_weken"]
    list_select_related = ["swv"]
