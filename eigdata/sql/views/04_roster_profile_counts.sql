-- EIG per promotion and profile group from the roster, with shares of the promotion.
-- Built once as a table, not a view: no page query counts it again (nor holds the memory).
CREATE TABLE roster_profile_counts AS
WITH counts AS (
    SELECT promotion, profile_group, count(DISTINCT member_id) AS n
    FROM roster_participations
    WHERE role_in_defi = 'eig'
    GROUP BY promotion, profile_group
)
SELECT
    promotion,
    profile_group,
    n,
    n / sum(n) OVER (PARTITION BY promotion) AS share
FROM counts;
