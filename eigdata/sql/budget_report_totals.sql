-- The report's programme-wide budget totals next to the sums of the budget lines, and the
-- promotions they cover, named in the run's language ($lang = 'en': label_en unless empty).
WITH named AS (
    SELECT
        p.sort_order,
        coalesce(CASE WHEN $lang = 'en' THEN nullif(p.label_en, '') END, p.promotion) AS name
    FROM promotions AS p
    WHERE p.promotion IN (SELECT promotion FROM pia_budget)
),
sums AS (
    SELECT
        sum(b.amount) FILTER (WHERE l.kind = 'enveloppe') AS pia_envelope,
        sum(b.amount) FILTER (WHERE b.line = 'salaires') AS pia_salaries,
        sum(b.amount) FILTER (WHERE l.kind = 'dépense') AS pia_budget_total,
        (SELECT string_agg(name, ', ' ORDER BY sort_order) FROM named) AS promotions
    FROM pia_budget AS b
    JOIN budget_lines AS l USING (line)
),
computed AS (
    UNPIVOT sums ON pia_envelope, pia_salaries, pia_budget_total
    INTO NAME indicator VALUE computed
)
SELECT
    f.indicator,
    f.scope,
    f.value AS published,
    c.computed,
    c.computed - f.value AS difference,
    s.promotions,
    src.title || ', ' || f.source_section AS source,
    f.note
FROM programme_figures AS f
JOIN computed AS c USING (indicator)
CROSS JOIN sums AS s
LEFT JOIN sources AS src USING (source_doc)
WHERE f.scope NOT IN (SELECT promotion FROM promotions)
ORDER BY CASE f.indicator WHEN 'pia_envelope' THEN 1 WHEN 'pia_salaries' THEN 2 ELSE 3 END;
