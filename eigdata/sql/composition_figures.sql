-- Per promotion and indicator: the published figure, the roster-derived one, and which is shown.
WITH roster AS (
    SELECT promotion, indicator, value FROM roster_promotion_figures
    UNION ALL
    SELECT promotion, 'returning_host_services', count(*) FILTER (WHERE NOT is_new)
    FROM roster_host_services
    GROUP BY promotion
)
SELECT
    p.promotion,
    p.sort_order,
    coalesce(pub.indicator, ros.indicator) AS indicator,
    pub.value AS published,
    ros.value AS roster,
    coalesce(pub.value, ros.value) AS value,
    CASE WHEN pub.value IS NOT NULL THEN 'publié' ELSE 'site' END AS origin,
    CASE
        WHEN pub.value IS NOT NULL THEN s.short_title || ', ' || pub.source_section
        ELSE 'Site du programme EIG (liste des défis et des participants)'
    END AS source
FROM promotion_figures AS pub
FULL OUTER JOIN roster AS ros
    ON ros.promotion = pub.promotion AND ros.indicator = pub.indicator
JOIN promotions AS p ON p.promotion = coalesce(pub.promotion, ros.promotion)
LEFT JOIN sources AS s ON s.source_doc = pub.source_doc
WHERE ($promotions IS NULL OR list_contains($promotions, p.promotion))
ORDER BY p.sort_order, indicator;
