"""Demo consultations, so that `make run` shows a living platform.

One published consultation per model region, spread over the phases (together they show every
phase), one draft, demo residents who write proposals and comments in their languages, votes
and official answers. Organisations (migrant organisations, a welfare service, a mosque
community, a municipal office) with members, verification decisions, a join request and an
invitation; statements of organisations in the consultations whose discussion phase has begun;
proposals and comments on behalf of organisations; contributions collected at two on-site
events; translations of contributions; a summary in Leichte Sprache for every consultation.
Every date is relative to the day of loading: the phases are current when the demo is set up,
and nothing is dated in the future.

Idempotent like the rest of the seed: a person is identified by e-mail address, an organisation
by its name, a consultation by its German title within its region. An organisation or a
consultation that exists already is left alone with everything in it; a missing one is created
with all its content. Existing rows never change.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.accounts import passwords
from app.accounts.models import User, normalise_email
from app.comments.models import Comment
from app.consultations.models import (
    Consultation,
    ConsultationState,
    ModerationMode,
    Phase,
    VotingMode,
)
from app.core import clock
from app.core.models import ModerationState
from app.core.phases import validate_schedule
from app.extensions import db
from app.multilingual.models import ContributionTranslation
from app.onsite.models import EventFormat, OnSiteEvent
from app.organisations.models import (
    Invitation,
    JoinRequest,
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    RequestState,
    Statement,
    StatementRevision,
    VerificationDecision,
)
from app.proposals.models import OfficialResponse, Proposal, ProposalRevision, ProposalStatus
from app.proposals.search import index_proposal, searchable_text
from app.regions.models import FieldOfAction, Region
from app.seed import DEMO_PASSWORD
from app.votes.models import Vote

BERLIN = ZoneInfo("Europe/Berlin")

# Accounts of app.seed.DEMO_USERS that the demo content refers to.
ACCOUNTS = {
    "admin": "admin@demo.mitreden.example",
    "coordinator": "koordination.wiesbaden@demo.mitreden.example",
    "coord_kassel": "koordination.kassel@demo.mitreden.example",
    "coord_wetzlar": "koordination.wetzlar@demo.mitreden.example",
    "coord_hochtaunus": "koordination.hochtaunus@demo.mitreden.example",
    "coord_offenbach": "koordination.offenbach@demo.mitreden.example",
    "coord_hanau": "koordination.hanau@demo.mitreden.example",
    "ayse": "bewohnerin@demo.mitreden.example",
}

# The coordination of each model region (decides about organisations, records on-site events).
REGION_COORDINATORS = {
    "kassel": "coord_kassel",
    "wetzlar": "coord_wetzlar",
    "wiesbaden": "coordinator",
    "hochtaunus": "coord_hochtaunus",
    "offenbach": "coord_offenbach",
    "main-kinzig-hanau": "coord_hanau",
}

# Demo residents: they write, comment and vote. `locale` is their interface language.
RESIDENTS = [
    {"key": "ahmad", "name": "Ahmad R.", "locale": "ar", "home": "kassel"},
    {"key": "thomas", "name": "Thomas B.", "locale": "de", "home": "kassel"},
    {"key": "irina", "name": "Irina P.", "locale": "ru", "home": "kassel"},
    {"key": "katrin", "name": "Katrin S.", "locale": "de", "home": "kassel"},
    {"key": "olena", "name": "Olena K.", "locale": "uk", "home": "wiesbaden"},
    {"key": "dmitri", "name": "Dmitri S.", "locale": "ru", "home": "wiesbaden"},
    {"key": "elif", "name": "Elif D.", "locale": "tr", "home": "wiesbaden"},
    {"key": "jonas", "name": "Jonas W.", "locale": "de", "home": "wiesbaden"},
    {"key": "leyla", "name": "Leyla A.", "locale": "de", "home": "offenbach"},
    {"key": "mehmet", "name": "Mehmet Y.", "locale": "tr", "home": "offenbach"},
    {"key": "reza", "name": "Reza M.", "locale": "fa", "home": "offenbach"},
    {"key": "farida", "name": "Farida N.", "locale": "fa", "home": "hochtaunus"},
    {"key": "sabine", "name": "Sabine M.", "locale": "de", "home": "hochtaunus"},
    {"key": "hanspeter", "name": "Hans-Peter G.", "locale": "de", "home": "hochtaunus"},
    {"key": "agnieszka", "name": "Agnieszka W.", "locale": "pl", "home": "main-kinzig-hanau"},
    {"key": "grace", "name": "Grace O.", "locale": "en", "home": "main-kinzig-hanau"},
    {"key": "samira", "name": "Samira H.", "locale": "ar", "home": "main-kinzig-hanau"},
    {"key": "stefan", "name": "Stefan K.", "locale": "de", "home": "main-kinzig-hanau"},
]
RESIDENT_DOMAIN = "demo.mitreden.example"

# --- organisations ----------------------------------------------------------------------------
# People who speak for organisations: residents too, but with an address that says which
# organisation they look after, so the demo is easy to log into (same password).
ORGANISATION_ACCOUNTS = [
    {
        "key": "zeynep",
        "email": "elternverein.offenbach@demo.mitreden.example",
        "name": "Zeynep Ç.",
        "locale": "tr",
        "home": "offenbach",
    },
    {
        "key": "mariam",
        "email": "frauenverein.wiesbaden@demo.mitreden.example",
        "name": "Mariam H.",
        "locale": "fa",
        "home": "wiesbaden",
    },
    {
        "key": "yonas",
        "email": "gemeinde.kassel@demo.mitreden.example",
        "name": "Yonas T.",
        "locale": "ar",
        "home": "kassel",
    },
    {
        "key": "oksana",
        "email": "hilfsnetzwerk.hanau@demo.mitreden.example",
        "name": "Oksana M.",
        "locale": "uk",
        "home": "main-kinzig-hanau",
    },
    {
        "key": "claudia",
        "email": "migrationsdienst.hochtaunus@demo.mitreden.example",
        "name": "Claudia R.",
        "locale": "de",
        "home": "hochtaunus",
    },
    {
        "key": "murat",
        "email": "moscheegemeinde.wetzlar@demo.mitreden.example",
        "name": "Murat E.",
        "locale": "tr",
        "home": "wetzlar",
    },
    {
        "key": "anna",
        "email": "integrationsbuero.wetzlar@demo.mitreden.example",
        "name": "Anna L.",
        "locale": "de",
        "home": "wetzlar",
    },
    {
        "key": "viktor",
        "email": "nachbarschaftshilfe.oberursel@demo.mitreden.example",
        "name": "Viktor B.",
        "locale": "ru",
        "home": "hochtaunus",
    },
]

# An organisation: key (how the content below refers to it), name, kind, regions, fields,
# description (Markdown-free, per language), website and contact (example.org only), admins and
# members (people keys), requested (days before loading); verified (days) or declined (days,
# reason); the first region's coordination decides.
ORGANISATIONS = [
    {
        "key": "elternverein",
        "name": "Türkisch-Deutscher Elternverein Offenbach e. V.",
        "kind": OrganisationKind.MIGRANT_ORGANISATION,
        "regions": ["offenbach", "main-kinzig-hanau"],
        "fields": ["language-education", "civic-engagement"],
        "description": {
            "de": "Wir sind Eltern aus Offenbach und Hanau, mit und ohne türkische Wurzeln. Seit "
            "1998 begleiten wir Familien beim Übergang von der Kita in die Schule und von der "
            "Schule in die Ausbildung, laden zu Elternabenden auf Deutsch und Türkisch ein und "
            "vermitteln bei Gesprächen mit Lehrkräften. Jeden zweiten Samstag treffen wir uns "
            "im Elterncafé im Mathildenviertel.",
            "tr": "Türk kökenli olan ve olmayan Offenbachlı ve Hanaulu velileriz. 1998’den beri "
            "ailelere anaokulundan okula ve okuldan meslek eğitimine geçişte destek oluyor, "
            "Almanca ve Türkçe veli toplantıları düzenliyor, öğretmenlerle görüşmelerde "
            "aracılık yapıyoruz. İki haftada bir cumartesi günleri Mathildenviertel’deki veli "
            "kafesinde buluşuyoruz.",
        },
        "website": "https://elternverein-offenbach.example.org",
        "contact": "kontakt@elternverein-offenbach.example.org",
        "admins": ["zeynep"],
        "members": ["mehmet", "leyla"],
        "requested": -200,
        "verified": -193,
    },
    {
        "key": "frauenverein",
        "name": "Afghanischer Frauenverein Wiesbaden e. V.",
        "kind": OrganisationKind.MIGRANT_ORGANISATION,
        "regions": ["wiesbaden", "hochtaunus"],
        "fields": ["health-care", "language-education"],
        "description": {
            "de": "Frauen aus Afghanistan unterstützen Frauen aus Afghanistan: Wir beraten auf "
            "Dari und Paschtu, begleiten zu Ämtern und Arztpraxen, organisieren Deutschkurse mit "
            "Kinderbetreuung und ein offenes Frauenfrühstück. Wir sind in Wiesbaden und im "
            "Hochtaunuskreis aktiv.",
            "fa": "زنان افغانستانی در کنار زنان افغانستانی: ما به زبان‌های دری و پشتو مشاوره "
            "می‌دهیم، زنان را در مراجعه به ادارات و مطب پزشکان همراهی می‌کنیم و کلاس‌های زبان "
            "آلمانی همراه با نگهداری از کودکان و صبحانهٔ دوستانهٔ زنان برگزار می‌کنیم. ما در "
            "ویسبادن و شهرستان هوخ‌تاونوس فعالیت داریم.",
        },
        "website": "https://frauenverein-wiesbaden.example.org",
        "contact": "info@frauenverein-wiesbaden.example.org",
        "admins": ["mariam"],
        "members": ["farida"],
        "requested": -160,
        "verified": -151,
    },
    {
        "key": "gemeinde_kassel",
        "name": "Eritreische Gemeinde Kassel e. V.",
        "kind": OrganisationKind.MIGRANT_ORGANISATION,
        "regions": ["kassel"],
        "fields": ["language-education", "work-training", "civic-engagement"],
        "description": {
            "de": "Treffpunkt für Menschen aus Eritrea und für arabischsprachige Familien in "
            "Kassel. Wir helfen bei Briefen von Ämtern, bei der Suche nach Sprachkursen und "
            "Ausbildungsplätzen und bieten Hausaufgabenhilfe für Kinder. In unserem "
            "Gemeinschaftsraum in der Nordstadt sprechen wir Tigrinya, Arabisch und Deutsch.",
            "ar": "ملتقى للقادمين من إريتريا وللعائلات الناطقة بالعربية في كاسل. نساعد في فهم "
            "رسائل الدوائر الرسمية وفي البحث عن دورات اللغة وأماكن التدريب المهني، ونقدّم "
            "للأطفال دعمًا في واجباتهم المدرسية. في قاعتنا في الحي الشمالي نتحدث التغرينية "
            "والعربية والألمانية.",
        },
        "website": "https://eritreische-gemeinde-kassel.example.org",
        "contact": "vorstand@eritreische-gemeinde-kassel.example.org",
        "admins": ["yonas"],
        "members": ["ahmad"],
        "requested": -130,
        "verified": -121,
    },
    {
        "key": "hilfsnetzwerk",
        "name": "Ukrainisches Hilfsnetzwerk Hanau",
        "kind": OrganisationKind.ASSOCIATION,
        "regions": ["main-kinzig-hanau"],
        "fields": ["language-education", "work-training", "health-care"],
        "description": {
            "de": "Seit dem Frühjahr 2022 helfen Ukrainerinnen, Ukrainer und Menschen aus Hanau "
            "und dem Main-Kinzig-Kreis gemeinsam: bei der Anmeldung in Schule und Kita, bei der "
            "Anerkennung von Zeugnissen und bei der Wohnungssuche. Unsere Sprechstunde ist "
            "jeden Dienstag im Nachbarschaftshaus.",
            "uk": "З весни 2022 року українки, українці та мешканці Ганау й району Майн-Кінціг "
            "допомагають разом: із записом до школи й дитячого садка, з визнанням свідоцтв і з "
            "пошуком житла. Наші консультації відбуваються щовівторка в сусідському центрі.",
        },
        "website": "https://hilfsnetzwerk-hanau.example.org",
        "contact": "hallo@hilfsnetzwerk-hanau.example.org",
        "admins": ["oksana"],
        "members": ["stefan"],
        "requested": -150,
        "verified": -141,
    },
    {
        "key": "sozialwerk",
        "name": "Taunus-Sozialwerk e. V. – Migrationsdienst",
        "kind": OrganisationKind.WELFARE,
        "regions": ["hochtaunus"],
        "fields": ["housing-neighbourhood", "health-care", "language-education"],
        "description": {
            "de": "Der Migrationsdienst des Taunus-Sozialwerks berät Zugewanderte im ganzen "
            "Hochtaunuskreis zu Aufenthalt, Wohnen, Arbeit und Gesundheit: in Bad Homburg, "
            "Oberursel und Usingen und nach Absprache in den Gemeinschaftsunterkünften. "
            "Beratung auf Deutsch, Englisch, Russisch und Farsi.",
            "ru": "Миграционная служба Таунус-Социальверк консультирует приезжих по всему "
            "району Хохтаунус по вопросам пребывания, жилья, работы и здоровья: в Бад-Хомбурге, "
            "Оберурзеле и Узингене, а по договорённости и в общежитиях. Консультации на "
            "немецком, английском, русском языках и на фарси.",
            "fa": "خدمات مهاجرت تاونوس-سوسیال‌ورک در سراسر شهرستان هوخ‌تاونوس به مهاجران "
            "دربارهٔ اقامت، مسکن، کار و سلامت مشاوره می‌دهد: در باد هومبورگ، اوبراورزل و "
            "اوزینگن و با هماهنگی قبلی در اقامتگاه‌های جمعی. مشاوره به زبان‌های آلمانی، "
            "انگلیسی، روسی و فارسی.",
        },
        "website": "https://taunus-sozialwerk.example.org/migrationsdienst",
        "contact": "migrationsdienst@taunus-sozialwerk.example.org",
        "admins": ["claudia"],
        "members": ["sabine"],
        "requested": -100,
        "verified": -96,
    },
    {
        "key": "moscheegemeinde",
        "name": "Islamische Gemeinde am Lahnufer Wetzlar e. V.",
        "kind": OrganisationKind.RELIGIOUS_COMMUNITY,
        "regions": ["wetzlar"],
        "fields": ["intercultural-opening", "language-education"],
        "description": {
            "de": "Moscheegemeinde mit Mitgliedern aus der Türkei, Syrien, Bosnien und "
            "Afghanistan. Neben Gebet und Festen bieten wir Deutsch- und Nachhilfekurse, eine "
            "Frauengruppe und den Tag der offenen Moschee an. Nachbarinnen und Nachbarn sind "
            "zu Besuch und Gespräch herzlich eingeladen.",
            "tr": "Türkiye, Suriye, Bosna ve Afganistan kökenli üyeleri olan bir cami "
            "cemaatiyiz. Namaz ve bayramların yanı sıra Almanca ve etüt kursları, bir kadın "
            "grubu ve Açık Cami Günü düzenliyoruz. Komşularımızı ziyarete ve sohbete içtenlikle "
            "davet ediyoruz.",
            "ar": "جماعة مسجد تضم أعضاء من تركيا وسوريا والبوسنة وأفغانستان. إلى جانب الصلاة "
            "والأعياد نقدّم دورات في اللغة الألمانية ودروس تقوية ومجموعة نسائية ويوم المسجد "
            "المفتوح. ندعو جيراننا بكل سرور إلى الزيارة والحوار.",
        },
        "website": "https://gemeinde-lahnufer.example.org",
        "contact": "info@gemeinde-lahnufer.example.org",
        "admins": ["murat"],
        "members": [],
        "requested": -80,
        "verified": -73,
    },
    {
        "key": "integrationsbuero",
        "name": "Integrationsbüro der Stadt Wetzlar",
        "kind": OrganisationKind.MUNICIPAL_OFFICE,
        "regions": ["wetzlar"],
        "fields": ["intercultural-opening", "language-education"],
        "description": {
            "de": "Das Integrationsbüro koordiniert die Integrationsarbeit der Stadt Wetzlar: "
            "Integrationskurse und Sprachförderung, interkulturelle Schulungen für die "
            "Verwaltung, die Förderung von Vereinen und die Geschäftsstelle des "
            "Ausländerbeirats.",
            "en": "The integration office coordinates the integration work of the City of "
            "Wetzlar: integration courses and language support, intercultural training for the "
            "administration, funding for associations and the office of the foreigners' "
            "advisory council.",
        },
        "website": "https://integration-wetzlar.example.org",
        "contact": "integrationsbuero@integration-wetzlar.example.org",
        "admins": ["anna"],
        "members": [],
        "requested": -2,
    },
    {
        "key": "nachbarschaftshilfe",
        "name": "Russischsprachige Nachbarschaftshilfe Oberursel",
        "kind": OrganisationKind.ASSOCIATION,
        "regions": ["hochtaunus"],
        "fields": ["housing-neighbourhood"],
        "description": {
            "de": "Wir sind Nachbarinnen und Nachbarn aus Oberursel, die Russisch sprechen. Wir "
            "helfen älteren Menschen beim Einkaufen und bei Briefen von Ämtern und treffen uns "
            "einmal im Monat zum Teetrinken.",
            "ru": "Мы – соседи из Оберурзеля, говорящие по-русски. Помогаем пожилым людям с "
            "покупками и письмами из учреждений и раз в месяц собираемся на чаепитие.",
        },
        "website": "",
        "contact": "nachbarschaftshilfe-oberursel@example.org",
        "admins": ["viktor"],
        "members": [],
        "requested": -20,
        "declined": (
            -16,
            "Vielen Dank für Ihre Anfrage und Ihr Engagement! Verifizieren können wir Gruppen, "
            "die wir einer verantwortlichen Stelle zuordnen können. Bitte nennen Sie eine "
            "Ansprechperson mit ihrer Aufgabe in der Gruppe und, falls es ihn gibt, den Träger, "
            "über den Sie arbeiten (zum Beispiel eine Kirchengemeinde oder ein "
            "Mehrgenerationenhaus). Danach können Sie die Prüfung erneut anfordern.",
        ),
    },
]

# Open requests to join (person, organisation, days before loading, message).
JOIN_REQUESTS = [
    (
        "ayse",
        "elternverein",
        -3,
        "Merhaba! Kızım Mathildenschule’ye gidiyor. Veli kafesine birkaç kez geldim ve "
        "dernekte ben de gönüllü olarak çalışmak istiyorum.",
    ),
]

# Open invitations (organisation, invited by, address, role, days before loading).
INVITATIONS = [
    ("hilfsnetzwerk", "oksana", "olena.k@demo.mitreden.example", MemberRole.MEMBER, -2),
]

# --- proposals and comments -------------------------------------------------------------------
# A proposal: by (person key), lang, field (slug), title, text (Markdown); optional: votes
# (how many residents support it), before (title and text before one edit), answers (status,
# text), state (moderation), withdrawn. A comment: by, lang, text; optional: stance, reply_to
# (index of an earlier comment of the same proposal), state. Both optionally: org (posted on
# behalf of that organisation; `by` is one of its members), event (collected at that on-site
# event of the consultation, entered by its recorder; no `by`), translations (a list of lang,
# by, text, title for proposals, state).

KASSEL_PROPOSALS = [
    {
        "by": "thomas",
        "lang": "de",
        "field": "language-education",
        "title": "Kinderbetreuung direkt im Kursgebäude",
        "text": (
            "In der Nordstadt kenne ich mehrere Mütter, die seit Monaten auf einen "
            "Integrationskurs mit Kinderbetreuung warten. Ich schlage vor, dass die Stadt Kurse "
            "bevorzugt dort anbietet, wo es schon einen Betreuungsraum gibt – zum Beispiel in "
            "Familienzentren, Stadtteilzentren oder Grundschulen.\n\n"
            "- Betreuung während der gesamten Kurszeit\n"
            "- Fachkräfte, die auch die Familiensprachen der Kinder sprechen\n"
            "- Anmeldung für Kurs und Betreuung in einem Schritt"
        ),
        "before": {
            "title": "Kinderbetreuung bei Sprachkursen",
            "text": (
                "Bei Sprachkursen sollte es immer eine Kinderbetreuung geben. Sonst können viele "
                "Mütter gar nicht teilnehmen."
            ),
        },
        "translations": [
            {
                "lang": "ar",
                "by": "coord_kassel",
                "title": "رعاية الأطفال مباشرة في مبنى الدورة",
                "text": (
                    "أعرف في الحي الشمالي عدة أمهات ينتظرن منذ أشهر دورة اندماج مع رعاية للأطفال. "
                    "أقترح أن تقدّم المدينة الدورات بالأفضلية في الأماكن التي توجد فيها غرفة "
                    "لرعاية الأطفال، مثل مراكز الأسرة ومراكز الأحياء والمدارس الابتدائية.\n\n- "
                    "رعاية طوال مدة الدورة\n- مختصون يتحدثون أيضًا لغات عائلات الأطفال\n- التسجيل "
                    "في الدورة وفي الرعاية بخطوة واحدة"
                ),
            },
        ],
        "comments": [
            {
                "by": "ahmad",
                "lang": "ar",
                "stance": "in_favour",
                "text": "فكرة ممتازة. زوجتي تنتظر منذ سنة دورة مع رعاية للأطفال، "
                "ولا تستطيع الحضور بدونها.",
                "translations": [
                    {
                        "lang": "de",
                        "by": "ahmad",
                        "text": (
                            "Eine sehr gute Idee. Meine Frau wartet seit einem Jahr auf einen Kurs "
                            "mit Kinderbetreuung; ohne Betreuung kann sie nicht teilnehmen."
                        ),
                    },
                ],
            },
            {
                "by": "irina",
                "lang": "ru",
                "stance": "in_favour",
                "text": "Поддерживаю. Важно, чтобы запись на курс и в группу для детей была "
                "одновременной – иначе место в одном есть, а в другом нет.",
            },
            {
                "by": "thomas",
                "lang": "de",
                "reply_to": 1,
                "text": "Genau das meine ich mit „in einem Schritt“. Danke für die Ergänzung!",
            },
            {
                "by": "katrin",
                "lang": "de",
                "stance": "neutral",
                "text": "Gute Idee, aber Räume allein reichen nicht: Es fehlen vor allem "
                "Erzieherinnen und Erzieher. Vielleicht könnte man Tagespflegepersonen einbinden?",
            },
            {
                "by": "grace",
                "lang": "en",
                "reply_to": 3,
                "text": "Childminders can work well – my course in Hanau had two trained "
                "childminders in the room next door, and it was fine for the children.",
            },
            {
                "event": "buergerversammlung",
                "lang": "tr",
                "stance": "in_favour",
                "text": (
                    "İki küçük çocuğum var. Kursa ancak çocuklarıma aynı binada bakılırsa "
                    "gidebilirim. Bu öneriyi destekliyorum."
                ),
            },
        ],
    },
    {
        "by": "ahmad",
        "lang": "ar",
        "field": "work-training",
        "title": "مكتب واحد للاعتراف بالشهادات الأجنبية",
        "text": (
            "أنا مهندس كهرباء من حلب. انتظرت أكثر من تسعة أشهر حتى تم الاعتراف بشهادتي، "
            "لأنني لم أعرف أي جهة هي المسؤولة وما هي المستندات المطلوبة. أقترح أن يكون في "
            "بلدية كاسل مكتب واحد يساعد في:\n\n"
            "- معرفة الجهة المختصة بالاعتراف\n"
            "- ترجمة المستندات وتحمّل تكاليفها لمن لا يستطيع دفعها\n"
            "- متابعة الطلب حتى صدور القرار"
        ),
        "translations": [
            {
                "lang": "de",
                "by": "ahmad",
                "title": "Eine Stelle für die Anerkennung ausländischer Abschlüsse",
                "text": (
                    "Ich bin Elektroingenieur aus Aleppo. Ich habe mehr als neun Monate auf die "
                    "Anerkennung meines Abschlusses gewartet, weil ich nicht wusste, welche Stelle "
                    "zuständig ist und welche Unterlagen sie braucht. Ich schlage vor, dass es bei "
                    "der Stadt Kassel eine Stelle gibt, die hilft:\n\n- herauszufinden, wer für "
                    "die Anerkennung zuständig ist\n- die Unterlagen zu übersetzen, mit Übernahme "
                    "der Kosten für alle, die sie nicht bezahlen können\n- den Antrag bis zur "
                    "Entscheidung zu begleiten"
                ),
            },
        ],
        "answers": [
            (
                ProposalStatus.UNDER_REVIEW,
                "Vielen Dank für diesen Vorschlag. Die Beratung zur Anerkennung ist heute auf "
                "mehrere Stellen verteilt (IQ Netzwerk Hessen, Jobcenter, Kammern). Wir prüfen "
                "mit diesen Partnern, ob eine gemeinsame Sprechstunde im Rathaus möglich ist und "
                "wie Übersetzungskosten übernommen werden können. Über das Ergebnis berichten "
                "wir hier bis zum Ende der Diskussionsphase.",
            )
        ],
        "comments": [
            {
                "by": "thomas",
                "lang": "de",
                "stance": "in_favour",
                "text": "Unbedingt. Eine Kollegin aus dem Iran hat fast ein Jahr gebraucht, bis "
                "sie als Pflegefachkraft arbeiten durfte. Eine feste Anlaufstelle hätte viel "
                "Zeit gespart.",
            },
            {
                "by": "olena",
                "lang": "uk",
                "stance": "in_favour",
                "text": "У мене так само: довелося тричі перекладати ті самі документи для "
                "різних установ. Одне вікно для всіх питань дуже допомогло б.",
            },
            {
                "by": "irina",
                "lang": "ru",
                "stance": "neutral",
                "text": "Хорошая идея, но важно, чтобы в этом офисе знали и про признание "
                "школьных аттестатов, а не только дипломов.",
            },
            {
                "by": "ahmad",
                "lang": "ar",
                "reply_to": 2,
                "text": "نقطة مهمة، شكرًا. يمكن أن يهتم المكتب بكل أنواع الشهادات.",
            },
            {
                "by": "katrin",
                "lang": "de",
                "stance": "neutral",
                "text": "Ich frage mich, ob die Stadt dafür zuständig ist – anerkannt wird doch "
                "von den Kammern und vom Land. Aber eine Lotsenstelle, die den Weg zeigt, "
                "fände ich sinnvoll.",
            },
            {
                "by": "yonas",
                "org": "gemeinde_kassel",
                "lang": "de",
                "stance": "in_favour",
                "text": (
                    "Aus der Beratung in unserer Gemeinde wissen wir: Die meisten Fragen zur "
                    "Anerkennung kommen in den ersten Monaten nach der Ankunft. Eine feste "
                    "Anlaufstelle im Rathaus würden wir bei unseren Mitgliedern bekannt machen, "
                    "und wir können Begleitpersonen stellen, die Tigrinya und Arabisch sprechen."
                ),
            },
            {
                "event": "buergerversammlung",
                "lang": "de",
                "stance": "in_favour",
                "text": (
                    "Ich lebe seit 30 Jahren in Kassel und habe oft erlebt, dass gut ausgebildete "
                    "Leute jahrelang als Hilfskräfte arbeiten. Eine Anlaufstelle ist überfällig."
                ),
            },
        ],
    },
    {
        "by": "irina",
        "lang": "ru",
        "field": "language-education",
        "title": "Вечерние курсы немецкого для тех, кто уже работает",
        "text": (
            "Я работаю в доме престарелых посменно и не могу ходить на курсы днём. Предлагаю "
            "проводить курсы немецкого языка уровня B1–B2 вечером после 18 часов и по "
            "субботам, например в народном университете (VHS) и в центрах районов. Хорошо бы "
            "также давать возможность подключаться онлайн, если смена закончилась поздно."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "irina",
                "title": "Abendkurse Deutsch für Menschen, die schon arbeiten",
                "text": (
                    "Ich arbeite im Schichtdienst in einem Altenheim und kann tagsüber nicht zu "
                    "Kursen gehen. Ich schlage Deutschkurse auf dem Niveau B1–B2 am Abend nach 18 "
                    "Uhr und samstags vor, zum Beispiel an der Volkshochschule (VHS) und in den "
                    "Stadtteilzentren. Gut wäre auch, wenn man sich online zuschalten kann, wenn "
                    "die Schicht spät endet."
                ),
            },
        ],
        "comments": [
            {
                "by": "dmitri",
                "lang": "ru",
                "stance": "in_favour",
                "text": "Очень нужно. Многие мои знакомые бросили курс из-за работы.",
            },
            {
                "by": "thomas",
                "lang": "de",
                "stance": "neutral",
                "text": "Gute Idee. Die VHS hat schon einige Abendkurse – vielleicht müssten die "
                "einfach bekannter werden?",
            },
            {
                "by": "irina",
                "lang": "ru",
                "reply_to": 1,
                "text": "Я знаю эти курсы, но там мало мест и нет уровня B2. Нужно больше групп.",
            },
        ],
    },
    {
        "by": "grace",
        "lang": "en",
        "field": "language-education",
        "title": "Weekly language café with local volunteers",
        "text": (
            "Courses teach grammar, but many of us have few chances to speak German in everyday "
            "life. I propose a weekly language café in the city library and in neighbourhood "
            "centres: newcomers and local volunteers meet for an hour, talk over coffee and "
            "practise everyday situations such as calling a doctor's surgery or talking to a "
            "landlord. Children could join a reading corner at the same time."
        ),
        "comments": [
            {
                "by": "katrin",
                "lang": "de",
                "stance": "in_favour",
                "text": "Ich würde sofort als Freiwillige mitmachen! Im Stadtteilzentrum "
                "Wesertor gibt es Räume, die abends leer stehen.",
            },
            {
                "by": "ahmad",
                "lang": "de",
                "stance": "in_favour",
                "text": "Sehr gut. Sprechen üben ist das Wichtigste, und man lernt dabei die "
                "Nachbarn kennen.",
            },
            {
                "by": "grace",
                "lang": "en",
                "reply_to": 0,
                "text": "Thank you, Katrin! Wesertor would be a great place to start.",
            },
        ],
    },
    {
        "by": "olena",
        "lang": "uk",
        "field": "work-training",
        "title": "Наставники з тієї самої професії",
        "text": (
            "Я вчителька з Харкова. Найважче було зрозуміти, як у Німеччині працює моя професія "
            "і що мені потрібно, щоб знову працювати. Пропоную програму наставництва: людина, "
            "яка вже працює в Касселі в тій самій галузі (освіта, медицина, інженерія), "
            "кілька разів зустрічається з новоприбулою людиною, пояснює шлях і допомагає "
            "знайти практику."
        ),
        "comments": [
            {
                "by": "thomas",
                "lang": "de",
                "stance": "in_favour",
                "text": "In manchen Betrieben gibt es das schon als Patenprogramm. Ich bin "
                "Elektromeister und würde so eine Patenschaft gern übernehmen.",
            },
            {
                "by": "olena",
                "lang": "uk",
                "reply_to": 0,
                "text": "Дякую! Саме таких людей і потрібно – з досвідом і бажанням допомогти.",
            },
            {
                "by": "irina",
                "lang": "ru",
                "stance": "in_favour",
                "text": "Отличная идея, особенно для медицинских профессий.",
            },
            {
                "by": "katrin",
                "lang": "de",
                "stance": "neutral",
                "text": "Wichtig wäre eine kurze Schulung für die Mentorinnen und Mentoren, "
                "damit sie nicht überfordert sind.",
            },
        ],
    },
    {
        "by": "katrin",
        "lang": "de",
        "field": "language-education",
        "title": "Kita-Plätze für Kinder von Eltern im Sprachkurs",
        "text": (
            "Wer einen Integrationskurs beginnt, sollte bei der Vergabe von Kita-Plätzen "
            "berücksichtigt werden. Heute verlieren Eltern ihren Kursplatz, weil der Kita-Platz "
            "erst Monate später frei wird. Mein Vorschlag: Die Vergabe nimmt den Kursbeginn als "
            "Kriterium auf, und für die Übergangszeit gibt es Betreuung direkt am Kursort."
        ),
        "comments": [
            {
                "by": "thomas",
                "lang": "de",
                "stance": "against",
                "text": "Ich verstehe das Anliegen, aber Kita-Plätze sind in Kassel ohnehin "
                "knapp. Eine neue Vorrangregel nimmt anderen Familien Plätze weg. Lieber mehr "
                "Betreuung direkt an den Kursen.",
            },
            {
                "by": "katrin",
                "lang": "de",
                "reply_to": 0,
                "text": "Ein berechtigter Einwand. Dann als ein Kriterium unter mehreren, nicht "
                "als absoluter Vorrang?",
            },
            {
                "by": "ahmad",
                "lang": "ar",
                "stance": "in_favour",
                "text": "الحضانة شرط أساسي كي تتعلم الأم اللغة. بدون مكان في الروضة "
                "تضيع فرصة الدورة.",
            },
        ],
    },
    {
        "by": "ahmad",
        "lang": "de",
        "field": "work-training",
        "title": "Fachsprachkurse für Pflege und Handwerk mit Praktikum",
        "text": (
            "Viele von uns haben einen Beruf gelernt, aber uns fehlt die Fachsprache. Ich "
            "schlage Kurse vor, die Deutsch und Praxis verbinden: drei Tage Unterricht, zwei "
            "Tage Praktikum in einem Betrieb in Kassel. So lernt man die Wörter, die man "
            "wirklich braucht, und die Betriebe lernen uns kennen."
        ),
        "comments": [
            {
                "by": "olena",
                "lang": "uk",
                "stance": "in_favour",
                "text": "Дуже добра ідея. На практиці мова запамʼятовується набагато швидше.",
            },
            {
                "by": "katrin",
                "lang": "de",
                "stance": "in_favour",
                "text": "Das Handwerk sucht händeringend Leute. Davon hätten beide Seiten etwas.",
            },
        ],
    },
    {
        "by": "yonas",
        "org": "gemeinde_kassel",
        "lang": "ar",
        "field": "language-education",
        "title": "دورات لغة في الأماكن التي يعرفها الناس",
        "text": (
            "كثير من أعضاء جمعيتنا، خاصة النساء وكبار السن، لا يذهبون إلى دورات اللغة في مراكز "
            "بعيدة لا يعرفونها. نقترح أن تقدّم المدينة ومدرسة تعليم الكبار (VHS) دورات صغيرة في "
            "قاعات الجمعيات ومنظمات المهاجرين في الأحياء. جمعيتنا مستعدة لتوفير قاعتها في الحي "
            "الشمالي مجانًا مرتين في الأسبوع.\n\n- مجموعات صغيرة من 8 إلى 12 شخصًا\n- معلمون من "
            "مدرسة تعليم الكبار\n- رعاية للأطفال في الغرفة المجاورة"
        ),
        "translations": [
            {
                "lang": "de",
                "by": "yonas",
                "title": "Sprachkurse dort, wo die Menschen sich schon treffen",
                "text": (
                    "Viele Mitglieder unseres Vereins, vor allem Frauen und ältere Menschen, gehen "
                    "nicht zu Sprachkursen in weit entfernten Zentren, die sie nicht kennen. Wir "
                    "schlagen vor, dass die Stadt und die Volkshochschule (VHS) kleine Kurse in "
                    "den Räumen von Vereinen und Migrantenorganisationen in den Stadtteilen "
                    "anbieten. Unser Verein stellt seinen Raum in der Nordstadt zweimal pro Woche "
                    "kostenlos zur Verfügung.\n\n- kleine Gruppen mit 8 bis 12 Personen\n- "
                    "Lehrkräfte der Volkshochschule\n- Kinderbetreuung im Nebenraum"
                ),
            },
        ],
        "comments": [
            {
                "by": "katrin",
                "lang": "de",
                "stance": "in_favour",
                "text": (
                    "Eine gute Ergänzung zu den großen Kursen. Im Wesertor hat der "
                    "Nachbarschaftstreff mit kleinen Gruppen gute Erfahrungen gemacht."
                ),
            },
            {
                "by": "thomas",
                "lang": "de",
                "stance": "neutral",
                "text": (
                    "Wie sieht es mit der Barrierefreiheit der Räume aus? Für Kurse der VHS gelten "
                    "da Vorgaben."
                ),
            },
            {
                "by": "yonas",
                "org": "gemeinde_kassel",
                "lang": "de",
                "reply_to": 1,
                "text": (
                    "Gute Frage: Unser Raum liegt im Erdgeschoss und ist mit dem Rollstuhl "
                    "erreichbar. Eine barrierefreie Toilette gibt es im selben Haus."
                ),
            },
        ],
    },
    {
        "event": "buergerversammlung",
        "lang": "ar",
        "field": "language-education",
        "title": "دورة ألمانية للأمهات في المدرسة الابتدائية",
        "text": (
            "أنا أم لثلاثة أطفال. أقترح دورة ألمانية صباحية في المدرسة الابتدائية، في الوقت الذي "
            "يكون فيه الأطفال في الصف. هكذا لا أحتاج إلى رعاية للأطفال، وأتعرّف أيضًا على المدرسة "
            "والمعلمين."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "coord_kassel",
                "title": "Deutschkurs für Mütter in der Grundschule",
                "text": (
                    "Ich bin Mutter von drei Kindern. Ich schlage einen Deutschkurs am Vormittag "
                    "in der Grundschule vor, während die Kinder im Unterricht sind. So brauche ich "
                    "keine Kinderbetreuung und lerne auch die Schule und die Lehrkräfte kennen."
                ),
            },
        ],
        "comments": [
            {
                "event": "buergerversammlung",
                "lang": "de",
                "stance": "in_favour",
                "text": (
                    "Das geht nicht nur Müttern so. Bitte den Kurs für alle Eltern öffnen, auch "
                    "für Väter."
                ),
            },
        ],
    },
    {
        "event": "buergerversammlung",
        "lang": "de",
        "field": "language-education",
        "title": "Mehr Prüfungstermine für das Sprachzertifikat B1",
        "text": (
            "Ich habe meinen Kurs im Frühjahr abgeschlossen und warte seit vier Monaten auf einen "
            "Prüfungstermin. Ohne das Zertifikat kann ich meine Ausbildung als Pflegehelferin "
            "nicht beginnen. Es braucht mehr Prüfungstermine in Kassel, auch samstags."
        ),
    },
    {
        "event": "buergerversammlung",
        "lang": "ru",
        "field": "work-training",
        "title": "Бесплатный интернет в общежитиях",
        "text": (
            "Я живу в общежитии, и там нет нормального интернета. Онлайн-курсы и поиск работы с "
            "телефона почти невозможны. Прошу провести бесплатный Wi-Fi во все общежития города и "
            "оборудовать там комнату с компьютерами."
        ),
    },
]

WIESBADEN_PROPOSALS = [
    {
        "by": "olena",
        "lang": "uk",
        "field": "health-care",
        "title": "Лоцмани здоровʼя для новоприбулих",
        "text": (
            "Коли моя мама захворіла, ми не знали, до якого лікаря звертатися і як отримати "
            "направлення. Пропоную навчити волонтерів – «лоцманів здоровʼя», які говорять "
            "українською, російською, арабською та іншими мовами. Вони пояснюють, як працює "
            "система охорони здоровʼя, і за потреби супроводжують людей до лікаря."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "olena",
                "title": "Gesundheitslotsen für Neuzugewanderte",
                "text": (
                    "Als meine Mutter krank wurde, wussten wir nicht, an welche Arztpraxis wir uns "
                    "wenden sollten und wie man eine Überweisung bekommt. Ich schlage vor, "
                    "Ehrenamtliche zu „Gesundheitslotsen“ auszubilden, die Ukrainisch, Russisch, "
                    "Arabisch und andere Sprachen sprechen. Sie erklären, wie das "
                    "Gesundheitssystem funktioniert, und begleiten bei Bedarf zum Arzt."
                ),
            },
        ],
        "votes": 11,
        "comments": [
            {
                "by": "dmitri",
                "lang": "ru",
                "stance": "in_favour",
                "text": "Очень поддерживаю. Многие пожилые люди боятся идти к врачу, потому "
                "что не понимают, что им говорят.",
            },
            {
                "by": "jonas",
                "lang": "de",
                "stance": "neutral",
                "text": "Gute Idee. Wichtig finde ich, dass die Lotsen nicht dolmetschen "
                "müssen, wo eigentlich professionelle Sprachmittlung nötig ist – etwa bei "
                "Diagnosen.",
            },
            {
                "by": "olena",
                "lang": "uk",
                "reply_to": 1,
                "text": "Згодна. Лоцмани мають пояснювати систему й супроводжувати, а не "
                "замінювати перекладача.",
            },
            {
                "by": "samira",
                "lang": "ar",
                "stance": "in_favour",
                "text": "فكرة رائعة. أتمنى أن تكون بينهم أيضًا مرشدات يتحدثن العربية.",
            },
        ],
    },
    {
        "by": "jonas",
        "lang": "de",
        "field": "intercultural-opening",
        "title": "Mobiler Willkommenspunkt in den Ortsbezirken",
        "text": (
            "Nicht alle schaffen es ins Rathaus in der Innenstadt. Ein mobiler "
            "Willkommenspunkt könnte jede Woche in einem anderen Ortsbezirk Station machen – "
            "etwa in Biebrich, Kastel oder Schierstein, in Stadtteilzentren oder "
            "Bibliotheken. Dort gäbe es eine erste Beratung zu Anmeldung, Schule, Kita und "
            "Sprachkursen."
        ),
        "votes": 9,
        "translations": [
            {
                "lang": "tr",
                "by": "coordinator",
                "title": "Semtlerde gezici karşılama noktası",
                "text": (
                    "Herkes şehir merkezindeki belediye binasına gidemiyor. Gezici bir karşılama "
                    "noktası her hafta başka bir semtte durabilir – örneğin Biebrich, Kastel ya da "
                    "Schierstein’da, semt merkezlerinde veya kütüphanelerde. Orada adres kaydı, "
                    "okul, kreş ve dil kursları hakkında ilk danışmanlık verilir."
                ),
            },
        ],
        "comments": [
            {
                "by": "elif",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Çok iyi bir fikir. Biebrich’te oturuyorum; çocuklarla şehir merkezine "
                "gitmek her zaman kolay değil.",
            },
            {
                "by": "dmitri",
                "lang": "ru",
                "stance": "neutral",
                "text": "Хорошо, но расписание нужно заранее публиковать на нескольких "
                "языках, иначе никто о нём не узнает.",
            },
            {
                "by": "jonas",
                "lang": "de",
                "reply_to": 1,
                "text": "Guter Punkt – der Plan könnte auf der Website, in den "
                "Stadtteilzeitungen und in den Messenger-Gruppen der Vereine stehen.",
            },
        ],
    },
    {
        "by": "elif",
        "lang": "tr",
        "field": "intercultural-opening",
        "title": "Bürgerbüro randevularında görüntülü tercüman desteği",
        "text": (
            "Bürgerbüro’daki randevuda annem söylenenleri anlamadı, ben de işten izin almak "
            "zorunda kaldım. Önerim: Randevu alırken dil seçilebilsin ve gerekirse görüntülü "
            "bağlantıyla bir tercüman katılsın. Bu yöntem bazı şehirlerde hastanelerde zaten "
            "kullanılıyor."
        ),
        "votes": 8,
        "translations": [
            {
                "lang": "de",
                "by": "coordinator",
                "title": "Videodolmetschen bei Terminen im Bürgerbüro",
                "text": (
                    "Bei einem Termin im Bürgerbüro hat meine Mutter nicht verstanden, was man ihr "
                    "gesagt hat, und ich musste mir dafür freinehmen. Mein Vorschlag: Bei der "
                    "Terminbuchung kann man eine Sprache wählen, und bei Bedarf kommt eine "
                    "Dolmetscherin per Video dazu. In manchen Städten wird das in Krankenhäusern "
                    "schon so gemacht."
                ),
            },
        ],
        "comments": [
            {
                "by": "jonas",
                "lang": "de",
                "stance": "in_favour",
                "text": "Videodolmetschen wäre schnell umsetzbar und nicht teuer. Unterstütze ich.",
            },
            {
                "by": "samira",
                "lang": "ar",
                "stance": "in_favour",
                "text": "هذا سيساعد كثيرًا، خاصة كبار السن.",
            },
            {
                "by": "leyla",
                "lang": "de",
                "stance": "neutral",
                "text": "Ich bin etwas skeptisch: Persönliche Daten laufen dann über einen "
                "externen Dienst. Wie wird der Datenschutz gesichert?",
            },
            {
                "by": "elif",
                "lang": "tr",
                "reply_to": 2,
                "text": "Haklısın, veri koruma önemli. Belediyenin güvenilir bir hizmetle "
                "çalışması gerekir.",
            },
        ],
    },
    {
        "by": "dmitri",
        "lang": "ru",
        "field": "health-care",
        "title": "Памятка о системе здравоохранения на разных языках",
        "text": (
            "Многие не знают, что в Германии сначала нужно идти к семейному врачу, а ночью "
            "можно звонить по номеру 116117. Предлагаю короткую памятку на нескольких языках: "
            "как найти врача, что делать в экстренном случае, как работает медицинская "
            "страховка. Её можно раздавать в бюро регистрации и на интеграционных курсах."
        ),
        "votes": 6,
        "comments": [
            {
                "by": "olena",
                "lang": "uk",
                "stance": "in_favour",
                "text": "Так! Я дізналася про 116117 лише через рік.",
            },
            {
                "by": "jonas",
                "lang": "de",
                "stance": "neutral",
                "text": "Vielleicht gibt es so etwas schon vom Land oder vom Bund? Dann müsste "
                "man es nur verteilen.",
            },
            {
                "by": "dmitri",
                "lang": "ru",
                "reply_to": 1,
                "text": "Возможно, но я такой памятки ни разу не видел. Значит, её нужно "
                "распространять лучше.",
            },
        ],
    },
    {
        "by": "samira",
        "lang": "ar",
        "field": "health-care",
        "title": "جلسات توعية صحية للنساء بلغتهن",
        "text": (
            "كثير من النساء لا يتحدثن عن مشاكلهن الصحية أمام رجل أو عبر مترجم من العائلة. "
            "أقترح جلسات توعية صحية للنساء فقط، بلغتهن، مع طبيبة أو قابلة، حول صحة الأم "
            "والطفل والوقاية. يمكن تنظيمها في مراكز الأحياء مع رعاية للأطفال."
        ),
        "votes": 5,
        "comments": [
            {
                "by": "elif",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Kesinlikle destekliyorum. Kadınlar kendi dillerinde çok daha rahat "
                "konuşur.",
            },
            {
                "by": "leyla",
                "lang": "de",
                "stance": "in_favour",
                "text": "Sehr wichtig. Die Hebammensprechstunden in den Stadtteilen könnten "
                "Partner sein.",
            },
            {
                "by": "farida",
                "org": "frauenverein",
                "lang": "fa",
                "stance": "in_favour",
                "text": (
                    "انجمن ما می‌تواند برای این جلسه‌ها مکان و مترجم زن فراهم کند. در ویسبادن و "
                    "اوبراورزل زنان زیادی منتظر چنین فرصتی هستند."
                ),
                "translations": [
                    {
                        "lang": "de",
                        "by": "farida",
                        "text": (
                            "Unser Verein kann für diese Treffen Räume und Sprachmittlerinnen "
                            "stellen. In Wiesbaden und Oberursel warten viele Frauen auf ein "
                            "solches Angebot."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "by": "leyla",
        "lang": "de",
        "field": "intercultural-opening",
        "title": "Willkommensmappe in einfacher Sprache",
        "text": (
            "Wer neu ankommt, bekommt viele Zettel, aber keinen Überblick. Eine "
            "Willkommensmappe in einfacher Sprache mit den wichtigsten Adressen, einem "
            "Stadtplan und QR-Codes zu Übersetzungen würde vielen helfen – auch Menschen, die "
            "schon länger hier leben."
        ),
        "votes": 4,
        "comments": [
            {
                "by": "grace",
                "lang": "en",
                "stance": "in_favour",
                "text": "Yes – and please put it online too, so people can read it before they "
                "arrive.",
            },
            {
                "by": "dmitri",
                "lang": "ru",
                "stance": "neutral",
                "text": "Хорошо, но адреса и телефоны нужно регулярно обновлять.",
            },
        ],
    },
    {
        "by": "grace",
        "lang": "de",
        "field": "intercultural-opening",
        "title": "Online-Termine bei der Ausländerbehörde in mehreren Sprachen",
        "text": (
            "Einen Termin bei der Ausländerbehörde online zu buchen, ist schwer, wenn man nicht "
            "gut Deutsch liest. Ich schlage vor, die Online-Buchung und die Bestätigungsmails "
            "auch auf Englisch und in anderen häufigen Sprachen anzubieten – mit einer kurzen "
            "Checkliste, welche Unterlagen man mitbringen muss."
        ),
        "votes": 3,
        "comments": [
            {
                "by": "jonas",
                "lang": "de",
                "stance": "in_favour",
                "text": "Das hilft auch den Mitarbeitenden, wenn alle mit den richtigen "
                "Unterlagen kommen.",
            },
            {
                "by": "elif",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Lütfen Türkçe de olsun!",
            },
            {
                "by": "grace",
                "lang": "de",
                "reply_to": 1,
                "text": "Auf jeden Fall – Englisch wäre nur der Anfang.",
            },
        ],
    },
    {
        "by": "jonas",
        "lang": "de",
        "field": "health-care",
        "title": "Gesundheitslotsen auch für pflegende Angehörige",
        "text": (
            "Ältere Zugewanderte werden oft von ihren Familien gepflegt, die kaum wissen, "
            "welche Hilfen es gibt. Die Gesundheitslotsen sollten auch über Pflegegrad, "
            "Pflegegeld und Pflegeberatung informieren und mit dem Pflegestützpunkt "
            "zusammenarbeiten."
        ),
        "votes": 2,
        "comments": [
            {
                "by": "olena",
                "lang": "uk",
                "stance": "in_favour",
                "text": "Це важливо, бо багато родин нічого не знають про Pflegegrad.",
            },
            {
                "by": "samira",
                "lang": "ar",
                "stance": "in_favour",
                "text": "صحيح، كثير من العائلات لا تعرف حقوقها في مجال الرعاية.",
            },
        ],
    },
    {
        "by": "mariam",
        "org": "frauenverein",
        "lang": "fa",
        "field": "intercultural-opening",
        "title": "ساعت مشاورهٔ ویژهٔ زنان در نقطه‌های خوشامدگویی",
        "text": (
            "بسیاری از زنان تازه‌وارد ترجیح می‌دهند با یک مشاور زن و در فضایی آرام صحبت کنند. "
            "پیشنهاد می‌کنیم هر نقطهٔ خوشامدگویی هفته‌ای یک بار ساعت مشاوره‌ای ویژهٔ زنان داشته "
            "باشد، با مشاوران زن و نگهداری از کودکان. انجمن ما آماده است برای این ساعت‌ها مترجمان "
            "داوطلب دری و فارسی معرفی کند."
        ),
        "votes": 7,
        "translations": [
            {
                "lang": "de",
                "by": "mariam",
                "title": "Sprechstunde nur für Frauen in den Willkommenspunkten",
                "text": (
                    "Viele neu angekommene Frauen sprechen lieber mit einer Beraterin und in "
                    "ruhiger Umgebung. Wir schlagen vor, dass jeder Willkommenspunkt einmal pro "
                    "Woche eine Sprechstunde nur für Frauen anbietet, mit Beraterinnen und "
                    "Kinderbetreuung. Unser Verein vermittelt dafür gern ehrenamtliche "
                    "Sprachmittlerinnen für Dari und Farsi."
                ),
            },
        ],
        "comments": [
            {
                "by": "elif",
                "lang": "tr",
                "stance": "in_favour",
                "text": (
                    "Çok iyi bir fikir. Annem de ancak bir kadın danışmanla rahatça konuşabiliyor."
                ),
            },
            {
                "by": "jonas",
                "lang": "de",
                "stance": "neutral",
                "text": (
                    "Gute Idee. Wichtig wäre, dass die übrigen Sprechzeiten dadurch nicht kürzer "
                    "werden."
                ),
            },
            {
                "by": "mariam",
                "org": "frauenverein",
                "lang": "de",
                "reply_to": 1,
                "text": (
                    "Da sind wir uns einig: Die Sprechstunde für Frauen soll zusätzlich sein, "
                    "nicht statt der offenen Beratung."
                ),
            },
        ],
    },
]

HOCHTAUNUS_PROPOSALS = [
    {
        "by": "farida",
        "lang": "fa",
        "field": "housing-neighbourhood",
        "title": "مشاوره مسکن به زبان فارسی و دری",
        "text": (
            "بسیاری از خانواده‌های افغان و ایرانی در شهرستان نمی‌دانند چطور باید دنبال خانه "
            "بگردند، چه مدارکی لازم است و قرارداد اجاره را چطور بخوانند. پیشنهاد می‌کنم هفته‌ای "
            "یک بار در بادهومبورگ و اوبراورزل مشاوره مسکن به زبان فارسی و دری برگزار شود."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "farida",
                "title": "Wohnraumberatung auf Farsi und Dari",
                "text": (
                    "Viele afghanische und iranische Familien im Kreis wissen nicht, wie sie eine "
                    "Wohnung suchen sollen, welche Unterlagen sie brauchen und wie man einen "
                    "Mietvertrag liest. Ich schlage vor, einmal pro Woche in Bad Homburg und "
                    "Oberursel eine Wohnraumberatung auf Farsi und Dari anzubieten."
                ),
            },
        ],
        "comments": [
            {
                "by": "sabine",
                "lang": "de",
                "stance": "in_favour",
                "text": "Sehr sinnvoll. Ich begleite ehrenamtlich eine afghanische Familie – "
                "ohne Hilfe hätte sie den Mietvertrag nicht verstanden.",
            },
            {
                "by": "hanspeter",
                "lang": "de",
                "stance": "against",
                "text": "Warum nur Farsi und Dari? Besser eine Beratung, die je nach Bedarf "
                "Dolmetscherinnen und Dolmetscher hinzuzieht.",
            },
            {
                "by": "farida",
                "lang": "fa",
                "reply_to": 1,
                "text": "حق با شماست؛ مشاوره باید برای همه باشد. فقط خواستم نشان بدهم که در "
                "زبان ما نیاز زیادی وجود دارد.",
            },
            {
                "by": "reza",
                "lang": "fa",
                "stance": "in_favour",
                "text": "موافقم. اطلاعات درباره شوفا (Schufa) و ودیعه هم خیلی لازم است.",
            },
        ],
    },
    {
        "by": "sabine",
        "lang": "de",
        "field": "housing-neighbourhood",
        "title": "Offene Nachbarschaftstreffs in Bürger- und Gemeindehäusern",
        "text": (
            "In vielen Gemeinden stehen die Bürgerhäuser nachmittags leer. Dort könnten offene "
            "Nachbarschaftstreffs entstehen: einmal pro Woche Kaffee, Hausaufgabenhilfe, "
            "Beratung und Spiele für Kinder. So lernen sich Alteingesessene und Neuzugezogene "
            "kennen.\n\n"
            "- feste Zeiten, gut erreichbar mit Bus und Bahn\n"
            "- eine hauptamtliche Ansprechperson pro Treff\n"
            "- ein kleines Budget für Material und Verpflegung"
        ),
        "comments": [
            {
                "by": "farida",
                "lang": "fa",
                "stance": "in_favour",
                "text": "عالی است. در اوزینگن چنین جایی واقعاً لازم است.",
            },
            {
                "by": "hanspeter",
                "lang": "de",
                "stance": "in_favour",
                "text": "Mein Vorschlag zum Gemeinschaftsgarten passt gut hierher: Ich ziehe ihn "
                "zurück und unterstütze stattdessen diesen – der Garten kann Teil des Treffs "
                "werden.",
            },
            {
                "by": "olena",
                "lang": "uk",
                "stance": "in_favour",
                "text": "Такі місця дуже допомагають не почуватися самотніми на новому місці.",
            },
            {
                "by": "sabine",
                "lang": "de",
                "reply_to": 1,
                "text": "Danke, Hans-Peter! Der Garten passt wunderbar dazu.",
            },
        ],
    },
    {
        "by": "hanspeter",
        "lang": "de",
        "field": "housing-neighbourhood",
        "title": "Feste Ansprechstelle für Vermieterinnen und Vermieter",
        "text": (
            "Ich vermiete selbst zwei Wohnungen in Friedrichsdorf. Viele Vermieter scheuen sich, "
            "an Geflüchtete zu vermieten, weil sie Fragen zu Jobcenter, Mietzahlung und "
            "Hausordnung haben. Eine feste Ansprechstelle beim Kreis, die schnell antwortet und "
            "bei Problemen vermittelt, würde mehr Wohnungen öffnen."
        ),
        "comments": [
            {
                "by": "sabine",
                "lang": "de",
                "stance": "in_favour",
                "text": "Genau das fehlt. Die Vermittlung bei Problemen ist der Schlüssel.",
            },
            {
                "by": "farida",
                "lang": "fa",
                "stance": "in_favour",
                "text": "اگر صاحب‌خانه‌ها خیالشان راحت باشد، راحت‌تر خانه اجاره می‌دهند.",
            },
            {
                "by": "agnieszka",
                "lang": "pl",
                "stance": "neutral",
                "text": "Dobry pomysł, ale trzeba też chronić najemców przed nieuczciwymi umowami.",
            },
        ],
    },
    {
        "by": "olena",
        "lang": "de",
        "field": "language-education",
        "title": "Deutschkurse auch in kleinen Gemeinden",
        "text": (
            "Ich wohne in Usingen. Die nächsten Deutschkurse gibt es in Bad Homburg, und der Bus "
            "fährt lange und selten. Ich schlage vor, Kurse direkt in kleineren Gemeinden "
            "anzubieten oder gemischt: ein Teil online und einmal pro Woche ein Treffen vor Ort."
        ),
        "comments": [
            {
                "by": "farida",
                "lang": "de",
                "stance": "in_favour",
                "text": "Das Problem kenne ich. Mit dem Bus aus Usingen brauche ich über eine "
                "Stunde.",
            },
            {
                "by": "sabine",
                "lang": "de",
                "stance": "neutral",
                "text": "Ein Kurs vor Ort braucht genug Teilnehmende. Vielleicht können sich zwei "
                "Nachbargemeinden zusammentun?",
            },
            {
                "by": "olena",
                "lang": "de",
                "reply_to": 1,
                "text": "Ja, das wäre eine gute Lösung – Hauptsache näher als jetzt.",
            },
            {
                "by": "farida",
                "org": "frauenverein",
                "lang": "de",
                "stance": "in_favour",
                "text": (
                    "Unser Verein bietet in Usingen schon einen kleinen Kurs mit Kinderbetreuung "
                    "im Gemeindehaus an. Wir teilen unsere Erfahrungen gern mit anderen Gemeinden."
                ),
            },
        ],
    },
    {
        "by": "agnieszka",
        "lang": "pl",
        "field": "housing-neighbourhood",
        "title": "Warsztaty: jak szukać mieszkania w Niemczech",
        "text": (
            "Wiele osób nie wie, jak wygląda szukanie mieszkania w Niemczech: co to jest Schufa, "
            "jak napisać dobrą wiadomość do właściciela i na co uważać w umowie najmu. "
            "Proponuję krótkie warsztaty w kilku językach, organizowane razem ze związkiem "
            "lokatorów."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "agnieszka",
                "title": "Workshops: Wie sucht man eine Wohnung in Deutschland?",
                "text": (
                    "Viele wissen nicht, wie die Wohnungssuche in Deutschland abläuft: was die "
                    "Schufa ist, wie man eine gute Nachricht an die Vermieterin schreibt und "
                    "worauf man beim Mietvertrag achten muss. Ich schlage kurze Workshops in "
                    "mehreren Sprachen vor, gemeinsam mit dem Mieterverein."
                ),
            },
        ],
        "comments": [
            {
                "by": "hanspeter",
                "lang": "de",
                "stance": "in_favour",
                "text": "Als Vermieter kann ich sagen: Eine gut vorbereitete Anfrage macht "
                "wirklich einen Unterschied.",
            },
            {
                "by": "dmitri",
                "lang": "ru",
                "stance": "in_favour",
                "text": "Полезно. Я бы добавил, что такое залог и как распознать "
                "мошенническое объявление.",
            },
        ],
    },
    {
        "by": "hanspeter",
        "lang": "de",
        "field": "housing-neighbourhood",
        "title": "Gemeinschaftsgarten am Bürgerhaus",
        "text": (
            "Hinter vielen Bürgerhäusern liegen Flächen brach. Ein Gemeinschaftsgarten, den "
            "Nachbarinnen und Nachbarn zusammen bewirtschaften, bringt Menschen ins Gespräch – "
            "ganz ohne Sprachkurs."
        ),
        "withdrawn": True,
        "comments": [
            {
                "by": "sabine",
                "lang": "de",
                "stance": "in_favour",
                "text": "Schöne Idee! Das passt gut zu den Nachbarschaftstreffs.",
            },
            {
                "by": "hanspeter",
                "lang": "de",
                "reply_to": 0,
                "text": "Stimmt – deshalb ziehe ich meinen Vorschlag zurück und unterstütze den "
                "Vorschlag zu den Nachbarschaftstreffs.",
            },
        ],
    },
    {
        "by": "mehmet",
        "lang": "de",
        "field": "housing-neighbourhood",
        "title": "Ehrenamtliche Wohnungslotsen für Familien in Gemeinschaftsunterkünften",
        "text": (
            "Viele Familien leben seit Jahren in Gemeinschaftsunterkünften und suchen eine "
            "Wohnung. Mein Vorschlag: Ehrenamtliche Wohnungslotsen helfen bei der Suche – sie "
            "lesen gemeinsam Anzeigen, schreiben Bewerbungen und gehen mit zur Besichtigung. "
            "Für die Lotsen braucht es eine kurze Schulung und eine Koordinierungsstelle."
        ),
        "comments": [
            {
                "by": "sabine",
                "lang": "de",
                "stance": "in_favour",
                "text": "Dafür würde ich mich melden. Eine Koordinierungsstelle ist wichtig, "
                "damit Ehrenamtliche nicht allein dastehen.",
            },
            {
                "by": "farida",
                "lang": "fa",
                "stance": "in_favour",
                "text": "بله، همراهی در بازدید از خانه خیلی کمک می‌کند.",
            },
            {
                "by": "claudia",
                "org": "sozialwerk",
                "lang": "de",
                "stance": "in_favour",
                "text": (
                    "Die Koordination würden wir gern übernehmen: Der Migrationsdienst schult "
                    "schon heute Ehrenamtliche, die zu Ämtern begleiten. Eine Schulung zum Thema "
                    "Wohnen können wir ergänzen."
                ),
            },
        ],
    },
    {
        "by": "claudia",
        "org": "sozialwerk",
        "lang": "de",
        "field": "housing-neighbourhood",
        "title": "Sprechstunde „Wohnen“ direkt in den Gemeinschaftsunterkünften",
        "text": (
            "Viele Familien, die aus einer Gemeinschaftsunterkunft ausziehen dürfen, wissen nicht, "
            "wie sie anfangen sollen. Wir schlagen eine feste Sprechstunde „Wohnen“ in den großen "
            "Unterkünften des Kreises vor, einmal pro Woche:\n\n- Hilfe bei Wohnungsanzeigen und "
            "der Bewerbungsmappe\n- Wohnberechtigungsschein und Schufa-Auskunft beantragen\n- "
            "Vorbereitung auf die Besichtigung\n\nDer Migrationsdienst kann die Sprechstunde mit "
            "Ehrenamtlichen übernehmen, wenn der Kreis Räume und Koordination sicherstellt."
        ),
        "comments": [
            {
                "by": "farida",
                "lang": "fa",
                "stance": "in_favour",
                "text": (
                    "این خیلی کمک می‌کند. ما در اقامتگاه کسی را نداشتیم که این چیزها را برایمان "
                    "توضیح بدهد."
                ),
                "translations": [
                    {
                        "lang": "de",
                        "by": "farida",
                        "text": (
                            "Das hilft sehr. In unserer Unterkunft hatten wir niemanden, der uns "
                            "diese Dinge erklärt hat."
                        ),
                    },
                ],
            },
            {
                "by": "hanspeter",
                "lang": "de",
                "stance": "neutral",
                "text": (
                    "Gute Sache. Bitte auch die Gemeinden einbinden, die selbst Wohnungen vergeben."
                ),
            },
        ],
    },
]

OFFENBACH_PROPOSALS = [
    {
        "by": "mehmet",
        "lang": "de",
        "field": "civic-engagement",
        "title": "Sitzungen des Ausländerbeirats abends und im Livestream",
        "text": (
            "Der Ausländerbeirat tagt meist während der Arbeitszeit. Berufstätige können nicht "
            "teilnehmen und erfahren nicht, was besprochen wurde. Mein Vorschlag: Die Sitzungen "
            "beginnen nach 18 Uhr, werden im Internet übertragen, und kurze Zusammenfassungen "
            "erscheinen in mehreren Sprachen."
        ),
        "translations": [
            {
                "lang": "tr",
                "by": "coord_offenbach",
                "title": "Yabancılar Meclisi toplantıları akşam saatlerinde ve canlı yayında",
                "text": (
                    "Yabancılar Meclisi (Ausländerbeirat) toplantıları genellikle mesai "
                    "saatlerinde yapılıyor. Çalışanlar katılamıyor ve neler konuşulduğunu "
                    "öğrenemiyor. Önerim: Toplantılar saat 18’den sonra başlasın, internetten "
                    "canlı yayınlansın ve kısa özetleri birkaç dilde yayımlansın."
                ),
            },
        ],
        "comments": [
            {
                "by": "leyla",
                "lang": "de",
                "stance": "in_favour",
                "text": "Unbedingt. Ich wusste lange nicht einmal, dass es den Ausländerbeirat "
                "gibt.",
            },
            {
                "by": "reza",
                "lang": "fa",
                "stance": "in_favour",
                "text": "پخش زنده خیلی خوب است؛ آن‌وقت همه می‌توانند ببینند چه تصمیم‌هایی "
                "گرفته می‌شود.",
            },
            {
                "by": "mehmet",
                "lang": "de",
                "reply_to": 0,
                "text": "Danke, Leyla! Genau deshalb schlage ich es vor.",
            },
            {
                "by": "ayse",
                "lang": "tr",
                "stance": "neutral",
                "state": ModerationState.PENDING,
                "text": "Fikri beğendim ama herkes canlı yayında görünmek istemeyebilir. "
                "Belki sadece kürsü gösterilir?",
            },
        ],
    },
    {
        "by": "ayse",
        "lang": "tr",
        "field": "civic-engagement",
        "title": "Dernekler için ücretsiz toplantı odaları",
        "text": (
            "Küçük dernekler için oda kirası çok pahalı. Okullar, gençlik merkezleri ve "
            "belediye binaları akşamları ve hafta sonları boş duruyor. Önerim: Belediye bu "
            "odaları kayıtlı derneklere ücretsiz ya da düşük ücretle versin ve basit bir "
            "çevrim içi rezervasyon sistemi kursun."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "ayse",
                "title": "Kostenlose Besprechungsräume für Vereine",
                "text": (
                    "Für kleine Vereine ist die Miete für Räume sehr teuer. Schulen, Jugendzentren "
                    "und städtische Gebäude stehen abends und am Wochenende leer. Mein Vorschlag: "
                    "Die Stadt stellt diese Räume eingetragenen Vereinen kostenlos oder günstig "
                    "zur Verfügung und richtet ein einfaches Online-Buchungssystem ein."
                ),
                "state": ModerationState.PENDING,
            },
        ],
        "comments": [
            {
                "by": "mehmet",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Çok doğru. Bizim dernek her ay kiraya çok para ödüyor.",
            },
            {
                "by": "grace",
                "lang": "en",
                "stance": "in_favour",
                "text": "Our parents' group meets in a café because we cannot find a room. This "
                "would help a lot.",
            },
            {
                "by": "leyla",
                "lang": "de",
                "stance": "neutral",
                "text": "Gute Idee, aber wer kümmert sich um Schlüssel und Reinigung? Das sollte "
                "man gleich mitdenken.",
            },
            {
                "by": "ayse",
                "lang": "tr",
                "reply_to": 2,
                "text": "Haklısın Leyla. Belki dernekler sırayla sorumluluk alabilir.",
            },
        ],
    },
    {
        "by": "ayse",
        "lang": "tr",
        "field": "civic-engagement",
        "title": "Ausländerbeirat seçimleri daha görünür olsun",
        "text": (
            "Son Ausländerbeirat seçimine çok az kişi katıldı. Birçok kişi oy kullanabileceğini "
            "bile bilmiyor. Önerim: Seçimden önce derneklerde, ibadet yerlerinde, pazarlarda ve "
            "sosyal medyada çok dilli bir bilgilendirme kampanyası yapılsın."
        ),
        "state": ModerationState.PENDING,
    },
    {
        "by": "reza",
        "lang": "fa",
        "field": "civic-engagement",
        "title": "کارگاه آموزشی برای مسئولان انجمن‌ها",
        "text": (
            "بسیاری از انجمن‌های مهاجران را داوطلبانی اداره می‌کنند که با قوانین انجمن‌ها "
            "(Verein)، حسابداری و درخواست بودجه آشنا نیستند. پیشنهاد می‌کنم شهر کارگاه‌های "
            "کوتاه و رایگان برگزار کند:\n\n"
            "- ثبت انجمن\n"
            "- مدیریت مالی\n"
            "- درخواست کمک‌هزینه و بیمه"
        ),
        "comments": [
            {
                "by": "mehmet",
                "lang": "de",
                "stance": "in_favour",
                "text": "Sehr gut. Förderanträge sind für ehrenamtliche Vorstände oft kaum zu "
                "schaffen.",
            },
            {
                "by": "samira",
                "lang": "ar",
                "stance": "in_favour",
                "text": "نحتاج هذا في جمعيتنا أيضًا، خاصة في موضوع طلب الدعم المالي.",
            },
            {
                "by": "reza",
                "lang": "fa",
                "reply_to": 0,
                "text": "دقیقاً. شاید بشود کارگاه‌ها را به آلمانی ساده و با مترجم برگزار کرد.",
            },
        ],
    },
    {
        "by": "leyla",
        "lang": "de",
        "field": "civic-engagement",
        "title": "Feste Plätze für Migrantenorganisationen in den Stadtteilkonferenzen",
        "text": (
            "In den Stadtteilen stimmen sich Schulen, Kitas, Kirchengemeinden und soziale "
            "Träger regelmäßig ab. Migrantenorganisationen sind dort selten dabei, obwohl sie "
            "viele Familien erreichen. Ich schlage vor, dass jede Stadtteilkonferenz zwei feste "
            "Plätze für Migrantenorganisationen vorsieht – mit rechtzeitigen Einladungen und "
            "Terminen auch am Abend."
        ),
        "comments": [
            {
                "by": "mehmet",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Destekliyorum. Dernekler mahalledeki aileleri çok iyi tanıyor.",
            },
            {
                "by": "dmitri",
                "lang": "ru",
                "stance": "against",
                "text": "Я против фиксированных мест: там всегда будут сидеть одни и те же "
                "организации. Лучше открытые приглашения для всех.",
            },
            {
                "by": "grace",
                "lang": "en",
                "stance": "neutral",
                "text": "Good idea, but the organisations need a fair way to choose who "
                "represents them.",
            },
            {
                "by": "leyla",
                "lang": "de",
                "reply_to": 2,
                "text": "Da hast du recht. Der Ausländerbeirat könnte die Auswahl begleiten, "
                "und die Plätze könnten jedes Jahr wechseln.",
            },
            {
                "by": "zeynep",
                "org": "elternverein",
                "lang": "tr",
                "stance": "in_favour",
                "text": (
                    "Veli Derneği olarak Nordend semt konferansında yer almaya hazırız. "
                    "Temsilcileri dernekler kendi aralarında seçmeli."
                ),
                "translations": [
                    {
                        "lang": "de",
                        "by": "zeynep",
                        "text": (
                            "Als Elternverein sind wir bereit, in der Stadtteilkonferenz Nordend "
                            "mitzuarbeiten. Die Vertretung sollten die Vereine untereinander "
                            "wählen."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "by": "grace",
        "lang": "en",
        "field": "civic-engagement",
        "title": "A small fund for neighbourhood projects of migrant groups",
        "text": (
            "Many migrant groups have great ideas for their neighbourhood – a homework club, a "
            "football tournament, a cooking evening – but no money for small costs. I propose a "
            "simple fund:\n\n"
            "- grants of up to 1,000 euros\n"
            "- a one-page application in several languages\n"
            "- a decision within four weeks"
        ),
        "comments": [
            {
                "by": "ayse",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Harika bir fikir! Başvurunun basit olması çok önemli.",
            },
            {
                "by": "mehmet",
                "lang": "de",
                "stance": "neutral",
                "text": "1.000 Euro reichen für kleine Projekte. Wichtig wäre, dass auch "
                "Gruppen ohne eingetragenen Verein Geld bekommen können.",
            },
            {
                "by": "grace",
                "lang": "en",
                "reply_to": 1,
                "text": "Yes, exactly – informal groups should be able to apply too.",
            },
            {
                "event": "papierboegen",
                "lang": "de",
                "stance": "neutral",
                "text": (
                    "Bitte das Antragsformular auch auf Papier im Stadtteilbüro auslegen – nicht "
                    "alle haben einen Computer."
                ),
            },
        ],
    },
    {
        "by": "mehmet",
        "lang": "de",
        "field": "housing-neighbourhood",
        "title": "Jährliches Nachbarschaftsfest im Mathildenviertel",
        "text": (
            "Im Mathildenviertel wohnen Menschen aus vielen Ländern Tür an Tür, aber man kennt "
            "sich kaum. Ein jährliches Straßenfest, das Vereine, Schulen und Geschäfte "
            "gemeinsam organisieren, könnte das ändern. Die Stadt könnte bei Genehmigungen, "
            "Bühne und Toiletten helfen."
        ),
        "comments": [
            {
                "by": "leyla",
                "lang": "de",
                "stance": "in_favour",
                "text": "Ja! So etwas fehlt im Viertel. Mit unserem Elternverein würden wir "
                "einen Stand machen.",
            },
            {
                "by": "reza",
                "lang": "fa",
                "stance": "in_favour",
                "text": "ما هم با انجمن‌مان شرکت می‌کنیم و غذای ایرانی می‌پزیم.",
            },
            {
                "by": "samira",
                "lang": "ar",
                "stance": "neutral",
                "text": "فكرة جميلة، لكن يجب التفكير أيضًا في الجيران الذين يحتاجون إلى "
                "الهدوء، مثل كبار السن.",
            },
            {
                "event": "papierboegen",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Çok güzel olur! Biz de komşularla birlikte börek yapıp getiririz.",
            },
        ],
    },
    {
        "by": "samira",
        "lang": "de",
        "field": "housing-neighbourhood",
        "title": "Wohnberatung in den Stadtteilbüros",
        "text": (
            "Viele Familien in Offenbach leben in sehr kleinen Wohnungen oder haben Ärger mit "
            "dem Vermieter und wissen nicht, wo sie Hilfe bekommen. Ich schlage feste "
            "Sprechstunden zum Wohnen in den Stadtteilbüros vor, mit Sprachmittlung:\n\n"
            "- Mietverträge und Nebenkosten\n"
            "- Heizkosten und Energiesparen\n"
            "- Antrag auf einen Wohnberechtigungsschein (WBS)"
        ),
        "comments": [
            {
                "by": "mehmet",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Evet, özellikle ısınma giderleri hakkında çok soru var.",
            },
            {
                "by": "leyla",
                "lang": "de",
                "stance": "in_favour",
                "text": "Der Mieterverein berät schon, aber nicht in den Stadtteilen und nicht "
                "mehrsprachig. Eine Zusammenarbeit wäre ideal.",
            },
        ],
    },
    {
        "by": "zeynep",
        "org": "elternverein",
        "lang": "de",
        "field": "civic-engagement",
        "title": "Feste Ansprechperson für Vereine im Rathaus",
        "text": (
            "Als Elternverein haben wir viel Zeit damit verbracht, herauszufinden, wer in der "
            "Verwaltung für uns zuständig ist – für Räume, für Fördergeld, für die Genehmigung "
            "eines Festes. Wir schlagen eine feste Ansprechperson für Migrantenorganisationen und "
            "andere Vereine vor:\n\n- eine Sprechstunde auch am Abend, damit ehrenamtliche "
            "Vorstände nach der Arbeit kommen können\n- Hilfe bei Förderanträgen und "
            "Verwendungsnachweisen\n- eine Liste aller Zuständigkeiten in einfacher Sprache"
        ),
        "translations": [
            {
                "lang": "tr",
                "by": "zeynep",
                "title": "Belediyede dernekler için sabit bir irtibat kişisi",
                "text": (
                    "Veli Derneği olarak belediyede hangi konuda kimin sorumlu olduğunu bulmak "
                    "için çok zaman harcadık – salon, maddi destek ya da bir şenlik izni için. "
                    "Göçmen örgütleri ve diğer dernekler için sabit bir irtibat kişisi "
                    "öneriyoruz:\n\n- gönüllü yöneticiler işten sonra gelebilsin diye akşam "
                    "saatlerinde de danışma saati\n- destek başvurularında ve harcama raporlarında "
                    "yardım\n- tüm sorumlulukları sade bir dille gösteren bir liste"
                ),
            },
        ],
        "comments": [
            {
                "by": "leyla",
                "lang": "de",
                "stance": "in_favour",
                "text": (
                    "Das würde vor allem kleinen Vereinen helfen, die keine hauptamtlichen Kräfte "
                    "haben."
                ),
            },
            {
                "by": "reza",
                "lang": "fa",
                "stance": "in_favour",
                "text": (
                    "انجمن ما هم دقیقاً همین مشکل را دارد. هر بار باید از نو بپرسیم با چه کسی باید "
                    "صحبت کنیم."
                ),
            },
        ],
    },
    {
        "event": "papierboegen",
        "lang": "tr",
        "field": "housing-neighbourhood",
        "title": "Apartmanlarda çok dilli ev kuralları",
        "text": (
            "Oturduğumuz binada kimse çöpün nereye atılacağını ya da çamaşırhanenin ne zaman "
            "kullanılabileceğini tam bilmiyor, bu yüzden sık sık tartışma çıkıyor. Önerim: Konut "
            "şirketleri ev kurallarını birkaç dilde ve resimlerle assın, yılda bir kez de bina "
            "toplantısı yapılsın."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "coord_offenbach",
                "title": "Mehrsprachige Hausordnung in den Wohnhäusern",
                "text": (
                    "In unserem Haus weiß niemand genau, wohin welcher Müll gehört oder wann man "
                    "die Waschküche benutzen darf, deshalb gibt es oft Streit. Mein Vorschlag: Die "
                    "Wohnungsgesellschaften hängen die Hausordnung in mehreren Sprachen und mit "
                    "Bildern aus, und einmal im Jahr gibt es eine Hausversammlung."
                ),
            },
        ],
    },
    {
        "event": "papierboegen",
        "lang": "ar",
        "field": "civic-engagement",
        "title": "ساعة استشارة للمجموعات الصغيرة في مكتب الحي",
        "text": (
            "نحن مجموعة صغيرة من النساء نلتقي كل أسبوع ونطبخ معًا، ونريد أن نؤسس جمعية مسجّلة. "
            "لكننا لا نعرف كيف نكتب النظام الأساسي ولا أين نسجّل الجمعية. نقترح ساعة استشارة شهرية "
            "في مكتب الحي للمجموعات الصغيرة، بلغة بسيطة ومع مترجم."
        ),
    },
    {
        "event": "papierboegen",
        "lang": "de",
        "field": "civic-engagement",
        "title": "Ehrenamts-Card auch für Engagement in Migrantenvereinen",
        "text": (
            "Ich trainiere seit acht Jahren jeden Samstag die Kinder in unserem Kulturverein. Die "
            "Ehrenamts-Card des Landes bekommen aber meistens nur Leute aus den bekannten "
            "Vereinen, weil bei uns niemand weiß, wie man sie beantragt. Die Stadt sollte die "
            "Migrantenvereine gezielt informieren und beim Antrag helfen."
        ),
    },
    {
        "event": "papierboegen",
        "lang": "fa",
        "field": "housing-neighbourhood",
        "title": "اتاق تکلیف برای کودکان در ساختمان‌های بزرگ",
        "text": (
            "در ساختمان‌های بزرگ محلهٔ ما بسیاری از کودکان جای آرامی برای انجام تکالیف ندارند، چون "
            "آپارتمان‌ها کوچک‌اند. پیشنهاد می‌کنم شرکت‌های مسکن یک اتاق خالی را به اتاق تکلیف "
            "تبدیل کنند تا داوطلبان محله بعدازظهرها در آن به کودکان کمک کنند."
        ),
    },
]

MAIN_KINZIG_HANAU_PROPOSALS = [
    {
        "by": "agnieszka",
        "lang": "pl",
        "field": "language-education",
        "title": "Rodzice-mentorzy w szkołach",
        "text": (
            "Jestem mamą dwójki dzieci i pamiętam, jak trudne było pierwsze zebranie w szkole w "
            "Hanau. Proponuję, aby w każdej szkole działali rodzice-mentorzy: rodzice, którzy "
            "znają niemiecki system szkolny i mówią w innych językach. Mogliby pomagać na "
            "zebraniach, w rozmowach z nauczycielami i przy wyborze dalszej szkoły."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "agnieszka",
                "title": "Elternmentorinnen und -mentoren an den Schulen",
                "text": (
                    "Ich bin Mutter von zwei Kindern und weiß noch, wie schwierig der erste "
                    "Elternabend an einer Schule in Hanau war. Ich schlage vor, dass es an jeder "
                    "Schule Elternmentorinnen und -mentoren gibt: Eltern, die das deutsche "
                    "Schulsystem kennen und andere Sprachen sprechen. Sie könnten bei "
                    "Elternabenden, bei Gesprächen mit Lehrkräften und bei der Wahl der "
                    "weiterführenden Schule helfen."
                ),
            },
        ],
        "votes": 12,
        "answers": [
            (
                ProposalStatus.UNDER_REVIEW,
                "Vielen Dank – dieser Vorschlag hat die meisten Stimmen erhalten. Wir sprechen "
                "jetzt mit dem Staatlichen Schulamt und den Schulen darüber, wie "
                "Elternmentorinnen und -mentoren gewonnen und geschult werden können.",
            ),
            (
                ProposalStatus.ACCEPTED,
                "Der Vorschlag wird umgesetzt. Zum kommenden Schuljahr starten Kreis und Stadt "
                "Hanau mit zehn Pilotschulen ein Programm für Elternmentorinnen und -mentoren. "
                "Sie erhalten eine Schulung und eine Aufwandsentschädigung. Interessierte Eltern "
                "können sich ab sofort beim Büro für Integration melden.",
            ),
        ],
        "comments": [
            {
                "by": "samira",
                "lang": "ar",
                "stance": "in_favour",
                "text": "أنا أم وأتمنى وجود مثل هؤلاء الأهالي في مدرسة ابني. "
                "أستطيع أن أساعد باللغة العربية.",
            },
            {
                "by": "stefan",
                "lang": "de",
                "stance": "in_favour",
                "text": "An der Schule meiner Tochter gibt es etwas Ähnliches, und es "
                "funktioniert gut. Die Mentorinnen brauchen aber eine kleine "
                "Aufwandsentschädigung.",
            },
            {
                "by": "agnieszka",
                "lang": "pl",
                "reply_to": 1,
                "text": "Zgadzam się. Mentorzy poświęcają dużo czasu, więc powinni coś za to "
                "dostawać.",
            },
            {
                "by": "grace",
                "lang": "en",
                "stance": "in_favour",
                "text": "I would volunteer for English-speaking families.",
            },
        ],
    },
    {
        "by": "samira",
        "lang": "ar",
        "field": "language-education",
        "title": "ترجمة رسائل المدرسة إلى لغات الأهل",
        "text": (
            "تصلنا من المدرسة رسائل كثيرة عن الرحلات والاجتماعات والواجبات، وكلها بالألمانية "
            "فقط. كثير من الأهالي لا يفهمونها جيدًا فيفوتهم الكثير. أقترح أن ترسل المدارس "
            "رسائلها المهمة بعدة لغات، مثلًا عبر تطبيق مدرسي يترجم الرسائل، مع نسخة مبسطة "
            "بالألمانية."
        ),
        "votes": 10,
        "translations": [
            {
                "lang": "de",
                "by": "coord_hanau",
                "title": "Schulbriefe in die Sprachen der Eltern übersetzen",
                "text": (
                    "Von der Schule bekommen wir viele Briefe über Ausflüge, Elternabende und "
                    "Hausaufgaben, alle nur auf Deutsch. Viele Eltern verstehen sie nicht gut und "
                    "verpassen deshalb vieles. Ich schlage vor, dass die Schulen wichtige Briefe "
                    "in mehreren Sprachen verschicken, zum Beispiel über eine Schul-App, die "
                    "Nachrichten übersetzt, zusammen mit einer Fassung in einfachem Deutsch."
                ),
            },
        ],
        "answers": [
            (
                ProposalStatus.PARTIALLY_ACCEPTED,
                "Wir setzen den Vorschlag teilweise um: Die wichtigsten Elternbriefe "
                "(Einschulung, Elternabend, Zeugnisse, Übergang in die weiterführende Schule) "
                "stellen wir den Schulen als Vorlagen in acht Sprachen und in einfacher Sprache "
                "bereit. Eine eigene App, die alle Nachrichten automatisch übersetzt, können wir "
                "aus Gründen des Datenschutzes derzeit nicht einführen; hier warten wir auf eine "
                "landesweite Lösung.",
            )
        ],
        "comments": [
            {
                "by": "agnieszka",
                "lang": "pl",
                "stance": "in_favour",
                "text": "Bardzo potrzebne. Często dowiaduję się o wycieczce szkolnej dzień "
                "wcześniej, bo nie zrozumiałam listu.",
            },
            {
                "by": "stefan",
                "lang": "de",
                "stance": "neutral",
                "text": "Automatische Übersetzungen sind nicht immer zuverlässig. Wichtige "
                "Briefe sollten zusätzlich in einfacher Sprache geschrieben werden.",
            },
            {
                "by": "samira",
                "lang": "ar",
                "reply_to": 1,
                "text": "معك حق. الألمانية المبسطة ستفيد الجميع، حتى الأهالي الألمان.",
            },
            {
                "by": "mehmet",
                "org": "elternverein",
                "lang": "tr",
                "stance": "in_favour",
                "text": (
                    "Veli Derneği olarak okul mektuplarının Türkçeye çevrilmesine gönüllü olarak "
                    "yardım edebiliriz. Önemli olan, çevirinin zamanında velilere ulaşması."
                ),
                "translations": [
                    {
                        "lang": "de",
                        "by": "mehmet",
                        "text": (
                            "Als Elternverein können wir ehrenamtlich helfen, Schulbriefe ins "
                            "Türkische zu übersetzen. Wichtig ist, dass die Übersetzung die Eltern "
                            "rechtzeitig erreicht."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "by": "grace",
        "lang": "en",
        "field": "work-training",
        "title": "Apprenticeship speed dating with local companies",
        "text": (
            "Many young people who came here as teenagers do not know which apprenticeships "
            "exist. At the same time, companies in Hanau and the district cannot fill their "
            "places. I propose regular speed-dating events at schools and youth centres: young "
            "people and companies meet for ten-minute talks, no CV needed. Apprentices who came "
            "to Germany themselves could share their experience."
        ),
        "votes": 8,
        "answers": [
            (
                ProposalStatus.ACCEPTED,
                "Wir nehmen den Vorschlag an. Gemeinsam mit der IHK Hanau-Gelnhausen-Schlüchtern "
                "und dem regionalen Handwerk laden wir ab dem Frühjahr zweimal im Jahr zu einem "
                "Ausbildungs-Speeddating ohne Bewerbungsunterlagen ein, abwechselnd in Hanau und "
                "Gelnhausen. Auszubildende mit Einwanderungsgeschichte berichten dort als "
                "Botschafterinnen und Botschafter von ihrem Weg.",
            )
        ],
        "comments": [
            {
                "by": "stefan",
                "lang": "de",
                "stance": "in_favour",
                "text": "Als Ausbilder im Handwerk kann ich sagen: Wir wären sofort dabei.",
            },
            {
                "by": "mehmet",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Gençler için çok iyi bir fırsat. Özgeçmiş istenmemesi önemli.",
            },
            {
                "by": "olena",
                "lang": "uk",
                "stance": "neutral",
                "text": "Добре, але важливо запрошувати й дівчат до технічних професій.",
            },
            {
                "by": "grace",
                "lang": "en",
                "reply_to": 2,
                "text": "Good point – we should invite role models of every gender.",
            },
        ],
    },
    {
        "by": "stefan",
        "lang": "de",
        "field": "work-training",
        "title": "Kostenloses Deutschlandticket für alle Auszubildenden",
        "text": (
            "Viele Ausbildungsbetriebe im Kreis liegen weit weg vom Wohnort, zum Beispiel von "
            "Schlüchtern nach Hanau. Für junge Menschen mit wenig Geld ist die Fahrt ein echtes "
            "Hindernis. Der Kreis sollte allen Auszubildenden das Deutschlandticket bezahlen."
        ),
        "translations": [
            {
                "lang": "ar",
                "by": "coord_hanau",
                "title": "تذكرة ألمانيا مجانًا لجميع المتدربين",
                "text": (
                    "كثير من شركات التدريب المهني في الدائرة بعيدة عن مكان السكن، مثلًا من "
                    "شلوختِرن إلى هاناو. تكلفة المواصلات عائق حقيقي للشباب ذوي الدخل المحدود. يجب "
                    "أن تدفع الدائرة ثمن تذكرة ألمانيا (Deutschlandticket) لجميع المتدربين."
                ),
            },
        ],
        "votes": 6,
        "answers": [
            (
                ProposalStatus.REJECTED,
                "Diesen Vorschlag können wir leider nicht umsetzen. Die Fahrtkosten aller "
                "Auszubildenden zu übernehmen, liegt nicht in der Zuständigkeit von Kreis und "
                "Stadt, und die Mittel dafür stehen im Haushalt nicht zur Verfügung. Für "
                "Auszubildende gibt es das günstigere Schülerticket Hessen; außerdem kann die "
                "Berufsausbildungsbeihilfe der Agentur für Arbeit Fahrtkosten übernehmen. Beides "
                "machen wir in Schulen und in der Berufsberatung bekannter. Den Wunsch nach "
                "einem kostenlosen Ticket haben wir an das Land Hessen weitergegeben.",
            )
        ],
        "comments": [
            {
                "by": "agnieszka",
                "lang": "pl",
                "stance": "in_favour",
                "text": "Mój syn dojeżdża do zakładu ponad godzinę. Bilet to dla nas duży wydatek.",
            },
            {
                "by": "dmitri",
                "lang": "ru",
                "stance": "against",
                "text": "Идея хорошая, но для района это очень дорого. Лучше сначала помочь "
                "тем, кто действительно не может платить.",
            },
            {
                "by": "stefan",
                "lang": "de",
                "reply_to": 1,
                "text": "Das stimmt, eine Lösung nur für Azubis mit wenig Geld wäre auch schon "
                "ein Fortschritt.",
            },
        ],
    },
    {
        "by": "mehmet",
        "lang": "tr",
        "field": "work-training",
        "title": "Velilere Türkçe meslek eğitimi bilgilendirme akşamları",
        "text": (
            "Birçok veli Almanya’daki ikili meslek eğitimi sistemini (Ausbildung) tanımıyor ve "
            "çocuklarını sadece üniversiteye yönlendirmek istiyor. Önerim: Okullarda ve "
            "derneklerde velilere Türkçe ve başka dillerde bilgilendirme akşamları düzenlensin. "
            "Meslek eğitimi almış gençler de kendi deneyimlerini anlatsın."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "mehmet",
                "title": "Informationsabende auf Türkisch für Eltern zur Berufsausbildung",
                "text": (
                    "Viele Eltern kennen das duale Ausbildungssystem in Deutschland nicht und "
                    "möchten ihre Kinder nur an die Universität schicken. Mein Vorschlag: In "
                    "Schulen und Vereinen gibt es Informationsabende für Eltern auf Türkisch und "
                    "in anderen Sprachen. Junge Menschen, die eine Ausbildung gemacht haben, "
                    "erzählen dort von ihren Erfahrungen."
                ),
            },
        ],
        "votes": 5,
        "answers": [
            (
                ProposalStatus.IMPLEMENTED,
                "Dieser Vorschlag ist umgesetzt: Seit diesem Schuljahr laden die Berufsberatung "
                "der Agentur für Arbeit und das Büro für Integration zu mehrsprachigen "
                "Elternabenden über die duale Ausbildung ein, unter anderem auf Türkisch, "
                "Arabisch und Russisch. Die Termine stehen im Veranstaltungskalender; Vereine, "
                "die einen eigenen Abend ausrichten möchten, unterstützen wir gern.",
            )
        ],
        "comments": [
            {
                "by": "samira",
                "lang": "ar",
                "stance": "in_favour",
                "text": "نحتاج هذا بالعربية أيضًا. كثير من الأهالي لا يعرفون نظام التدريب المهني.",
            },
            {
                "by": "stefan",
                "lang": "de",
                "stance": "in_favour",
                "text": "Sehr gut – und bitte auch die Betriebe einladen, nicht nur die "
                "Berufsberatung.",
            },
        ],
    },
    {
        "by": "olena",
        "lang": "de",
        "field": "language-education",
        "title": "Sprechstunde zur Anerkennung von Schulzeugnissen",
        "text": (
            "Meine Tochter hat in der Ukraine zehn Klassen abgeschlossen. Wir wussten lange "
            "nicht, wo wir ihr Zeugnis anerkennen lassen können und ob sie eine Ausbildung "
            "beginnen darf. Ich schlage eine regelmäßige Sprechstunde für Eltern und "
            "Jugendliche beim Staatlichen Schulamt vor, mit Sprachmittlung."
        ),
        "votes": 3,
        "comments": [
            {
                "by": "dmitri",
                "lang": "ru",
                "stance": "in_favour",
                "text": "У нас была та же проблема. Никто не знал, кто отвечает за признание "
                "аттестата.",
            },
            {
                "by": "agnieszka",
                "lang": "pl",
                "stance": "neutral",
                "text": "Może wystarczy lepsza informacja na stronie urzędu szkolnego?",
            },
            {
                "by": "oksana",
                "org": "hilfsnetzwerk",
                "lang": "de",
                "stance": "in_favour",
                "text": (
                    "Aus unserer Sprechstunde: Fast jede zweite Frage betrifft die Einordnung "
                    "ukrainischer Zeugnisse. Eine Website allein reicht nicht, weil jeder Fall "
                    "anders ist. Wir würden eine solche Sprechstunde gern mit Ehrenamtlichen "
                    "unterstützen, die übersetzen."
                ),
            },
        ],
    },
    {
        "by": "dmitri",
        "lang": "de",
        "field": "language-education",
        "title": "Hausaufgabenhilfe in zwei Sprachen",
        "text": (
            "Viele Kinder können gut rechnen, verstehen aber die Aufgaben auf Deutsch nicht. Ich "
            "schlage Hausaufgabengruppen vor, in denen Studierende den Stoff in zwei Sprachen "
            "erklären – auf Deutsch und in der Familiensprache des Kindes."
        ),
        "votes": 2,
        "comments": [
            {
                "by": "olena",
                "lang": "uk",
                "stance": "in_favour",
                "text": "Чудова ідея, мій син якраз має такі труднощі.",
            },
            {
                "by": "stefan",
                "lang": "de",
                "stance": "neutral",
                "text": "Schön, aber wer organisiert das? Vielleicht die Hochschule mit einem "
                "Tutorenprogramm.",
            },
        ],
    },
    {
        "by": "oksana",
        "org": "hilfsnetzwerk",
        "lang": "uk",
        "field": "language-education",
        "title": "Літні мовні табори перед переходом до звичайного класу",
        "text": (
            "Багато українських дітей після інтенсивного класу переходять до звичайного класу "
            "посеред навчального року і губляться. Пропонуємо літні мовні табори: два тижні "
            "німецької мови з іграми, екскурсіями та знайомством із майбутньою школою. Наша мережа "
            "може знайти волонтерів, а район і місто – приміщення та вчителів."
        ),
        "votes": 4,
        "translations": [
            {
                "lang": "de",
                "by": "oksana",
                "title": "Sprachcamps im Sommer vor dem Wechsel in die Regelklasse",
                "text": (
                    "Viele ukrainische Kinder wechseln nach der Intensivklasse mitten im Schuljahr "
                    "in eine Regelklasse und finden sich dort schwer zurecht. Wir schlagen "
                    "Sprachcamps im Sommer vor: zwei Wochen Deutsch mit Spielen, Ausflügen und "
                    "einem ersten Besuch in der neuen Schule. Unser Netzwerk findet Ehrenamtliche, "
                    "Kreis und Stadt stellen Räume und Lehrkräfte."
                ),
            },
        ],
        "comments": [
            {
                "by": "stefan",
                "lang": "de",
                "stance": "in_favour",
                "text": (
                    "Einige Schulen im Kreis machen das schon als Sommerschule – das ließe sich "
                    "gut ausweiten."
                ),
            },
            {
                "by": "agnieszka",
                "lang": "pl",
                "stance": "in_favour",
                "text": "Świetny pomysł, moja córka też by na tym skorzystała.",
            },
        ],
    },
]

# --- consultations ----------------------------------------------------------------------------
# phases: {kind: (first day, day after the last)} in days from today (midnight in Germany).
# owner: who created the consultation and writes its official answers.

CONSULTATIONS = [
    {
        "region": "kassel",
        "owner": "admin",
        "fields": ["language-education", "work-training"],
        "settings": {"vote_budget": 5, "answer_threshold": 5},
        "phases": {
            "information": (-28, -14),
            "proposals": (-14, 21),
            "discussion": (21, 35),
            "voting": (35, 56),
            "results": (56, 98),
        },
        "title": {
            "de": "Deutsch lernen und im Beruf ankommen",
            "en": "Learning German and getting started at work",
            "tr": "Almanca öğrenmek ve meslekte yer edinmek",
            "ar": "تعلّم الألمانية والانطلاق في الحياة المهنية",
        },
        "summary": {
            "de": "Sprachkurse mit Kinderbetreuung und eine schnellere Anerkennung mitgebrachter "
            "Abschlüsse: Die Stadt Kassel sammelt Ihre Vorschläge.",
            "en": "Language courses with childcare and faster recognition of qualifications "
            "gained abroad: the City of Kassel is collecting your proposals.",
            "tr": "Çocuk bakımlı dil kursları ve yurt dışında alınan diplomaların daha hızlı "
            "tanınması: Kassel Belediyesi önerilerinizi topluyor.",
            "ar": "دورات لغة مع رعاية للأطفال واعتراف أسرع بالشهادات المكتسبة في الخارج: "
            "مدينة كاسل تجمع اقتراحاتكم.",
        },
        "description": {
            "de": "Viele Menschen, die nach Kassel gezogen sind, möchten schnell Deutsch lernen "
            "und in ihrem Beruf arbeiten. Oft scheitert das an praktischen Hürden: Während des "
            "Kurses fehlt die Kinderbetreuung, oder die Anerkennung des Abschlusses dauert viele "
            "Monate. Die Stadt will ihre Angebote gemeinsam mit Ihnen verbessern. Wir freuen "
            "uns über Vorschläge zu:\n\n"
            "- Sprachkursen mit Kinderbetreuung in den Stadtteilen\n"
            "- Beratung zur Anerkennung ausländischer Berufs- und Studienabschlüsse\n"
            "- berufsbezogenen Sprachkursen und Praktika\n"
            "- Kursen am Abend und am Wochenende für Berufstätige",
            "en": "Many people who have moved to Kassel want to learn German quickly and work in "
            "their profession. Practical obstacles often stand in the way: there is no childcare "
            "during the course, or the recognition of a qualification takes many months. The "
            "city wants to improve its services together with you. We welcome proposals on:\n\n"
            "- language courses with childcare in the neighbourhoods\n"
            "- advice on the recognition of foreign vocational and academic qualifications\n"
            "- job-related language courses and internships\n"
            "- evening and weekend courses for people in work",
            "tr": "Kassel’e taşınan birçok kişi hızla Almanca öğrenmek ve kendi mesleğinde "
            "çalışmak istiyor. Bu çoğu zaman pratik engellere takılıyor: Kurs sırasında çocuk "
            "bakımı yok ya da diplomanın tanınması aylarca sürüyor. Belediye, hizmetlerini "
            "sizinle birlikte iyileştirmek istiyor. Şu konulardaki önerilerinizi bekliyoruz:\n\n"
            "- semtlerde çocuk bakımlı dil kursları\n"
            "- yurt dışında alınmış meslek ve üniversite diplomalarının tanınması konusunda "
            "danışmanlık\n"
            "- mesleğe yönelik dil kursları ve stajlar\n"
            "- çalışanlar için akşam ve hafta sonu kursları",
            "ar": "يرغب كثير من الأشخاص الذين انتقلوا إلى كاسل في تعلّم الألمانية بسرعة والعمل "
            "في مهنتهم. لكن عقبات عملية تقف في الطريق غالبًا: لا تتوفر رعاية للأطفال أثناء "
            "الدورة، أو يستغرق الاعتراف بالشهادة أشهرًا طويلة. تريد المدينة تحسين خدماتها "
            "بالتعاون معكم. نرحّب باقتراحاتكم حول:\n\n"
            "- دورات لغة مع رعاية للأطفال في الأحياء\n"
            "- الإرشاد بشأن الاعتراف بالشهادات المهنية والجامعية الأجنبية\n"
            "- دورات لغة مهنية وفترات تدريب عملي\n"
            "- دورات مسائية وفي عطلة نهاية الأسبوع للعاملين",
        },
        "proposals": KASSEL_PROPOSALS,
        "events": [
            {
                "key": "buergerversammlung",
                "name": "Bürgerversammlung „Deutsch lernen und arbeiten“",
                "place": "Stadtteilzentrum Wesertor, Kassel",
                "held": -2,
                "format": EventFormat.MEETING,
                "participants": 43,
                "by": "coord_kassel",
            },
        ],
        "easy_language": (
            "Die Stadt Kassel möchte wissen:\n\nWie können Menschen aus anderen Ländern gut "
            "Deutsch lernen?\n\nWie finden sie eine gute Arbeit?\n\nViele Menschen haben dabei "
            "Probleme.\n\nZum Beispiel:\n\n- Beim Deutsch-Kurs gibt es keine Betreuung für die "
            "Kinder.\n- Die Anerkennung dauert sehr lange.\n\nAnerkennung bedeutet:\n\nEin Amt "
            "prüft Ihr Zeugnis aus einem anderen Land.\n\nDann dürfen Sie in Ihrem Beruf "
            "arbeiten.\n\nSie können jetzt Vorschläge schreiben.\n\nSie können auch die Vorschläge "
            "von anderen Menschen lesen.\n\nSpäter stimmen alle über die Vorschläge ab."
        ),
    },
    {
        "region": "wetzlar",
        "owner": "admin",
        "fields": ["intercultural-opening", "language-education"],
        "settings": {"vote_budget": 3, "answer_threshold": 10},
        "phases": {
            "information": (-9, 5),
            "proposals": (5, 33),
            "discussion": (33, 47),
            "voting": (47, 68),
            "results": (68, 110),
        },
        "title": {
            "de": "Ein Bürgerbüro für alle",
            "en": "A citizens' office for everyone",
        },
        "easy_language": (
            "Im Bürger-Büro melden Sie Ihre Wohnung an.\n\nDort bekommen Sie auch einen "
            "Ausweis.\n\nDie Stadt Wetzlar möchte das Bürger-Büro besser machen.\n\nAlle Menschen "
            "sollen das Bürger-Büro gut verstehen.\n\nAuch Menschen aus anderen Ländern.\n\nBald "
            "können Sie Vorschläge schreiben.\n\nZum Beispiel:\n\n- Formulare in mehreren "
            "Sprachen.\n- Hilfe von einem Dolmetscher.\n\nEin Dolmetscher übersetzt ein Gespräch "
            "in eine andere Sprache."
        ),
        "summary": {
            "de": "Wie wird die Verwaltung verständlicher und leichter erreichbar? Sobald die "
            "Vorschlagsphase beginnt, können Sie Ideen für ein interkulturell offenes "
            "Bürgerbüro einreichen.",
            "en": "How can the administration become easier to understand and to reach? Once the "
            "proposal phase begins, you can submit ideas for an interculturally open citizens' "
            "office.",
        },
        "description": {
            "de": "Im Bürgerbüro melden Menschen ihren Wohnsitz an, beantragen Ausweise und "
            "holen Bescheinigungen ab. Für viele Zugewanderte ist es der erste Kontakt mit der "
            "Stadt Wetzlar – und nicht immer ein einfacher. Die Stadtverwaltung möchte ihre "
            "interkulturelle Öffnung voranbringen und fragt nach Ihren Erfahrungen und Ideen, "
            "zum Beispiel zu:\n\n"
            "- mehrsprachigen Formularen, Hinweisen und Terminbuchung\n"
            "- Sprachmittlung und Dolmetschen bei Terminen\n"
            "- Schulungen für die Mitarbeiterinnen und Mitarbeiter\n"
            "- Öffnungszeiten für Berufstätige und Familien",
            "en": "At the citizens' office people register their address, apply for identity "
            "documents and collect certificates. For many newcomers it is their first contact "
            "with the City of Wetzlar – and not always an easy one. The administration wants to "
            "advance its intercultural opening and asks for your experience and ideas, for "
            "example on:\n\n"
            "- multilingual forms, signs and appointment booking\n"
            "- language mediation and interpreting at appointments\n"
            "- training for the staff\n"
            "- opening hours for working people and families",
        },
        "proposals": [],
    },
    {
        "region": "wiesbaden",
        "owner": "coordinator",
        "fields": ["health-care", "intercultural-opening"],
        "settings": {"vote_budget": 5, "answer_threshold": 3},
        "phases": {
            "information": (-84, -70),
            "proposals": (-70, -35),
            "discussion": (-35, -14),
            "voting": (-14, 14),
            "results": (14, 56),
        },
        "title": {
            "de": "Gut ankommen in Wiesbaden: Willkommenspunkte und Gesundheitslotsen",
            "en": "Settling in well in Wiesbaden: welcome points and health guides",
            "tr": "Wiesbaden’de iyi bir başlangıç: Karşılama noktaları ve sağlık rehberleri",
            "ar": "بداية جيدة في فيسبادن: نقاط ترحيب ومرشدون صحيون",
        },
        "summary": {
            "de": "Die Vorschläge sind gesammelt und diskutiert – jetzt entscheiden Sie mit, "
            "welche Ideen die Stadt zuerst umsetzen soll. Jede Person hat fünf Stimmen.",
            "en": "The proposals have been collected and discussed – now you help decide which "
            "ideas the city should implement first. Everyone has five votes.",
            "tr": "Öneriler toplandı ve tartışıldı – şimdi belediyenin hangi fikirleri önce "
            "hayata geçireceğine siz de karar veriyorsunuz. Herkesin beş oyu var.",
            "ar": "تم جمع الاقتراحات ومناقشتها – والآن تشاركون في اختيار الأفكار التي يجب أن "
            "تنفذها المدينة أولًا. لكل شخص خمسة أصوات.",
        },
        "description": {
            "de": "Wer neu in Wiesbaden ist, hat viele Fragen: Wo melde ich mich an? Wie finde "
            "ich eine Hausarztpraxis? Was mache ich nachts im Notfall? Die Stadt möchte "
            "Willkommenspunkte in den Ortsbezirken schaffen und Gesundheitslotsinnen und "
            "-lotsen ausbilden, die Neuzugewanderte in ihrer Sprache begleiten.\n\n"
            "- Willkommenspunkte: erste Anlaufstelle mit Beratung in mehreren Sprachen\n"
            "- Gesundheitslotsen: geschulte Ehrenamtliche erklären das Gesundheitssystem\n"
            "- Verwaltung: verständliche Informationen und Sprachmittlung im Bürgerbüro\n\n"
            "Vorschläge mit mindestens drei Stimmen erhalten eine öffentliche, begründete "
            "Antwort der Stadt.",
            "en": "Newcomers to Wiesbaden have many questions: Where do I register? How do I "
            "find a family doctor? What do I do in an emergency at night? The city wants to "
            "set up welcome points in the districts and train health guides who accompany "
            "newcomers in their own language.\n\n"
            "- welcome points: a first port of call with advice in several languages\n"
            "- health guides: trained volunteers explain the health system\n"
            "- administration: clear information and language mediation at the citizens' "
            "office\n\n"
            "Proposals with at least three votes receive a public, reasoned answer from the "
            "city.",
            "tr": "Wiesbaden’e yeni gelenlerin birçok sorusu var: Nerede kayıt yaptırırım? Aile "
            "hekimini nasıl bulurum? Gece acil bir durumda ne yaparım? Belediye, semtlerde "
            "karşılama noktaları kurmak ve yeni gelenlere kendi dillerinde eşlik edecek sağlık "
            "rehberleri yetiştirmek istiyor.\n\n"
            "- Karşılama noktaları: birçok dilde danışmanlık veren ilk başvuru yeri\n"
            "- Sağlık rehberleri: eğitimli gönüllüler sağlık sistemini anlatıyor\n"
            "- Belediye: anlaşılır bilgiler ve Bürgerbüro’da dil desteği\n\n"
            "En az üç oy alan öneriler belediyeden kamuya açık, gerekçeli bir yanıt alır.",
            "ar": "لدى القادمين الجدد إلى فيسبادن أسئلة كثيرة: أين أسجّل عنواني؟ كيف أجد طبيب "
            "أسرة؟ ماذا أفعل في حالة طارئة ليلًا؟ تريد المدينة إنشاء نقاط ترحيب في الأحياء "
            "وتدريب مرشدين صحيين يرافقون القادمين الجدد بلغتهم.\n\n"
            "- نقاط الترحيب: أول جهة يمكن التوجه إليها، مع استشارات بعدة لغات\n"
            "- المرشدون الصحيون: متطوعون مدرَّبون يشرحون النظام الصحي\n"
            "- الإدارة: معلومات واضحة ووساطة لغوية في مكتب خدمة المواطنين\n\n"
            "الاقتراحات التي تحصل على ثلاثة أصوات على الأقل تتلقى ردًا علنيًا ومعلّلًا من "
            "المدينة.",
        },
        "proposals": WIESBADEN_PROPOSALS,
        "statements": [
            {
                "org": "frauenverein",
                "by": "mariam",
                "lang": "de",
                "title": "Gesundheitslotsinnen, die Frauen erreichen",
                "text": (
                    "Der Afghanische Frauenverein Wiesbaden begrüßt, dass die Stadt "
                    "Willkommenspunkte schaffen und Gesundheitslotsen ausbilden will. Aus unserer "
                    "Beratung wissen wir: Viele Frauen aus Afghanistan gehen erst zum Arzt, wenn "
                    "es nicht mehr anders geht – weil sie den Weg nicht kennen, weil niemand die "
                    "Kinder betreut und weil sie sich nicht trauen, in einer fremden Sprache über "
                    "ihre Gesundheit zu sprechen.\n\nWir empfehlen:\n\n- **Lotsinnen für Frauen:** "
                    "Unter den Gesundheitslotsen sollten Frauen sein, die Dari, Paschtu und Farsi "
                    "sprechen.\n- **Kinderbetreuung:** Beratung im Willkommenspunkt mit Betreuung "
                    "für kleine Kinder.\n- **Professionelle Sprachmittlung:** Lotsinnen begleiten, "
                    "aber bei Diagnosen und Behandlungen braucht es geschulte Dolmetscherinnen.\n- "
                    "**Schulung und Aufwandsentschädigung:** Ehrenamtliche Lotsinnen brauchen eine "
                    "gute Schulung und eine Entschädigung für Fahrtkosten und Zeit.\n\nUnser "
                    "Verein bietet an, Frauen für die Ausbildung zu gewinnen und unsere Räume in "
                    "Biebrich für Sprechstunden zur Verfügung zu stellen."
                ),
                "before": {
                    "title": "Stellungnahme des Afghanischen Frauenvereins",
                    "text": (
                        "Der Afghanische Frauenverein Wiesbaden begrüßt, dass die Stadt "
                        "Willkommenspunkte schaffen und Gesundheitslotsen ausbilden will. Aus "
                        "unserer Beratung wissen wir: Viele Frauen aus Afghanistan gehen erst zum "
                        "Arzt, wenn es nicht mehr anders geht.\n\nWir empfehlen:\n\n- **Lotsinnen "
                        "für Frauen:** Unter den Gesundheitslotsen sollten Frauen sein, die Dari, "
                        "Paschtu und Farsi sprechen.\n- **Kinderbetreuung:** Beratung im "
                        "Willkommenspunkt mit Betreuung für kleine Kinder.\n\nUnser Verein bietet "
                        "an, Frauen für die Ausbildung zu gewinnen."
                    ),
                },
            },
        ],
        "easy_language": (
            "Sie sind neu in Wiesbaden?\n\nDann haben Sie sicher viele Fragen.\n\nDie Stadt "
            "Wiesbaden möchte Ihnen helfen.\n\nDafür soll es Willkommens-Punkte geben.\n\nDas sind "
            "Orte in Ihrem Stadt-Teil.\n\nDort bekommen Sie Beratung in mehreren Sprachen.\n\nEs "
            "soll auch Gesundheits-Lotsen geben.\n\nGesundheits-Lotsen sind Helfer.\n\nSie "
            "erklären Ihnen: So funktioniert das Gesundheits-System in Deutschland.\n\nJetzt ist "
            "die Abstimmung.\n\nSie haben 5 Stimmen.\n\nGeben Sie Ihre Stimmen den Vorschlägen, "
            "die Ihnen am besten gefallen."
        ),
    },
    {
        "region": "hochtaunus",
        "owner": "admin",
        "fields": ["housing-neighbourhood", "language-education"],
        "settings": {"vote_budget": 3, "answer_threshold": 5},
        "phases": {
            "information": (-56, -42),
            "proposals": (-42, -7),
            "discussion": (-7, 14),
            "voting": (14, 35),
            "results": (35, 77),
        },
        "title": {
            "de": "Wohnen und Nachbarschaft: Wohnraumberatung und Treffpunkte im Kreis",
            "en": "Housing and neighbourhood: housing advice and meeting places in the district",
        },
        "summary": {
            "de": "Die Vorschlagsphase ist beendet. Jetzt diskutieren wir die eingereichten "
            "Ideen zu Wohnraumberatung und Nachbarschaftstreffs – kommentieren Sie mit!",
            "en": "The proposal phase has ended. Now we are discussing the ideas submitted on "
            "housing advice and neighbourhood meeting places – join in with your comments!",
        },
        "description": {
            "de": "Eine Wohnung zu finden ist im Hochtaunuskreis für alle schwer – für "
            "Zugewanderte oft noch schwerer. Gute Nachbarschaft entsteht dort, wo Menschen "
            "sich begegnen können. Der Kreis möchte gemeinsam mit den Städten und Gemeinden "
            "Beratung und Begegnung stärken.\n\n"
            "- Wohnraumberatung in mehreren Sprachen, auch für Vermieterinnen und Vermieter\n"
            "- Nachbarschaftstreffs in bestehenden Bürger- und Gemeindehäusern\n"
            "- Sprachkurse auch in kleineren Gemeinden\n\n"
            "In der Diskussionsphase können Sie die Vorschläge kommentieren; neue Vorschläge "
            "sind nicht mehr möglich.",
            "en": "Finding a flat in the Hochtaunus district is hard for everyone – and often "
            "harder still for newcomers. Good neighbourhoods grow where people can meet. The "
            "district wants to strengthen advice and encounters together with its towns and "
            "municipalities.\n\n"
            "- housing advice in several languages, also for landlords\n"
            "- neighbourhood meeting places in existing community halls\n"
            "- language courses in smaller municipalities too\n\n"
            "During the discussion phase you can comment on the proposals; new proposals are no "
            "longer possible.",
        },
        "proposals": HOCHTAUNUS_PROPOSALS,
        "statements": [
            {
                "org": "sozialwerk",
                "by": "claudia",
                "lang": "de",
                "title": "Stellungnahme des Migrationsdienstes im Taunus-Sozialwerk",
                "text": (
                    "Aus unserer Beratung in Bad Homburg, Oberursel und Usingen können wir die "
                    "Vorschläge dieser Beteiligung gut einordnen. Die Wohnungssuche belastet "
                    "Zugewanderte im Kreis am meisten; viele Familien leben seit Jahren in "
                    "Gemeinschaftsunterkünften, obwohl sie ausziehen dürften.\n\nWir unterstützen "
                    "besonders:\n\n- eine **Wohnraumberatung in mehreren Sprachen**, die auch "
                    "Vermieterinnen und Vermieter berät, wie im Vorschlag einer festen "
                    "Ansprechstelle beschrieben;\n- **ehrenamtliche Wohnungslotsen**, wenn eine "
                    "hauptamtliche Stelle sie schult und begleitet;\n- **Nachbarschaftstreffs** in "
                    "bestehenden Häusern, weil sie ohne neue Gebäude auskommen.\n\nFür die "
                    "Umsetzung regen wir an, die Beratung mit den bestehenden Diensten "
                    "abzustimmen, damit keine Doppelstrukturen entstehen. Unser Migrationsdienst "
                    "bringt gern seine Erfahrung und seine Sprachen (Russisch, Farsi, Englisch) "
                    "ein."
                ),
                "before": {
                    "title": "Stellungnahme des Migrationsdienstes im Taunus-Sozialwerk",
                    "text": (
                        "Aus unserer Beratung in Bad Homburg, Oberursel und Usingen können wir die "
                        "Vorschläge dieser Beteiligung gut einordnen. Die Wohnungssuche belastet "
                        "Zugewanderte im Kreis am meisten.\n\nWir unterstützen besonders die "
                        "Wohnraumberatung in mehreren Sprachen und die Nachbarschaftstreffs in "
                        "bestehenden Häusern.\n\nUnser Migrationsdienst bringt gern seine "
                        "Erfahrung ein."
                    ),
                },
            },
            {
                "org": "frauenverein",
                "by": "mariam",
                "lang": "fa",
                "title": "دیدگاه انجمن زنان افغان دربارهٔ مسکن و همسایگی",
                "text": (
                    "بسیاری از خانواده‌های افغان در شهرستان هوخ‌تاونوس سال‌هاست در اقامتگاه‌های "
                    "جمعی زندگی می‌کنند. در این شرایط زنان و کودکان کمترین فضای آرام را دارند. ما "
                    "از مشاورهٔ مسکن به چند زبان و از دیدارگاه‌های همسایگی پشتیبانی می‌کنیم و "
                    "پیشنهاد می‌کنیم:\n\n- در مشاورهٔ مسکن مشاوران زن هم حضور داشته باشند.\n- "
                    "دیدارگاه‌های همسایگی ساعت‌هایی ویژهٔ زنان و کودکان داشته باشند.\n- کلاس‌های "
                    "زبان در شهرهای کوچک همراه با نگهداری از کودکان برگزار شود.\n\nاعضای انجمن ما "
                    "آماده‌اند در اوزینگن و باد هومبورگ به خانواده‌ها کمک کنند."
                ),
                "translations": [
                    {
                        "lang": "de",
                        "by": "mariam",
                        "title": (
                            "Stellungnahme des Afghanischen Frauenvereins zu Wohnen und "
                            "Nachbarschaft"
                        ),
                        "text": (
                            "Viele afghanische Familien im Hochtaunuskreis leben seit Jahren in "
                            "Gemeinschaftsunterkünften. Frauen und Kinder haben dort am wenigsten "
                            "Ruhe. Wir unterstützen die Wohnraumberatung in mehreren Sprachen und "
                            "die Nachbarschaftstreffs und schlagen vor:\n\n- In der "
                            "Wohnraumberatung sollen auch Beraterinnen arbeiten.\n- Die "
                            "Nachbarschaftstreffs sollen Zeiten nur für Frauen und Kinder "
                            "haben.\n- Sprachkurse in kleinen Orten sollen eine Kinderbetreuung "
                            "haben.\n\nDie Mitglieder unseres Vereins helfen Familien gern in "
                            "Usingen und Bad Homburg."
                        ),
                    },
                ],
            },
        ],
        "easy_language": (
            "Im Hoch-Taunus-Kreis ist es schwer, eine Wohnung zu finden.\n\nFür Menschen aus "
            "anderen Ländern ist es oft noch schwerer.\n\nDer Kreis möchte helfen.\n\nEs soll eine "
            "Beratung zum Wohnen geben.\n\nDie Beratung soll in mehreren Sprachen sein.\n\nEs soll "
            "auch Treff-Punkte für Nachbarn geben.\n\nDort können sich die Menschen "
            "kennenlernen.\n\nMenschen haben schon Vorschläge geschrieben.\n\nJetzt können Sie die "
            "Vorschläge kommentieren.\n\nKommentieren bedeutet: Sie schreiben Ihre Meinung zu "
            "einem Vorschlag.\n\nNeue Vorschläge können Sie jetzt nicht mehr schreiben."
        ),
    },
    {
        "region": "offenbach",
        "owner": "admin",
        "fields": ["civic-engagement", "housing-neighbourhood"],
        "settings": {
            "moderation_mode": ModerationMode.PRE,
            "voting_mode": VotingMode.FOR_AGAINST,
            "vote_budget": 0,
            "answer_threshold": 10,
        },
        "phases": {
            "information": (-35, -21),
            "proposals": (-21, 14),
            "discussion": (14, 28),
            "voting": (28, 49),
            "results": (49, 91),
        },
        "title": {
            "de": "Mehr Stimme für Migrantenorganisationen",
            "en": "A stronger voice for migrant organisations",
            "tr": "Göçmen örgütlerine daha güçlü bir ses",
            "ar": "صوت أقوى لمنظمات المهاجرين",
        },
        "summary": {
            "de": "Wie können Vereine und Migrantenorganisationen in Offenbach besser mitreden – "
            "im Ausländerbeirat, in den Stadtteilen und bei der Stadt? Reichen Sie Ihre "
            "Vorschläge ein.",
            "en": "How can associations and migrant organisations in Offenbach have more say – "
            "in the foreigners' advisory council, in the neighbourhoods and with the city? "
            "Submit your proposals.",
            "tr": "Offenbach’taki dernekler ve göçmen örgütleri Ausländerbeirat’ta, semtlerde ve "
            "belediyede nasıl daha çok söz sahibi olabilir? Önerilerinizi paylaşın.",
            "ar": "كيف يمكن للجمعيات ومنظمات المهاجرين في أوفنباخ أن يكون لها صوت أكبر – في "
            "المجلس الاستشاري للأجانب وفي الأحياء ولدى البلدية؟ قدّموا اقتراحاتكم.",
        },
        "description": {
            "de": "In Offenbach engagieren sich Dutzende Migrantenorganisationen: Kultur- und "
            "Elternvereine, Sportvereine, religiöse Gemeinden und Initiativen. Sie kennen die "
            "Anliegen vieler Menschen, doch ihre Stimme kommt in Politik und Verwaltung nicht "
            "immer an. Der Ausländerbeirat vertritt die Menschen ohne deutschen Pass gegenüber "
            "der Stadtverordnetenversammlung. Gemeinsam wollen wir klären, wie Beteiligung "
            "besser gelingt.\n\n"
            "- Zusammenarbeit von Ausländerbeirat und Vereinen\n"
            "- Räume, Beratung und Fördermittel für Vereine\n"
            "- Begegnung und Engagement in den Stadtteilen\n\n"
            "Neue Beiträge prüft die Moderation vor der Veröffentlichung. In der "
            "Abstimmungsphase können Sie für oder gegen Vorschläge stimmen.",
            "en": "Dozens of migrant organisations are active in Offenbach: cultural and "
            "parents' associations, sports clubs, religious communities and initiatives. They "
            "know what concerns many people, yet their voice does not always reach politics and "
            "the administration. The foreigners' advisory council (Ausländerbeirat) represents "
            "people without a German passport before the city council. Together we want to "
            "find out how participation can work better.\n\n"
            "- cooperation between the advisory council and associations\n"
            "- rooms, advice and funding for associations\n"
            "- encounters and engagement in the neighbourhoods\n\n"
            "New contributions are checked by the moderators before they are published. In the "
            "voting phase you can vote for or against proposals.",
            "tr": "Offenbach’ta onlarca göçmen örgütü faaliyet gösteriyor: kültür ve veli "
            "dernekleri, spor kulüpleri, dini cemaatler ve girişimler. Birçok insanın "
            "ihtiyaçlarını biliyorlar, ancak sesleri siyasete ve yönetime her zaman ulaşmıyor. "
            "Ausländerbeirat, Alman pasaportu olmayan insanları belediye meclisi karşısında "
            "temsil ediyor. Katılımın nasıl daha iyi olabileceğini birlikte konuşmak "
            "istiyoruz.\n\n"
            "- Ausländerbeirat ile dernekler arasında iş birliği\n"
            "- dernekler için mekân, danışmanlık ve maddi destek\n"
            "- semtlerde buluşma ve gönüllü katılım\n\n"
            "Yeni katkılar yayımlanmadan önce moderasyon tarafından kontrol edilir. Oylama "
            "aşamasında önerilerin lehinde ya da aleyhinde oy verebilirsiniz.",
            "ar": "تنشط في أوفنباخ عشرات من منظمات المهاجرين: جمعيات ثقافية وجمعيات أولياء "
            "أمور ونوادٍ رياضية وجماعات دينية ومبادرات. هذه المنظمات تعرف هموم كثير من الناس، "
            "لكن صوتها لا يصل دائمًا إلى السياسة والإدارة. يمثّل المجلس الاستشاري للأجانب "
            "(Ausländerbeirat) الأشخاص الذين لا يحملون الجنسية الألمانية أمام مجلس المدينة. "
            "نريد أن نبحث معًا كيف يمكن أن تنجح المشاركة بشكل أفضل.\n\n"
            "- التعاون بين المجلس الاستشاري والجمعيات\n"
            "- قاعات واستشارات ودعم مالي للجمعيات\n"
            "- اللقاءات والعمل التطوعي في الأحياء\n\n"
            "تراجع الإدارة المشرفة المساهمات الجديدة قبل نشرها. في مرحلة التصويت يمكنكم "
            "التصويت لصالح الاقتراحات أو ضدها.",
        },
        "proposals": OFFENBACH_PROPOSALS,
        "events": [
            {
                "key": "papierboegen",
                "name": "Beteiligungsbögen auf Papier",
                "place": "Stadtteilbüro Nordend, Offenbach",
                "held": -3,
                "format": EventFormat.PAPER_FORM,
                "participants": 17,
                "by": "coord_offenbach",
            },
        ],
        "easy_language": (
            "In Offenbach gibt es viele Vereine.\n\nIn manchen Vereinen sind vor allem Menschen "
            "aus anderen Ländern.\n\nDiese Vereine heißen: Migranten-Organisationen.\n\nDie Stadt "
            "Offenbach möchte wissen:\n\nWie können diese Vereine mehr mit-bestimmen?\n\nZum "
            "Beispiel in der Politik und in den Stadt-Teilen.\n\nSie können jetzt Vorschläge "
            "schreiben.\n\nWichtig:\n\nZuerst prüft ein Mitarbeiter Ihren Vorschlag.\n\nDanach "
            "können alle Ihren Vorschlag lesen.\n\nSpäter stimmen alle ab.\n\nSie können für einen "
            "Vorschlag stimmen.\n\nOder Sie können gegen einen Vorschlag stimmen."
        ),
    },
    {
        "region": "main-kinzig-hanau",
        "owner": "admin",
        "fields": ["language-education", "work-training"],
        "settings": {"vote_budget": 5, "answer_threshold": 5},
        "phases": {
            "information": (-119, -105),
            "proposals": (-105, -70),
            "discussion": (-70, -49),
            "voting": (-49, -7),
            "results": (-7, 35),
        },
        "title": {
            "de": "Schule, Eltern, Ausbildung: Übergänge gemeinsam gestalten",
            "en": "School, parents, apprenticeships: shaping transitions together",
        },
        "summary": {
            "de": "Die Abstimmung ist beendet. Hier finden Sie die Ergebnisse und die Antworten "
            "von Kreis und Stadt auf die meistunterstützten Vorschläge.",
            "en": "Voting has ended. Here you find the results and the answers of the district "
            "and the city to the most supported proposals.",
        },
        "description": {
            "de": "Ob der Wechsel auf die weiterführende Schule oder der Einstieg in eine "
            "Ausbildung gelingt, hängt auch davon ab, wie gut Eltern informiert sind und wie "
            "Schulen, Betriebe und Familien zusammenarbeiten. Der Main-Kinzig-Kreis und die "
            "Stadt Hanau haben gefragt, was dafür fehlt.\n\n"
            "- Zusammenarbeit von Schulen und Eltern, auch über Sprachgrenzen hinweg\n"
            "- Orientierung über die duale Ausbildung\n"
            "- Zugang zu Ausbildungsplätzen für junge Zugewanderte\n\n"
            "Vorschläge mit mindestens fünf Stimmen haben eine öffentliche, begründete Antwort "
            "erhalten.",
            "en": "Whether the move to secondary school or the start of an apprenticeship "
            "succeeds also depends on how well parents are informed and how schools, companies "
            "and families work together. The Main-Kinzig district and the City of Hanau asked "
            "what is missing.\n\n"
            "- cooperation between schools and parents, across language barriers too\n"
            "- guidance on the dual vocational training system\n"
            "- access to apprenticeships for young newcomers\n\n"
            "Proposals with at least five votes have received a public, reasoned answer.",
        },
        "proposals": MAIN_KINZIG_HANAU_PROPOSALS,
        "statements": [
            {
                "org": "hilfsnetzwerk",
                "by": "oksana",
                "lang": "de",
                "title": "Stellungnahme des Ukrainischen Hilfsnetzwerks Hanau",
                "text": (
                    "Seit 2022 haben wir mehr als 300 ukrainische Familien bei der Schulanmeldung "
                    "begleitet. Unsere wichtigsten Erfahrungen für diese Beteiligung:\n\n- Eltern "
                    "wissen oft nicht, welche Schulform ihr Kind besuchen kann, weil Zeugnisse aus "
                    "der Ukraine nicht eingeordnet werden. Eine **Sprechstunde zur Anerkennung von "
                    "Schulzeugnissen** würde Familien Monate sparen.\n- **Elternmentorinnen und "
                    "-mentoren** halten wir für den wirksamsten Vorschlag: Unsere Ehrenamtlichen "
                    "übernehmen diese Rolle schon heute, ohne Schulung und ohne Entschädigung.\n- "
                    "Jugendliche ab 16 Jahren fallen oft durch alle Raster: zu alt für die "
                    "Intensivklasse, ohne Zeugnis keine Ausbildung. Hier braucht es eigene "
                    "Angebote der beruflichen Schulen.\n\nWir bringen unsere Erfahrungen gern in "
                    "die Umsetzung ein."
                ),
            },
            {
                "org": "elternverein",
                "by": "zeynep",
                "lang": "tr",
                "title": "Velileri okul ve meslek eğitimi sürecine katalım",
                "text": (
                    "Türk-Alman Veli Derneği olarak Hanau ve Offenbach’ta her yıl yüzlerce veliyle "
                    "konuşuyoruz. Gördüğümüz şu: Veliler çocuklarının geleceğini çok önemsiyor, "
                    "ancak Alman okul sistemini ve meslek eğitimini yeterince tanımıyor.\n\nBu "
                    "nedenle şu önerileri destekliyoruz:\n\n- okul mektuplarının velilerin "
                    "dillerine çevrilmesi,\n- okullarda veli mentorları,\n- meslek eğitimi "
                    "hakkında çok dilli bilgilendirme akşamları.\n\nDernek olarak bu akşamları "
                    "okullarla birlikte düzenlemeye hazırız."
                ),
                "translations": [
                    {
                        "lang": "de",
                        "by": "zeynep",
                        "title": "Eltern in Schule und Berufsausbildung einbeziehen",
                        "text": (
                            "Als Türkisch-Deutscher Elternverein sprechen wir in Hanau und "
                            "Offenbach jedes Jahr mit Hunderten Eltern. Unsere Erfahrung: Den "
                            "Eltern ist die Zukunft ihrer Kinder sehr wichtig, aber sie kennen das "
                            "deutsche Schulsystem und die Berufsausbildung zu wenig.\n\nDeshalb "
                            "unterstützen wir diese Vorschläge:\n\n- Schulbriefe in die Sprachen "
                            "der Eltern übersetzen,\n- Elternmentorinnen und -mentoren an den "
                            "Schulen,\n- mehrsprachige Informationsabende zur "
                            "Berufsausbildung.\n\nAls Verein sind wir bereit, diese Abende "
                            "gemeinsam mit den Schulen auszurichten."
                        ),
                    },
                ],
            },
        ],
        "easy_language": (
            "Es geht um Schule und Ausbildung.\n\nAusbildung bedeutet: Sie lernen einen "
            "Beruf.\n\nSie lernen in einer Firma und in der Berufs-Schule.\n\nDer "
            "Main-Kinzig-Kreis und die Stadt Hanau haben gefragt:\n\nWie können Eltern ihren "
            "Kindern in der Schule besser helfen?\n\nWie finden junge Menschen einen "
            "Ausbildungs-Platz?\n\nViele Menschen haben Vorschläge geschrieben.\n\nDann haben alle "
            "abgestimmt.\n\nDie Abstimmung ist jetzt vorbei.\n\nHier sehen Sie die "
            "Ergebnisse.\n\nDer Kreis und die Stadt haben auf die wichtigsten Vorschläge "
            "geantwortet."
        ),
    },
    {
        "region": "wiesbaden",
        "owner": "coordinator",
        "state": ConsultationState.DRAFT,
        "fields": ["civic-engagement"],
        "settings": {"vote_budget": 5, "answer_threshold": 3},
        "phases": {
            "information": (21, 35),
            "proposals": (35, 70),
            "discussion": (70, 84),
            "voting": (84, 105),
            "results": (105, 147),
        },
        "title": {
            "de": "Ehrenamt für alle: Vereine interkulturell öffnen",
            "en": "Volunteering for everyone: opening clubs to all cultures",
        },
        "easy_language": (
            "Viele Vereine in Wiesbaden suchen neue Mitglieder.\n\nZum Beispiel Sport-Vereine oder "
            "die Feuerwehr.\n\nViele Menschen aus anderen Ländern möchten in einem Verein "
            "mitmachen.\n\nAber oft finden sie keinen Verein.\n\nDie Stadt Wiesbaden möchte "
            "helfen.\n\nDie Vereine sollen offen sein für alle Menschen.\n\nBald können Sie "
            "Vorschläge dazu schreiben."
        ),
        "summary": {
            "de": "Entwurf: Wie gewinnen Sportvereine, Feuerwehren und Ehrenamtsagenturen mehr "
            "Menschen mit Einwanderungsgeschichte?",
            "en": "Draft: how can sports clubs, fire brigades and volunteer agencies attract "
            "more people with a migration history?",
        },
        "description": {
            "de": "Viele Vereine in Wiesbaden suchen Nachwuchs, und viele Zugewanderte möchten "
            "sich engagieren – doch sie finden oft nicht zueinander. Wir wollen gemeinsam mit "
            "Vereinen, Migrantenorganisationen und der Ehrenamtsagentur Wege finden.\n\n"
            "- Ansprache und Informationen in mehreren Sprachen\n"
            "- Tandems zwischen Vereinen und Migrantenorganisationen\n"
            "- Schulungen zur interkulturellen Öffnung für Vorstände",
            "en": "Many clubs in Wiesbaden are looking for new members, and many newcomers want "
            "to get involved – yet they often do not find each other. Together with clubs, "
            "migrant organisations and the volunteer agency we want to find ways.\n\n"
            "- outreach and information in several languages\n"
            "- tandems between clubs and migrant organisations\n"
            "- training on intercultural opening for club boards",
        },
        "proposals": [],
    },
]


# --- loading ----------------------------------------------------------------------------------


@dataclass
class Context:
    """What every step needs: today (in Germany), now (naive UTC), the people, a seeded
    random source (so every load spreads the dates the same way), the organisations and the
    consultation's on-site events by key."""

    today: date
    now: datetime
    people: dict[str, User]
    rng: random.Random
    organisations: dict[str, Organisation] = field(default_factory=dict)
    events: dict[str, OnSiteEvent] = field(default_factory=dict)
    # When the next contribution of an event is entered (they are typed in one after another).
    entry_times: dict[str, datetime] = field(default_factory=dict)

    def day(self, offset: int) -> datetime:
        """Midnight in Germany `offset` days from today, as naive UTC."""
        local = datetime.combine(self.today + timedelta(days=offset), time(), tzinfo=BERLIN)
        return local.astimezone(UTC).replace(tzinfo=None)

    def during(self, offset: int) -> datetime:
        """A time during office hours (German time) `offset` days from today."""
        start = self.day(offset)
        return self.moments(start + timedelta(hours=8), start + timedelta(hours=18), 1)[0]

    def moments(self, start: datetime, end: datetime, count: int) -> list[datetime]:
        """`count` sorted times between start and end, never later than a few minutes ago."""
        end = min(end, self.now - timedelta(minutes=5))
        if end <= start:
            return [end] * count
        span = (end - start).total_seconds()
        return sorted(
            self._awake(start + timedelta(seconds=int(span * self.rng.uniform(0.02, 0.98))), end)
            for _ in range(count)
        )

    @staticmethod
    def _awake(moment: datetime, end: datetime) -> datetime:
        """Move a time in the small hours (German time) to the morning, if that is not late."""
        local_hour = moment.replace(tzinfo=UTC).astimezone(BERLIN).hour
        later = moment + timedelta(hours=7)
        return later if local_hour < 7 and later <= end else moment

    def person_id(self, key: str) -> int | None:
        person = self.people.get(key)
        return person.id if person else None

    def entered(self, event_key: str) -> datetime:
        """When the next contribution of an on-site event was typed in: a few minutes after
        the one before, starting the morning after the event."""
        moment = self.entry_times[event_key]
        self.entry_times[event_key] = moment + timedelta(minutes=7)
        return min(moment, self.now - timedelta(minutes=5))


