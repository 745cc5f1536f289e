-- Survey answers counted once at build, so that pages never scan survey_responses for them
-- (at a million respondents it has some 14 million rows).
-- A cell is a respondent type x promotion x profile ('sans_objet' for mentors).

-- Respondents per campaign, question, cell and answer (the primary key makes each
-- respondent x question x answer one row, so rows are respondents).
CREATE TABLE survey_cell_answers AS
SELECT
    campaign,
    question_id,
    respondent_type,
    promotion,
    coalesce(profile, 'sans_objet') AS profile,
    answer,
    count(*) AS n
FROM survey_responses
GROUP BY ALL
ORDER BY campaign, question_id;

-- Distinct respondents per campaign, question and cell who gave an answer other than
-- 'sans_reponse' (0 when none did).
CREATE TABLE survey_cell_answered AS
SELECT
    campaign,
    question_id,
    respondent_type,
    promotion,
    coalesce(profile, 'sans_objet') AS profile,
    count(DISTINCT respondent_id) FILTER (WHERE answer <> 'sans_reponse') AS answered
FROM survey_responses
GROUP BY ALL
ORDER BY campaign, question_id;

-- Distinct respondents per campaign and questionnaire.
CREATE TABLE survey_campaign_respondents AS
SELECT
    campaign,
    count(DISTINCT respondent_id) FILTER (WHERE respondent_type = 'eig') AS respondents_eig,
    count(DISTINCT respondent_id) FILTER (WHERE respondent_type = 'mentor') AS respondents_mentor
FROM survey_responses
GROUP BY campaign;
