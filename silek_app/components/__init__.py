"""Reusable UI pieces (no data access)."""
