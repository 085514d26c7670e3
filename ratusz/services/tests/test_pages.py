"""The public services pages as their users meet them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ratusz.core.services import create_org_unit
from ratusz.services.models import Case, CaseImport
from ratusz.services.tests.factories import HEADER, import_rows, make_card


def upload(client, text: str, **fields):
    data = {"file": SimpleUploadedFile("ezd.csv", text.encode("utf-8"), content_type="text/csv")}
    data.update(fields)
    return client.post("/services/import/", data)


def this_month(day: int) -> str:
    return timezone.localdate().replace(day=day).isoformat()


def test_an_uploaded_export_is_imported_in_the_background(office, client_for):
    make_card(office)
    client = client_for(office.quality)
    text = "\n".join(
        [
            HEADER,
            "SO.1.2026;5340;KU-SO-01;SO;2026-03-02;2026-03-10;14d;;;",
            "SO.2.2026;5340;KU-SO-01;SO;2026-03-02;;14d;;;",
        ]
    )
    response = upload(client, text)
    assert response.status_code == 302
    job_page = client.get(response["Location"])
    record = CaseImport.objects.get()
    assert record.status == "done"
    assert record.get_absolute_url() in job_page.content.decode()
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Cases added" in page and "ezd.csv" in page
    assert Case.objects.count() == 2


def test_a_refused_import_lists_its_bad_rows(office, client_for):
    client = client_for(office.quality)
    response = upload(
        client,
        "\n".join(
            [HEADER, "SO.1.2026;;;XX;2026-03-02;;14d;;;", "SO.2.2026;;;SO;2026-03-02;;2 weeks;;;"]
        ),
    )
    assert response.status_code == 302
    record = CaseImport.objects.get()
    assert record.status == "refused"
    page = client.get(record.get_absolute_url()).content.decode()
    assert "No org unit has the code “XX”." in page
    assert "“2 weeks” is not a term" in page
    assert "Nothing was imported" in page
    assert Case.objects.count() == 0


def test_the_files_own_headers_are_mapped_on_the_page(office, client_for):
    client = client_for(office.quality)
    response = upload(
        client,
        "Znak;Komórka;Wszczęto;Termin\nSO.1.2026;SO;02.03.2026;1m\n",
        **{
            "headers-map_case_sign": "Znak",
            "headers-map_unit": "Komórka",
            "headers-map_started_on": "Wszczęto",
            "headers-map_term": "Termin",
        },
    )
    assert response.status_code == 302
    assert Case.objects.get().case_sign == "SO.1.2026"


def test_one_header_for_two_columns_is_refused_on_its_field(office, client_for):
    client = client_for(office.quality)
    response = upload(
        client,
        "Znak;unit;started_on;term\nSO.1.2026;SO;02.03.2026;1m\n",
        **{"headers-map_case_sign": "Znak", "headers-map_jrwa": "znak"},
    )
    assert response.status_code == 400
    assert "The same header is already given for “case_sign”." in response.content.decode()
    assert CaseImport.objects.count() == 0


def test_a_file_above_the_limit_is_refused_before_anything_is_kept(office, client_for, settings):
    settings.RATUSZ_MAX_IMPORT_BYTES = 40
    response = upload(
        client_for(office.quality), "\n".join([HEADER, "SO.1.2026;;;SO;2026-03-02;;14d;;;"])
    )
    assert response.status_code == 400
    assert "an import takes at most" in response.content.decode()
    assert CaseImport.objects.count() == 0


def test_the_figures_show_a_service_below_its_target(office, client_for):
    make_card(office, on_time_target=90)
    import_rows(
        office,
        f"SO.1;5340;KU-SO-01;SO;{this_month(1)};{this_month(2)};14d;;;",
        # Settled at once although due in 14 days: on time.
        f"SO.2;5340;KU-SO-01;SO;{this_month(1)};{this_month(1)};14d;;;",
        # Started long ago, settled this month: late, without notice.
        f"SO.3;5340;KU-SO-01;SO;2025-01-02;{this_month(3)};14d;;;",
        today=timezone.localdate(),
    )
    page = client_for(office.employee).get("/services/").content.decode()
    assert "66.7%" in page  # 2 of 3 settled this month on time
    assert "below target" in page
    card_page = client_for(office.employee).get("/services/cards/").content.decode()
    assert "below target" in card_page


def test_a_bad_month_in_the_filter_is_named_and_the_page_still_answers(office, client_for):
    response = client_for(office.employee).get("/services/?first=2026-13&last=2026-01")
    assert response.status_code == 200
    assert "Give a month as YYYY-MM" in response.content.decode()


def test_the_months_filter_chooses_the_cases(office, client_for):
    import_rows(
        office, "SO.1;;;SO;2025-03-02;2025-03-05;14d;;;", "SO.2;;;SO;2026-03-02;2026-03-05;14d;;;"
    )
    page = client_for(office.employee).get("/services/?first=2025-03&last=2025-03").content.decode()
    assert "March 2025" in page and "March 2026" not in page


def _many_cases(office, units: range, n_cards: int):
    rows = []
    for u in units:
        unit = create_org_unit(name=f"Wydział {u}", code=f"W{u}", parent=office.root)
        for c in range(n_cards):
            make_card(office, number=f"KU-W{u}-{c}", org_unit=unit)
            for m in range(1, 4):
                rows.append(f"W{u}.{c}.{m};53{u};KU-W{u}-{c};W{u};2026-0{m}-02;2026-0{m}-20;14d;;;")
                rows.append(f"W{u}.{c}.{m}o;53{u};KU-W{u}-{c};W{u};2026-0{m}-02;;14d;;;")
    import_rows(office, *rows)


@pytest.mark.parametrize("path", ["/services/?first=2026-01&last=2026-12", "/services/cards/"])
def test_the_figures_queries_do_not_grow_with_the_register(
    office, client_for, django_assert_max_num_queries, path
):
    client = client_for(office.employee)
    _many_cases(office, range(1), 1)
    with django_assert_max_num_queries(12) as small:
        assert client.get(path).status_code == 200
    _many_cases(office, range(1, 4), 4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(path).status_code == 200


def test_two_people_editing_a_card_conflict_and_the_second_can_save_again(office, client_for):
    card = make_card(office)
    form = {
        "version": 1,
        "number": "KU-SO-01",
        "name": "Dowód osobisty",
        "org_unit": office.civil.pk,
        "on_time_target": "92",
        "is_active": "on",
    }
    assert (
        client_for(office.quality).post(f"/services/cards/{card.pk}/edit/", form).status_code == 302
    )
    second = client_for(office.owner).post(
        f"/services/cards/{card.pk}/edit/", {**form, "on_time_target": "80"}
    )
    page = second.content.decode()
    assert second.status_code == 200
    assert "The card as it is saved now" in page and 'value="80"' in page
    again = client_for(office.owner).post(
        f"/services/cards/{card.pk}/edit/", {**form, "version": 2, "on_time_target": "80"}
    )
    assert again.status_code == 302
    card.refresh_from_db()
    assert (card.on_time_target, card.version) == (80, 3)


def test_a_card_number_taken_is_refused_on_its_field(office, client_for):
    make_card(office)
    response = client_for(office.quality).post(
        "/services/cards/new/",
        {"number": "ku-so-01", "name": "X", "org_unit": office.civil.pk, "on_time_target": "90"},
    )
    assert response.status_code == 200
    assert "Number ku-so-01 is already used by another card." in response.content.decode()


def test_the_card_page_shows_its_last_twelve_months(office, client_for):
    card = make_card(office)
    import_rows(
        office,
        f"SO.1;;KU-SO-01;SO;{this_month(1)};{this_month(2)};14d;;;",
        today=timezone.localdate(),
    )
    page = client_for(office.employee).get(card.get_absolute_url()).content.decode()
    assert "The last twelve months" in page
    assert "100.0%" in page


def test_cases_open_past_their_due_date_count_as_overdue(office, client_for):
    import_rows(office, "SO.1;;;SO;2026-01-05;;14d;;;", today=date(2026, 12, 7))
    page = client_for(office.employee).get("/services/").content.decode()
    assert "Open cases overdue today" in page
    assert Case.objects.get().due_on < timezone.localdate()
