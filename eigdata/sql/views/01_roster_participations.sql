-- One row per person x défi x role, with the promotion order and the profile group.
-- Built once as a table, not a view: no page query counts it again (nor holds the memory).
CREATE TABLE roster_participations AS
SELECT
    md.*,
    p.sort_order,
    CASE WHEN md.role_in_defi = 'eig' THEN coalesce(pr.profile_group, 'other') END AS profile_group
FROM roster_member_defis AS md
JOIN promotions AS p USING (promotion)
LEFT JOIN profiles AS pr ON pr.profile = md.profile_norm;
