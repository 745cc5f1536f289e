"""Analyst access in the app: the current role, the login form or button, the refusal.

The rules live in `eigdata.access` (no Streamlit there); this module reads the secrets,
the session and `st.user`, and draws the widgets in the run's language.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

import streamlit as st

import widgets
from eigdata import access
from eigdata import formatting as fmt
from eigdata.access import OIDC, PASSWORD, AccessConfig
from eigdata.i18n import N_, _

log = logging.getLogger("eig.access")
ROLE_KEY = "eig_analyst"
FAILURES_KEY = "eig_login_failures"
_failures = {"in_a_row": 0}  # process-wide: a new browser session does not reset the delay
_failures_lock = threading.Lock()
REFUSAL = N_(
    "Cette page est réservée aux analystes. Connectez-vous depuis la page "
    "« Connexion analyste » du tableau de bord."
)
PASSWORD_ANALYST = N_("analyste (mot de passe)")
sleep: Callable[[float], None] = time.sleep  # replaced by tests


def settings() -> AccessConfig:
    """The access configuration from `.streamlit/secrets.toml` and the environment."""
    return access.load_config(_secrets(), os.environ)


def is_analyst(config: AccessConfig | None = None) -> bool:
    """Whether this session has the analyst role under the current configuration."""
    config = config or settings()
    if config.mode == OIDC:
        return access.is_analyst_email(_email(), config)
    if config.mode == PASSWORD:
        return st.session_state.get(ROLE_KEY) is True
    return False


def user_name() -> str:
    """Who is written in the audit log: the e-mail, or « analyste (mot de passe) » (always in
    French: the log is data)."""
    return _email() or PASSWORD_ANALYST


def shown_name() -> str:
    """Who is connected, as the page says it: the e-mail, or « analyste (mot de passe) » in
    the run's language."""
    return _email() or _(PASSWORD_ANALYST)


def refusal() -> None:
    """Say why the page is closed and how to open it (no uploader, no data)."""
    config = settings()
    if not config.enabled:
        st.info(_(access.ENABLE_HELP))
    else:
        st.warning(_(REFUSAL))


def login_section() -> None:
    """The login (ProConnect button or password form), or the current analyst and logout."""
    config = settings()
    if not config.enabled:
        st.info(_(access.ENABLE_HELP))
    elif is_analyst(config):
        st.success(
            _("Connecté(e) comme analyste : {user}.").format(user=widgets.md_escape(shown_name()))
        )
        st.markdown(
            _("Les pages « Importer des données » et « Historique des imports » sont ouvertes.")
        )
        if st.button(_("Se déconnecter"), key="logout"):
            logout(config)
    elif config.mode == OIDC:
        _oidc_login()
    else:
        _password_form(config)


def logout(config: AccessConfig) -> None:
    """Drop the analyst role (and the OIDC session)."""
    st.session_state.pop(ROLE_KEY, None)
    if config.mode == OIDC:
        st.logout()
    else:
        st.rerun()


def sidebar_status() -> None:
    """In the sidebar of an analyst session: who is connected, and a logout button."""
    config = settings()
    if is_analyst(config):
        st.sidebar.caption(_("Analyste : {user}").format(user=widgets.md_escape(shown_name())))
        if st.sidebar.button(_("Se déconnecter"), key="sidebar-logout"):
            logout(config)


def _oidc_login() -> None:
    if _email():
        st.warning(
            _(
                "Vous êtes connecté(e) comme {email}, adresse qui n'a pas le rôle analyste. "
                "Demandez à l'administrateur de l'ajouter à la liste des analystes."
            ).format(email=widgets.md_escape(_email()))
        )
        if st.button(_("Se déconnecter"), key="logout"):
            st.logout()
        return
    st.markdown(_("Les analystes se connectent avec leur compte ProConnect."))
    if st.button(_("Se connecter avec ProConnect"), key="login", type="primary"):
        st.login()


def _password_form(config: AccessConfig) -> None:
    with _failures_lock:
        failures = max(_failures["in_a_row"], int(st.session_state.get(FAILURES_KEY, 0)))
    with st.form("analyst-login"):
        password = st.text_input(_("Mot de passe analyste"), type="password")
        sent = st.form_submit_button(_("Se connecter"))
    if not sent:
        return
    if access.check_password(password, config, failures, sleep=sleep):
        st.session_state[ROLE_KEY] = True
        st.session_state[FAILURES_KEY] = 0
        with _failures_lock:
            _failures["in_a_row"] = 0
        log.info("analyst login")
        st.rerun()
    st.session_state[FAILURES_KEY] = failures + 1
    with _failures_lock:
        _failures["in_a_row"] = max(_failures["in_a_row"], failures + 1)
    log.warning("failed analyst login (%d in a row)", failures + 1)
    st.warning(
        _(
            "Mot de passe incorrect. Chaque nouvel échec allonge l'attente avant la réponse "
            "(prochaine : {seconds} s)."
        ).format(seconds=fmt.number(access.failure_delay(failures + 2)))
    )


def _email() -> str | None:
    """The e-mail of the OIDC user, or None when nobody is logged in."""
    try:
        if not st.user.get("is_logged_in", False):
            return None
        return str(st.user.get("email") or "") or None
    except Exception:  # st.user is not available outside a session
        return None


def _secrets() -> dict:
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        return st.secrets.to_dict()
    except Exception:  # an unreadable secrets.toml must not open or break the app
        log.exception("secrets.toml illisible")
        return {}
