"""Base data of the programme and demo data.

Both loaders are idempotent: they add what is missing, identified by slug or e-mail address, and
never change a record that already exists, so running `make run` twice loses nothing.
"""

from datetime import timedelta

from app.accounts import passwords
from app.accounts.models import Role, RoleAssignment, User, normalise_email
from app.core.clock import utcnow_naive
from app.extensions import db
from app.pages.models import EditablePage
from app.regions.models import FieldOfAction, Region, RegionKind

MODEL_REGIONS = [
    {
        "slug": "kassel",
        "name": {
            "de": "Stadt Kassel",
            "en": "City of Kassel",
            "tr": "Kassel Şehri",
            "ar": "مدينة كاسل",
            "fa": "شهر کاسل",
            "pl": "Miasto Kassel",
            "ru": "Город Кассель",
            "uk": "Місто Кассель",
        },
        "description": {
            "de": "Die documenta-Stadt in Nordhessen entwickelt ihre Integrationsarbeit gemeinsam "
            "mit Migrantenorganisationen, Stadtteilen und Verwaltung weiter.",
            "en": "The documenta city in northern Hesse develops its integration work together "
            "with migrant organisations, neighbourhoods and the administration.",
            "tr": "Kuzey Hessen’deki documenta şehri, entegrasyon çalışmalarını göçmen örgütleri, "
            "semtler ve belediye yönetimiyle birlikte geliştirmeye devam ediyor.",
            "ar": "تواصل مدينة دوكومنتا في شمال ولاية هيسن تطوير عملها في مجال الاندماج "
            "بالتعاون مع منظمات المهاجرين وأحياء المدينة والإدارة البلدية.",
            "fa": "شهر دوکومنتا در شمال ایالت هسن کار خود را در زمینهٔ ادغام همراه با "
            "سازمان‌های مهاجران، محله‌ها و دستگاه اداری شهر همچنان توسعه می‌دهد.",
            "pl": "Miasto wystawy documenta w północnej Hesji nadal rozwija swoją pracę na rzecz "
            "integracji wspólnie z organizacjami migrantów, dzielnicami i administracją miejską.",
            "ru": "Город выставки documenta на севере Гессена продолжает развивать свою работу по "
            "интеграции вместе с организациями мигрантов, городскими районами и администрацией.",
            "uk": "Місто виставки documenta на півночі Гессену продовжує розвивати свою роботу з "
            "інтеграції разом з організаціями мігрантів, міськими районами та адміністрацією.",
        },
        "fields": ["language-education", "work-training", "civic-engagement"],
    },
    {
        "slug": "wetzlar",
        "name": {
            "de": "Stadt Wetzlar",
            "en": "City of Wetzlar",
            "tr": "Wetzlar Şehri",
            "ar": "مدينة فيتسلار",
            "fa": "شهر وتسلار",
            "pl": "Miasto Wetzlar",
            "ru": "Город Вецлар",
            "uk": "Місто Вецлар",
        },
        "description": {
            "de": "Wetzlar an der Lahn stärkt die interkulturelle Öffnung der Verwaltung und die "
            "Teilhabe in den Quartieren.",
            "en": "Wetzlar on the Lahn strengthens the intercultural opening of its administration "
            "and participation in its neighbourhoods.",
            "tr": "Lahn Nehri kıyısındaki Wetzlar, belediye yönetiminin kültürlerarası açılımını "
            "ve mahallelerde toplumsal katılımı güçlendiriyor.",
            "ar": "تعزّز فيتسلار الواقعة على نهر لان المشاركة المجتمعية في الأحياء السكنية "
            "وانفتاح إدارتها على التنوع الثقافي.",
            "fa": "شهر وتسلار در کنار رود لان، گشودگی بین‌فرهنگی دستگاه اداری و مشارکت در "
            "محله‌ها را تقویت می‌کند.",
            "pl": "Wetzlar nad Lahn wzmacnia otwarcie międzykulturowe administracji i udział "
            "mieszkańców w życiu dzielnic.",
            "ru": "Вецлар на реке Лан укрепляет межкультурную открытость администрации и участие "
            "жителей в жизни кварталов.",
            "uk": "Вецлар на річці Лан зміцнює міжкультурну відкритість адміністрації та участь "
            "мешканців у житті кварталів.",
        },
        "fields": ["intercultural-opening", "housing-neighbourhood", "language-education"],
    },
    {
        "slug": "wiesbaden",
        "name": {
            "de": "Stadt Wiesbaden",
            "en": "City of Wiesbaden",
            "tr": "Wiesbaden Şehri",
            "ar": "مدينة فيسبادن",
            "fa": "شهر ویسبادن",
            "pl": "Miasto Wiesbaden",
            "ru": "Город Висбаден",
            "uk": "Місто Вісбаден",
        },
        "description": {
            "de": "Die Landeshauptstadt verbindet ihr Integrationskonzept mit der Beteiligung der "
            "Bewohnerinnen und Bewohner aller Ortsbezirke.",
            "en": "The state capital links its integration concept with the participation of "
            "residents of all its districts.",
            "tr": "Eyalet başkenti, entegrasyon konseptini tüm semtlerde yaşayanların "
            "katılımıyla birleştiriyor.",
            "ar": "تربط عاصمة الولاية خطتها للاندماج بمشاركة السكان من جميع أحياء المدينة.",
            "fa": "پایتخت ایالت، طرح ادغام خود را با مشارکت ساکنان همهٔ مناطق شهر پیوند می‌دهد.",
            "pl": "Stolica kraju związkowego łączy swoją koncepcję integracji z udziałem "
            "mieszkańców wszystkich dzielnic.",
            "ru": "Столица земли связывает свою концепцию интеграции с участием жителей всех "
            "районов города.",
            "uk": "Столиця землі поєднує свою концепцію інтеграції з участю мешканців усіх "
            "районів міста.",
        },
        "fields": ["work-training", "health-care", "intercultural-opening", "civic-engagement"],
    },
    {
        "slug": "hochtaunus",
        "name": {
            "de": "Landkreis Hochtaunus",
            "en": "Hochtaunus District",
            "tr": "Hochtaunus İlçesi",
            "ar": "دائرة هوختاونوس",
            "fa": "شهرستان هوخ‌تاونوس",
            "pl": "Powiat Hochtaunus",
            "ru": "Район Хохтаунус",
            "uk": "Район Гохтаунус",
        },
        "description": {
            "de": "Der Hochtaunuskreis bringt Städte und Gemeinden zusammen, um Angebote für "
            "Zugewanderte im ganzen Kreis abzustimmen.",
            "en": "The Hochtaunus district brings its towns and municipalities together to "
            "coordinate services for newcomers across the district.",
            "tr": "Hochtaunus İlçesi, ilçe genelinde göçmenlere yönelik hizmetleri koordine "
            "etmek amacıyla şehir ve belediyeleri bir araya getiriyor.",
            "ar": "تجمع دائرة هوختاونوس المدن والبلديات لتنسيق الخدمات المقدَّمة للمهاجرين "
            "في جميع أنحاء الدائرة.",
            "fa": "شهرستان هوخ‌تاونوس شهرها و شهرداری‌های خود را گرد هم می‌آورد تا خدمات "
            "ویژهٔ مهاجران را در سراسر شهرستان هماهنگ کند.",
            "pl": "Powiat Hochtaunus skupia miasta i gminy, aby koordynować ofertę dla "
            "migrantów na terenie całego powiatu.",
            "ru": "Район Хохтаунус объединяет города и общины, чтобы согласовывать услуги для "
            "мигрантов на всей территории района.",
            "uk": "Район Гохтаунус обʼєднує міста та громади, щоб узгоджувати послуги для "
            "мігрантів на всій території району.",
        },
        "fields": ["language-education", "housing-neighbourhood", "health-care"],
    },
    {
        "slug": "offenbach",
        "name": {
            "de": "Stadt Offenbach",
            "en": "City of Offenbach",
            "tr": "Offenbach Şehri",
            "ar": "مدينة أوفنباخ",
            "fa": "شهر اوفنباخ",
            "pl": "Miasto Offenbach",
            "ru": "Город Оффенбах",
            "uk": "Місто Оффенбах",
        },
        "description": {
            "de": "In Offenbach haben mehr als sechzig Prozent der Menschen eine "
            "Einwanderungsgeschichte; die Stadt gestaltet Integration als Aufgabe aller.",
            "en": "In Offenbach more than sixty per cent of residents have a migration history; "
            "the city shapes integration as everyone's task.",
            "tr": "Offenbach’ta insanların yüzde altmışından fazlasının göç geçmişi var; şehir, "
            "entegrasyonu herkesin ortak görevi olarak şekillendiriyor.",
            "ar": "في أوفنباخ، لدى أكثر من ستين بالمئة من السكان خلفية هجرة؛ وتتعامل المدينة "
            "مع الاندماج بوصفه مهمة تقع على عاتق الجميع.",
            "fa": "در اوفنباخ بیش از شصت درصد از مردم پیشینهٔ مهاجرت دارند؛ این شهر ادغام را "
            "به‌عنوان وظیفهٔ همگان شکل می‌دهد.",
            "pl": "W Offenbachu ponad sześćdziesiąt procent mieszkańców ma pochodzenie "
            "migracyjne; miasto kształtuje integrację jako wspólne zadanie wszystkich.",
            "ru": "В Оффенбахе более шестидесяти процентов жителей имеют миграционное прошлое; "
            "город выстраивает интеграцию как общую задачу для всех.",
            "uk": "В Оффенбаху понад шістдесят відсотків людей мають міграційну історію; місто "
            "вибудовує інтеграцію як спільне завдання для всіх.",
        },
        "fields": ["work-training", "housing-neighbourhood", "civic-engagement"],
    },
    {
        "slug": "main-kinzig-hanau",
        "name": {
            "de": "Main-Kinzig-Kreis gemeinsam mit der Stadt Hanau",
            "en": "Main-Kinzig District together with the City of Hanau",
            "tr": "Main-Kinzig İlçesi ile Hanau Şehri",
            "ar": "دائرة ماين-كينتسيغ بالاشتراك مع مدينة هاناو",
            "fa": "شهرستان ماین-کینتسیگ همراه با شهر هاناو",
            "pl": "Powiat Main-Kinzig wspólnie z miastem Hanau",
            "ru": "Район Майн-Кинциг совместно с городом Ханау",
            "uk": "Район Майн-Кінціг спільно з містом Ганау",
        },
        "description": {
            "de": "Kreis und Stadt arbeiten als gemeinsame Modellregion an Bildung, Arbeit und "
            "gesellschaftlichem Zusammenhalt.",
            "en": "The district and the city work as one model region on education, work and "
            "social cohesion.",
            "tr": "İlçe ve şehir, ortak bir model bölge olarak eğitim, istihdam ve toplumsal "
            "uyum alanlarında çalışıyor.",
            "ar": "تعمل الدائرة والمدينة معًا كمنطقة نموذجية مشتركة في مجالات التعليم والعمل "
            "والتماسك الاجتماعي.",
            "fa": "شهرستان و شهر به‌عنوان یک منطقهٔ نمونهٔ مشترک در زمینهٔ آموزش، کار و "
            "انسجام اجتماعی فعالیت می‌کنند.",
            "pl": "Powiat i miasto jako wspólny region modelowy działają na rzecz edukacji, "
            "pracy i spójności społecznej.",
            "ru": "Район и город как единый модельный регион работают над вопросами "
            "образования, занятости и социальной сплочённости.",
            "uk": "Район і місто як спільний модельний регіон працюють над питаннями освіти, "
            "праці та суспільної згуртованості.",
        },
        "fields": ["language-education", "work-training", "health-care", "civic-engagement"],
    },
]

