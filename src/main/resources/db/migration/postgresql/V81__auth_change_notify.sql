-- Every replica caches who an API token speaks for (auth/TokenCache) and listens on the channel
-- auth_changed; these triggers notify it in the transaction of any change that could change that
-- answer, whoever makes it (the service, another replica, psql). PostgreSQL delivers the
-- notification when the transaction commits and drops duplicates within one transaction, so a
-- statement that touches many rows sends one. Writes that change nothing a token's caller depends on
-- (a token's last_used_on, a user's name or password) send nothing.
CREATE FUNCTION notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('auth_changed', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER api_tokens_auth_changed AFTER UPDATE ON api_tokens FOR EACH ROW
    WHEN (OLD.revoked_on IS DISTINCT FROM NEW.revoked_on OR OLD.expires_on IS DISTINCT FROM NEW.expires_on
          OR OLD.token_hash IS DISTINCT FROM NEW.token_hash OR OLD.user_id IS DISTINCT FROM NEW.user_id
          OR OLD.company_id IS DISTINCT FROM NEW.company_id)
    EXECUTE FUNCTION notify_auth_changed();
CREATE TRIGGER api_tokens_auth_removed AFTER DELETE OR TRUNCATE ON api_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_changed();

CREATE TRIGGER users_auth_changed AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.email IS DISTINCT FROM NEW.email)
    EXECUTE FUNCTION notify_auth_changed();
CREATE TRIGGER users_auth_removed AFTER DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_changed();

CREATE TRIGGER companies_auth_changed AFTER UPDATE ON companies FOR EACH ROW
    WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.slug IS DISTINCT FROM NEW.slug)
    EXECUTE FUNCTION notify_auth_changed();
CREATE TRIGGER companies_auth_removed AFTER DELETE OR TRUNCATE ON companies
    FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_changed();

CREATE TRIGGER memberships_auth_changed AFTER UPDATE ON memberships FOR EACH ROW
    WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.user_id IS DISTINCT FROM NEW.user_id
          OR OLD.company_id IS DISTINCT FROM NEW.company_id)
    EXECUTE FUNCTION notify_auth_changed();
CREATE TRIGGER memberships_auth_removed AFTER DELETE OR TRUNCATE ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_changed();
