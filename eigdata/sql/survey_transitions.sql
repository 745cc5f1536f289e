-- Answers to two questions paired per respondent (e.g. intention before and after), counted.
WITH before AS (
    SELECT respondent_id, answer
    FROM survey_responses
    WHERE campaign = $campaign AND question_id = $before
),
after AS (
    SELECT respondent_id, respondent_type, promotion, coalesce(profile, 'sans_objet') AS profile,
        answer
    FROM survey_responses
    WHERE campaign = $campaign AND question_id = $after
)
SELECT
    coalesce(b.answer, 'sans_reponse') AS before,
    a.answer AS after,
    count(DISTINCT a.respondent_id) AS n
FROM after AS a
LEFT JOIN before AS b USING (respondent_id)
WHERE ($respondent_types IS NULL OR list_contains($respondent_types, a.respondent_type))
    AND ($promotions IS NULL OR list_contains($promotions, a.promotion))
    AND ($profiles IS NULL OR list_contains($profiles, a.profile))
GROUP BY ALL
ORDER BY before, after;
