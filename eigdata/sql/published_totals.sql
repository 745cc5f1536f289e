-- Sums of the published per-promotion figures over a set of promotions.
SELECT
    f.indicator,
    sum(f.value) AS value,
    count(*) AS n_promotions,
    string_agg(DISTINCT s.short_title, ' ; ') AS source_title,
    string_agg(DISTINCT f.source_section, ' ; ') AS source_section
FROM promotion_figures AS f
LEFT JOIN sources AS s USING (source_doc)
WHERE list_contains($promotions, f.promotion)
GROUP BY f.indicator
ORDER BY f.indicator;
