"""Messagerie santé: messages as FHIR Communications, their notifications and their command-line text.

mapping.py, notify.py and headless.py take plain values (messages, the ids of the documents of the vault,
the blocked references) so that they can be tested and reused from any layer; store.py (the use cases),
inbound.py (what the sync's pull stores), fhir.py (the kind's line of the FHIR table), announce.py and
directory.py wire them to the vault, the sync and the app.
"""
