-- The allowed answers of a question, in display order.
SELECT answer, label_fr, label_en, sort_order
FROM survey_answer_options
WHERE question_id = $question
ORDER BY sort_order;
