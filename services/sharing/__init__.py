"""Partager (issue 16): the tested core, with no storage, screen or command line yet.

* summary.py / summary_pdf.py: the HL7 International Patient Summary (FHIR R4B document Bundle) and its
  PDF, from a ``domain.summary.SummaryData``; the "urgence" card is ``domain.summary.emergency_card``.
* shlink.py: SMART Health Links (JWE dir + A256GCM files, manifest, ``shlink:/`` payload, QR code).
* consent.py: ``Block`` <-> deny Consent, ``CaregiverGrant`` <-> RelatedPerson + permit Consent.
* exchange_log.py: the Historique des échanges inside the sealed, chained access history.

Still to wire (each a later change): storage kinds for shares, blocks, grants and emergency contacts
(storage/codec.KINDS, with their sync resource types); ``summary --format fhir|pdf`` in main.py reading
a SummaryData from the vault (records per kind + services.agenda.plan); the Synthèse, Partager,
Aidants and urgence-card screens (the card off by default, shown from the lock screen only if turned
on), passing views/labels.py names through ``texts.Texts``; upload of the encrypted files/manifest to
the user's FHIR server and its revocation (delete) there; Consent/RelatedPerson through the sync;
access_log.ACTION_NAMES for the exchange kinds; marking documents by ``domain.sharing.blocked_author``.
"""
