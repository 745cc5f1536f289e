-- The défis of the given promotions from the programme site roster.
SELECT
    d.defi_id,
    d.title,
    d.promotion,
    d.administration,
    d.tagline,
    d.has_source_code,
    d.website,
    d.page_url
FROM roster_defis AS d
JOIN promotions AS p USING (promotion)
WHERE $promotions IS NULL OR list_contains($promotions, d.promotion)
ORDER BY p.sort_order, d.title;
