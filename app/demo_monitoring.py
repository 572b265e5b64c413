"""Demo data for the monitoring, so that the dashboard shows figures, time series and the small
groups it hides.

- More demo residents in every model region (and two without a home region), who registered
  one after another since the platform started, so registrations form a curve over the months.
- Voluntary participation profiles of about two thirds of the residents: age bands, languages
  spoken at home, migration experience. Wiesbaden and Offenbach have enough profiles for the
  share with migration experience to be shown; Wetzlar has fewer than five, so the dashboard
  shows "fewer than 5" there.
- Context indicators for the six model regions (population, share with a migration background,
  share without German citizenship, for two years). These are made-up example values of a
  plausible size, and their source says so: they must never pass for official statistics.
- An earlier, finished consultation round in Offenbach (the platform's first, some seven months
  ago), so the time series reach back before the current consultations: proposals, comments,
  votes, official answers and translations, and moderation with reports, hidden comments, a
  dismissed report and a confirmed appeal, each dated after what it answers.

Idempotent like the rest of the demo: a resident is identified by e-mail address, the earlier
round by its German title within its region. Profiles are created only while no demo account has
one (a withdrawn demo profile is not brought back), context figures only for a region that has
none. Existing rows never change.
"""

import random
from datetime import datetime, timedelta

from app.accounts import passwords
from app.accounts.models import User, normalise_email
from app.comments.models import Comment
from app.core import clock
from app.core.models import ModerationState
from app.demo_content import (
    BERLIN,
    REGION_COORDINATORS,
    RESIDENT_DOMAIN,
    Context,
    _consultation_exists,
    _create_consultation,
    _organisations,
    _people,
)
from app.extensions import db
from app.moderation.models import (
    Appeal,
    AppealOutcome,
    DecisionAction,
    ModerationDecision,
    Report,
    ReportReason,
)
from app.monitoring.models import (
    CONSENT_VERSION,
    AgeBand,
    ContextIndicator,
    MigrationExperience,
    ParticipationProfile,
    ProfileLanguage,
)
from app.proposals.models import ProposalStatus
from app.regions.models import FieldOfAction, Region
from app.seed import DEMO_PASSWORD

# The moderation account of app.seed.DEMO_USERS (moderates Offenbach).
MODERATOR = "moderation.offenbach@demo.mitreden.example"

# --- residents ------------------------------------------------------------------------------------
# `joined`: the day of confirmation, in days from today (the platform started 250 days ago).
# `home`: the home region of the account (None: not given).
RESIDENTS = [
    # Kassel
    {"key": "hevin", "name": "Hevin Y.", "locale": "de", "home": "kassel", "joined": -236},
    {"key": "tesfay", "name": "Tesfay H.", "locale": "en", "home": "kassel", "joined": -214},
    {"key": "svetlana", "name": "Svetlana K.", "locale": "ru", "home": "kassel", "joined": -171},
    {"key": "ali", "name": "Ali R.", "locale": "fa", "home": "kassel", "joined": -142},
    {"key": "marco", "name": "Marco L.", "locale": "de", "home": "kassel", "joined": -97},
    {"key": "lena", "name": "Lena B.", "locale": "de", "home": "kassel", "joined": -60},
    {"key": "amina", "name": "Amina D.", "locale": "ar", "home": "kassel", "joined": -18},
    # Wetzlar
    {"key": "sevgi", "name": "Sevgi A.", "locale": "tr", "home": "wetzlar", "joined": -152},
    {"key": "petra", "name": "Petra J.", "locale": "de", "home": "wetzlar", "joined": -83},
    {"key": "artem", "name": "Artem L.", "locale": "uk", "home": "wetzlar", "joined": -27},
    # Wiesbaden
    {
        "key": "yusuf",
        "name": "Yusuf Ö.",
        "email": "yusuf.oe",
        "locale": "tr",
        "home": "wiesbaden",
        "joined": -240,
    },
    {"key": "hana", "name": "Hana M.", "locale": "ar", "home": "wiesbaden", "joined": -201},
    {"key": "zahra", "name": "Zahra R.", "locale": "fa", "home": "wiesbaden", "joined": -178},
    {"key": "natalia", "name": "Natalia G.", "locale": "pl", "home": "wiesbaden", "joined": -146},
    {"key": "ingrid", "name": "Ingrid T.", "locale": "de", "home": "wiesbaden", "joined": -119},
    {"key": "michael", "name": "Michael R.", "locale": "de", "home": "wiesbaden", "joined": -104},
    {"key": "julia", "name": "Julia K.", "locale": "de", "home": "wiesbaden", "joined": -74},
    {"key": "bernd", "name": "Bernd S.", "locale": "de", "home": "wiesbaden", "joined": -58},
    {"key": "maksym", "name": "Maksym D.", "locale": "uk", "home": "wiesbaden", "joined": -39},
    {"key": "fatima", "name": "Fatima B.", "locale": "ar", "home": "wiesbaden", "joined": -9},
    # Hochtaunus
    {"key": "anja", "name": "Anja R.", "locale": "de", "home": "hochtaunus", "joined": -209},
    {"key": "omid", "name": "Omid N.", "locale": "fa", "home": "hochtaunus", "joined": -133},
    {"key": "tatjana", "name": "Tatjana S.", "locale": "ru", "home": "hochtaunus", "joined": -101},
    {"key": "luca", "name": "Luca M.", "locale": "de", "home": "hochtaunus", "joined": -66},
    {"key": "kerstin", "name": "Kerstin W.", "locale": "de", "home": "hochtaunus", "joined": -30},
    {"key": "ibrahim", "name": "Ibrahim K.", "locale": "ar", "home": "hochtaunus", "joined": -12},
    # Offenbach (the earlier round drew many people in)
    {"key": "nour", "name": "Nour A.", "locale": "ar", "home": "offenbach", "joined": -231},
    {"key": "olga", "name": "Olga W.", "locale": "ru", "home": "offenbach", "joined": -224},
    {"key": "bartek", "name": "Bartek N.", "locale": "pl", "home": "offenbach", "joined": -219},
    {"key": "jana", "name": "Jana F.", "locale": "de", "home": "offenbach", "joined": -212},
    {"key": "goran", "name": "Goran M.", "locale": "de", "home": "offenbach", "joined": -208},
    {"key": "uwe", "name": "Uwe B.", "locale": "de", "home": "offenbach", "joined": -205},
    {"key": "tobias", "name": "Tobias K.", "locale": "de", "home": "offenbach", "joined": -203},
    {"key": "frank", "name": "Frank H.", "locale": "de", "home": "offenbach", "joined": -199},
    {"key": "monika", "name": "Monika S.", "locale": "de", "home": "offenbach", "joined": -196},
    {"key": "hamid", "name": "Hamid S.", "locale": "fa", "home": "offenbach", "joined": -194},
    {"key": "aylin", "name": "Aylin K.", "locale": "tr", "home": "offenbach", "joined": -193},
    {"key": "desta", "name": "Desta G.", "locale": "en", "home": "offenbach", "joined": -192},
    {"key": "lisa", "name": "Lisa M.", "locale": "de", "home": "offenbach", "joined": -191},
    {"key": "marija", "name": "Marija P.", "locale": "de", "home": "offenbach", "joined": -191},
    # An account made for advertising: its one comment was hidden as spam.
    {
        "key": "umzug",
        "name": "Rhein-Main Umzüge",
        "email": "umzuege.rheinmain",
        "locale": "de",
        "home": None,
        "joined": -191,
    },
    # Main-Kinzig-Kreis and Hanau
    {
        "key": "bogdan",
        "name": "Bogdan I.",
        "locale": "de",
        "home": "main-kinzig-hanau",
        "joined": -229,
    },
    {
        "key": "halyna",
        "name": "Halyna P.",
        "locale": "uk",
        "home": "main-kinzig-hanau",
        "joined": -188,
    },
    {
        "key": "emre",
        "name": "Emre Ş.",
        "email": "emre.s",
        "locale": "tr",
        "home": "main-kinzig-hanau",
        "joined": -157,
    },
    {"key": "rana", "name": "Rana J.", "locale": "ar", "home": "main-kinzig-hanau", "joined": -115},
    {
        "key": "mateusz",
        "name": "Mateusz K.",
        "locale": "pl",
        "home": "main-kinzig-hanau",
        "joined": -79,
    },
    {
        "key": "sarah",
        "name": "Sarah B.",
        "locale": "de",
        "home": "main-kinzig-hanau",
        "joined": -51,
    },
    {
        "key": "ferhat",
        "name": "Ferhat D.",
        "locale": "tr",
        "home": "main-kinzig-hanau",
        "joined": -6,
    },
    # No home region given
    {"key": "alex", "name": "Alex T.", "locale": "de", "home": None, "joined": -163},
    {"key": "mina", "name": "Mina H.", "locale": "fa", "home": None, "joined": -55},
]

