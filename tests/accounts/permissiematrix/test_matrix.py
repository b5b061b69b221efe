"""Every named URL has a row in the matrix, and every row holds for every persona.

Adding a URL without an entry in the matrix (`matrix.py`) fails
`test_every_named_url_has_a_matrix_entry`: whoever adds a view decides, in that
table, who may reach it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Toegangslog
from tests.accounts.permissiematrix.entries import IEDEREEN, OUDER_ZONDER_GEZAG
from tests.accounts.permissiematrix.kwargs import sam_kwargs
from tests.accounts.permissiematrix.matrix import MATRIX, request_as


def all_url_names(patterns=None, namespace=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from all_url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_named_url_has_a_matrix_entry():
    names = {name for name in all_url_names() if not name.startswith("admin:")}
    missing = names - MATRIX.keys()
    assert not missing, f"URL zonder rij in de permissiematrix: {sorted(missing)}"
    assert MATRIX.keys() - names - {"admin:index"} == set(), "matrix names unknown URLs"


@pytest.mark.parametrize("persona", IEDEREEN)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, db, name, persona):
    entry = MATRIX[name]
    before = Toegangslog.objects.count()
    response = request_as(client, persona, name, entry)
    assert response.status_code == entry.expected(persona), (name, persona)
    if entry.logs_leerling:
        # Data shown means a log row; a 404 or a redirect to login writes none.
        written = Toegangslog.objects.count() - before
        assert written == (1 if response.status_code == 200 else 0)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix_for_a_parent_without_custody(client, db, name):
    """Every row once more for Sam's father after his custody ended (BW 1:377c)."""
    test_permission_matrix(client, db, name, OUDER_ZONDER_GEZAG)


def test_anonymous_is_sent_to_login_not_shown_anything(client, db):
    response = client.get(reverse("accounts:leerling_detail", kwargs=sam_kwargs()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
