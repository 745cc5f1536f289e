-- Respondent types, promotions and profiles present in a campaign, with French labels
-- (`label`) and English ones (`label_en`, empty when there is none).
SELECT DISTINCT
    'respondent_type' AS dimension,
    r.respondent_type AS value,
    qn.label_fr AS label,
    qn.label_en AS label_en,
    qn.sort_order AS sort_order
FROM survey_cell_answered AS r
JOIN survey_questionnaires AS qn ON qn.questionnaire = r.respondent_type
WHERE r.campaign = $campaign
UNION ALL
SELECT DISTINCT 'promotion', r.promotion, r.promotion, p.label_en, p.sort_order
FROM survey_cell_answered AS r
JOIN promotions AS p USING (promotion)
WHERE r.campaign = $campaign
UNION ALL
SELECT DISTINCT
    'profile',
    r.profile,
    coalesce(pr.label_fr, 'Sans objet (mentors)'),
    pr.label_en,
    coalesce(pr.sort_order, 99)
FROM survey_cell_answered AS r
LEFT JOIN profiles AS pr ON pr.profile = r.profile
WHERE r.campaign = $campaign
ORDER BY dimension, sort_order;
