-- The compared programmes, in display order, with their funding model, the fellows'
-- employer and the source saying so.
SELECT
    p.programme,
    p.name,
    p.country,
    p.sort_order,
    p.recruits_fellows,
    p.funding,
    p.employer,
    coalesce(s.short_title, p.source_doc) AS document,
    coalesce(s.short_title, p.source_doc) || ', ' || p.source_section AS source,
    coalesce(p.note, '') AS note
FROM international_programmes AS p
LEFT JOIN sources AS s ON s.source_doc = p.source_doc
ORDER BY p.sort_order;
