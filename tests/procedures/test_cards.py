"""The list of treatments builds its cards from the card template, once per card's content."""

import pytest
from django.template.loader import get_template
from django.urls import reverse

from tests.factories import make_condition, make_procedure


@pytest.mark.django_db
def test_treatment_list_cards_are_the_card_template_for_each_procedure(client):
    linked = make_procedure(conditions=[make_condition()], summary="Eases <pain> & stiffness.")
    unlinked = make_procedure(summary="Another treatment.")
    page = client.get(reverse("procedures:procedure_list")).content.decode()
    for procedure in (linked, unlinked):
        card = get_template("includes/procedure_card.html").render({"procedure": procedure})
        assert card in page
    assert "Eases &lt;pain&gt; &amp; stiffness." in page


@pytest.mark.django_db
def test_a_card_follows_its_procedure_when_it_changes(client):
    procedure = make_procedure(conditions=[make_condition()], title="Old title", slug="old")
    client.get(reverse("procedures:procedure_list"))
    procedure.title, procedure.slug = "New title", "new"
    procedure.save()
    page = client.get(reverse("procedures:procedure_list")).content.decode()
    assert '<a href="/procedures/new/">New title</a>' in page
    assert "Old title" not in page
