"""Changes made from the public pages and by administrators to operator content."""

import secrets
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

from app.accounts.models import User
from app.core.clock import utcnow_naive
from app.core.errors import DomainError
from app.core.i18n import _
from app.core.permissions import require
from app.extensions import db
from app.notifications.outbox import queue_mail
from app.pages.models import AccessibilityFeedback, EditablePage, SignLanguageVideo
from app.pages.video_files import NotAnMp4, mp4_duration_seconds

IMPRINT = "imprint"


def set_language(user, language: str) -> None:
    """Keep a signed-in user's language in the profile (the route sets the cookie for everyone)."""
    if getattr(user, "is_authenticated", False):
        user.locale = language
        db.session.flush()


def send_accessibility_feedback(
    user, message: str, page_url: str | None, name: str | None, email: str | None
) -> AccessibilityFeedback:
    """Store the message and tell every administrator, each in their own language."""
    feedback = AccessibilityFeedback(
        message=message,
        page_url=page_url or None,
        name=name or None,
        email=email or None,
        user_id=user.id if getattr(user, "is_authenticated", False) else None,
    )
    db.session.add(feedback)
    db.session.flush()
    administrators = db.session.scalars(
        db.select(User).where(User.is_administrator.is_(True), User.confirmed_at.is_not(None))
    )
    for admin in administrators:
        with force_locale(admin.locale):
            subject = _("Accessibility feedback no. %(number)d", number=feedback.id)
            text = render_template("pages/mail/feedback.txt", feedback=feedback, admin=admin)
        queue_mail(admin.email, subject, text, user_id=admin.id)
    return feedback


def mark_feedback_handled(user, feedback: AccessibilityFeedback) -> None:
    require(user, "feedback.read")
    feedback.handled_at = utcnow_naive()
    feedback.handled_by_id = user.id
    db.session.flush()


def imprint_page() -> EditablePage | None:
    return db.session.scalar(db.select(EditablePage).where(EditablePage.slug == IMPRINT))


def save_imprint(user, texts: dict[str, str]) -> EditablePage:
    require(user, "page.edit")
    texts = {lang: value.strip() for lang, value in texts.items() if value and value.strip()}
    if "de" not in texts:
        raise DomainError(_("The German text is required."), field="body_de")
    page = imprint_page()
    if page is None:
        page = EditablePage(slug=IMPRINT)
        db.session.add(page)
    page.body = texts
    page.updated_by_id = user.id
    db.session.flush()
    return page


def video_directory() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"]) / "videos"
    path.mkdir(parents=True, exist_ok=True)
    return path


def add_sign_language_video(
    user, upload, titles: dict[str, str], position: int
) -> SignLanguageVideo:
    """Check the file is an MP4 with a duration, store it under a random name, record it."""
    require(user, "video.manage")
    titles = {lang: value.strip() for lang, value in titles.items() if value and value.strip()}
    if "de" not in titles:
        raise DomainError(_("The German title is required."), field="title_de")
    try:
        duration = mp4_duration_seconds(upload.stream)
    except (NotAnMp4, OSError):
        raise DomainError(
            _(
                "This file is not a playable MP4 video. "
                "Please export it as MP4 (H.264) and try again."
            ),
            field="file",
        ) from None
    upload.stream.seek(0)
    filename = f"{secrets.token_hex(12)}.mp4"
    target = video_directory() / filename
    upload.save(target)
    video = SignLanguageVideo(
        title=titles,
        filename=filename,
        size_bytes=target.stat().st_size,
        duration_seconds=duration,
        position=position,
        uploaded_by_id=user.id,
    )
    db.session.add(video)
    try:
        db.session.flush()
    except Exception:
        target.unlink(missing_ok=True)  # no orphan file when the row cannot be written
        raise
    return video


def delete_sign_language_video(user, video: SignLanguageVideo) -> Path:
    """Remove the record; returns the file, which the caller deletes once the commit succeeded."""
    require(user, "video.manage")
    path = video_directory() / video.filename
    db.session.delete(video)
    db.session.flush()
    return path


def sign_language_videos() -> list[SignLanguageVideo]:
    return list(
        db.session.scalars(
            db.select(SignLanguageVideo).order_by(SignLanguageVideo.position, SignLanguageVideo.id)
        )
    )
