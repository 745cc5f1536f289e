-- Every published survey rate with the numerator and denominator chosen to rebuild it.
SELECT
    f.figure_id,
    f.campaign,
    f.question_id,
    string_split(f.respondent_types, ';') AS respondent_types,
    f.promotion,
    string_split(f.answers, ';') AS answers,
    f.numerator,
    f.denominator,
    f.published_pct,
    f.comparison,
    f.published_text,
    f.label_fr,
    coalesce(s.title, f.source_doc) AS source_title,
    f.source_section,
    f.note
FROM survey_published_figures AS f
LEFT JOIN sources AS s USING (source_doc)
WHERE ($campaign IS NULL OR f.campaign = $campaign)
ORDER BY f.figure_id;
