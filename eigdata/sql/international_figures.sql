-- Every published figure of the compared programmes, its amount in euros at the rate the
-- dashboard states (international_rates), and its source.
SELECT
    f.programme,
    f.indicator,
    f.period,
    CAST(right(f.period, 4) AS INTEGER) AS period_end,
    f.value,
    f.value_max,
    f.qualifier,
    f.unit,
    f.currency,
    CASE WHEN f.currency = 'EUR' THEN f.value ELSE f.value / r.per_euro END AS value_eur,
    CASE WHEN f.currency = 'EUR' THEN f.value_max ELSE f.value_max / r.per_euro END
        AS value_max_eur,
    f.eur_published,
    f.eur_published_max,
    coalesce(s.short_title, f.source_doc) AS document,
    coalesce(s.short_title, f.source_doc) || ', ' || f.source_section AS source,
    coalesce(f.note, '') AS note
FROM international_figures AS f
JOIN international_programmes AS p USING (programme)
LEFT JOIN international_rates AS r ON r.currency = f.currency
LEFT JOIN sources AS s ON s.source_doc = f.source_doc
ORDER BY p.sort_order, f.indicator, period_end, f.period;
