"""The demo office's documented information (ISO 9001 clause 7.5).

About forty documents of “Urząd Miasta Przykładowo” with histories: the policy,
the manual, procedures, work instructions, forms, record templates and two
external documents, each taken through the real lifecycle by the services
(review by someone other than the author, approval by the type's approver who
is neither author nor owner). The services only approve with an effective date
of today or later, so once a version is in force its dates are moved back into
the office's history (2019–2026): absolute dates for versions long superseded,
dates relative to today for the versions in force and for the work in
progress, so the register always shows a few documents overdue for review and
a few due soon.

Each document is distributed once its history is in place, and most of its
readers confirm the version in force (confirmations of superseded versions are
not part of the demo). Notifications left over from the history are marked
read, so each persona's unread ones are exactly what still waits for them.
Then the records register.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ratusz.core import services as core_services
from ratusz.core.models import Clause, Notification, Role
from ratusz.documents import services
from ratusz.documents.models import (
    Acknowledgement,
    Confidentiality,
    Document,
    DocumentType,
    DocumentVersion,
    PeriodicReview,
    RecordType,
    RetentionCategory,
    ReviewRequest,
    Transition,
)
from ratusz.documents.reference_data import seed_document_types
from ratusz.documents.selectors import to_read
from ratusz.lib.deadlines import add_months

V = DocumentVersion.Status
R = RetentionCategory
PUBLIC = Confidentiality.PUBLIC
RESTRICTED = Confidentiality.RESTRICTED
OWNERS = Role.PROCESS_OWNER
AUDITORS = Role.INTERNAL_AUDITOR


@dataclass(frozen=True)
class Ver:
    """One approved version. `edits` are the (before, after) changes it made to the
    previous version's text; `returned` is an approver's reason for sending its first
    submission back, answered by the `fix` edits."""

    when: date | int  # effective date, or days before today
    summary: str
    edits: tuple[tuple[str, str], ...] = ()
    returned: str = ""
    fix: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Doc:
    number: str
    kind: str  # DocumentType.code
    title: str
    unit: str
    owner: str
    approver: str
    reviewers: tuple[str, ...]
    clauses: tuple[str, ...]
    versions: tuple[Ver, ...]  # empty: the first version is still a draft
    units: tuple[str, ...] = ("PM",)
    roles: tuple[str, ...] = ()
    confidentiality: str = Confidentiality.INTERNAL
    retention: str = R.A
    author: str = ""  # defaults to the owner

    @property
    def writer(self) -> str:
        return self.author or self.owner


@dataclass(frozen=True)
class Work:
    """A new version in progress on top of the one in force."""

    state: str  # "review" or "approval"
    summary: str
    edits: tuple[tuple[str, str], ...]
    reviewers: tuple[tuple[str, bool], ...]  # (username, has answered)
    days_ago: int


# --- texts (the version in force; older ones are derived through the edits) ------------

BODIES = {
    "PJ-01": """\
## Cel

Polityka jakości określa, do czego zobowiązuje się Prezydent Miasta Przykładowo i wszyscy pracownicy Urzędu w zakresie jakości usług publicznych.

## Zakres

Polityka obejmuje wszystkie usługi, które Urząd Miasta Przykładowo świadczy mieszkańcom, przedsiębiorcom i instytucjom, oraz procesy, które te usługi wspierają.

## Zobowiązania

Urząd Miasta Przykładowo:

- załatwia sprawy zgodnie z prawem, rzetelnie i bez zbędnej zwłoki, w terminach wynikających z przepisów;
- traktuje każdego klienta życzliwie i z szacunkiem, udziela pełnej informacji o sposobie załatwienia sprawy;
- poznaje oczekiwania mieszkańców przez badanie satysfakcji, skargi i wnioski i wykorzystuje te informacje do doskonalenia usług;
- rozpoznaje ryzyka i szanse związane z realizacją zadań i planuje działania, które na nie odpowiadają;
- zapewnia dostępność architektoniczną, cyfrową i informacyjno-komunikacyjną osobom ze szczególnymi potrzebami;
- zapewnia pracownikom szkolenia i warunki pracy potrzebne do kompetentnej obsługi klientów;
- chroni informacje i dane osobowe powierzone przez mieszkańców;
- stale doskonali system zarządzania jakością zgodny z normą PN-EN ISO 9001:2015.

## Cele strategiczne na lata 2022–2026

- załatwianie 80% spraw w Biurze Obsługi Mieszkańców przy pierwszej wizycie;
- co najmniej 85% klientów zadowolonych z obsługi w corocznym badaniu satysfakcji;
- udostępnienie przez Internet wszystkich usług, dla których pozwalają na to przepisy, oraz doręczanie pism na adresy do doręczeń elektronicznych.

## Odpowiedzialność

Prezydent Miasta zatwierdza politykę jakości i zapewnia zasoby do jej realizacji. Pełnomocnik ds. SZJ upowszechnia ją wśród pracowników i co roku przedstawia jej realizację w przeglądzie zarządzania. Każdy pracownik zna politykę i stosuje ją w swojej pracy. Polityka jest publikowana w Biuletynie Informacji Publicznej i wywieszona w Biurze Obsługi Mieszkańców.

## Dokumenty związane

- KJ-01 Księga jakości
- P-04 Przegląd zarządzania
""",
    "KJ-01": """\
## Cel

Księga jakości opisuje system zarządzania jakością Urzędu Miasta Przykładowo: jego zakres, procesy i ich wzajemne powiązania, oraz odsyła do procedur, które je regulują.

## Zakres

System obejmuje świadczenie usług publicznych związanych z zadaniami administracji samorządowej, realizowanych przez wszystkie komórki organizacyjne Urzędu. Wymaganie 8.3 normy (projektowanie i rozwój) nie ma zastosowania: wymagania dotyczące usług określają przepisy prawa, a Urząd ich nie projektuje.

## Odpowiedzialność

- Prezydent Miasta — przywództwo, polityka jakości, zapewnienie zasobów;
- Sekretarz Miasta — organizacja pracy Urzędu i nadzór nad realizacją celów jakości;
- Pełnomocnik ds. SZJ — utrzymanie i doskonalenie systemu, raportowanie kierownictwu;
- naczelnicy wydziałów i kierownicy biur — właściciele procesów w swoich komórkach.

## Mapa procesów

- procesy zarządcze: planowanie i cele, przegląd zarządzania (P-04), zarządzanie ryzykiem (P-07);
- procesy podstawowe: obsługa klienta (P-09), sprawy obywatelskie, stan cywilny, komunikacja, architektura i budownictwo, podatki i opłaty, gospodarka nieruchomościami, ochrona środowiska, edukacja;
- procesy wspierające: zamówienia publiczne (P-08), kadry i szkolenia, informatyka i ochrona danych osobowych (P-10), nadzór nad udokumentowanymi informacjami (P-01);
- pomiar i doskonalenie: audit wewnętrzny (P-02), niezgodności i działania korygujące (P-03), skargi i wnioski (P-05), badanie satysfakcji klientów (P-06).

## Zapisy

Rejestr zapisów w systemie Ratusz określa, jakie zapisy są przechowywane, gdzie, przez kogo i jak długo.

## Dokumenty związane

- PJ-01 Polityka jakości
- Regulamin organizacyjny Urzędu Miasta Przykładowo
- procedury P-01–P-10
""",
    "P-01": """\
## Cel

Zapewnienie, że pracownicy korzystają wyłącznie z aktualnych, zatwierdzonych dokumentów systemu zarządzania jakością, a zapisy są przechowywane tak, aby można je było odnaleźć.

## Zakres

Dokumenty SZJ (polityka, księga, procedury, instrukcje, formularze, wzory zapisów), dokumenty zewnętrzne i zapisy. Procedura nie dotyczy akt spraw prowadzonych według instrukcji kancelaryjnej.

## Odpowiedzialność

- Pełnomocnik ds. SZJ — prowadzi rejestr dokumentów, nadaje numery, wycofuje dokumenty nieaktualne;
- właściciel dokumentu — opracowuje projekt, przeprowadza uzgodnienia i przegląd okresowy;
- zatwierdzający — politykę, księgę i procedury: Prezydent, Sekretarz lub Skarbnik Miasta; instrukcje, formularze i wzory zapisów: Pełnomocnik ds. SZJ;
- każdy pracownik — zapoznaje się z przekazanymi mu dokumentami i potwierdza to w systemie.

## Przebieg

1. Właściciel dokumentu przygotowuje projekt w rejestrze dokumentów w systemie Ratusz.
2. Projekt uzgadnia co najmniej jedna osoba inna niż autor.
3. Po uwzględnieniu uwag projekt trafia do zatwierdzenia; nikt nie zatwierdza własnego dokumentu.
4. Zatwierdzona wersja wchodzi w życie w dniu wskazanym przy zatwierdzeniu; poprzednia wersja staje się nieaktualna i pozostaje w archiwum rejestru.
5. Pracownicy komórek wskazanych w rozdzielniku potwierdzają w systemie zapoznanie się z dokumentem.
6. Dokumenty zewnętrzne (akty prawne, normy) rejestruje się ze wskazaniem komórek, które je stosują; Wydział Organizacyjny śledzi zmiany przepisów.
7. Właściciel przegląda dokument co 12 miesięcy (polityka, księga, procedury) lub co 24 miesiące (pozostałe) i przygotowuje nową wersję albo potwierdza aktualność dokumentu.
8. Wydruki dokumentów są kopiami nienadzorowanymi, chyba że oznaczono je jako egzemplarz nadzorowany.

## Zapisy

- rejestr dokumentów i historia wersji (system Ratusz);
- potwierdzenia zapoznania się z dokumentami;
- rejestr zapisów.

## Dokumenty związane

- KJ-01 Księga jakości
- I-09 Instrukcja kancelaryjna — obsługa dokumentacji w EZD
""",
    "P-02": """\
## Cel

Sprawdzanie w zaplanowanych odstępach czasu, czy system zarządzania jakością spełnia wymagania normy PN-EN ISO 9001:2015 i wymagania własne Urzędu oraz czy jest skutecznie utrzymywany.

## Zakres

Audity wewnętrzne wszystkich komórek organizacyjnych objętych systemem, planowane w rocznym programie auditów.

## Odpowiedzialność

- Pełnomocnik ds. SZJ — opracowuje program auditów, wyznacza zespoły auditorów, przedstawia wyniki w przeglądzie zarządzania;
- auditor wiodący — przygotowuje plan auditu, prowadzi audit i sporządza protokół;
- kierownik komórki auditowanej — zapewnia dostęp do dokumentów i ludzi, planuje korekcje i działania korygujące.

## Przebieg

1. Do 31 stycznia Pełnomocnik przygotowuje program auditów na dany rok, uwzględniając ważność procesów, wyniki poprzednich auditów, skargi i ryzyka; program zatwierdza Sekretarz Miasta.
2. Każdą komórkę audituje się co najmniej raz na trzy lata, a procesy obsługi klienta co roku.
3. Auditor nie audituje własnej pracy ani komórki, w której pracuje.
4. Auditor wiodący przesyła plan auditu kierownikowi komórki co najmniej 5 dni roboczych przed auditem.
5. Audit rozpoczyna spotkanie otwierające, a kończy spotkanie zamykające, na którym auditor przedstawia ustalenia.
6. Protokół z auditu (WZ-01) auditor wiodący przekazuje w ciągu 7 dni roboczych; niezgodności rejestruje się zgodnie z P-03.
7. Pełnomocnik sprawdza realizację działań korygujących i ocenia ich skuteczność.

## Zapisy

- program auditów wewnętrznych (WZ-03);
- plany i protokoły z auditów (WZ-01);
- karty niezgodności (F-04).

## Dokumenty związane

- PN-EN ISO 19011:2018 Wytyczne dotyczące auditowania systemów zarządzania
- P-03 Niezgodności i działania korygujące
""",
    "P-03": """\
## Cel

Usuwanie niezgodności i ich przyczyn, tak aby się nie powtarzały, oraz ocena skuteczności podjętych działań.

## Zakres

Niezgodności stwierdzone w auditach wewnętrznych i zewnętrznych, w kontrolach zewnętrznych, wynikające ze skarg uznanych za zasadne oraz zauważone przez pracowników w codziennej pracy, w tym usługi niezgodne z wymaganiami (np. decyzja wydana po terminie).

## Odpowiedzialność

- każdy pracownik — zgłasza zauważone niezgodności przełożonemu lub Pełnomocnikowi ds. SZJ;
- kierownik komórki — podejmuje korekcję, analizuje przyczyny, planuje działania korygujące;
- Pełnomocnik ds. SZJ — rejestruje niezgodności, pilnuje terminów, organizuje ocenę skuteczności działań.

## Przebieg

1. Niezgodność opisuje się na karcie niezgodności (F-04) albo bezpośrednio w rejestrze działań w systemie Ratusz.
2. Kierownik komórki niezwłocznie podejmuje korekcję (np. wydaje decyzję, przeprasza klienta, poprawia błąd w dokumencie).
3. W ciągu 14 dni kierownik ustala przyczynę źródłową metodą „5 × dlaczego” i planuje działanie korygujące z terminem i osobą odpowiedzialną.
4. Pełnomocnik sprawdza, czy podobne niezgodności nie wystąpiły lub nie mogą wystąpić w innych komórkach.
5. Po wykonaniu działania skuteczność ocenia osoba inna niż wykonawca, zwykle po 3 miesiącach, na podstawie próby spraw.
6. Działanie nieskuteczne wymaga ponownej analizy przyczyn.
7. Zestawienie niezgodności i działań Pełnomocnik przedstawia w przeglądzie zarządzania.

## Zapisy

- karty niezgodności i działań korygujących (F-04);
- rejestr działań w systemie Ratusz.

