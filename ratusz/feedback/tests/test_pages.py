"""The staff pages and the residents' portal: status, content, bad input, limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ratusz.feedback.models import Submission
from ratusz.feedback.tests.factories import assigned, decided, register

# The residents' pages count each address's requests in the database.
pytestmark = pytest.mark.django_db

GOOD = {
    "kind": "complaint",
    "subject": "Kary umowne nie są egzekwowane",
    "content": "Wykonawca spóźnił się pół roku, a kar nie naliczono.",
    "submitter_name": "Ewa Nowak",
    "submitter_address": "ul. Długa 2, Przykładowo",
    "submitter_email": "ewa@example.org",
}


@pytest.mark.parametrize(
    "path", ["/feedback/", "/feedback/?overdue=on&kind=complaint", "/feedback/?mine=on&missed=on"]
)
def test_the_list_queries_do_not_grow_with_submissions(
    office, client_for, django_assert_max_num_queries, path
):
    client = client_for(office.quality)
    register(office)
    # session, user, roles, office, unread count, unit choices, count, rows (+ navigation)
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200
    for i in range(15):
        assigned(office, subject=f"Skarga {i}")
    with django_assert_max_num_queries(12):
        response = client.get(path)
    assert response.status_code == 200


def test_the_detail_page_shows_the_steps_and_escapes_script(office, client_for):
    s = assigned(office, subject="<script>alert(1)</script>")
    response = client_for(office.employee).get(s.get_absolute_url())
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content
    assert b"step-decide" in response.content


def test_a_step_refused_shows_the_form_again_with_the_reason(office, client_for):
    s = assigned(office)
    response = client_for(office.employee).post(
        f"/feedback/{s.pk}/decide/", {"version": s.version, "outcome": "unjustified"}
    )
    assert response.status_code == 400
    assert b"factual and legal reasons" in response.content


def test_the_whole_handling_through_the_pages_ends_in_a_reply_pdf(office, client_for):
    s = decided(office)
    handler, head = client_for(office.employee), client_for(office.owner)
    draft = handler.post(
        f"/feedback/{s.pk}/draft/",
        {"version": s.version, "reply_text": "<b>Zasadna</b>", "reply_signatory": "A. Nowak"},
    )
    assert draft.status_code == 302
    s.refresh_from_db()
    assert head.post(f"/feedback/{s.pk}/approve/", {"version": s.version}).status_code == 302
    s.refresh_from_db()
    today = timezone.localdate().isoformat()
    sent = handler.post(
        f"/feedback/{s.pk}/send/", {"version": s.version, "reply_sent_on": today, "notified": ""}
    )
    assert sent.status_code == 302
    pdf = handler.get(f"/feedback/{s.pk}/reply.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_staff_register_a_phone_call(office, client_for):
    response = client_for(office.employee).post(
        "/feedback/new/",
        {
            "kind": "motion",
            "channel": "phone",
            "received_on": timezone.localdate().isoformat(),
            "subject": "Ławki",
            "content": "Więcej ławek.",
            "submitter_name": "Jan",
            "submitter_address": "ul. A 1",
        },
    )
    assert response.status_code == 302
    assert Submission.objects.get().channel == "phone"


def test_the_export_is_a_workbook(office, client_for):
    register(office)
    response = client_for(office.quality).get("/feedback/export.xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_the_statistics_show_counts(office, client_for):
    register(office)
    response = client_for(office.quality).get("/feedback/statistics/")
    assert response.status_code == 200 and b"Answered on time" in response.content


# --- the residents' portal ---------------------------------------------------------------


def test_a_resident_sends_a_complaint_and_gets_a_receipt_then_checks_it(
    client_for, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_for(None)
    page = client.get("/public/feedback/")
    assert b"Your personal data" in page.content  # the GDPR clause at the form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/public/feedback/", GOOD)
    assert response.status_code == 200
    s = Submission.objects.get()
    assert s.reference.encode() in response.content
    code = response.context["code"]
    # The receipt goes to the e-mail address given, with the number and the code.
    assert mailoutbox[0].to == ["ewa@example.org"]
    assert s.reference in mailoutbox[0].body and code in mailoutbox[0].body
    status = client.post("/public/status/", {"reference": s.reference, "code": code})
    assert status.status_code == 200
    assert b"Registered, to be assigned" in status.content
    assert b"Ewa Nowak" not in status.content  # nothing else revealed


def test_a_guessed_code_is_refused_with_a_clear_message(client_for):
    client = client_for(None)
    client.post("/public/feedback/", GOOD)
    s = Submission.objects.get()
    response = client.post("/public/status/", {"reference": s.reference, "code": "ZZZZ-ZZZZ-ZZZZ"})
    assert response.status_code == 400
    assert b"No submission matches this number and code" in response.content


def test_guessing_codes_is_paused_after_ten_tries(client_for, settings):
    settings.RATUSZ_FEEDBACK_CHECKS_PER_HOUR = 3
    client = client_for(None)
    for _ in range(3):
        client.post("/public/status/", {"reference": "SW/2026/0001", "code": "A"})
    response = client.post("/public/status/", {"reference": "SW/2026/0001", "code": "A"})
    assert response.status_code == 429
    assert b"Too many unsuccessful checks" in response.content


def test_a_burst_from_one_address_is_refused_saying_why(client_for, settings):
    settings.RATUSZ_FEEDBACK_SENDS_PER_HOUR = 2
    client = client_for(None)
    for _ in range(2):
        assert client.post("/public/feedback/", GOOD).status_code == 200
    response = client.post("/public/feedback/", GOOD)
    assert response.status_code == 429
    assert b"Too many submissions" in response.content
    assert Submission.objects.count() == 2  # nothing accepted is lost


def test_the_honeypot_refuses_a_robot(client_for):
    response = client_for(None).post("/public/feedback/", {**GOOD, "website": "http://spam"})
    assert response.status_code == 400
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", ""),
        ("content", ""),
        ("subject", "x" * 201),
        ("content", "x" * 10_001),
        ("submitter_email", "not-an-address"),
        ("kind", "bribe"),
    ],
)
def test_bad_input_is_refused_naming_the_field(client_for, field, value):
    response = client_for(None).post("/public/feedback/", {**GOOD, field: value})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Submission.objects.exists()


def test_script_is_shown_escaped_on_the_receipt(client_for):
    response = client_for(None).post(
        "/public/feedback/", {**GOOD, "kind": "motion", "subject": "<script>x()</script>"}
    )
    assert b"<script>x()</script>" not in response.content


def test_an_anonymous_complaint_is_told_it_is_left_without_consideration(client_for):
    data = {**GOOD, "submitter_name": "", "submitter_address": ""}
    response = client_for(None).post("/public/feedback/", data)
    assert response.status_code == 200
    assert b"left without consideration" in response.content


def test_the_portal_pages_open_without_signing_in(office, client_for):
    s = register(office, kind="petition", received_on=timezone.localdate() - timedelta(days=3))
    Submission.objects.filter(pk=s.pk).update(published=True)
    client = client_for(None)
    for path in ("/public/accessibility/", "/public/privacy/", "/public/feedback/statistics/"):
        assert client.get(path).status_code == 200
    assert s.subject.encode() in client.get("/public/petitions/").content
    csv = client.get("/public/feedback/statistics.csv")
    assert csv.status_code == 200 and b"Ewa" not in csv.content
    index = client.get("/public/")
    assert b"/public/feedback/" in index.content and b"/public/status/" in index.content


def test_the_quality_page_says_what_the_office_has_not_published(client_for):
    response = client_for(None).get("/public/quality/")
    assert response.status_code == 200
    assert b"holds no certificate" in response.content
    assert b"has not published its quality policy" in response.content


def test_the_portal_speaks_polish_by_default(office, client_for):
    client = client_for(None, language=None)
    assert "Napisz do urzędu" in client.get("/public/feedback/").content.decode()
    response = client.post("/public/feedback/", {**GOOD, "submitter_name": ""})
    assert "Dziękujemy" in response.content.decode()
    s = register(office)
    page = client_for(office.quality, language=None).get(s.get_absolute_url()).content.decode()
    assert "Przydziel komórce i osobie" in page
