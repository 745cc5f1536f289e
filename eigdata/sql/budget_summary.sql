-- Per promotion: envelope, spending lines total, share consumed, published total and the
-- EIG, défis and duration used for the unit costs (published counts first, roster otherwise);
-- the promotion's name in the run's language ($lang = 'en': label_en unless empty).
WITH money AS (
    SELECT
        b.promotion,
        sum(b.amount) FILTER (WHERE l.kind = 'enveloppe') AS envelope,
        sum(b.amount) FILTER (WHERE l.kind = 'dépense') AS spending,
        sum(b.amount) FILTER (WHERE b.line = 'salaires') AS salaries,
        string_agg(DISTINCT b.status, ', ') AS status
    FROM pia_budget AS b
    JOIN budget_lines AS l USING (line)
    WHERE ($statuses IS NULL OR list_contains($statuses, b.status))
    GROUP BY b.promotion
),
counts AS (
    SELECT
        p.promotion,
        coalesce(pe.value, re.value) AS eig,
        CASE WHEN pe.value IS NOT NULL THEN 'publié' ELSE 'site' END AS eig_origin,
        coalesce(pd.value, rd.value) AS defis,
        CASE WHEN pd.value IS NOT NULL THEN 'publié' ELSE 'site' END AS defis_origin
    FROM promotions AS p
    LEFT JOIN promotion_figures AS pe ON pe.promotion = p.promotion AND pe.indicator = 'eig'
    LEFT JOIN roster_promotion_figures AS re ON re.promotion = p.promotion AND re.indicator = 'eig'
    LEFT JOIN promotion_figures AS pd ON pd.promotion = p.promotion AND pd.indicator = 'defis'
    LEFT JOIN roster_promotion_figures AS rd
        ON rd.promotion = p.promotion AND rd.indicator = 'defis'
)
SELECT
    m.promotion,
    coalesce(CASE WHEN $lang = 'en' THEN nullif(p.label_en, '') END, m.promotion)
        AS promotion_label,
    p.sort_order,
    m.status,
    m.envelope,
    m.spending,
    m.salaries,
    m.spending / m.envelope AS consumed_share,
    pub.value AS published_total,
    c.eig,
    c.eig_origin,
    c.defis,
    c.defis_origin,
    p.duration_months
FROM money AS m
JOIN promotions AS p USING (promotion)
JOIN counts AS c USING (promotion)
LEFT JOIN programme_figures AS pub
    ON pub.indicator = 'pia_budget_total' AND pub.scope = m.promotion
WHERE ($promotions IS NULL OR list_contains($promotions, m.promotion))
ORDER BY p.sort_order;
