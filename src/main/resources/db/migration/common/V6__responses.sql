-- Stored /v1/responses answers (store:true): GET /v1/responses/{id} and previous_response_id read them.
-- Portable between H2 and MySQL/MariaDB: times are epoch milliseconds; MEDIUMTEXT holds up to 16 MB on both.
CREATE TABLE stored_response (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant      VARCHAR(64)  NOT NULL,
    model       VARCHAR(255) NOT NULL,
    history     MEDIUMTEXT   NOT NULL,
    response    MEDIUMTEXT   NOT NULL,
    create_time BIGINT       NOT NULL
);

CREATE INDEX ix_stored_response_create ON stored_response (create_time);
