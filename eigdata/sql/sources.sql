-- The source documents, newest first.
SELECT source_doc, short_title, title, publisher, published, language
FROM sources
ORDER BY published DESC, source_doc;
