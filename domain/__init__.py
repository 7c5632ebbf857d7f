"""Carnet's pure domain: models and medical rules. Standard library only, no I/O of user data."""
