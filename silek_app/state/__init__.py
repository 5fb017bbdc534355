"""Thin Reflex states: they call services and hold only what the page shows.

Every public method here is reachable by any client with any payload, so each
handler that touches data resolves the user from the database via the services.
"""
