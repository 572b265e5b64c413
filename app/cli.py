"""Command-line tasks: translations, seed and demo data, the first administrator."""

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT_FILE = ROOT / "messages.pot"
# Translation functions besides Babel's defaults (_, gettext, ngettext, ...).
EXTRA_KEYWORDS = {"_l": None, "counted": (1, 2)}


def extracted_messages() -> set[str]:
    """Every msgid (singular) in the code and templates, as `translate extract` finds them."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, **EXTRA_KEYWORDS}
    found = extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords, strip_comment_tags=True
    )
    return {message[2] if isinstance(message[2], str) else message[2][0] for message in found}


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def register_cli(app: Flask) -> None:
    from app.core.backup_cli import register_backup_cli
    from app.notifications.cli import register_mail_cli
    from app.privacy.cli import register_privacy_cli

    register_mail_cli(app)
    register_privacy_cli(app)
    register_backup_cli(app)

    @app.cli.group()
    def translate():
        """Extract, update and compile the translation catalogs."""

    @translate.command()
    def extract():
        """Collect every translatable string into messages.pot."""
        _pybabel(
            "extract",
            "-F",
            "babel.cfg",
            *[
                f"-k{name}" + (f":{','.join(map(str, spec))}" if spec else "")
                for name, spec in EXTRA_KEYWORDS.items()
            ],
            "--no-location",
            "--sort-output",
            "-o",
            str(POT_FILE),
            ".",  # babel.cfg selects app/**; tests are not extracted
        )

    @translate.command()
    def update():
        """Extract, then merge new strings into every catalog."""
        extract.callback()
        _pybabel(
            "update",
            "-i",
            str(POT_FILE),
            "-d",
            str(TRANSLATIONS),
            "--no-fuzzy-matching",
            "--ignore-obsolete",
        )

    @translate.command()
    def compile():
        """Compile every catalog to .mo (done by make run and make test)."""
        _pybabel("compile", "-d", str(TRANSLATIONS))

    @translate.command()
    @click.argument("language")
    def init(language):
        """Start a catalog for a new UI language."""
        extract.callback()
        _pybabel("init", "-i", str(POT_FILE), "-d", str(TRANSLATIONS), "-l", language)

    @app.cli.command("seed")
    def seed():
        """Load the programme's base data: the six model regions and the fields of action."""
        from app.seed import load_base_data

        created = load_base_data()
        click.echo(f"Base data: {created} new records.")

    @app.cli.command("seed-demo")
    @click.option("--force-production", is_flag=True, help="Allow demo accounts in production.")
    def seed_demo(force_production):
        """Load demo accounts and texts (idempotent; never overwrites existing records)."""
        from app.seed import load_demo_data

        if app.config["ENV_NAME"] == "production" and not force_production:
            raise click.ClickException(
                "Refusing to load demo accounts with production settings (use --force-production)."
            )
        created = load_demo_data()
        click.echo(f"Demo data: {created} new records.")

    @app.cli.command("create-admin")
    @click.option("--email", prompt=True)
    @click.option("--name", "display_name", prompt="Display name")
    @click.password_option()
    def create_admin(email, display_name, password):
        """Create the first administrator (confirmed), or make an existing account one."""
        from app.seed import create_administrator

        try:
            user, created = create_administrator(email, display_name, password)
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"{'Created' if created else 'Promoted'} administrator {user.email}.")
