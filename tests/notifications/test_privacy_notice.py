"""The privacy notice says what following and notifications store and how long sent mail stays."""

import pytest


@pytest.mark.parametrize("days", [7, 1])
def test_the_notice_explains_notifications_and_the_configured_mail_retention(app, client, days):
    app.config["MAIL_KEEP_SENT_DAYS"] = days
    try:
        page = client.get("/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    finally:
        app.config["MAIL_KEEP_SENT_DAYS"] = 7
    assert 'id="notifications"' in page
    assert "we store a notification for you" in page
    unit = "day" if days == 1 else "days"
    assert f"deleted from our outgoing mail store after {days} {unit}." in page


def test_the_notice_is_translated(client):
    page = client.get("/privacy", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Folgen und Benachrichtigungen" in page
    assert "nach 7 Tagen aus unserem Speicher für ausgehende Post gelöscht" in page