def resident_email(data: dict) -> str:
    """A resident's demo address: "Ahmad R." becomes ahmad.r@demo.mitreden.example."""
    local = data["name"].lower().replace(" ", ".").replace("-", "").rstrip(".")
    return f"{local}@{RESIDENT_DOMAIN}"


def account_email(data: dict) -> str:
    """The address of a resident or of an organisation's demo account."""
    return data.get("email") or resident_email(data)


def load_demo_consultations() -> int:
    """Create the missing demo people, organisations and consultations; return how many
    records."""
    now = clock.utcnow_naive()
    today = clock.now().astimezone(BERLIN).date()
    regions = {region.slug: region for region in db.session.scalars(db.select(Region))}
    created = _create_missing_people(regions, today)
    people = _people()
    fields = {item.slug: item for item in db.session.scalars(db.select(FieldOfAction))}
    rng = random.Random("organisations")  # noqa: S311 (demo dates, not security)
    created += _create_missing_organisations(regions, fields, Context(today, now, people, rng))
    organisations = _organisations()
    for data in CONSULTATIONS:
        region = regions.get(data["region"])
        if region is None or _consultation_exists(region, data["title"]["de"]):
            continue
        # Seeded by the title: the same consultation gets the same spread of dates every time.
        rng = random.Random(data["title"]["de"])  # noqa: S311 (demo dates, not security)
        ctx = Context(today, now, people, rng, organisations)
        created += _create_consultation(data, region, fields, ctx)
    db.session.commit()
    return created


