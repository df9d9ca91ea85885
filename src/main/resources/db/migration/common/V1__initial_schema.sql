-- Portable between H2 and MySQL/MariaDB: times are epoch milliseconds.
CREATE TABLE hix_cookie (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    token           VARCHAR(8192) NOT NULL,
    token_hash      CHAR(64)      NOT NULL,
    remark          VARCHAR(255),
    credit          INT           NOT NULL DEFAULT 0,
    advanced_credit INT           NOT NULL DEFAULT 0,
    active_sub      BOOLEAN       NOT NULL DEFAULT FALSE,
    state           VARCHAR(16)   NOT NULL DEFAULT 'ACTIVE',
    last_error      VARCHAR(255),
    last_error_at   BIGINT,
    last_refresh_at BIGINT,
    create_time     BIGINT        NOT NULL,
    CONSTRAINT uk_hix_cookie_token UNIQUE (token_hash)
);

CREATE TABLE api_key (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    key_hash    CHAR(64)     NOT NULL,
    key_hint    VARCHAR(32)  NOT NULL,
    remark      VARCHAR(255),
    create_time BIGINT       NOT NULL,
    CONSTRAINT uk_api_key_hash UNIQUE (key_hash)
);

CREATE TABLE conversation (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    chat_id      VARCHAR(64) NOT NULL,
    cookie_id    BIGINT      NOT NULL,
    model        VARCHAR(64) NOT NULL,
    context_hash CHAR(64)    NOT NULL,
    create_time  BIGINT      NOT NULL,
    update_time  BIGINT      NOT NULL
);

CREATE INDEX ix_conversation_context ON conversation (context_hash, model);
CREATE INDEX ix_conversation_update ON conversation (update_time);