## Dokumenty związane

- P-02 Audit wewnętrzny
- P-05 Rozpatrywanie skarg i wniosków
""",
    "P-04": """\
## Cel

Ocena przez najwyższe kierownictwo, czy system zarządzania jakością jest przydatny, adekwatny i skuteczny, oraz decyzje o jego doskonaleniu.

## Zakres

Coroczny przegląd zarządzania i przeglądy nadzwyczajne zwoływane przez Prezydenta Miasta.

## Odpowiedzialność

- Prezydent Miasta — przewodniczy przeglądowi i zatwierdza jego wnioski;
- Pełnomocnik ds. SZJ — zbiera dane wejściowe, przygotowuje raport i nadzoruje realizację decyzji;
- Sekretarz i Skarbnik Miasta, naczelnicy wydziałów — przedstawiają informacje o swoich procesach.

## Przebieg

1. Przegląd odbywa się raz w roku, przed auditem nadzoru jednostki certyfikującej.
2. Na 14 dni przed przeglądem Pełnomocnik zbiera dane wejściowe: status działań z poprzedniego przeglądu, zmiany w kontekście Urzędu (w tym zmiany przepisów), wyniki badania satysfakcji, skargi i wnioski, realizację celów jakości, wyniki auditów i kontroli, niezgodności i działania korygujące, oceny wykonawców, ryzyka i szanse oraz adekwatność zasobów.
3. Na spotkaniu kierownictwo omawia dane i podejmuje decyzje dotyczące doskonalenia, zmian w systemie i potrzebnych zasobów.
4. W ciągu 14 dni Pełnomocnik sporządza raport według wzoru WZ-02; raport zatwierdza Prezydent Miasta.
5. Decyzje z przeglądu wpisuje się do rejestru działań z terminem i osobą odpowiedzialną.

## Zapisy

- raport z przeglądu zarządzania (WZ-02);
- działania z przeglądu w rejestrze działań.

## Dokumenty związane

- PJ-01 Polityka jakości
- P-07 Zarządzanie ryzykiem
""",
    "P-05": """\
## Cel

Rzetelne i terminowe rozpatrywanie skarg i wniosków wnoszonych do Prezydenta Miasta, zgodnie z działem VIII Kodeksu postępowania administracyjnego.

## Zakres

Skargi i wnioski wniesione pisemnie, elektronicznie lub ustnie do protokołu, dotyczące zadań i działalności Urzędu i jego pracowników. Procedura nie dotyczy petycji ani odwołań od decyzji administracyjnych.

## Odpowiedzialność

- Wydział Organizacyjny — prowadzi rejestr skarg i wniosków, pilnuje terminów;
- naczelnik wydziału merytorycznego — wyjaśnia sprawę i przygotowuje projekt odpowiedzi;
- Prezydent Miasta lub Sekretarz Miasta — podpisuje odpowiedź.

## Przebieg

1. Skargę lub wniosek rejestruje się w rejestrze skarg i wniosków w dniu wpływu; skargę wniesioną ustnie przyjmuje się do protokołu (F-02).
2. Skargę lub wniosek bez imienia i nazwiska (nazwy) oraz adresu wnoszącego rejestruje się, ale pozostawia bez rozpoznania.
3. Sprawę, do której rozpatrzenia Prezydent Miasta nie jest właściwy, przekazuje się właściwemu organowi nie później niż w ciągu 7 dni, zawiadamiając o tym wnoszącego (art. 231 KPA).
4. Skargę na Prezydenta Miasta przekazuje się Radzie Miasta jako organowi właściwemu (art. 229 KPA), z wyjaśnieniami i dokumentami sprawy; w sprawach zadań zleconych z zakresu administracji rządowej właściwy jest Wojewoda.
5. Skargę rozpatruje się bez zbędnej zwłoki, nie później niż w ciągu miesiąca (art. 237 § 1 KPA); o każdym opóźnieniu zawiadamia się wnoszącego, podając przyczynę i nowy termin.
6. Odpowiedź wskazuje sposób załatwienia sprawy, a gdy skargę załatwiono odmownie — zawiera uzasadnienie faktyczne i prawne.
7. Skargę uznaną za zasadną zgłasza się jako niezgodność (P-03).
8. Wydział Organizacyjny co kwartał przedstawia Sekretarzowi Miasta zestawienie skarg i wniosków.

## Zapisy

- rejestr skarg i wniosków (WZ-04);
- protokoły przyjęcia skarg ustnych;
- odpowiedzi na skargi i wnioski.

## Dokumenty związane

- Z-01 Kodeks postępowania administracyjnego (dział VIII)
- Rozporządzenie Rady Ministrów w sprawie organizacji przyjmowania i rozpatrywania skarg i wniosków
- P-03 Niezgodności i działania korygujące
""",
    "P-06": """\
## Cel

Poznanie opinii klientów o jakości usług Urzędu i wykorzystanie jej do doskonalenia obsługi.

## Zakres

Coroczne badanie ankietowe klientów Biura Obsługi Mieszkańców i wydziałów obsługujących klientów bezpośrednio oraz inne źródła informacji zwrotnej: skargi, wnioski, podziękowania, opinie w mediach społecznościowych.

## Odpowiedzialność

- Pełnomocnik ds. SZJ — organizuje badanie, opracowuje wyniki i raport;
- Kierownik Biura Obsługi Mieszkańców i naczelnicy wydziałów — udostępniają ankietę klientom i analizują wyniki swoich komórek.

## Przebieg

1. Badanie trwa co najmniej 4 tygodnie w drugim kwartale roku; ankieta (F-03) jest dostępna w punktach obsługi i na stronie internetowej Urzędu.
2. Ankieta jest anonimowa; wypełnioną ankietę papierową klient wrzuca do urny.
3. W ciągu miesiąca od zakończenia badania Pełnomocnik opracowuje wyniki: wskaźnik zadowolenia ogółem i w podziale na komórki oraz najczęstsze uwagi.
4. Wynik poniżej celu (85% ocen „dobrze” i „bardzo dobrze”) w danej komórce wymaga działania doskonalącego.
5. Raport z badania jest daną wejściową przeglądu zarządzania (P-04) i jest publikowany na stronie Urzędu.

## Zapisy

- wypełnione ankiety (F-03);
- raport z badania satysfakcji klientów.

## Dokumenty związane

- PJ-01 Polityka jakości
- P-04 Przegląd zarządzania
""",
    "P-07": """\
## Cel

Rozpoznawanie, ocena i postępowanie z ryzykami i szansami, które mogą wpłynąć na realizację zadań Urzędu i zadowolenie klientów, w ramach kontroli zarządczej (art. 68 i 69 ustawy o finansach publicznych).

## Zakres

Ryzyka i szanse procesów objętych systemem zarządzania jakością oraz ryzyka celów Urzędu, oceniane w jednym rejestrze ryzyk.

## Odpowiedzialność

- Sekretarz Miasta — koordynuje zarządzanie ryzykiem i przedstawia rejestr ryzyk Prezydentowi Miasta;
- naczelnicy wydziałów — rozpoznają i oceniają ryzyka swoich procesów, realizują działania;
- Pełnomocnik ds. SZJ — uwzględnia ryzyka w programie auditów i w przeglądzie zarządzania.

## Przebieg

1. Do końca stycznia naczelnicy rozpoznają ryzyka swoich procesów i celów (np. przekroczenie terminów, utrata danych, nieobsadzone stanowiska, błędy w decyzjach).
2. Każde ryzyko ocenia się w skali 1–5 pod względem prawdopodobieństwa i skutku; iloczyn daje poziom ryzyka.
3. Ryzyko na poziomie 12 lub wyższym wymaga działania ograniczającego z terminem i osobą odpowiedzialną; niższe akceptuje się i monitoruje.
4. Szanse (np. nowe usługi elektroniczne, środki zewnętrzne) rejestruje się i ocenia tak samo.
5. Rejestr ryzyk (WZ-05) aktualizuje się co najmniej raz w roku oraz po każdym istotnym zdarzeniu.
6. Skuteczność działań ocenia się w przeglądzie zarządzania.

## Zapisy

- rejestr ryzyk (WZ-05);
- oświadczenie o stanie kontroli zarządczej.

## Dokumenty związane

- Standardy kontroli zarządczej dla sektora finansów publicznych (Komunikat nr 23 Ministra Finansów)
- P-04 Przegląd zarządzania
""",
    "P-08": """\
## Cel

Udzielanie zamówień publicznych zgodnie z ustawą Prawo zamówień publicznych (PZP), z zachowaniem uczciwej konkurencji, przejrzystości i efektywności wydatków, oraz nadzór nad wykonawcami.

## Zakres

Zamówienia na dostawy, usługi i roboty budowlane udzielane przez wszystkie komórki Urzędu, także zamówienia o wartości mniejszej niż 130 000 zł netto, do których ustawy nie stosuje się (art. 2 ust. 1 pkt 1 PZP) i których udziela się według regulaminu wewnętrznego.

## Odpowiedzialność

- komórka merytoryczna — opisuje przedmiot zamówienia, szacuje wartość, nadzoruje wykonanie umowy;
- Biuro Zamówień Publicznych — dobiera tryb, przygotowuje dokumenty zamówienia, prowadzi postępowanie;
- Skarbnik Miasta — kontrasygnuje umowy;
- Prezydent Miasta lub upoważniony zastępca — zatwierdza wybór oferty i zawiera umowę.

## Przebieg

1. Komórka merytoryczna składa do Biura wniosek o wszczęcie postępowania z opisem przedmiotu zamówienia i wartością ustaloną nie wcześniej niż 3 miesiące (dostawy i usługi) lub 6 miesięcy (roboty budowlane) przed wszczęciem postępowania.
2. Biuro dobiera tryb i przygotowuje dokumenty zamówienia; projektowane postanowienia umowy nie mogą przewidywać m.in. odpowiedzialności wykonawcy za opóźnienie, chyba że uzasadniają to okoliczności lub zakres zamówienia, ani kar umownych za zachowanie niezwiązane z przedmiotem umowy (art. 433 PZP).
3. Umowa określa łączną maksymalną wysokość kar umownych, których mogą dochodzić strony (art. 436 pkt 3 PZP).
4. Komisja przetargowa ocenia oferty; jej członkowie składają oświadczenia o braku konfliktu interesów.
5. Komórka merytoryczna nadzoruje wykonanie umowy, w tym terminy; o opóźnieniu informuje Biuro i nalicza kary umowne w terminie wynikającym z umowy.
6. Po wykonaniu umowy komórka ocenia wykonawcę na karcie oceny (F-07); ocenę negatywną uwzględnia się w ryzykach kolejnych zamówień.
7. Gdy zachodzą okoliczności z art. 446 PZP (m.in. kary umowne w wysokości co najmniej 10% ceny ofertowej, wydatki wyższe o co najmniej 10% od ceny ofertowej, znaczne opóźnienia, odstąpienie od umowy), Biuro sporządza raport z realizacji zamówienia (WZ-06).
8. Dokumentację postępowania przechowuje Biuro Zamówień Publicznych.

## Zapisy

- protokół postępowania z załącznikami;
- karty oceny wykonawców (F-07);
- raporty z realizacji zamówień (WZ-06);
- plan postępowań o udzielenie zamówień na dany rok.

## Dokumenty związane

- Z-02 Prawo zamówień publicznych
- Regulamin udzielania zamówień o wartości mniejszej niż 130 000 zł
- P-07 Zarządzanie ryzykiem
""",
    "P-09": """\
## Cel

Sprawna, życzliwa i kompetentna obsługa klientów w Biurze Obsługi Mieszkańców (BOM), tak aby jak najwięcej spraw załatwić przy pierwszej wizycie.

## Zakres

Przyjmowanie wniosków i pism, udzielanie informacji, wydawanie dokumentów i zaświadczeń oraz przyjmowanie opłat w BOM, a także obsługa telefoniczna i elektroniczna (ePUAP, e-Doręczenia).

## Odpowiedzialność

- Kierownik BOM — organizuje pracę stanowisk, grafik i zastępstwa, monitoruje czas oczekiwania;
- pracownicy BOM — obsługują klientów zgodnie z kartami usług;
- naczelnicy wydziałów — aktualizują karty usług i odbierają sprawy przekazane z BOM w dniu wpływu.

## Przebieg

1. Klient pobiera bilet w systemie kolejkowym albo rezerwuje wizytę przez Internet; osoby ze szczególnymi potrzebami, kobiety w ciąży i osoby z małymi dziećmi obsługuje się poza kolejnością.
2. Pracownik sprawdza kompletność wniosku z kartą usługi; braki wskazuje od razu i pomaga je uzupełnić.
3. Pracownik przyjmuje pismo, a na prośbę klienta wydaje potwierdzenie z datą wpływu i numerem sprawy.
4. Pisma rejestruje się w EZD w dniu wpływu i przekazuje do właściwego wydziału.
5. Sprawy, które nie wymagają postępowania wyjaśniającego (np. zaświadczenia z ewidencji), załatwia się od ręki.
6. Gdy klient chce złożyć skargę, pracownik przyjmuje ją zgodnie z P-05.
7. Kierownik BOM co miesiąc analizuje czas oczekiwania z systemu kolejkowego; cel: 80% klientów obsłużonych w ciągu 15 minut.

## Zapisy

- rejestr pism w EZD;
- raporty z systemu kolejkowego;
- ankiety satysfakcji (F-03).

## Dokumenty związane

- karty usług Urzędu (Biuletyn Informacji Publicznej)
- P-05 Rozpatrywanie skarg i wniosków
- P-06 Badanie satysfakcji klientów
""",
    "P-10": """\
## Cel

Szybkie wykrycie, ocena i zgłoszenie naruszeń ochrony danych osobowych oraz ograniczenie ich skutków dla osób, których dane dotyczą.