def _create_missing_people(regions: dict[str, Region], today: date) -> int:
    everyone = RESIDENTS + ORGANISATION_ACCOUNTS
    emails = [account_email(data) for data in everyone]
    existing = set(db.session.scalars(db.select(User.email).where(User.email.in_(emails))))
    missing = [data for data in everyone if account_email(data) not in existing]
    if not missing:
        return 0
    password_hash = passwords.hash_password(DEMO_PASSWORD)  # slow on purpose: once for all
    joined = datetime.combine(today - timedelta(days=250), time(9))
    for data in missing:
        db.session.add(
            User(
                email=normalise_email(account_email(data)),
                display_name=data["name"],
                password_hash=password_hash,
                locale=data["locale"],
                home_region=regions.get(data["home"]),
                confirmed_at=joined,
                privacy_accepted_at=joined,
                created_at=joined,
                updated_at=joined,
            )
        )
    db.session.flush()
    return len(missing)


def _people() -> dict[str, User]:
    """Residents and organisation accounts by key, plus the demo accounts of ACCOUNTS (missing
    ones are left out)."""
    emails = {account_email(data): data["key"] for data in RESIDENTS + ORGANISATION_ACCOUNTS}
    emails.update({email: key for key, email in ACCOUNTS.items()})
    users = db.session.scalars(db.select(User).where(User.email.in_(list(emails))))
    return {emails[user.email]: user for user in users}


