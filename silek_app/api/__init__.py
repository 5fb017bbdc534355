"""The JSON API, mounted into the Reflex app through `api_transformer`."""
