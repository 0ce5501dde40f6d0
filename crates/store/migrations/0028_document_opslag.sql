-- Where a document's file is kept. NULL: in the `inhoud` column, as before.
-- Otherwise the key of the object in the configured S3-compatible object
-- store (`{gemeente_code}/{document_id}`), and `inhoud` holds an empty blob.
-- Rows written before a change of configuration keep saying where they are.
ALTER TABLE documenten ADD COLUMN opslag TEXT;
