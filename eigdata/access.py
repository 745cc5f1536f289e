"""Who may import: the analyst role, decided without Streamlit.

Two ways to be an analyst, chosen by configuration:

- « oidc »: `[auth]` is configured in `.streamlit/secrets.toml` (st.login, e.g. ProConnect);
  analysts are the e-mails listed in `[eig] analyst_emails` or `EIG_ANALYST_EMAILS`;
- « password »: a password whose scrypt hash is in `[eig] analyst_password_hash` or
  `EIG_ANALYST_PASSWORD_HASH` (`python -m eigdata hash-password` prints it);
- otherwise « disabled »: nobody can import.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from eigdata.i18n import N_

PASSWORD_ENV = "EIG_ANALYST_PASSWORD_HASH"
EMAILS_ENV = "EIG_ANALYST_EMAILS"
OIDC, PASSWORD, DISABLED = "oidc", "password", "disabled"
SCHEME = "scrypt"
SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES = 2**14, 8, 1, 32
FIRST_DELAY, MAX_DELAY = 1.0, 30.0
ENABLE_HELP = N_(
    "L'import est désactivé : aucun accès analyste n'est configuré. Pour l'activer, "
    "au choix :\n"
    "- **connexion ProConnect (OIDC)** : renseignez la section `[auth]` de "
    "`.streamlit/secrets.toml` (server_metadata_url, client_id, client_secret, redirect_uri, "
    'cookie_secret) et la liste des analystes, `[eig] analyst_emails = ["…"]` ou la '
    "variable d'environnement `EIG_ANALYST_EMAILS` (adresses séparées par des virgules) ;\n"
    "- **mot de passe analyste** : lancez `python -m eigdata hash-password`, puis placez la "
    "valeur affichée dans `[eig] analyst_password_hash` de `.streamlit/secrets.toml` ou dans "
    "la variable d'environnement `EIG_ANALYST_PASSWORD_HASH`, et redémarrez le tableau de bord."
)


@dataclass(frozen=True)
class AccessConfig:
    """How analysts are recognised."""

    mode: str
    password_hash: str = field(default="", repr=False)
    analyst_emails: frozenset[str] = frozenset()

    @property
    def enabled(self) -> bool:
        return self.mode != DISABLED


def load_config(secrets_map: Mapping[str, Any], environ: Mapping[str, str]) -> AccessConfig:
    """The access mode from the secrets (as a dict) and the environment."""
    eig = secrets_map.get("eig") or {}
    emails = parse_emails(eig.get("analyst_emails")) | parse_emails(environ.get(EMAILS_ENV))
    if secrets_map.get("auth"):
        return AccessConfig(OIDC, analyst_emails=emails)
    stored = str(eig.get("analyst_password_hash") or environ.get(PASSWORD_ENV) or "").strip()
    if stored:
        return AccessConfig(PASSWORD, password_hash=stored)
    return AccessConfig(DISABLED)


def parse_emails(value: str | Iterable[str] | None) -> frozenset[str]:
    """A list of e-mails (or one comma- or semicolon-separated string), lower-cased."""
    if not value:
        return frozenset()
    items = value.replace(";", ",").split(",") if isinstance(value, str) else value
    return frozenset(e.strip().casefold() for e in items if e and e.strip())


def is_analyst_email(email: str | None, config: AccessConfig) -> bool:
    """Whether a logged-in e-mail has the analyst role (case-insensitive)."""
    return bool(email) and config.mode == OIDC and email.strip().casefold() in config.analyst_emails


def hash_password(password: str, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$hash` (base64): the value to store, never the password."""
    if not password:
        raise ValueError("mot de passe vide")
    salt = salt or secrets.token_bytes(16)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join([SCHEME, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(key)])


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` matches a stored hash; constant-time comparison."""
    try:
        scheme, n, r, p, salt, expected = stored.strip().split("$")
        if scheme != SCHEME:
            return False
        key = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
        return hmac.compare_digest(key, base64.b64decode(expected))
    except (ValueError, TypeError):
        return False


def failure_delay(failures: int) -> float:
    """Seconds to wait after the n-th failed attempt in a row: 1, 2, 4… up to 30."""
    if failures <= 0:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** (failures - 1))


def check_password(
    password: str,
    config: AccessConfig,
    failures: int,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """Verify a login attempt; after a failure, wait `failure_delay(failures + 1)`."""
    ok = config.mode == PASSWORD and verify_password(password, config.password_hash)
    if not ok:
        sleep(failure_delay(failures + 1))
    return ok


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 2**20, dklen=KEY_BYTES
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
