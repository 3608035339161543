-- The revocation counter behind the per-instance cache of sessions and users (internal/auth,
-- sessioncache.go). Every request reads this one row; an instance serves a cached session or user
-- only while n is what it was when the entry was filled. The database counts the changes itself,
-- by triggers, so a write from any instance, a script or a migration is counted alike.
CREATE TABLE auth_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO auth_generation (id, n) VALUES (1, 0);
-- Counting locks the counter's row until the transaction ends, so the triggers are deferred to
-- the commit: a long transaction (an HR import, a retention run) does not hold up every login and
-- logout meanwhile. A transaction counts once, however many rows it changes: one change it
-- commits is enough to make every cache entry filled before it stale.
CREATE FUNCTION auth_generation_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('ailit.auth_generation_counted', true) IS DISTINCT FROM 'yes' THEN UPDATE auth_generation SET n = n + 1 WHERE id = 1; PERFORM set_config('ailit.auth_generation_counted', 'yes', true); END IF; RETURN NULL; END $$;
-- A session ends (logout, log out everywhere, renewal at login, retention, deactivation).
CREATE CONSTRAINT TRIGGER auth_generation_session_deleted AFTER DELETE ON web_sessions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION auth_generation_count();
-- A session's values change (CSRF token, language, the user it belongs to). Recording activity
-- (last_seen_at) and a longer lifetime are not counted: every page view may touch its session, and
-- a cache that holds the older value only asks the database again (sessioncache.go).
CREATE CONSTRAINT TRIGGER auth_generation_session_changed AFTER UPDATE ON web_sessions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.secret_hash IS DISTINCT FROM NEW.secret_hash OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.data IS DISTINCT FROM NEW.data OR OLD.user_agent IS DISTINCT FROM NEW.user_agent OR OLD.ip IS DISTINCT FROM NEW.ip OR OLD.created_at IS DISTINCT FROM NEW.created_at OR NEW.expires_at < OLD.expires_at)
EXECUTE FUNCTION auth_generation_count();
-- A user changes (active, name, language, password, organisation unit, erasure) or is deleted. A
-- new user or session needs no count: no cache can hold an entry for it yet.
CREATE CONSTRAINT TRIGGER auth_generation_user_changed AFTER UPDATE OR DELETE ON users DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION auth_generation_count();
-- Roles and the units a manager manages decide what a user may see and do.
CREATE CONSTRAINT TRIGGER auth_generation_role_changed AFTER INSERT OR UPDATE OR DELETE ON user_roles DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION auth_generation_count();
CREATE CONSTRAINT TRIGGER auth_generation_manager_unit_changed AFTER INSERT OR UPDATE OR DELETE ON manager_units DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION auth_generation_count();
