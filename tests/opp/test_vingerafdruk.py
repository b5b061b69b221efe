"""A parent asked to sign sees a short fingerprint of the content (its first 8
characters); the whole SHA-256 only on request, in a <details> (issue 16, part 1)."""

import re

from django.urls import reverse

from opp.inhoud import canoniek, sha256
from opp.models import Opp


def test_the_parent_sees_eight_characters_and_the_whole_hash_only_in_details(login, sam):
    opp = Opp.objects.get(leerling=sam, versie=1)  # waits for the parents' signatures
    volledig = sha256(canoniek(opp))
    pagina = login("ouder@demo.nl").get(reverse("opp:opp_detail", args=[opp.uuid]))
    # What a reader sees: the forms carry the hash they sign in hidden fields.
    html = re.sub(r"<input[^>]*>", "", pagina.content.decode())

    assert f'<code class="vingerafdruk__kort">{volledig[:8]}</code>' in html
    details = re.findall(r"<details>.*?</details>", html, re.S)
    met_hash = [d for d in details if volledig in d]
    assert len(met_hash) == 1
    assert "<summary>Volledige vingerafdruk</summary>" in met_hash[0]
    # Nowhere else on the page: outside that <details> the 64 characters do not appear.
    assert html.count(volledig) == 1
