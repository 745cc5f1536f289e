-- The défis of the selected promotions, with their counts and key figures.
WITH key_figures AS (
    SELECT
        defi_id,
        list({'amount': amount, 'description': description} ORDER BY rank) AS key_figures
    FROM roster_defi_key_figures
    GROUP BY defi_id
)
SELECT
    d.promotion,
    d.title,
    d.administration,
    d.host_service,
    d.host_perimeter,
    replace(d.skills_labels, ';', ', ') AS skills,
    d.n_eig,
    d.n_mentor,
    k.key_figures,
    d.page_url
FROM roster_defis AS d
JOIN promotions AS p USING (promotion)
LEFT JOIN key_figures AS k USING (defi_id)
WHERE ($promotions IS NULL OR list_contains($promotions, d.promotion))
ORDER BY p.sort_order, d.title;
