-- PIA budget lines per promotion (envelope and spending), filtered by promotion, line and status;
-- promotion and line labels in the run's language ($lang = 'en': label_en unless empty).
SELECT
    b.promotion,
    coalesce(CASE WHEN $lang = 'en' THEN nullif(p.label_en, '') END, b.promotion)
        AS promotion_label,
    p.sort_order,
    b.line,
    coalesce(CASE WHEN $lang = 'en' THEN nullif(l.label_en, '') END, l.label_fr) AS line_label,
    l.kind,
    l.sort_order AS line_order,
    b.amount,
    b.status,
    s.short_title || ', ' || b.source_section AS source,
    b.note
FROM pia_budget AS b
JOIN promotions AS p USING (promotion)
JOIN budget_lines AS l USING (line)
LEFT JOIN sources AS s ON s.source_doc = b.source_doc
WHERE ($promotions IS NULL OR list_contains($promotions, b.promotion))
    AND ($lines IS NULL OR l.kind = 'enveloppe' OR list_contains($lines, b.line))
    AND ($statuses IS NULL OR list_contains($statuses, b.status))
ORDER BY p.sort_order, l.sort_order;