# --- participation profiles -----------------------------------------------------------------------
# key -> (age band, migration experience, languages spoken at home, home region answered).
# Language codes: ISO 639-1 where one exists, else ISO 639-3 (prs: Dari, ti: Tigrinya).
A, M = AgeBand, MigrationExperience
PROFILES = {
    # Kassel: 7 profiles
    "ahmad": (A.FROM_30, M.YES, ("ar", "de"), "kassel"),
    "irina": (A.FROM_45, M.YES, ("ru", "de"), "kassel"),
    "yonas": (A.FROM_30, M.YES, ("ti", "ar", "de"), "kassel"),
    "svetlana": (A.FROM_65, M.YES, ("ru",), "kassel"),
    "thomas": (A.FROM_45, M.NO, ("de",), "kassel"),
    "lena": (A.FROM_18, M.NO, ("de", "en"), "kassel"),
    "hevin": (A.FROM_18, M.PREFER_NOT, ("ku", "tr", "de"), "kassel"),
    # Wetzlar: 3 profiles, fewer than five
    "murat": (A.FROM_30, M.YES, ("tr", "de"), "wetzlar"),
    "sevgi": (A.FROM_45, M.YES, ("tr",), "wetzlar"),
    "petra": (A.FROM_45, M.NO, ("de",), "wetzlar"),
    # Wiesbaden: 11 profiles
    "olena": (A.FROM_30, M.YES, ("uk", "ru"), "wiesbaden"),
    "elif": (A.FROM_18, M.YES, ("tr", "de"), "wiesbaden"),
    "mariam": (A.FROM_30, M.YES, ("prs", "de"), "wiesbaden"),
    "zahra": (A.FROM_18, M.YES, ("prs", "fa", "de"), "wiesbaden"),
    "hana": (A.FROM_30, M.YES, ("ar",), "wiesbaden"),
    "yusuf": (A.FROM_45, M.YES, ("tr", "de"), "wiesbaden"),
    "jonas": (A.FROM_30, M.NO, ("de",), "wiesbaden"),
    "ingrid": (A.FROM_65, M.NO, ("de",), "wiesbaden"),
    "michael": (A.FROM_45, M.NO, ("de",), "wiesbaden"),
    "julia": (A.FROM_30, M.NO, ("de", "en"), "wiesbaden"),
    "bernd": (A.FROM_45, M.NO, ("de",), "wiesbaden"),
    # Hochtaunus: 5 profiles
    "farida": (A.FROM_30, M.YES, ("prs", "fa"), "hochtaunus"),
    "viktor": (A.FROM_45, M.YES, ("ru", "de"), "hochtaunus"),
    "sabine": (A.FROM_45, M.NO, ("de",), "hochtaunus"),
    "claudia": (A.FROM_30, M.NO, ("de", "en"), "hochtaunus"),
    "omid": (A.FROM_18, None, ("fa", "prs"), "hochtaunus"),
    # Offenbach: 12 profiles
    "leyla": (A.FROM_30, M.YES, ("de", "tr"), "offenbach"),
    "mehmet": (A.FROM_45, M.YES, ("tr", "de"), "offenbach"),
    "reza": (A.FROM_30, M.YES, ("fa",), "offenbach"),
    "zeynep": (A.FROM_45, M.YES, ("tr", "de"), "offenbach"),
    "ayse": (A.FROM_45, M.YES, ("tr",), "offenbach"),
    "nour": (A.FROM_18, M.YES, ("ar", "de"), "offenbach"),
    "olga": (A.FROM_30, M.YES, ("ru", "uk"), "offenbach"),
    "jana": (A.FROM_30, M.NO, ("de",), "offenbach"),
    "tobias": (A.FROM_18, M.NO, ("de",), "offenbach"),
    "monika": (A.FROM_45, M.NO, ("de",), "offenbach"),
    "uwe": (A.FROM_65, M.NO, ("de",), "offenbach"),
    "lisa": (A.FROM_30, M.NO, ("de", "en"), "offenbach"),
    # Main-Kinzig-Kreis and Hanau: 6 profiles
    "agnieszka": (A.FROM_30, M.YES, ("pl", "de"), "main-kinzig-hanau"),
    "samira": (A.FROM_30, M.YES, ("ar",), "main-kinzig-hanau"),
    "oksana": (A.FROM_45, M.YES, ("uk", "ru"), "main-kinzig-hanau"),
    "stefan": (A.FROM_45, M.NO, ("de",), "main-kinzig-hanau"),
    "sarah": (A.FROM_18, M.NO, ("de", "en"), "main-kinzig-hanau"),
    "grace": (A.PREFER_NOT, M.PREFER_NOT, ("en",), "main-kinzig-hanau"),
    # Without a home region
    "alex": (A.UNDER_18, M.NO, ("de",), None),
    "mina": (A.FROM_18, M.YES, ("prs", "fa"), None),
}
del A, M

