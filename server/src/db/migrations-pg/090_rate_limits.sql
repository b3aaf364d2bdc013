-- PostgreSQL twin of ../migrations/090_rate_limits.sql: times in milliseconds are BIGINT.
CREATE TABLE rate_limit_windows (
  kind         TEXT NOT NULL,
  key          TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  count        INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (kind, key, window_start)
);
CREATE INDEX rate_limit_windows_start ON rate_limit_windows (window_start);

CREATE TABLE login_known_ips (
  account          TEXT NOT NULL,
  ip               TEXT NOT NULL,
  last_success_at  BIGINT NOT NULL,
  PRIMARY KEY (account, ip)
);
CREATE INDEX login_known_ips_at ON login_known_ips (last_success_at);
