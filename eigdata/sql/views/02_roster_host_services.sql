-- Host services per promotion, flagged new when no earlier promotion had them.
-- Built once as a table, not a view: no page query counts it again (nor holds the memory).
CREATE TABLE roster_host_services AS
WITH hosts AS (
    SELECT DISTINCT d.promotion, d.host_service, p.sort_order
    FROM roster_defis AS d
    JOIN promotions AS p USING (promotion)
)
SELECT
    promotion,
    host_service,
    sort_order = min(sort_order) OVER (PARTITION BY host_service) AS is_new
FROM hosts;
