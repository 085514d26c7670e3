"""The staff report: when it happened, a photo or scan, and no grade before triage;
evidence of the corrective actions on the nonconformity's page."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ratusz.core import services as core_services
from ratusz.core.models import Attachment
from ratusz.improvement import services
from ratusz.improvement.models import Idea, Nonconformity
from ratusz.improvement.tests.factories import report, with_action

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _report(client, office, **fields):
    data = {
        "kind": "nonconformity",
        "title": "Zły adres w dowodzie",
        "description": "Wpisano zły numer domu.",
        "org_unit": office.civil.pk,
        "detected_on": timezone.localdate().isoformat(),
        **fields,
    }
    return client.post("/improvement/report/", data)


def test_the_report_form_asks_when_the_problem_happened(office, client_for):
    page = client_for(office.employee).get("/improvement/report/")
    assert page.context["form"]["detected_on"].value() == timezone.localdate()
    assert "When did the problem happen?" in page.content.decode()


def test_a_report_keeps_the_day_the_problem_happened(office, client_for):
    last_week = timezone.localdate() - timedelta(days=7)
    _report(client_for(office.employee), office, detected_on=last_week.isoformat())
    assert Nonconformity.objects.get().detected_on == last_week


def test_a_correction_made_before_the_report_is_accepted(office):
    # The problem happened on Monday and was fixed then; it is reported on Wednesday.
    monday = timezone.localdate() - timedelta(days=2)
    nc = report(office, detected_on=monday)
    nc = services.triage(
        actor=office.quality,
        nc=nc,
        expected_version=nc.version,
        accept=True,
        grade="minor",
        owner=office.owner,
        target_date=timezone.localdate() + timedelta(days=30),
    )
    nc = services.record_correction(
        actor=office.owner,
        nc=nc,
        expected_version=nc.version,
        correction="Wymieniono dowód.",
        correction_done_on=monday,
    )
    assert nc.correction_done_on == monday


def test_a_problem_dated_in_the_future_is_refused_on_its_field(office, client_for):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _report(client_for(office.employee), office, detected_on=tomorrow.isoformat())
    assert response.status_code == 200
    assert "detected_on" in response.context["form"].errors
    assert not Nonconformity.objects.exists()


def test_a_problem_without_its_date_names_the_field(office, client_for):
    response = _report(client_for(office.employee), office, detected_on="")
    assert "detected_on" in response.context["form"].errors
    assert not Nonconformity.objects.exists()


def test_a_photo_sent_with_the_report_is_its_evidence(office, client_for):
    photo = SimpleUploadedFile("okienko.png", PNG)
    response = _report(client_for(office.employee), office, evidence=photo)
    assert response.status_code == 302
    nc = Nonconformity.objects.get()
    attachment = Attachment.objects.get()
    assert attachment.target == nc and attachment.uploaded_by == office.employee
    page = client_for(office.quality).get(nc.get_absolute_url())
    assert "okienko.png" in page.content.decode()


def test_a_file_that_is_refused_saves_no_report(office, client_for):
    fake = SimpleUploadedFile("zdjecie.png", b"<html><script>x()</script></html>")
    response = _report(client_for(office.employee), office, evidence=fake)
    assert response.status_code == 200 and "evidence" in response.context["form"].errors
    assert not Nonconformity.objects.exists() and not Attachment.objects.exists()


def test_a_file_sent_with_an_idea_shows_on_the_idea(office, client_for):
    sketch = SimpleUploadedFile("szkic.png", PNG)
    _report(client_for(office.employee), office, kind="idea", detected_on="", evidence=sketch)
    idea = Idea.objects.get()
    page = client_for(office.employee).get(idea.get_absolute_url())
    assert "szkic.png" in page.content.decode()


def test_an_untriaged_report_shows_no_grade(office, client_for):
    nc = report(office)
    assert nc.grade == ""
    html = client_for(office.quality).get(nc.get_absolute_url()).content.decode()
    assert "Awaiting triage" in html and 'badge-muted">Minor' not in html
    listing = client_for(office.quality).get("/improvement/nonconformities/").content.decode()
    assert "not graded yet" in listing


def test_triage_offers_no_grade_already_chosen(office, client_for):
    nc = report(office)
    form = client_for(office.quality).get(nc.get_absolute_url()).context["triage_form"]
    assert not form["grade"].value()


def test_evidence_of_a_corrective_action_shows_on_its_nonconformity(office, client_for):
    nc, action = with_action(office)
    core_services.attach_file(
        actor=office.employee,
        target=action,
        upload=SimpleUploadedFile("lista-kontrolna.png", PNG),
    )
    html = client_for(office.owner).get(nc.get_absolute_url()).content.decode()
    assert "Evidence of the corrective actions" in html and "lista-kontrolna.png" in html
    assert action.reference in html
