"""The clauses of ISO 9001:2015 as plain data: number, English title, Polish title.

Kept as data rather than in a migration or a fixture so that the registry can be
loaded, compared and tested without a database, and so that a correction to a title is
a one-line change reviewed like any other code. English titles follow ISO 9001:2015;
Polish titles follow PN-EN ISO 9001:2015-10.

A few numbered subclauses (4.4.1, 4.4.2, 6.1.1, 6.1.2, 6.2.1, 6.2.2, 8.7.1, 8.7.2,
10.2.1, 10.2.2) have no title in the standard. Auditors still need to pick them from a
list, so they carry a short description of what they require, in both languages;
those descriptions are ours, not quotations from the standard.
"""

from __future__ import annotations

ISO_9001_2015: list[tuple[str, str, str]] = [
    ("4", "Context of the organization", "Kontekst organizacji"),
    (
        "4.1",
        "Understanding the organization and its context",
        "Zrozumienie organizacji i jej kontekstu",
    ),
    (
        "4.2",
        "Understanding the needs and expectations of interested parties",
        "Zrozumienie potrzeb i oczekiwań stron zainteresowanych",
    ),
    (
        "4.3",
        "Determining the scope of the quality management system",
        "Określenie zakresu systemu zarządzania jakością",
    ),
    (
        "4.4",
        "Quality management system and its processes",
        "System zarządzania jakością i jego procesy",
    ),
    (
        "4.4.1",
        "Establishing the quality management system and the processes it needs",
        "Ustanowienie systemu zarządzania jakością i potrzebnych w nim procesów",
    ),
    (
        "4.4.2",
        "Documented information supporting the processes",
        "Udokumentowane informacje wspierające procesy",
    ),
    ("5", "Leadership", "Przywództwo"),
    ("5.1", "Leadership and commitment", "Przywództwo i zaangażowanie"),
    ("5.1.1", "General", "Postanowienia ogólne"),
    ("5.1.2", "Customer focus", "Orientacja na klienta"),
    ("5.2", "Policy", "Polityka"),
    ("5.2.1", "Establishing the quality policy", "Ustanowienie polityki jakości"),
    ("5.2.2", "Communicating the quality policy", "Komunikowanie polityki jakości"),
    (
        "5.3",
        "Organizational roles, responsibilities and authorities",
        "Role, odpowiedzialności i uprawnienia w organizacji",
    ),
    ("6", "Planning", "Planowanie"),
    (
        "6.1",
        "Actions to address risks and opportunities",
        "Działania odnoszące się do ryzyk i szans",
    ),
    (
        "6.1.1",
        "Determining the risks and opportunities to be addressed",
        "Określenie ryzyk i szans, które należy uwzględnić",
    ),
    (
        "6.1.2",
        "Planning actions to address risks and opportunities",
        "Planowanie działań odnoszących się do ryzyk i szans",
    ),
    (
        "6.2",
        "Quality objectives and planning to achieve them",
        "Cele jakości i planowanie działań do ich osiągnięcia",
    ),
    ("6.2.1", "Establishing quality objectives", "Ustanowienie celów jakości"),
    (
        "6.2.2",
        "Planning how to achieve quality objectives",
        "Planowanie sposobu osiągnięcia celów jakości",
    ),
    ("6.3", "Planning of changes", "Planowanie zmian"),
    ("7", "Support", "Wsparcie"),
    ("7.1", "Resources", "Zasoby"),
    ("7.1.1", "General", "Postanowienia ogólne"),
    ("7.1.2", "People", "Ludzie"),
    ("7.1.3", "Infrastructure", "Infrastruktura"),
    (
        "7.1.4",
        "Environment for the operation of processes",
        "Środowisko funkcjonowania procesów",
    ),
    ("7.1.5", "Monitoring and measuring resources", "Zasoby do monitorowania i pomiarów"),
    ("7.1.6", "Organizational knowledge", "Wiedza organizacji"),
    ("7.2", "Competence", "Kompetencje"),
    ("7.3", "Awareness", "Świadomość"),
    ("7.4", "Communication", "Komunikacja"),
    ("7.5", "Documented information", "Udokumentowane informacje"),
    ("7.5.1", "General", "Postanowienia ogólne"),
    ("7.5.2", "Creating and updating", "Tworzenie i aktualizowanie"),
    (
        "7.5.3",
        "Control of documented information",
        "Nadzór nad udokumentowanymi informacjami",
    ),
    ("8", "Operation", "Działania operacyjne"),
    (
        "8.1",
        "Operational planning and control",
        "Planowanie i nadzór nad działaniami operacyjnymi",
    ),
    (
        "8.2",
        "Requirements for products and services",
        "Wymagania dotyczące wyrobów i usług",
    ),
    ("8.2.1", "Customer communication", "Komunikacja z klientem"),
    (
        "8.2.2",
        "Determining the requirements for products and services",
        "Określanie wymagań dotyczących wyrobów i usług",
    ),
    (
        "8.2.3",
        "Review of the requirements for products and services",
        "Przegląd wymagań dotyczących wyrobów i usług",
    ),
    (
        "8.2.4",
        "Changes to requirements for products and services",
        "Zmiany wymagań dotyczących wyrobów i usług",
    ),
    (
        "8.3",
        "Design and development of products and services",
        "Projektowanie i rozwój wyrobów i usług",
    ),
    ("8.3.1", "General", "Postanowienia ogólne"),
    ("8.3.2", "Design and development planning", "Planowanie projektowania i rozwoju"),
    ("8.3.3", "Design and development inputs", "Dane wejściowe do projektowania i rozwoju"),
    ("8.3.4", "Design and development controls", "Nadzór nad projektowaniem i rozwojem"),
    ("8.3.5", "Design and development outputs", "Dane wyjściowe z projektowania i rozwoju"),
    ("8.3.6", "Design and development changes", "Zmiany w projektowaniu i rozwoju"),
    (
        "8.4",
        "Control of externally provided processes, products and services",
        "Nadzór nad procesami, wyrobami i usługami dostarczanymi z zewnątrz",
    ),
    ("8.4.1", "General", "Postanowienia ogólne"),
    ("8.4.2", "Type and extent of control", "Rodzaj i zakres nadzoru"),
    ("8.4.3", "Information for external providers", "Informacje dla zewnętrznych dostawców"),
    ("8.5", "Production and service provision", "Produkcja i dostarczanie usługi"),
    (
        "8.5.1",
        "Control of production and service provision",
        "Nadzorowanie produkcji i dostarczania usługi",
    ),
    ("8.5.2", "Identification and traceability", "Identyfikacja i identyfikowalność"),
    (
        "8.5.3",
        "Property belonging to customers or external providers",
        "Własność należąca do klientów lub zewnętrznych dostawców",
    ),
    ("8.5.4", "Preservation", "Zabezpieczanie"),
    ("8.5.5", "Post-delivery activities", "Działania po dostawie"),
    ("8.5.6", "Control of changes", "Nadzór nad zmianami"),
    ("8.6", "Release of products and services", "Zwolnienie wyrobów i usług"),
    ("8.7", "Control of nonconforming outputs", "Nadzór nad niezgodnymi wyjściami"),
    (
        "8.7.1",
        "Identifying and controlling nonconforming outputs",
        "Identyfikowanie niezgodnych wyjść i nadzór nad nimi",
    ),
    (
        "8.7.2",
        "Documented information on nonconforming outputs",
        "Udokumentowane informacje dotyczące niezgodnych wyjść",
    ),
    ("9", "Performance evaluation", "Ocena efektów działania"),
    (
        "9.1",
        "Monitoring, measurement, analysis and evaluation",
        "Monitorowanie, pomiary, analiza i ocena",
    ),
    ("9.1.1", "General", "Postanowienia ogólne"),
    ("9.1.2", "Customer satisfaction", "Zadowolenie klienta"),
    ("9.1.3", "Analysis and evaluation", "Analiza i ocena"),
    ("9.2", "Internal audit", "Audit wewnętrzny"),
    ("9.3", "Management review", "Przegląd zarządzania"),
    ("9.3.1", "General", "Postanowienia ogólne"),
    ("9.3.2", "Management review inputs", "Dane wejściowe przeglądu zarządzania"),
    ("9.3.3", "Management review outputs", "Dane wyjściowe przeglądu zarządzania"),
    ("10", "Improvement", "Doskonalenie"),
    ("10.1", "General", "Postanowienia ogólne"),
    ("10.2", "Nonconformity and corrective action", "Niezgodność i działania korygujące"),
    (
        "10.2.1",
        "Reacting to a nonconformity and taking corrective action",
        "Reagowanie na niezgodność i podejmowanie działań korygujących",
    ),
    (
        "10.2.2",
        "Documented information on nonconformities and corrective actions",
        "Udokumentowane informacje dotyczące niezgodności i działań korygujących",
    ),
    ("10.3", "Continual improvement", "Ciągłe doskonalenie"),
]