FIELDS_OF_ACTION = [
    {
        "slug": "language-education",
        "name": {
            "de": "Sprache und Bildung",
            "en": "Language and education",
            "tr": "Dil ve eğitim",
            "ar": "اللغة والتعليم",
            "fa": "زبان و آموزش",
            "pl": "Język i edukacja",
            "ru": "Язык и образование",
            "uk": "Мова та освіта",
        },
        "description": {
            "de": "Sprachkurse, frühe Bildung, Schule und Weiterbildung.",
            "en": "Language courses, early education, school and further education.",
            "tr": "Dil kursları, erken çocukluk eğitimi, okul ve sürekli eğitim.",
            "ar": "دورات اللغة، والتعليم المبكر، والمدرسة، والتعليم المستمر.",
            "fa": "دوره‌های زبان، آموزش در دوران کودکی، مدرسه و آموزش‌های تکمیلی.",
            "pl": "Kursy językowe, wczesna edukacja, szkoła i kształcenie ustawiczne.",
            "ru": "Языковые курсы, дошкольное образование, школа и повышение квалификации.",
            "uk": "Мовні курси, дошкільна освіта, школа та підвищення кваліфікації.",
        },
    },
    {
        "slug": "work-training",
        "name": {
            "de": "Arbeit und Ausbildung",
            "en": "Work and training",
            "tr": "İstihdam ve mesleki eğitim",
            "ar": "العمل والتدريب المهني",
            "fa": "کار و آموزش حرفه‌ای",
            "pl": "Praca i kształcenie zawodowe",
            "ru": "Работа и профессиональное обучение",
            "uk": "Робота та професійне навчання",
        },
        "description": {
            "de": "Zugang zu Ausbildung und Arbeit, Anerkennung von Abschlüssen.",
            "en": "Access to training and work, recognition of qualifications.",
            "tr": "Mesleki eğitime ve istihdama erişim, diplomaların tanınması.",
            "ar": "الوصول إلى التدريب المهني والعمل، والاعتراف بالشهادات.",
            "fa": "دسترسی به آموزش حرفه‌ای و کار، به رسمیت شناختن مدارک.",
            "pl": "Dostęp do kształcenia zawodowego i pracy, uznawanie kwalifikacji.",
            "ru": "Доступ к профессиональному обучению и работе, признание дипломов.",
            "uk": "Доступ до професійного навчання та роботи, визнання дипломів.",
        },
    },
    {
        "slug": "housing-neighbourhood",
        "name": {
            "de": "Wohnen und Nachbarschaft",
            "en": "Housing and neighbourhood",
            "tr": "Konut ve komşuluk",
            "ar": "السكن والجوار",
            "fa": "مسکن و همسایگی",
            "pl": "Mieszkalnictwo i sąsiedztwo",
            "ru": "Жильё и соседство",
            "uk": "Житло та сусідство",
        },
        "description": {
            "de": "Bezahlbarer Wohnraum, Zusammenleben im Quartier.",
            "en": "Affordable housing, living together in the neighbourhood.",
            "tr": "Uygun fiyatlı konut, mahallede birlikte yaşam.",
            "ar": "سكن ميسور التكلفة، والعيش المشترك في الحي.",
            "fa": "مسکن مقرون‌به‌صرفه، هم‌زیستی در محله.",
            "pl": "Przystępne cenowo mieszkania, wspólne życie w dzielnicy.",
            "ru": "Доступное жильё, совместная жизнь в квартале.",
            "uk": "Доступне житло, спільне життя в кварталі.",
        },
    },
    {
        "slug": "health-care",
        "name": {
            "de": "Gesundheit und Pflege",
            "en": "Health and care",
            "tr": "Sağlık ve bakım",
            "ar": "الصحة والرعاية",
            "fa": "سلامت و مراقبت",
            "pl": "Zdrowie i opieka",
            "ru": "Здоровье и уход",
            "uk": "Здоровʼя та догляд",
        },
        "description": {
            "de": "Zugang zu Gesundheitsversorgung, Pflege und Beratung.",
            "en": "Access to health services, care and counselling.",
            "tr": "Sağlık hizmetlerine, bakıma ve danışmanlığa erişim.",
            "ar": "الوصول إلى الخدمات الصحية والرعاية التمريضية والإرشاد.",
            "fa": "دسترسی به خدمات بهداشتی و درمانی، مراقبت و مشاوره.",
            "pl": "Dostęp do opieki zdrowotnej, opieki długoterminowej i poradnictwa.",
            "ru": "Доступ к медицинской помощи, уходу и консультированию.",
            "uk": "Доступ до медичної допомоги, догляду та консультацій.",
        },
    },
    {
        "slug": "intercultural-opening",
        "name": {
            "de": "Interkulturelle Öffnung der Verwaltung",
            "en": "Intercultural opening of the administration",
            "tr": "Kamu yönetiminin kültürlerarası açılımı",
            "ar": "انفتاح الإدارة على التنوع الثقافي",
            "fa": "گشودگی بین‌فرهنگی دستگاه اداری",
            "pl": "Otwarcie międzykulturowe administracji",
            "ru": "Межкультурная открытость администрации",
            "uk": "Міжкультурна відкритість адміністрації",
        },
        "description": {
            "de": "Eine Verwaltung, die alle Menschen versteht und erreicht.",
            "en": "An administration that understands and reaches everyone.",
            "tr": "Herkesi anlayan ve herkese ulaşan bir kamu yönetimi.",
            "ar": "إدارة تفهم جميع الناس وتصل إليهم.",
            "fa": "دستگاه اداری‌ای که همهٔ مردم را درک می‌کند و با همه ارتباط برقرار می‌کند.",
            "pl": "Administracja, która rozumie wszystkich ludzi i do wszystkich dociera.",
            "ru": "Администрация, которая понимает всех людей и находит подход к каждому.",
            "uk": "Адміністрація, яка розуміє всіх людей і знаходить підхід до кожного.",
        },
    },
    {
        "slug": "civic-engagement",
        "name": {
            "de": "Bürgerschaftliches Engagement",
            "en": "Civic engagement",
            "tr": "Sivil katılım",
            "ar": "المشاركة المدنية",
            "fa": "مشارکت مدنی",
            "pl": "Zaangażowanie obywatelskie",
            "ru": "Гражданская активность",
            "uk": "Громадська активність",
        },
        "description": {
            "de": "Ehrenamt, Vereine und Migrantenorganisationen stärken.",
            "en": "Strengthening volunteering, associations and migrant organisations.",
            "tr": "Gönüllülüğü, dernekleri ve göçmen örgütlerini güçlendirmek.",
            "ar": "تعزيز العمل التطوعي والجمعيات ومنظمات المهاجرين.",
            "fa": "تقویت فعالیت‌های داوطلبانه، انجمن‌ها و سازمان‌های مهاجران.",
            "pl": "Wzmacnianie wolontariatu, stowarzyszeń i organizacji migrantów.",
            "ru": "Поддержка волонтёрства, общественных объединений и организаций мигрантов.",
            "uk": "Підтримка волонтерства, громадських обʼєднань та організацій мігрантів.",
        },
    },
]

