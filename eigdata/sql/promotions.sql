-- The promotions in chronological order.
SELECT promotion, programme, year, sort_order, duration_months, start_month, label_en
FROM promotions
ORDER BY sort_order;
