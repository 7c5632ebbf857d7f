"""SMART Health Links (HL7 SMART Health Cards and Links IG 1.0.0, "links-specification").

A share becomes files encrypted with one random 32-byte key, each a compact JWE with ``alg`` "dir",
``enc`` "A256GCM", ``cty`` its content type and, for JSON that compresses, ``zip`` "DEF" (raw DEFLATE);
joserfc draws a fresh 96-bit IV per file. The files are listed in a manifest (``files[].embedded``), and
the link is ``shlink:/`` + base64url(minified JSON payload {url, key, exp, flag, label, v}), optionally
after a viewer URL ending in ``#`` (the payload then never reaches the viewer's server).

Content types: the spec allows only application/smart-health-card, application/smart-api-access and
application/fhir+json, so the summary travels as its FHIR Bundle and every document as a FHIR
DocumentReference with its bytes inline (application/fhir+json both).

``resolve`` is the receiving side, used by the tests and by a device checking its own link: it refuses
an expired link (``expired``, a pure function of ``exp`` and ``now``) before fetching anything.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.errors import ValidationError
from domain.models import Document
from domain.sharing import MAX_LABEL, Share
from services.fhir import mapping as fm

FHIR_JSON = "application/fhir+json"
CONTENT_TYPES = ("application/smart-health-card", "application/smart-api-access", FHIR_JSON)
FHIR_VERSION = "4.0.1"
KEY_BYTES = 32
MAX_MANIFEST_URL = 128  # characters, per the spec
MAX_LINK = 8192  # characters of a link we agree to decode (a payload is a few hundred)
# The largest file we decrypt: a 20 MB document inline in JSON (base64), then in a JWE (base64 again).
MAX_TOKEN = 48 * 1024 * 1024
PREFIX = "shlink:/"
_B64URL = re.compile(r"[A-Za-z0-9_-]*")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    if not isinstance(text, str) or not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise ValidationError("This is not a SMART Health Link.")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValidationError("This is not a SMART Health Link.") from exc


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_manifest_id() -> str:
    """43 characters holding 256 random bits: the unguessable part of the manifest URL."""
    return b64url(secrets.token_bytes(32))


# -- files ----------------------------------------------------------------------------------------------
def _zip_limit() -> int:
    from joserfc._rfc7518.jwe_zips import DeflateZipModel

    # joserfc inflates at most this much; larger JSON goes uncompressed, so any joserfc reader opens it.
    return int(DeflateZipModel.MAX_SIZE)


def encrypt_file(plaintext: bytes, content_type: str, key: bytes) -> str:
    from joserfc import jwe
    from joserfc.jwk import OctKey

    if content_type not in CONTENT_TYPES:
        raise ValidationError("A SMART Health Link cannot carry {kind!r}.", kind=content_type)
    if len(key) != KEY_BYTES:
        raise ValidationError("The key of a SMART Health Link is 32 bytes.")
    header = {"alg": "dir", "enc": "A256GCM", "cty": content_type}
    if content_type != "application/smart-api-access" and len(plaintext) <= _zip_limit():
        header["zip"] = "DEF"
    return str(jwe.encrypt_compact(header, plaintext, OctKey.import_key(key)))


def decrypt_file(token: str, key: bytes) -> tuple[str, bytes]:
    """(content type, plaintext) of one file; only dir + A256GCM (+ DEF) are accepted."""
    from joserfc import errors, jwe
    from joserfc.jwk import OctKey

    if not isinstance(token, str) or len(token) > MAX_TOKEN:
        raise ValidationError("A shared file is too large or malformed.")
    registry = jwe.JWERegistry(algorithms=["dir", "A256GCM", "DEF"])
    registry.max_ciphertext_length = MAX_TOKEN
    try:
        found = jwe.decrypt_compact(token, OctKey.import_key(key), registry=registry)
    except (errors.JoseError, ValueError, TypeError) as exc:
        raise ValidationError("A shared file cannot be decrypted with this link's key.") from exc
    content_type = found.protected.get("cty")
    if content_type not in CONTENT_TYPES or found.plaintext is None:
        raise ValidationError("A SMART Health Link cannot carry {kind!r}.", kind=str(content_type))
    return str(content_type), found.plaintext


def share_files(
    share: Share, now: datetime, summary: dict[str, Any] | None, documents: Iterable[tuple[Document, bytes]]
) -> list[tuple[str, bytes]]:
    """The plaintext files of a share: the summary bundle if chosen, then each chosen document as a
    DocumentReference with its bytes. Refuses a masked document or one the share does not name."""
    pairs = list(documents)
    share.check(now, [d for d, _data in pairs])
    if share.summary and summary is None:
        raise ValidationError("The summary to share is missing.")
    by_id = {d.id: (d, data) for d, data in pairs}
    files = [(FHIR_JSON, _json(summary))] if share.summary and summary is not None else []
    for document_id in share.document_ids:
        document, data = by_id[document_id]
        files.append((FHIR_JSON, _json(fm.document_reference(share.profile_id, document, data))))
    return files


def _json(resource: dict[str, Any]) -> bytes:
    return json.dumps(resource, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# -- the link -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SmartHealthLink:
    url: str
    key: bytes
    exp: int
    label: str
    files: tuple[tuple[str, str], ...]  # (content type, compact JWE)
    flag: str = ""

    def payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"url": self.url, "key": b64url(self.key), "exp": self.exp}
        if self.flag:
            payload["flag"] = self.flag
        return payload | {"label": self.label, "v": 1}

    def uri(self) -> str:
        minified = json.dumps(self.payload(), ensure_ascii=False, separators=(",", ":"))
        return PREFIX + b64url(minified.encode("utf-8"))

    def viewer_link(self, viewer: str) -> str:
        if not viewer.startswith("https://"):
            raise ValidationError("The viewer address must start with https://.")
        return viewer.rstrip("#") + "#" + self.uri()

    def manifest(self, updated: datetime) -> dict[str, Any]:
        """The manifest with every file embedded (a host serves it to a POST on ``url``)."""
        stamp = updated.isoformat()
        return {
            "files": [
                {
                    "contentType": kind,
                    "embedded": token,
                    "lastUpdated": stamp,
                    "status": "finalized",
                    "fhirVersion": FHIR_VERSION,
                }
                for kind, token in self.files
            ]
        }


def build_link(
    share: Share,
    files: list[tuple[str, bytes]],
    manifest_url: str,
    key: bytes | None = None,
    direct: bool = False,
) -> SmartHealthLink:
    """Encrypts ``files`` and makes the link of ``share``. ``direct``: the URL serves the only file by
    GET (flag U), for a host that can store a file but not answer manifest requests."""
    if not _served_safely(manifest_url) or len(manifest_url) > MAX_MANIFEST_URL:
        raise ValidationError("The link address must start with https:// and hold at most 128 characters.")
    if not files or (direct and len(files) != 1):
        raise ValidationError("A direct link carries exactly one file.")
    key = key if key is not None else new_key()
    encrypted = tuple((kind, encrypt_file(data, kind, key)) for kind, data in files)
    label = share.label[:MAX_LABEL]
    return SmartHealthLink(
        manifest_url, key, int(share.expires.timestamp()), label, encrypted, "U" if direct else ""
    )


def _served_safely(url: str) -> bool:
    """https, or plain http on this device only (a FHIR server run locally, as the sync allows)."""
    from urllib.parse import urlsplit

    from services.addresses import is_loopback

    parts = urlsplit(url)
    return parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname or ""))


# -- the receiving side ---------------------------------------------------------------------------------
def expired(exp: int | None, now: datetime) -> bool:
    """A link without ``exp`` does not expire; one with it expires at that second."""
    return exp is not None and now.timestamp() >= exp


def decode_link(text: str) -> dict[str, Any]:
    """The payload of ``shlink:/...`` or ``https://viewer#shlink:/...``, checked field by field."""
    if not isinstance(text, str) or len(text) > MAX_LINK or PREFIX not in text:
        raise ValidationError("This is not a SMART Health Link.")
    head, _, encoded = text.partition(PREFIX)
    if head and not head.endswith("#"):
        raise ValidationError("This is not a SMART Health Link.")
    try:
        payload = json.loads(b64url_decode(encoded).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationError("This is not a SMART Health Link.") from exc
    _check_payload(payload)
    return dict(payload)


def _check_payload(payload: Any) -> None:
    if not isinstance(payload, dict) or not isinstance(payload.get("url"), str):
        raise ValidationError("This is not a SMART Health Link.")
    key = payload.get("key")
    if not isinstance(key, str) or len(key) != 43 or len(b64url_decode(key)) != KEY_BYTES:
        raise ValidationError("The key of a SMART Health Link is 32 bytes.")
    exp = payload.get("exp")
    if exp is not None and (isinstance(exp, bool) or not isinstance(exp, int | float)):
        raise ValidationError("This is not a SMART Health Link.")
    flag = payload.get("flag", "")
    if not isinstance(flag, str) or list(flag) != sorted(set(flag)) or ("P" in flag and "U" in flag):
        raise ValidationError("This is not a SMART Health Link.")
    label = payload.get("label", "")
    if not isinstance(label, str) or len(label) > MAX_LABEL:
        raise ValidationError("This is not a SMART Health Link.")
    if payload.get("v", 1) != 1:
        raise ValidationError("This SMART Health Link needs a newer version of Carnet.")


def resolve(link: str, now: datetime, fetch_manifest: Callable[[str], Any]) -> list[tuple[str, bytes]]:
    """The decrypted files of a link; an expired link is refused before ``fetch_manifest`` is called."""
    payload = decode_link(link)
    if expired(payload.get("exp"), now):
        raise ValidationError("This SMART Health Link has expired.")
    key = b64url_decode(payload["key"])
    manifest = fetch_manifest(payload["url"])
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, dict) and "embedded" in f for f in files):
        raise ValidationError("The shared files cannot be read.")
    found = []
    for item in files:
        kind, data = decrypt_file(item["embedded"], key)
        if kind != item.get("contentType"):
            raise ValidationError("The shared files cannot be read.")
        found.append((kind, data))
    return found


# -- the QR code ----------------------------------------------------------------------------------------
def qr_png(link: str, box_size: int = 6) -> bytes:
    """The link as a PNG QR code, error correction M as the spec recommends (qrcode + Pillow)."""
    import io

    image = _qr(link, box_size).make_image()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def qr_svg(link: str) -> bytes:
    """The same as SVG (pure Python), for screens that scale it."""
    import io

    from qrcode.image.svg import SvgPathImage

    image = _qr(link).make_image(image_factory=SvgPathImage)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def _qr(link: str, box_size: int = 6) -> Any:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(link.encode("ascii"))  # a link is ASCII: byte mode, no guessing
    code.make(fit=True)
    return code