# --- context indicators ---------------------------------------------------------------------------
# Made-up example values of a plausible size; the source must say so.
DEMO_SOURCE = "Beispielwert für die Demo – in Betrieb: Hessisches Statistisches Landesamt"
DEMO_NOTE = (
    "Gerundeter Beispielwert für die Vorführung der Plattform, keine amtliche Zahl. Im Betrieb "
    "trägt die Koordination hier den Wert aus der amtlichen Statistik mit Quelle ein."
)
CONTEXT_YEARS = (2023, 2024)
# region -> indicator key -> value per year of CONTEXT_YEARS
CONTEXT_VALUES = {
    "kassel": {
        "population": (204700, 205300),
        "migration_background_share": (41.2, 42.0),
        "foreign_nationals_share": (21.4, 22.1),
    },
    "wetzlar": {
        "population": (53400, 53600),
        "migration_background_share": (36.5, 37.3),
        "foreign_nationals_share": (19.2, 19.8),
    },
    "wiesbaden": {
        "population": (284300, 285000),
        "migration_background_share": (42.8, 43.6),
        "foreign_nationals_share": (22.0, 22.6),
    },
    "hochtaunus": {
        "population": (238900, 239600),
        "migration_background_share": (32.1, 32.9),
        "foreign_nationals_share": (16.3, 16.9),
    },
    "offenbach": {
        "population": (133000, 134200),
        "migration_background_share": (62.4, 63.1),
        "foreign_nationals_share": (38.6, 39.4),
    },
    "main-kinzig-hanau": {
        "population": (425800, 427300),
        "migration_background_share": (31.5, 32.4),
        "foreign_nationals_share": (15.8, 16.5),
    },
}

# --- the earlier round in Offenbach ---------------------------------------------------------------
# Items as in app.demo_content.CONSULTATIONS; a comment's "moderation" says what became of it:
# reports (reporter, reason), the moderator's action and reason, an appeal and its outcome.

