"""Demo consultations, so that `make run` shows a living platform.

One published consultation per model region, spread over the phases (together they show every
phase), one draft, demo residents who write proposals and comments in their languages, votes
and official answers. Every date is relative to the day of loading: the phases are current when
the demo is set up, and nothing is dated in the future.

Idempotent like the rest of the seed: a resident is identified by e-mail address, a consultation
by its German title within its region. A consultation that exists already is left alone with
everything in it; a missing one is created with all its content. Existing rows never change.
"""

import random
from dataclasses import dataclass
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
    "ayse": "bewohnerin@demo.mitreden.example",
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

# --- proposals and comments -------------------------------------------------------------------
# A proposal: by (resident key), lang, field (slug), title, text (Markdown); optional: votes
# (how many residents support it), before (title and text before one edit), answers (status,
# text), state (moderation), withdrawn. A comment: by, lang, text; optional: stance, reply_to
# (index of an earlier comment of the same proposal), state.

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
        "comments": [
            {
                "by": "ahmad",
                "lang": "ar",
                "stance": "in_favour",
                "text": "فكرة ممتازة. زوجتي تنتظر منذ سنة دورة مع رعاية للأطفال، "
                "ولا تستطيع الحضور بدونها.",
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
    random source (so every load spreads the dates the same way)."""

    today: date
    now: datetime
    people: dict[str, User]
    rng: random.Random

    def day(self, offset: int) -> datetime:
        """Midnight in Germany `offset` days from today, as naive UTC."""
        local = datetime.combine(self.today + timedelta(days=offset), time(), tzinfo=BERLIN)
        return local.astimezone(UTC).replace(tzinfo=None)

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


def resident_email(data: dict) -> str:
    """A resident's demo address: "Ahmad R." becomes ahmad.r@demo.mitreden.example."""
    local = data["name"].lower().replace(" ", ".").replace("-", "").rstrip(".")
    return f"{local}@{RESIDENT_DOMAIN}"


def load_demo_consultations() -> int:
    """Create the missing demo residents and consultations; return how many records."""
    now = clock.utcnow_naive()
    today = clock.now().astimezone(BERLIN).date()
    regions = {region.slug: region for region in db.session.scalars(db.select(Region))}
    created = _create_missing_residents(regions, today)
    people = _people()
    fields = {item.slug: item for item in db.session.scalars(db.select(FieldOfAction))}
    for data in CONSULTATIONS:
        region = regions.get(data["region"])
        if region is None or _consultation_exists(region, data["title"]["de"]):
            continue
        # Seeded by the title: the same consultation gets the same spread of dates every time.
        rng = random.Random(data["title"]["de"])  # noqa: S311 (demo dates, not security)
        created += _create_consultation(data, region, fields, Context(today, now, people, rng))
    db.session.commit()
    return created


def _create_missing_residents(regions: dict[str, Region], today: date) -> int:
    emails = [resident_email(data) for data in RESIDENTS]
    existing = set(db.session.scalars(db.select(User.email).where(User.email.in_(emails))))
    missing = [data for data in RESIDENTS if resident_email(data) not in existing]
    if not missing:
        return 0
    password_hash = passwords.hash_password(DEMO_PASSWORD)  # slow on purpose: once for all
    joined = datetime.combine(today - timedelta(days=150), time(9))
    for data in missing:
        db.session.add(
            User(
                email=normalise_email(resident_email(data)),
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
    """Residents by key, plus the demo accounts of ACCOUNTS (missing ones are left out)."""
    emails = {resident_email(data): data["key"] for data in RESIDENTS}
    emails.update({email: key for key, email in ACCOUNTS.items()})
    users = db.session.scalars(db.select(User).where(User.email.in_(list(emails))))
    return {emails[user.email]: user for user in users}


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

    items = data["proposals"]
    if not items:
        return created
    start, end = schedule["proposals"]
    end = min(end, ctx.now)
    # The first four fifths of the window, so that comments have time to follow.
    times = ctx.moments(start, start + (end - start) * 4 / 5, len(items))
    ballots = _ballots(consultation, items, ctx)
    for item, moment, voters in zip(items, times, ballots, strict=True):
        with db.session.no_autoflush:
            proposal, count = _create_proposal(item, consultation, schedule, moment, ctx)
            proposal.votes_for = len(voters)
        db.session.flush()
        index_proposal(proposal)  # search_text is already current: no UPDATE of the proposal
        created += count + _add_votes(proposal, voters, schedule.get("voting"), ctx)
    return created


def _create_proposal(item, consultation, schedule, moment, ctx: Context) -> tuple[Proposal, int]:
    """The proposal with its edit, comments and answers, all set before the first flush: a
    later UPDATE of the proposal would stamp its updated_at with today."""
    fields = {field.slug: field for field in consultation.fields_of_action}
    proposal = Proposal(
        consultation=consultation,
        author_id=ctx.person_id(item["by"]),
        title=item["title"],
        body=item["text"],
        language=item["lang"],
        field_of_action=fields.get(item["field"]),
        moderation_state=item.get("state", ModerationState.PUBLISHED),
        created_at=moment,
        updated_at=moment,
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
    comments = _comments(proposal, item.get("comments", []), last, comments_until, ctx)
    created += len(comments)
    if comments:
        last = comments[-1].created_at
    created += _answers(proposal, item.get("answers", []), consultation, schedule, ctx)
    if item.get("withdrawn"):
        proposal.status = ProposalStatus.WITHDRAWN
        proposal.withdrawn_at = proposal.updated_at = ctx.moments(last, ctx.now, 1)[0]
    proposal.search_text = searchable_text(proposal.title, proposal.body)
    db.session.add(proposal)
    return proposal, created


def _comments(proposal, items, since, until, ctx: Context) -> list[Comment]:
    times = ctx.moments(since, until, len(items))
    comments: list[Comment] = []
    for item, moment in zip(items, times, strict=True):
        parent = comments[item["reply_to"]] if "reply_to" in item else None
        comment = Comment(
            consultation=proposal.consultation,
            proposal=proposal,
            parent=parent,
            author_id=ctx.person_id(item["by"]),
            body=item["text"],
            language=item["lang"],
            stance=item.get("stance"),
            moderation_state=item.get("state", ModerationState.PUBLISHED),
            created_at=moment,
            updated_at=moment,
        )
        db.session.add(comment)
        comments.append(comment)
    proposal.comment_count = sum(comment.is_visible for comment in comments)
    return comments


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
