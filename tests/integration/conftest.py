"""A real FHIR R4 server for the sync tests: sekmet-fhir on 127.0.0.1, a free port, a fresh database.

``fhir_server`` is shared by the session; ``fresh_fhir_server`` gives a test its own (stoppable) one.
"""

from __future__ import annotations

import pytest

from .sekmet_server import TOKEN, FhirServer

__all__ = ["TOKEN"]


@pytest.fixture(scope="session")
def fhir_server(tmp_path_factory):
    server = FhirServer(tmp_path_factory.mktemp("sekmet"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fresh_fhir_server(tmp_path):
    server = FhirServer(tmp_path / "sekmet")
    server.start()
    yield server
    server.stop()
