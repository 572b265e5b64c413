"""Base data of the programme and demo data.

Both loaders are idempotent: they add what is missing, identified by slug or e-mail address, and
never change a record that already exists, so running `make run` twice loses nothing.
"""

from app.accounts import passwords
from app.accounts.models import Role, RoleAssignment, User, normalise_email
from app.core.clock import utcnow_naive
from app.extensions import db
from app.pages.models import EditablePage
from app.regions.models import FieldOfAction, Region, RegionKind

MODEL_REGIONS = [
    {
        "slug": "kassel",
        "name": {"de": "Stadt Kassel", "en": "City of Kassel"},
        "description": {
            "de": "Die documenta-Stadt in Nordhessen entwickelt ihre Integrationsarbeit gemeinsam "
            "mit Migrantenorganisationen, Stadtteilen und Verwaltung weiter.",
            "en": "The documenta city in northern Hesse develops its integration work together "
            "with migrant organisations, neighbourhoods and the administration.",
        },
        "fields": ["language-education", "work-training", "civic-engagement"],
    },
    {
        "slug": "wetzlar",
        "name": {"de": "Stadt Wetzlar", "en": "City of Wetzlar"},
        "description": {
            "de": "Wetzlar an der Lahn stärkt die interkulturelle Öffnung der Verwaltung und die "
            "Teilhabe in den Quartieren.",
            "en": "Wetzlar on the Lahn strengthens the intercultural opening of its administration "
            "and participation in its neighbourhoods.",
        },
        "fields": ["intercultural-opening", "housing-neighbourhood", "language-education"],
    },
    {
        "slug": "wiesbaden",
        "name": {"de": "Stadt Wiesbaden", "en": "City of Wiesbaden"},
        "description": {
            "de": "Die Landeshauptstadt verbindet ihr Integrationskonzept mit der Beteiligung der "
            "Bewohnerinnen und Bewohner aller Ortsbezirke.",
            "en": "The state capital links its integration concept with the participation of "
            "residents of all its districts.",
        },
        "fields": ["work-training", "health-care", "intercultural-opening", "civic-engagement"],
    },
    {
        "slug": "hochtaunus",
        "name": {"de": "Landkreis Hochtaunus", "en": "Hochtaunus District"},
        "description": {
            "de": "Der Hochtaunuskreis bringt Städte und Gemeinden zusammen, um Angebote für "
            "Zugewanderte im ganzen Kreis abzustimmen.",
            "en": "The Hochtaunus district brings its towns and municipalities together to "
            "coordinate services for newcomers across the district.",
        },
        "fields": ["language-education", "housing-neighbourhood", "health-care"],
    },
    {
        "slug": "offenbach",
        "name": {"de": "Stadt Offenbach", "en": "City of Offenbach"},
        "description": {
            "de": "In Offenbach haben mehr als sechzig Prozent der Menschen eine "
            "Einwanderungsgeschichte; die Stadt gestaltet Integration als Aufgabe aller.",
            "en": "In Offenbach more than sixty per cent of residents have a migration history; "
            "the city shapes integration as everyone's task.",
        },
        "fields": ["work-training", "housing-neighbourhood", "civic-engagement"],
    },
    {
        "slug": "main-kinzig-hanau",
        "name": {
            "de": "Main-Kinzig-Kreis gemeinsam mit der Stadt Hanau",
            "en": "Main-Kinzig District together with the City of Hanau",
        },
        "description": {
            "de": "Kreis und Stadt arbeiten als gemeinsame Modellregion an Bildung, Arbeit und "
            "gesellschaftlichem Zusammenhalt.",
            "en": "The district and the city work as one model region on education, work and "
            "social cohesion.",
        },
        "fields": ["language-education", "work-training", "health-care", "civic-engagement"],
    },
]

FIELDS_OF_ACTION = [
    {
        "slug": "language-education",
        "name": {"de": "Sprache und Bildung", "en": "Language and education"},
        "description": {
            "de": "Sprachkurse, frühe Bildung, Schule und Weiterbildung.",
            "en": "Language courses, early education, school and further education.",
        },
    },
    {
        "slug": "work-training",
        "name": {"de": "Arbeit und Ausbildung", "en": "Work and training"},
        "description": {
            "de": "Zugang zu Ausbildung und Arbeit, Anerkennung von Abschlüssen.",
            "en": "Access to training and work, recognition of qualifications.",
        },
    },
    {
        "slug": "housing-neighbourhood",
        "name": {"de": "Wohnen und Nachbarschaft", "en": "Housing and neighbourhood"},
        "description": {
            "de": "Bezahlbarer Wohnraum, Zusammenleben im Quartier.",
            "en": "Affordable housing, living together in the neighbourhood.",
        },
    },
    {
        "slug": "health-care",
        "name": {"de": "Gesundheit und Pflege", "en": "Health and care"},
        "description": {
            "de": "Zugang zu Gesundheitsversorgung, Pflege und Beratung.",
            "en": "Access to health services, care and counselling.",
        },
    },
    {
        "slug": "intercultural-opening",
        "name": {
            "de": "Interkulturelle Öffnung der Verwaltung",
            "en": "Intercultural opening of the administration",
        },
        "description": {
            "de": "Eine Verwaltung, die alle Menschen versteht und erreicht.",
            "en": "An administration that understands and reaches everyone.",
        },
    },
    {
        "slug": "civic-engagement",
        "name": {"de": "Bürgerschaftliches Engagement", "en": "Civic engagement"},
        "description": {
            "de": "Ehrenamt, Vereine und Migrantenorganisationen stärken.",
            "en": "Strengthening volunteering, associations and migrant organisations.",
        },
    },
]

DEMO_PASSWORD = "demo-mitreden-2026"  # noqa: S105 (documented demo accounts only)

DEMO_USERS = [
    {"email": "admin@demo.mitreden.example", "name": "Ministerium (Demo)", "admin": True},
    {
        "email": "koordination.wiesbaden@demo.mitreden.example",
        "name": "Koordination Wiesbaden (Demo)",
        "roles": [(Role.COORDINATOR, "wiesbaden")],
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
    for data in DEMO_USERS:
        email = normalise_email(data["email"])
        if db.session.scalar(db.select(User.id).where(User.email == email)):
            continue
        user = User(
            email=email,
            display_name=data["name"],
            password_hash=passwords.hash_password(DEMO_PASSWORD),
            locale=data.get("locale", "de"),
            is_administrator=data.get("admin", False),
            confirmed_at=utcnow_naive(),
            home_region=regions.get(data.get("home")),
        )
        db.session.add(user)
        for role, region_slug in data.get("roles", []):
            db.session.add(RoleAssignment(user=user, role=role, region=regions[region_slug]))
        created += 1
    if not db.session.scalar(db.select(EditablePage.id).where(EditablePage.slug == "imprint")):
        db.session.add(EditablePage(slug="imprint", body=DEMO_IMPRINT))
        created += 1
    db.session.commit()
    return created


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