# --- organisations ----------------------------------------------------------------------------


def _organisations() -> dict[str, Organisation]:
    """The demo organisations that exist, by key (found by name)."""
    keys = {data["name"]: data["key"] for data in ORGANISATIONS}
    found = db.session.scalars(db.select(Organisation).where(Organisation.name.in_(list(keys))))
    return {keys[organisation.name]: organisation for organisation in found}


def _create_missing_organisations(regions: dict, fields: dict, ctx: Context) -> int:
    existing = set(db.session.scalars(db.select(Organisation.name)))
    created = 0
    for data in ORGANISATIONS:
        people = data["admins"] + data["members"]
        if data["name"] in existing or any(key not in ctx.people for key in people):
            continue
        created += _create_organisation(data, regions, fields, ctx)
    db.session.flush()
    return created


def _create_organisation(data, regions: dict, fields: dict, ctx: Context) -> int:
    """The organisation as its first admin asked for it, then the coordination's decision,
    its members, and the open requests and invitations that concern it."""
    requested = ctx.during(data["requested"])
    requester = ctx.people[data["admins"][0]]
    organisation = Organisation(
        name=data["name"],
        kind=data["kind"],
        description=data["description"],
        website=data["website"],
        contact_email=data["contact"],
        status=OrganisationStatus.REQUESTED,
        requested_by_id=requester.id,
        regions=[regions[slug] for slug in data["regions"] if slug in regions],
        fields_of_action=[fields[slug] for slug in data["fields"] if slug in fields],
        created_at=requested,
    )
    organisation.refresh_search_key()
    organisation.decisions.append(
        VerificationDecision(decided_by_id=requester.id, action="request", created_at=requested)
    )
    coordinator_id = ctx.person_id(REGION_COORDINATORS[data["regions"][0]])
    decided = requested
    if "verified" in data:
        decided = ctx.during(data["verified"])
        organisation.status = OrganisationStatus.VERIFIED
        organisation.verified_at = decided
        organisation.decisions.append(
            VerificationDecision(decided_by_id=coordinator_id, action="verify", created_at=decided)
        )
    elif "declined" in data:
        offset, reason = data["declined"]
        decided = ctx.during(offset)
        organisation.status = OrganisationStatus.DECLINED
        organisation.decisions.append(
            VerificationDecision(
                decided_by_id=coordinator_id, action="decline", reason=reason, created_at=decided
            )
        )
    organisation.updated_at = decided
    for key in data["admins"]:
        organisation.memberships.append(
            Membership(
                user=ctx.people[key],
                role=MemberRole.ADMIN,
                created_at=requested,
                updated_at=requested,
            )
        )
    # Members join once the organisation is verified, within its first weeks.
    joined = ctx.moments(decided, decided + timedelta(days=30), len(data["members"]))
    for key, moment in zip(data["members"], joined, strict=True):
        organisation.memberships.append(
            Membership(
                user=ctx.people[key], role=MemberRole.MEMBER, created_at=moment, updated_at=moment
            )
        )
    db.session.add(organisation)
    created = 1 + len(organisation.decisions) + len(organisation.memberships)
    for person, key, offset, message in JOIN_REQUESTS:
        if key == data["key"] and person in ctx.people:
            db.session.add(
                JoinRequest(
                    organisation=organisation,
                    user_id=ctx.person_id(person),
                    message=message,
                    state=RequestState.OPEN,
                    created_at=ctx.during(offset),
                )
            )
            created += 1
    for key, inviter, email, role, offset in INVITATIONS:
        if key == data["key"]:
            db.session.add(
                Invitation(
                    organisation=organisation,
                    email=normalise_email(email),
                    role=role,
                    invited_by_id=ctx.person_id(inviter),
                    state=RequestState.OPEN,
                    created_at=ctx.during(offset),
                )
            )
            created += 1
    return created