EARLIER_PROPOSALS = [
    {
        "by": "leyla",
        "lang": "de",
        "field": "work-training",
        "title": "Anerkennungsberatung direkt im Stadtteil",
        "text": (
            "Wer im Ausland einen Beruf gelernt hat, muss für die Anerkennung oft nach Frankfurt "
            "oder Darmstadt fahren und wartet Wochen auf einen Termin. Mein Vorschlag: einmal pro "
            "Woche eine Sprechstunde zur Anerkennung von Berufsabschlüssen im Stadtteilbüro "
            "Nordend und in Lauterborn, mit Dolmetscherinnen für die häufigsten Sprachen."
        ),
        "translations": [
            {
                "lang": "ar",
                "by": "coord_offenbach",
                "title": "استشارة حول الاعتراف بالشهادات في الحي",
                "text": (
                    "من تعلّم مهنة في الخارج عليه غالبًا أن يسافر إلى فرانكفورت أو دارمشتات من "
                    "أجل الاعتراف بشهادته، وأن ينتظر أسابيع للحصول على موعد. اقتراحي: ساعة "
                    "استشارة أسبوعية حول الاعتراف بالمؤهلات المهنية في مكتب حي نوردإند وفي "
                    "لاوتربورن، بحضور مترجمات للغات الأكثر انتشارًا."
                ),
            },
        ],
        "votes": 11,
        "answers": [
            (
                ProposalStatus.UNDER_REVIEW,
                "Danke für diesen Vorschlag, der die meisten Stimmen erhalten hat. Wir klären mit "
                "der Anerkennungsberatung des Landes und dem Jobcenter, ob eine Sprechstunde im "
                "Stadtteil möglich ist.",
            ),
            (
                ProposalStatus.ACCEPTED,
                "Ab dem nächsten Quartal gibt es jeden Dienstagnachmittag eine "
                "Anerkennungssprechstunde im Stadtteilbüro Nordend und jeden zweiten Donnerstag "
                "eine in Lauterborn. Dolmetscherinnen für Arabisch, Türkisch und Farsi kommen auf "
                "Anfrage dazu.",
            ),
        ],
        "comments": [
            {
                "by": "mehmet",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Çok iyi bir fikir. Ben de diplomamın tanınması için üç kez Frankfurt’a "
                "gittim.",
            },
            {
                "by": "nour",
                "lang": "ar",
                "stance": "in_favour",
                "text": "فكرة ممتازة. أنا ممرضة من سوريا وما زلت أنتظر الاعتراف بشهادتي منذ سنة.",
            },
            {
                "by": "frank",
                "lang": "de",
                "stance": "against",
                "state": ModerationState.HIDDEN,
                "text": "Schon wieder Extrawürste für Leute, die nicht mal richtig Deutsch "
                "können. Wem es hier nicht passt, der kann ja zurückgehen.",
                "moderation": {
                    "reports": [
                        ("leyla", ReportReason.DISCRIMINATION),
                        ("mehmet", ReportReason.INSULT),
                    ],
                    "action": DecisionAction.HIDE,
                    "reason": ReportReason.DISCRIMINATION,
                    "note": "Kritik an Vorschlägen ist willkommen. Menschen wegen ihrer Herkunft "
                    "abzuwerten, verstößt gegen unsere Diskussionsregeln.",
                    "appeal": (
                        "Das ist meine Meinung, das wird man ja wohl noch sagen dürfen.",
                        AppealOutcome.CONFIRMED,
                        "Sie dürfen den Vorschlag kritisieren, zum Beispiel wegen der Kosten. "
                        "Die Aufforderung, Menschen sollten „zurückgehen“, wertet sie aber wegen "
                        "ihrer Herkunft ab. Die Entscheidung bleibt bestehen.",
                    ),
                },
            },
            {
                "by": "leyla",
                "lang": "de",
                "reply_to": 1,
                "text": "Genau an solche Geschichten habe ich gedacht. Danke, dass du sie teilst!",
            },
            {
                "by": "jana",
                "lang": "de",
                "stance": "neutral",
                "text": "Gute Idee. Wichtig wäre, dass die Sprechstunde auch abends oder "
                "samstags stattfindet, sonst schaffen es Berufstätige nicht.",
            },
        ],
    },
    {
        "by": "mehmet",
        "lang": "tr",
        "field": "work-training",
        "title": "Göçmen işletmeleri de çırak yetiştirebilsin",
        "text": (
            "Offenbach’ta göçmenlerin kurduğu yüzlerce işletme var: lokantalar, kuaförler, "
            "marketler, tamirhaneler. Çoğu çırak yetiştirmek istiyor ama eğitmenlik belgesi "
            "(Ausbildereignung) ve bürokrasi hakkında bilgileri yok. Önerim: Ticaret odasıyla "
            "birlikte Türkçe ve Arapça destekli bir Ausbildereignung kursu ve ilk çırağını alan "
            "işletmelere rehberlik."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "mehmet",
                "title": "Auch Betriebe von Zugewanderten sollen ausbilden können",
                "text": (
                    "In Offenbach gibt es Hunderte Betriebe, die Zugewanderte gegründet haben: "
                    "Restaurants, Friseursalons, Lebensmittelläden, Werkstätten. Viele würden "
                    "gern ausbilden, wissen aber wenig über die Ausbildereignung und die "
                    "Formalitäten. Mein Vorschlag: gemeinsam mit der Kammer ein Kurs zur "
                    "Ausbildereignung mit Unterstützung auf Türkisch und Arabisch und eine "
                    "Begleitung der Betriebe beim ersten Azubi."
                ),
            },
        ],
        "votes": 8,
        "answers": [
            (
                ProposalStatus.PARTIALLY_ACCEPTED,
                "Die Industrie- und Handelskammer bietet ab Herbst einen Vorbereitungskurs zur "
                "Ausbildereignung mit Sprachunterstützung an; die Stadt übernimmt für zehn "
                "Betriebe die Kursgebühr. Eine eigene Begleitung beim ersten Azubi können wir "
                "derzeit nicht finanzieren; die Ausbildungsberatung der Kammer steht allen "
                "Betrieben offen.",
            ),
        ],
        "comments": [
            {
                "by": "zeynep",
                "org": "elternverein",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Derneğimizdeki birçok aile işletme sahibi. Böyle bir kurs gençlerimize "
                "de yeni çıraklık yerleri açar.",
            },
            {
                "by": "goran",
                "lang": "de",
                "stance": "in_favour",
                "text": "Ich habe selbst in einem kleinen Betrieb gelernt. Für viele Inhaber ist "
                "der Papierkram die größte Hürde.",
            },
            {
                "by": "bartek",
                "lang": "pl",
                "stance": "neutral",
                "text": "Dobry pomysł, ale kurs powinien odbywać się też wieczorem, bo "
                "właściciele firm pracują w ciągu dnia.",
            },
        ],
    },
    {
        "by": "reza",
        "lang": "fa",
        "field": "housing-neighbourhood",
        "title": "همراهی داوطلبانه در بازدید از آپارتمان",
        "text": (
            "پیدا کردن آپارتمان در اوفنباخ برای تازه‌واردها بسیار سخت است. بسیاری از ما نامه‌های "
            "صاحبخانه و قرارداد اجاره را نمی‌فهمیم و در بازدیدها تنها هستیم. پیشنهاد من: گروهی "
            "از «راهنمایان مسکن» داوطلب که به چند زبان صحبت می‌کنند و در بازدید و امضای "
            "قرارداد همراهی می‌کنند."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "reza",
                "title": "Ehrenamtliche Begleitung zu Wohnungsbesichtigungen",
                "text": (
                    "Eine Wohnung in Offenbach zu finden, ist für Neuangekommene sehr schwer. "
                    "Viele von uns verstehen die Schreiben der Vermieter und den Mietvertrag "
                    "nicht und sind bei Besichtigungen allein. Mein Vorschlag: eine Gruppe "
                    "ehrenamtlicher Wohnungslotsinnen und -lotsen, die mehrere Sprachen sprechen "
                    "und zu Besichtigungen und zur Vertragsunterzeichnung mitkommen."
                ),
            },
        ],
        "votes": 7,
        "answers": [
            (
                ProposalStatus.ACCEPTED,
                "Wir nehmen den Vorschlag auf: Das Quartiersmanagement gewinnt und schult "
                "ehrenamtliche Wohnungslotsinnen und -lotsen; die erste Schulung findet in "
                "wenigen Wochen statt.",
            ),
            (
                ProposalStatus.IMPLEMENTED,
                "Zwölf geschulte Wohnungslotsinnen und -lotsen sind jetzt im Einsatz. Termine "
                "vermittelt das Quartiersbüro im Senefelder Quartier, auch auf Farsi, Arabisch "
                "und Türkisch.",
            ),
        ],
        "comments": [
            {
                "by": "umzug",
                "lang": "de",
                "state": ModerationState.HIDDEN,
                "text": "Umzug in Offenbach? Günstig, schnell, in allen Sprachen! Jetzt anrufen "
                "oder online buchen: www.umzuege-rheinmain.example",
                "moderation": {
                    "reports": [("ayse", ReportReason.SPAM), ("olga", ReportReason.SPAM)],
                    "action": DecisionAction.HIDE,
                    "reason": ReportReason.SPAM,
                    "note": "Werbung ist auf der Plattform nicht erlaubt.",
                },
            },
            {
                "by": "hamid",
                "lang": "fa",
                "stance": "in_favour",
                "text": "من هم وقتی تازه آمده بودم، بدون کمک یک دوست هرگز آپارتمان پیدا "
                "نمی‌کردم. این ایده عالی است.",
            },
            {
                "by": "uwe",
                "lang": "de",
                "stance": "in_favour",
                "text": "Ich bin Rentner und würde mitmachen. Ein paar Stunden im Monat kann ich "
                "gut anbieten.",
            },
            {
                "by": "nour",
                "lang": "ar",
                "state": ModerationState.HIDDEN,
                "text": "احذروا من المؤجر السيد ك. في شارع Bieberer Straße 12، فهو يرفض التأجير "
                "للأجانب. هذا رقم هاتفه: 0176 0000000",
                "moderation": {
                    "reports": [("jana", ReportReason.PERSONAL_DATA)],
                    "action": DecisionAction.HIDE,
                    "reason": ReportReason.PERSONAL_DATA,
                    "note": "Bitte nennen Sie keine Namen, Adressen oder Telefonnummern anderer "
                    "Menschen. Wenn Sie bei der Wohnungssuche benachteiligt wurden, hilft die "
                    "Antidiskriminierungsberatung der Stadt weiter.",
                },
            },
            {
                "by": "reza",
                "lang": "fa",
                "reply_to": 2,
                "text": "ممنون! این دقیقاً همان چیزی است که لازم داریم.",
            },
        ],
    },
    {
        "by": "nour",
        "lang": "ar",
        "field": "housing-neighbourhood",
        "title": "شرح قانون الإيجار بعدة لغات",
        "text": (
            "كثير من العائلات الجديدة لا تعرف حقوقها وواجباتها كمستأجرين: التدفئة، التكاليف "
            "الجانبية، الإصلاحات، إنهاء العقد. أقترح أمسيات معلومات شهرية مع جمعية المستأجرين "
            "بالعربية والتركية والفارسية والأوكرانية، ونشرة قصيرة بلغة بسيطة."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "nour",
                "title": "Mietrecht in mehreren Sprachen erklären",
                "text": (
                    "Viele neue Familien kennen ihre Rechte und Pflichten als Mieterinnen und "
                    "Mieter nicht: Heizung, Nebenkosten, Reparaturen, Kündigung. Ich schlage "
                    "monatliche Infoabende mit dem Mieterverein auf Arabisch, Türkisch, Farsi und "
                    "Ukrainisch vor und ein kurzes Merkblatt in einfacher Sprache."
                ),
            },
        ],
        # Reached the answer threshold; the answer is still outstanding.
        "votes": 6,
        "comments": [
            {
                "by": "olga",
                "lang": "ru",
                "stance": "in_favour",
                "text": "Очень нужно. Мы с мужем два года переплачивали за отопление и не знали, "
                "что счёт можно проверить.",
            },
            {
                "by": "monika",
                "lang": "de",
                "stance": "neutral",
                "text": "Der Mieterverein berät schon jetzt, aber kaum jemand weiß davon. "
                "Vielleicht reicht es, das besser bekannt zu machen?",
            },
            {
                "by": "nour",
                "lang": "ar",
                "reply_to": 1,
                "text": "الاستشارة موجودة فعلًا، لكنها بالألمانية فقط. المشكلة هي اللغة.",
            },
        ],
    },
    {
        "by": "zeynep",
        "org": "elternverein",
        "lang": "de",
        "field": "work-training",
        "title": "Praktikumsbörse mit Vereinen und Gemeinden",
        "text": (
            "Viele Jugendliche aus Einwandererfamilien finden ihr Praktikum über Bekannte – wer "
            "keine Kontakte hat, geht leer aus. Migrantenvereine und Gemeinden kennen viele "
            "Betriebe. Wir schlagen eine gemeinsame Praktikumsbörse der Stadt mit den Vereinen "
            "vor, mit Sprechstunden in den Vereinsräumen."
        ),
        "votes": 5,
        "answers": [
            (
                ProposalStatus.UNDER_REVIEW,
                "Wir prüfen mit der Agentur für Arbeit und der Jugendberufsagentur, wie Vereine "
                "an die bestehende Praktikumsbörse angebunden werden können.",
            ),
        ],
        "comments": [
            {
                "by": "aylin",
                "lang": "tr",
                "stance": "in_favour",
                "text": "Ben stajımı ancak bir komşumuz sayesinde buldum. Böyle bir borsa çok "
                "işe yarar.",
            },
            {
                "by": "lisa",
                "lang": "de",
                "stance": "in_favour",
                "text": "Als Lehrerin an einer Gesamtschule kann ich das nur unterstützen.",
            },
        ],
    },
    {
        "by": "olga",
        "lang": "ru",
        "field": "work-training",
        "title": "Присмотр за детьми во время интеграционных курсов",
        "text": (
            "Многие матери не могут посещать интеграционный курс, потому что им не с кем "
            "оставить маленьких детей. Предлагаю организовать присмотр за детьми рядом с "
            "местами проведения курсов, хотя бы для утренних групп."
        ),
        "translations": [
            {
                "lang": "de",
                "by": "coord_offenbach",
                "title": "Kinderbetreuung während der Integrationskurse",
                "text": (
                    "Viele Mütter können keinen Integrationskurs besuchen, weil niemand auf ihre "
                    "kleinen Kinder aufpasst. Ich schlage eine Kinderbetreuung in der Nähe der "
                    "Kursorte vor, zumindest für die Kurse am Vormittag."
                ),
            },
        ],
        "votes": 9,
        "answers": [
            (
                ProposalStatus.UNDER_REVIEW,
                "Wir sprechen mit den Kursträgern und dem Bundesamt für Migration und "
                "Flüchtlinge darüber, wie mehr Kurse mit Kinderbetreuung angeboten werden können.",
            ),
            (
                ProposalStatus.REJECTED,
                "Integrationskurse mit Kinderbetreuung fördert der Bund; eine eigene Betreuung an "
                "den Kursorten kann die Stadt nicht einrichten. Wir haben die Kursträger gebeten, "
                "mehr Kurse mit Kinderbetreuung zu beantragen, und veröffentlichen eine Liste "
                "dieser Kurse auf der Website der Stadt.",
            ),
        ],
        "comments": [
            {
                "by": "goran",
                "lang": "de",
                "stance": "against",
                "text": "Das ist Aufgabe des Bundes, nicht der Stadt. Es gibt schon Kurse mit "
                "Kinderbetreuung, man muss sie nur finden.",
                # Reported as off-topic; the moderator kept it (a fair objection).
                "moderation": {
                    "reports": [("nour", ReportReason.OFF_TOPIC)],
                    "action": DecisionAction.APPROVE,
                },
            },
            {
                "by": "marija",
                "lang": "de",
                "stance": "in_favour",
                "text": "Ich habe meinen Kurs erst gemacht, als mein Sohn in die Kita kam. Das "
                "waren zwei verlorene Jahre.",
            },
            {
                "by": "olga",
                "lang": "ru",
                "reply_to": 0,
                "text": "Такие курсы есть, но места в них заняты на полгода вперёд.",
            },
        ],
    },
    {
        "by": "bartek",
        "lang": "pl",
        "field": "housing-neighbourhood",
        "title": "Wspólne pomieszczenia w dużych osiedlach",
        "text": (
            "W dużych blokach w Lauterborn i w Nordend sąsiedzi prawie się nie znają. Wiele "
            "osiedli ma puste pomieszczenia wspólne. Proponuję, aby spółdzielnie i miasto "
            "udostępniały je na spotkania sąsiedzkie, kawiarenki językowe i pomoc w odrabianiu "
            "lekcji."
        ),
        "votes": 3,
        "comments": [
            {
                "by": "desta",
                "lang": "en",
                "stance": "in_favour",
                "text": "Our building has a room like this that has been locked for years. A "
                "homework club there would be great.",
            },
            {
                "by": "tobias",
                "lang": "de",
                "stance": "neutral",
                "text": "Wer übernimmt Schlüssel und Reinigung? Das sollte von Anfang an geklärt "
                "sein.",
            },
        ],
    },
    {
        "by": "jana",
        "lang": "de",
        "field": "work-training",
        "title": "Sprachcafé für Berufstätige am Abend",
        "text": (
            "Die meisten Sprachangebote finden vormittags statt, wenn Berufstätige arbeiten. Ein "
            "Sprachcafé am Abend in der Stadtbibliothek, in dem Ehrenamtliche mit Berufstätigen "
            "Deutsch sprechen, wäre einfach umzusetzen."
        ),
        "votes": 4,
        "comments": [
            {
                "by": "hamid",
                "lang": "fa",
                "stance": "in_favour",
                "text": "بعد از کار خیلی خسته‌ام، اما یک کافه زبان در شب را حتماً امتحان می‌کنم.",
            },
        ],
    },
]

