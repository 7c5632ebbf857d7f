"""FHIR R4: the mapping of each record kind to its resource (mapping.py, records.py) and the Bundle
export and import (bundle.py)."""
