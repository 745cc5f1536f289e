-- The conversion rates to euros the dashboard uses, with their date and source.
SELECT
    r.currency,
    r.currency_name,
    r.per_euro,
    r.rate_date,
    coalesce(s.title, r.source_doc) AS source_title,
    coalesce(s.short_title, r.source_doc) AS source,
    r.source_section,
    coalesce(r.note, '') AS note
FROM international_rates AS r
LEFT JOIN sources AS s ON s.source_doc = r.source_doc
ORDER BY r.currency;
