-- Questions asked in a campaign, with the questionnaires that asked them (French names
-- in `questionnaires`, English ones in `questionnaires_en`).
WITH asked AS (
    SELECT DISTINCT question_id, respondent_type
    FROM survey_cell_answered
    WHERE campaign = $campaign
)
SELECT
    q.question_id,
    arg_min(q.label_fr, qn.sort_order) AS label_fr,
    arg_min(q.label_en, qn.sort_order) AS label_en,
    any_value(q.type) AS type,
    any_value(q.theme) AS theme,
    string_agg(qn.label_fr, ' ; ' ORDER BY qn.sort_order) AS questionnaires,
    string_agg(coalesce(nullif(qn.label_en, ''), qn.label_fr), '; ' ORDER BY qn.sort_order)
        AS questionnaires_en,
    list(q.questionnaire ORDER BY qn.sort_order) AS respondent_types,
    min(qn.sort_order * 100 + q.sort_order) AS sort_order
FROM survey_questions AS q
JOIN asked AS a ON a.question_id = q.question_id AND a.respondent_type = q.questionnaire
JOIN survey_questionnaires AS qn ON qn.questionnaire = q.questionnaire
GROUP BY q.question_id
ORDER BY sort_order;
