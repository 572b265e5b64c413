"""Demo content for transparency: funding programmes, project approaches and action concepts.

The thread the demo makes visible: a proposal gets an official answer (accepted or partially
accepted), a measure of the region's action concept takes it up, a project approach carries the
measure out, a funding programme pays for it.

- Eleven funding programmes, fictional but modelled on real kinds (an EU fund for migration and
  integration, federal and Hessian state programmes, municipal small-grants funds, foundations,
  a social lottery), with deadlines relative to the day of loading: one-off and recurring ones,
  one within the next three weeks.
- Three or four project approaches per model region across fields of action and statuses, led by
  organisations of the demo directory or named in free text, with partners, applications to the
  programmes (applied, granted, not granted), periods and the proposals they came from. In
  Wiesbaden two projects of the same field of action run at the same time (an overlap hint).
- An action concept per model region: version 1 for all; version 2 with changes for Wiesbaden
  and Hochtaunus; in Hochtaunus a draft version 3 that the consultation in its discussion phase
  puts up for comment, with comments of residents and an organisation.

Projects and concept versions that take up proposals are dated after the official answers, and
every date is in the past except planned project periods and programme deadlines.

Idempotent like the rest of the demo: a programme is identified by its name, a project by its
region and title, a region's concept by the existence of any version. What exists is left alone;
a proposal that is taken up gets an official answer only if it has none.
"""

import random
from copy import deepcopy
from datetime import UTC, datetime, timedelta

from app.concepts.models import (
    ConceptComment,
    ConceptItem,
    ConceptVersion,
    ItemKind,
    MeasureStatus,
    VersionState,
)
from app.consultations.models import Consultation
from app.core import clock
from app.core.models import ModerationState
from app.demo_content import BERLIN, REGION_COORDINATORS, Context, _organisations, _people
from app.demo_content import ORGANISATIONS as DEMO_ORGANISATIONS
from app.extensions import db
from app.funding.models import (
    FunderLevel,
    FundingProgramme,
    ProgrammeDeadline,
    ProgrammeStatus,
    Recurrence,
)
from app.projects.models import (
    FundingState,
    ProjectApproach,
    ProjectFunding,
    ProjectPartner,
    ProjectStatus,
)
from app.proposals.models import OfficialResponse, Proposal, ProposalStatus
from app.regions.models import FieldOfAction, Region

# --- funding programmes -----------------------------------------------------------------------
# key (how projects refer to it), name, funder level and funder, regions (None: open to all),
# fields, target groups, amount range and co-funding share, status, link and contact, who added
# it and when (days before loading), deadlines as (days from loading, recurrence, label): a
# recurring deadline gives the first date of its series.

PROGRAMMES = [
    {
        "key": "eu_fund",
        "name": "Europäischer Fonds für Migration und Teilhabe – Aufruf „Integration vor Ort“",
        "level": FunderLevel.EU,
        "funder": "Europäische Union, nationale Verwaltungsbehörde des Fonds",
        "regions": None,
        "fields": ["language-education", "work-training", "intercultural-opening"],
        "target_groups": "Kommunen und Landkreise, freie Träger, Migrantenorganisationen, auch "
        "im Verbund; Zielgruppe: Drittstaatsangehörige",
        "amount": (150_000, 1_200_000),
        "co_funding": 25,
        "status": ProgrammeStatus.OPEN,
        "url": "https://teilhabefonds.example.org/aufruf-integration-vor-ort",
        "contact": "Nationale Kontaktstelle, foerderung@teilhabefonds.example.org",
        "by": "admin",
        "added": -52,
        "deadlines": [
            (19, Recurrence.NONE, "Projektskizze"),
            (112, Recurrence.NONE, "Vollantrag (nur nach Aufforderung)"),
        ],
        "description": {
            "de": "Der Fonds fördert Vorhaben, die Drittstaatsangehörigen den Start in Sprache, "
            "Arbeit und Alltag erleichtern und Verwaltungen interkulturell öffnen. Gefördert "
            "werden Personal- und Sachkosten für bis zu drei Jahre.\n\n"
            "Das Verfahren hat zwei Stufen: Zuerst reichen Sie eine Projektskizze von höchstens "
            "zehn Seiten ein. Ausgewählte Vorhaben werden zum Vollantrag aufgefordert. Verbünde "
            "aus Kommune, freien Trägern und Migrantenorganisationen werden bevorzugt.",
            "en": "The fund supports projects that make it easier for third-country nationals to "
            "get started with language, work and everyday life, and that open administrations "
            "to intercultural work. Staff and material costs are funded for up to three years.\n\n"
            "The procedure has two stages: first you submit a project outline of at most ten "
            "pages. Selected projects are invited to submit a full application. Partnerships of "
            "municipalities, independent providers and migrant organisations are preferred.",
        },
    },
    {
        "key": "course_childcare",
        "name": "Bundesprogramm „Kurs und Kita“ – Kinderbetreuung während Integrationskursen",
        "level": FunderLevel.FEDERAL,
        "funder": "Bundesamt für Migration und Flüchtlinge",
        "regions": None,
        "fields": ["language-education"],
        "target_groups": "Träger von Integrations- und Berufssprachkursen, Kommunen, Kitaträger",
        "amount": (20_000, 250_000),
        "co_funding": 10,
        "status": ProgrammeStatus.OPEN,
        "url": "https://kurs-und-kita.example.org",
        "contact": "Servicestelle Kurs und Kita, Telefon 0911 000 000 (Mo–Do 9–15 Uhr)",
        "by": "admin",
        "added": -48,
        "deadlines": [(-300, Recurrence.YEARLY, "Antragsrunde")],
        "description": {
            "de": "Das Programm bezahlt die Betreuung kleiner Kinder, während ihre Eltern einen "
            "Integrations- oder Berufssprachkurs besuchen: im Kursgebäude selbst oder in einer "
            "Kita in der Nähe. Förderfähig sind Personal, Raummiete und Ausstattung der "
            "Betreuungsgruppe.\n\n"
            "Anträge stellt der Kursträger einmal im Jahr, gern gemeinsam mit dem örtlichen "
            "Jugendamt.",
            "en": "The programme pays for the care of small children while their parents attend "
            "an integration or job-related language course: in the course building itself or in "
            "a day-care centre nearby. Staff, rent and equipment of the childcare group are "
            "eligible.\n\n"
            "The course provider applies once a year, ideally together with the local youth "
            "welfare office.",
        },
    },
    {
        "key": "health_pilots",
        "name": "Bundesmodellprogramm Gesundheitslotsinnen und -lotsen für Zugewanderte",
        "level": FunderLevel.FEDERAL,
        "funder": "Bund, Projektträger Gesundheit und Teilhabe",
        "regions": None,
        "fields": ["health-care"],
        "target_groups": "Gesundheitsämter, Wohlfahrtsverbände, Migrantenorganisationen",
        "amount": (50_000, 400_000),
        "co_funding": 20,
        "status": ProgrammeStatus.ANNOUNCED,
        "url": "https://gesundheitslotsen.example.org/modellprogramm",
        "contact": "Projektträger Gesundheit und Teilhabe, lotsen@pt-gesundheit.example.org",
        "by": "admin",
        "added": -20,
        "deadlines": [(70, Recurrence.NONE, "Interessenbekundung")],
        "description": {
            "de": "Das angekündigte Modellprogramm soll Projekte fördern, in denen geschulte "
            "Lotsinnen und Lotsen Zugewanderte in ihrer Sprache durch das Gesundheitssystem "
            "begleiten: Hausarztpraxis, Überweisung, Krankenkasse, Pflege. Die Förderrichtlinie "
            "wird gerade abgestimmt; Interessenbekundungen sind schon möglich.",
        },
    },
    {
        "key": "state_together",
        "name": "Landesprogramm ZUSAMMEN – Vielfalt und Teilhabe in hessischen Kommunen",
        "level": FunderLevel.STATE,
        "funder": "Land Hessen, für Integration zuständiges Ministerium",
        "regions": None,
        "fields": [
            "language-education",
            "intercultural-opening",
            "civic-engagement",
            "housing-neighbourhood",
            "health-care",
        ],
        "target_groups": "Landkreise, Städte und Gemeinden; freie Träger und "
        "Migrantenorganisationen über ihre Kommune",
        "amount": (10_000, 150_000),
        "co_funding": 20,
        "status": ProgrammeStatus.OPEN,
        "url": "https://zusammen-hessen.example.org",
        "contact": "Programmbüro ZUSAMMEN, programmbuero@zusammen-hessen.example.org",
        "by": "admin",
        "added": -58,
        "deadlines": [(-142, Recurrence.HALF_YEARLY, "Frühjahrs- und Herbstrunde")],
        "description": {
            "de": "Das Landesprogramm unterstützt Kommunen dabei, Integration als Querschnitts"
            "aufgabe zu organisieren: Koordinationsstellen, interkulturelle Öffnung der "
            "Verwaltung, Förderung von Migrantenorganisationen und Projekte im Quartier.\n\n"
            "Zweimal im Jahr gibt es eine Antragsrunde. Freie Träger beantragen über ihre "
            "Kommune; die Kommune bündelt die Anträge und legt eine kurze Begründung bei, wie "
            "das Vorhaben zu ihrem Handlungskonzept passt.",
            "en": "The state programme helps municipalities organise integration as a task of "
            "the whole administration: coordination posts, intercultural opening of the "
            "administration, support for migrant organisations and neighbourhood projects.\n\n"
            "There are two application rounds a year. Independent providers apply through "
            "their municipality, which bundles the applications and explains briefly how each "
            "project fits its action concept.",
        },
    },
    {
        "key": "state_neighbourhood",
        "name": "Landesprogramm Gute Nachbarschaft – Quartiere mit Zukunft",
        "level": FunderLevel.STATE,
        "funder": "Land Hessen, Wohnungsbau- und Quartiersförderung",
        "regions": ["wetzlar", "hochtaunus", "offenbach", "main-kinzig-hanau"],
        "fields": ["housing-neighbourhood", "civic-engagement"],
        "target_groups": "Kommunen mit Gebieten der Städtebauförderung, Wohnungsunternehmen, "
        "Träger der Gemeinwesenarbeit",
        "amount": (25_000, 300_000),
        "co_funding": 30,
        "status": ProgrammeStatus.OPEN,
        "url": "https://gute-nachbarschaft.example.org",
        "contact": "Servicestelle Quartier, quartier@gute-nachbarschaft.example.org",
        "by": "admin",
        "added": -41,
        "deadlines": [(-330, Recurrence.YEARLY, "Jahresantrag")],
        "description": {
            "de": "Gefördert werden Stadtteilbüros, Nachbarschaftstreffs, Gemeinwesenarbeit und "
            "Beratung rund ums Wohnen in Quartieren mit besonderem Entwicklungsbedarf. "
            "Antragsberechtigt sind die Kommunen der ausgewählten Fördergebiete; "
            "Wohnungsunternehmen und Träger können Partner sein.",
            "en": "The programme funds neighbourhood offices, meeting places, community work and "
            "housing advice in neighbourhoods with particular development needs. Municipalities "
            "of the selected areas may apply; housing companies and providers can be partners.",
        },
    },
    {
        "key": "state_training",
        "name": "Hessische Ausbildungsbrücken – Programm für junge Zugewanderte",
        "level": FunderLevel.STATE,
        "funder": "Land Hessen, Arbeits- und Sozialressort",
        "regions": None,
        "fields": ["work-training"],
        "target_groups": "Jugendliche und junge Erwachsene mit Einwanderungsgeschichte bis 27 "
        "Jahre; Träger der Jugendberufshilfe, Kammern",
        "amount": (30_000, 200_000),
        "co_funding": 10,
        "status": ProgrammeStatus.CLOSED,
        "url": "https://ausbildungsbruecken.example.org",
        "contact": "Landesservicestelle Ausbildung, ausbildung@land.example.org",
        "by": "admin",
        "added": -56,
        "deadlines": [(-40, Recurrence.NONE, "Antragsfrist der Förderperiode")],
        "description": {
            "de": "Das Programm förderte Kurse, die Schule, Sprache und Betrieb verbinden, und "
            "Begleitung in den ersten Ausbildungsmonaten. Die Antragsfrist der laufenden "
            "Förderperiode ist abgelaufen; ob es eine weitere Runde gibt, entscheidet das Land "
            "mit dem nächsten Haushalt.",
        },
    },
    {
        "key": "offenbach_fund",
        "name": "Kleiner Vielfaltsfonds der Stadt Offenbach",
        "level": FunderLevel.MUNICIPAL,
        "funder": "Stadt Offenbach am Main, Integrationsbüro",
        "regions": ["offenbach"],
        "fields": ["civic-engagement", "housing-neighbourhood"],
        "target_groups": "Vereine, Migrantenorganisationen und Nachbarschaftsinitiativen aus "
        "Offenbach, auch ohne eingetragenen Verein",
        "amount": (300, 5_000),
        "co_funding": 0,
        "status": ProgrammeStatus.OPEN,
        "url": "https://offenbach.example.org/vielfaltsfonds",
        "contact": "Integrationsbüro, vielfaltsfonds@offenbach.example.org",
        "by": "coord_offenbach",
        "added": -33,
        "deadlines": [(-60, Recurrence.QUARTERLY, "Vergaberunde")],
        "description": {
            "de": "Kleine Beträge für gute Ideen im Stadtteil: ein Nachbarschaftsfest, ein "
            "Hausaufgabenclub, ein Kochabend, ein Fußballturnier. Der Antrag passt auf eine "
            "Seite und kann auf Deutsch, Türkisch, Arabisch oder Englisch gestellt werden. Ein "
            "Beirat mit Vertreterinnen und Vertretern der Migrantenorganisationen entscheidet "
            "viermal im Jahr, spätestens vier Wochen nach der Frist.",
            "en": "Small sums for good ideas in the neighbourhood: a street party, a homework "
            "club, a cooking evening, a football tournament. The application fits on one page "
            "and can be written in German, Turkish, Arabic or English. A panel including "
            "representatives of migrant organisations decides four times a year, at the latest "
            "four weeks after the deadline.",
        },
    },
    {
        "key": "wiesbaden_fund",
        "name": "Wiesbadener Verfügungsfonds Ehrenamt und Vielfalt",
        "level": FunderLevel.MUNICIPAL,
        "funder": "Landeshauptstadt Wiesbaden, Ehrenamtsagentur",
        "regions": ["wiesbaden"],
        "fields": ["civic-engagement", "intercultural-opening"],
        "target_groups": "Wiesbadener Vereine, die neue Mitglieder mit Einwanderungsgeschichte "
        "gewinnen wollen; Migrantenorganisationen",
        "amount": (500, 3_000),
        "co_funding": 0,
        "status": ProgrammeStatus.ANNOUNCED,
        "url": "https://wiesbaden.example.org/verfuegungsfonds-ehrenamt",
        "contact": "Ehrenamtsagentur, fonds@wiesbaden.example.org",
        "by": "coordinator",
        "added": -12,
        "deadlines": [(56, Recurrence.HALF_YEARLY, "Vergaberunde")],
        "description": {
            "de": "Der neue Fonds startet mit der Beteiligung „Ehrenamt für alle“. Er bezahlt "
            "zum Beispiel Übersetzungen von Vereinsinformationen, Schnuppertage oder "
            "Schulungen für Vorstände. Die erste Vergaberunde ist angekündigt; die Kriterien "
            "werden mit den Vereinen und Migrantenorganisationen abgestimmt.",
        },
    },
    {
        "key": "foundation_work",
        "name": "Stiftung Chancen Hessen – Förderlinie „Ankommen im Beruf“",
        "level": FunderLevel.FOUNDATION,
        "funder": "Stiftung Chancen Hessen (gemeinnützige Stiftung bürgerlichen Rechts)",
        "regions": None,
        "fields": ["work-training", "language-education"],
        "target_groups": "Gemeinnützige Träger, Bildungseinrichtungen, Migrantenorganisationen",
        "amount": (5_000, 60_000),
        "co_funding": 10,
        "status": ProgrammeStatus.OPEN,
        "url": "https://stiftung-chancen.example.org/ankommen-im-beruf",
        "contact": "Programmteam Ankommen im Beruf, beruf@stiftung-chancen.example.org",
        "by": "admin",
        "added": -37,
        "deadlines": [(-250, Recurrence.YEARLY, "Jahresausschreibung")],
        "description": {
            "de": "Die Stiftung fördert Vorhaben, die zugewanderten Menschen den Weg in ihren "
            "Beruf ebnen: Fachsprache, Praktika, Mentoring und Begleitung bei der Anerkennung. "
            "Besonders gern unterstützt sie Projekte, die Betriebe von Anfang an einbinden.",
            "en": "The foundation supports projects that pave the way for newcomers into their "
            "profession: technical language, internships, mentoring and support with the "
            "recognition of qualifications. It particularly welcomes projects that involve "
            "employers from the start.",
        },
    },
    {
        "key": "foundation_north",
        "name": "Bürgerstiftung Nordhessen – Fonds „Miteinander im Quartier“",
        "level": FunderLevel.FOUNDATION,
        "funder": "Bürgerstiftung Nordhessen",
        "regions": ["kassel"],
        "fields": ["civic-engagement", "language-education"],
        "target_groups": "Vereine und Initiativen in Kassel, Ehrenamtliche",
        "amount": (1_000, 15_000),
        "co_funding": 0,
        "status": ProgrammeStatus.OPEN,
        "url": "https://buergerstiftung-nordhessen.example.org/miteinander",
        "contact": "Geschäftsstelle, miteinander@buergerstiftung-nordhessen.example.org",
        "by": "coord_kassel",
        "added": -30,
        "deadlines": [(-100, Recurrence.HALF_YEARLY, "Antragsschluss")],
        "description": {
            "de": "Die Bürgerstiftung unterstützt ehrenamtliche Projekte, die Menschen im "
            "Stadtteil zusammenbringen: Lernpatenschaften, Sprachcafés, Begegnungsfeste. Ein "
            "kurzes Gespräch mit der Geschäftsstelle vor dem Antrag wird empfohlen.",
        },
    },
    {
        "key": "lottery",
        "name": "Soziallotterie Miteinander – Förderprogramm „Mitmachen“",
        "level": FunderLevel.OTHER,
        "funder": "Soziallotterie Miteinander e. V.",
        "regions": None,
        "fields": ["civic-engagement", "health-care", "housing-neighbourhood"],
        "target_groups": "Gemeinnützige Organisationen, Selbsthilfegruppen, "
        "Migrantenorganisationen",
        "amount": (5_000, 250_000),
        "co_funding": 10,
        "status": ProgrammeStatus.OPEN,
        "url": "https://soziallotterie-miteinander.example.org/mitmachen",
        "contact": "Förderberatung, mitmachen@soziallotterie-miteinander.example.org",
        "by": "admin",
        "added": -44,
        "deadlines": [],
        "description": {
            "de": "Anträge sind jederzeit möglich. Gefördert werden Projekte, die Teilhabe im "
            "Alltag ermöglichen – von Nachbarschaftshilfe bis zu Gesundheitsprojekten – für bis "
            "zu drei Jahre. Über Anträge bis 50 000 € entscheidet die Lotterie innerhalb von "
            "drei Monaten.",
            "en": "Applications are possible at any time. The programme funds projects that "
            "enable participation in everyday life – from neighbourly help to health projects "
            "– for up to three years. Applications up to 50,000 € are decided within three "
            "months.",
        },
    },
]

