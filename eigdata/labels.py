"""Display labels of the indicator codes used in the data (French, translated when shown)."""

from __future__ import annotations

from eigdata.i18n import N_, _

INDICATORS = {
    "eig": N_("EIG recrutés"),
    "mentors": N_("Mentors"),
    "defis": N_("Défis"),
    "host_administrations": N_("Services d'accueil"),
    "new_host_services": N_("dont nouveaux services"),
    "returning_host_services": N_("dont services déjà accueillants"),
    "candidates": N_("Candidatures"),
    "defis_proposed": N_("Défis proposés"),
    "defis_needing_design": N_("Défis demandant du design"),
    "candidates_per_place": N_("Candidats par place"),
    "defis_proposed_per_defi": N_("Défis proposés par défi retenu"),
}


def indicator(code: str) -> str:
    """The label of an indicator code in the run's language (the code itself when unknown)."""
    return _(INDICATORS[code]) if code in INDICATORS else code
