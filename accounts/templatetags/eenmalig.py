"""`{% formuliertoken %}`: the one-time token of a form that adds something
(accounts/eenmalig.py). Put it next to `{% csrf_token %}`."""

import uuid

from django import template
from django.utils.html import format_html

from accounts.eenmalig import VELD

register = template.Library()


@register.simple_tag
def formuliertoken() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', VELD, uuid.uuid4())