DEMO_PASSWORD = "demo-mitreden-2026"  # noqa: S105 (documented demo accounts only)
# The second factor of the demo staff accounts (documented in README.md; demo only!). A code:
# .venv/bin/python -c "import pyotp; print(pyotp.TOTP('MITREDENDEMOZWEISTUFIGANMELDUNG2').now())"
DEMO_TOTP_SECRET = "MITREDENDEMOZWEISTUFIGANMELDUNG2"  # noqa: S105

DEMO_USERS = [
    {"email": "admin@demo.mitreden.example", "name": "Ministerium (Demo)", "admin": True},
    {
        "email": "koordination.wiesbaden@demo.mitreden.example",
        "name": "Koordination Wiesbaden (Demo)",
        "roles": [(Role.COORDINATOR, "wiesbaden")],
    },
    {
        "email": "koordination.kassel@demo.mitreden.example",
        "name": "Koordination Kassel (Demo)",
        "roles": [(Role.COORDINATOR, "kassel")],
    },
    {
        "email": "koordination.wetzlar@demo.mitreden.example",
        "name": "Koordination Wetzlar (Demo)",
        "roles": [(Role.COORDINATOR, "wetzlar")],
    },
    {
        "email": "koordination.hochtaunus@demo.mitreden.example",
        "name": "Koordination Hochtaunus (Demo)",
        "roles": [(Role.COORDINATOR, "hochtaunus")],
    },
    {
        "email": "koordination.offenbach@demo.mitreden.example",
        "name": "Koordination Offenbach (Demo)",
        "roles": [(Role.COORDINATOR, "offenbach")],
    },
    {
        "email": "koordination.hanau@demo.mitreden.example",
        "name": "Koordination Main-Kinzig-Kreis und Hanau (Demo)",
        "roles": [(Role.COORDINATOR, "main-kinzig-hanau")],
    },
    {
        "email": "moderation.offenbach@demo.mitreden.example",
        "name": "Moderation Offenbach (Demo)",
        "roles": [(Role.MODERATOR, "offenbach")],
    },
    {
        "email": "bewohnerin@demo.mitreden.example",
        "name": "Ayşe K.",
        "locale": "tr",
        "home": "offenbach",
    },
]