# --- official answers -------------------------------------------------------------------------
# Proposals that the concepts and projects below take up, by region and title, with the answer
# they get if they have none yet: (status, text). The region's coordination answers.

ANSWERS = {
    "kassel": [
        (
            "Kinderbetreuung direkt im Kursgebäude",
            ProposalStatus.PARTIALLY_ACCEPTED,
            "Danke für den Vorschlag, der in der Bürgerversammlung viel Zustimmung bekam. Wo "
            "das Kursgebäude geeignete Räume hat, richten wir eine Betreuungsgruppe direkt dort "
            "ein; zuerst im Stadtteilzentrum Wesertor. In den anderen Kursorten vermitteln wir "
            "Plätze in Kitas in der Nähe. Die Volkshochschule beantragt dafür Mittel aus dem "
            "Bundesprogramm „Kurs und Kita“.",
        ),
        (
            "Kita-Plätze für Kinder von Eltern im Sprachkurs",
            ProposalStatus.ACCEPTED,
            "Wir setzen den Vorschlag um: Das Jugendamt hält ab dem kommenden Kitajahr in der "
            "Nordstadt zehn Plätze für Kinder von Eltern frei, die einen Integrationskurs "
            "besuchen. Die Maßnahme steht im Handlungskonzept der Stadt.",
        ),
        (
            "Fachsprachkurse für Pflege und Handwerk mit Praktikum",
            ProposalStatus.ACCEPTED,
            "Der Vorschlag ist in das Handlungskonzept aufgenommen. Das Berufsbildungszentrum "
            "Nordhessen entwickelt mit Pflegeschulen und Handwerksbetrieben einen Kurs, der "
            "Fachsprache und Praktikum verbindet, und sucht dafür eine Förderung.",
        ),
    ],
    "wiesbaden": [
        (
            "Лоцмани здоровʼя для новоприбулих",
            ProposalStatus.ACCEPTED,
            "Vielen Dank! Das Gesundheitsamt baut gemeinsam mit Migrantenorganisationen ein "
            "Lotsenprogramm auf: Ehrenamtliche werden geschult, erklären das "
            "Gesundheitssystem in ihren Sprachen und begleiten bei Bedarf zu Terminen. Das "
            "Vorhaben steht in der neuen Fassung des Handlungskonzepts.",
        ),
        (
            "جلسات توعية صحية للنساء بلغتهن",
            ProposalStatus.PARTIALLY_ACCEPTED,
            "Wir nehmen den Vorschlag in das Lotsenprogramm auf: Lotsinnen bieten "
            "Gesprächsrunden für Frauen in ihrer Sprache an, zuerst auf Arabisch, Farsi und "
            "Ukrainisch. Eigene Kurse mit Ärztinnen können wir im ersten Jahr noch nicht "
            "finanzieren.",
        ),
        (
            "Mobiler Willkommenspunkt in den Ortsbezirken",
            ProposalStatus.ACCEPTED,
            "Der Vorschlag wird umgesetzt: Ab dem kommenden Monat macht ein mobiler "
            "Willkommenspunkt im Wechsel in Biebrich, Kastel und Schierstein Station, in "
            "Stadtteilzentren und Bibliotheken. Nach einem Jahr werten wir aus, welche "
            "Standorte gut angenommen werden.",
        ),
        (
            "Bürgerbüro randevularında görüntülü tercüman desteği",
            ProposalStatus.PARTIALLY_ACCEPTED,
            "Wir erweitern den Sprachmittlerpool der Stadt um Videodolmetschen, zuerst im "
            "Bürgerbüro und in der Ausländerbehörde. Ein Termin mit Dolmetschung lässt sich "
            "bei der Online-Buchung auswählen. Für alle Ämter gleichzeitig reicht das Budget "
            "noch nicht.",
        ),
    ],
    "hochtaunus": [
        (
            "Sprechstunde „Wohnen“ direkt in den Gemeinschaftsunterkünften",
            ProposalStatus.ACCEPTED,
            "Der Kreis stellt in den drei größten Gemeinschaftsunterkünften Räume für eine "
            "wöchentliche Sprechstunde „Wohnen“ bereit und finanziert eine Koordinationsstelle "
            "beim Migrationsdienst. Die Maßnahme steht im Entwurf der nächsten Fassung des "
            "Handlungskonzepts, den Sie in dieser Beteiligung kommentieren können.",
        ),
        (
            "مشاوره مسکن به زبان فارسی و دری",
            ProposalStatus.PARTIALLY_ACCEPTED,
            "Die Sprechstunde „Wohnen“ wird in Bad Homburg und Oberursel auch auf Farsi und "
            "Dari angeboten, mit geschulten Ehrenamtlichen. Eine wöchentliche Beratung in "
            "allen Gemeinden können wir derzeit nicht anbieten.",
        ),
        (
            "Deutschkurse auch in kleinen Gemeinden",
            ProposalStatus.PARTIALLY_ACCEPTED,
            "Die Volkshochschule prüft ein gemischtes Angebot: Unterricht online und ein "
            "Treffen pro Woche vor Ort, zuerst in Usingen und Neu-Anspach. Ob daraus ein "
            "dauerhaftes Angebot wird, entscheidet sich nach einem Probedurchgang.",
        ),
    ],
    "offenbach": [
        (
            "Dernekler için ücretsiz toplantı odaları",
            ProposalStatus.ACCEPTED,
            "Wir setzen den Vorschlag um: Eine Raumbörse der Stadt vermittelt Räume in "
            "Schulen, Jugendzentren und städtischen Gebäuden abends und am Wochenende an "
            "Vereine und Initiativen, für eingetragene Vereine kostenlos. Reserviert wird "
            "online. Das Land fördert den Aufbau aus dem Programm ZUSAMMEN.",
        ),
        (
            "Feste Ansprechperson für Vereine im Rathaus",
            ProposalStatus.ACCEPTED,
            "Im Integrationsbüro gibt es künftig eine feste Ansprechperson für Vereine und "
            "Migrantenorganisationen. Sie betreut auch die neue Raumbörse.",
        ),
        (
            "کارگاه آموزشی برای مسئولان انجمن‌ها",
            ProposalStatus.PARTIALLY_ACCEPTED,
            "Gemeinsam mit dem Türkisch-Deutschen Elternverein planen wir eine Reihe von "
            "Workshops für Vorstände: Finanzen, Förderanträge, Vereinsrecht. Die Reihe soll im "
            "nächsten Jahr beginnen, wenn die Finanzierung steht.",
        ),
        (
            "A small fund for neighbourhood projects of migrant groups",
            ProposalStatus.PARTIALLY_ACCEPTED,
            "Einen solchen Fonds gibt es bereits: den Kleinen Vielfaltsfonds der Stadt. Wir "
            "öffnen ihn für Initiativen ohne eingetragenen Verein, bieten das Antragsformular "
            "in vier Sprachen an und entscheiden viermal im Jahr. Zuschüsse bis 5 000 € sind "
            "möglich.",
        ),
    ],
}

