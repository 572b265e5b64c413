"""The participation profile form: four optional questions and the consent they need.

Every question may stay unanswered (None), which is different from "I prefer not to say".
The form validates only; `profile_services.save_profile` writes.
"""

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice

from app.core.forms import optional, required
from app.core.i18n import LANGUAGE_NAMES, _, _l
from app.monitoring.models import AgeBand, MigrationExperience

AGE_BAND_NAMES = {
    AgeBand.UNDER_18: _l("Under 18"),
    AgeBand.FROM_18: _l("18 to 29"),
    AgeBand.FROM_30: _l("30 to 44"),
    AgeBand.FROM_45: _l("45 to 64"),
    AgeBand.FROM_65: _l("65 or older"),
    AgeBand.PREFER_NOT: _l("I prefer not to say"),
}

MIGRATION_EXPERIENCE_NAMES = {
    MigrationExperience.YES: _l("Yes"),
    MigrationExperience.NO: _l("No"),
    MigrationExperience.PREFER_NOT: _l("I prefer not to say"),
}

OTHER_LANGUAGE = "other"

# Languages offered for "spoken at home": the eight languages of the site, then languages
# often spoken in Hesse, then "another language". Codes are BCP 47 (Dari: "prs").
HOME_LANGUAGE_NAMES = {
    "de": _l("German"),
    "en": _l("English"),
    "tr": _l("Turkish"),
    "ar": _l("Arabic"),
    "fa": _l("Persian (Farsi)"),
    "pl": _l("Polish"),
    "ru": _l("Russian"),
    "uk": _l("Ukrainian"),
    "it": _l("Italian"),
    "el": _l("Greek"),
    "hr": _l("Croatian"),
    "sr": _l("Serbian"),
    "bs": _l("Bosnian"),
    "ro": _l("Romanian"),
    "bg": _l("Bulgarian"),
    "sq": _l("Albanian"),
    "ku": _l("Kurdish"),
    "prs": _l("Dari"),
    "ps": _l("Pashto"),
    "ti": _l("Tigrinya"),
    "so": _l("Somali"),
    "fr": _l("French"),
    "es": _l("Spanish"),
    "pt": _l("Portuguese"),
    OTHER_LANGUAGE: _l("Another language"),
}
HOME_LANGUAGES = tuple(HOME_LANGUAGE_NAMES)

# Each language named in itself, shown beside the translated name with its own `lang`, so a
# reader finds their language whatever the page language is.
HOME_LANGUAGE_ENDONYMS = {
    **LANGUAGE_NAMES,
    "it": "Italiano",
    "el": "Ελληνικά",
    "hr": "Hrvatski",
    "sr": "Српски",
    "bs": "Bosanski",
    "ro": "Română",
    "bg": "Български",
    "sq": "Shqip",
    "ku": "Kurdî",
    "prs": "دری",
    "ps": "پښتو",
    "ti": "ትግርኛ",
    "so": "Soomaali",
    "fr": "Français",
    "es": "Español",
    "pt": "Português",
}
RTL_HOME_LANGUAGES = frozenset({"ar", "fa", "prs", "ps"})


def home_language_name(code: str | None) -> str:
    """The translated name of a home language code (the code itself if unknown)."""
    if code is None:
        return _("Not answered")
    name = HOME_LANGUAGE_NAMES.get(code)
    return str(name) if name is not None else code


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class ParticipationProfileForm(FlaskForm):
    age_band = RadioField(
        _l("Age"),
        choices=[SelectChoice(code, AGE_BAND_NAMES[code]) for code in AgeBand.ALL],
        validators=[optional()],
    )
    home_languages = MultiCheckboxField(
        _l("Languages spoken at home"),
        choices=[SelectChoice(code, HOME_LANGUAGE_NAMES[code]) for code in HOME_LANGUAGES],
        validators=[optional()],
        description=_l("Tick every language that is spoken in your home."),
    )
    migration_experience = RadioField(
        _l("Experience of migration"),
        choices=[
            SelectChoice(code, MIGRATION_EXPERIENCE_NAMES[code]) for code in MigrationExperience.ALL
        ],
        validators=[optional()],
        description=_l(
            "Did you, or did at least one of your parents, move to Germany from another country?"
        ),
    )
    home_region = SelectField(
        _l("Region where you live"),
        coerce=int,
        description=_l("Only the regions of the programme are listed."),
    )
    consent = BooleanField(
        _l("I agree that Mitreden stores these answers for the purpose described above."),
        description=_l("You can withdraw your consent at any time on this page."),
        validators=[
            required(
                _l(
                    "Please tick the box to give your consent. Without it we cannot store "
                    "your answers."
                )
            )
        ],
    )

    def offer_regions(self, regions) -> None:
        self.home_region.choices = [SelectChoice(0, _("No answer"))] + [
            SelectChoice(region.id, str(region.title())) for region in regions
        ]

    def fill(self, profile) -> None:
        """Prefill with the owner's stored answers (never the consent: it is given anew)."""
        self.age_band.data = profile.age_band
        self.migration_experience.data = profile.migration_experience
        self.home_languages.data = profile.language_codes
        self.home_region.data = profile.home_region_id or 0