EARLIER_ROUND = {
    "region": "offenbach",
    "owner": "coord_offenbach",
    "fields": ["work-training", "housing-neighbourhood"],
    "settings": {"vote_budget": 3, "answer_threshold": 6},
    # Finished: the platform's first round, before the current consultations.
    "phases": {
        "information": (-204, -190),
        "proposals": (-190, -155),
        "discussion": (-155, -134),
        "voting": (-134, -113),
        "results": (-113, -50),
    },
    "title": {
        "de": "Ankommen in Offenbach: Arbeit finden und gut wohnen",
        "en": "Arriving in Offenbach: finding work and a good home",
    },
    "summary": {
        "de": "Die erste Beteiligungsrunde ist abgeschlossen. Die Stadt hat auf die "
        "meistunterstützten Vorschläge geantwortet; einer ist schon umgesetzt.",
        "en": "The first round of participation has ended. The city has answered the most "
        "supported proposals; one has already been carried out.",
    },
    "description": {
        "de": "Die Stadt Offenbach hat gefragt, was Neuangekommenen beim Einstieg in Arbeit und "
        "bei der Wohnungssuche am meisten helfen würde. Es war die erste Beteiligungsrunde auf "
        "dieser Plattform.\n\n"
        "- Anerkennung von Berufsabschlüssen und Wege in Ausbildung\n"
        "- Wohnungssuche, Mietrecht und Nachbarschaft\n\n"
        "Vorschläge mit mindestens sechs Stimmen erhalten eine öffentliche, begründete Antwort.",
        "en": "The City of Offenbach asked what would help newcomers most in finding work and "
        "a home. It was the first round of participation on this platform.\n\n"
        "- recognition of vocational qualifications and routes into training\n"
        "- searching for a flat, tenancy law and neighbourhood\n\n"
        "Proposals with at least six votes receive a public, reasoned answer.",
    },
    "proposals": EARLIER_PROPOSALS,
    "statements": [
        {
            "org": "elternverein",
            "by": "zeynep",
            "lang": "de",
            "title": "Stellungnahme des Elternvereins: Ausbildung und Wohnen gehören zusammen",
            "text": (
                "Viele Familien, die wir beraten, stehen gleichzeitig vor zwei Fragen: Wo findet "
                "mein Kind einen Ausbildungsplatz, und wo finden wir eine bezahlbare Wohnung? "
                "Wir unterstützen besonders:\n\n"
                "- die **Anerkennungsberatung im Stadtteil**,\n"
                "- die **Praktikumsbörse mit den Vereinen**,\n"
                "- **mehrsprachige Infoabende zum Mietrecht**.\n\n"
                "Unsere Vereinsräume in der Innenstadt stehen für Sprechstunden zur Verfügung."
            ),
        },
    ],
    "easy_language": (
        "Es geht um Arbeit und Wohnen in Offenbach.\n\nViele Menschen sind neu in Offenbach.\n\n"
        "Sie suchen Arbeit.\n\nSie suchen eine Wohnung.\n\nDie Stadt Offenbach hat "
        "gefragt:\n\nWas hilft Ihnen dabei?\n\nViele Menschen haben Vorschläge "
        "geschrieben.\n\nDann haben alle abgestimmt.\n\nDie Stadt hat auf die wichtigsten "
        "Vorschläge geantwortet.\n\nEin Vorschlag ist schon umgesetzt."
    ),
}