# --- project approaches -----------------------------------------------------------------------
# Per region: key (how concepts refer to it), title, field, lead (an organisation key of the demo
# directory under "lead_org", or a name under "lead"), partners (organisation keys and names),
# status, period in days from loading (None: open), when the coordination entered it (days before
# loading; a project that came from proposals is entered after their answers), budget in euros,
# applications as (programme key, state, amount), the proposals it came from (titles), the
# description and, when completed or discontinued, what came of it.

PROJECTS = {
    "kassel": [
        {
            "key": "ka_course_childcare",
            "title": "Sprachkurse mit Kinderbetreuung im Stadtteilzentrum Wesertor",
            "field": "language-education",
            "lead": "Volkshochschule Region Kassel",
            "partner_orgs": ["gemeinde_kassel"],
            "partners": ["Kita-Verbund Nordstadt", "Jugendamt der Stadt Kassel"],
            "status": ProjectStatus.PLANNED,
            "period": (45, 410),
            "registered": -3,
            "budget": 168_000,
            "fundings": [
                ("course_childcare", FundingState.APPLIED, 120_000),
                ("state_together", FundingState.APPLIED, 30_000),
            ],
            "proposals": [
                "Kinderbetreuung direkt im Kursgebäude",
                "Kita-Plätze für Kinder von Eltern im Sprachkurs",
            ],
            "description": "Zwei Integrationskurse am Vormittag mit einer Betreuungsgruppe für "
            "bis zu zwölf Kinder unter drei Jahren direkt im Stadtteilzentrum. Die Eritreische "
            "Gemeinde spricht Familien an, die bisher keinen Kurs besuchen konnten, und stellt "
            "zwei Betreuerinnen, die Tigrinya und Arabisch sprechen.",
        },
        {
            "key": "ka_technical_language",
            "title": "Fachsprache Pflege und Handwerk mit Praktikum",
            "field": "work-training",
            "lead": "Berufsbildungszentrum Nordhessen",
            "partners": ["Pflegeschulen am Klinikum Kassel", "Kreishandwerkerschaft Kassel"],
            "status": ProjectStatus.IDEA,
            "period": (None, None),
            "registered": -2,
            "budget": None,
            "fundings": [("foundation_work", FundingState.APPLIED, 45_000)],
            "proposals": ["Fachsprachkurse für Pflege und Handwerk mit Praktikum"],
            "description": "Ein Kurs über sechs Monate: vormittags Fachsprache, nachmittags "
            "Praktikum in einer Pflegeeinrichtung oder einem Handwerksbetrieb. Betriebe und "
            "Pflegeschulen entwickeln die Inhalte mit; am Ende steht eine Sprachprüfung auf "
            "dem Niveau B2 mit Fachteil.",
        },
        {
            "key": "ka_learning_mentors",
            "title": "Lernpatenschaften für eritreische Familien",
            "field": "civic-engagement",
            "lead_org": "gemeinde_kassel",
            "partners": ["Freiwilligenzentrum Kassel"],
            "status": ProjectStatus.COMPLETED,
            "period": (-720, -180),
            "registered": -740,
            "budget": 24_000,
            "fundings": [
                ("foundation_north", FundingState.GRANTED, 12_000),
                ("state_together", FundingState.DECLINED, 18_000),
            ],
            "proposals": [],
            "description": "Ehrenamtliche Lernpatinnen und -paten begleiten Schulkinder aus "
            "eritreischen Familien einmal pro Woche bei Hausaufgaben und Lesen; die Gemeinde "
            "vermittelt und hält Kontakt zu den Eltern.",
            "results": "In eineinhalb Jahren haben 31 Patinnen und Paten 44 Kinder begleitet; "
            "alle Kinder der vierten Klassen sind in eine weiterführende Schule gewechselt. "
            "Das Freiwilligenzentrum führt die Vermittlung der Patenschaften weiter, die "
            "Gemeinde wirbt neue Patinnen und Paten.",
        },
    ],
    "wetzlar": [
        {
            "key": "wz_training",
            "title": "Interkulturelle Schulungen für das Bürgerbüro",
            "field": "intercultural-opening",
            "lead": "Stadt Wetzlar, Haupt- und Personalamt",
            "partner_orgs": ["moscheegemeinde"],
            "partners": ["Integrationsbüro der Stadt Wetzlar"],
            "status": ProjectStatus.RUNNING,
            "period": (-150, 215),
            "registered": -190,
            "budget": 42_000,
            "fundings": [("state_together", FundingState.GRANTED, 33_600)],
            "proposals": [],
            "description": "Alle Beschäftigten mit Publikumsverkehr besuchen zwei Schulungstage "
            "zu interkultureller Kommunikation und einfacher Sprache. Mitglieder der "
            "Islamischen Gemeinde berichten in jeder Schulung von ihren Erfahrungen mit der "
            "Verwaltung.",
        },
        {
            "key": "wz_neighbourhood_office",
            "title": "Stadtteilbüro Niedergirmes mit mehrsprachiger Sprechstunde",
            "field": "housing-neighbourhood",
            "lead": "Gemeinwesenarbeit Niedergirmes",
            "partner_orgs": ["moscheegemeinde"],
            "partners": ["Wetzlarer Wohnungsgesellschaft"],
            "status": ProjectStatus.RUNNING,
            "period": (-400, 330),
            "registered": -430,
            "budget": 210_000,
            "fundings": [("state_neighbourhood", FundingState.GRANTED, 150_000)],
            "proposals": [],
            "description": "Ein Büro im Quartier, viermal pro Woche geöffnet: Beratung zu Miete, "
            "Nebenkosten und Nachbarschaftskonflikten auf Deutsch, Türkisch, Arabisch und "
            "Russisch, ein offenes Café und Platz für Initiativen aus dem Stadtteil.",
        },
        {
            "key": "wz_parent_courses",
            "title": "Deutsch im Alltag für Eltern an Grundschulen",
            "field": "language-education",
            "lead_org": "moscheegemeinde",
            "partners": ["Grundschule Niedergirmes", "Volkshochschule Lahn-Dill"],
            "status": ProjectStatus.PLANNED,
            "period": (30, 300),
            "registered": -120,
            "budget": 31_000,
            "fundings": [("course_childcare", FundingState.APPLIED, 28_000)],
            "proposals": [],
            "description": "Zweimal pro Woche lernen Eltern in der Schule ihrer Kinder Deutsch, "
            "während die Kinder Unterricht haben. Themen sind Elternabend, Zeugnis, "
            "Krankmeldung und Schulweg.",
        },
    ],
    "wiesbaden": [
        {
            "key": "wi_health_pilots",
            "title": "Gesundheitslotsinnen und -lotsen für Neuzugewanderte",
            "field": "health-care",
            "lead": "Gesundheitsamt der Landeshauptstadt Wiesbaden",
            "partner_orgs": ["frauenverein"],
            "partners": ["Migrationsberatung Wiesbaden-West"],
            "status": ProjectStatus.PLANNED,
            "period": (30, 760),
            "registered": -28,
            "budget": 260_000,
            "fundings": [
                ("state_together", FundingState.GRANTED, 40_000),
                ("lottery", FundingState.APPLIED, 90_000),
            ],
            "proposals": ["Лоцмани здоровʼя для новоприбулих", "جلسات توعية صحية للنساء بلغتهن"],
            "description": "Zwanzig Ehrenamtliche werden in vier Modulen geschult und erklären "
            "Neuzugewanderten in ihrer Sprache, wie Hausarztpraxis, Überweisung und "
            "Krankenkasse funktionieren. Lotsinnen des Afghanischen Frauenvereins bieten "
            "Gesprächsrunden für Frauen an.",
        },
        {
            "key": "wi_mobile_welcome",
            "title": "Mobiler Willkommenspunkt in den Ortsbezirken",
            "field": "intercultural-opening",
            "lead": "Landeshauptstadt Wiesbaden, Amt für Zuwanderung und Integration",
            "partner_orgs": ["frauenverein"],
            "partners": ["Stadtbibliotheken Wiesbaden"],
            "status": ProjectStatus.RUNNING,
            "period": (-10, 355),
            "registered": -26,
            "budget": 85_000,
            "fundings": [("state_together", FundingState.GRANTED, 60_000)],
            "proposals": ["Mobiler Willkommenspunkt in den Ortsbezirken"],
            "description": "Ein Beratungsteam mit Lastenrad und Infostand macht jede Woche in "
            "einem anderen Ortsbezirk Station – Biebrich, Kastel, Schierstein – und berät zu "
            "Anmeldung, Kita, Schule und Sprachkursen, in Stadtteilzentren und Bibliotheken.",
        },
        {
            "key": "wi_interpreters",
            "title": "Sprachmittlerpool für Ämter und Beratungsstellen",
            "field": "intercultural-opening",
            "lead": "Dolmetscherdienst Rhein-Main e. V.",
            "partners": ["Landeshauptstadt Wiesbaden, Bürgerbüro"],
            "status": ProjectStatus.RUNNING,
            "period": (-200, 165),
            "registered": -360,
            "budget": 320_000,
            "fundings": [("eu_fund", FundingState.GRANTED, 240_000)],
            "proposals": [],
            "description": "Geschulte Sprachmittlerinnen und Sprachmittler in 18 Sprachen, "
            "buchbar für Termine in Ämtern und Beratungsstellen, vor Ort oder per Video.",
        },
        {
            "key": "wi_club_advice",
            "title": "Interkulturelle Vereinsberatung",
            "field": "civic-engagement",
            "lead": "Ehrenamtsagentur Wiesbaden",
            "partner_orgs": ["frauenverein"],
            "partners": ["Sportkreis Wiesbaden"],
            "status": ProjectStatus.COMPLETED,
            "period": (-600, -240),
            "registered": -620,
            "budget": 26_000,
            "fundings": [("lottery", FundingState.GRANTED, 18_000)],
            "proposals": [],
            "description": "Beratung für Vereinsvorstände, die neue Mitglieder mit "
            "Einwanderungsgeschichte gewinnen wollen: Ansprache, mehrsprachige Informationen, "
            "Tandems mit Migrantenorganisationen.",
            "results": "22 Vereine wurden beraten, 9 Tandems zwischen Vereinen und "
            "Migrantenorganisationen sind entstanden. Die Ehrenamtsagentur übernimmt die "
            "Beratung in ihr Regelangebot; die Erfahrungen fließen in die Beteiligung "
            "„Ehrenamt für alle“ ein.",
        },
    ],
    "hochtaunus": [
        {
            "key": "ht_housing_hours",
            "title": "Sprechstunde „Wohnen“ in den Gemeinschaftsunterkünften",
            "field": "housing-neighbourhood",
            "lead_org": "sozialwerk",
            "partner_orgs": ["frauenverein"],
            "partners": ["Kreisverwaltung Hochtaunus, Fachbereich Migration"],
            "status": ProjectStatus.PLANNED,
            "period": (20, 385),
            "registered": -9,
            "budget": 120_000,
            "fundings": [("state_neighbourhood", FundingState.APPLIED, 90_000)],
            "proposals": [
                "Sprechstunde „Wohnen“ direkt in den Gemeinschaftsunterkünften",
                "مشاوره مسکن به زبان فارسی و دری",
            ],
            "description": "Einmal pro Woche in den drei größten Unterkünften des Kreises: Hilfe "
            "bei Wohnungsanzeigen, Bewerbungsmappe, Wohnberechtigungsschein und Besichtigung. "
            "Eine Koordinatorin des Migrationsdienstes schult und begleitet die Ehrenamtlichen; "
            "in Bad Homburg und Oberursel auch auf Farsi und Dari.",
        },
        {
            "key": "ht_housing_guides",
            "title": "Wohnungslotsen-Netzwerk Hochtaunus",
            "field": "housing-neighbourhood",
            "lead": "Freiwilligenagentur Hochtaunus",
            "partner_orgs": ["sozialwerk"],
            "partners": [],
            "status": ProjectStatus.RUNNING,
            "period": (-300, 15),
            "registered": -420,
            "budget": 46_000,
            "fundings": [("lottery", FundingState.GRANTED, 35_000)],
            "proposals": [],
            "description": "Ehrenamtliche Wohnungslotsinnen und -lotsen begleiten Familien bei "
            "der Wohnungssuche und vermitteln zwischen Vermietenden und Mietenden.",
        },
        {
            "key": "ht_village_courses",
            "title": "Deutschkurse in kleinen Gemeinden – online und vor Ort",
            "field": "language-education",
            "lead": "Volkshochschule Hochtaunus",
            "partners": ["Stadt Usingen", "Gemeinde Neu-Anspach"],
            "status": ProjectStatus.IDEA,
            "period": (None, None),
            "registered": -8,
            "budget": None,
            "fundings": [],
            "proposals": ["Deutschkurse auch in kleinen Gemeinden"],
            "description": "Ein Probedurchgang: Unterricht online an drei Abenden, dazu ein "
            "Treffen pro Woche im Bürgerhaus, mit Leihgeräten für alle, die keinen Laptop "
            "haben.",
        },
        {
            "key": "ht_health_mediators",
            "title": "Gesundheitsmediatorinnen in Oberursel und Usingen",
            "field": "health-care",
            "lead_org": "sozialwerk",
            "partners": ["Gesundheitsamt des Hochtaunuskreises"],
            "status": ProjectStatus.COMPLETED,
            "period": (-800, -120),
            "registered": -820,
            "budget": 64_000,
            "fundings": [("lottery", FundingState.GRANTED, 48_000)],
            "proposals": [],
            "description": "Geschulte Mediatorinnen informieren in Sprachcafés und "
            "Unterkünften über Vorsorge, Impfungen und Hilfe in Notfällen.",
            "results": "14 Mediatorinnen in 8 Sprachen haben 96 Informationsrunden mit rund "
            "900 Teilnehmenden gehalten. Das Gesundheitsamt übernimmt zwei Stellen für die "
            "Koordination; die Runden laufen in Oberursel weiter.",
        },
    ],
    "offenbach": [
        {
            "key": "of_room_exchange",
            "title": "Raumbörse für Vereine und Initiativen",
            "field": "civic-engagement",
            "lead": "Stadt Offenbach am Main, Integrationsbüro",
            "partner_orgs": ["elternverein"],
            "partners": ["Staatliches Schulamt für Stadt und Kreis Offenbach"],
            "status": ProjectStatus.PLANNED,
            "period": (21, 386),
            "registered": -4,
            "budget": 38_000,
            "fundings": [("state_together", FundingState.GRANTED, 30_400)],
            "proposals": [
                "Dernekler için ücretsiz toplantı odaları",
                "Feste Ansprechperson für Vereine im Rathaus",
            ],
            "description": "Räume in Schulen, Jugendzentren und städtischen Gebäuden stehen "
            "abends und am Wochenende Vereinen und Initiativen offen, für eingetragene Vereine "
            "kostenlos. Gebucht wird online; eine feste Ansprechperson im Integrationsbüro "
            "kümmert sich um Schlüssel, Hausordnung und Fragen.",
        },
        {
            "key": "of_board_workshops",
            "title": "Vereinsakademie: Workshops für Vorstände",
            "field": "civic-engagement",
            "lead_org": "elternverein",
            "partners": ["Volkshochschule Offenbach"],
            "status": ProjectStatus.IDEA,
            "period": (None, None),
            "registered": -3,
            "budget": 15_000,
            "fundings": [("lottery", FundingState.APPLIED, 12_000)],
            "proposals": ["کارگاه آموزشی برای مسئولان انجمن‌ها"],
            "description": "Sechs Abende im Jahr zu Finanzen, Förderanträgen, Vereinsrecht und "
            "Öffentlichkeitsarbeit, mit Übersetzung ins Türkische, Arabische und Farsi.",
        },
        {
            "key": "of_parent_cafe",
            "title": "Elterncafé im Mathildenviertel",
            "field": "civic-engagement",
            "lead_org": "elternverein",
            "partners": ["Mathildenschule"],
            "status": ProjectStatus.COMPLETED,
            "period": (-500, -60),
            "registered": -520,
            "budget": 6_000,
            "fundings": [("offenbach_fund", FundingState.GRANTED, 4_500)],
            "proposals": [],
            "description": "Jeden zweiten Samstag ein Elterncafé mit Beratung zu Schule und "
            "Ausbildung auf Deutsch und Türkisch.",
            "results": "41 Treffen mit durchschnittlich 18 Eltern. Das Café läuft mit "
            "Spenden weiter; aus ihm ist die Idee der Vereinsakademie entstanden.",
        },
        {
            "key": "of_house_rules",
            "title": "Mehrsprachige Hausregeln und Nachbarschaftsmoderation",
            "field": "housing-neighbourhood",
            "lead": "Wohnungsbaugenossenschaft Mainufer",
            "partners": ["Stadt Offenbach am Main, Integrationsbüro"],
            "status": ProjectStatus.DISCONTINUED,
            "period": (-420, -150),
            "registered": -450,
            "budget": 95_000,
            "fundings": [("state_neighbourhood", FundingState.DECLINED, 80_000)],
            "proposals": [],
            "description": "Hausregeln in acht Sprachen und geschulte Moderatorinnen und "
            "Moderatoren für Konflikte in großen Wohnanlagen.",
            "results": "Eingestellt, nachdem die Förderung nicht bewilligt wurde. Die "
            "übersetzten Hausregeln hängen in den Häusern der Genossenschaft; die "
            "Nachbarschaftsmoderation wurde nicht begonnen.",
        },
    ],
    "main-kinzig-hanau": [
        {
            "key": "mk_parent_mentors",
            "title": "Elternmentorinnen und -mentoren an zehn Pilotschulen",
            "field": "language-education",
            "lead": "Main-Kinzig-Kreis und Stadt Hanau, Büro für Integration",
            "partner_orgs": ["elternverein", "hilfsnetzwerk"],
            "partners": ["Staatliches Schulamt"],
            "status": ProjectStatus.PLANNED,
            "period": (40, 770),
            "registered": -2,
            "budget": 190_000,
            "fundings": [
                ("state_together", FundingState.GRANTED, 70_000),
                ("eu_fund", FundingState.APPLIED, 150_000),
            ],
            "proposals": ["Rodzice-mentorzy w szkołach"],
            "description": "Eltern mit Einwanderungsgeschichte werden geschult und begleiten "
            "an zehn Pilotschulen andere Eltern: beim Elternabend, beim Gespräch mit der "
            "Lehrkraft und beim Übergang in die weiterführende Schule. Sie erhalten eine "
            "Aufwandsentschädigung.",
        },
        {
            "key": "mk_speed_dating",
            "title": "Ausbildungs-Speeddating mit Betrieben aus der Region",
            "field": "work-training",
            "lead": "Ausbildungsverbund Main-Kinzig",
            "partner_orgs": ["elternverein"],
            "partners": ["Industrie- und Handelskammer", "Kreishandwerkerschaft"],
            "status": ProjectStatus.PLANNED,
            "period": (60, 790),
            "registered": -2,
            "budget": 42_000,
            "fundings": [
                ("state_training", FundingState.DECLINED, 30_000),
                ("foundation_work", FundingState.GRANTED, 8_000),
            ],
            "proposals": [
                "Apprenticeship speed dating with local companies",
                "Velilere Türkçe meslek eğitimi bilgilendirme akşamları",
            ],
            "description": "Zweimal im Jahr treffen Jugendliche Betriebe zu zehnminütigen "
            "Gesprächen, mit Dolmetschung und einem Elternabend auf Türkisch, Arabisch und "
            "Ukrainisch vorab.",
        },
        {
            "key": "mk_school_letters",
            "title": "Elternbriefe in acht Sprachen und in einfacher Sprache",
            "field": "language-education",
            "lead": "Main-Kinzig-Kreis und Stadt Hanau, Büro für Integration",
            "partner_orgs": ["hilfsnetzwerk"],
            "partners": [],
            "status": ProjectStatus.PLANNED,
            "period": (None, None),
            "registered": -1,
            "budget": 22_000,
            "fundings": [("state_together", FundingState.APPLIED, 17_600)],
            "proposals": ["ترجمة رسائل المدرسة إلى لغات الأهل"],
            "description": "Vorlagen für die wichtigsten Elternbriefe – Einschulung, "
            "Elternabend, Zeugnisse, Übergang in die weiterführende Schule – in acht Sprachen "
            "und in einfacher Sprache, für alle Schulen des Kreises und der Stadt.",
        },
        {
            "key": "mk_summer_camps",
            "title": "Sommersprachcamps für ukrainische Schülerinnen und Schüler",
            "field": "language-education",
            "lead_org": "hilfsnetzwerk",
            "partners": ["Jugendbildungsstätte Main-Kinzig"],
            "status": ProjectStatus.COMPLETED,
            "period": (-400, -372),
            "registered": -470,
            "budget": 24_000,
            "fundings": [("foundation_work", FundingState.GRANTED, 18_000)],
            "proposals": [],
            "description": "Vier Wochen in den Sommerferien: Deutsch am Vormittag, Sport und "
            "Ausflüge am Nachmittag, vor dem Wechsel aus der Willkommensklasse in die "
            "Regelklasse.",
            "results": "38 Kinder haben teilgenommen; 31 sind nach den Ferien in eine "
            "Regelklasse gewechselt. Das Hilfsnetzwerk möchte die Camps jedes Jahr anbieten "
            "und sucht eine dauerhafte Finanzierung.",
        },
    ],
}

