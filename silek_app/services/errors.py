"""Errors raised by use cases. Their message is safe to show the user (Indonesian)."""


class ServiceError(Exception):
    """A request that was refused; nothing was changed."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class AuthRequired(ServiceError):
    def __init__(self, message: str = "Sesi Anda telah berakhir. Silakan masuk kembali."):
        super().__init__(message)


class PermissionDenied(ServiceError):
    def __init__(self, message: str = "Anda tidak berwenang melakukan tindakan ini."):
        super().__init__(message)


class NotFound(ServiceError):
    pass
