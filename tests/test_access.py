"""Analyst access: password hashing, e-mail roles, configuration modes, login delay, navigation."""

from __future__ import annotations

import hmac
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from eigdata import access
from eigdata.__main__ import main as cli

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "un mot de passe assez long"


@pytest.fixture(scope="module")
def stored() -> str:
    return access.hash_password(PASSWORD)


def test_hash_round_trip_and_wrong_password(stored: str) -> None:
    assert stored.startswith("scrypt$16384$8$1$")
    assert PASSWORD not in stored
    assert access.verify_password(PASSWORD, stored)
    assert not access.verify_password(PASSWORD + "x", stored)
    assert not access.verify_password("", stored)
    assert access.hash_password(PASSWORD) != stored  # a new salt each time


def test_malformed_hash_is_refused_not_raised() -> None:
    for value in ["", "texte en clair", "md5$abc", "scrypt$x$8$1$AAAA$AAAA"]:
        assert not access.verify_password(PASSWORD, value)


def test_comparison_is_constant_time(stored: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(access.hmac, "compare_digest", spy)
    assert access.verify_password(PASSWORD, stored)
    assert len(calls) == 1


def test_modes_from_secrets_and_environment(stored: str) -> None:
    assert access.load_config({}, {}).mode == access.DISABLED
    assert not access.load_config({}, {}).enabled
    from_env = access.load_config({}, {access.PASSWORD_ENV: stored})
    assert (from_env.mode, from_env.password_hash) == (access.PASSWORD, stored)
    from_secrets = access.load_config({"eig": {"analyst_password_hash": stored}}, {})
    assert from_secrets.mode == access.PASSWORD
    oidc = access.load_config(
        {"auth": {"client_id": "x"}, "eig": {"analyst_password_hash": stored}},
        {access.EMAILS_ENV: "Ana@Numerique.gouv.fr; bob@x.fr"},
    )
    assert oidc.mode == access.OIDC
    assert oidc.analyst_emails == {"ana@numerique.gouv.fr", "bob@x.fr"}
    assert stored not in repr(from_env)


def test_email_role_is_case_insensitive() -> None:
    config = access.load_config(
        {"auth": {"client_id": "x"}, "eig": {"analyst_emails": [" Ana@Numerique.gouv.fr "]}}, {}
    )
    assert access.is_analyst_email("ana@numerique.gouv.fr", config)
    assert access.is_analyst_email("ANA@NUMERIQUE.GOUV.FR", config)
    assert not access.is_analyst_email("directeur@numerique.gouv.fr", config)
    assert not access.is_analyst_email(None, config)
    assert not access.is_analyst_email("ana@numerique.gouv.fr", access.load_config({}, {}))


def test_delay_grows_after_failures_and_is_capped(stored: str) -> None:
    config = access.load_config({}, {access.PASSWORD_ENV: stored})
    waits: list[float] = []
    for failures in range(8):
        assert not access.check_password("faux", config, failures, sleep=waits.append)
    assert waits == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    assert access.check_password(PASSWORD, config, 3, sleep=waits.append)
    assert len(waits) == 8  # no wait on success
    disabled = access.load_config({}, {})
    assert not access.check_password(PASSWORD, disabled, 0, sleep=waits.append)


def test_cli_hash_password_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli(["hash-password", "--stdin"]) == 0
    printed = capsys.readouterr().out.strip()
    assert access.verify_password(PASSWORD, printed)
    monkeypatch.setattr("sys.stdin", io.StringIO("court\n"))
    assert cli(["hash-password", "--stdin"]) == 1
    assert "trop court" in capsys.readouterr().err


def test_navigation_has_no_analyst_page_without_the_role(
    monkeypatch: pytest.MonkeyPatch, stored: str
) -> None:
    monkeypatch.setenv(access.PASSWORD_ENV, stored)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()
    assert not at.exception
    for page in ("import_donnees.py", "historique.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"pages/{page}")
    at.switch_page("pages/connexion.py").run()
    assert at.title[0].value == "Connexion analyste"


@pytest.mark.parametrize("page", ["import_donnees.py", "historique.py"])
def test_analyst_page_opened_directly_refuses(
    page: str, monkeypatch: pytest.MonkeyPatch, stored: str
) -> None:
    monkeypatch.setenv(access.PASSWORD_ENV, stored)
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=90).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "Cette page est réservée aux analystes. Connectez-vous depuis la page "
        "« Connexion analyste » du tableau de bord."
    ]
    assert len(at.file_uploader) == 0
    assert len(at.dataframe) == 0 and len(at.button) == 0


