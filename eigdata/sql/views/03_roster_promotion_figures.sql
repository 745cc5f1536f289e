-- Per-promotion counts derived from the roster, in the long form of promotion_figures.
-- Built once as a table, not a view: no page query counts it again (nor holds the memory).
CREATE TABLE roster_promotion_figures AS
SELECT promotion, 'eig' AS indicator, count(DISTINCT member_id) AS value
FROM roster_participations WHERE role_in_defi = 'eig' GROUP BY promotion
UNION ALL
SELECT promotion, 'mentors', count(DISTINCT member_id)
FROM roster_participations WHERE role_in_defi = 'mentor' GROUP BY promotion
UNION ALL
SELECT promotion, 'defis', count(*) FROM roster_defis GROUP BY promotion
UNION ALL
SELECT promotion, 'new_host_services', count(*) FILTER (WHERE is_new)
FROM roster_host_services GROUP BY promotion
UNION ALL
SELECT promotion, 'returning_host_services', count(*) FILTER (WHERE NOT is_new)
FROM roster_host_services GROUP BY promotion
UNION ALL
SELECT promotion, 'host_administrations', count(*) FROM roster_host_services GROUP BY promotion;