# --- loading --------------------------------------------------------------------------------------


def resident_email(data: dict) -> str:
    """A resident's address: "Nour A." becomes nour.a@demo.mitreden.example (or the given
    local part)."""
    local = data.get("email") or data["name"].lower().replace(" ", ".").rstrip(".")
    return f"{local}@{RESIDENT_DOMAIN}"


def load_demo_monitoring() -> int:
    """Create the missing residents, profiles, context figures and the earlier round; return
    how many records."""
    now = clock.utcnow_naive()
    today = clock.now().astimezone(BERLIN).date()
    regions = {region.slug: region for region in db.session.scalars(db.select(Region))}
    rng = random.Random("monitoring residents")  # noqa: S311 (demo dates, not security)
    ctx = Context(today, now, {}, rng)
    created = _create_missing_residents(regions, ctx)
    ctx.people = _everyone()
    created += _create_profiles(regions, ctx)
    created += _create_context(regions, ctx)
    created += _create_earlier_round(regions, ctx.people, today, now)
    db.session.commit()
    return created


def _everyone() -> dict[str, User]:
    """The people of app.demo_content plus these residents and the moderator, by key."""
    people = _people()
    emails = {resident_email(data): data["key"] for data in RESIDENTS}
    emails[MODERATOR] = "moderator"
    found = db.session.scalars(db.select(User).where(User.email.in_(list(emails))))
    people.update({emails[user.email]: user for user in found})
    return people