DEMO_IMPRINT = {
    "de": "**Demo-Betreiber** – bitte durch das echte Impressum ersetzen.\n\n"
    "Hessisches Ministerium (Beispiel)  \nMusterstraße 1  \n65185 Wiesbaden\n\n"
    "E-Mail: impressum@mitreden.example",
    "en": "**Demo operator** – please replace with the real imprint.\n\n"
    "Hessian Ministry (example)  \nMusterstraße 1  \n65185 Wiesbaden, Germany\n\n"
    "E-mail: impressum@mitreden.example",
}


def load_base_data() -> int:
    created = 0
    fields = {field.slug: field for field in db.session.scalars(db.select(FieldOfAction))}
    for position, data in enumerate(FIELDS_OF_ACTION):
        if data["slug"] not in fields:
            field = FieldOfAction(position=position * 10, **data)
            db.session.add(field)
            fields[field.slug] = field
            created += 1
    existing = set(db.session.scalars(db.select(Region.slug)))
    for position, data in enumerate(MODEL_REGIONS):
        if data["slug"] in existing:
            continue
        region = Region(
            slug=data["slug"],
            kind=RegionKind.MODEL_REGION,
            name=data["name"],
            description=data["description"],
            position=position,
            fields_of_action=[fields[slug] for slug in data["fields"]],
        )
        db.session.add(region)
        created += 1
    db.session.commit()
    return created


