"""The current time, in one place, so every layer agrees it is UTC and aware."""

from silek_app.models import utcnow as utc_now

__all__ = ["utc_now"]
