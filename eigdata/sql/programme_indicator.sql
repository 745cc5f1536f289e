-- One published programme-wide indicator (all its scopes), with its source.
SELECT f.indicator, f.scope, f.value, f.unit, s.short_title || ', ' || f.source_section AS source, f.note
FROM programme_figures AS f
LEFT JOIN sources AS s USING (source_doc)
WHERE f.indicator = $indicator
ORDER BY f.scope;
