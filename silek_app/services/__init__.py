"""Use cases. Each function opens its own transaction, checks who is acting from the
database (never from client-held values) and calls the domain layer.

Functions here are synchronous and may block (hashing, queries); the state layer
runs them in a worker thread so the event loop stays free.
"""