# --- action concepts --------------------------------------------------------------------------
# Per region its versions, oldest first. Version 1 lists its goals (each with its measures);
# later versions say what changed against the one before: "edit" (item key -> new values),
# "remove" (item keys), "add_goals" and "add_measures" (goal key -> measures). "published": days
# from loading (a version taking up proposals or projects is published after them); "draft": the
# version stays a draft, begun "started" days from loading (or after what it names), and is put
# up for comment in the region's consultation titled "offer_in".
# Timeframes may name years relative to the version: {y} its year, {y1} the next, {y2} the one
# after.

CONCEPTS = {
    "kassel": [
        {
            "published": -2,
            "note": "Erste Fassung des Handlungskonzepts der Modellregion Kassel. Sie nimmt "
            "erste Vorschläge aus der Beteiligung „Deutsch lernen und im Beruf ankommen“ auf.",
            "goals": [
                {
                    "key": "ka-lang",
                    "field": "language-education",
                    "title": "Sprachkurse erreichen auch Eltern kleiner Kinder",
                    "description": "Bis Ende {y1} kann jede Mutter und jeder Vater in Kassel "
                    "einen Integrationskurs besuchen, ohne selbst eine Betreuung organisieren zu "
                    "müssen.",
                    "measures": [
                        {
                            "key": "ka-childcare-groups",
                            "title": "Betreuungsgruppen in den Kursgebäuden",
                            "description": "Wo ein Kursgebäude geeignete Räume hat, betreut "
                            "eine Gruppe die Kinder während des Kurses, zuerst im "
                            "Stadtteilzentrum Wesertor.",
                            "responsible": "Volkshochschule Region Kassel mit dem Jugendamt",
                            "timeframe": "{y}–{y1}",
                            "status": MeasureStatus.PLANNED,
                            "proposals": ["Kinderbetreuung direkt im Kursgebäude"],
                            "projects": ["ka_course_childcare"],
                        },
                        {
                            "key": "ka-kita-places",
                            "title": "Kita-Plätze für Kinder von Eltern im Sprachkurs",
                            "description": "Das Jugendamt hält in der Nordstadt zehn Kita-Plätze "
                            "für Kinder von Eltern frei, die einen Integrationskurs besuchen.",
                            "responsible": "Jugendamt der Stadt Kassel",
                            "timeframe": "ab dem Kitajahr {y}/{y1}",
                            "status": MeasureStatus.PLANNED,
                            "proposals": ["Kita-Plätze für Kinder von Eltern im Sprachkurs"],
                            "projects": ["ka_course_childcare"],
                        },
                        {
                            "key": "ka-exam-dates",
                            "title": "Mehr Prüfungstermine für das Zertifikat B1",
                            "description": "Die Prüfzentren der Kursträger bieten jeden Monat "
                            "statt jedes Vierteljahr einen Prüfungstermin an.",
                            "responsible": "Prüfzentren der Kursträger",
                            "timeframe": "laufend",
                            "status": MeasureStatus.IN_PROGRESS,
                        },
                    ],
                },
                {
                    "key": "ka-work",
                    "field": "work-training",
                    "title": "Zugewanderte arbeiten schneller in ihrem erlernten Beruf",
                    "description": "Fachkräfte aus dem Ausland finden schneller eine Stelle, "
                    "die ihrer Ausbildung entspricht.",
                    "measures": [
                        {
                            "key": "ka-technical-language",
                            "title": "Fachsprachkurse mit Praktikum in Pflege und Handwerk",
                            "description": "Vormittags Fachsprache, nachmittags Praktikum; "
                            "Betriebe und Pflegeschulen entwickeln die Inhalte mit.",
                            "responsible": "Berufsbildungszentrum Nordhessen",
                            "timeframe": "Konzept {y}, erster Kurs {y1}",
                            "status": MeasureStatus.PLANNED,
                            "proposals": ["Fachsprachkurse für Pflege und Handwerk mit Praktikum"],
                            "projects": ["ka_technical_language"],
                        },
                        {
                            "key": "ka-recognition",
                            "title": "Eine Anlaufstelle für die Anerkennung von Abschlüssen",
                            "description": "Beratung zu allen Anerkennungsverfahren an einem "
                            "Ort, mit Terminen auf Arabisch, Tigrinya und Russisch. Die Stadt "
                            "prüft dazu einen Vorschlag aus der Beteiligung.",
                            "responsible": "Integrationsbüro mit der Agentur für Arbeit",
                            "timeframe": "Prüfung bis Ende {y}",
                            "status": MeasureStatus.PLANNED,
                        },
                    ],
                },
                {
                    "key": "ka-civic",
                    "field": "civic-engagement",
                    "title": "Migrantenorganisationen sind Partner der Stadt",
                    "description": "Was Migrantenorganisationen aufbauen, wird nicht nach dem "
                    "Projektende fallen gelassen.",
                    "measures": [
                        {
                            "key": "ka-learning-mentors",
                            "title": "Lernpatenschaften dauerhaft vermitteln",
                            "description": "Die Lernpatenschaften der Eritreischen Gemeinde "
                            "sind Teil des Regelangebots des Freiwilligenzentrums.",
                            "responsible": "Freiwilligenzentrum Kassel, Eritreische Gemeinde",
                            "timeframe": "seit {y}",
                            "status": MeasureStatus.DONE,
                            "projects": ["ka_learning_mentors"],
                        },
                    ],
                },
            ],
        },
    ],
    "wetzlar": [
        {
            "published": -95,
            "note": "Erste Fassung, beschlossen von der Steuerungsgruppe der Modellregion. Die "
            "Beteiligung „Ein Bürgerbüro für alle“ bereitet die nächste Fassung vor.",
            "goals": [
                {
                    "key": "wz-admin",
                    "field": "intercultural-opening",
                    "title": "Eine Verwaltung, die alle versteht",
                    "description": "Wer ins Rathaus kommt, wird verstanden und versteht, was "
                    "zu tun ist – in welcher Sprache auch immer.",
                    "measures": [
                        {
                            "key": "wz-training",
                            "title": "Interkulturelle Schulungen für alle Beschäftigten mit "
                            "Publikumsverkehr",
                            "description": "Zwei Schulungstage zu interkultureller "
                            "Kommunikation und einfacher Sprache für jede und jeden.",
                            "responsible": "Haupt- und Personalamt",
                            "timeframe": "{y}–{y1}",
                            "status": MeasureStatus.IN_PROGRESS,
                            "projects": ["wz_training"],
                        },
                        {
                            "key": "wz-citizens-office",
                            "title": "Das neue Bürgerbüro gemeinsam planen",
                            "description": "Bürgerinnen und Bürger, Migrantenorganisationen "
                            "und Beschäftigte planen in einer Beteiligung auf Mitreden mit, wie "
                            "das neue Bürgerbüro arbeitet: Öffnungszeiten, Sprachen, "
                            "Terminvergabe.",
                            "responsible": "Koordination der Modellregion",
                            "timeframe": "{y}–{y1}",
                            "status": MeasureStatus.PLANNED,
                        },
                    ],
                },
                {
                    "key": "wz-neighbourhood",
                    "field": "housing-neighbourhood",
                    "title": "Gute Nachbarschaft in Niedergirmes",
                    "description": "Im Stadtteil gibt es einen Ort für Fragen rund ums Wohnen "
                    "und für Begegnung.",
                    "measures": [
                        {
                            "key": "wz-office",
                            "title": "Stadtteilbüro mit mehrsprachiger Sprechstunde",
                            "description": "Beratung zu Miete, Nebenkosten und Konflikten auf "
                            "Deutsch, Türkisch, Arabisch und Russisch, dazu ein offenes Café.",
                            "responsible": "Gemeinwesenarbeit Niedergirmes",
                            "timeframe": "{y}–{y2}",
                            "status": MeasureStatus.IN_PROGRESS,
                            "projects": ["wz_neighbourhood_office"],
                        },
                    ],
                },
                {
                    "key": "wz-parents",
                    "field": "language-education",
                    "title": "Eltern lernen Deutsch dort, wo ihre Kinder lernen",
                    "description": "Eltern von Grundschulkindern finden einen Deutschkurs in "
                    "der Schule ihrer Kinder.",
                    "measures": [
                        {
                            "key": "wz-parent-courses",
                            "title": "Elternkurse an Grundschulen",
                            "description": "Zweimal pro Woche Deutsch für Eltern, während die "
                            "Kinder Unterricht haben, zuerst an der Grundschule Niedergirmes.",
                            "responsible": "Islamische Gemeinde am Lahnufer mit der "
                            "Volkshochschule",
                            "timeframe": "ab dem Schuljahr {y}/{y1}",
                            "status": MeasureStatus.PLANNED,
                            "projects": ["wz_parent_courses"],
                        },
                    ],
                },
            ],
        },
    ],
    "wiesbaden": [
        {
            "published": -330,
            "note": "Erste Fassung zum Start der Modellregion.",
            "goals": [
                {
                    "key": "wi-health",
                    "field": "health-care",
                    "title": "Neuzugewanderte finden sich im Gesundheitssystem zurecht",
                    "description": "Wer neu in Wiesbaden ist, weiß, wohin er oder sie sich bei "
                    "Krankheit wenden kann.",
                    "measures": [
                        {
                            "key": "wi-health-info",
                            "title": "Mehrsprachige Informationen zum Gesundheitssystem",
                            "description": "Ein Faltblatt und eine Webseite in zehn Sprachen: "
                            "Hausarztpraxis, Notfall, Krankenkasse.",
                            "responsible": "Gesundheitsamt",
                            "timeframe": "{y}–{y1}",
                            "status": MeasureStatus.PLANNED,
                        },
                        {
                            "key": "wi-health-mediators",
                            "title": "Gesundheitsmediatorinnen ausbilden",
                            "description": "Frauen aus den Communities informieren in ihren "
                            "Sprachen über Vorsorge und Impfungen.",
                            "responsible": "Gesundheitsamt",
                            "timeframe": "{y1}",
                            "status": MeasureStatus.PLANNED,
                        },
                    ],
                },
                {
                    "key": "wi-admin",
                    "field": "intercultural-opening",
                    "title": "Verwaltung ohne Sprachbarrieren",
                    "description": "Termine in Ämtern und Beratungsstellen scheitern nicht an "
                    "der Sprache.",
                    "measures": [
                        {
                            "key": "wi-interpreters",
                            "title": "Sprachmittlerpool für Ämter und Beratungsstellen",
                            "description": "Sprachmittlerinnen und Sprachmittler in vielen "
                            "Sprachen, buchbar für Termine in Ämtern und Beratungsstellen.",
                            "responsible": "Amt für Zuwanderung und Integration",
                            "timeframe": "{y}–{y2}",
                            "status": MeasureStatus.IN_PROGRESS,
                            "projects": ["wi_interpreters"],
                        },
                    ],
                },
                {
                    "key": "wi-clubs",
                    "field": "civic-engagement",
                    "title": "Vereine öffnen sich für alle",
                    "description": "Vereine gewinnen Mitglieder mit Einwanderungsgeschichte, "
                    "auch in ihren Vorständen.",
                    "measures": [
                        {
                            "key": "wi-club-advice",
                            "title": "Beratung für Vereine zur interkulturellen Öffnung",
                            "description": "Die Ehrenamtsagentur berät Vorstände und vermittelt "
                            "Tandems mit Migrantenorganisationen.",
                            "responsible": "Ehrenamtsagentur",
                            "timeframe": "bis {y1}",
                            "status": MeasureStatus.IN_PROGRESS,
                            "projects": ["wi_club_advice"],
                        },
                    ],
                },
            ],
        },
        {
            "published": -20,
            "note": "Zweite Fassung: Sie nimmt Vorschläge aus der Beteiligung „Gut ankommen in "
            "Wiesbaden“ auf – Gesundheitslotsen und einen mobilen Willkommenspunkt. Die "
            "Gesundheitsmediatorinnen gehen im Lotsenprogramm auf.",
            "edit": {
                "wi-health-info": {
                    "description": "Ein Faltblatt und eine Webseite in zehn Sprachen: "
                    "Hausarztpraxis, Notfall, Krankenkasse. Die Webseite ist online, das "
                    "Faltblatt wird gedruckt.",
                    "status": MeasureStatus.IN_PROGRESS,
                },
                "wi-interpreters": {
                    "description": "Sprachmittlerinnen und Sprachmittler in vielen Sprachen, "
                    "buchbar für Termine in Ämtern und Beratungsstellen, vor Ort oder per "
                    "Video. Im Bürgerbüro und in der Ausländerbehörde lässt sich ein Termin "
                    "mit Dolmetschung online buchen.",
                    "proposals": ["Bürgerbüro randevularında görüntülü tercüman desteği"],
                },
                "wi-club-advice": {
                    "description": "Die Ehrenamtsagentur berät Vorstände und vermittelt "
                    "Tandems mit Migrantenorganisationen. Die Beratung gehört jetzt zu ihrem "
                    "Regelangebot.",
                    "status": MeasureStatus.DONE,
                },
            },
            "remove": ["wi-health-mediators"],
            "add_measures": {
                "wi-health": [
                    {
                        "key": "wi-health-pilots",
                        "title": "Gesundheitslotsinnen und -lotsen für Neuzugewanderte",
                        "description": "Geschulte Ehrenamtliche erklären das Gesundheitssystem "
                        "in ihren Sprachen und begleiten bei Bedarf zu Terminen. Lotsinnen "
                        "bieten Gesprächsrunden für Frauen in ihrer Sprache an.",
                        "responsible": "Gesundheitsamt mit dem Afghanischen Frauenverein",
                        "timeframe": "{y}–{y2}",
                        "status": MeasureStatus.PLANNED,
                        "proposals": [
                            "Лоцмани здоровʼя для новоприбулих",
                            "جلسات توعية صحية للنساء بلغتهن",
                        ],
                        "projects": ["wi_health_pilots"],
                    },
                ],
                "wi-admin": [
                    {
                        "key": "wi-mobile-welcome",
                        "title": "Mobiler Willkommenspunkt in den Ortsbezirken",
                        "description": "Jede Woche in einem anderen Ortsbezirk: erste Beratung "
                        "zu Anmeldung, Kita, Schule und Sprachkursen.",
                        "responsible": "Amt für Zuwanderung und Integration",
                        "timeframe": "Pilotjahr {y}/{y1}",
                        "status": MeasureStatus.IN_PROGRESS,
                        "proposals": ["Mobiler Willkommenspunkt in den Ortsbezirken"],
                        "projects": ["wi_mobile_welcome"],
                    },
                ],
            },
        },
    ],
    "hochtaunus": [
        {
            "published": -400,
            "note": "Erste Fassung des Handlungskonzepts des Hochtaunuskreises.",
            "goals": [
                {
                    "key": "ht-housing",
                    "field": "housing-neighbourhood",
                    "title": "Zugewanderte finden Wohnungen und Anschluss in der Nachbarschaft",
                    "description": "Familien ziehen schneller aus den Gemeinschaftsunterkünften "
                    "in eigene Wohnungen und finden Kontakt in ihrer Gemeinde.",
                    "measures": [
                        {
                            "key": "ht-housing-guides",
                            "title": "Wohnungslotsen-Netzwerk aufbauen",
                            "description": "Ehrenamtliche begleiten Familien bei der "
                            "Wohnungssuche.",
                            "responsible": "Freiwilligenagentur Hochtaunus",
                            "timeframe": "{y}–{y1}",
                            "status": MeasureStatus.PLANNED,
                            "projects": ["ht_housing_guides"],
                        },
                        {
                            "key": "ht-meeting-places",
                            "title": "Offene Nachbarschaftstreffs in Bürgerhäusern",
                            "description": "Einmal pro Woche Kaffee, Beratung und Spiele für "
                            "Kinder in den Bürgerhäusern der Gemeinden.",
                            "responsible": "Städte und Gemeinden des Kreises",
                            "timeframe": "ab {y1}",
                            "status": MeasureStatus.PLANNED,
                        },
                        {
                            "key": "ht-housing-portal",
                            "title": "Mehrsprachige Wohnungsbörse im Internet",
                            "description": "Eine Plattform, auf der Vermietende Wohnungen für "
                            "Familien aus den Unterkünften anbieten.",
                            "responsible": "Kreisverwaltung, Fachbereich Migration",
                            "timeframe": "{y1}",
                            "status": MeasureStatus.PLANNED,
                        },
                    ],
                },
                {
                    "key": "ht-health",
                    "field": "health-care",
                    "title": "Gesundheitsinformation in vielen Sprachen",
                    "description": "Zugewanderte kennen Vorsorge, Impfungen und Hilfe im Notfall.",
                    "measures": [
                        {
                            "key": "ht-health-mediators",
                            "title": "Gesundheitsmediatorinnen in Oberursel und Usingen",
                            "description": "Geschulte Mediatorinnen informieren in "
                            "Sprachcafés und Unterkünften.",
                            "responsible": "Taunus-Sozialwerk mit dem Gesundheitsamt",
                            "timeframe": "bis {y1}",
                            "status": MeasureStatus.IN_PROGRESS,
                            "projects": ["ht_health_mediators"],
                        },
                    ],
                },
            ],
        },
        {
            "published": -115,
            "note": "Zweite Fassung: Das Wohnungslotsen-Netzwerk arbeitet, die "
            "Gesundheitsmediatorinnen sind abgeschlossen. Die Wohnungsbörse entfällt; ihre "
            "Aufgabe übernehmen die Wohnungslotsen. Neu ist das Ziel „Deutsch lernen im ganzen "
            "Kreis“.",
            "edit": {
                "ht-housing-guides": {
                    "description": "Ehrenamtliche begleiten Familien bei der Wohnungssuche "
                    "und vermitteln zwischen Vermietenden und Mietenden.",
                    "status": MeasureStatus.IN_PROGRESS,
                },
                "ht-meeting-places": {
                    "description": "Einmal pro Woche Kaffee, Hausaufgabenhilfe, Beratung und "
                    "Spiele für Kinder in den Bürgerhäusern der Gemeinden.",
                    "timeframe": "{y}–{y1}",
                },
                "ht-health-mediators": {
                    "description": "Geschulte Mediatorinnen informieren in Sprachcafés und "
                    "Unterkünften. Das Gesundheitsamt führt die Runden in Oberursel weiter.",
                    "status": MeasureStatus.DONE,
                },
            },
            "remove": ["ht-housing-portal"],
            "add_goals": [
                {
                    "key": "ht-language",
                    "field": "language-education",
                    "title": "Deutsch lernen im ganzen Kreis",
                    "description": "Auch wer in einer kleinen Gemeinde wohnt, erreicht einen "
                    "Deutschkurs ohne lange Wege.",
                    "measures": [
                        {
                            "key": "ht-village-courses",
                            "title": "Kursangebote in kleinen Gemeinden",
                            "description": "Die Volkshochschule prüft, wie Kurse auch in "
                            "Gemeinden ohne eigenes Kursangebot möglich werden.",
                            "responsible": "Volkshochschule Hochtaunus",
                            "timeframe": "Prüfung {y}",
                            "status": MeasureStatus.PLANNED,
                        },
                    ],
                },
            ],
        },
        {
            "draft": True,
            "started": -10,
            "offer_in": "Wohnen und Nachbarschaft: Wohnraumberatung und Treffpunkte im Kreis",
            "edit": {
                "ht-housing-guides": {
                    "description": "Ehrenamtliche begleiten Familien bei der Wohnungssuche "
                    "und vermitteln zwischen Vermietenden und Mietenden. Das Netzwerk arbeitet "
                    "künftig mit der Sprechstunde „Wohnen“ zusammen.",
                },
                "ht-village-courses": {
                    "description": "Ein Probedurchgang mit Unterricht online und einem Treffen "
                    "pro Woche vor Ort, zuerst in Usingen und Neu-Anspach.",
                    "timeframe": "Probedurchgang {y}/{y1}",
                    "proposals": ["Deutschkurse auch in kleinen Gemeinden"],
                    "projects": ["ht_village_courses"],
                },
            },
            "add_measures": {
                "ht-housing": [
                    {
                        "key": "ht-housing-hours",
                        "title": "Sprechstunde „Wohnen“ in den Gemeinschaftsunterkünften",
                        "description": "Einmal pro Woche in den drei größten Unterkünften: "
                        "Hilfe bei Wohnungsanzeigen, Bewerbungsmappe und "
                        "Wohnberechtigungsschein. In Bad Homburg und Oberursel auch auf Farsi "
                        "und Dari.",
                        "responsible": "Migrationsdienst des Taunus-Sozialwerks mit dem Kreis",
                        "timeframe": "{y}–{y1}",
                        "status": MeasureStatus.PLANNED,
                        "proposals": [
                            "Sprechstunde „Wohnen“ direkt in den Gemeinschaftsunterkünften",
                            "مشاوره مسکن به زبان فارسی و دری",
                        ],
                        "projects": ["ht_housing_hours"],
                    },
                ],
            },
            # (item key, person, organisation key or None, language, stance, text)
            "comments": [
                (
                    "ht-housing-hours",
                    "farida",
                    None,
                    "fa",
                    "in_favour",
                    "خیلی خوب است که مشاوره به فارسی و دری هم هست. لطفاً ساعت‌ها را طوری بگذارید "
                    "که مادرانی که بچهٔ کوچک دارند هم بتوانند بیایند، مثلاً صبح‌ها وقتی بچه‌ها "
                    "در مهدکودک هستند.",
                ),
                (
                    "ht-housing-hours",
                    "claudia",
                    "sozialwerk",
                    "de",
                    "in_favour",
                    "Der Migrationsdienst übernimmt die Sprechstunde gern. Damit sie verlässlich "
                    "stattfindet, braucht es neben den Ehrenamtlichen eine halbe "
                    "Koordinationsstelle über die ganze Laufzeit. Bitte nehmen Sie das in die "
                    "Beschreibung der Maßnahme auf.",
                ),
                (
                    "ht-meeting-places",
                    "sabine",
                    None,
                    "de",
                    "neutral",
                    "Die Treffs in den Bürgerhäusern stehen jetzt in der dritten Fassung als "
                    "„geplant“ im Konzept. Gibt es schon eine Gemeinde, die anfängt? In "
                    "Friedrichsdorf wären einige von uns bereit, einen Treff ehrenamtlich zu "
                    "begleiten.",
                ),
            ],
        },
    ],
    "offenbach": [
        {
            "published": -2,
            "note": "Erste Fassung. Sie nimmt Vorschläge aus der laufenden Beteiligung „Mehr "
            "Stimme für Migrantenorganisationen“ auf.",
            "goals": [
                {
                    "key": "of-voice",
                    "field": "civic-engagement",
                    "title": "Migrantenorganisationen haben Raum und Stimme in der Stadt",
                    "description": "Vereine und Initiativen finden Räume, Ansprechpersonen "
                    "und Unterstützung für ihre Arbeit.",
                    "measures": [
                        {
                            "key": "of-room-exchange",
                            "title": "Raumbörse für Vereine und Initiativen",
                            "description": "Räume in Schulen, Jugendzentren und städtischen "
                            "Gebäuden abends und am Wochenende, für eingetragene Vereine "
                            "kostenlos, online zu buchen.",
                            "responsible": "Integrationsbüro",
                            "timeframe": "{y}–{y1}",
                            "status": MeasureStatus.PLANNED,
                            "proposals": ["Dernekler için ücretsiz toplantı odaları"],
                            "projects": ["of_room_exchange"],
                        },
                        {
                            "key": "of-contact-person",
                            "title": "Feste Ansprechperson für Vereine im Integrationsbüro",
                            "description": "Eine Person im Integrationsbüro ist für Vereine "
                            "und Migrantenorganisationen zuständig und betreut die Raumbörse.",
                            "responsible": "Integrationsbüro",
                            "timeframe": "ab {y1}",
                            "status": MeasureStatus.PLANNED,
                            "proposals": ["Feste Ansprechperson für Vereine im Rathaus"],
                            "projects": ["of_room_exchange"],
                        },
                        {
                            "key": "of-board-workshops",
                            "title": "Workshops für Vereinsvorstände",
                            "description": "Finanzen, Förderanträge, Vereinsrecht – mit "
                            "Übersetzung in die Sprachen der Vereine.",
                            "responsible": "Türkisch-Deutscher Elternverein mit der "
                            "Volkshochschule",
                            "timeframe": "{y1}",
                            "status": MeasureStatus.PLANNED,
                            "proposals": ["کارگاه آموزشی برای مسئولان انجمن‌ها"],
                            "projects": ["of_board_workshops"],
                        },
                    ],
                },
                {
                    "key": "of-small-projects",
                    "field": "civic-engagement",
                    "title": "Kleine Projekte im Stadtteil werden schnell gefördert",
                    "description": "Gute Ideen scheitern nicht an kleinen Beträgen oder "
                    "komplizierten Anträgen.",
                    "measures": [
                        {
                            "key": "of-open-fund",
                            "title": "Den Kleinen Vielfaltsfonds für Initiativen öffnen",
                            "description": "Auch Initiativen ohne eingetragenen Verein können "
                            "beantragen; das Formular gibt es in vier Sprachen, entschieden wird "
                            "viermal im Jahr.",
                            "responsible": "Integrationsbüro, Beirat des Vielfaltsfonds",
                            "timeframe": "ab der nächsten Vergaberunde",
                            "status": MeasureStatus.IN_PROGRESS,
                            "proposals": [
                                "A small fund for neighbourhood projects of migrant groups"
                            ],
                            "projects": ["of_parent_cafe"],
                        },
                    ],
                },
                {
                    "key": "of-housing",
                    "field": "housing-neighbourhood",
                    "title": "Gute Nachbarschaft in großen Wohnanlagen",
                    "description": "Konflikte im Haus werden früh und in der Sprache der "
                    "Beteiligten besprochen.",
                    "measures": [
                        {
                            "key": "of-house-rules",
                            "title": "Mehrsprachige Hausregeln und Nachbarschaftsmoderation",
                            "description": "Die Förderung wurde nicht bewilligt; die "
                            "Nachbarschaftsmoderation wird nicht weiterverfolgt. Die übersetzten "
                            "Hausregeln bleiben in Gebrauch.",
                            "responsible": "Wohnungsbaugenossenschaft Mainufer",
                            "timeframe": "–",
                            "status": MeasureStatus.DROPPED,
                            "projects": ["of_house_rules"],
                        },
                    ],
                },
            ],
        },
    ],
    "main-kinzig-hanau": [
        {
            "published": -1,
            "note": "Erste Fassung. Sie nimmt die Ergebnisse der Beteiligung „Schule, Eltern, "
            "Ausbildung: Übergänge gemeinsam gestalten“ auf.",
            "goals": [
                {
                    "key": "mk-school",
                    "field": "language-education",
                    "title": "Eltern begleiten ihre Kinder sicher durch die Schule",
                    "description": "Eltern verstehen, was die Schule von ihnen erwartet, und "
                    "können bei allen wichtigen Entscheidungen mitreden.",
                    "measures": [
                        {
                            "key": "mk-parent-mentors",
                            "title": "Elternmentorinnen und -mentoren an zehn Pilotschulen",
                            "description": "Geschulte Eltern begleiten andere Eltern beim "
                            "Elternabend, beim Gespräch mit der Lehrkraft und beim Übergang in "
                            "die weiterführende Schule.",
                            "responsible": "Büro für Integration mit dem Staatlichen Schulamt",
                            "timeframe": "Schuljahre {y}/{y1} und {y1}/{y2}",
                            "status": MeasureStatus.PLANNED,
                            "proposals": ["Rodzice-mentorzy w szkołach"],
                            "projects": ["mk_parent_mentors"],
                        },
                        {
                            "key": "mk-school-letters",
                            "title": "Elternbriefe in acht Sprachen und in einfacher Sprache",
                            "description": "Vorlagen für die wichtigsten Elternbriefe für "
                            "alle Schulen; eine App mit automatischer Übersetzung folgt erst "
                            "mit einer landesweiten Lösung.",
                            "responsible": "Büro für Integration",
                            "timeframe": "{y}",
                            "status": MeasureStatus.PLANNED,
                            "proposals": ["ترجمة رسائل المدرسة إلى لغات الأهل"],
                            "projects": ["mk_school_letters"],
                        },
                    ],
                },
                {
                    "key": "mk-newcomers",
                    "field": "language-education",
                    "title": "Neu zugewanderte Kinder kommen gut in der Regelklasse an",
                    "description": "Der Wechsel aus der Willkommensklasse gelingt ohne "
                    "Sprachlücken.",
                    "measures": [
                        {
                            "key": "mk-summer-camps",
                            "title": "Sommersprachcamps vor dem Wechsel in die Regelklasse",
                            "description": "Nach dem erfolgreichen Probedurchgang jedes Jahr "
                            "in den Sommerferien, sobald eine dauerhafte Finanzierung gefunden "
                            "ist.",
                            "responsible": "Ukrainisches Hilfsnetzwerk Hanau",
                            "timeframe": "jährlich ab {y1}",
                            "status": MeasureStatus.PLANNED,
                            "projects": ["mk_summer_camps"],
                        },
                    ],
                },
                {
                    "key": "mk-training",
                    "field": "work-training",
                    "title": "Jugendliche finden den Weg in die Ausbildung",
                    "description": "Jugendliche und ihre Eltern kennen die Ausbildungsberufe "
                    "und die Betriebe der Region.",
                    "measures": [
                        {
                            "key": "mk-speed-dating",
                            "title": "Ausbildungs-Speeddating zweimal im Jahr",
                            "description": "Zehnminütige Gespräche mit Betrieben, mit "
                            "Dolmetschung; vorab ein Elternabend in mehreren Sprachen.",
                            "responsible": "Ausbildungsverbund Main-Kinzig",
                            "timeframe": "ab {y1}",
                            "status": MeasureStatus.PLANNED,
                            "proposals": ["Apprenticeship speed dating with local companies"],
                            "projects": ["mk_speed_dating"],
                        },
                        {
                            "key": "mk-parent-evenings",
                            "title": "Infoabende zur Ausbildung für Eltern in ihrer Sprache",
                            "description": "Abende auf Türkisch, Arabisch und Ukrainisch über "
                            "das duale Ausbildungssystem.",
                            "responsible": "Türkisch-Deutscher Elternverein mit der Agentur "
                            "für Arbeit",
                            "timeframe": "seit {y}",
                            "status": MeasureStatus.DONE,
                            "proposals": ["Velilere Türkçe meslek eğitimi bilgilendirme akşamları"],
                        },
                    ],
                },
            ],
        },
    ],
}


