"""`flask privacy purge`: the retention rules, for cron once a day (see retention.py)."""

import click
from flask import Flask

from app.privacy import retention


def register_privacy_cli(app: Flask) -> None:
    @app.cli.group()
    def privacy():
        """Privacy: retention of unused accounts."""

    @privacy.command("purge")
    def purge():
        """Delete unconfirmed accounts, warn inactive ones, delete those warned long enough."""
        click.echo(retention.purge().summary())
