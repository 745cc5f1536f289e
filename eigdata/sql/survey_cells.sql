-- Respondents per cell (type x promotion x profile) and answer for one question, with the
-- cell's count of respondents who answered and whether the filters select the cell.
-- Counted at build (views/06_survey_cells.sql); aggregation and privacy rules are applied
-- in eigdata/survey/stats.py.
SELECT
    c.respondent_type,
    c.promotion,
    c.profile,
    c.answered,
    a.answer,
    a.n,
    ($respondent_types IS NULL OR list_contains($respondent_types, c.respondent_type))
    AND ($promotions IS NULL OR list_contains($promotions, c.promotion))
    AND ($profiles IS NULL OR list_contains($profiles, c.profile)) AS selected
FROM survey_cell_answered AS c
JOIN survey_cell_answers AS a USING (campaign, question_id, respondent_type, promotion, profile)
WHERE c.campaign = $campaign AND c.question_id = $question
ORDER BY c.respondent_type, c.promotion, c.profile, a.answer;