def load_demo_data() -> int:
    created = load_base_data()
    regions = {region.slug: region for region in db.session.scalars(db.select(Region))}
    password_hash = None  # slow on purpose: computed once, and only when an account is missing
    # Set up when the platform started, before the demo residents joined (250 days ago).
    joined = utcnow_naive() - timedelta(days=260)
    for data in DEMO_USERS:
        email = normalise_email(data["email"])
        if db.session.scalar(db.select(User.id).where(User.email == email)):
            continue
        password_hash = password_hash or passwords.hash_password(DEMO_PASSWORD)
        user = User(
            email=email,
            display_name=data["name"],
            password_hash=password_hash,
            locale=data.get("locale", "de"),
            is_administrator=data.get("admin", False),
            confirmed_at=joined,
            privacy_accepted_at=joined,
            created_at=joined,
            updated_at=joined,
            home_region=regions.get(data.get("home")),
        )
        if data.get("admin") or data.get("roles"):
            # Staff must use a second factor: enrolled with the documented demo secret.
            user.totp_secret = DEMO_TOTP_SECRET
            user.mfa_enabled_at = joined
        db.session.add(user)
        for role, region_slug in data.get("roles", []):
            db.session.add(RoleAssignment(user=user, role=role, region=regions[region_slug]))
        created += 1
    if not db.session.scalar(db.select(EditablePage.id).where(EditablePage.slug == "imprint")):
        db.session.add(EditablePage(slug="imprint", body=DEMO_IMPRINT))
        created += 1
    db.session.commit()
    # Consultations with proposals, comments and votes (needs the users above).
    from app.demo_content import load_demo_consultations
    from app.demo_monitoring import load_demo_monitoring
    from app.demo_transparency import load_demo_transparency

    created += load_demo_consultations()
    # Programmes, projects and action concepts (take up the consultations' proposals).
    created += load_demo_transparency()
    # Monitoring: more residents, participation profiles, context figures, an earlier round.
    created += load_demo_monitoring()
    # Follows and notifications: the history above replayed through the events, recent scenes.
    from app.demo_notifications import load_demo_notifications

    return created + load_demo_notifications()


def create_administrator(email: str, display_name: str, password: str) -> tuple[User, bool]:
    """Create a confirmed administrator, or promote the existing account with that address."""
    email = normalise_email(email)
    user = db.session.scalar(db.select(User).where(User.email == email))
    if user is not None:
        user.is_administrator = True
        db.session.commit()
        return user, False
    if not passwords.MIN_LENGTH <= len(password) <= passwords.MAX_LENGTH:
        raise ValueError(
            f"The password needs {passwords.MIN_LENGTH} to {passwords.MAX_LENGTH} characters."
        )
    if passwords.is_common(password):
        raise ValueError("This password is too common. Please choose another one.")
    user = User(
        email=email,
        display_name=display_name.strip() or "Administration",
        password_hash=passwords.hash_password(password),
        is_administrator=True,
        confirmed_at=utcnow_naive(),
    )
    db.session.add(user)
    db.session.commit()
    return user, True