# --- consultations ----------------------------------------------------------------------------


def _consultation_exists(region: Region, german_title: str) -> bool:
    titles = db.session.scalars(
        db.select(Consultation.title).where(Consultation.region_id == region.id)
    )
    return any((title or {}).get("de") == german_title for title in titles)


def _create_consultation(data, region: Region, fields: dict, ctx: Context) -> int:
    schedule = {
        kind: (ctx.day(start), ctx.day(end)) for kind, (start, end) in data["phases"].items()
    }
    problems = validate_schedule(schedule)
    if problems:
        raise ValueError(f"demo schedule of {data['title']['de']!r}: {problems}")
    region_fields = {item.slug for item in region.fields_of_action}
    state = data.get("state", ConsultationState.PUBLISHED)
    opened = min(schedule["information"][0], ctx.now)
    written = opened - timedelta(days=10)
    consultation = Consultation(
        region=region,
        title=data["title"],
        summary=data["summary"],
        description=data["description"],
        easy_language_summary=data.get("easy_language", ""),
        state=state,
        published_at=opened if state == ConsultationState.PUBLISHED else None,
        created_by_id=ctx.person_id(data["owner"]),
        created_at=written,
        updated_at=written,
        fields_of_action=[fields[slug] for slug in data["fields"] if slug in region_fields],
        phases=[
            Phase(kind=kind, starts_at=start, ends_at=end)
            for kind, (start, end) in schedule.items()
        ],
        **data.get("settings", {}),
    )
    db.session.add(consultation)
    db.session.flush()
    created = 1 + len(schedule)
    created += _create_events(consultation, data.get("events", []), ctx)

    items = data["proposals"]
    if items:
        start, end = schedule["proposals"]
        end = min(end, ctx.now)
        # The first four fifths of the window, so that comments have time to follow.
        times = ctx.moments(start, start + (end - start) * 4 / 5, len(items))
        ballots = _ballots(consultation, items, ctx)
        for item, moment, voters in zip(items, times, ballots, strict=True):
            with db.session.no_autoflush:
                proposal, count, translated = _create_proposal(
                    item, consultation, schedule, moment, ctx
                )
                proposal.votes_for = len(voters)
            db.session.flush()
            index_proposal(proposal)  # search_text is already current: no UPDATE of the proposal
            created += count + _add_votes(proposal, voters, schedule.get("voting"), ctx)
            created += _add_translations(translated, ctx)
    return created + _create_statements(consultation, data.get("statements", []), schedule, ctx)


