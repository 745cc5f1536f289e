-- Survey campaigns, newest first, with their respondent counts and source.
SELECT
    c.campaign,
    c.title,
    c.year,
    c.reconstructed,
    c.invited_eig,
    c.invited_mentor,
    coalesce(r.respondents_eig, 0) AS respondents_eig,
    coalesce(r.respondents_mentor, 0) AS respondents_mentor,
    coalesce(s.title, c.source_doc) AS source_title,
    c.source_section,
    c.note
FROM survey_campaigns AS c
LEFT JOIN survey_campaign_respondents AS r USING (campaign)
LEFT JOIN sources AS s ON s.source_doc = c.source_doc
ORDER BY c.year DESC, c.campaign;
