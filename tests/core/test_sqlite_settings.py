"""Every SQLite connection the app opens overwrites deleted rows (an erased account leaves no
trace in the file's free pages)."""

from sqlalchemy import create_engine, text

import app as application  # noqa: F401  (registers the connection settings)


def test_deleted_text_is_gone_from_the_database_file(tmp_path):
    path = tmp_path / "erase.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    marker = "erased-person@example.org"
    with engine.begin() as connection:
        assert connection.execute(text("PRAGMA secure_delete")).scalar() == 1
        connection.execute(text("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT)"))
        connection.execute(text("INSERT INTO people (email) VALUES (:email)"), {"email": marker})
        connection.execute(text("INSERT INTO people (email) VALUES ('kept@example.org')"))
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM people WHERE email = :email"), {"email": marker})
    with engine.begin() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()

    content = path.read_bytes()
    assert b"kept@example.org" in content
    assert marker.encode() not in content
