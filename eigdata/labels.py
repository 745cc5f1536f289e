"""French display labels of the indicator codes used in the data."""

from __future__ import annotations

INDICATORS = {
    "eig": "EIG recrutés",
    "mentors": "Mentors",
    "defis": "Défis",
    "host_administrations": "Services d'accueil",
    "new_host_services": "dont nouveaux services",
    "returning_host_services": "dont services déjà accueillants",
    "candidates": "Candidatures",
    "defis_proposed": "Défis proposés",
    "defis_needing_design": "Défis demandant du design",
    "candidates_per_place": "Candidats par place",
    "defis_proposed_per_defi": "Défis proposés par défi retenu",
}


def indicator(code: str) -> str:
    """The French label of an indicator code (the code itself when unknown)."""
    return INDICATORS.get(code, code)