## Zakres

Naruszenia bezpieczeństwa prowadzące do przypadkowego lub niezgodnego z prawem zniszczenia, utracenia, zmodyfikowania, nieuprawnionego ujawnienia danych osobowych lub nieuprawnionego dostępu do nich (art. 4 pkt 12 RODO), w postaci papierowej i elektronicznej.

## Odpowiedzialność

- każdy pracownik — niezwłocznie zgłasza podejrzenie naruszenia przełożonemu i Inspektorowi Ochrony Danych;
- Inspektor Ochrony Danych — ocenia ryzyko, prowadzi rejestr naruszeń, przygotowuje zgłoszenie;
- Referat Informatyki — zabezpiecza systemy i ślady incydentu teleinformatycznego;
- Prezydent Miasta (administrator danych) lub upoważniony Sekretarz Miasta — podpisuje zgłoszenie do Prezesa UODO.

## Przebieg

1. Pracownik zgłasza naruszenie na formularzu F-06 lub telefonicznie, niezwłocznie po jego stwierdzeniu; nie usuwa śladów i nie naprawia systemu na własną rękę.
2. Inspektor Ochrony Danych w ciągu 24 godzin ocenia ryzyko naruszenia praw lub wolności osób fizycznych.
3. Naruszenie, które może powodować takie ryzyko, zgłasza się Prezesowi UODO w ciągu 72 godzin od jego stwierdzenia (art. 33 RODO); zgłoszenie późniejsze wymaga wyjaśnienia przyczyn opóźnienia.
4. Gdy ryzyko jest wysokie, bez zbędnej zwłoki zawiadamia się osoby, których dane dotyczą (art. 34 RODO).
5. Każde naruszenie, także niezgłoszone do UODO, wpisuje się do rejestru naruszeń z opisem okoliczności, skutków i podjętych działań.
6. Naczelnik komórki, w której doszło do naruszenia, planuje działania korygujące zgodnie z P-03.

## Zapisy

- rejestr naruszeń ochrony danych osobowych;
- zgłoszenia naruszeń (F-06) i zgłoszenia do Prezesa UODO.

## Dokumenty związane

- Rozporządzenie (UE) 2016/679 (RODO), art. 33 i 34
- Polityka bezpieczeństwa informacji Urzędu Miasta Przykładowo
""",
    "I-01": """\
## Cel

Wydanie dowodu osobistego w terminie nie dłuższym niż 30 dni od złożenia wniosku, z zachowaniem bezpieczeństwa danych.

## Zakres

Wnioski o wydanie dowodu osobistego składane w Wydziale Spraw Obywatelskich i w BOM, także dla osób małoletnich, oraz zgłoszenia utraty lub uszkodzenia dowodu.

## Odpowiedzialność

- Naczelnik Wydziału Spraw Obywatelskich — nadzór, upoważnienia do Rejestru Dowodów Osobistych;
- inspektorzy ds. dowodów osobistych — przyjmowanie wniosków i wydawanie dowodów.

## Przebieg

1. Sprawdź tożsamość wnioskodawcy, a w przypadku osoby małoletniej — obecność rodzica lub opiekuna.
2. Pobierz odciski palców (od osób, które ukończyły 12 lat) i sprawdź zgodność zdjęcia z wymaganiami.
3. Wprowadź wniosek do Rejestru Dowodów Osobistych i wydaj potwierdzenie złożenia wniosku.
4. Po otrzymaniu dowodu z centrum personalizacji sprawdź jego dane i powiadom wnioskodawcę SMS-em lub e-mailem z systemu.
5. Wydaj dowód po sprawdzeniu tożsamości odbierającego i potwierdź odbiór w rejestrze.
6. Dowód zgłoszony jako utracony unieważnij niezwłocznie po przyjęciu zgłoszenia.

## Zapisy

- wniosek i potwierdzenie odbioru w Rejestrze Dowodów Osobistych.

## Dokumenty związane

- Ustawa z dnia 6 sierpnia 2010 r. o dowodach osobistych
- P-09 Obsługa klienta w BOM
""",
    "I-02": """\
## Cel

Rejestracja pojazdów zgodnie z Prawem o ruchu drogowym, poprawnie i bez zbędnej zwłoki.

## Zakres

Rejestracja pojazdów nowych, sprowadzonych z zagranicy i używanych, rejestracja czasowa, wyrejestrowanie oraz zawiadomienia o zbyciu pojazdu.

## Odpowiedzialność

- Naczelnik Wydziału Komunikacji — nadzór, dostęp do Centralnej Ewidencji Pojazdów (CEP);
- inspektorzy ds. rejestracji pojazdów — przyjmowanie wniosków, decyzje o rejestracji.

## Przebieg

1. Przyjmij wniosek i sprawdź dokumenty: dowód własności, dotychczasowy dowód rejestracyjny, badanie techniczne i potwierdzenie opłat.
2. Sprawdź dane pojazdu i właściciela w CEP.
3. Wydaj pozwolenie czasowe i, jeśli trzeba, tablice rejestracyjne; przy zmianie właściciela pojazd zachowuje dotychczasowe tablice.
4. Po otrzymaniu dowodu rejestracyjnego z wytwórni wydaj decyzję o rejestracji i dowód rejestracyjny.
5. Wnioski złożone przez Internet rozpatruj tak samo; braki wskaż przez skrzynkę ePUAP wnioskodawcy.

## Zapisy

- akta pojazdu; wpisy w CEP.

## Dokumenty związane

- Ustawa z dnia 20 czerwca 1997 r. — Prawo o ruchu drogowym
""",
    "I-03": """\
## Cel

Poprawne i terminowe sporządzanie aktów urodzenia, małżeństwa i zgonu w rejestrze stanu cywilnego.

## Zakres

Rejestracja urodzeń, małżeństw i zgonów na terenie miasta, transkrypcja zagranicznych dokumentów stanu cywilnego, wydawanie odpisów aktów.

## Odpowiedzialność

- Kierownik USC i zastępca kierownika — sporządzają akty i wydają decyzje;
- pracownicy USC — przygotowują dokumenty, wydają odpisy.

## Przebieg

1. Przyjmij zgłoszenie urodzenia lub zgonu albo dokumenty do zawarcia małżeństwa i sprawdź tożsamość zgłaszającego.
2. Sporządź akt w systemie rejestrów państwowych, jeśli to możliwe w dniu zgłoszenia.
3. Po sporządzeniu aktu urodzenia nadaj numer PESEL i zamelduj dziecko zgodnie z danymi zgłoszenia.
4. Jeden odpis skrócony aktu urodzenia, małżeństwa lub zgonu wydaj z urzędu bez opłaty; kolejne odpisy — na wniosek, po uiszczeniu opłaty skarbowej.
5. Przed podpisaniem aktu odczytaj go zgłaszającemu; błędy usuwaj w trybie sprostowania.

## Zapisy

- akty w rejestrze stanu cywilnego; akta zbiorowe rejestracji stanu cywilnego.

## Dokumenty związane

- Ustawa z dnia 28 listopada 2014 r. — Prawo o aktach stanu cywilnego
""",
    "I-04": """\
## Cel

Wydanie decyzji o pozwoleniu na budowę zgodnie z Prawem budowlanym, w terminie 65 dni od złożenia wniosku (art. 35 ust. 6).

## Zakres

Wnioski o pozwolenie na budowę, zgłoszenia budowy i zmiany pozwoleń rozpatrywane przez Prezydenta Miasta jako organ administracji architektoniczno-budowlanej.

## Odpowiedzialność

- Naczelnik Wydziału Architektury i Budownictwa — podział spraw, kontrola terminów, podpis decyzji z upoważnienia;
- inspektorzy — sprawdzenie projektu, projekty decyzji.

## Przebieg

1. Zarejestruj wniosek (papierowy lub z portalu e-Budownictwo) w EZD i wpisz termin 65 dni do rejestru terminów.
2. Sprawdź kompletność wniosku, projektu zagospodarowania działki lub terenu oraz projektu architektoniczno-budowlanego (art. 35 ust. 1).
3. Braki usuń postanowieniem z terminem; do 65 dni nie wlicza się terminów na dokonanie czynności, okresów zawieszenia postępowania ani opóźnień z winy strony.
4. Zawiadom strony o wszczęciu postępowania i zapewnij im czynny udział.
5. Przygotuj decyzję; naczelnik co tydzień przegląda sprawy, w których do upływu 65 dni zostało mniej niż 14 dni.
6. Za każdy dzień zwłoki po upływie terminu wojewoda wymierza karę 500 zł (art. 35 ust. 6); każde przekroczenie terminu zgłoś jako niezgodność (P-03).

## Zapisy

- akta sprawy w EZD; rejestr wniosków, decyzji i zgłoszeń (RWDZ).

## Dokumenty związane

- Ustawa z dnia 7 lipca 1994 r. — Prawo budowlane
- Z-01 Kodeks postępowania administracyjnego
""",
    "I-05": """\
## Cel

Prawidłowe i terminowe ustalenie podatku od nieruchomości osobom fizycznym.

## Zakres

Informacje o nieruchomościach i obiektach budowlanych (IN-1), decyzje ustalające podatek, decyzje zmieniające w ciągu roku.

## Odpowiedzialność

- Naczelnik Wydziału Podatków i Opłat — nadzór, podpis decyzji z upoważnienia;
- inspektorzy ds. wymiaru — prowadzenie ewidencji podatkowej, projekty decyzji.

## Przebieg

1. Informację IN-1, składaną w ciągu 14 dni od powstania obowiązku podatkowego, wprowadź do systemu podatkowego i porównaj z ewidencją gruntów i budynków.
2. Na początku roku zastosuj stawki z uchwały Rady Miasta na dany rok podatkowy.
3. Decyzje ustalające podatek doręcz przed terminem pierwszej raty; podatek powyżej 100 zł jest płatny w ratach do 15 marca, 15 maja, 15 września i 15 listopada.
4. Zmianę w ciągu roku (zakup, sprzedaż) ujmij decyzją zmieniającą od pierwszego dnia miesiąca następującego po zmianie.
5. Rozbieżności z ewidencją gruntów i budynków wyjaśnij z podatnikiem przed wydaniem decyzji.

## Zapisy

- ewidencja podatkowa nieruchomości; akta podatkowe.

## Dokumenty związane

- Ustawa z dnia 12 stycznia 1991 r. o podatkach i opłatach lokalnych
- Ordynacja podatkowa
""",
    "I-06": """\
## Cel

Udostępnianie informacji publicznej na wniosek bez zbędnej zwłoki, nie później niż w ciągu 14 dni (art. 13 ust. 1 ustawy o dostępie do informacji publicznej).

## Zakres

Wnioski o udostępnienie informacji publicznej, której nie opublikowano w Biuletynie Informacji Publicznej, składane do wszystkich komórek Urzędu.

## Odpowiedzialność

- Wydział Organizacyjny — rejestr wniosków, koordynacja, kontrola terminów;
- naczelnicy wydziałów — przygotowanie informacji w swoim zakresie;
- radca prawny — opinia przed wydaniem decyzji o odmowie.

## Przebieg

1. Zarejestruj wniosek (F-05 lub w dowolnej formie, także e-mailem) w dniu wpływu i przekaż go właściwemu wydziałowi.
2. Udostępnij informację w sposób i w formie wskazanej we wniosku w ciągu 14 dni.
3. Jeżeli terminu nie da się dotrzymać, przed jego upływem powiadom wnioskodawcę o przyczynie i nowym terminie, nie dłuższym niż 2 miesiące od złożenia wniosku (art. 13 ust. 2).
4. Gdy wniosek dotyczy informacji przetworzonej, wezwij wnioskodawcę do wykazania szczególnie istotnego interesu publicznego.
5. Odmowę udostępnienia (np. ze względu na prywatność osoby fizycznej lub tajemnicę przedsiębiorcy) wydaj w formie decyzji administracyjnej.
6. Gdy wniosek nie dotyczy informacji publicznej, poinformuj o tym wnioskodawcę pismem.

## Zapisy

- rejestr wniosków o udostępnienie informacji publicznej; odpowiedzi i decyzje.

## Dokumenty związane

- Ustawa z dnia 6 września 2001 r. o dostępie do informacji publicznej
- F-05 Wniosek o udostępnienie informacji publicznej
""",
    "I-07": """\
## Cel

Prawidłowe prowadzenie ewidencji ludności przy zameldowaniu i wymeldowaniu.

## Zakres

Zameldowanie na pobyt stały i czasowy, wymeldowanie (także przez Internet) oraz wymeldowanie w drodze decyzji administracyjnej.

## Odpowiedzialność

- Naczelnik Wydziału Spraw Obywatelskich — nadzór, decyzje o wymeldowaniu;
- podinspektorzy ds. ewidencji ludności — czynności meldunkowe.

## Przebieg

1. Sprawdź tożsamość zgłaszającego i potwierdzenie pobytu przez właściciela lub inny tytuł prawny do lokalu.
2. Wprowadź zgłoszenie do rejestru PESEL w dniu złożenia; na prośbę wydaj bezpłatnie zaświadczenie o zameldowaniu.
3. Zgłoszenia elektroniczne sprawdź z dołączonymi dokumentami; braki wskaż przez ePUAP.
4. Wniosek o wymeldowanie osoby, która opuściła lokal, rozpatrz w postępowaniu administracyjnym z udziałem stron.

## Zapisy

- dane w rejestrze PESEL; akta spraw o wymeldowanie.

## Dokumenty związane

- Ustawa z dnia 24 września 2010 r. o ewidencji ludności
""",
    "I-08": """\
## Cel

Wydanie zaświadczenia o niezaleganiu w podatkach lub stwierdzającego stan zaległości w terminie 7 dni od złożenia wniosku.

