"""Every FHIR resource is validated with the R4 models of ``fhir.resources.R4B`` before it is sent and after
it is received (the sync, the Bundle import, the summaries, the messages)."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _model(resource_type: str) -> Any:
    from fhir.resources.R4B import get_fhir_model_class  # heavy: loaded with the first resource only

    return get_fhir_model_class(resource_type)


def invalid_reason(resource: Any) -> str:
    """ "" when ``resource`` is a valid FHIR R4 resource; otherwise what is wrong (paths, never values)."""
    import pydantic

    if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
        return "not a FHIR resource"
    try:
        _model(resource["resourceType"]).model_validate(resource)
    except (KeyError, ValueError, LookupError) as exc:
        if isinstance(exc, pydantic.ValidationError):
            errors = exc.errors(include_input=False, include_url=False)[:3]
            return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors)
        return f"unknown resource type {resource['resourceType']!r}"
    return ""
