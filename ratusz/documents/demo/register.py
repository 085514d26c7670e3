"""The demo office's register of documented information, as data.

Each document lists its approved versions, oldest first. The text of version n is
`texts/<number>/v<n>.md`, so the quality team can read every version and diff two
of them; `builder.py` takes each one through the lifecycle in the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ratusz.core.models import Role
from ratusz.documents.models import Confidentiality, RetentionCategory


@dataclass(frozen=True)
class ApprovedVersion:
    """One approved version. `returned` is an approver's reason for sending its first
    submission back; the text first submitted is then `texts/<number>/v<n>-returned.md`."""

    effective: date | int  # effective date, or days before today
    summary: str
    returned: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    number: str
    doc_type: str  # DocumentType.code
    title: str
    owner_unit: str  # OrgUnit.code
    owner: str  # username
    approver: str
    reviewers: tuple[str, ...]
    clauses: tuple[str, ...]
    versions: tuple[ApprovedVersion, ...]  # empty: the first version is still a draft
    distribution_units: tuple[str, ...] = ("PM",)
    distribution_roles: tuple[str, ...] = ()
    confidentiality: str = Confidentiality.INTERNAL
    retention_category: str = RetentionCategory.A
    author: str = ""  # defaults to the owner

    @property
    def writer(self) -> str:
        return self.author or self.owner


@dataclass(frozen=True)
class WorkInProgress:
    """A new version in progress on top of the one in force; its text is the next
    `texts/<number>/v<n>.md`."""

    state: str  # "review" or "approval"
    summary: str
    reviewers: tuple[tuple[str, bool], ...]  # (username, has answered)
    days_ago: int


@dataclass(frozen=True)
class RecordSpec:
    name: str
    keeper_unit: str  # OrgUnit.code
    location: str
    retention_category: str
    retention: str
    disposal: str
    defined_by: tuple[str, ...]  # document numbers
    clauses: tuple[str, ...]


# P-01 v2 moved the document register and the confirmations of reading into the system;
# earlier versions were confirmed on paper lists.
ELECTRONIC_REGISTER = date(2021, 6, 7)

CUSTOMER_UNITS = ("BOM", "SO", "USC", "KM", "PO", "AB")

DOCUMENTS: tuple[DocumentSpec, ...] = (
    DocumentSpec(
        number="PJ-01",
        doc_type="policy",
        title="Polityka jakości Urzędu Miasta Przykładowo",
        owner_unit="SZJ",
        owner="quality",
        approver="mayor",
        reviewers=("secretary", "treasurer"),
        clauses=("5.2", "5.2.1", "5.2.2", "6.2"),
        versions=(
            ApprovedVersion(
                date(2019, 2, 1),
                "Wydanie dostosowane do ISO 9001:2015 (kontekst, ryzyka i szanse).",
            ),
            ApprovedVersion(date(2022, 1, 17), "Cele strategiczne na lata 2022–2026."),
            ApprovedVersion(
                date(2024, 2, 5),
                "Aktualizacja po przeglądzie zarządzania 2023: zobowiązanie do zapewnienia dostępności.",
            ),
            ApprovedVersion(
                40,
                "Aktualizacja po przeglądzie zarządzania 2026: doręczenia elektroniczne, ochrona danych.",
            ),
        ),
        confidentiality=Confidentiality.PUBLIC,
    ),
    DocumentSpec(
        number="KJ-01",
        doc_type="manual",
        title="Księga jakości",
        owner_unit="SZJ",
        owner="quality",
        approver="mayor",
        reviewers=("secretary", "aw.olszewski"),
        clauses=("4.3", "4.4", "4.4.1", "7.5.1"),
        versions=(
            ApprovedVersion(date(2019, 2, 1), "Wydanie dostosowane do ISO 9001:2015."),
            ApprovedVersion(
                300, "Mapa procesów po zmianie Regulaminu organizacyjnego; procedura P-10."
            ),
        ),
    ),
    DocumentSpec(
        number="P-01",
        doc_type="procedure",
        title="Nadzór nad udokumentowanymi informacjami",
        owner_unit="SZJ",
        owner="quality",
        approver="secretary",
        reviewers=("or.head", "aw.olszewski"),
        clauses=("7.5", "7.5.2", "7.5.3"),
        versions=(
            ApprovedVersion(date(2019, 3, 4), "Wydanie dostosowane do ISO 9001:2015."),
            ApprovedVersion(
                ELECTRONIC_REGISTER,
                "Elektroniczny rejestr dokumentów i potwierdzeń zapoznania się.",
            ),
            ApprovedVersion(150, "Przegląd okresowy co 12 lub 24 miesiące; rejestr zapisów."),
        ),
    ),
    DocumentSpec(
        number="P-02",
        doc_type="procedure",
        title="Audit wewnętrzny",
        owner_unit="SZJ",
        owner="quality",
        approver="mayor",
        reviewers=("aw.olszewski", "auditor"),
        clauses=("9.2",),
        versions=(
            ApprovedVersion(date(2019, 3, 4), "Wydanie dostosowane do ISO 9001:2015."),
            ApprovedVersion(
                date(2023, 1, 16),
                "Dostosowanie do PN-EN ISO 19011:2018: program auditów oparty na ryzyku.",
            ),
        ),
    ),
    DocumentSpec(
        number="P-03",
        doc_type="procedure",
        title="Niezgodności i działania korygujące",
        owner_unit="SZJ",
        owner="quality",
        approver="secretary",
        reviewers=("owner", "aw.olszewski"),
        clauses=("8.7", "8.7.1", "10.2", "10.2.1"),
        versions=(
            ApprovedVersion(date(2019, 3, 4), "Wydanie dostosowane do ISO 9001:2015."),
            ApprovedVersion(
                60,
                "Analiza przyczyn metodą „5 × dlaczego”; skuteczność ocenia osoba inna niż wykonawca.",
            ),
        ),
    ),
    DocumentSpec(
        number="P-04",
        doc_type="procedure",
        title="Przegląd zarządzania",
        owner_unit="SZJ",
        owner="quality",
        approver="mayor",
        reviewers=("secretary", "treasurer"),
        clauses=("9.3", "9.3.1", "9.3.2", "9.3.3"),
        versions=(
            ApprovedVersion(
                date(2019, 3, 4),
                "Wydanie dostosowane do ISO 9001:2015: nowe dane wejściowe przeglądu.",
            ),
            ApprovedVersion(
                210, "Przegląd raz w roku przed auditem nadzoru; raport według wzoru WZ-02."
            ),
        ),
    ),
    DocumentSpec(
        number="P-05",
        doc_type="procedure",
        title="Rozpatrywanie skarg i wniosków",
        owner_unit="OR",
        owner="or.head",
        approver="secretary",
        reviewers=("quality", "bom.head"),
        clauses=("8.2.1", "9.1.2"),
        versions=(
            ApprovedVersion(date(2019, 4, 1), "Wydanie dostosowane do ISO 9001:2015."),
            ApprovedVersion(
                date(2021, 10, 4),
                "Aktualizacja po nowelizacji KPA: skargi wnoszone elektronicznie.",
            ),
            ApprovedVersion(
                250,
                "Skargi zasadne zgłaszane jako niezgodności; zestawienia kwartalne dla Sekretarza Miasta.",
            ),
        ),
    ),
    DocumentSpec(
        number="P-06",
        doc_type="procedure",
        title="Badanie satysfakcji klientów",
        owner_unit="SZJ",
        owner="quality",
        approver="treasurer",
        reviewers=("bom.head",),
        clauses=("9.1.2", "9.1.3"),
        versions=(
            ApprovedVersion(date(2019, 5, 6), "Wydanie dostosowane do ISO 9001:2015."),
            ApprovedVersion(
                400, "Ankieta elektroniczna na stronie Urzędu obok ankiety papierowej."
            ),
        ),
    ),
    DocumentSpec(
        number="P-07",
        doc_type="procedure",
        title="Zarządzanie ryzykiem",
        owner_unit="SEK",
        owner="secretary",
        approver="mayor",
        reviewers=("quality", "treasurer"),
        clauses=("6.1", "6.1.1", "6.1.2"),
        versions=(
            ApprovedVersion(
                date(2019, 6, 3), "Wydanie dostosowane do ISO 9001:2015: ryzyka i szanse."
            ),
            ApprovedVersion(350, "Jeden rejestr ryzyk dla SZJ i kontroli zarządczej (wzór WZ-05)."),
        ),
    ),
    DocumentSpec(
        number="P-08",
        doc_type="procedure",
        title="Udzielanie zamówień publicznych",
        owner_unit="ZP",
        owner="zp.head",
        approver="treasurer",
        reviewers=("in.head", "fn.head"),
        clauses=("8.4", "8.4.1", "8.4.2", "8.4.3"),
        versions=(
            ApprovedVersion(date(2019, 7, 1), "Wydanie dostosowane do ISO 9001:2015."),
            ApprovedVersion(
                date(2021, 1, 4),
                "Dostosowanie do ustawy z dnia 11 września 2019 r. — Prawo zamówień publicznych.",
                returned="Uzupełnić o łączną maksymalną wysokość kar umownych (art. 436 pkt 3 PZP).",
            ),
            ApprovedVersion(
                200, "Ocena wykonawców (F-07) i raport z realizacji zamówienia (art. 446 PZP)."
            ),
        ),
        distribution_units=("ZP", "IN", "FN"),
        distribution_roles=(Role.PROCESS_OWNER,),
    ),
    DocumentSpec(
        number="P-09",
        doc_type="procedure",
        title="Obsługa klienta w Biurze Obsługi Mieszkańców",
        owner_unit="BOM",
        owner="bom.head",
        approver="secretary",
        reviewers=("owner", "quality"),
        clauses=("8.2.1", "8.5.1", "8.5.3"),
        versions=(
            ApprovedVersion(
                date(2020, 2, 3), "Pierwsze wydanie po utworzeniu Biura Obsługi Mieszkańców."
            ),
            ApprovedVersion(100, "System kolejkowy i rezerwacja wizyt przez Internet."),
        ),
        distribution_units=CUSTOMER_UNITS,
    ),
    DocumentSpec(
        number="P-10",
        doc_type="procedure",
        title="Postępowanie w przypadku naruszenia ochrony danych osobowych",
        owner_unit="OR",
        owner="or.head",
        approver="secretary",
        reviewers=("quality", "it.nowicki"),
        clauses=("7.5.3", "8.5.3"),
        versions=(
            ApprovedVersion(date(2019, 9, 2), "Pierwsze wydanie (RODO)."),
            ApprovedVersion(180, "Ocena ryzyka w ciągu 24 godzin; zgłoszenie na formularzu F-06."),
        ),
        distribution_units=("OR",),
        distribution_roles=(Role.PROCESS_OWNER,),
        confidentiality=Confidentiality.RESTRICTED,
    ),
    DocumentSpec(
        number="I-01",
        doc_type="instruction",
        title="Wydawanie dowodów osobistych",
        owner_unit="SO",
        owner="owner",
        approver="quality",
        reviewers=("so.lis", "bom.head"),
        clauses=("8.5.1", "8.5.3"),
        versions=(
            ApprovedVersion(date(2019, 3, 11), "Pierwsze wydanie."),
            ApprovedVersion(
                date(2021, 3, 4), "Dowody osobiste z odciskami palców (od 4 marca 2021 r.)."
            ),
            ApprovedVersion(
                12,
                "Powiadomienie o gotowym dowodzie SMS-em lub e-mailem; unieważnianie dowodu utraconego.",
            ),
        ),
        distribution_units=("SO", "BOM"),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="I-02",
        doc_type="instruction",
        title="Rejestracja pojazdów",
        owner_unit="KM",
        owner="km.head",
        approver="quality",
        reviewers=("km.pawlak",),
        clauses=("8.5.1",),
        versions=(
            ApprovedVersion(date(2019, 5, 6), "Pierwsze wydanie."),
            ApprovedVersion(
                date(2020, 1, 2),
                "Pojazd zachowuje tablice rejestracyjne przy zmianie właściciela (od 1 stycznia 2020 r.).",
            ),
            ApprovedVersion(300, "Wnioski o rejestrację składane przez Internet."),
        ),
        distribution_units=("KM", "BOM"),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="I-03",
        doc_type="instruction",
        title="Sporządzanie aktów stanu cywilnego",
        owner_unit="USC",
        owner="usc.head",
        approver="quality",
        reviewers=("usc.mazur",),
        clauses=("8.5.1", "8.5.2"),
        versions=(ApprovedVersion(date(2020, 3, 2), "Pierwsze wydanie."),),
        distribution_units=("USC",),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="I-04",
        doc_type="instruction",
        title="Wydawanie pozwoleń na budowę",
        owner_unit="AB",
        owner="ab.head",
        approver="quality",
        reviewers=("ab.jablonska",),
        clauses=("8.5.1", "8.1"),
        versions=(
            ApprovedVersion(date(2019, 6, 3), "Pierwsze wydanie."),
            ApprovedVersion(date(2021, 9, 20), "Wnioski z portalu e-Budownictwo."),
            ApprovedVersion(
                500, "Cotygodniowy przegląd terminów; przekroczenie terminu jako niezgodność."
            ),
        ),
        distribution_units=("AB",),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="I-05",
        doc_type="instruction",
        title="Wymiar podatku od nieruchomości od osób fizycznych",
        owner_unit="PO",
        owner="po.head",
        approver="quality",
        reviewers=("po.krol",),
        clauses=("8.5.1",),
        versions=(
            ApprovedVersion(date(2019, 2, 4), "Pierwsze wydanie."),
            ApprovedVersion(
                760,
                "Stawki z corocznej uchwały Rady Miasta zamiast stawek w załączniku do instrukcji.",
            ),
        ),
        distribution_units=("PO",),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="I-06",
        doc_type="instruction",
        title="Udostępnianie informacji publicznej",
        owner_unit="OR",
        owner="or.head",
        approver="quality",
        reviewers=("quality", "it.nowicki"),
        clauses=("8.2.1", "8.5.1"),
        versions=(
            ApprovedVersion(date(2019, 4, 1), "Pierwsze wydanie."),
            ApprovedVersion(715, "Informacja przetworzona; odmowa udostępnienia w formie decyzji."),
        ),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="I-07",
        doc_type="instruction",
        title="Zameldowanie i wymeldowanie",
        owner_unit="SO",
        owner="owner",
        approver="quality",
        reviewers=("employee",),
        clauses=("8.5.1",),
        versions=(
            ApprovedVersion(date(2019, 3, 11), "Pierwsze wydanie."),
            ApprovedVersion(220, "Zgłoszenia meldunkowe przez Internet."),
        ),
        distribution_units=("SO", "BOM"),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="I-08",
        doc_type="instruction",
        title="Wydawanie zaświadczeń o niezaleganiu w podatkach",
        owner_unit="PO",
        owner="po.head",
        approver="quality",
        reviewers=("po.krol", "bom.head"),
        clauses=("8.5.1",),
        versions=(ApprovedVersion(400, "Pierwsze wydanie."),),
        distribution_units=("PO", "BOM"),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="I-09",
        doc_type="instruction",
        title="Instrukcja kancelaryjna — obsługa dokumentacji w EZD",
        owner_unit="OR",
        owner="or.head",
        approver="quality",
        reviewers=("it.nowicki", "quality"),
        clauses=("7.5.3", "7.1.3"),
        versions=(
            ApprovedVersion(
                date(2020, 1, 2), "Pierwsze wydanie: EZD podstawowym sposobem dokumentowania spraw."
            ),
            ApprovedVersion(330, "Doręczanie pism na adresy do doręczeń elektronicznych."),
        ),
    ),
    DocumentSpec(
        number="I-10",
        doc_type="instruction",
        title="Obsługa korespondencji w formie papierowej",
        owner_unit="OR",
        owner="or.head",
        approver="quality",
        reviewers=("bom.head",),
        clauses=("7.5.3",),
        versions=(ApprovedVersion(date(2019, 2, 4), "Pierwsze wydanie."),),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="I-11",
        doc_type="instruction",
        title="Wydawanie zezwoleń na usunięcie drzew lub krzewów",
        owner_unit="OS",
        owner="os.head",
        approver="quality",
        reviewers=("quality",),
        clauses=("8.5.1",),
        versions=(ApprovedVersion(600, "Pierwsze wydanie."),),
        distribution_units=("OS",),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="I-12",
        doc_type="instruction",
        title="Obsługa doręczeń elektronicznych (e-Doręczenia)",
        owner_unit="OR",
        owner="or.head",
        approver="quality",
        reviewers=("quality", "bom.head"),
        clauses=("7.4", "7.5.3"),
        versions=(),
        distribution_units=("OR", "BOM"),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="F-01",
        doc_type="form",
        title="Wniosek o wydanie zaświadczenia",
        owner_unit="BOM",
        owner="bom.head",
        approver="quality",
        reviewers=("po.head",),
        clauses=("8.2.2",),
        versions=(
            ApprovedVersion(date(2019, 2, 4), "Pierwsze wydanie."),
            ApprovedVersion(800, "Odbiór zaświadczenia na adres do doręczeń elektronicznych."),
        ),
        distribution_units=("BOM", "PO", "SO"),
        retention_category=RetentionCategory.BE5,
    ),
    DocumentSpec(
        number="F-02",
        doc_type="form",
        title="Skarga / wniosek",
        owner_unit="OR",
        owner="or.head",
        approver="quality",
        reviewers=("bom.head",),
        clauses=("8.2.1", "9.1.2"),
        versions=(
            ApprovedVersion(
                250, "Pierwsze wydanie: wspólny wzór skargi, wniosku i protokołu skargi ustnej."
            ),
        ),
        retention_category=RetentionCategory.BE5,
    ),
    DocumentSpec(
        number="F-03",
        doc_type="form",
        title="Ankieta satysfakcji klienta",
        owner_unit="BOM",
        owner="bom.head",
        approver="quality",
        reviewers=("quality",),
        clauses=("9.1.2",),
        versions=(
            ApprovedVersion(date(2019, 5, 6), "Pierwsze wydanie."),
            ApprovedVersion(710, "Pytanie o dostępność; wersja elektroniczna ankiety."),
        ),
        distribution_units=CUSTOMER_UNITS,
        retention_category=RetentionCategory.B5,
    ),
    DocumentSpec(
        number="F-04",
        doc_type="form",
        title="Karta niezgodności i działań korygujących",
        owner_unit="SZJ",
        owner="secretary",
        approver="quality",
        reviewers=("aw.olszewski",),
        clauses=("8.7.2", "10.2.2"),
        versions=(
            ApprovedVersion(date(2019, 3, 4), "Pierwsze wydanie."),
            ApprovedVersion(60, "Pole analizy przyczyn metodą „5 × dlaczego”."),
        ),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="F-05",
        doc_type="form",
        title="Wniosek o udostępnienie informacji publicznej",
        owner_unit="OR",
        owner="or.head",
        approver="quality",
        reviewers=("bom.head",),
        clauses=("8.2.2",),
        versions=(
            ApprovedVersion(date(2019, 4, 1), "Pierwsze wydanie."),
            ApprovedVersion(300, "Udostępnienie na adres do doręczeń elektronicznych."),
        ),
        distribution_units=("OR", "BOM"),
        retention_category=RetentionCategory.BE5,
    ),
    DocumentSpec(
        number="F-06",
        doc_type="form",
        title="Zgłoszenie naruszenia ochrony danych osobowych",
        owner_unit="OR",
        owner="or.head",
        approver="quality",
        reviewers=("it.nowicki",),
        clauses=("7.5.3",),
        versions=(ApprovedVersion(180, "Pierwsze wydanie."),),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="F-07",
        doc_type="form",
        title="Karta oceny wykonawcy",
        owner_unit="ZP",
        owner="zp.head",
        approver="quality",
        reviewers=("in.head",),
        clauses=("8.4.1",),
        versions=(ApprovedVersion(200, "Pierwsze wydanie."),),
        distribution_units=("ZP", "IN"),
        distribution_roles=(Role.PROCESS_OWNER,),
        retention_category=RetentionCategory.B5,
    ),
    DocumentSpec(
        number="F-08",
        doc_type="form",
        title="Lista obecności na szkoleniu",
        owner_unit="OR-KD",
        owner="kd.grabowska",
        approver="quality",
        reviewers=("or.head",),
        clauses=("7.2",),
        versions=(
            ApprovedVersion(date(2020, 9, 1), "Pierwsze wydanie."),
            ApprovedVersion(
                420, "Szkolenia zdalne: potwierdzenie obecności z platformy szkoleniowej."
            ),
        ),
        distribution_units=("OR-KD",),
        distribution_roles=(Role.PROCESS_OWNER,),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="WZ-01",
        doc_type="record_template",
        title="Protokół z auditu wewnętrznego",
        owner_unit="SZJ",
        owner="secretary",
        approver="quality",
        reviewers=("aw.olszewski", "auditor"),
        clauses=("9.2",),
        versions=(
            ApprovedVersion(date(2019, 3, 4), "Pierwsze wydanie."),
            ApprovedVersion(
                date(2023, 1, 16), "Ryzyka i szanse związane z auditem (PN-EN ISO 19011:2018)."
            ),
        ),
        distribution_units=("SZJ", "AW"),
        distribution_roles=(Role.INTERNAL_AUDITOR,),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="WZ-02",
        doc_type="record_template",
        title="Raport z przeglądu zarządzania",
        owner_unit="SEK",
        owner="secretary",
        approver="quality",
        reviewers=("quality",),
        clauses=("9.3.2", "9.3.3"),
        versions=(
            ApprovedVersion(date(2019, 3, 4), "Pierwsze wydanie."),
            ApprovedVersion(210, "Dane wejściowe w układzie punktu 9.3.2 normy."),
        ),
        distribution_units=("SEK",),
        distribution_roles=(Role.TOP_MANAGEMENT,),
    ),
    DocumentSpec(
        number="WZ-03",
        doc_type="record_template",
        title="Program auditów wewnętrznych",
        owner_unit="SZJ",
        owner="secretary",
        approver="quality",
        reviewers=("aw.olszewski",),
        clauses=("9.2",),
        versions=(ApprovedVersion(745, "Pierwsze wydanie."),),
        distribution_units=("SZJ",),
        distribution_roles=(Role.INTERNAL_AUDITOR,),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="WZ-04",
        doc_type="record_template",
        title="Rejestr skarg i wniosków",
        owner_unit="OR",
        owner="or.head",
        approver="quality",
        reviewers=("bom.head",),
        clauses=("9.1.2",),
        versions=(
            ApprovedVersion(date(2019, 4, 1), "Pierwsze wydanie."),
            ApprovedVersion(250, "Kolumna „przekazanie według właściwości” (art. 231 KPA)."),
        ),
        distribution_units=("OR", "BOM"),
    ),
    DocumentSpec(
        number="WZ-05",
        doc_type="record_template",
        title="Rejestr ryzyk i szans",
        owner_unit="SEK",
        owner="secretary",
        approver="quality",
        reviewers=("treasurer",),
        clauses=("6.1.1", "6.1.2"),
        versions=(
            ApprovedVersion(
                350, "Pierwsze wydanie: wspólny rejestr dla SZJ i kontroli zarządczej."
            ),
        ),
        distribution_units=("SEK",),
        distribution_roles=(Role.PROCESS_OWNER,),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="WZ-06",
        doc_type="record_template",
        title="Raport z realizacji zamówienia (art. 446 PZP)",
        owner_unit="ZP",
        owner="zp.head",
        approver="quality",
        reviewers=("fn.head",),
        clauses=("8.4.1",),
        versions=(ApprovedVersion(200, "Pierwsze wydanie."),),
        distribution_units=("ZP", "IN"),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="WZ-07",
        doc_type="record_template",
        title="Plan szkoleń pracowników",
        owner_unit="OR-KD",
        owner="kd.grabowska",
        approver="quality",
        reviewers=("or.head",),
        clauses=("7.2", "7.3"),
        versions=(
            ApprovedVersion(date(2020, 9, 1), "Pierwsze wydanie."),
            ApprovedVersion(420, "Forma zdalna i e-learning; ocena skuteczności szkolenia."),
        ),
        distribution_units=("OR-KD",),
        distribution_roles=(Role.PROCESS_OWNER,),
        retention_category=RetentionCategory.B10,
    ),
    DocumentSpec(
        number="Z-01",
        doc_type="external",
        title="Ustawa z dnia 14 czerwca 1960 r. — Kodeks postępowania administracyjnego (tekst jednolity)",
        owner_unit="OR",
        owner="or.head",
        approver="quality",
        reviewers=("or.head",),
        clauses=("4.2", "8.2.2"),
        versions=(
            ApprovedVersion(date(2019, 1, 14), "Rejestracja dokumentu zewnętrznego."),
            ApprovedVersion(
                230, "Nowy tekst jednolity ustawy; sprawdzono odesłania w procedurach."
            ),
        ),
        distribution_units=("OR", "BOM", "SO", "USC", "KM", "AB", "PO", "GN", "OS"),
        retention_category=RetentionCategory.B5,
        author="quality",
    ),
    DocumentSpec(
        number="Z-02",
        doc_type="external",
        title="Ustawa z dnia 11 września 2019 r. — Prawo zamówień publicznych (tekst jednolity)",
        owner_unit="ZP",
        owner="zp.head",
        approver="quality",
        reviewers=("zp.head",),
        clauses=("4.2", "8.4"),
        versions=(
            ApprovedVersion(
                date(2021, 1, 4), "Rejestracja nowej ustawy (obowiązuje od 1 stycznia 2021 r.)."
            ),
            ApprovedVersion(260, "Nowy tekst jednolity ustawy; sprawdzono odesłania w P-08."),
        ),
        distribution_units=("ZP", "IN", "FN"),
        distribution_roles=(Role.PROCESS_OWNER,),
        retention_category=RetentionCategory.B5,
        author="quality",
    ),
)

# Work in progress: new versions on top of the ones in force.
WORK_IN_PROGRESS = {
    "KJ-01": WorkInProgress(
        state="review",
        summary="Doręczenia elektroniczne w mapie procesów; uzasadnienie wyłączenia 8.3.",
        reviewers=(("secretary", False), ("aw.olszewski", True)),
        days_ago=9,
    ),
    "P-09": WorkInProgress(
        state="review",
        summary="Obsługa osób głuchych: pętla indukcyjna i tłumacz polskiego języka migowego online.",
        reviewers=(("owner", False), ("quality", True)),
        days_ago=6,
    ),
    "P-05": WorkInProgress(
        state="approval",
        summary="Aktualizacja po nowelizacji KPA: skargi ponawiane bez nowych okoliczności (art. 239 KPA).",
        reviewers=(("quality", True), ("bom.head", True)),
        days_ago=14,
    ),
    "P-08": WorkInProgress(
        state="approval",
        summary="Rejestr terminów i kar umownych dla umów inwestycyjnych (decyzja z przeglądu zarządzania).",
        reviewers=(("in.head", True), ("fn.head", True)),
        days_ago=11,
    ),
}

# “Reviewed, no change”: (date or days before today, notes).
PERIODIC_REVIEWS = {
    "P-02": (
        (date(2024, 1, 22), "Przegląd okresowy: procedura zgodna z praktyką, bez zmian."),
        (120, "Sprawdzono po auditach 2026: procedura aktualna, bez zmian."),
    ),
    "I-03": (
        (date(2022, 2, 28), "Przepisy bez zmian wpływających na instrukcję."),
        (200, "Przegląd okresowy: instrukcja aktualna, bez zmian."),
    ),
    "WZ-01": ((90, "Wzór sprawdzony przez zespół auditorów: bez uwag."),),
}

# Withdrawn documents: (date, reason).
WITHDRAWALS = {
    "I-10": (
        date(2020, 1, 2),
        "EZD jest podstawowym sposobem dokumentowania spraw; instrukcję zastępuje I-09.",
    ),
}

# Versions in force that `employee` has not confirmed yet.
EMPLOYEE_UNREAD = {"PJ-01", "P-03", "I-01"}

REVIEW_COMMENTS = ("Bez uwag.", "Uwagi zgłoszone roboczo zostały uwzględnione.")

# The records register.
COUNTED_FROM_NEXT_YEAR = "licząc od 1 stycznia roku następnego po zakończeniu sprawy"
DESTROY_AFTER_RETENTION = "niszczenie po upływie okresu przechowywania protokołem brakowania, za zgodą archiwum państwowego"
TRANSFER_TO_STATE_ARCHIVE = "przekazanie do archiwum państwowego po 25 latach od wytworzenia"
STATE_ARCHIVE_APPRAISAL = (
    "po upływie okresu przechowywania ekspertyza archiwum państwowego: brakowanie albo kategoria A"
)

RECORDS = (
    RecordSpec(
        name="Protokoły z auditów wewnętrznych",
        keeper_unit="SZJ",
        location="Pełnomocnik ds. SZJ, pok. 112; skany w EZD",
        retention_category=RetentionCategory.B10,
        retention=f"10 lat, {COUNTED_FROM_NEXT_YEAR}",
        disposal=DESTROY_AFTER_RETENTION,
        defined_by=("P-02", "WZ-01"),
        clauses=("9.2", "7.5.3"),
    ),
    RecordSpec(
        name="Programy auditów wewnętrznych",
        keeper_unit="SZJ",
        location="EZD, teczka Pełnomocnika ds. SZJ",
        retention_category=RetentionCategory.B10,
        retention=f"10 lat, {COUNTED_FROM_NEXT_YEAR}",
        disposal=DESTROY_AFTER_RETENTION,
        defined_by=("P-02", "WZ-03"),
        clauses=("9.2",),
    ),
    RecordSpec(
        name="Raporty z przeglądów zarządzania",
        keeper_unit="SZJ",
        location="EZD; oryginały podpisane w sekretariacie Prezydenta",
        retention_category=RetentionCategory.A,
        retention="wieczyście",
        disposal=TRANSFER_TO_STATE_ARCHIVE,
        defined_by=("P-04", "WZ-02"),
        clauses=("9.3", "9.3.3"),
    ),
    RecordSpec(
        name="Rejestr skarg i wniosków wraz z odpowiedziami",
        keeper_unit="OR",
        location="EZD, Wydział Organizacyjny; kopie w BOM",
        retention_category=RetentionCategory.A,
        retention="wieczyście",
        disposal=TRANSFER_TO_STATE_ARCHIVE,
        defined_by=("P-05", "F-02", "WZ-04"),
        clauses=("9.1.2", "8.2.1"),
    ),
    RecordSpec(
        name="Ankiety satysfakcji klientów",
        keeper_unit="BOM",
        location="Biuro Obsługi Mieszkańców, archiwum podręczne; wyniki elektroniczne w EZD",
        retention_category=RetentionCategory.B5,
        retention=f"5 lat, {COUNTED_FROM_NEXT_YEAR}",
        disposal=DESTROY_AFTER_RETENTION,
        defined_by=("P-06", "F-03"),
        clauses=("9.1.2", "9.1.3"),
    ),
    RecordSpec(
        name="Karty niezgodności i działań korygujących",
        keeper_unit="SZJ",
        location="System Ratusz (rejestr działań) i EZD",
        retention_category=RetentionCategory.B10,
        retention=f"10 lat, {COUNTED_FROM_NEXT_YEAR}",
        disposal=DESTROY_AFTER_RETENTION,
        defined_by=("P-03", "F-04"),
        clauses=("10.2", "10.2.2", "8.7.2"),
    ),
    RecordSpec(
        name="Oceny wykonawców",
        keeper_unit="ZP",
        location="Biuro Zamówień Publicznych, akta postępowań",
        retention_category=RetentionCategory.B5,
        retention=f"5 lat od zakończenia umowy, {COUNTED_FROM_NEXT_YEAR}",
        disposal=DESTROY_AFTER_RETENTION,
        defined_by=("P-08", "F-07"),
        clauses=("8.4.1",),
    ),
    RecordSpec(
        name="Listy obecności i zaświadczenia o szkoleniach",
        keeper_unit="OR-KD",
        location="Referat Kadr, akta osobowe (część B) i EZD",
        retention_category=RetentionCategory.B10,
        retention=f"10 lat, {COUNTED_FROM_NEXT_YEAR}",
        disposal=DESTROY_AFTER_RETENTION,
        defined_by=("F-08", "WZ-07"),
        clauses=("7.2",),
    ),
    RecordSpec(
        name="Rejestr ryzyk i szans",
        keeper_unit="SEK",
        location="EZD, sekretariat Sekretarza Miasta",
        retention_category=RetentionCategory.BE10,
        retention=f"10 lat, {COUNTED_FROM_NEXT_YEAR}",
        disposal=STATE_ARCHIVE_APPRAISAL,
        defined_by=("P-07", "WZ-05"),
        clauses=("6.1", "6.1.2"),
    ),
    RecordSpec(
        name="Rejestr naruszeń ochrony danych osobowych",
        keeper_unit="OR",
        location="Inspektor Ochrony Danych, EZD (dostęp ograniczony)",
        retention_category=RetentionCategory.B10,
        retention=f"10 lat, {COUNTED_FROM_NEXT_YEAR}",
        disposal=DESTROY_AFTER_RETENTION,
        defined_by=("P-10", "F-06"),
        clauses=("7.5.3",),
    ),
)
