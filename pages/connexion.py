"""Connexion analyste : ProConnect (OIDC) ou mot de passe, selon la configuration ; sans
configuration, explique comment activer l'import."""

from __future__ import annotations

import widgets
from eigdata.i18n import N_
from widgets import access


def main() -> None:
    widgets.run_page(
        N_("Connexion analyste"),
        access.login_section,
        intro=N_(
            "Le tableau de bord est ouvert à tous ; l'import de données et l'historique des "
            "imports sont réservés aux analystes."
        ),
    )


main()
