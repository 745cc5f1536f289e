-- Counts over every promotion of the roster (persons counted once).
SELECT
    (SELECT count(*) FROM promotions) AS promotions,
    (SELECT count(DISTINCT member_id) FROM roster_participations WHERE role_in_defi = 'eig') AS eig,
    (SELECT count(DISTINCT member_id) FROM roster_participations WHERE role_in_defi = 'mentor')
        AS mentors,
    (SELECT count(*) FROM roster_defis) AS defis,
    (SELECT count(DISTINCT host_service) FROM roster_defis) AS host_services,
    (SELECT count(*) FROM roster_defi_key_figures) AS key_figures;
