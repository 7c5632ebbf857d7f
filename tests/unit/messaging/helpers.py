"""Small builders shared by the messaging tests."""

from datetime import UTC, datetime, timedelta

from domain.messages import Message

PROFILE = "leo"
DR_MARTIN = "Practitioner/dr-martin"
PHARMACY = "Organization/pharmacie-du-port"
T0 = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def received(text="Bonjour", minutes=0, who=DR_MARTIN, read=False, **more) -> Message:
    return Message(PROFILE, "in", who, at(minutes), text=text, read=read, **more)


def sent(text="Merci", minutes=0, who=DR_MARTIN, **more) -> Message:
    return Message(PROFILE, "out", who, at(minutes), text=text, read=True, **more)
