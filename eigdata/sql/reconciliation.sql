-- Published per-promotion figures next to the roster-derived ones, with the gap.
SELECT
    p.promotion,
    p.sort_order,
    coalesce(pub.indicator, ros.indicator) AS indicator,
    pub.value AS published,
    ros.value AS roster,
    ros.value - pub.value AS difference,
    CASE
        WHEN pub.value IS NULL THEN 'site seulement'
        WHEN ros.value IS NULL THEN 'publié seulement'
        WHEN pub.value = ros.value THEN 'identique'
        ELSE 'écart'
    END AS status,
    pub.source_doc,
    pub.source_section,
    pub.note
FROM promotion_figures AS pub
FULL OUTER JOIN roster_promotion_figures AS ros
    ON ros.promotion = pub.promotion AND ros.indicator = pub.indicator
JOIN promotions AS p ON p.promotion = coalesce(pub.promotion, ros.promotion)
WHERE ($promotions IS NULL OR list_contains($promotions, p.promotion))
ORDER BY p.sort_order, indicator;