def _create_events(consultation, items, ctx: Context) -> int:
    """On-site events, entered by the region's coordination the morning after."""
    for item in items:
        held_on = ctx.today + timedelta(days=item["held"])
        entered = min(ctx.day(item["held"] + 1) + timedelta(hours=9), ctx.now)
        event = OnSiteEvent(
            consultation=consultation,
            name=item["name"],
            place=item["place"],
            held_on=held_on,
            format=item["format"],
            participant_count=item.get("participants"),
            recorded_by_id=ctx.person_id(item["by"]),
            created_at=entered,
            updated_at=entered,
        )
        db.session.add(event)
        ctx.events[item["key"]] = event
        ctx.entry_times[item["key"]] = entered + timedelta(minutes=10)
    db.session.flush()
    return len(items)


def _origin(item, ctx: Context) -> dict:
    """Who a proposal or comment is from: a person, a person for an organisation, or an
    on-site event (then the coordinator who entered it is the author)."""
    if "event" in item:
        event = ctx.events[item["event"]]
        return {"author_id": event.recorded_by_id, "on_site_event": event}
    return {
        "author_id": ctx.person_id(item["by"]),
        "organisation": ctx.organisations.get(item["org"]) if "org" in item else None,
    }


def _create_proposal(item, consultation, schedule, moment, ctx: Context):
    """The proposal with its edit, comments and answers, all set before the first flush: a
    later UPDATE of the proposal would stamp its updated_at with today. Returns the proposal,
    how many records, and the translations to add once the ids exist."""
    fields = {entry.slug: entry for entry in consultation.fields_of_action}
    if "event" in item:
        moment = ctx.entered(item["event"])
    proposal = Proposal(
        consultation=consultation,
        title=item["title"],
        body=item["text"],
        language=item["lang"],
        field_of_action=fields.get(item["field"]),
        moderation_state=item.get("state", ModerationState.PUBLISHED),
        created_at=moment,
        updated_at=moment,
        **_origin(item, ctx),
    )
    created = 1
    last = moment
    if "before" in item:
        last = ctx.moments(moment, moment + timedelta(hours=20), 1)[0]
        proposal.revisions.append(
            ProposalRevision(
                title=item["before"]["title"], body=item["before"]["text"], created_at=last
            )
        )
        proposal.edited_at = proposal.updated_at = last
        created += 1
    comments_until = max(
        schedule[kind][1] for kind in ("proposals", "discussion") if kind in schedule
    )
    comment_items = item.get("comments", [])
    comments = _comments(proposal, comment_items, last, comments_until, ctx)
    created += len(comments)
    if comments:
        last = max(comment.created_at for comment in comments)
    created += _answers(proposal, item.get("answers", []), consultation, schedule, ctx)
    if item.get("withdrawn"):
        proposal.status = ProposalStatus.WITHDRAWN
        proposal.withdrawn_at = proposal.updated_at = ctx.moments(last, ctx.now, 1)[0]
    proposal.search_text = searchable_text(proposal.title, proposal.body)
    db.session.add(proposal)
    translated = [(proposal, item.get("translations", []))]
    translated += [
        (comment, data.get("translations", []))
        for comment, data in zip(comments, comment_items, strict=True)
    ]
    return proposal, created, translated


