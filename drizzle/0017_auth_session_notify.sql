-- A running server keeps signed-in sessions in memory for a few seconds (one query less per request).
-- Whatever ends a session or changes an account (logout, idle end, a disabled user, new roles) tells
-- every server at once, whichever process or connection made the change.
CREATE OR REPLACE FUNCTION hoidja_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('hoidja_auth', NEW.clinic_id::text || ':' || NEW.user_id::text);
  ELSE
    PERFORM pg_notify('hoidja_auth', NEW.clinic_id::text || ':' || NEW.id::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_ended_notify AFTER UPDATE OF ended_at ON sessions
  FOR EACH ROW WHEN (NEW.ended_at IS NOT NULL AND OLD.ended_at IS NULL) EXECUTE FUNCTION hoidja_auth_changed();
--> statement-breakpoint
CREATE TRIGGER staff_users_changed_notify AFTER UPDATE ON staff_users
  FOR EACH ROW EXECUTE FUNCTION hoidja_auth_changed();
