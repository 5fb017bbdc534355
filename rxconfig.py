"""Reflex configuration. Deployment values come from silek_app.settings (environment)."""

import reflex as rx

from silek_app import settings

config = rx.Config(
    app_name="silek_app",
    db_url=settings.DB_URL,
    frontend_port=settings.PORT,
    backend_port=settings.PORT,
    cors_allowed_origins=list(settings.ALLOWED_ORIGINS),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium")
        ),
        rx.plugins.SitemapPlugin(),
    ],
)