## Zakres

Zaświadczenia w sprawach podatków lokalnych: od nieruchomości, rolnego, leśnego i od środków transportowych.

## Odpowiedzialność

- Naczelnik Wydziału Podatków i Opłat — podpis zaświadczeń, postanowienia o odmowie;
- inspektorzy — sprawdzenie stanu konta podatnika.

## Przebieg

1. Sprawdź wniosek (F-01) i dowód uiszczenia opłaty skarbowej.
2. Sprawdź stan konta w systemie podatkowym, w tym raty bieżącego roku.
3. Wydaj zaświadczenie w ciągu 7 dni, a gdy to możliwe — od ręki w BOM.
4. Odmowę wydania zaświadczenia albo zaświadczenia o treści żądanej przez wnioskodawcę wydaj w formie postanowienia, na które służy zażalenie.

## Zapisy

- rejestr wydanych zaświadczeń; kopie zaświadczeń w EZD.

## Dokumenty związane

- Ordynacja podatkowa, dział VIIIA „Zaświadczenia”
- F-01 Wniosek o wydanie zaświadczenia
""",
    "I-09": """\
## Cel

Jednolite rejestrowanie, obieg i przechowywanie dokumentacji spraw w systemie elektronicznego zarządzania dokumentacją (EZD).

## Zakres

Wszystkie przesyłki wpływające do Urzędu i pisma w nim wytwarzane; instrukcja nie dotyczy dokumentów SZJ (P-01).

## Odpowiedzialność

- Naczelnik Wydziału Organizacyjnego — organizacja kancelarii, koordynacja czynności kancelaryjnych;
- Referat Informatyki — działanie systemu EZD i kopie bezpieczeństwa;
- pracownicy merytoryczni — prowadzenie spraw w EZD.

## Przebieg

1. Przesyłki papierowe odwzorowuje się cyfrowo w punkcie kancelaryjnym (BOM) w dniu wpływu, z wyjątkiem przesyłek wyłączonych z odwzorowania (np. wartościowych).
2. Każdą sprawę zakłada się w EZD ze znakiem zgodnym z jednolitym rzeczowym wykazem akt.
3. Pisma wychodzące podpisuje się podpisem kwalifikowanym lub zaufanym i doręcza na adres do doręczeń elektronicznych, gdy adresat go ma.
4. Akta spraw zakończonych przekazuje się do archiwum zakładowego po dwóch latach, według wykazu akt.

## Zapisy

- metadane i akta spraw w EZD; spisy zdawczo-odbiorcze.

## Dokumenty związane

- Rozporządzenie Prezesa Rady Ministrów z dnia 18 stycznia 2011 r. w sprawie instrukcji kancelaryjnej, jednolitych rzeczowych wykazów akt oraz instrukcji w sprawie organizacji i zakresu działania archiwów zakładowych
- P-01 Nadzór nad udokumentowanymi informacjami
""",
    "I-10": """\
## Cel

Rejestrowanie i obieg korespondencji prowadzonej w formie papierowej.

## Zakres

Przesyłki wpływające do Urzędu i pisma wychodzące, w systemie tradycyjnym.

## Odpowiedzialność

- punkt kancelaryjny — przyjmowanie i rejestrowanie przesyłek;
- sekretariaty wydziałów — dekretacja i wysyłka.

## Przebieg

1. Punkt kancelaryjny przyjmuje przesyłki i rejestruje je w dzienniku korespondencji.
2. Sekretariat wydziału przekazuje przesyłki pracownikom zgodnie z dekretacją naczelnika.
3. Pisma wychodzące wysyła się przez operatora pocztowego, za potwierdzeniem odbioru, gdy wymagają tego przepisy.

## Zapisy

- dziennik korespondencji; książka nadawcza.

## Dokumenty związane

- Instrukcja kancelaryjna
""",
    "I-11": """\
## Cel

Wydawanie zezwoleń na usunięcie drzew lub krzewów i przyjmowanie zgłoszeń zamiaru usunięcia drzew zgodnie z ustawą o ochronie przyrody.

## Zakres

Wnioski posiadaczy nieruchomości oraz zgłoszenia właścicieli nieruchomości będących osobami fizycznymi, którzy usuwają drzewa na cele niezwiązane z działalnością gospodarczą (art. 83f ustawy).

## Odpowiedzialność

- Naczelnik Wydziału Ochrony Środowiska — decyzje i sprzeciwy;
- inspektorzy — oględziny i protokoły.

## Przebieg

1. Zarejestruj wniosek lub zgłoszenie; sprawdź tytuł prawny do nieruchomości i zgodę właściciela.
2. Oględziny przeprowadź w ciągu 21 dni od doręczenia zgłoszenia; w protokole podaj gatunek i obwód pnia.
3. Sprzeciw wnieś w drodze decyzji w ciągu 14 dni od oględzin; bez sprzeciwu drzewo można usunąć.
4. W zezwoleniu określ nasadzenia zastępcze albo opłatę, gdy wymagają tego przepisy.

## Zapisy

- protokoły oględzin; decyzje; rejestr zgłoszeń.

## Dokumenty związane

- Ustawa z dnia 16 kwietnia 2004 r. o ochronie przyrody
""",
    "I-12": """\
## Cel

Wysyłanie i odbieranie korespondencji przez publiczną usługę rejestrowanego doręczenia elektronicznego (e-Doręczenia).

## Zakres

Pisma do osób i podmiotów, które mają adres do doręczeń elektronicznych wpisany do bazy adresów elektronicznych, oraz korespondencja przychodząca na adres Urzędu.

## Odpowiedzialność

- Naczelnik Wydziału Organizacyjnego — konfiguracja skrzynki Urzędu i uprawnienia;
- BOM — odbiór i rejestracja korespondencji przychodzącej;
- pracownicy merytoryczni — wysyłka pism w sprawach, które prowadzą.

## Przebieg

1. Przed wysłaniem pisma sprawdź w bazie adresów elektronicznych, czy adresat ma adres do doręczeń elektronicznych.
2. Jeżeli ma — wyślij pismo z EZD na ten adres; dowód otrzymania dołącz do akt sprawy.
3. Jeżeli nie ma — doręcz pismo w publicznej usłudze hybrydowej albo przez operatora pocztowego.
4. Korespondencję przychodzącą na adres Urzędu BOM rejestruje w EZD w dniu odbioru.

## Zapisy

- dowody wysłania i otrzymania w EZD.

## Dokumenty związane

- Ustawa z dnia 18 listopada 2020 r. o doręczeniach elektronicznych
- I-09 Instrukcja kancelaryjna — obsługa dokumentacji w EZD
""",
    "F-01": """\
## Cel

Jednolity wniosek o wydanie zaświadczenia w sprawach prowadzonych przez Urząd.

## Zakres

Zaświadczenia wydawane na podstawie art. 217 KPA i działu VIIIA Ordynacji podatkowej.

## Zawartość formularza

- dane wnioskodawcy: imię i nazwisko lub nazwa, adres, PESEL lub NIP, telefon lub e-mail (nieobowiązkowo);
- rodzaj zaświadczenia i cel, w jakim jest potrzebne;
- sposób odbioru: osobiście, pocztą, na adres do doręczeń elektronicznych;
- informacja o opłacie skarbowej; klauzula informacyjna RODO; podpis.
""",
    "F-02": """\
## Cel

Wzór skargi lub wniosku oraz protokołu przyjęcia skargi ustnej (P-05).

## Zawartość formularza

- dane wnoszącego i adres do odpowiedzi;
- rodzaj pisma (skarga albo wniosek) i jego przedmiot;
- oczekiwany sposób załatwienia sprawy;
- pouczenie: skarga lub wniosek bez imienia, nazwiska i adresu wnoszącego pozostaje bez rozpoznania;
- przy skardze ustnej: data, imię i nazwisko oraz podpis przyjmującego.
""",
    "F-03": """\
## Cel

Anonimowa ankieta badania satysfakcji klientów (P-06).

## Zawartość formularza

- komórka i rodzaj załatwianej sprawy;
- oceny w skali 1–5: czas oczekiwania, uprzejmość, kompetencje, jasność informacji, dostępność (oznakowanie, dostęp dla osób z niepełnosprawnościami);
- ocena ogólna i uwagi;
- wersja papierowa (urna w BOM) i elektroniczna (strona internetowa Urzędu).
""",
    "F-04": """\
## Cel

Opis niezgodności i działań korygujących (P-03).

## Zawartość formularza

- numer, data, źródło: audit, kontrola, skarga, zgłoszenie pracownika;
- opis niezgodności i wymaganie, którego nie spełniono;
- korekcja: co zrobiono od razu;
- analiza przyczyn metodą „5 × dlaczego”;
- działanie korygujące, osoba odpowiedzialna, termin;
- ocena skuteczności: kto, kiedy, na jakiej próbie, wynik.
""",
    "F-05": """\
## Cel

Wniosek o udostępnienie informacji publicznej (I-06).

## Zawartość formularza

- dane wnioskodawcy (nieobowiązkowe poza adresem do odpowiedzi);
- opis informacji, której dotyczy wniosek;
- sposób i forma udostępnienia: wgląd, kopia, plik na adres e-mail lub na adres do doręczeń elektronicznych;
- pouczenie o możliwej opłacie odpowiadającej dodatkowym kosztom (art. 15 ustawy).
""",
    "F-06": """\
## Cel

Zgłoszenie naruszenia ochrony danych osobowych (P-10).

## Zawartość formularza

- data i godzina stwierdzenia naruszenia, osoba zgłaszająca;
- opis zdarzenia; jakich danych i ilu osób dotyczy; nośnik (papier, system, e-mail);
- działania podjęte od razu;
- część dla Inspektora Ochrony Danych: ocena ryzyka, decyzja o zgłoszeniu do Prezesa UODO (72 godziny) i o zawiadomieniu osób.
""",
    "F-07": """\
## Cel

Ocena wykonawcy po wykonaniu umowy (P-08).

## Zawartość formularza

- numer umowy, przedmiot, wykonawca, komórka nadzorująca;
- oceny w skali 1–5: terminowość, jakość, współpraca, dokumentacja odbiorowa;
- naliczone kary umowne i ich podstawa;
- ocena ogólna (pozytywna albo negatywna) z uzasadnieniem; podpis kierownika komórki.
""",
    "F-08": """\
## Cel

Potwierdzenie udziału pracowników w szkoleniu.

## Zawartość formularza

- temat, prowadzący, data, liczba godzin, forma (stacjonarna lub zdalna);
- lista uczestników: imię i nazwisko, komórka, podpis albo potwierdzenie obecności z platformy szkoleniowej;
- podpis prowadzącego.
""",
    "WZ-01": """\
## Cel

Wzór protokołu z auditu wewnętrznego (P-02).

## Zawartość

- numer auditu według programu, komórka, data, zespół auditorów;
- kryteria (norma, procedury, przepisy) i zakres auditu; ryzyka i szanse związane z auditem;
- metoda: rozmowy, obserwacja, próba spraw (liczba i sposób doboru);
- ustalenia: mocne strony, niezgodności (z wymaganiem i dowodem), obserwacje, szanse doskonalenia;
- wnioski; podpisy auditora wiodącego i kierownika komórki.
""",
    "WZ-02": """\
## Cel

Wzór raportu z przeglądu zarządzania (P-04).

## Zawartość

- data, uczestnicy;
- dane wejściowe w układzie punktu 9.3.2 normy: działania z poprzednich przeglądów, zmiany w kontekście, satysfakcja klientów, cele jakości, zgodność usług, niezgodności i działania korygujące, wyniki auditów, wykonawcy, zasoby, ryzyka i szanse, możliwości doskonalenia;
- wnioski o przydatności, adekwatności i skuteczności systemu;
- decyzje z terminami i osobami odpowiedzialnymi; zatwierdzenie Prezydenta Miasta.
""",
    "WZ-03": """\
## Cel

Wzór rocznego programu auditów wewnętrznych (P-02).

## Zawartość

- rok, cele programu;
- tabela: komórka lub proces, wymagania normy, kwartał, auditor wiodący;
- uzasadnienie doboru: ryzyka, wyniki poprzednich auditów, skargi, zmiany;
- zatwierdzenie Sekretarza Miasta.
""",
    "WZ-04": """\
## Cel

Wzór rejestru skarg i wniosków (P-05).

## Zawartość

- liczba porządkowa, data wpływu, wnoszący, przedmiot, rodzaj (skarga albo wniosek);
- komórka wyjaśniająca, termin załatwienia (1 miesiąc);
- przekazanie według właściwości (organ, data — art. 231 KPA);
- data odpowiedzi i sposób załatwienia: zasadna, bezzasadna, pozostawiona bez rozpoznania.
""",
    "WZ-05": """\
## Cel

Wzór rejestru ryzyk i szans (P-07).

## Zawartość

- proces lub cel, ryzyko albo szansa, przyczyny, skutki;
- prawdopodobieństwo i skutek (1–5), poziom ryzyka;
- reakcja: akceptacja albo działanie, osoba odpowiedzialna, termin;
- ocena skuteczności działania.
""",
    "WZ-06": """\
## Cel

Wzór raportu z realizacji zamówienia (art. 446 PZP).

## Zawartość

- numer postępowania i umowy, wykonawca, przedmiot;
- kwota wydatkowana w porównaniu z wartością szacunkową i ceną z oferty;
- okoliczności z art. 446 ust. 1 i ich przyczyny (kary umowne, opóźnienia, odstąpienie od umowy);
- ocena sposobu i jakości wykonania;
- wnioski dla przyszłych zamówień.
""",
    "WZ-07": """\
## Cel

Wzór rocznego planu szkoleń pracowników.

## Zawartość

