"""SMART Health Links: the link, its manifest and its files, opened here WITHOUT Carnet's code path
(base64url, JSON, AES-256-GCM from ``cryptography`` and raw DEFLATE from ``zlib``, by hand on the five
parts of each compact JWE), as a receiving application would."""

import base64
import io
import json
import zlib
from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from PIL import Image

from domain.errors import ValidationError
from domain.models import Document
from domain.sharing import Share
from services.sharing import shlink
from services.sharing.summary import summary_bundle
from tests.unit.sharing.conftest import NOW, TODAY

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40  # bytes that do not compress
LETTER = Document("Lettre de sortie", "11490-0", date(2026, 10, 2), author="CHU de Nantes")
MASKED = Document("Compte rendu psy", "11488-4", date(2026, 9, 1), masked=True)
MANIFEST_URL = "https://fhir.example.org/shl/" + "A" * 43


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def open_jwe(token: str, key: bytes) -> tuple[dict, bytes]:
    """RFC 7516 compact JWE, alg dir + enc A256GCM: the protected header is the AAD (as ASCII)."""
    protected, encrypted_key, iv, ciphertext, tag = token.split(".")
    header = json.loads(unb64(protected))
    assert header["alg"] == "dir" and header["enc"] == "A256GCM" and encrypted_key == ""
    assert len(unb64(iv)) == 12
    plain = AESGCM(key).decrypt(unb64(iv), unb64(ciphertext) + unb64(tag), protected.encode("ascii"))
    if header.get("zip") == "DEF":
        plain = zlib.decompress(plain, -zlib.MAX_WBITS)  # raw DEFLATE, no zlib header
    return header, plain


def make_share(full_data, **changes):
    fields = {
        "profile_id": full_data.profile.id,
        "label": "Pour le Dr Durand",
        "created": NOW,
        "expires": NOW + timedelta(days=7),
        "document_ids": (LETTER.id,),
        "summary": True,
    }
    return Share(**(fields | changes))


@pytest.fixture
def link(full_data):
    share = make_share(full_data)
    bundle = summary_bundle(full_data, TODAY, NOW)
    files = shlink.share_files(share, NOW, bundle, [(LETTER, PDF), (MASKED, b"secret")])
    return shlink.build_link(share, files, MANIFEST_URL)


def test_a_link_decoded_and_decrypted_independently_gives_the_summary_and_the_document(link, full_data):
    viewer = link.viewer_link("https://viewer.example.org/#")
    assert viewer.startswith("https://viewer.example.org/#shlink:/")
    payload = json.loads(unb64(viewer.split("#shlink:/", 1)[1]))
    assert payload["url"] == MANIFEST_URL and payload["label"] == "Pour le Dr Durand"
    assert payload["exp"] == int((NOW + timedelta(days=7)).timestamp()) and payload.get("flag", "") == ""
    key = unb64(payload["key"])
    assert len(payload["key"]) == 43 and len(key) == 32

    files = link.manifest(NOW)["files"]
    opened = [open_jwe(f["embedded"], key) for f in files]
    assert [f["contentType"] for f in files] == ["application/fhir+json"] * 2
    assert [h["cty"] for h, _plain in opened] == ["application/fhir+json"] * 2
    summary, document = (json.loads(plain) for _h, plain in opened)
    assert summary["type"] == "document"
    assert summary["entry"][0]["resource"]["type"]["coding"][0]["code"] == "60591-5"
    assert document["resourceType"] == "DocumentReference" and document["id"] == LETTER.id
    assert base64.b64decode(document["content"][0]["attachment"]["data"]) == PDF


def test_json_is_compressed_and_each_file_has_its_own_nonce(link):
    headers = [json.loads(unb64(f[1].split(".")[0])) for f in link.files]
    assert headers[0].get("zip") == "DEF"
    ivs = {token.split(".")[2] for _kind, token in link.files}
    assert len(ivs) == len(link.files)


def test_carnet_resolves_its_own_link_like_any_receiver(link):
    files = shlink.resolve(link.uri(), NOW, lambda url: link.manifest(NOW))
    assert [json.loads(data)["resourceType"] for _kind, data in files] == ["Bundle", "DocumentReference"]


