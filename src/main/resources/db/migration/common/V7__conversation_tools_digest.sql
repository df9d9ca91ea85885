-- The digest of the tool set a HixAI chat has been shown (null: none): a continued chat gets the whole tool
-- instruction again only when the client's tools changed since.
ALTER TABLE conversation ADD COLUMN tools_digest CHAR(64) NULL;
