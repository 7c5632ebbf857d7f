"""Partager: patient summary, SMART Health Links, consents (issue 16)."""
