"""The headers survey-tool exports are known to have: the kinds of column, the respondent
attributes' names, each tool's technical columns and the headers of personal data.

Names are written as `mapping.match_key` compares them (lower case, no accents).
"""

from __future__ import annotations

from eigdata.ingest.mapping import match_key

IGNORE = "ignorer"
ATTRIBUTES = {"promotion": "Promotion", "profile": "Profil", "respondent_type": "Type de répondant"}
DASHBOARD = "tableau de bord"

# Kinds of column.
QUESTION = "question"
ATTRIBUTE = "attribute"
RESPONDENT_ID = "respondent_id"
SUBMITTED = "submitted"
CAMPAIGN = "campaign"
TECHNICAL = "technical"
PERSONAL = "personal"
IGNORED = "ignored"
UNMATCHED = "unmatched"
USED_TECHNICAL = {RESPONDENT_ID, SUBMITTED, CAMPAIGN}

ATTRIBUTE_NAMES = {
    "promotion": [
        "promotion",
        "promo",
        "promotion eig",
        "promotion de l'eig",
        "votre promotion",
        "class",
        "cohort",
        "cohorte",
    ],
    "profile": ["profil", "profile", "profil eig", "profil de l'eig", "votre profil", "metier"],
    "respondent_type": ["respondent_type", "type de repondant", "respondent type", "vous etes"],
}

# Known technical columns: header → (tool, role).
_LIMESURVEY = {
    RESPONDENT_ID: ["id", "response id", "id de la reponse", "identifiant de la reponse"],
    SUBMITTED: ["submitdate", "date submitted", "date de soumission", "date d'envoi"],
    TECHNICAL: [
        "lastpage",
        "last page",
        "derniere page",
        "startlanguage",
        "start language",
        "langue de depart",
        "seed",
        "graine",
        "tete de serie",
        "startdate",
        "date started",
        "date de debut",
        "date de lancement",
        "datestamp",
        "date last action",
        "date de la derniere action",
        "refurl",
        "referrer url",
        "url de provenance",
        "url referente",
        "url du referent",
        "interviewtime",
        "total time",
        "temps total",
        "token",
        "jeton",
    ],
}
_GOOGLE_FORMS = {TECHNICAL: ["horodateur", "timestamp", "horodatage", "date et heure"]}
_FRAMAFORMS = {
    TECHNICAL: [
        "serial",
        "numero de serie",
        "sid",
        "submitted time",
        "heure de soumission",
        "completed time",
        "heure de fin",
        "modified time",
        "heure de modification",
        "draft",
        "brouillon",
        "uid",
    ]
}
_DASHBOARD = {RESPONDENT_ID: ["respondent_id"], CAMPAIGN: ["campaign", "campagne"]}
TOOLS = {
    "LimeSurvey": _LIMESURVEY,
    "Google Forms": _GOOGLE_FORMS,
    "Framaforms": _FRAMAFORMS,
    DASHBOARD: _DASHBOARD,
}
KNOWN = {
    match_key(name): (tool, role)
    for tool, roles in TOOLS.items()
    for role, names in roles.items()
    for name in names
}
PERSONAL_NAMES = [
    "email",
    "e-mail",
    "email address",
    "adresse e-mail",
    "adresse email",
    "adresse mail",
    "adresse courriel",
    "courriel",
    "adresse electronique",
    "mail",
    "ipaddr",
    "ip address",
    "adresse ip",
    "ip",
    "firstname",
    "first name",
    "prenom",
    "lastname",
    "last name",
    "nom",
    "nom de famille",
    "name",
    "nom et prenom",
    "prenom et nom",
    "username",
    "nom d'utilisateur",
    "telephone",
    "numero de telephone",
    "phone",
]
PERSONAL_KEYS = {match_key(n) for n in PERSONAL_NAMES}
PERSONAL_WORDS = {"email", "mail", "courriel", "telephone", "ip"}
