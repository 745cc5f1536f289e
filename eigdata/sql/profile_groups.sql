-- The profile groups with their label (the label of the profile naming the group) in the
-- run's language: $lang = 'en' takes label_en, French otherwise or when it is empty.
SELECT
    g.profile_group,
    coalesce(
        CASE WHEN $lang = 'en' THEN nullif(pr.label_en, '') END, pr.label_fr, g.profile_group
    ) AS label,
    g.sort_order
FROM (
    SELECT profile_group, min(sort_order) AS sort_order FROM profiles GROUP BY profile_group
) AS g
LEFT JOIN profiles AS pr ON pr.profile = g.profile_group
ORDER BY g.sort_order;
