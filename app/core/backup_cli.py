"""`flask backup` and `flask restore`: database backups for the operator (docs/OPERATIONS.md)."""

from pathlib import Path

import click
from flask import Flask, current_app

from app.core.backup import BackupError, make_backup, restore_backup


def _size(size: float) -> str:
    if size < 1024:
        return f"{int(size)} bytes"
    for unit in ("KiB", "MiB", "GiB"):
        size /= 1024
        if size < 1024 or unit == "GiB":
            break
    return f"{size:.1f} {unit}"


def register_backup_cli(app: Flask) -> None:
    @app.cli.command("backup")
    @click.option(
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Directory for the backup and its manifest (default: instance/backups).",
    )
    def backup(output):
        """Back up the database (consistent while the app runs) with a JSON manifest."""
        directory = output or Path(current_app.instance_path) / "backups"
        try:
            made = make_backup(directory)
        except (BackupError, OSError) as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Backup: {made.path}")
        click.echo(f"Manifest: {made.manifest_path}")
        click.echo(f"Size: {_size(made.size)}, schema revision {made.manifest['alembic_revision']}")
        width = max((len(name) for name in made.tables), default=5)
        for name, rows in made.tables.items():
            click.echo(f"  {name:<{width}}  {rows:>9}")

    @app.cli.command("restore")
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--force", is_flag=True, help="Replace a database that already holds data.")
    def restore(file, force):
        """Restore a backup made by `flask backup`, then migrate it to this version."""
        try:
            result = restore_backup(file, force=force)
        except (BackupError, OSError) as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Restored: {result.path} (made {result.manifest.get('created_at', '?')})")
        if result.kept:
            click.echo(f"The database as it was before: {result.kept}")
        for message in result.messages:
            click.echo(message)
        rows = result.comparison()
        width = max((len(name) for name, _b, _a in rows), default=5)
        click.echo(f"  {'table':<{width}}  {'backup':>9}  {'now':>9}")
        for name, before, after in rows:
            mark = "" if before == after else "  (differs)"
            click.echo(f"  {name:<{width}}  {_cell(before):>9}  {_cell(after):>9}{mark}")
        if result.integrity != "ok":
            raise click.ClickException(f"Integrity check after the restore: {result.integrity}")
        click.echo(f"Integrity check: ok; schema revision {result.revision} (head).")


def _cell(value: int | None) -> str:
    return "-" if value is None else str(value)
