"""The login's second step in browser tests: type a current code from the user's secret."""

import time

from app.accounts import mfa
from app.accounts.models import User, normalise_email
from app.extensions import db

SECOND_STEP_PATH = "/account/login/code"


def fresh_code(email: str) -> str:
    """A code the server accepts now: the current step's, or the next one if that was used
    (the server refuses a step it has seen, and accepts one step ahead)."""
    db.session.expire_all()  # the server thread wrote totp_last_step
    user = db.session.scalar(db.select(User).where(User.email == normalise_email(email)))
    assert user is not None and user.has_mfa, f"{email} has no second factor"
    step = mfa.current_step()
    last = user.totp_last_step
    if last is not None and last >= step + mfa.WINDOW:
        time.sleep((last - step) * mfa.STEP_SECONDS - time.time() % mfa.STEP_SECONDS + 1)
        step = mfa.current_step()
    if last is not None and last >= step:
        step = last + 1
    return mfa.code_at(user.totp_secret, step)


def pass_second_step(page, email: str) -> None:
    """After the password: when the code page shows, type a current code and send it."""
    if SECOND_STEP_PATH not in page.url:
        return
    field = page.locator("#code")
    field.fill(fresh_code(email))
    with page.expect_navigation():
        field.press("Enter")
