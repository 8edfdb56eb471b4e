-- 023: the issuing body had two homes, the document issuer (020, 发文设置, heading the Word bulletins) and a key/value
-- setting 'issuing_body' set on the links page for posters. Posters now read the document issuer too, so a body set
-- only for posters moves there (when no issuer is set yet) and the setting goes. Its number prefix is the one Word
-- bulletins used while no issuer was set (DEFAULT_ISSUER in domain/documents/official-notice.ts), so numbers already
-- given keep reading the same.
INSERT INTO document_issuer (id, issuing_body, number_prefix)
SELECT 1, trim(value), '平安办' FROM settings
WHERE key = 'issuing_body' AND trim(value) <> '' AND NOT EXISTS (SELECT 1 FROM document_issuer);

DELETE FROM settings WHERE key = 'issuing_body';
