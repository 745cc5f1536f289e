-- Every published programme-wide figure with its source title.
SELECT
    f.indicator,
    f.scope,
    f.value,
    f.unit,
    f.approximate,
    f.source_doc,
    coalesce(s.title, f.source_doc) AS source_title,
    f.source_section,
    f.note
FROM programme_figures AS f
LEFT JOIN sources AS s USING (source_doc)
ORDER BY f.indicator, f.scope;
