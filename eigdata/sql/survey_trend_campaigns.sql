-- The campaigns that asked a question (some respondent has a row for it), oldest first.
SELECT
    c.campaign,
    c.title,
    c.year,
    c.reconstructed
FROM survey_campaigns AS c
WHERE EXISTS (
    SELECT 1
    FROM survey_cell_answered AS r
    WHERE r.campaign = c.campaign AND r.question_id = $question
)
ORDER BY c.year, c.campaign;
