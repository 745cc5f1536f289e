-- Every published programme-wide figure with its source title.
SELECT
    f.indicator,
    f.scope,
    f.value,
    f.unit,
    f.approximate,
    f.source_doc,
    coalesce(s.short_title, f.source_doc) AS source_title,
    s.title AS source_full_title,
    f.source_section,
    f.note
FROM programme_figures AS f
LEFT JOIN sources AS s USING (source_doc)
ORDER BY f.indicator, f.scope;
