"""Errors raised by use cases. Their message is safe to show the user (Indonesian)."""

# Also for someone else's application: a number that is not yours looks like a missing one.
APPLICATION_NOT_FOUND = "Permohonan tidak ditemukan."
SESSION_ENDED = "Sesi Anda telah berakhir. Silakan masuk kembali."


class ServiceError(Exception):
    """A request that was refused; nothing was changed."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class AuthRequired(ServiceError):
    def __init__(self, message: str = SESSION_ENDED):
        super().__init__(message)


class PermissionDenied(ServiceError):
    def __init__(self, message: str = "Anda tidak berwenang melakukan tindakan ini."):
        super().__init__(message)


class NotFound(ServiceError):
    pass