def test_without_configuration_import_says_how_to_enable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(access.PASSWORD_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "pages/import_donnees.py"), default_timeout=90).run()
    assert [i.value for i in at.info] == [access.ENABLE_HELP]
    assert "python -m eigdata hash-password" in access.ENABLE_HELP
    assert "EIG_ANALYST_EMAILS" in access.ENABLE_HELP
    assert len(at.file_uploader) == 0


def test_login_form_sets_the_role_and_waits_after_failures(
    monkeypatch: pytest.MonkeyPatch, stored: str
) -> None:
    from widgets import access as widget_access

    waits: list[float] = []
    monkeypatch.setattr(widget_access, "sleep", waits.append)
    monkeypatch.setenv(access.PASSWORD_ENV, stored)
    at = AppTest.from_file(str(ROOT / "pages/connexion.py"), default_timeout=90).run()
    for _ in range(2):
        at.text_input[0].input("mauvais")
        at.button[0].click().run()
    assert waits == [1.0, 2.0]
    assert at.warning[0].value.startswith("Mot de passe incorrect.")
    assert widget_access.ROLE_KEY not in at.session_state
    other = AppTest.from_file(str(ROOT / "pages/connexion.py"), default_timeout=90).run()
    other.text_input[0].input("mauvais")
    other.button[0].click().run()
    assert waits == [1.0, 2.0, 4.0]  # a new session does not start the delay again
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert at.session_state[widget_access.ROLE_KEY] is True
    assert at.success[0].value == "Connecté(e) comme analyste : analyste (mot de passe)."
    at.button(key="logout").click().run()
    assert widget_access.ROLE_KEY not in at.session_state


def test_role_is_lost_when_password_login_is_no_longer_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(access.PASSWORD_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "pages/import_donnees.py"), default_timeout=90)
    at.session_state["eig_analyst"] = True
    at.run()
    assert len(at.file_uploader) == 0


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "tableau-eig",
    "client_secret": "secret",
    "server_metadata_url": "https://proconnect.invalid/.well-known/openid-configuration",
}


def oidc_page(name: str, user: dict | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.secrets["eig"] = {"analyst_emails": ["ana@numerique.gouv.fr"]}
    if user:
        at.user = user
    return at.run()


def test_oidc_role_comes_from_the_analyst_emails() -> None:
    analyst = {"is_logged_in": True, "email": "Ana@Numerique.gouv.fr"}
    director = {"is_logged_in": True, "email": "directrice@numerique.gouv.fr"}
    uploaders = [u.label for u in oidc_page("import_donnees.py", analyst).file_uploader]
    assert uploaders == [
        "Export de l'outil d'enquête",
        "Correspondance des colonnes d'un import précédent (facultatif)",
    ]
    for user in (None, director):
        at = oidc_page("import_donnees.py", user)
        assert len(at.file_uploader) == 0
        assert at.warning[0].value.startswith("Cette page est réservée aux analystes.")
    login = oidc_page("connexion.py", None)
    assert [b.label for b in login.button] == ["Se connecter avec ProConnect"]
    login = oidc_page("connexion.py", analyst)
    assert login.success[0].value == "Connecté(e) comme analyste : Ana@Numerique.gouv.fr."
    login = oidc_page("connexion.py", director)
    assert "n'a pas le rôle analyste" in login.warning[0].value
