"""Screens. One module per screen; one route table in views/routes.py."""
