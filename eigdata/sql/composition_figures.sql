-- Per promotion and indicator: the published figure, the roster-derived one, and which is shown.
SELECT
    f.promotion,
    f.sort_order,
    f.indicator,
    f.published,
    f.roster,
    coalesce(f.published, f.roster) AS value,
    CASE WHEN f.published IS NOT NULL THEN 'publié' ELSE 'site' END AS origin,
    CASE
        WHEN f.published IS NOT NULL THEN s.short_title || ', ' || f.source_section
        ELSE 'Site du programme EIG (liste des défis et des participants)'
    END AS source
FROM published_vs_roster AS f
LEFT JOIN sources AS s ON s.source_doc = f.source_doc
WHERE ($promotions IS NULL OR list_contains($promotions, f.promotion))
ORDER BY f.sort_order, f.indicator;
