"""`{% foutregels form as regels %}`: the lines of the error summary above a form
(templates/includes/form_errors.html, issue 16 part 3).

Each line is (the id of the field to go to, or "" for an error of the whole form or of a
hidden field; the text). A field's line starts with its label, so that the summary says
which field is wrong, and links to the input itself: for a group of radio buttons or
checkboxes, to the first one (the group's wrapper cannot take focus)."""

from django import forms, template

register = template.Library()


def veld_id(veld: forms.BoundField) -> str:
    """The id of the element a link to this field should focus."""
    widget = veld.field.widget
    if isinstance(widget, forms.RadioSelect) and veld.auto_id:
        return widget.id_for_label(veld.auto_id, "0")
    return veld.id_for_label or veld.auto_id or ""


@register.simple_tag
def foutregels(form: forms.BaseForm | None) -> list[tuple[str, str]]:
    if form is None or not getattr(form, "is_bound", False) or not form.errors:
        return []
    regels = [("", str(fout)) for fout in form.non_field_errors()]
    for veld in form:
        if not veld.errors:
            continue
        tekst = " ".join(str(fout) for fout in veld.errors)
        if veld.is_hidden:
            regels.append(("", tekst))
        else:
            regels.append((veld_id(veld), f"{veld.label}: {tekst}"))
    return regels


@register.simple_tag(takes_context=True)
def eerste_foutoverzicht(context: template.Context) -> bool:
    """True for the page's first error summary only: one element has its id (and
    receives the focus) even if two forms on the page have errors."""
    request = context.get("request")
    if request is None:
        return True
    eerste = not getattr(request, "_foutoverzicht_getoond", False)
    request._foutoverzicht_getoond = True
    return eerste