- temat i cel szkolenia (zmiana przepisów, wyniki auditu, nowe zadania);
- adresaci: komórki i stanowiska; liczba osób;
- forma (stacjonarna, zdalna, e-learning), termin, koszt;
- sposób oceny skuteczności szkolenia.
""",
    "Z-01": """\
## Cel

Nadzór nad Kodeksem postępowania administracyjnego jako dokumentem zewnętrznym stosowanym w sprawach załatwianych w drodze decyzji i postanowień.

## Zakres

Obowiązuje aktualny tekst jednolity ogłoszony w Dzienniku Ustaw, dostępny w Internetowym Systemie Aktów Prawnych (ISAP) i w systemie informacji prawnej Urzędu.

## Odpowiedzialność

Wydział Organizacyjny (radca prawny) śledzi zmiany ustawy i informuje komórki o nowelizacjach; naczelnicy zapewniają szkolenie pracowników.
""",
    "Z-02": """\
## Cel

Nadzór nad ustawą Prawo zamówień publicznych jako dokumentem zewnętrznym stosowanym przy udzielaniu zamówień (P-08).

## Zakres

Obowiązuje aktualny tekst jednolity ogłoszony w Dzienniku Ustaw wraz z rozporządzeniami wykonawczymi, dostępny w ISAP i w systemie informacji prawnej Urzędu.

## Odpowiedzialność

