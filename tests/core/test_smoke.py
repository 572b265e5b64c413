from tests.conftest import log_in
from tests.factories import make_user


def test_start_page_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="de" dir="ltr">' in response.data


def test_logged_in_user_sees_profile(client, app):
    user = make_user(display_name="Zeynep")
    from app.extensions import db

    db.session.commit()
    log_in(client, user)
    response = client.get("/account/")
    assert response.status_code == 200
    assert "Zeynep" in response.get_data(as_text=True)