# --- loading ----------------------------------------------------------------------------------


def load_demo_transparency() -> int:
    """Create the missing programmes, projects and concepts; return how many records."""
    now = clock.utcnow_naive()
    today = clock.now().astimezone(BERLIN).date()
    regions = {region.slug: region for region in db.session.scalars(db.select(Region))}
    fields = {item.slug: item for item in db.session.scalars(db.select(FieldOfAction))}
    people = _people()
    organisations = _organisations()
    rng = random.Random("programmes")  # noqa: S311 (demo dates, not security)
    created = _create_missing_programmes(regions, fields, Context(today, now, people, rng))
    programmes = _programmes()
    for slug in dict.fromkeys([*PROJECTS, *CONCEPTS]):
        region = regions.get(slug)
        if region is None:
            continue
        # Seeded by the region: the same region gets the same spread of dates every time.
        rng = random.Random(f"transparency {slug}")  # noqa: S311 (demo dates, not security)
        ctx = Context(today, now, people, rng, organisations)
        created += _create_missing_projects(region, fields, programmes, ctx)
        created += _create_concept(region, fields, ctx)
    db.session.commit()
    return created


def _not_after(moment: datetime, ctx: Context, minutes: int) -> datetime:
    """`moment`, but at least `minutes` before now (earlier steps keep a larger margin, so
    what follows them still fits before now)."""
    return min(moment, ctx.now - timedelta(minutes=minutes))


