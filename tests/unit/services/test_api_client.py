import httpx
import pytest

from domain.errors import SyncError, SyncTransientError, ValidationError
from services.api_client import FhirClient, check_server_url

BASE = "https://fhir.example.org/r4"


def client_answering(*answers, token=None, retries=3):
    """A client whose server gives ``answers`` in turn (a response, or an exception to raise)."""
    seen, slept = [], []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers[min(len(seen), len(answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer

    client = FhirClient(
        BASE, token, transport=httpx.MockTransport(handler), retries=retries, sleep=slept.append
    )
    return client, seen, slept


OK = httpx.Response(200, json={"resourceType": "Patient", "id": "p1"})


def test_a_503_then_an_answer_is_retried_after_a_jittered_backoff():
    client, seen, slept = client_answering(httpx.Response(503), httpx.Response(503), OK)
    assert client.read("Patient", "p1") == (200, {"resourceType": "Patient", "id": "p1"})
    assert len(seen) == 3 and client.requests == 3
    assert len(slept) == 2 and 0 <= slept[0] <= 0.5 and 0 <= slept[1] <= 1.0


def test_retry_after_is_honoured_on_429():
    client, _, slept = client_answering(httpx.Response(429, headers={"Retry-After": "7"}), OK)
    client.read("Patient", "p1")
    assert slept == [7.0]


def test_network_errors_and_garbage_json_are_retried_then_reported():
    garbage = httpx.Response(200, content=b"<html>proxy error</html>")
    client, seen, _ = client_answering(httpx.ConnectError("refused"), garbage, garbage, garbage)
    with pytest.raises(SyncTransientError) as raised:
        client.read("Patient", "p1")
    assert len(seen) == 4
    assert "not JSON" in raised.value.render() and "sent later" in raised.value.render()


def test_a_refused_token_is_reported_at_once_without_retries():
    client, seen, _ = client_answering(httpx.Response(401), token="expired")
    with pytest.raises(SyncError) as raised:
        client.read("Patient", "p1")
    assert len(seen) == 1 and "token" in raised.value.render()


def test_the_bearer_token_and_fhir_json_are_sent():
    client, seen, _ = client_answering(OK, token="s3cret")
    client.transaction({"resourceType": "Bundle", "type": "transaction", "entry": []})
    assert seen[0].headers["Authorization"] == "Bearer s3cret"
    assert seen[0].headers["Content-Type"] == "application/fhir+json"
    assert str(seen[0].url) == BASE + "/"


def test_a_412_or_404_is_handed_to_the_caller():
    client, seen, _ = client_answering(httpx.Response(412, json={"resourceType": "OperationOutcome"}))
    assert client.read("Patient", "p1")[0] == 412 and len(seen) == 1


@pytest.mark.parametrize("url", ["http://fhir.example.org/r4", "ftp://x", "", "fhir.example.org"])
def test_plain_http_is_refused_except_on_this_device(url):
    with pytest.raises(ValidationError):
        check_server_url(url)


@pytest.mark.parametrize(
    "url", ["https://fhir.example.org/r4/", "http://127.0.0.1:8080/fhir", "http://localhost/fhir"]
)
def test_https_and_loopback_addresses_are_accepted(url):
    assert check_server_url(url) == url.rstrip("/")


def test_a_web_page_where_the_fhir_server_should_be_is_reported_without_retries():
    client, seen, _ = client_answering(httpx.Response(404, content=b"<html>Not found</html>"))
    with pytest.raises(SyncError) as raised:
        client.history(None, 10, 0)
    assert len(seen) == 1 and "No FHIR server answers at https://fhir.example.org/r4" in raised.value.render()
