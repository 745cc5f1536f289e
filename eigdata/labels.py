"""French display labels of the indicator codes used in the data."""

from __future__ import annotations

INDICATORS = {
    "eig": "EIG",
    "mentors": "Mentors",
    "defis": "Défis",
    "new_host_services": "Nouveaux services lauréats",
    "host_administrations": "Administrations d'accueil",
    "candidates": "Candidatures",
    "defis_proposed": "Défis proposés",
    "defis_needing_design": "Défis demandant du design",
}


def indicator(code: str) -> str:
    """The French label of an indicator code (the code itself when unknown)."""
    return INDICATORS.get(code, code)