def test_an_expired_link_is_rejected_before_anything_is_fetched(link):
    fetched = []
    expiry = NOW + timedelta(days=7)
    assert not shlink.expired(int(expiry.timestamp()), expiry - timedelta(seconds=1))
    assert shlink.expired(int(expiry.timestamp()), expiry)
    with pytest.raises(ValidationError, match="expired"):
        shlink.resolve(link.uri(), expiry, fetched.append)
    assert fetched == []


def test_a_masked_document_never_goes_into_a_link(full_data):
    share = make_share(full_data, document_ids=(LETTER.id, MASKED.id))
    with pytest.raises(ValidationError, match="masked"):
        shlink.share_files(share, NOW, None, [(LETTER, PDF), (MASKED, b"secret")])


def test_a_wrong_key_or_a_tampered_file_is_refused(link):
    other = shlink.new_key()
    with pytest.raises(ValidationError):
        shlink.decrypt_file(link.files[0][1], other)
    protected, ek, iv, ciphertext, tag = link.files[0][1].split(".")
    flipped = ("B" if ciphertext[0] == "A" else "A") + ciphertext[1:]
    with pytest.raises(ValidationError):
        shlink.decrypt_file(".".join([protected, ek, iv, flipped, tag]), link.key)


def test_a_file_encrypted_another_way_is_refused():
    from joserfc import jwe
    from joserfc.jwk import OctKey

    key = shlink.new_key()
    wrapped = jwe.encrypt_compact(
        {"alg": "A256KW", "enc": "A256GCM", "cty": "application/fhir+json"}, b"{}", OctKey.import_key(key)
    )
    with pytest.raises(ValidationError):
        shlink.decrypt_file(wrapped, key)


@pytest.mark.parametrize(
    "text",
    [
        "https://example.org/",
        "shlink:/" + "!" * 10,
        "shlink:/" + base64.urlsafe_b64encode(b"[1,2]").decode(),
        "shlink:/"
        + base64.urlsafe_b64encode(json.dumps({"url": "https://x", "key": "short"}).encode()).decode(),
        "shlink:/" + "A" * 9000,
        "https://viewer.example.org/shlink:/abc",  # a viewer prefix ends with #
    ],
)
def test_what_is_not_a_link_is_refused(text):
    with pytest.raises(ValidationError):
        shlink.decode_link(text)


def test_a_link_with_a_passcode_and_a_direct_file_at_once_is_refused(link):
    payload = link.payload() | {"flag": "PU"}
    text = "shlink:/" + shlink.b64url(json.dumps(payload).encode())
    with pytest.raises(ValidationError):
        shlink.decode_link(text)


def test_a_direct_link_carries_one_file_and_says_so(full_data):
    share = make_share(full_data, document_ids=())
    files = shlink.share_files(share, NOW, summary_bundle(full_data, TODAY, NOW), [])
    direct = shlink.build_link(share, files, MANIFEST_URL, direct=True)
    assert direct.payload()["flag"] == "U"
    with pytest.raises(ValidationError):
        shlink.build_link(share, files * 2, MANIFEST_URL, direct=True)


def test_the_manifest_url_is_https_and_short(full_data):
    share = make_share(full_data, document_ids=())
    files = [("application/fhir+json", b"{}")]
    for url in ("http://fhir.example.org/m", "https://x.org/" + "a" * 120):
        with pytest.raises(ValidationError):
            shlink.build_link(share, files, url)
    assert len(shlink.new_manifest_id()) == 43


def test_the_qr_code_is_a_png_and_an_svg_of_the_link(link):
    image = Image.open(io.BytesIO(shlink.qr_png(link.uri())))
    assert image.format == "PNG" and image.size[0] == image.size[1] >= 200
    svg = shlink.qr_svg(link.uri())
    assert svg.startswith(b"<?xml") and b"<svg" in svg


def test_the_expiry_of_a_share_is_the_exp_of_its_link(full_data):
    expires = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    share = make_share(full_data, document_ids=(), expires=expires)
    built = shlink.build_link(share, [("application/fhir+json", b"{}")], MANIFEST_URL)
    assert built.exp == 1796083200
