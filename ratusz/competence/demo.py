"""Demo competence of “Urząd Miasta Przykładowo”.

The positions of the civil affairs department (SO) and what each requires;
records with evidence for its staff, one authorisation expired (access to the
PESEL register of Marek Kamiński); this year's training plan half done, one
training awaiting the evaluation of its effectiveness and one still to come; a
communication plan; the office's buildings, IT systems and registers, and its
organisational knowledge. The head of the HR section reads everyone's records.
Last year's management-control self-assessment answered by the staff (answers
in bulk, with a weakness in deputising), the ISO 18091 diagnostic of last year,
and this year's self-assessment open for answers.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ratusz.audits.models import AuditorProfile
from ratusz.competence import services
from ratusz.competence.auditor_qualification import copy_pool
from ratusz.competence.models import Attendance, Competence, CompetenceRecord, Position

E, T, X, A = (
    Competence.Kind.EDUCATION,
    Competence.Kind.TRAINING,
    Competence.Kind.EXPERIENCE,
    Competence.Kind.AUTHORISATION,
)

# name, kind, how evidenced, validity in months
COMPETENCES = [
    ("Wykształcenie wyższe", E, "Kopia dyplomu w aktach osobowych", None),
    ("Staż pracy w administracji min. 5 lat", X, "Świadectwa pracy w aktach osobowych", None),
    ("Szkolenie z Kodeksu postępowania administracyjnego", T, "Zaświadczenie o ukończeniu", 36),
    ("Szkolenie z ochrony danych osobowych (RODO)", T, "Zaświadczenie o ukończeniu", 24),
    ("Upoważnienie do przetwarzania danych osobowych", A, "Upoważnienie Administratora", 24),
    ("Upoważnienie do wydawania decyzji administracyjnych", A, "Upoważnienie Prezydenta", 48),
    ("Dostęp do rejestru PESEL", A, "Zgoda Ministra Cyfryzacji, upoważnienie imienne", 12),
    ("Upoważnienie do wydawania dowodów osobistych", A, "Upoważnienie Prezydenta", 24),
    ("Szkolenie z ewidencji ludności", T, "Zaświadczenie o ukończeniu", 36),
]

# position, competences required
POSITIONS = [
    (
        "Naczelnik Wydziału Spraw Obywatelskich",
        [0, 1, 2, 3, 5],
    ),
    ("Podinspektor ds. ewidencji ludności", [0, 3, 4, 6]),
    ("Inspektor ds. dowodów osobistych", [0, 3, 4, 7]),
]

PLACEMENTS = {"owner": 0, "employee": 1, "so.lis": 2}

COMMUNICATION = [
    (
        "Polityka jakości i cele jakości",
        "raz w roku, w styczniu",
        "wszyscy pracownicy",
        "intranet, narada kierownictwa",
        "Pełnomocnik ds. SZJ",
        "internal",
        300,
    ),
    (
        "Wyniki przeglądu zarządzania",
        "po każdym przeglądzie",
        "kierownicy komórek",
        "narada kierownictwa, protokół w EZD",
        "Sekretarz Miasta",
        "internal",
        200,
    ),
    (
        "Zmiany w dokumentacji SZJ",
        "przy każdej zmianie",
        "pracownicy komórek z rozdzielnika",
        "EZD, Ratusz (do zapoznania)",
        "Pełnomocnik ds. SZJ",
        "internal",
        20,
    ),
    (
        "Karty usług i zmiany w obsłudze",
        "przy każdej zmianie",
        "mieszkańcy",
        "BIP, strona internetowa, tablice w BOM",
        "Kierownik BOM",
        "external",
        45,
    ),
    (
        "Wyniki badania satysfakcji mieszkańców",
        "raz w roku",
        "mieszkańcy, radni",
        "BIP, sesja Rady Miasta",
        "Sekretarz Miasta",
        "external",
        250,
    ),
    (
        "Status certyfikatu ISO 9001",
        "po każdym audicie",
        "mieszkańcy",
        "strona internetowa",
        "Pełnomocnik ds. SZJ",
        "external",
        None,
    ),
]

# name, kind, owner username, unit code, description, months since review, months to next
RESOURCES = [
    (
        "Budynek Ratusza, ul. Rynek 1",
        "building",
        "or.head",
        "OR",
        "Siedziba urzędu; przegląd budowlany roczny i pięcioletni.",
        8,
        4,
    ),
    (
        "Sala obsługi mieszkańców (BOM)",
        "room",
        "bom.head",
        "BOM",
        "12 stanowisk, system kolejkowy, pętla indukcyjna.",
        5,
        7,
    ),
    (
        "EZD — elektroniczne zarządzanie dokumentacją",
        "it_system",
        "it.nowicki",
        "OR-IT",
        "System kancelaryjny urzędu; przegląd uprawnień co pół roku.",
        4,
        2,
    ),
    (
        "ePUAP — skrzynka podawcza urzędu",
        "it_system",
        "it.nowicki",
        "OR-IT",
        "Elektroniczna skrzynka podawcza; integracja z EZD.",
        3,
        3,
    ),
    (
        "Źródło — rejestry PESEL i dowodów osobistych",
        "register",
        "owner",
        "SO",
        "Dostęp przez terminale w SO; uprawnienia imienne.",
        7,
        -1,
    ),
    (
        "CEPiK — rejestracja pojazdów",
        "register",
        "km.head",
        "KM",
        "Centralna Ewidencja Pojazdów i Kierowców.",
        2,
        10,
    ),
    (
        "Wiedza o obsłudze rejestru PESEL",
        "knowledge",
        "owner",
        "SO",
        "Kluczowa wiedza u dwóch osób; instrukcja stanowiskowa w EZD, zastępstwa wpisane "
        "w zakresy czynności.",
        6,
        6,
    ),
    (
        "Wnioski z audytów i skarg 2025",
        "knowledge",
        "quality",
        "SZJ",
        "Zebrane doświadczenia (lessons learned) omówione na przeglądzie zarządzania.",
        3,
        9,
    ),
    (
        "Zasoby do monitorowania i pomiarów (7.1.5)",
        "monitoring",
        "quality",
        "SZJ",
        "Nie dotyczy: urząd nie używa wyposażenia pomiarowego do potwierdzania zgodności usług.",
        None,
        None,
    ),
]


def _months(n: int):
    return timedelta(days=30 * n)


def _evidence(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("dowod.txt", text.encode(), content_type="text/plain")


def load(ctx) -> None:
    if Position.objects.exists():
        return
    today = timezone.localdate()
    quality = ctx.users["quality"]
    head = ctx.users["owner"]
    unit = ctx.units["SO"]
    competences = [
        services.create_competence(
            actor=quality, name=name, kind=kind, evidenced_by=how, validity_months=months
        )
        for name, kind, how, months in COMPETENCES
    ]
    positions = [
        services.create_position(
            actor=quality,
            name=name,
            org_unit=unit,
            competences=[competences[i] for i in needs],
        )
        for name, needs in POSITIONS
    ]
    for username, index in PLACEMENTS.items():
        services.place_person(
            actor=quality,
            person=ctx.users[username],
            position=positions[index],
            since=today - _months(30),
        )
    hr = ctx.users.get("kd.grabowska")
    if hr is not None:
        hr.user_permissions.add(Permission.objects.get(codename="view_personal_data"))

    def record(username, index, months_ago, *, file=False, evidence="") -> None:
        services.create_record(
            actor=quality,
            person=ctx.users[username],
            competence=competences[index],
            issued_on=today - _months(months_ago),
            evidence=evidence or competences[index].evidenced_by,
            file=_evidence(f"{competences[index].name}: {evidence}") if file else None,
        )

    # The head: all held.
    for index in (0, 1, 2):
        record("owner", index, 20)
    record("owner", 5, 20, file=True, evidence="Upoważnienie nr OR.0052.14.2024")
    # Marek Kamiński: the PESEL register authorisation expired a month ago.
    record("employee", 0, 100)
    record("employee", 4, 10, evidence="Upoważnienie nr 112/2025")
    record("employee", 6, 13, file=True, evidence="Upoważnienie nr SO.5342.3.2024")
    # Agnieszka Lis: the ID-card authorisation runs out within 90 days.
    record("so.lis", 0, 60)
    record("so.lis", 4, 6, evidence="Upoważnienie nr 88/2026")
    record("so.lis", 7, 22, file=True, evidence="Upoważnienie nr SO.5340.7.2024")

    # This year's plan from the gaps: half of it done by the spring GDPR training.
    people = [ctx.users[u] for u in ("owner", "employee", "so.lis")]
    gdpr, kpa, pesel = competences[3], competences[2], competences[8]
    for person in people:
        services.plan_training(actor=head, person=person, competence=gdpr, year=today.year)
    for person in people[1:]:
        services.plan_training(actor=head, person=person, competence=kpa, year=today.year)
    services.plan_training(actor=head, person=people[1], competence=pesel, year=today.year)
    spring = services.create_training(
        actor=head,
        topic="Ochrona danych osobowych w urzędzie — szkolenie okresowe",
        provider="Inspektor Ochrony Danych Urzędu",
        held_on=today - _months(8),
        hours=Decimal("4"),
        org_unit=unit,
        competence=gdpr,
        materials="Prezentacja IOD, test wiedzy (20 pytań).",
        evaluate_after_days=30,
        attendees=people,
    )
    services.record_attendance(actor=head, training=spring, attended=people)
    for attendance in Attendance.objects.filter(training=spring):
        services.evaluate_attendance(
            actor=head,
            attendance=attendance,
            result=Attendance.Result.EFFECTIVE,
            evaluation="Test wiedzy po miesiącu zdany; brak incydentów naruszenia danych.",
        )
    autumn = services.create_training(
        actor=head,
        topic="Kodeks postępowania administracyjnego — nowelizacja",
        provider="Fundacja Rozwoju Demokracji Lokalnej",
        held_on=today - timedelta(days=45),
        hours=Decimal("6"),
        org_unit=unit,
        competence=kpa,
        materials="Materiały szkoleniowe FRDL, wzory decyzji.",
        evaluate_after_days=30,
        attendees=people[1:],
    )
    services.record_attendance(actor=head, training=autumn, attended=people[1:])
    services.create_training(
        actor=head,
        topic="Ewidencja ludności i rejestr PESEL — warsztaty",
        provider="Wojewoda — Wydział Spraw Obywatelskich",
        held_on=today + timedelta(days=14),
        hours=Decimal("5"),
        org_unit=unit,
        competence=pesel,
        evaluate_after_days=60,
        attendees=[people[1]],
    )

    for subject, when, audience, channel, who, direction, days in COMMUNICATION:
        services.create_communication(
            actor=quality,
            subject=subject,
            when=when,
            audience=audience,
            channel=channel,
            communicator=who,
            direction=direction,
            last_performed=today - timedelta(days=days) if days is not None else None,
        )
    for name, kind, owner, code, description, since, until in RESOURCES:
        services.create_resource(
            actor=quality,
            name=name,
            kind=kind,
            owner=ctx.users.get(owner),
            org_unit=ctx.units.get(code),
            description=description,
            last_review=today - _months(since) if since is not None else None,
            next_review=today + _months(until) if until is not None else None,
        )
    _self_assessment(ctx, today)


def _self_assessment(ctx, today) -> None:
    """Last year's answers made in bulk by the same rules the service applies:
    no person on an answer, a marker per person, the unit left out when small."""
    from ratusz.competence import policies
    from ratusz.competence.models import Answer, Participation, Submission
    from ratusz.core import access
    from ratusz.core.models import User

    quality = ctx.users["quality"]
    last = services.start_assessment(actor=quality, kind="control", year=today.year - 1)
    people = [
        u
        for u in User.objects.filter(is_active=True).select_related("org_unit").order_by("pk")
        if not access.is_external(u)
    ]
    small = {u.org_unit_id: services.unit_is_too_small(u.org_unit) for u in people}
    answers, markers = [], []
    for n, person in enumerate(people):
        role = services.role_in(last, person)
        unit = person.org_unit if role == "manager" or not small[person.org_unit_id] else None
        submission = Submission(assessment=last, role=role, org_unit=unit)
        for i, question in enumerate(policies.questions_for(last, role)):
            if "nieobecności" in question.text:
                value = "yes" if n % 3 == 0 else "no"  # the weakness of the year
            else:
                value = ("no", "unknown", "yes", "yes", "yes", "yes", "yes")[(n + i) % 7]
            answers.append(Answer(submission=submission, question=question, value=value))
        markers.append(Participation(assessment=last, person=person))
        submission.save()
    Answer.objects.bulk_create(answers)
    Participation.objects.bulk_create(markers)
    services.close_assessment(actor=quality, assessment=last, expected_version=last.version)

    diagnostic = services.start_assessment(actor=quality, kind="iso18091", year=today.year - 1)
    values = ("green", "yellow", "green", "red", "green", "yellow", "green", "yellow", "red")
    services.answer(
        actor=quality,
        assessment=diagnostic,
        answers={q.pk: values[i % len(values)] for i, q in enumerate(diagnostic.questions.all())},
    )
    services.start_assessment(
        actor=quality, kind="control", year=today.year, closes_on=today + timedelta(days=21)
    )
    # The auditor pool's qualifications become the internal and lead auditor's
    # competence records, as the data migration does for an office in use.
    copy_pool(AuditorProfile, Competence, CompetenceRecord)
