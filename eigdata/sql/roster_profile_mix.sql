-- Roster-derived profile counts and shares next to the published shares and counts.
SELECT
    p.promotion,
    p.sort_order,
    g.profile_group,
    coalesce(r.n, 0) AS roster_count,
    coalesce(r.share, 0) AS roster_share,
    pub_share.value AS published_share_pct,
    pub_count.value AS published_count
FROM promotions AS p
CROSS JOIN (SELECT DISTINCT profile_group FROM profiles) AS g
LEFT JOIN roster_profile_counts AS r
    ON r.promotion = p.promotion AND r.profile_group = g.profile_group
LEFT JOIN profile_mix AS pub_share
    ON pub_share.promotion = p.promotion AND pub_share.profile = g.profile_group
    AND pub_share.measure = 'share_pct'
LEFT JOIN profile_mix AS pub_count
    ON pub_count.promotion = p.promotion AND pub_count.profile = g.profile_group
    AND pub_count.measure = 'count'
WHERE ($promotions IS NULL OR list_contains($promotions, p.promotion))
ORDER BY p.sort_order, g.profile_group;
