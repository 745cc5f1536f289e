-- Respondents per cell (type x promotion x profile) and answer for one question, with the
-- cell's count of respondents who answered and whether the filters select the cell.
-- Aggregation and privacy rules are applied in eigdata/survey_stats.py.
WITH answers AS (
    SELECT
        respondent_id,
        respondent_type,
        promotion,
        coalesce(profile, 'sans_objet') AS profile,
        answer
    FROM survey_responses
    WHERE campaign = $campaign AND question_id = $question
),
cells AS (
    SELECT
        respondent_type,
        promotion,
        profile,
        count(DISTINCT respondent_id) FILTER (WHERE answer <> 'sans_reponse') AS answered
    FROM answers
    GROUP BY ALL
)
SELECT
    c.respondent_type,
    c.promotion,
    c.profile,
    c.answered,
    a.answer,
    count(DISTINCT a.respondent_id) AS n,
    ($respondent_types IS NULL OR list_contains($respondent_types, c.respondent_type))
    AND ($promotions IS NULL OR list_contains($promotions, c.promotion))
    AND ($profiles IS NULL OR list_contains($profiles, c.profile)) AS selected
FROM cells AS c
JOIN answers AS a USING (respondent_type, promotion, profile)
GROUP BY ALL
ORDER BY c.respondent_type, c.promotion, c.profile, a.answer;
