from django.contrib import admin
from django.urls import include, path

from accounts.views.system import gereed, healthz
from arrangeren.werk.views import mijn_werk

admin.site.site_header = "Samenplan beheer"
admin.site.site_title = "Samenplan beheer"

urlpatterns = [
    path("", mijn_werk, name="home"),
    path("healthz", healthz, name="healthz"),
    path("gereed", gereed, name="gereed"),
    path("beheer/admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("fasenmodel.urls")),
    path("", include("opp.urls")),
    path("", include("arrangeren.urls")),
]

handler403 = "accounts.views.system.geen_toegang"
handler404 = "django.views.defaults.page_not_found"
handler500 = "accounts.views.system.server_error"