Biuro Zamówień Publicznych śledzi zmiany ustawy, progów i rozporządzeń i informuje komórki o nowelizacjach.
""",
}


# --- the register ---------------------------------------------------------------------------

Q = "quality"
# P-01 v2 moved the document register and the confirmations of reading into the system;
# earlier versions were confirmed on paper lists.
ELECTRONIC_REGISTER = date(2021, 6, 7)

CUSTOMER_UNITS = ("BOM", "SO", "USC", "KM", "PO", "AB")

DOCUMENTS: tuple[Doc, ...] = (
    Doc(
        number="PJ-01",
        kind="policy",
        title="Polityka jakości Urzędu Miasta Przykładowo",
        unit="SZJ",
        owner=Q,
        approver="mayor",
        reviewers=("secretary", "treasurer"),
        clauses=("5.2", "5.2.1", "5.2.2", "6.2"),
        versions=(
            Ver(
                date(2019, 2, 1),
                "Wydanie dostosowane do ISO 9001:2015 (kontekst, ryzyka i szanse).",
            ),
            Ver(
                date(2022, 1, 17),
                "Cele strategiczne na lata 2022–2026.",
                (
                    ("Cele strategiczne na lata 2019–2021", "Cele strategiczne na lata 2022–2026"),
                    (
                        "- skrócenie czasu oczekiwania w Biurze Obsługi Mieszkańców;",
                        "- załatwianie 80% spraw w Biurze Obsługi Mieszkańców przy pierwszej wizycie;",
                    ),
                    (
                        "- rozwój usług elektronicznych na platformie ePUAP.",
                        "- udostępnienie przez Internet wszystkich usług, dla których pozwalają na to przepisy.",
                    ),
                ),
            ),
            Ver(
                date(2024, 2, 5),
                "Aktualizacja po przeglądzie zarządzania 2023: zobowiązanie do zapewnienia dostępności.",
                (
                    (
                        "- zapewnia pracownikom",
                        "- zapewnia dostępność architektoniczną, cyfrową i informacyjno-komunikacyjną osobom ze szczególnymi potrzebami;\n- zapewnia pracownikom",
                    ),
                ),
            ),
            Ver(
                40,
                "Aktualizacja po przeglądzie zarządzania 2026: doręczenia elektroniczne, ochrona danych.",
                (
                    (
                        "pozwalają na to przepisy.",
                        "pozwalają na to przepisy, oraz doręczanie pism na adresy do doręczeń elektronicznych.",
                    ),
                    (
                        "- stale doskonali",
                        "- chroni informacje i dane osobowe powierzone przez mieszkańców;\n- stale doskonali",
                    ),
                ),
            ),
        ),
        confidentiality=PUBLIC,
    ),
    Doc(
        number="KJ-01",
        kind="manual",
        title="Księga jakości",
        unit="SZJ",
        owner=Q,
        approver="mayor",
        reviewers=("secretary", "aw.olszewski"),
        clauses=("4.3", "4.4", "4.4.1", "7.5.1"),
        versions=(
            Ver(date(2019, 2, 1), "Wydanie dostosowane do ISO 9001:2015."),
            Ver(
                300,
                "Mapa procesów po zmianie Regulaminu organizacyjnego; procedura P-10.",
                (
                    (
                        "kadry i szkolenia, informatyka, nadzór",
                        "kadry i szkolenia, informatyka i ochrona danych osobowych (P-10), nadzór",
                    ),
                    ("- procedury P-01–P-09", "- procedury P-01–P-10"),
                ),
            ),
        ),
    ),
    Doc(
        number="P-01",
        kind="procedure",
        title="Nadzór nad udokumentowanymi informacjami",
        unit="SZJ",
        owner=Q,
        approver="secretary",
        reviewers=("or.head", "aw.olszewski"),
        clauses=("7.5", "7.5.2", "7.5.3"),
        versions=(
            Ver(date(2019, 3, 4), "Wydanie dostosowane do ISO 9001:2015."),
            Ver(
                ELECTRONIC_REGISTER,
                "Elektroniczny rejestr dokumentów i potwierdzeń zapoznania się.",
                (
                    (
                        "1. Właściciel dokumentu przygotowuje projekt i przekazuje go Pełnomocnikowi ds. SZJ.",
                        "1. Właściciel dokumentu przygotowuje projekt w rejestrze dokumentów w systemie Ratusz.",
                    ),
                    (
                        "potwierdzają podpisem na liście zapoznanie się z dokumentem.",
                        "potwierdzają w systemie zapoznanie się z dokumentem.",
                    ),
                ),
            ),
            Ver(
                150,
                "Przegląd okresowy co 12 lub 24 miesiące; rejestr zapisów.",
                (
                    (
                        "7. Wydruki",
                        "7. Właściciel przegląda dokument co 12 miesięcy (polityka, księga, procedury) lub co 24 miesiące (pozostałe) i przygotowuje nową wersję albo potwierdza aktualność dokumentu.\n8. Wydruki",
                    ),
                    (
                        "- potwierdzenia zapoznania się z dokumentami.",
                        "- potwierdzenia zapoznania się z dokumentami;\n- rejestr zapisów.",
                    ),
                ),
            ),
        ),
    ),
    Doc(
        number="P-02",
        kind="procedure",
        title="Audit wewnętrzny",
        unit="SZJ",
        owner=Q,
        approver="mayor",
        reviewers=("aw.olszewski", "auditor"),
        clauses=("9.2",),
        versions=(
            Ver(date(2019, 3, 4), "Wydanie dostosowane do ISO 9001:2015."),
            Ver(
                date(2023, 1, 16),
                "Dostosowanie do PN-EN ISO 19011:2018: program auditów oparty na ryzyku.",
                (
                    (
                        "uwzględniając wyniki poprzednich auditów;",
                        "uwzględniając ważność procesów, wyniki poprzednich auditów, skargi i ryzyka;",
                    ),
                    ("- PN-EN ISO 19011:2012 Wytyczne", "- PN-EN ISO 19011:2018 Wytyczne"),
                ),
            ),
        ),
    ),
    Doc(
        number="P-03",
        kind="procedure",
        title="Niezgodności i działania korygujące",
        unit="SZJ",
        owner=Q,
        approver="secretary",
        reviewers=("owner", "aw.olszewski"),
        clauses=("8.7", "8.7.1", "10.2", "10.2.1"),
        versions=(
            Ver(date(2019, 3, 4), "Wydanie dostosowane do ISO 9001:2015."),
            Ver(
                60,
                "Analiza przyczyn metodą „5 × dlaczego”; skuteczność ocenia osoba inna niż wykonawca.",
                (
                    (
                        "kierownik ustala przyczynę niezgodności i planuje",
                        "kierownik ustala przyczynę źródłową metodą „5 × dlaczego” i planuje",
                    ),
                    (
                        "5. Po wykonaniu działania Pełnomocnik ocenia jego skuteczność.",
                        "5. Po wykonaniu działania skuteczność ocenia osoba inna niż wykonawca, zwykle po 3 miesiącach, na podstawie próby spraw.",
                    ),
                ),
            ),
        ),
    ),
    Doc(
        number="P-04",
        kind="procedure",
        title="Przegląd zarządzania",
        unit="SZJ",
        owner=Q,
        approver="mayor",
        reviewers=("secretary", "treasurer"),
        clauses=("9.3", "9.3.1", "9.3.2", "9.3.3"),
        versions=(
            Ver(
                date(2019, 3, 4),
                "Wydanie dostosowane do ISO 9001:2015: nowe dane wejściowe przeglądu.",
            ),
            Ver(
                210,
                "Przegląd raz w roku przed auditem nadzoru; raport według wzoru WZ-02.",
                (
                    (
                        "1. Przegląd odbywa się co najmniej raz w roku.",
                        "1. Przegląd odbywa się raz w roku, przed auditem nadzoru jednostki certyfikującej.",
                    ),
                    ("sporządza raport; raport", "sporządza raport według wzoru WZ-02; raport"),
                ),
            ),
        ),
    ),
    Doc(
        number="P-05",
        kind="procedure",
        title="Rozpatrywanie skarg i wniosków",
        unit="OR",
        owner="or.head",
        approver="secretary",
        reviewers=(Q, "bom.head"),
        clauses=("8.2.1", "9.1.2"),
        versions=(
            Ver(date(2019, 4, 1), "Wydanie dostosowane do ISO 9001:2015."),
            Ver(
                date(2021, 10, 4),
                "Aktualizacja po nowelizacji KPA: skargi wnoszone elektronicznie.",
                (
                    (
                        "wniesione pisemnie lub ustnie",
                        "wniesione pisemnie, elektronicznie lub ustnie",
                    ),
                ),
            ),
            Ver(
                250,
                "Skargi zasadne zgłaszane jako niezgodności; zestawienia kwartalne dla Sekretarza Miasta.",
                (
                    (
                        "7. Wydział Organizacyjny co roku przedstawia",
                        "7. Skargę uznaną za zasadną zgłasza się jako niezgodność (P-03).\n8. Wydział Organizacyjny co kwartał przedstawia",
                    ),
                ),
            ),
        ),
    ),
    Doc(
        number="P-06",
        kind="procedure",
        title="Badanie satysfakcji klientów",
        unit="SZJ",
        owner=Q,
        approver="treasurer",
        reviewers=("bom.head",),
        clauses=("9.1.2", "9.1.3"),
        versions=(
            Ver(date(2019, 5, 6), "Wydanie dostosowane do ISO 9001:2015."),
            Ver(
                400,
                "Ankieta elektroniczna na stronie Urzędu obok ankiety papierowej.",
                (
                    (
                        "jest dostępna w punktach obsługi.",
                        "jest dostępna w punktach obsługi i na stronie internetowej Urzędu.",
                    ),
                ),
            ),
        ),
    ),
    Doc(
        number="P-07",
        kind="procedure",
        title="Zarządzanie ryzykiem",
        unit="SEK",
        owner="secretary",
        approver="mayor",
        reviewers=(Q, "treasurer"),
        clauses=("6.1", "6.1.1", "6.1.2"),
        versions=(
            Ver(date(2019, 6, 3), "Wydanie dostosowane do ISO 9001:2015: ryzyka i szanse."),
            Ver(
                350,
                "Jeden rejestr ryzyk dla SZJ i kontroli zarządczej (wzór WZ-05).",
                (
                    (
                        "Ryzyka i szanse procesów objętych systemem zarządzania jakością.",
                        "Ryzyka i szanse procesów objętych systemem zarządzania jakością oraz ryzyka celów Urzędu, oceniane w jednym rejestrze ryzyk.",
                    ),
                    ("5. Rejestr ryzyk aktualizuje", "5. Rejestr ryzyk (WZ-05) aktualizuje"),
                    ("- rejestr ryzyk;", "- rejestr ryzyk (WZ-05);"),
                ),
            ),
        ),
    ),
    Doc(
        number="P-08",
        kind="procedure",
        title="Udzielanie zamówień publicznych",
        unit="ZP",
        owner="zp.head",
        approver="treasurer",
        reviewers=("in.head", "fn.head"),
        clauses=("8.4", "8.4.1", "8.4.2", "8.4.3"),
        versions=(
            Ver(date(2019, 7, 1), "Wydanie dostosowane do ISO 9001:2015."),
            Ver(
                date(2021, 1, 4),
                "Dostosowanie do ustawy z dnia 11 września 2019 r. — Prawo zamówień publicznych.",
                (
                    (
                        "mniejszej niż równowartość 30 000 euro, do których ustawy nie stosuje się",
                        "mniejszej niż 130 000 zł netto, do których ustawy nie stosuje się (art. 2 ust. 1 pkt 1 PZP)",
                    ),
                    (
                        "2. Biuro dobiera tryb i przygotowuje specyfikację istotnych warunków zamówienia.",
                        "2. Biuro dobiera tryb i przygotowuje dokumenty zamówienia; projektowane postanowienia umowy nie mogą przewidywać m.in. odpowiedzialności wykonawcy za opóźnienie, chyba że uzasadniają to okoliczności lub zakres zamówienia, ani kar umownych za zachowanie niezwiązane z przedmiotem umowy (art. 433 PZP).",
                    ),
                ),
                returned="Uzupełnić o łączną maksymalną wysokość kar umownych (art. 436 pkt 3 PZP).",
                fix=(
                    (
                        "3. Umowę przygotowuje komórka merytoryczna według wzoru uzgodnionego z radcą prawnym.",
                        "3. Umowa określa łączną maksymalną wysokość kar umownych, których mogą dochodzić strony (art. 436 pkt 3 PZP).",
                    ),
                ),
            ),
            Ver(
                200,
                "Ocena wykonawców (F-07) i raport z realizacji zamówienia (art. 446 PZP).",
                (
                    (
                        "6. Dokumentację postępowania",
                        "6. Po wykonaniu umowy komórka ocenia wykonawcę na karcie oceny (F-07); ocenę negatywną uwzględnia się w ryzykach kolejnych zamówień.\n7. Gdy zachodzą okoliczności z art. 446 PZP (m.in. kary umowne w wysokości co najmniej 10% ceny ofertowej, wydatki wyższe o co najmniej 10% od ceny ofertowej, znaczne opóźnienia, odstąpienie od umowy), Biuro sporządza raport z realizacji zamówienia (WZ-06).\n8. Dokumentację postępowania",
                    ),
                    (
                        "- protokół postępowania z załącznikami;\n- plan",
                        "- protokół postępowania z załącznikami;\n- karty oceny wykonawców (F-07);\n- raporty z realizacji zamówień (WZ-06);\n- plan",
                    ),
                ),
            ),
        ),
        units=("ZP", "IN", "FN"),
        roles=(OWNERS,),
    ),
    Doc(
        number="P-09",
        kind="procedure",
        title="Obsługa klienta w Biurze Obsługi Mieszkańców",
        unit="BOM",
        owner="bom.head",
        approver="secretary",
        reviewers=("owner", Q),
        clauses=("8.2.1", "8.5.1", "8.5.3"),
        versions=(
            Ver(date(2020, 2, 3), "Pierwsze wydanie po utworzeniu Biura Obsługi Mieszkańców."),
            Ver(
                100,
                "System kolejkowy i rezerwacja wizyt przez Internet.",
                (
                    (
                        "1. Klient jest obsługiwany w kolejności przybycia;",
                        "1. Klient pobiera bilet w systemie kolejkowym albo rezerwuje wizytę przez Internet;",
                    ),
                    (
                        "7. Kierownik BOM co kwartał ocenia obciążenie stanowisk.",
                        "7. Kierownik BOM co miesiąc analizuje czas oczekiwania z systemu kolejkowego; cel: 80% klientów obsłużonych w ciągu 15 minut.",
                    ),
                    ("- dziennik obsługi stanowisk;", "- raporty z systemu kolejkowego;"),
                ),
            ),
        ),
        units=CUSTOMER_UNITS,
    ),
    Doc(
        number="P-10",
        kind="procedure",
        title="Postępowanie w przypadku naruszenia ochrony danych osobowych",
        unit="OR",
        owner="or.head",
        approver="secretary",
        reviewers=(Q, "it.nowicki"),
        clauses=("7.5.3", "8.5.3"),
        versions=(
            Ver(date(2019, 9, 2), "Pierwsze wydanie (RODO)."),
            Ver(
                180,
                "Ocena ryzyka w ciągu 24 godzin; zgłoszenie na formularzu F-06.",
                (
                    ("na piśmie lub telefonicznie", "na formularzu F-06 lub telefonicznie"),
                    ("Danych niezwłocznie ocenia", "Danych w ciągu 24 godzin ocenia"),
                ),
            ),
        ),
        units=("OR",),
        roles=(OWNERS,),
        confidentiality=RESTRICTED,
    ),
    Doc(
        number="I-01",
        kind="instruction",
        title="Wydawanie dowodów osobistych",
        unit="SO",
        owner="owner",
        approver=Q,
        reviewers=("so.lis", "bom.head"),
        clauses=("8.5.1", "8.5.3"),
        versions=(
            Ver(date(2019, 3, 11), "Pierwsze wydanie."),
            Ver(
                date(2021, 3, 4),
                "Dowody osobiste z odciskami palców (od 4 marca 2021 r.).",
                (
                    (
                        "2. Sprawdź zgodność zdjęcia",
                        "2. Pobierz odciski palców (od osób, które ukończyły 12 lat) i sprawdź zgodność zdjęcia",
                    ),
                ),
            ),
            Ver(
                12,
                "Powiadomienie o gotowym dowodzie SMS-em lub e-mailem; unieważnianie dowodu utraconego.",
                (
                    (
                        "powiadom wnioskodawcę telefonicznie.",
                        "powiadom wnioskodawcę SMS-em lub e-mailem z systemu.",
                    ),
                    (
                        "potwierdź odbiór w rejestrze.",
                        "potwierdź odbiór w rejestrze.\n6. Dowód zgłoszony jako utracony unieważnij niezwłocznie po przyjęciu zgłoszenia.",
                    ),
                ),
            ),
        ),
        units=("SO", "BOM"),
        retention=R.B10,
    ),
    Doc(
        number="I-02",
        kind="instruction",
        title="Rejestracja pojazdów",
        unit="KM",
        owner="km.head",
        approver=Q,
        reviewers=("km.pawlak",),
        clauses=("8.5.1",),
        versions=(
            Ver(date(2019, 5, 6), "Pierwsze wydanie."),
            Ver(
                date(2020, 1, 2),
                "Pojazd zachowuje tablice rejestracyjne przy zmianie właściciela (od 1 stycznia 2020 r.).",
                (
                    (
                        "3. Wydaj pozwolenie czasowe i tablice rejestracyjne.",
                        "3. Wydaj pozwolenie czasowe i, jeśli trzeba, tablice rejestracyjne; przy zmianie właściciela pojazd zachowuje dotychczasowe tablice.",
                    ),
                ),
            ),
            Ver(
                300,
                "Wnioski o rejestrację składane przez Internet.",
                (
                    (
                        "i dowód rejestracyjny.",
                        "i dowód rejestracyjny.\n5. Wnioski złożone przez Internet rozpatruj tak samo; braki wskaż przez skrzynkę ePUAP wnioskodawcy.",
                    ),
                ),
            ),
        ),
        units=("KM", "BOM"),
        retention=R.B10,
    ),
    Doc(
        number="I-03",
        kind="instruction",
        title="Sporządzanie aktów stanu cywilnego",
        unit="USC",
        owner="usc.head",
        approver=Q,
        reviewers=("usc.mazur",),
        clauses=("8.5.1", "8.5.2"),
        versions=(Ver(date(2020, 3, 2), "Pierwsze wydanie."),),
        units=("USC",),
        retention=R.B10,
    ),
    Doc(
        number="I-04",
        kind="instruction",
        title="Wydawanie pozwoleń na budowę",
        unit="AB",
        owner="ab.head",
        approver=Q,
        reviewers=("ab.jablonska",),
        clauses=("8.5.1", "8.1"),
        versions=(
            Ver(date(2019, 6, 3), "Pierwsze wydanie."),
            Ver(
                date(2021, 9, 20),
                "Wnioski z portalu e-Budownictwo.",
                (
                    (
                        "1. Zarejestruj wniosek w EZD",
                        "1. Zarejestruj wniosek (papierowy lub z portalu e-Budownictwo) w EZD",
                    ),
                ),
            ),
            Ver(
                500,
                "Cotygodniowy przegląd terminów; przekroczenie terminu jako niezgodność.",
                (
                    (
                        "5. Przygotuj decyzję.",
                        "5. Przygotuj decyzję; naczelnik co tydzień przegląda sprawy, w których do upływu 65 dni zostało mniej niż 14 dni.",
                    ),
                    (
                        "(art. 35 ust. 6).\n",
                        "(art. 35 ust. 6); każde przekroczenie terminu zgłoś jako niezgodność (P-03).\n",
                    ),
                ),
            ),
        ),
        units=("AB",),
        retention=R.B10,
    ),
    Doc(
        number="I-05",
        kind="instruction",
        title="Wymiar podatku od nieruchomości od osób fizycznych",
        unit="PO",
        owner="po.head",
        approver=Q,
        reviewers=("po.krol",),
        clauses=("8.5.1",),
        versions=(
            Ver(date(2019, 2, 4), "Pierwsze wydanie."),
            Ver(
                760,
                "Stawki z corocznej uchwały Rady Miasta zamiast stawek w załączniku do instrukcji.",
                (
                    (
                        "zastosuj stawki podane w załączniku do instrukcji.",
                        "zastosuj stawki z uchwały Rady Miasta na dany rok podatkowy.",
                    ),
                ),
            ),
        ),
        units=("PO",),
        retention=R.B10,
    ),
    Doc(
        number="I-06",
        kind="instruction",
        title="Udostępnianie informacji publicznej",
        unit="OR",
        owner="or.head",
        approver=Q,
        reviewers=(Q, "it.nowicki"),
        clauses=("8.2.1", "8.5.1"),
        versions=(
            Ver(date(2019, 4, 1), "Pierwsze wydanie."),
            Ver(
                715,
                "Informacja przetworzona; odmowa udostępnienia w formie decyzji.",
                (
                    (
                        "4. Gdy wniosek nie dotyczy",
                        "4. Gdy wniosek dotyczy informacji przetworzonej, wezwij wnioskodawcę do wykazania szczególnie istotnego interesu publicznego.\n5. Odmowę udostępnienia (np. ze względu na prywatność osoby fizycznej lub tajemnicę przedsiębiorcy) wydaj w formie decyzji administracyjnej.\n6. Gdy wniosek nie dotyczy",
                    ),
                ),
            ),
        ),
        retention=R.B10,
    ),
    Doc(
        number="I-07",
        kind="instruction",
        title="Zameldowanie i wymeldowanie",
        unit="SO",
        owner="owner",
        approver=Q,
        reviewers=("employee",),
        clauses=("8.5.1",),
        versions=(
            Ver(date(2019, 3, 11), "Pierwsze wydanie."),
            Ver(
                220,
                "Zgłoszenia meldunkowe przez Internet.",
                (
                    (
                        "3. Wniosek o wymeldowanie",
                        "3. Zgłoszenia elektroniczne sprawdź z dołączonymi dokumentami; braki wskaż przez ePUAP.\n4. Wniosek o wymeldowanie",
                    ),
                ),
            ),
        ),
        units=("SO", "BOM"),
        retention=R.B10,
    ),
    Doc(
        number="I-08",
        kind="instruction",
        title="Wydawanie zaświadczeń o niezaleganiu w podatkach",
        unit="PO",
        owner="po.head",
        approver=Q,
        reviewers=("po.krol", "bom.head"),
        clauses=("8.5.1",),
        versions=(Ver(400, "Pierwsze wydanie."),),
        units=("PO", "BOM"),
        retention=R.B10,
    ),
    Doc(
        number="I-09",
        kind="instruction",
        title="Instrukcja kancelaryjna — obsługa dokumentacji w EZD",
        unit="OR",
        owner="or.head",
        approver=Q,
        reviewers=("it.nowicki", Q),
        clauses=("7.5.3", "7.1.3"),
        versions=(
            Ver(
                date(2020, 1, 2), "Pierwsze wydanie: EZD podstawowym sposobem dokumentowania spraw."
            ),
            Ver(
                330,
                "Doręczanie pism na adresy do doręczeń elektronicznych.",
                (
                    (
                        "i wysyła przez ePUAP, gdy adresat ma skrzynkę.",
                        "i doręcza na adres do doręczeń elektronicznych, gdy adresat go ma.",
                    ),
                ),
            ),
        ),
    ),
    Doc(
        number="I-10",
        kind="instruction",
        title="Obsługa korespondencji w formie papierowej",
        unit="OR",
        owner="or.head",
        approver=Q,
        reviewers=("bom.head",),
        clauses=("7.5.3",),
        versions=(Ver(date(2019, 2, 4), "Pierwsze wydanie."),),
        retention=R.B10,
    ),
    Doc(
        number="I-11",
        kind="instruction",
        title="Wydawanie zezwoleń na usunięcie drzew lub krzewów",
        unit="OS",
        owner="os.head",
        approver=Q,
        reviewers=(Q,),
        clauses=("8.5.1",),
        versions=(Ver(600, "Pierwsze wydanie."),),
        units=("OS",),
        retention=R.B10,
    ),
    Doc(
        number="I-12",
        kind="instruction",
        title="Obsługa doręczeń elektronicznych (e-Doręczenia)",
        unit="OR",
        owner="or.head",
        approver=Q,
        reviewers=(Q, "bom.head"),
        clauses=("7.4", "7.5.3"),
        versions=(),
        units=("OR", "BOM"),
        retention=R.B10,
    ),
    Doc(
        number="F-01",
        kind="form",
        title="Wniosek o wydanie zaświadczenia",
        unit="BOM",
        owner="bom.head",
        approver=Q,
        reviewers=("po.head",),
        clauses=("8.2.2",),
        versions=(
            Ver(date(2019, 2, 4), "Pierwsze wydanie."),
            Ver(
                800,
                "Odbiór zaświadczenia na adres do doręczeń elektronicznych.",
                (
                    (
                        "osobiście, pocztą, przez ePUAP;",
                        "osobiście, pocztą, na adres do doręczeń elektronicznych;",
                    ),
                ),
            ),
        ),
        units=("BOM", "PO", "SO"),
        retention=R.BE5,
    ),
    Doc(
        number="F-02",
        kind="form",
        title="Skarga / wniosek",
        unit="OR",
        owner="or.head",
        approver=Q,
        reviewers=("bom.head",),
        clauses=("8.2.1", "9.1.2"),
        versions=(
            Ver(250, "Pierwsze wydanie: wspólny wzór skargi, wniosku i protokołu skargi ustnej."),
        ),
        retention=R.BE5,
    ),
    Doc(
        number="F-03",
        kind="form",
        title="Ankieta satysfakcji klienta",
        unit="BOM",
        owner="bom.head",
        approver=Q,
        reviewers=(Q,),
        clauses=("9.1.2",),
        versions=(
            Ver(date(2019, 5, 6), "Pierwsze wydanie."),
            Ver(
                710,
                "Pytanie o dostępność; wersja elektroniczna ankiety.",
                (
                    (
                        "jasność informacji;",
                        "jasność informacji, dostępność (oznakowanie, dostęp dla osób z niepełnosprawnościami);",
                    ),
                    (
                        "- wersja papierowa (urna w BOM).",
                        "- wersja papierowa (urna w BOM) i elektroniczna (strona internetowa Urzędu).",
                    ),
                ),
            ),
        ),
        units=CUSTOMER_UNITS,
        retention=R.B5,
    ),
    Doc(
        number="F-04",
        kind="form",
        title="Karta niezgodności i działań korygujących",
        unit="SZJ",
        owner="secretary",
        approver=Q,
        reviewers=("aw.olszewski",),
        clauses=("8.7.2", "10.2.2"),
        versions=(
            Ver(date(2019, 3, 4), "Pierwsze wydanie."),
            Ver(
                60,
                "Pole analizy przyczyn metodą „5 × dlaczego”.",
                (("- analiza przyczyn;", "- analiza przyczyn metodą „5 × dlaczego”;"),),
            ),
        ),
        retention=R.B10,
    ),
    Doc(
        number="F-05",
        kind="form",
        title="Wniosek o udostępnienie informacji publicznej",
        unit="OR",
        owner="or.head",
        approver=Q,
        reviewers=("bom.head",),
        clauses=("8.2.2",),
        versions=(
            Ver(date(2019, 4, 1), "Pierwsze wydanie."),
            Ver(
                300,
                "Udostępnienie na adres do doręczeń elektronicznych.",
                (
                    (
                        "plik na adres e-mail;",
                        "plik na adres e-mail lub na adres do doręczeń elektronicznych;",
                    ),
                ),
            ),
        ),
        units=("OR", "BOM"),
        retention=R.BE5,
    ),
    Doc(
        number="F-06",
        kind="form",
        title="Zgłoszenie naruszenia ochrony danych osobowych",
        unit="OR",
        owner="or.head",
        approver=Q,
        reviewers=("it.nowicki",),
        clauses=("7.5.3",),
        versions=(Ver(180, "Pierwsze wydanie."),),
        retention=R.B10,
    ),
    Doc(
        number="F-07",
        kind="form",
        title="Karta oceny wykonawcy",
        unit="ZP",
        owner="zp.head",
        approver=Q,
        reviewers=("in.head",),
        clauses=("8.4.1",),
        versions=(Ver(200, "Pierwsze wydanie."),),
        units=("ZP", "IN"),
        roles=(OWNERS,),
        retention=R.B5,
    ),
    Doc(
        number="F-08",
        kind="form",
        title="Lista obecności na szkoleniu",
        unit="OR-KD",
        owner="kd.grabowska",
        approver=Q,
        reviewers=("or.head",),
        clauses=("7.2",),
        versions=(
            Ver(date(2020, 9, 1), "Pierwsze wydanie."),
            Ver(
                420,
                "Szkolenia zdalne: potwierdzenie obecności z platformy szkoleniowej.",
                (
                    (
                        "- temat, prowadzący, data, liczba godzin;",
                        "- temat, prowadzący, data, liczba godzin, forma (stacjonarna lub zdalna);",
                    ),
                    (
                        "komórka, podpis;",
                        "komórka, podpis albo potwierdzenie obecności z platformy szkoleniowej;",
                    ),
                ),
            ),
        ),
        units=("OR-KD",),
        roles=(OWNERS,),
        retention=R.B10,
    ),
    Doc(
        number="WZ-01",
        kind="record_template",
        title="Protokół z auditu wewnętrznego",
        unit="SZJ",
        owner="secretary",
        approver=Q,
        reviewers=("aw.olszewski", "auditor"),
        clauses=("9.2",),
        versions=(
            Ver(date(2019, 3, 4), "Pierwsze wydanie."),
            Ver(
                date(2023, 1, 16),
                "Ryzyka i szanse związane z auditem (PN-EN ISO 19011:2018).",
                (("i zakres auditu;", "i zakres auditu; ryzyka i szanse związane z auditem;"),),
            ),
        ),
        units=("SZJ", "AW"),
        roles=(AUDITORS,),
        retention=R.B10,
    ),
    Doc(
        number="WZ-02",
        kind="record_template",
        title="Raport z przeglądu zarządzania",
        unit="SEK",
        owner="secretary",
        approver=Q,
        reviewers=(Q,),
        clauses=("9.3.2", "9.3.3"),
        versions=(
            Ver(date(2019, 3, 4), "Pierwsze wydanie."),
            Ver(
                210,
                "Dane wejściowe w układzie punktu 9.3.2 normy.",
                (
                    (
                        "- dane wejściowe przeglądu;",
                        "- dane wejściowe w układzie punktu 9.3.2 normy: działania z poprzednich przeglądów, zmiany w kontekście, satysfakcja klientów, cele jakości, zgodność usług, niezgodności i działania korygujące, wyniki auditów, wykonawcy, zasoby, ryzyka i szanse, możliwości doskonalenia;",
                    ),
                ),
            ),
        ),
        units=("SEK",),
        roles=(Role.TOP_MANAGEMENT,),
    ),
    Doc(
        number="WZ-03",
        kind="record_template",
        title="Program auditów wewnętrznych",
        unit="SZJ",
        owner="secretary",
        approver=Q,
        reviewers=("aw.olszewski",),
        clauses=("9.2",),
        versions=(Ver(745, "Pierwsze wydanie."),),
        units=("SZJ",),
        roles=(AUDITORS,),
        retention=R.B10,
    ),
    Doc(
        number="WZ-04",
        kind="record_template",
        title="Rejestr skarg i wniosków",
        unit="OR",
        owner="or.head",
        approver=Q,
        reviewers=("bom.head",),
        clauses=("9.1.2",),
        versions=(
            Ver(date(2019, 4, 1), "Pierwsze wydanie."),
            Ver(
                250,
                "Kolumna „przekazanie według właściwości” (art. 231 KPA).",
                (
                    (
                        "termin załatwienia (1 miesiąc);",
                        "termin załatwienia (1 miesiąc);\n- przekazanie według właściwości (organ, data — art. 231 KPA);",
                    ),
                ),
            ),
        ),
        units=("OR", "BOM"),
    ),
    Doc(
        number="WZ-05",
        kind="record_template",
        title="Rejestr ryzyk i szans",
        unit="SEK",
        owner="secretary",
        approver=Q,
        reviewers=("treasurer",),
        clauses=("6.1.1", "6.1.2"),
        versions=(Ver(350, "Pierwsze wydanie: wspólny rejestr dla SZJ i kontroli zarządczej."),),
        units=("SEK",),
        roles=(OWNERS,),
        retention=R.B10,
    ),
    Doc(
        number="WZ-06",
        kind="record_template",
        title="Raport z realizacji zamówienia (art. 446 PZP)",
        unit="ZP",
        owner="zp.head",
        approver=Q,
        reviewers=("fn.head",),
        clauses=("8.4.1",),
        versions=(Ver(200, "Pierwsze wydanie."),),
        units=("ZP", "IN"),
        retention=R.B10,
    ),
    Doc(
        number="WZ-07",
        kind="record_template",
        title="Plan szkoleń pracowników",
        unit="OR-KD",
        owner="kd.grabowska",
        approver=Q,
        reviewers=("or.head",),
        clauses=("7.2", "7.3"),
        versions=(
            Ver(date(2020, 9, 1), "Pierwsze wydanie."),
            Ver(
                420,
                "Forma zdalna i e-learning; ocena skuteczności szkolenia.",
                (
                    (
                        "- forma (stacjonarna, zdalna), termin, koszt.",
                        "- forma (stacjonarna, zdalna, e-learning), termin, koszt;\n- sposób oceny skuteczności szkolenia.",
                    ),
                ),
            ),
        ),
        units=("OR-KD",),
        roles=(OWNERS,),
        retention=R.B10,
    ),
    Doc(
        number="Z-01",
        kind="external",
        title="Ustawa z dnia 14 czerwca 1960 r. — Kodeks postępowania administracyjnego (tekst jednolity)",
        unit="OR",
        owner="or.head",
        approver=Q,
        reviewers=("or.head",),
        clauses=("4.2", "8.2.2"),
        versions=(
            Ver(date(2019, 1, 14), "Rejestracja dokumentu zewnętrznego."),
            Ver(230, "Nowy tekst jednolity ustawy; sprawdzono odesłania w procedurach."),
        ),
        units=("OR", "BOM", "SO", "USC", "KM", "AB", "PO", "GN", "OS"),
        retention=R.B5,
        author=Q,
    ),
    Doc(
        number="Z-02",
        kind="external",
        title="Ustawa z dnia 11 września 2019 r. — Prawo zamówień publicznych (tekst jednolity)",
        unit="ZP",
        owner="zp.head",
        approver=Q,
        reviewers=("zp.head",),
        clauses=("4.2", "8.4"),
        versions=(
            Ver(date(2021, 1, 4), "Rejestracja nowej ustawy (obowiązuje od 1 stycznia 2021 r.)."),
            Ver(260, "Nowy tekst jednolity ustawy; sprawdzono odesłania w P-08."),
        ),
        units=("ZP", "IN", "FN"),
        roles=(OWNERS,),
        retention=R.B5,
        author=Q,
    ),
)

# Work in progress: new versions on top of the ones in force.
WORK = {
    "KJ-01": Work(
        state="review",
        summary="Doręczenia elektroniczne w mapie procesów; uzasadnienie wyłączenia 8.3.",
        edits=(
            (
                "nadzór nad udokumentowanymi informacjami (P-01);",
                "obsługa kancelaryjna i doręczenia elektroniczne (I-09, I-12), nadzór nad udokumentowanymi informacjami (P-01);",
            ),
        ),
        reviewers=(("secretary", False), ("aw.olszewski", True)),
        days_ago=9,
    ),
    "P-09": Work(
        state="review",
        summary="Obsługa osób głuchych: pętla indukcyjna i tłumacz polskiego języka migowego online.",
        edits=(
            (
                "obsługuje się poza kolejnością.",
                "obsługuje się poza kolejnością. Na stanowisku nr 1 działa pętla indukcyjna, a osoba głucha może skorzystać z tłumacza polskiego języka migowego online.",
            ),
        ),
        reviewers=(("owner", False), (Q, True)),
        days_ago=6,
    ),
    "P-05": Work(
        state="approval",
        summary="Aktualizacja po nowelizacji KPA: skargi ponawiane bez nowych okoliczności (art. 239 KPA).",
        edits=(
            (
                "pozostawia bez rozpoznania.",
                "pozostawia bez rozpoznania. Skargę ponowioną w sprawie już rozpatrzonej, bez nowych okoliczności, pozostawia się w aktach z adnotacją o podtrzymaniu stanowiska (art. 239 KPA).",
            ),
        ),
        reviewers=((Q, True), ("bom.head", True)),
        days_ago=14,
    ),
    "P-08": Work(
        state="approval",
        summary="Rejestr terminów i kar umownych dla umów inwestycyjnych (decyzja z przeglądu zarządzania).",
        edits=(
            (
                "nalicza kary umowne w terminie wynikającym z umowy.",
                "nalicza kary umowne w terminie wynikającym z umowy; terminy umów inwestycyjnych i naliczone kary wpisuje do rejestru terminów i kar umownych.",
            ),
        ),
        reviewers=(("in.head", True), ("fn.head", True)),
        days_ago=11,
    ),
}

# “Reviewed, no change”: (date or days before today, notes).
REVIEWS = {
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

WITHDRAWN = {
    "I-10": (
        date(2020, 1, 2),
        "EZD jest podstawowym sposobem dokumentowania spraw; instrukcję zastępuje I-09.",
    ),
}

# Versions in force that `employee` has not confirmed yet.
EMPLOYEE_UNREAD = {"PJ-01", "P-03", "I-01"}

# Records register: name, keeper, location, category, period, defined by, clauses.
AFTER_YEAR = "licząc od 1 stycznia roku następnego po zakończeniu sprawy"
DISPOSE_B = "niszczenie po upływie okresu przechowywania protokołem brakowania, za zgodą archiwum państwowego"
DISPOSE_A = "przekazanie do archiwum państwowego po 25 latach od wytworzenia"
DISPOSE_BE = (
    "po upływie okresu przechowywania ekspertyza archiwum państwowego: brakowanie albo kategoria A"
)
RECORDS = (
    (
        "Protokoły z auditów wewnętrznych",
        "SZJ",
        "Pełnomocnik ds. SZJ, pok. 112; skany w EZD",
        R.B10,
        f"10 lat, {AFTER_YEAR}",
        DISPOSE_B,
        ("P-02", "WZ-01"),
        ("9.2", "7.5.3"),
    ),
    (
        "Programy auditów wewnętrznych",
        "SZJ",
        "EZD, teczka Pełnomocnika ds. SZJ",
        R.B10,
        f"10 lat, {AFTER_YEAR}",
        DISPOSE_B,
        ("P-02", "WZ-03"),
        ("9.2",),
    ),
    (
        "Raporty z przeglądów zarządzania",
        "SZJ",
        "EZD; oryginały podpisane w sekretariacie Prezydenta",
        R.A,
        "wieczyście",
        DISPOSE_A,
        ("P-04", "WZ-02"),
        ("9.3", "9.3.3"),
    ),
    (
        "Rejestr skarg i wniosków wraz z odpowiedziami",
        "OR",
        "EZD, Wydział Organizacyjny; kopie w BOM",
        R.A,
        "wieczyście",
        DISPOSE_A,
        ("P-05", "F-02", "WZ-04"),
        ("9.1.2", "8.2.1"),
    ),
    (
        "Ankiety satysfakcji klientów",
        "BOM",
        "Biuro Obsługi Mieszkańców, archiwum podręczne; wyniki elektroniczne w EZD",
        R.B5,
        f"5 lat, {AFTER_YEAR}",
        DISPOSE_B,
        ("P-06", "F-03"),
        ("9.1.2", "9.1.3"),
    ),
    (
        "Karty niezgodności i działań korygujących",
        "SZJ",
        "System Ratusz (rejestr działań) i EZD",
        R.B10,
        f"10 lat, {AFTER_YEAR}",
        DISPOSE_B,
        ("P-03", "F-04"),
        ("10.2", "10.2.2", "8.7.2"),
    ),
    (
        "Oceny wykonawców",
        "ZP",
        "Biuro Zamówień Publicznych, akta postępowań",
        R.B5,
        f"5 lat od zakończenia umowy, {AFTER_YEAR}",
        DISPOSE_B,
        ("P-08", "F-07"),
        ("8.4.1",),
    ),
    (
        "Listy obecności i zaświadczenia o szkoleniach",
        "OR-KD",
        "Referat Kadr, akta osobowe (część B) i EZD",
        R.B10,
        f"10 lat, {AFTER_YEAR}",
        DISPOSE_B,
        ("F-08", "WZ-07"),
        ("7.2",),
    ),
    (
        "Rejestr ryzyk i szans",
        "SEK",
        "EZD, sekretariat Sekretarza Miasta",
        R.BE10,
        f"10 lat, {AFTER_YEAR}",
        DISPOSE_BE,
        ("P-07", "WZ-05"),
        ("6.1", "6.1.2"),
    ),
    (
        "Rejestr naruszeń ochrony danych osobowych",
        "OR",
        "Inspektor Ochrony Danych, EZD (dostęp ograniczony)",
        R.B10,
        f"10 lat, {AFTER_YEAR}",
        DISPOSE_B,
        ("P-10", "F-06"),
        ("7.5.3",),
    ),
)

REVIEW_COMMENTS = ("Bez uwag.", "Uwagi zgłoszone roboczo zostały uwzględnione.")


# --- building ------------------------------------------------------------------------------


def _apply(text: str, edits, *, undo: bool = False) -> str:
    pairs = [(new, old) for old, new in reversed(edits)] if undo else list(edits)
    for find, put in pairs:
        if text.count(find) != 1:
            raise ValueError(f"demo text edit does not match exactly once: {find[:60]!r}")
        text = text.replace(find, put)
    return text


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _key(*parts: object) -> int:
    return zlib.crc32("/".join(str(p) for p in parts).encode())


class _Builder:
    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.types = {t.code: t for t in DocumentType.objects.all()}
        self.clauses = {}

    def user(self, username: str):
        return self.ctx.users[username]

    def clause(self, number: str) -> Clause:
        if number not in self.clauses:
            self.clauses[number] = Clause.objects.get(
                standard="ISO 9001", edition="2015", number=number
            )
        return self.clauses[number]

    def day(self, when: date | int) -> date:
        if isinstance(when, date):
            return _weekday(when)
        return _weekday(self.today - timedelta(days=when))

    # one document, from the first draft to today

    def document(self, spec: Doc) -> Document:
        bodies = [BODIES[spec.number]]
        for ver in reversed(spec.versions[1:]):
            before_fix = _apply(bodies[0], ver.fix, undo=True)
            bodies.insert(0, _apply(before_fix, ver.edits, undo=True))
        days = [self.day(v.when) for v in spec.versions]
        for i in range(len(days) - 2, -1, -1):  # keep the history in order
            days[i] = _weekday(min(days[i], days[i + 1] - timedelta(days=90)))
        writer = self.user(spec.writer)
        first = spec.versions[0] if spec.versions else None
        document = services.create_document(
            actor=writer,
            doc_type=self.types[spec.kind],
            title=spec.title,
            owner_unit=self.ctx.units[spec.unit],
            owner=self.user(spec.owner),
            body=_apply(bodies[0], first.fix, undo=True) if first else bodies[0],
            change_summary=first.summary if first else "Pierwsza wersja.",
            clauses=[self.clause(n) for n in spec.clauses],
            confidentiality=spec.confidentiality,
            retention_category=spec.retention,
            number=spec.number,
        )
        withdrawn = WITHDRAWN.get(spec.number)
        previous = None
        for i, ver in enumerate(spec.versions):
            if i == 0:
                version = document.versions.get()
            else:
                version = services.start_new_version(actor=writer, document=document)
                services.update_draft(
                    actor=writer,
                    version=version,
                    expected_version=None,
                    body=_apply(bodies[i], ver.fix, undo=True),
                    change_summary=ver.summary,
                )
            self.approve(spec, version, bodies[i], ver)
            self.backdate(document, version, previous, days[i], created=i == 0)
            previous = version
        # Distributed once the history is in place: who had to read the versions long
        # superseded is not part of the demo, so the staff is not notified of each one.
        document.refresh_from_db()
        services.set_distribution(
            actor=self.user("quality"),
            document=document,
            units=[self.ctx.units[code] for code in spec.units],
            roles=list(spec.roles),
        )
        if spec.versions and not withdrawn:
            self.acknowledge(spec, document, previous, days[-1])
        if not spec.versions:
            self.wip_dates(document.versions.get(), 4, created=True)
        for when, notes in REVIEWS.get(spec.number, ()):
            self.periodic_review(spec, document, self.day(when), notes)
        if withdrawn:
            self.withdraw(document, previous, *withdrawn)
        if spec.number in WORK:
            self.work(spec, document, WORK[spec.number])
        return document

    def review_round(self, spec: Doc, version: DocumentVersion) -> None:
        writer = self.user(spec.writer)
        reviewers = [self.user(name) for name in spec.reviewers]
        services.submit_for_review(
            actor=writer, version=version, expected_version=None, reviewers=reviewers
        )
        for n, reviewer in enumerate(r for r in reviewers if r.pk != writer.pk):
            services.record_review(
                actor=reviewer, version=version, agreed=True, comment=REVIEW_COMMENTS[n % 2]
            )
        services.submit_for_approval(actor=writer, version=version, expected_version=None)

    def approve(self, spec: Doc, version: DocumentVersion, body: str, ver: Ver) -> None:
        approver = self.user(spec.approver)
        self.review_round(spec, version)
        if ver.returned:
            services.reject(
                actor=approver, version=version, expected_version=None, reason=ver.returned
            )
            services.update_draft(
                actor=self.user(spec.writer),
                version=version,
                expected_version=None,
                body=body,
                change_summary=ver.summary,
            )
            self.review_round(spec, version)
        services.approve(actor=approver, version=version, expected_version=None)
        version.refresh_from_db()

    # moving what just happened back into the office's history

    def backdate(self, document, version, previous, effective: date, *, created: bool) -> None:
        steps = list(
            Transition.objects.filter(version=version)
            .exclude(to_status__in=(V.SUPERSEDED, V.WITHDRAWN))
            .order_by("id")
        )
        approval_day = _weekday(effective - timedelta(days=6))
        approved = _at(approval_day, 12, 15)
        times = [
            _at(_weekday(approval_day - timedelta(days=5 * (len(steps) - 2 - i))), 10 + i % 4, 5)
            for i in range(len(steps) - 2)
        ]
        times += [approved, _at(effective, 7, 30)]
        for step, when in zip(steps, times, strict=True):
            Transition.objects.filter(pk=step.pk).update(at=when)
        sent = max(
            s_at for s, s_at in zip(steps, times, strict=True) if s.to_status == V.AWAITING_APPROVAL
        )
        ReviewRequest.objects.filter(version=version).update(decided_at=sent - timedelta(days=1))
        started = times[0] - timedelta(days=10)
        DocumentVersion.objects.filter(pk=version.pk).update(
            approved_at=approved, effective_date=effective, created_at=started, updated_at=approved
        )
        if previous is not None:
            Transition.objects.filter(version=previous, to_status=V.SUPERSEDED).update(
                at=_at(effective, 7, 30)
            )
        months = document.interval_months
        Document.objects.filter(pk=document.pk).update(
            next_review_date=add_months(effective, months) if months else None
        )
        if created:
            Document.objects.filter(pk=document.pk).update(created_at=started)

    def wip_dates(self, version, days_ago: int, *, created: bool = False) -> None:
        """Work in progress: drafted, `days_ago` sent to review, a week later to approval."""
        start = _weekday(self.today - timedelta(days=days_ago))

        def when(days: int, hour: int) -> datetime:
            return min(_at(_weekday(start + timedelta(days=days)), hour), self.now)

        steps = list(Transition.objects.filter(version=version).order_by("id"))
        for n, step in enumerate(steps):
            Transition.objects.filter(pk=step.pk).update(at=when(7 * n, 10 + n))
        ReviewRequest.objects.filter(version=version, decided_at__isnull=False).update(
            decided_at=when(3, 14)
        )
        drafted = _at(start - timedelta(days=8), 9)
        DocumentVersion.objects.filter(pk=version.pk).update(
            created_at=drafted, updated_at=when(7 * (len(steps) - 1), 10) if steps else drafted
        )
        if created:
            Document.objects.filter(pk=version.document_id).update(created_at=drafted)

    def acknowledge(self, spec: Doc, document, version, effective: date) -> None:
        """Most recipients have confirmed the version in force; a few have not yet."""
        recent = (self.today - effective).days < 30
        since = max(effective, ELECTRONIC_REGISTER)
        by_day = defaultdict(list)
        for person in services.recipients(document).order_by("username"):
            key = _key(spec.number, version.number, person.username)
            if person.username == "employee":
                if spec.number in EMPLOYEE_UNREAD:
                    continue
            elif key % (3 if recent else 9) == 0:
                continue
            day = min(since + timedelta(days=1 + 3 * (key % 6)), self.today - timedelta(days=1))
            services.acknowledge(actor=person, version=version)
            by_day[max(day, effective)].append(person.pk)
        for day, people in by_day.items():
            Acknowledgement.objects.filter(version=version, user_id__in=people).update(
                at=_at(day, 8 + len(people) % 7, 10)
            )

    def periodic_review(self, spec: Doc, document: Document, day: date, notes: str) -> None:
        review = services.record_periodic_review(
            actor=self.user(spec.owner), document=document, notes=notes
        )
        months = document.interval_months
        next_date = add_months(day, months) if months else None
        PeriodicReview.objects.filter(pk=review.pk).update(
            reviewed_at=_at(day, 11), next_review_date=next_date
        )
        Document.objects.filter(pk=document.pk).update(next_review_date=next_date)

    def withdraw(self, document, version, day: date, reason: str) -> None:
        services.withdraw(actor=self.user("quality"), document=document, reason=reason)
        Document.objects.filter(pk=document.pk).update(withdrawn_at=_at(day, 8))
        Transition.objects.filter(version=version, to_status=V.WITHDRAWN).update(at=_at(day, 8))

    def work(self, spec: Doc, document: Document, work: Work) -> None:
        writer = self.user(spec.writer)
        version = services.start_new_version(actor=writer, document=document)
        services.update_draft(
            actor=writer,
            version=version,
            expected_version=None,
            body=_apply(version.body, work.edits),
            change_summary=work.summary,
        )
        services.submit_for_review(
            actor=writer,
            version=version,
            expected_version=None,
            reviewers=[self.user(name) for name, _answered in work.reviewers],
        )
        for name, answered in work.reviewers:
            if answered:
                services.record_review(
                    actor=self.user(name), version=version, agreed=True, comment="Bez uwag."
                )
        if work.state == "approval":
            services.submit_for_approval(actor=writer, version=version, expected_version=None)
        self.wip_dates(version, work.days_ago)


def _records(ctx, documents: dict[str, Document], clause) -> None:
    for name, unit, location, category, period, disposal, defined_by, clauses in RECORDS:
        record = RecordType.objects.create(
            name=name,
            keeper_unit=ctx.units[unit],
            location=location,
            retention_category=category,
            retention=period,
            disposal=disposal,
        )
        record.defined_by.set([documents[n] for n in defined_by])
        record.clauses.set([clause(n) for n in clauses])


def _settle_notifications(ctx) -> None:
    """Mark the history's notifications read; keep only what still waits for someone."""
    working = {
        f"/documents/{v.document_id}/v{v.number}/": v
        for v in DocumentVersion.objects.filter(status__in=DocumentVersion.WORKING)
    }
    pending_reviews = set(
        ReviewRequest.objects.filter(
            decision=ReviewRequest.Decision.PENDING, version__status=V.IN_REVIEW
        ).values_list("version_id", "reviewer_id")
    )
    for user in ctx.users.values():
        unread = Notification.objects.filter(
            recipient=user, read_at__isnull=True, kind__startswith="document_"
        )
        wanted = {f"document_to_read:{v.pk}" for v in to_read(user=user)}
        stale = []
        for note in unread:
            version = working.get(note.url)
            if note.kind == "document_to_read":
                keep = note.dedupe_key in wanted
            elif note.kind == "document_review_requested":
                keep = version is not None and (version.pk, user.pk) in pending_reviews
            elif note.kind == "document_awaiting_approval":
                keep = version is not None and version.status == V.AWAITING_APPROVAL
            else:
                keep = version is not None
            if not keep:
                stale.append(note.pk)
        if stale:
            core_services.mark_notifications_read(user=user, ids=stale)


def load(ctx) -> None:
    seed_document_types(DocumentType)  # missing after a test flush
    builder = _Builder(ctx)
    documents = {spec.number: builder.document(spec) for spec in DOCUMENTS}
    _records(ctx, documents, builder.clause)
    _settle_notifications(ctx)