def _comments(proposal, items, since, until, ctx: Context) -> list[Comment]:
    times = ctx.moments(since, until, len(items))
    comments: list[Comment] = []
    for item, moment in zip(items, times, strict=True):
        parent = comments[item["reply_to"]] if "reply_to" in item else None
        if "event" in item:
            moment = max(ctx.entered(item["event"]), since)
        comment = Comment(
            consultation=proposal.consultation,
            proposal=proposal,
            parent=parent,
            body=item["text"],
            language=item["lang"],
            stance=item.get("stance"),
            moderation_state=item.get("state", ModerationState.PUBLISHED),
            created_at=moment,
            updated_at=moment,
            **_origin(item, ctx),
        )
        db.session.add(comment)
        comments.append(comment)
    proposal.comment_count = sum(comment.is_visible for comment in comments)
    return comments


def _add_translations(translated, ctx: Context) -> int:
    """Translations of contributions that have their ids: written within two days after the
    original's current version, by the person the item names."""
    created = 0
    for original, items in translated:
        since = max(original.created_at, original.edited_at or original.created_at)
        times = ctx.moments(since + timedelta(hours=1), since + timedelta(days=2), len(items))
        for item, moment in zip(items, times, strict=True):
            db.session.add(
                ContributionTranslation(
                    translation_of_id=original.id,
                    consultation_id=original.consultation_id,
                    author_id=ctx.person_id(item["by"]),
                    language=item["lang"],
                    title=item.get("title"),
                    body=item["text"],
                    moderation_state=item.get("state", ModerationState.PUBLISHED),
                    created_at=moment,
                    updated_at=moment,
                )
            )
            created += 1
    if created:
        db.session.flush()
    return created


