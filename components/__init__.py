"""Reusable Flet controls, one per file."""
