-- Published per-promotion figures next to the roster-derived ones, with the gap.
SELECT
    promotion,
    sort_order,
    indicator,
    published,
    roster,
    roster - published AS difference,
    CASE
        WHEN published IS NULL THEN 'site seulement'
        WHEN roster IS NULL THEN 'publié seulement'
        WHEN published = roster THEN 'identique'
        ELSE 'écart'
    END AS status,
    source_doc,
    source_section,
    note
FROM published_vs_roster
WHERE ($promotions IS NULL OR list_contains($promotions, promotion))
ORDER BY sort_order, indicator;
