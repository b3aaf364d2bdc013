-- Failed attempts counted in the database, so that several app servers on one database share one
-- allowance (docs/storage.md, storage/rate-limit-store.ts). One row per kind × key × fixed window:
-- kind 'login-pair' (account + IP), 'login-ip', 'login-account' or 'code-lookup'; window_start in
-- milliseconds since 1970, a multiple of the kind's window. A reservation adds 1 with an atomic
-- upsert that returns the new count; rows of past windows are swept.
CREATE TABLE rate_limit_windows (
  kind         TEXT NOT NULL,
  key          TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count        INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (kind, key, window_start)
) WITHOUT ROWID;
CREATE INDEX rate_limit_windows_start ON rate_limit_windows (window_start);

-- IPs from which an account logged in successfully (auth/rate-limit.ts: the per-account limit does
-- not apply from them for 30 days). account is the lower-cased username as typed at log-in.
CREATE TABLE login_known_ips (
  account          TEXT NOT NULL,
  ip               TEXT NOT NULL,
  last_success_at  INTEGER NOT NULL,
  PRIMARY KEY (account, ip)
) WITHOUT ROWID;
CREATE INDEX login_known_ips_at ON login_known_ips (last_success_at);