def _create_missing_residents(regions: dict[str, Region], ctx: Context) -> int:
    emails = [resident_email(data) for data in RESIDENTS]
    existing = set(db.session.scalars(db.select(User.email).where(User.email.in_(emails))))
    missing = [data for data in RESIDENTS if resident_email(data) not in existing]
    if not missing:
        return 0
    password_hash = passwords.hash_password(DEMO_PASSWORD)  # slow on purpose: once for all
    for data in missing:
        joined = ctx.during(data["joined"])
        db.session.add(
            User(
                email=normalise_email(resident_email(data)),
                display_name=data["name"],
                password_hash=password_hash,
                locale=data["locale"],
                home_region=regions.get(data["home"]) if data["home"] else None,
                confirmed_at=joined,
                # Registered a few minutes before confirming the address.
                privacy_accepted_at=joined - timedelta(minutes=6),
                created_at=joined - timedelta(minutes=6),
                updated_at=joined,
            )
        )
    db.session.flush()
    return len(missing)


def _create_profiles(regions: dict[str, Region], ctx: Context) -> int:
    """Profiles answered in the last three weeks (since the profile was offered), each after
    its account's confirmation. Nothing when any demo account has a profile already."""
    people = {key: ctx.people[key] for key in PROFILES if key in ctx.people}
    ids = [person.id for person in people.values()]
    if not ids or db.session.scalar(
        db.select(ParticipationProfile.id).where(ParticipationProfile.user_id.in_(ids)).limit(1)
    ):
        return 0
    offered = ctx.now - timedelta(days=21)
    created = 0
    for key, person in people.items():
        age_band, migration, languages, home = PROFILES[key]
        since = max(offered, (person.confirmed_at or ctx.now) + timedelta(hours=1))
        if since >= ctx.now - timedelta(hours=1):
            continue  # not confirmed long enough ago to have answered
        (answered,) = ctx.moments(since, ctx.now - timedelta(hours=1), 1)
        db.session.add(
            ParticipationProfile(
                user_id=person.id,
                age_band=age_band,
                migration_experience=migration,
                home_region_id=regions[home].id if home in regions else None,
                consent_given_at=answered,
                consent_version=CONSENT_VERSION,
                updated_at=answered,
                languages=[ProfileLanguage(language=code) for code in languages],
            )
        )
        created += 1 + len(languages)
    db.session.flush()
    return created


