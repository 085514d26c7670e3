"""The review pages: list, planning, the review page with its steps, the pack PDF."""

from __future__ import annotations

import io
from datetime import timedelta

from django.utils import timezone
from pypdf import PdfReader

from ratusz.reviews.models import Decision, Review
from ratusz.reviews.tests.factories import decide, held, plan, recorded


def test_the_list_queries_do_not_grow_with_reviews(
    office, client_for, django_assert_max_num_queries
):
    client = client_for(office.employee)
    plan(office)
    # session, user, roles, count, rows, office and unread count
    with django_assert_max_num_queries(10):
        assert client.get("/reviews/").status_code == 200
    for _ in range(12):
        decide(office, held(office))
    with django_assert_max_num_queries(10):
        response = client.get("/reviews/")
    assert response.status_code == 200
    assert response.content.count(b"/reviews/") >= 13


def test_the_quality_manager_plans_a_review_from_the_page(office, client_for):
    client = client_for(office.quality)
    response = client.post(
        "/reviews/new/",
        {
            "planned_date": timezone.localdate().isoformat(),
            "chair": office.mayor.pk,
            "attendees": [office.owner.pk],
        },
    )
    review = Review.objects.get()
    assert response.status_code == 302 and response.url == review.get_absolute_url()


def test_a_chair_outside_top_management_cannot_be_chosen(office, client_for):
    response = client_for(office.quality).post(
        "/reviews/new/",
        {"planned_date": timezone.localdate().isoformat(), "chair": office.owner.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Review.objects.exists()


def test_the_page_lists_the_agenda_with_compiled_inputs_and_gaps(office, client_for):
    review = plan(office)
    page = client_for(office.quality).get(review.get_absolute_url()).content.decode()
    assert "c4) Nonconformities and corrective actions" in page
    assert "Nonconformities opened" in page  # compiled from the improvement area
    assert "b) Changes in external and internal issues" in page
    assert 'id="id_c4_comment"' in page and 'id="id_b_comment"' in page


def test_a_topic_no_area_supplies_asks_for_its_evidence(office, client_for, monkeypatch):
    from ratusz.reviews import selectors

    # An installation without the context area: nothing compiles topic b).
    everything = selectors.area_modules
    monkeypatch.setattr(
        selectors,
        "area_modules",
        lambda name: [(label, m) for label, m in everything(name) if label != "context"],
    )
    review = plan(office)
    page = client_for(office.quality).get(review.get_absolute_url()).content.decode()
    assert "not held in Ratusz" in page
    assert "Attach the evidence for this input." in page


def test_a_comment_is_saved_from_the_page(office, client_for):
    review = plan(office)
    client = client_for(office.quality)
    response = client.post(
        f"/reviews/{review.pk}/comment/",
        {"topic": "c4", "comment": "Trend spadkowy.", "version": review.version},
    )
    assert response.status_code == 302
    assert "Trend spadkowy." in client.get(review.get_absolute_url()).content.decode()


def test_evidence_is_attached_to_an_input_ratusz_does_not_hold(office, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    review = plan(office)
    client = client_for(office.quality)
    upload = SimpleUploadedFile("zasoby.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(f"/reviews/{review.pk}/attach/", {"topic": "d", "upload": upload})
    assert response.status_code == 302
    page = client.get(review.get_absolute_url()).content.decode()
    assert "zasoby.pdf" in page


def test_holding_early_is_refused_with_the_reason_on_the_page(office, client_for):
    review = plan(office, timezone.localdate() + timedelta(days=2))
    response = client_for(office.quality).post(
        f"/reviews/{review.pk}/hold/",
        {"present": [office.mayor.pk], "version": review.version, "confirm": "on"},
    )
    assert response.status_code == 400
    assert "cannot be held before that day" in response.content.decode()
    review.refresh_from_db()
    assert review.status == Review.Status.PLANNED


def test_a_decision_without_an_owner_names_the_field(office, client_for):
    review = held(office)
    response = client_for(office.quality).post(
        f"/reviews/{review.pk}/decide/",
        {"kind": "change", "text": "Zmienić.", "due_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "Every decision needs an owner" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_stale_record_save_says_someone_else_saved_it(office, client_for):
    review = held(office)
    data = {"version": review.version, "suitability": "A", "adequacy": "", "effectiveness": ""}
    data["alignment"] = ""
    client = client_for(office.quality)
    assert client.post(f"/reviews/{review.pk}/record/", data).status_code == 302
    data["suitability"] = "B"
    response = client.post(f"/reviews/{review.pk}/record/", data)
    assert response.status_code == 400
    assert "Someone else saved this record" in response.content.decode()
    review.refresh_from_db()
    assert review.suitability == "A"


def test_the_held_page_shows_the_frozen_inputs_and_decisions(
    office, client_for, django_assert_max_num_queries
):
    review = recorded(office)
    decide(office, review)
    client = client_for(office.mayor)
    with django_assert_max_num_queries(16):
        page = client.get(review.get_absolute_url()).content.decode()
    assert "They no longer change." in page
    assert "Wdrożyć ankietę elektroniczną." in page
    assert "Sign the record (chair)" in page  # the mayor chairs it


def test_the_pack_pdf_holds_the_inputs_record_and_decisions(office, client_for):
    review = recorded(office)
    decide(office, review)
    response = client_for(office.employee).get(f"/reviews/{review.pk}/pack.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert review.reference in text
    assert "Nonconformities opened" in text
    assert "Zgodny ze strategią." in text
    assert "Wdrożyć ankietę elektroniczną." in text


def test_a_planned_review_has_no_pack_yet(office, client_for):
    review = plan(office)
    assert client_for(office.quality).get(f"/reviews/{review.pk}/pack.pdf").status_code == 404


def test_no_id_is_used_twice_on_the_review_page(office, client_for):
    import re
    from collections import Counter

    review = plan(office)
    for page in (
        client_for(office.quality).get(review.get_absolute_url()).content.decode(),
        client_for(office.quality).get(recorded(office).get_absolute_url()).content.decode(),
    ):
        twice = [i for i, n in Counter(re.findall(r' id="([^"]+)"', page)).items() if n > 1]
        assert twice == []


def test_the_pack_charts_each_input_against_the_previous_period(office, monkeypatch):
    from ratusz.reviews import pack

    drawn = pack.chart(
        [("Opened", "10", "5"), ("On time", "50%", "100%"), ("Trend", "—", "—"), ("Late", "0", "0")]
    )
    # Two rows (those without numbers or with two zeros are left out), each on its
    # own scale.
    assert drawn.count('<rect x="260"') == 2 * 2 + 1
    assert 'width="260.0"' in drawn and 'width="130.0"' in drawn
    assert ">10<" in drawn and ">5<" in drawn and ">50%<" in drawn
    assert "Trend" not in drawn and "Late" not in drawn
    assert pack.chart([("Notes", "—", "")]) == ""
    assert pack.chart([("Late", "0", "0")]) == ""

    from ratusz.core.models import Action

    office.action(title="Korekta rejestru", kind=Action.Kind.CORRECTIVE)
    review = recorded(office)
    monkeypatch.setattr(pack, "record_pdf", lambda title, html, **kw: html.encode())
    html = pack.review_pdf(review).decode()
    assert "<svg" in html  # the inputs with figures to compare have their charts
