"""Import one survey campaign × one questionnaire straight from a survey tool's export.

`plan_campaign` reads the export (Google Forms, Framaforms, LimeSurvey with full question
texts or codes, the dashboard's own wide or long format), maps each column (question,
respondent attribute, technical column, personal data), each answer value (code, French or
English label) and each respondent (promotion, profile, pseudonymous id), and computes the
new full tables of survey_campaigns, sources and survey_responses — the current rows minus
this campaign × questionnaire's, plus the new ones — with the preview numbers, on a
candidate database. It writes nothing under the data directory, and only reads the
export's columns that matter (never the personal ones). `apply_campaign` stores the plan
as one change (`changes.apply_change`), `plan_delete_campaign` removes a campaign's
responses; both are undone with `changes.undo_change`. E-mails, names, IP addresses and
every column mapped to « ignorer » are never stored: only headers go into the stored
mapping CSV.

- `plan`: `CampaignPlan`, `plan_campaign`, `apply_campaign`;
- `delete`: `plan_delete_campaign`;
- `headers`: the headers known in exports (kinds of column, attributes, each tool's
  technical columns, personal data);
- `columns`: each header matched to what it holds (`Column`, `match_columns`) and the
  column-mapping CSV (`mapping_csv`, `read_mapping`, `read_value_map`);
- `context`: the questionnaires, what reading needs (`Context`) and finds (`Collected`,
  column-wise: `Coded`; `Respondent`, `UnknownValue`);
- `read`: the export's rows read into respondents and answer codes (long format too), each
  distinct text mapped once, rows handled as arrays;
- `checks`: the problems of the settings, columns, rows and existing responses;
- `rows`: the new full tables (`set_new_tables`, `source_id`);
- `preview`: the `Preview` and the campaign's main figures (`MainFigure`).
"""

from eigdata.ingest.campaign.context import QUESTIONNAIRES, Respondent, UnknownValue
from eigdata.ingest.campaign.delete import DELETE_ACTION, plan_delete_campaign
from eigdata.ingest.campaign.plan import ACTION, CampaignPlan, apply_campaign, plan_campaign
from eigdata.ingest.campaign.preview import (
    MAIN_FIGURES,
    MainFigure,
    Preview,
    QuestionCount,
)
from eigdata.ingest.campaign.rows import source_id

__all__ = [
    "ACTION",
    "DELETE_ACTION",
    "MAIN_FIGURES",
    "QUESTIONNAIRES",
    "CampaignPlan",
    "MainFigure",
    "Preview",
    "QuestionCount",
    "Respondent",
    "UnknownValue",
    "apply_campaign",
    "plan_campaign",
    "plan_delete_campaign",
    "source_id",
]
