-- Every continued answer claims, advances or releases its record by chat id: one indexed row, not a scan.
CREATE INDEX ix_conversation_chat ON conversation (chat_id);
