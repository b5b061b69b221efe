from django.contrib import admin
from django.urls import include, path

from accounts.views.home import home
from accounts.views.system import healthz

admin.site.site_header = "Samenplan beheer"
admin.site.site_title = "Samenplan beheer"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("beheer/admin/", admin.site.urls),
    path("", include("accounts.urls")),
]

handler403 = "django.views.defaults.permission_denied"
handler404 = "django.views.defaults.page_not_found"
handler500 = "django.views.defaults.server_error"
