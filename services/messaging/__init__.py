"""Messagerie santé: messages as FHIR Communications, their notifications and their command-line text.

Storage, sync and screens are wired later; these modules take plain values (messages, the ids of the
documents of the vault, the blocked references) so that they can be tested and reused from any layer.
"""
