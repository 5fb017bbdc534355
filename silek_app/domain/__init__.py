"""Pure domain rules of SILEK. Nothing here may import Reflex or the database layer."""
