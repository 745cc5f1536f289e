-- Respondent types, promotions and profiles present in a campaign, with French labels.
SELECT DISTINCT
    'respondent_type' AS dimension,
    r.respondent_type AS value,
    qn.label_fr AS label,
    qn.sort_order AS sort_order
FROM survey_cell_answered AS r
JOIN survey_questionnaires AS qn ON qn.questionnaire = r.respondent_type
WHERE r.campaign = $campaign
UNION ALL
SELECT DISTINCT 'promotion', r.promotion, r.promotion, p.sort_order
FROM survey_cell_answered AS r
JOIN promotions AS p USING (promotion)
WHERE r.campaign = $campaign
UNION ALL
SELECT DISTINCT
    'profile',
    r.profile,
    coalesce(pr.label_fr, 'Sans objet (mentors)'),
    coalesce(pr.sort_order, 99)
FROM survey_cell_answered AS r
LEFT JOIN profiles AS pr ON pr.profile = r.profile
WHERE r.campaign = $campaign
ORDER BY dimension, sort_order;