# --- programmes -------------------------------------------------------------------------------


def _programmes() -> dict[str, FundingProgramme]:
    """The demo programmes that exist, by key (found by name)."""
    keys = {data["name"]: data["key"] for data in PROGRAMMES}
    found = db.session.scalars(
        db.select(FundingProgramme).where(FundingProgramme.name.in_(list(keys)))
    )
    return {keys[programme.name]: programme for programme in found}


def _create_missing_programmes(regions: dict, fields: dict, ctx: Context) -> int:
    existing = set(db.session.scalars(db.select(FundingProgramme.name)))
    created = 0
    for data in PROGRAMMES:
        if data["name"] in existing:
            continue
        added = _not_after(ctx.during(data["added"]), ctx, 60)
        low, high = data["amount"]
        programme = FundingProgramme(
            name=data["name"],
            funder_level=data["level"],
            funder=data["funder"],
            all_regions=data["regions"] is None,
            regions=[regions[slug] for slug in data["regions"] or [] if slug in regions],
            fields_of_action=[fields[slug] for slug in data["fields"] if slug in fields],
            target_groups=data["target_groups"],
            amount_min=low,
            amount_max=high,
            co_funding_percent=data["co_funding"],
            status=data["status"],
            url=data["url"],
            contact=data["contact"],
            description=data["description"],
            created_by_id=ctx.person_id(data["by"]),
            created_at=added,
            updated_at=added,
            deadlines=[
                ProgrammeDeadline(
                    due_on=ctx.today + timedelta(days=offset), recurrence=recurrence, label=label
                )
                for offset, recurrence, label in data["deadlines"]
            ],
        )
        programme.refresh_search_key()
        db.session.add(programme)
        created += 1 + len(programme.deadlines)
    db.session.flush()
    return created


