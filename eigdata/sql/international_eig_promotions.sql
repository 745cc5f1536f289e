-- Per promotion, what the EIG row of the international comparison is computed from:
-- year, défi duration, EIG (published, else counted on the programme site), published
-- candidates and the PIA spending lines (realised or forecast).
WITH eig AS (
    SELECT
        promotion,
        coalesce(published, roster) AS eig,
        CASE WHEN published IS NOT NULL THEN 'publié' ELSE 'site' END AS eig_origin
    FROM published_vs_roster
    WHERE indicator = 'eig'
),
candidates AS (
    SELECT promotion, value AS candidates
    FROM promotion_figures
    WHERE indicator = 'candidates'
),
spending AS (
    SELECT
        b.promotion,
        sum(b.amount) AS spending,
        string_agg(DISTINCT b.status, ', ' ORDER BY b.status) AS budget_status
    FROM pia_budget AS b
    JOIN budget_lines AS l USING (line)
    WHERE l.kind = 'dépense'
    GROUP BY b.promotion
)
SELECT
    p.promotion,
    p.programme,
    p.year,
    p.sort_order,
    p.duration_months,
    e.eig,
    e.eig_origin,
    c.candidates,
    sp.spending,
    sp.budget_status
FROM promotions AS p
LEFT JOIN eig AS e USING (promotion)
LEFT JOIN candidates AS c USING (promotion)
LEFT JOIN spending AS sp USING (promotion)
ORDER BY p.sort_order;
