"""The rules of handling: numbering, anonymous complaints, forwarding, repeats, notices
of delay, petitions' completion, the reply and the step into the QMS."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratusz.core.errors import Denied
from ratusz.core.services import last_number
from ratusz.feedback import services
from ratusz.feedback.models import Submission
from ratusz.feedback.tests.factories import assigned, decided, register, replied
from ratusz.improvement.models import Idea, Nonconformity

TODAY = timezone.localdate


def test_numbers_run_per_year_without_gaps(office):
    a = register(office)
    b = register(office, received_on=date(2025, 12, 30))
    c = register(office)
    assert (a.number, c.number) == (1, 2)
    assert b.number == 1 and b.year == 2025
    assert a.reference == f"SW/{a.year}/0001"
    assert last_number(f"feedback:{a.year}") == 2


def test_a_refused_registration_gives_its_number_back(office):
    with pytest.raises(ValidationError):
        register(office, subject="")
    assert register(office).number == 1


def test_an_anonymous_complaint_is_registered_but_left_without_consideration(office):
    s = register(office, submitter_name="", submitter_address="")
    assert s.status == Submission.Status.CLOSED
    assert s.outcome == "without_consideration"
    assert Submission.objects.count() == 1  # still counted as feedback


def test_an_anonymous_public_information_request_is_handled(office):
    s = register(office, kind="public_information", submitter_name="", submitter_address="")
    assert s.is_open


def test_a_complaint_about_the_mayor_is_forwarded_to_the_council(office):
    s = register(office, about_mayor=True)
    s = services.forward(
        actor=office.quality,
        submission=s,
        expected_version=s.version,
        forwarded_to=services.COUNCIL,
        submitter_told=True,
    )
    assert s.outcome == "forwarded" and s.status == "closed"
    assert "Rada" in s.forwarded_to and s.notified


def test_forwarding_requires_telling_the_submitter(office):
    s = register(office)
    with pytest.raises(ValidationError) as err:
        services.forward(
            actor=office.quality,
            submission=s,
            expected_version=s.version,
            forwarded_to="Wojewoda",
            submitter_told=False,
        )
    assert "submitter_told" in err.value.message_dict


def test_forwarding_late_is_noted(office):
    s = register(office, received_on=TODAY() - timedelta(days=20))
    s = services.forward(
        actor=office.quality,
        submission=s,
        expected_version=s.version,
        forwarded_to="Starosta",
        submitter_told=True,
    )
    assert "7" in s.remarks


def test_a_repeated_complaint_refers_to_an_unjustified_one(office):
    first = decided(office, outcome="unjustified")
    again = register(office)
    with pytest.raises(ValidationError):
        services.mark_repeated(
            actor=office.quality,
            submission=again,
            expected_version=again.version,
            repeated_of="SW/1999/0099",
        )
    s = services.mark_repeated(
        actor=office.quality,
        submission=again,
        expected_version=again.version,
        repeated_of=first.reference,
    )
    assert s.repeated_of == first and s.status == "closed"


def test_a_delay_notice_moves_the_deadline_before_it_passes(office):
    s = assigned(office)
    new = s.deadline + timedelta(days=14)
    s = services.give_delay_notice(
        actor=office.employee,
        submission=s,
        expected_version=s.version,
        reason="Potrzebna opinia wydziału.",
        new_deadline=new,
    )
    assert s.deadline == new and s.delay_notices.count() == 1
    assert s.statutory_deadline < new


def test_a_delay_notice_after_the_deadline_is_refused(office):
    s = assigned(office, received_on=TODAY() - timedelta(days=60))
    with pytest.raises(ValidationError) as err:
        services.give_delay_notice(
            actor=office.employee,
            submission=s,
            expected_version=s.version,
            reason="Za późno.",
            new_deadline=TODAY() + timedelta(days=10),
        )
    assert "new_deadline" in err.value.message_dict
    assert Submission.objects.missed_without_notice(TODAY()).filter(pk=s.pk).exists()


def test_public_information_may_be_extended_to_at_most_two_months(office):
    s = assigned(office, kind="public_information")
    with pytest.raises(ValidationError):
        services.give_delay_notice(
            actor=office.employee,
            submission=s,
            expected_version=s.version,
            reason="Obszerne dane.",
            new_deadline=s.received_on + timedelta(days=90),
        )


def test_a_petition_clock_runs_from_its_completion(office):
    s = assigned(office, kind="petition", received_on=TODAY() - timedelta(days=5))
    s = services.call_to_complete(
        actor=office.employee,
        submission=s,
        expected_version=s.version,
        completion_requested="Adres do korespondencji.",
    )
    assert s.status == "awaiting_completion" and s.completion_due
    s = services.record_completion(
        actor=office.employee, submission=s, expected_version=s.version, completed_on=TODAY()
    )
    assert s.clock_from == TODAY()
    from ratusz.feedback.deadlines import deadline_for

    assert s.deadline == deadline_for("petition", TODAY())


def test_a_refusal_needs_reasons(office):
    s = assigned(office)
    with pytest.raises(ValidationError) as err:
        services.decide(
            actor=office.employee,
            submission=s,
            expected_version=s.version,
            outcome="unjustified",
            outcome_reasons="",
        )
    assert "outcome_reasons" in err.value.message_dict


def test_an_employee_of_another_unit_may_not_handle_it(office):
    s = assigned(office)
    with pytest.raises(Denied):
        services.decide(
            actor=office.outsider,
            submission=s,
            expected_version=s.version,
            outcome="justified",
            outcome_reasons="",
        )


def test_the_reply_is_drafted_approved_sent_and_its_pdf_recorded(office):
    s = replied(office)
    assert s.status == "closed" and len(s.reply_sha256) == 64
    assert s.reply_sent_on == TODAY()


def test_a_justified_complaint_opens_a_nonconformity_in_one_step(office):
    s = decided(office)
    s = services.open_nonconformity(actor=office.quality, submission=s, expected_version=s.version)
    nc = Nonconformity.objects.get()
    assert s.nonconformity == nc
    assert nc.source == "complaint" and nc.source_reference == s.reference


def test_a_motion_becomes_an_improvement_idea(office):
    s = register(office, kind="motion")
    s = services.open_idea(actor=office.quality, submission=s, expected_version=s.version)
    assert Idea.objects.get().source == "resident"


def test_personal_data_are_anonymised_after_the_retention_period(office, settings):
    settings.RATUSZ_FEEDBACK_RETENTION_YEARS = 2
    s = register(office, submitter_name="", submitter_address="", received_on=date(2023, 5, 5))
    kept = register(office, received_on=date(2024, 5, 5), submitter_name="", submitter_address="")
    Submission.objects.filter(pk=kept.pk).update(closed_on=date(2024, 5, 5))
    # Closed in 2023: kept until 1 January 2026 (1 January 2024 + 2 years).
    assert services.anonymise_expired(date(2025, 12, 31)) == 0
    assert services.anonymise_expired(date(2026, 1, 1)) == 1
    s.refresh_from_db()
    assert s.anonymised_on == date(2026, 1, 1)


def test_erasing_on_request_removes_the_person(office):
    s = replied(office)
    s = services.erase_personal_data(actor=office.quality, submission=s, expected_version=s.version)
    assert (s.submitter_name, s.submitter_address, s.submitter_email) == ("", "", "")
    assert "Jan Kowalski" not in s.reply_text


def test_the_public_code_opens_the_status_and_a_guess_does_not(office):
    s, code = services.submit_public(
        kind="complaint",
        subject="Inwestycja opóźniona",
        content="Most nadal zamknięty.",
        submitter_name="Ewa Nowak",
        submitter_address="ul. Długa 2",
    )
    assert services.check_status(reference=s.reference, code=code) == s
    assert services.check_status(reference=s.reference, code=code.lower().replace("-", "")) == s
    assert services.check_status(reference=s.reference, code="AAAA-BBBB-CCCC") is None
    assert services.check_status(reference="SW/2026/9999", code=code) is None
    assert services.check_status(reference="nonsense", code=code) is None
    assert code not in Submission.objects.get().code_hash


@pytest.mark.parametrize(
    ("field", "value"),
    [("subject", ""), ("content", "   "), ("subject", "x" * 201), ("content", "x" * 10_001)],
)
def test_bad_text_is_refused_naming_the_field(office, field, value):
    with pytest.raises(ValidationError) as err:
        services.submit_public(kind="complaint", **{"subject": "S", "content": "C", field: value})
    assert field in err.value.message_dict
    assert not Submission.objects.exists()


def test_a_persons_data_are_exported_on_request_and_the_export_recorded(office):
    from ratusz.core.models import AuditEvent
    from ratusz.feedback.models import PersonalDataExport

    register(office)
    register(office, submitter_name="Inna Osoba", submitter_email="inna@example.org")
    csv = services.export_personal_data(actor=office.quality, email="JAN@example.org").decode()
    assert "Jan Kowalski" in csv and "Inna Osoba" not in csv
    export = PersonalDataExport.objects.get()
    assert export.found == 1 and export.requested_by == office.quality
    assert AuditEvent.objects.filter(model_label__iendswith="personaldataexport").exists()
    with pytest.raises(ValidationError):
        services.export_personal_data(actor=office.quality)
    with pytest.raises(Denied):
        services.export_personal_data(actor=office.owner, person="Jan Kowalski")
