-- Each promotion figure as published and as counted on the roster (either may be missing).
-- Built once as a table, not a view: no page query counts it again (nor holds the memory).
CREATE TABLE published_vs_roster AS
SELECT
    p.promotion,
    p.sort_order,
    coalesce(pub.indicator, ros.indicator) AS indicator,
    pub.value AS published,
    ros.value AS roster,
    pub.source_doc,
    pub.source_section,
    pub.note
FROM promotion_figures AS pub
FULL OUTER JOIN roster_promotion_figures AS ros
    ON ros.promotion = pub.promotion AND ros.indicator = pub.indicator
JOIN promotions AS p ON p.promotion = coalesce(pub.promotion, ros.promotion);
