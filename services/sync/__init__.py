"""Synchronisation with a FHIR R4 server: one round (round.py) pushes the outbox (push.py) and pulls
the server's history (pull.py, apply.py); client.py is the bounded HTTP client, trash.py what a sync never
destroys, resources.py what a record sends, token.py where the access token is kept."""
