-- The revocation counter behind the per-instance cache of sessions and users (internal/auth,
-- sessioncache.go). Every request reads this one row; an instance serves a cached session or user
-- only while n is what it was when the entry was filled. The database counts the changes itself,
-- by triggers, so a write from any instance, a script or a migration is counted alike.
CREATE TABLE auth_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO auth_generation (id, n) VALUES (1, 0);
-- A session ends (logout, log out everywhere, renewal at login, retention, deactivation).
CREATE TRIGGER auth_generation_session_deleted AFTER DELETE ON web_sessions BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
-- A session's values change (CSRF token, language, the user it belongs to). Recording activity
-- (last_seen_at) and a longer lifetime are not counted: every page view may touch its session, and
-- a cache that holds the older value only asks the database again (sessioncache.go). The expiry is
-- stored as text of one format in UTC, so comparing the text compares the times.
CREATE TRIGGER auth_generation_session_changed AFTER UPDATE ON web_sessions
WHEN OLD.id IS NOT NEW.id OR OLD.secret_hash IS NOT NEW.secret_hash OR OLD.user_id IS NOT NEW.user_id OR OLD.data IS NOT NEW.data OR OLD.user_agent IS NOT NEW.user_agent OR OLD.ip IS NOT NEW.ip OR OLD.created_at IS NOT NEW.created_at OR NEW.expires_at < OLD.expires_at
BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
-- A user changes (active, name, language, password, organisation unit, erasure) or is deleted. A
-- new user or session needs no count: no cache can hold an entry for it yet.
CREATE TRIGGER auth_generation_user_changed AFTER UPDATE ON users BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_generation_user_deleted AFTER DELETE ON users BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
-- Roles and the units a manager manages decide what a user may see and do.
CREATE TRIGGER auth_generation_role_added AFTER INSERT ON user_roles BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_generation_role_changed AFTER UPDATE ON user_roles BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_generation_role_removed AFTER DELETE ON user_roles BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_generation_manager_unit_added AFTER INSERT ON manager_units BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_generation_manager_unit_changed AFTER UPDATE ON manager_units BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_generation_manager_unit_removed AFTER DELETE ON manager_units BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
