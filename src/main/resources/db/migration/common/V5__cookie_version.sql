-- Moves on with every change of a cookie's state, credit or token: a credit re-read stores what it read only
-- if the version it started from is still the row's (compare-and-set), on any instance.
ALTER TABLE hix_cookie ADD COLUMN state_version BIGINT NOT NULL DEFAULT 0;

-- Used-up credit is now a zero credit on the side that ran out, no longer a state benching the whole cookie:
-- a cookie benched the old way keeps nothing to spend until its next re-read, as before.
UPDATE hix_cookie SET state = 'ACTIVE', credit = 0, advanced_credit = 0 WHERE state = 'NO_CREDIT';