# --- proposals taken up -----------------------------------------------------------------------


def _taken_up(region: Region, titles: list[str], ctx: Context) -> tuple[list[Proposal], int]:
    """The region's published proposals with these titles (missing ones are left out), each
    with an official answer: the one of ANSWERS when it has none yet. Returns the proposals
    and how many answers were added."""
    if not titles:
        return [], 0
    found = db.session.scalars(
        db.select(Proposal)
        .join(Consultation, Consultation.id == Proposal.consultation_id)
        .where(
            Consultation.region_id == region.id,
            Proposal.title.in_(titles),
            Proposal.moderation_state == ModerationState.PUBLISHED,
            Proposal.status != ProposalStatus.WITHDRAWN,
        )
    ).all()
    by_title = {proposal.title: proposal for proposal in found}
    answers = {title: (status, text) for title, status, text in ANSWERS.get(region.slug, [])}
    added = 0
    for proposal in by_title.values():
        if proposal.responses or proposal.title not in answers:
            continue
        status, text = answers[proposal.title]
        since = proposal.edited_at or proposal.created_at
        voting = proposal.consultation.phase("voting")
        if voting is not None and voting.ends_at <= ctx.now:
            since = max(since, voting.ends_at)
        answered = ctx.moments(since + timedelta(days=1), since + timedelta(days=3), 1)[0]
        answered = max(_not_after(answered, ctx, 60), since + timedelta(minutes=1))
        coordinator = REGION_COORDINATORS.get(region.slug)
        proposal.responses.append(
            OfficialResponse(
                author_id=ctx.person_id(coordinator) if coordinator else None,
                status=status,
                body=text,
                created_at=answered,
            )
        )
        proposal.status = status
        proposal.updated_at = max(proposal.updated_at, answered)
        added += 1
    db.session.flush()
    return [by_title[title] for title in titles if title in by_title], added


