"""Forms (application files) kept with a service card and given to residents."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ratusz.core.errors import Denied
from ratusz.core.models import Attachment
from ratusz.services import selectors, services
from ratusz.services.tests.factories import PDF, PUBLISHED, make_card

pytestmark = pytest.mark.django_db


def _pdf(name="wniosek.pdf", content=PDF):
    return SimpleUploadedFile(name, content, "application/pdf")


def _attach(office, card, upload=None, actor=None, description="Wniosek o wydanie dowodu"):
    return services.attach_form(
        actor=actor or office.quality, card=card, file=upload or _pdf(), description=description
    )


def test_the_head_of_the_unit_attaches_a_form_shown_on_the_staff_card(office, client_for):
    card = make_card(office)
    response = client_for(office.owner).post(
        f"/services/cards/{card.pk}/forms/",
        {"file": _pdf(), "description": "Wniosek o wydanie dowodu"},
    )
    assert response.status_code == 302
    form = Attachment.objects.get()
    assert form.mime_type == "application/pdf" and form.uploaded_by == office.owner
    reader = client_for(office.employee)
    page = reader.get(card.get_absolute_url()).content.decode()
    assert "wniosek.pdf" in page and "Wniosek o wydanie dowodu" in page
    assert "Attach a form" not in page  # an employee only reads the card
    download = reader.get(f"/attachments/{form.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("zdjecie.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "A form is a PDF, DOCX, ODT"),
        ("wniosek.exe", b"MZ\x90\x00", "A form is a PDF, DOCX, ODT"),
        ("wniosek", PDF, "without an extension"),
        ("wniosek.pdf", b"<!doctype html><script>alert(1)</script>", "is not a .pdf file"),
    ],
)
def test_a_file_that_is_not_a_form_is_refused_on_the_file_field(
    office, client_for, name, content, said
):
    card = make_card(office)
    response = client_for(office.quality).post(
        f"/services/cards/{card.pk}/forms/", {"file": _pdf(name, content)}
    )
    assert response.status_code == 400
    form = response.context["form_file"]
    assert said in " ".join(form.errors["file"])
    page = response.content.decode()
    assert 'id="id_file_error"' in page and said in page  # under the field, not a 500
    assert not Attachment.objects.exists()


def test_an_empty_form_file_is_refused_on_its_field(office):
    card = make_card(office)
    with pytest.raises(ValidationError) as refused:
        _attach(office, card, _pdf(content=b""))
    assert "file" in refused.value.error_dict
    assert not Attachment.objects.exists()


def test_only_those_who_keep_the_card_attach_and_remove_forms(office, client_for):
    card = make_card(office)
    with pytest.raises(Denied):
        _attach(office, card, actor=office.employee)
    with pytest.raises(Denied):
        _attach(office, card, actor=office.transport_owner)  # the head of another unit
    assert not Attachment.objects.exists()
    form = _attach(office, card)
    url = f"/services/cards/{card.pk}/forms/{form.pk}/remove/"
    assert client_for(office.employee).post(url).status_code == 403
    assert client_for(office.owner).post(url).status_code == 302
    assert not Attachment.objects.exists()


def test_a_file_of_another_record_is_not_removed_through_a_card(office, client_for):
    card = make_card(office)
    other = make_card(office, number="KU-SO-02")
    form = _attach(office, other)
    response = client_for(office.quality).post(
        f"/services/cards/{card.pk}/forms/{form.pk}/remove/", follow=True
    )
    assert "belongs to another record" in response.content.decode()
    assert Attachment.objects.filter(pk=form.pk).exists()


def test_residents_download_the_forms_of_a_published_card(office, client_for):
    card = make_card(office, **PUBLISHED)
    form = _attach(office, card)
    anonymous = client_for(None)
    page = anonymous.get(card.get_public_url()).content.decode()
    url = f"/public/services/{card.pk}/forms/{form.pk}/"
    assert url in page and "Wniosek o wydanie dowodu" in page
    download = anonymous.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="wniosek.pdf"')
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF


def test_forms_of_a_card_not_published_stay_with_the_staff(office, client_for):
    from ratusz.services import services as card_services

    hidden = make_card(office)
    hidden_form = _attach(office, hidden)
    anonymous = client_for(None)
    assert anonymous.get(f"/public/services/{hidden.pk}/forms/{hidden_form.pk}/").status_code == 404
    # Nor through a published card's address.
    public = make_card(office, number="KU-SO-02", **PUBLISHED)
    assert anonymous.get(f"/public/services/{public.pk}/forms/{hidden_form.pk}/").status_code == 404
    # A card withdrawn from the catalogue takes its forms with it.
    form = _attach(office, public)
    assert anonymous.get(f"/public/services/{public.pk}/forms/{form.pk}/").status_code == 200
    card_services.update_card(
        actor=office.quality, card=public, expected_version=1, is_published=False
    )
    assert anonymous.get(f"/public/services/{public.pk}/forms/{form.pk}/").status_code == 404


def test_a_new_form_is_the_cards_last_change(office):
    card = make_card(office, **PUBLISHED)
    before = card.updated_at
    _attach(office, card)
    card.refresh_from_db()
    assert card.updated_at > before
    assert [f.original_name for f in selectors.card_forms(card)] == ["wniosek.pdf"]


def test_the_card_pages_read_a_fixed_number_of_queries_whatever_the_forms(office, client_for):
    card = make_card(office, **PUBLISHED)
    _attach(office, card)
    staff, anonymous = client_for(office.quality), client_for(None)
    staff.get(card.get_absolute_url())  # fills the per-process caches (content types)

    def queries(client, url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    staff_one = queries(staff, card.get_absolute_url())
    public_one = queries(anonymous, card.get_public_url())
    # The public card: the card, its figures and its forms (with the session and
    # the portal's sections), as the budget of the catalogue's pages allows.
    assert public_one <= 8
    for n in range(4):
        _attach(office, card, _pdf(f"zalacznik-{n}.pdf"))
    assert queries(staff, card.get_absolute_url()) == staff_one
    assert queries(anonymous, card.get_public_url()) == public_one
