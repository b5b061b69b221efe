"""Sections other features add to the traject page, through one AppConfig hook.

A feature that builds on the route (jeugdhulp, for instance) shows its part of a traject
by defining `traject_context(request, traject, rechten) -> dict` on its AppConfig; the
route never imports it (docs/adr/0005-feature-apps.md).
"""

from django.apps import apps
from django.http import HttpRequest


def traject_context(request: HttpRequest, traject, rechten) -> dict:
    context = {}
    for app_config in apps.get_app_configs():
        hook = getattr(app_config, "traject_context", None)
        if hook is not None:
            context.update(hook(request, traject, rechten))
    return context