def _answered(proposals: list[Proposal]) -> datetime | None:
    """When the last of these proposals got its latest answer (or was written, if none)."""
    moments = [
        max((response.created_at for response in p.responses), default=p.created_at)
        for p in proposals
    ]
    return max(moments, default=None)


# --- projects ---------------------------------------------------------------------------------


def _projects(region: Region) -> dict[str, ProjectApproach]:
    """The region's demo projects that exist, by key (found by title)."""
    keys = {data["title"]: data["key"] for data in PROJECTS.get(region.slug, [])}
    found = db.session.scalars(
        db.select(ProjectApproach).where(
            ProjectApproach.region_id == region.id, ProjectApproach.title.in_(list(keys))
        )
    )
    return {keys[project.title]: project for project in found}


def _directory_entry(key: str, ctx: Context):
    """(organisation, name): a verified organisation of the directory, or else its name as
    free text (only verified organisations are named as lead or partner)."""
    organisation = ctx.organisations.get(key)
    if organisation is not None and organisation.status == "verified":
        return organisation, ""
    names = {data["key"]: data["name"] for data in DEMO_ORGANISATIONS}
    return None, names.get(key, "")


def _create_missing_projects(region: Region, fields: dict, programmes: dict, ctx: Context) -> int:
    existing = _projects(region)
    created = 0
    for data in PROJECTS.get(region.slug, []):
        if data["key"] not in existing:
            created += _create_project(data, region, fields, programmes, ctx)
    db.session.flush()
    return created


def _create_project(data, region: Region, fields: dict, programmes: dict, ctx: Context) -> int:
    proposals, created = _taken_up(region, data["proposals"], ctx)
    registered = ctx.during(data["registered"])
    answered = _answered(proposals)
    if answered is not None:
        registered = max(registered, answered + timedelta(hours=20))
    registered = _not_after(registered, ctx, 40)
    updated = registered
    start, end = data["period"]
    starts_on = ctx.today + timedelta(days=start) if start is not None else None
    ends_on = ctx.today + timedelta(days=end) if end is not None else None
    if data["status"] in (ProjectStatus.COMPLETED, ProjectStatus.DISCONTINUED) and ends_on:
        # The results were entered the working day after the project ended.
        updated = max(registered, _not_after(ctx.during(end + 1), ctx, 40))
    lead, lead_name = (None, data.get("lead", ""))
    if "lead_org" in data:
        lead, lead_name = _directory_entry(data["lead_org"], ctx)
    partners = [
        ProjectPartner(organisation=organisation, name=name)
        for organisation, name in (
            [_directory_entry(key, ctx) for key in data.get("partner_orgs", [])]
            + [(None, name) for name in data.get("partners", [])]
        )
        if organisation is not None or name
    ]
    project = ProjectApproach(
        region=region,
        title=data["title"],
        description=data["description"],
        language="de",
        field_of_action=fields.get(data["field"]),
        lead_organisation=lead,
        lead_name=lead_name,
        budget=data["budget"],
        starts_on=starts_on,
        ends_on=ends_on,
        status=data["status"],
        results_summary=data.get("results", ""),
        created_by_id=ctx.person_id(REGION_COORDINATORS.get(region.slug, "admin")),
        created_at=registered,
        updated_at=updated,
        partners=partners,
        fundings=[
            ProjectFunding(programme=programmes[key], state=state, amount=amount)
            for key, state, amount in data["fundings"]
            if key in programmes
        ],
        proposals=proposals,
    )
    project.refresh_search_key()
    db.session.add(project)
    return created + 1 + len(project.partners) + len(project.fundings)


# --- action concepts --------------------------------------------------------------------------


def _create_concept(region: Region, fields: dict, ctx: Context) -> int:
    """The region's concept with all its versions, unless it has any version already."""
    versions = CONCEPTS.get(region.slug)
    if not versions or db.session.scalar(
        db.select(ConceptVersion.id).where(ConceptVersion.region_id == region.id).limit(1)
    ):
        return 0
    projects = _projects(region)
    created = 0
    goals: list[dict] = []
    previous: datetime | None = None
    for number, spec in enumerate(versions, start=1):
        goals = spec["goals"] if number == 1 else _changed(goals, spec)
        titles = [title for measure in _measures(goals) for title in measure.get("proposals", [])]
        proposals, answers = _taken_up(region, list(dict.fromkeys(titles)), ctx)
        created += answers
        by_title = {proposal.title: proposal for proposal in proposals}
        # The version follows the one before it, the answers and the projects it names.
        moment = ctx.during(spec["published"] if "published" in spec else spec["started"])
        linked = [_answered(proposals)] + [
            projects[key].created_at
            for measure in _measures(goals)
            for key in measure.get("projects", [])
            if key in projects
        ]
        after = [value + timedelta(hours=6) for value in linked if value is not None]
        if previous is not None:
            after.append(previous + timedelta(days=1))
        moment = _not_after(max([moment, *after]), ctx, 20)
        goals = _with_years(goals, moment)
        version, count = _create_version(region, number, spec, goals, moment, previous, ctx)
        created += count + _add_items(version, goals, fields, by_title, projects)
        if spec.get("draft"):
            created += _offer_for_comment(region, version, spec, moment, ctx)
        previous = moment
    return created


def _changed(goals: list[dict], spec: dict) -> list[dict]:
    """The goals of the version before with this version's edits, removals and additions."""
    goals = deepcopy(goals)
    removed = set(spec.get("remove", []))
    for goal in goals:
        goal["measures"] = [m for m in goal["measures"] if m["key"] not in removed]
    goals = [goal for goal in goals if goal["key"] not in removed]
    for item in [*goals, *_measures(goals)]:
        item.update(deepcopy(spec.get("edit", {}).get(item["key"], {})))
    for goal in goals:
        goal["measures"].extend(deepcopy(spec.get("add_measures", {}).get(goal["key"], [])))
    return goals + deepcopy(spec.get("add_goals", []))


def _measures(goals: list[dict]) -> list[dict]:
    return [measure for goal in goals for measure in goal["measures"]]


def _with_years(goals: list[dict], moment: datetime) -> list[dict]:
    """Texts with the years of the version filled in (texts copied from an earlier version
    have theirs already)."""
    year = moment.year
    years = {"y": year, "y1": year + 1, "y2": year + 2}

    def filled(item: dict) -> dict:
        return {
            name: value.format(**years) if isinstance(value, str) else value
            for name, value in item.items()
        }

    return [
        {**filled(goal), "measures": [filled(measure) for measure in goal["measures"]]}
        for goal in goals
    ]


def _create_version(region, number, spec, goals, moment, previous, ctx: Context):
    """The version row: published at `moment`, or a draft started then."""
    author = ctx.person_id(REGION_COORDINATORS.get(region.slug, "admin"))
    if spec.get("draft"):
        version = ConceptVersion(
            region=region,
            number=number,
            state=VersionState.DRAFT,
            created_by_id=author,
            created_at=moment,
            updated_at=moment,
        )
    else:
        # Worked on for about three weeks, begun after the version before was published.
        begun = moment - timedelta(days=21)
        if previous is not None:
            begun = max(begun, previous + timedelta(hours=2))
        version = ConceptVersion(
            region=region,
            number=number,
            state=VersionState.PUBLISHED,
            valid_from=moment.replace(tzinfo=UTC).astimezone(BERLIN).date(),
            published_at=moment,
            note=spec["note"],
            created_by_id=author,
            created_at=min(begun, moment),
            updated_at=moment,
        )
    db.session.add(version)
    db.session.flush()
    return version, 1


def _add_items(version, goals, fields: dict, proposals: dict, projects: dict) -> int:
    created = 0
    for goal_position, goal_data in enumerate(goals):
        field_of_action = fields.get(goal_data["field"])
        if field_of_action is None:
            continue
        goal = ConceptItem(
            version=version,
            key=goal_data["key"],
            kind=ItemKind.GOAL,
            field_of_action=field_of_action,
            position=goal_position * 10,
            title=goal_data["title"],
            description=goal_data["description"],
        )
        db.session.add(goal)
        created += 1
        for position, data in enumerate(goal_data["measures"]):
            db.session.add(
                ConceptItem(
                    version=version,
                    key=data["key"],
                    kind=ItemKind.MEASURE,
                    field_of_action=field_of_action,
                    goal=goal,
                    position=position * 10,
                    title=data["title"],
                    description=data["description"],
                    responsible=data["responsible"],
                    timeframe=data["timeframe"],
                    status=data["status"],
                    proposals=[proposals[t] for t in data.get("proposals", []) if t in proposals],
                    projects=[projects[k] for k in data.get("projects", []) if k in projects],
                )
            )
            created += 1
    db.session.flush()
    return created


def _offer_for_comment(region, version, spec, started: datetime, ctx: Context) -> int:
    """Put the draft up for comment in the region's consultation (the coordination does so a
    day after starting it) and add the comments residents and organisations wrote since."""
    consultation = next(
        (
            item
            for item in db.session.scalars(
                db.select(Consultation).where(Consultation.region_id == region.id)
            )
            if (item.title or {}).get("de") == spec["offer_in"]
        ),
        None,
    )
    if consultation is None or consultation.concept_version_id is not None:
        return 0
    offered = _not_after(started + timedelta(days=1), ctx, 15)
    consultation.concept_version = version
    consultation.updated_at = max(consultation.updated_at, offered)
    version.updated_at = offered
    items = {item.key: item for item in version.items}
    # Comments come while the consultation allows them (its discussion phase), after the offer.
    discussion = consultation.phase("discussion")
    since = max(offered, discussion.starts_at if discussion else offered) + timedelta(hours=1)
    comments = [entry for entry in spec.get("comments", []) if entry[0] in items]
    times = ctx.moments(since, ctx.now, len(comments))
    created = 0
    for (key, person, organisation_key, language, stance, text), moment in zip(
        comments, times, strict=True
    ):
        if person not in ctx.people:
            continue
        organisation = ctx.organisations.get(organisation_key) if organisation_key else None
        db.session.add(
            ConceptComment(
                consultation_id=consultation.id,
                author_id=ctx.person_id(person),
                organisation=organisation,
                item=items[key],
                body=text,
                language=language,
                stance=stance,
                moderation_state=ModerationState.PUBLISHED,
                created_at=moment,
                updated_at=moment,
            )
        )
        created += 1
    db.session.flush()
    return created