def _create_context(regions: dict[str, Region], ctx: Context) -> int:
    """The example figures of each region that has none yet, entered by its coordination."""
    with_figures = set(db.session.scalars(db.select(ContextIndicator.region_id).distinct()))
    created = 0
    for slug, figures in CONTEXT_VALUES.items():
        region = regions.get(slug)
        if region is None or region.id in with_figures:
            continue
        entered = ctx.during(-ctx.rng.randint(20, 45))
        coordinator = ctx.people.get(REGION_COORDINATORS[slug])
        for key, values in figures.items():
            for year, value in zip(CONTEXT_YEARS, values, strict=True):
                db.session.add(
                    ContextIndicator(
                        region_id=region.id,
                        key=key,
                        year=year,
                        value=value,
                        source=DEMO_SOURCE,
                        source_url="",
                        note=DEMO_NOTE,
                        entered_by_id=coordinator.id if coordinator else None,
                        created_at=entered,
                        updated_at=entered,
                    )
                )
                created += 1
    db.session.flush()
    return created


def _create_earlier_round(regions: dict[str, Region], people: dict, today, now: datetime) -> int:
    data = EARLIER_ROUND
    region = regions.get(data["region"])
    if region is None or _consultation_exists(region, data["title"]["de"]):
        return 0
    wanted = {data["owner"], "moderator"} | {
        key for item in data["proposals"] for key in _people_of(item)
    }
    if not wanted <= set(people):
        return 0  # a demo account was deleted: leave the round out rather than half of it
    fields = {item.slug: item for item in db.session.scalars(db.select(FieldOfAction))}
    # Seeded by the title: the same round gets the same spread of dates every time.
    rng = random.Random(data["title"]["de"])  # noqa: S311 (demo dates, not security)
    ctx = Context(today, now, people, rng, _organisations())
    created = _create_consultation(data, region, fields, ctx)
    db.session.flush()
    return created + _moderate(data, ctx)


def _people_of(item: dict) -> set[str]:
    keys = {item["by"]}
    for comment in item.get("comments", []):
        keys.add(comment["by"])
        for reporter, _reason in comment.get("moderation", {}).get("reports", []):
            keys.add(reporter)
    keys.update(translation["by"] for translation in item.get("translations", []))
    return keys


def _moderate(data: dict, ctx: Context) -> int:
    """Reports, the moderator's decisions and appeals for the comments that say so: reported
    within hours of writing, decided within the day, appealed and answered within a week."""
    specs = {
        comment["text"]: comment["moderation"]
        for item in data["proposals"]
        for comment in item.get("comments", [])
        if "moderation" in comment
    }
    comments = db.session.scalars(db.select(Comment).where(Comment.body.in_(list(specs)))).all()
    moderator = ctx.people["moderator"]
    coordinator = ctx.people[data["owner"]]
    created = 0
    for comment in sorted(comments, key=lambda item: item.created_at):
        spec = specs[comment.body]
        written = comment.created_at
        reports = spec["reports"]
        reported = ctx.moments(
            written + timedelta(hours=1), written + timedelta(hours=8), len(reports)
        )
        for (reporter, reason), moment in zip(reports, reported, strict=True):
            db.session.add(
                Report(
                    contribution_id=comment.id,
                    reporter_id=ctx.people[reporter].id,
                    reason=reason,
                    created_at=moment,
                )
            )
        (decided,) = ctx.moments(reported[-1] + timedelta(hours=2), reported[-1] + timedelta(1), 1)
        after = comment.moderation_state  # the state the demo wrote is the decision's outcome
        decision = ModerationDecision(
            contribution_id=comment.id,
            moderator_id=moderator.id,
            action=spec["action"],
            reason=spec.get("reason"),
            note_to_author=spec.get("note", ""),
            state_before=ModerationState.PUBLISHED,
            state_after=after,
            created_at=decided,
        )
        db.session.add(decision)
        db.session.flush()
        db.session.execute(
            db.update(Report)
            .where(Report.contribution_id == comment.id)
            .values(resolved_by_decision_id=decision.id)
        )
        created += len(reports) + 1
        if "appeal" in spec:
            note, outcome, resolution = spec["appeal"]
            appealed, resolved = ctx.moments(decided + timedelta(1), decided + timedelta(6), 2)
            db.session.add(
                Appeal(
                    decision_id=decision.id,
                    author_id=comment.author_id,
                    note=note,
                    created_at=appealed,
                    outcome=outcome,
                    resolution_note=resolution,
                    resolved_at=resolved,
                    resolved_by_id=coordinator.id,
                )
            )
            created += 1
    db.session.flush()
    return created
