"""Files kept with a contract: the contract, its annexes, protocols and delay evidence."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ratusz.core.errors import Denied
from ratusz.core.models import Attachment
from ratusz.suppliers import selectors, services
from ratusz.suppliers.tests.factories import make_contract

pytestmark = pytest.mark.django_db


def _upload(name="aneks-1.txt", content=b"Aneks nr 1 do umowy"):
    return SimpleUploadedFile(name, content, "text/plain")


def test_a_file_is_kept_with_the_contract_saying_what_it_is(office):
    contract = make_contract(office)
    kept = services.attach_contract_file(
        actor=office.quality, contract=contract, file=_upload(), kind="annex", description="nr 1"
    )
    assert kept.description == "Annex: nr 1"
    assert selectors.contract_files(contract) == [kept]


def test_only_those_who_run_the_contract_attach_files(office):
    contract = make_contract(office)
    with pytest.raises(Denied):
        services.attach_contract_file(actor=office.employee, contract=contract, file=_upload())
    assert not Attachment.objects.exists()


def test_an_empty_file_is_refused_on_its_field(office):
    contract = make_contract(office)
    with pytest.raises(ValidationError) as refused:
        services.attach_contract_file(
            actor=office.quality, contract=contract, file=_upload(content=b"")
        )
    assert "file" in refused.value.error_dict
    assert not Attachment.objects.exists()


def test_the_page_attaches_lists_and_serves_the_file(office, client_for):
    contract = make_contract(office)
    response = client_for(office.quality).post(
        f"/suppliers/contracts/{contract.pk}/attach/",
        {"kind": "delay", "description": "dziennik budowy", "file": _upload("dziennik.txt")},
    )
    assert response.status_code == 302
    reader = client_for(office.employee)
    page = reader.get(contract.get_absolute_url()).content.decode()
    assert "dziennik.txt" in page
    kept = Attachment.objects.get()
    assert reader.get(f"/attachments/{kept.pk}/").status_code == 200
    assert client_for(office.external).get(f"/attachments/{kept.pk}/").status_code == 404


def test_the_page_names_the_missing_file(office, client_for):
    contract = make_contract(office)
    response = client_for(office.quality).post(
        f"/suppliers/contracts/{contract.pk}/attach/", {"kind": "contract"}
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not Attachment.objects.exists()
