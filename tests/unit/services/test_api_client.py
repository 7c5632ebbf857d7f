import httpx
import pytest

from domain.errors import SyncError, SyncTransientError, ValidationError
from services.sync.client import (
    FhirClient,
    Limits,
    Redirected,
    ResponseTooLarge,
    RoundLimitReached,
    check_server_url,
)

BASE = "https://fhir.example.org/r4"
OPEN: list[FhirClient] = []


@pytest.fixture(autouse=True)
def close_clients():
    yield
    while OPEN:  # each client runs its requests on an event loop thread of its own
        OPEN.pop().close()


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
    OPEN.append(client)
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


# -- limits: whatever the server does, a round ends ------------------------------------------------------
def test_a_redirect_is_never_followed_and_is_a_temporary_failure():
    moved = httpx.Response(307, headers={"Location": "https://evil.example/r4/Patient/p1"})
    client, seen, _ = client_answering(moved)
    with pytest.raises(Redirected) as raised:
        client.read("Patient", "p1")
    assert isinstance(raised.value, SyncTransientError)
    assert [str(r.url) for r in seen] == [f"{BASE}/Patient/p1"] and "redirection" in raised.value.render()


@pytest.mark.parametrize("declared", [True, False])
def test_an_answer_larger_than_the_limit_is_not_read_past_it(declared):
    body = b'{"resourceType": "Patient", "id": "p1", "x": "' + b"a" * 5000 + b'"}'

    async def chunks():
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]

    answer = httpx.Response(200, content=body if declared else chunks())
    client = FhirClient(
        BASE, transport=httpx.MockTransport(lambda r: answer), limits=Limits(response_bytes=2000)
    )
    with pytest.raises(ResponseTooLarge):
        client.read("Patient", "p1")
    assert client.bytes_read <= (0 if declared else 3000)
    client.close()


def test_waiting_between_retries_counts_in_the_rounds_time_budget():
    now = [0.0]

    def sleep(seconds):
        now[0] += seconds

    busy = httpx.Response(503, headers={"Retry-After": "25"})
    client = FhirClient(
        BASE,
        transport=httpx.MockTransport(lambda r: busy),
        sleep=sleep,
        clock=lambda: now[0],
        limits=Limits(round_seconds=60),
    )
    with pytest.raises(RoundLimitReached):
        client.read("Patient", "p1")
    assert client.requests == 3 and now[0] == 50  # a third wait of 25 s would pass the 60 s
    client.close()


def test_json_nested_too_deeply_is_not_an_answer():
    deep = httpx.Response(200, content=b"[" * 100_000)
    client, seen, _ = client_answering(deep, deep, retries=1)
    with pytest.raises(SyncTransientError):
        client.read("Patient", "p1")
    assert len(seen) == 2
