"""The documents pages: register, controlled copies, search, diff, reading list."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from ratusz.core import search
from ratusz.documents import services
from ratusz.documents.tests.factories import bring_into_force, confirm_read, make_document


def docx(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


@pytest.mark.parametrize(
    "path", ["/documents/", "/documents/?state=in_force&sort=review", "/documents/to-read/"]
)
def test_register_queries_do_not_grow_with_documents(
    office, client_for, django_assert_max_num_queries, path
):
    client = client_for(office.employee)
    bring_into_force(office, make_document(office, title="First"))
    with django_assert_max_num_queries(14):
        assert client.get(path).status_code == 200
    for i in range(12):
        bring_into_force(office, make_document(office, title=f"Doc {i}"))
    with django_assert_max_num_queries(14):
        assert client.get(path).status_code == 200


def test_the_register_filters_and_shows_the_version_in_force(office, client_for):
    live = make_document(office, title="W mocy")
    bring_into_force(office, live)
    make_document(office, title="Szkic")
    client = client_for(office.quality)
    in_force = client.get("/documents/?state=in_force").context["page"].object_list
    assert [d.title for d in in_force] == ["W mocy"]
    html = client.get("/documents/?q=mocy", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"/documents/{live.pk}/v1/" in html and "Szkic" not in html


def test_a_restricted_document_is_not_listed_for_another_units_employee(office, client_for):
    secret = make_document(office, title="Naruszenia ochrony danych", confidentiality="restricted")
    listed = client_for(office.outsider).get("/documents/").context["page"].object_list
    assert secret not in list(listed)
    listed = client_for(office.employee).get("/documents/").context["page"].object_list
    assert secret in list(listed)


def test_the_controlled_copy_is_stamped_on_every_page(office, client_for):
    body = "\n\n".join(f"## Punkt {i}\n\n" + "Tekst procedury. " * 80 for i in range(8))
    version = bring_into_force(office, make_document(office, body=body))
    response = client_for(office.employee).get(
        f"/documents/{version.document_id}/v1/pdf/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        text = page.extract_text()
        assert "P-01" in text and "version 1" in text and "In force" in text
        assert "Uncontrolled when printed" in text


def test_the_controlled_copy_names_its_approver_the_date_and_the_whole_content_hash(
    office, client_for
):
    version = bring_into_force(office, make_document(office, body="Treść procedury."))
    version.refresh_from_db()
    approver = version.approver.get_full_name()

    response = client_for(office.employee).get(
        f"/documents/{version.document_id}/v1/pdf/", HTTP_ACCEPT_LANGUAGE="en"
    )

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    flat = "".join(text.split())
    assert f"Approved by {approver}".replace(" ", "") in flat
    assert version.content_hash in flat


def test_an_uploaded_pdf_is_stamped_and_a_superseded_one_watermarked(office, client_for):
    from ratusz.lib.controlled_copy import Stamp, html_to_pdf

    original = html_to_pdf("<p>Oryginalny plik procedury</p>", Stamp("X", "X", "X", "X", "X", "X"))
    document = make_document(office, body="")
    draft = document.versions.get()
    services.add_file(
        actor=office.owner, version=draft, upload=SimpleUploadedFile("procedura.pdf", original)
    )
    first = bring_into_force(office, document)
    services.start_new_version(actor=office.owner, document=document)
    bring_into_force(office, document)
    first.refresh_from_db()
    response = client_for(office.quality).get(
        f"/documents/{document.pk}/v1/pdf/", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Oryginalny plik procedury" in text
    assert "SUPERSEDED" in text and "Uncontrolled when printed" in text
    assert first.content_hash in "".join(text.split())


def test_search_finds_a_phrase_from_inside_an_uploaded_word_file(office, client_for):
    document = make_document(office, body="")
    services.add_file(
        actor=office.owner,
        version=document.versions.get(),
        upload=SimpleUploadedFile("karta.docx", docx("Termin załatwienia sprawy wynosi 14 dni")),
    )
    bring_into_force(office, document)
    results = search.search(office.employee, "załatwienia sprawy", kinds=["document"])
    assert [hit.object_id for hit in results.results] == [str(document.pk)]
    html = client_for(office.employee).get("/search/?q=załatwienia").content.decode()
    assert "<mark>" in html and document.number in html


def test_the_diff_shows_what_changed_between_versions(office, client_for):
    document = make_document(office, body="Linia pierwsza\nLinia druga")
    bring_into_force(office, document)
    draft = services.start_new_version(actor=office.owner, document=document)
    services.update_draft(
        actor=office.owner,
        version=draft,
        expected_version=None,
        body="Linia pierwsza\nLinia trzecia",
        change_summary="Zmiana",
    )
    html = client_for(office.owner).get(f"/documents/{document.pk}/v2/diff/1/").content.decode()
    assert "<del>− Linia druga</del>" in html and "<ins>+ Linia trzecia</ins>" in html


def test_the_document_page_shows_completion_by_unit_and_who_is_missing(office, client_for):
    document = make_document(office)
    services.set_distribution(actor=office.owner, document=document, units=[office.civil], roles=[])
    version = bring_into_force(office, document)
    confirm_read(office.employee, version)
    response = client_for(office.owner).get(f"/documents/{document.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    stats = response.context["stats"]
    assert stats.confirmed == 1 and stats.recipients == 3  # owner, employee, colleague
    assert {p.username for p in stats.missing} == {"owner", "colleague"}
    assert "1 of 3 people confirmed" in response.content.decode()


def test_editing_a_draft_page_keeps_the_text_on_conflict(office, client_for):
    document = make_document(office, body="Start", owner=office.employee)
    url = f"/documents/{document.pk}/v1/edit/"
    form = {"body": "Owner text", "change_summary": "x", "version": 1}
    assert client_for(office.owner).post(url, form).status_code == 302
    response = client_for(office.employee).post(
        url, {**form, "body": "Employee text"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert "Someone else saved this record" in html
    assert "Owner text" in html and "Employee text" in html


def test_the_version_page_shows_every_review_round_with_its_comments(office, client_for):
    document = make_document(office)
    version = document.versions.get()
    services.submit_for_review(
        actor=office.owner, version=version, expected_version=None, reviewers=[office.auditor]
    )
    services.record_review(
        actor=office.auditor, version=version, agreed=False, comment="Dodać terminy w pkt 3."
    )
    services.reject(actor=office.quality, version=version, expected_version=None, reason="Uwagi.")
    services.submit_for_review(
        actor=office.owner, version=version, expected_version=None, reviewers=[office.mayor]
    )
    page = client_for(office.owner).get(version.get_absolute_url()).content.decode()
    assert "Review round 2" in page
    assert "Review round 1" in page
    assert "Dodać terminy w pkt 3." in page
    assert page.index("Review round 2") < page.index("Review round 1")
