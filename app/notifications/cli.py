"""`flask mail send`: deliver mail now (for cron, every minute), or keep doing so with --watch."""

import click
from flask import Flask

from app.notifications import sender


def register_mail_cli(app: Flask) -> None:
    @app.cli.group()
    def mail():
        """Outgoing mail: notifications, digests and the outbox."""

    @mail.command("send")
    @click.option("--watch", is_flag=True, help="Keep running, one pass every --interval seconds.")
    @click.option(
        "--interval",
        type=click.FloatRange(min=0.1),
        default=30.0,
        show_default=True,
        help="Seconds between two passes with --watch.",
    )
    @click.option("--passes", type=click.IntRange(min=1), default=None, hidden=True)
    def send(watch, interval, passes):
        """Announce new phases, queue notification mails and digests, deliver due mail."""
        if not watch:
            click.echo(sender.run_once().summary())
            return

        def report(result):
            # The log has the details; the console shows what happened, not every idle pass.
            if result is None:
                click.echo("Mail sender pass failed (see the log).", err=True)
            elif result.did_something:
                click.echo(result.summary())

        click.echo(f"Mail sender running, one pass every {interval:g} s (Ctrl+C stops).")
        try:
            sender.watch(interval, passes=passes, on_pass=report)
        except KeyboardInterrupt:
            click.echo("Mail sender stopped.")