def _create_statements(consultation, items, schedule, ctx: Context) -> int:
    """Statements of organisations, published during the discussion phase (only once it has
    begun); one of them edited a little later, keeping the earlier version."""
    discussion = schedule.get("discussion")
    if not items or discussion is None or discussion[0] > ctx.now:
        return 0
    start, end = discussion[0], min(discussion[1], ctx.now)
    times = ctx.moments(start, start + (end - start) * 2 / 3, len(items))
    created = 0
    translated = []
    for item, moment in zip(items, times, strict=True):
        organisation = ctx.organisations.get(item["org"])
        if organisation is None:
            continue
        author_id = ctx.person_id(item["by"])
        statement = Statement(
            consultation=consultation,
            author_id=author_id,
            organisation=organisation,
            title=item["title"],
            body=item["text"],
            language=item["lang"],
            moderation_state=ModerationState.PUBLISHED,
            created_at=moment,
            updated_at=moment,
        )
        created += 1
        if "before" in item:
            edited = ctx.moments(
                moment + timedelta(hours=2), min(moment + timedelta(days=3), end), 1
            )[0]
            statement.revisions.append(
                StatementRevision(
                    title=item["before"]["title"],
                    body=item["before"]["text"],
                    language=item["lang"],
                    written_by_id=author_id,
                    created_at=edited,
                )
            )
            statement.edited_at = statement.updated_at = edited
            created += 1
        db.session.add(statement)
        translated.append((statement, item.get("translations", [])))
    db.session.flush()
    return created + _add_translations(translated, ctx)


def _answers(proposal, items, consultation, schedule, ctx: Context) -> int:
    """Official answers: after the voting when it is over, else a few days after submission."""
    voting = schedule.get("voting")
    if voting and voting[1] <= ctx.now:
        since = voting[1]
    else:
        since = proposal.created_at + timedelta(days=2)
    times = ctx.moments(since, ctx.now, len(items))
    for (status, text), moment in zip(items, times, strict=True):
        proposal.responses.append(
            OfficialResponse(
                author_id=consultation.created_by_id, status=status, body=text, created_at=moment
            )
        )
        proposal.status = status
        proposal.updated_at = max(proposal.updated_at, moment)
    return len(items)


def _ballots(consultation, items, ctx: Context) -> list[list[User]]:
    """Who votes for which proposal: the wanted number of residents each, every resident
    within the vote budget, those with the most votes left first."""
    voting = consultation.phase("voting")
    if voting is None or voting.starts_at > ctx.now:
        return [[] for _ in items]
    voters = [ctx.people[data["key"]] for data in RESIDENTS if data["key"] in ctx.people]
    budget = consultation.vote_budget or len(items)
    left = {voter.id: budget for voter in voters}
    ballots: list[list[User]] = [[] for _ in items]
    ranked = sorted(range(len(items)), key=lambda index: -items[index].get("votes", 0))
    for index in ranked:
        item = items[index]
        published = item.get("state", ModerationState.PUBLISHED) == ModerationState.PUBLISHED
        if item.get("withdrawn") or not published:
            continue
        order = sorted(voters, key=lambda voter: (-left[voter.id], ctx.rng.random()))
        chosen = [voter for voter in order if left[voter.id] > 0][: item.get("votes", 0)]
        for voter in chosen:
            left[voter.id] -= 1
        ballots[index] = chosen
    return ballots


def _add_votes(proposal: Proposal, voters, voting, ctx: Context) -> int:
    """Support votes (value 1) of `voters`; the proposal's counter already matches them."""
    if not voters:
        return 0
    times = ctx.moments(voting[0], voting[1], len(voters))
    for voter, moment in zip(voters, times, strict=True):
        db.session.add(
            Vote(
                user_id=voter.id,
                proposal_id=proposal.id,
                consultation_id=proposal.consultation_id,
                value=1,  # a support vote (FOR): only the support-mode consultations get votes
                created_at=moment,
                updated_at=moment,
            )
        )
    db.session.flush()
    return len(voters)
