"""Analyst access in the app: the current role, the login form or button, the refusal.

The rules live in `eigdata.access` (no Streamlit there); this module reads the secrets,
the session and `st.user`, and draws the French widgets.
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
from eigdata.access import OIDC, PASSWORD, AccessConfig

log = logging.getLogger("eig.access")
ROLE_KEY = "eig_analyst"
FAILURES_KEY = "eig_login_failures"
_failures = {"in_a_row": 0}  # process-wide: a new browser session does not reset the delay
_failures_lock = threading.Lock()
REFUSAL = (
    "Cette page est réservée aux analystes. Connectez-vous depuis la page "
    "« Connexion analyste » du tableau de bord."
)
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
    """Who is written in the audit log: the e-mail, or « analyste (mot de passe) »."""
    return _email() or "analyste (mot de passe)"


def refusal() -> None:
    """Say why the page is closed and how to open it (no uploader, no data)."""
    config = settings()
    if not config.enabled:
        st.info(access.ENABLE_HELP)
    else:
        st.warning(REFUSAL)


def login_section() -> None:
    """The login (ProConnect button or password form), or the current analyst and logout."""
    config = settings()
    if not config.enabled:
        st.info(access.ENABLE_HELP)
    elif is_analyst(config):
        st.success(f"Connecté(e) comme analyste : {widgets.md_escape(user_name())}.")
        st.markdown(
            "Les pages « Importer des données » et « Historique des imports » sont ouvertes."
        )
        if st.button("Se déconnecter", key="logout"):
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
        st.sidebar.caption(f"Analyste : {widgets.md_escape(user_name())}")
        if st.sidebar.button("Se déconnecter", key="sidebar-logout"):
            logout(config)


def _oidc_login() -> None:
    if _email():
        st.warning(
            f"Vous êtes connecté(e) comme {widgets.md_escape(_email())}, adresse qui n'a pas le "
            "rôle analyste. Demandez à l'administrateur de l'ajouter à la liste des analystes."
        )
        if st.button("Se déconnecter", key="logout"):
            st.logout()
        return
    st.markdown("Les analystes se connectent avec leur compte ProConnect.")
    if st.button("Se connecter avec ProConnect", key="login", type="primary"):
        st.login()


def _password_form(config: AccessConfig) -> None:
    with _failures_lock:
        failures = max(_failures["in_a_row"], int(st.session_state.get(FAILURES_KEY, 0)))
    with st.form("analyst-login"):
        password = st.text_input("Mot de passe analyste", type="password")
        sent = st.form_submit_button("Se connecter")
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
        "Mot de passe incorrect. Chaque nouvel échec allonge l'attente avant la réponse "
        f"(prochaine : {access.failure_delay(failures + 2):.0f} s)."
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
