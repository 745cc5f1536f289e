-- Survey campaigns, newest first, with their respondent counts and source.
SELECT
    c.campaign,
    c.title,
    c.year,
    c.reconstructed,
    c.invited_eig,
    c.invited_mentor,
    count(DISTINCT r.respondent_id) FILTER (WHERE r.respondent_type = 'eig') AS respondents_eig,
    count(DISTINCT r.respondent_id) FILTER (WHERE r.respondent_type = 'mentor')
        AS respondents_mentor,
    coalesce(s.title, c.source_doc) AS source_title,
    c.source_section,
    c.note
FROM survey_campaigns AS c
LEFT JOIN survey_responses AS r USING (campaign)
LEFT JOIN sources AS s ON s.source_doc = c.source_doc
GROUP BY ALL
ORDER BY c.year DESC, c.campaign;
