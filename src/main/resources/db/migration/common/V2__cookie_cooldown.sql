-- A cookie that failed transiently is skipped until this time (epoch milliseconds).
ALTER TABLE hix_cookie ADD COLUMN cooldown_until BIGINT;
