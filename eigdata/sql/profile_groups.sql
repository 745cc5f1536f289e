-- The profile groups with their French label (the label of the profile naming the group).
SELECT g.profile_group, coalesce(pr.label_fr, g.profile_group) AS label_fr, g.sort_order
FROM (
    SELECT profile_group, min(sort_order) AS sort_order FROM profiles GROUP BY profile_group
) AS g
LEFT JOIN profiles AS pr ON pr.profile = g.profile_group
ORDER BY g.sort_order;
