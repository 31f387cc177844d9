-- Published notice versions and the consent ledger are never changed: UPDATE, DELETE and TRUNCATE are refused.
CREATE OR REPLACE FUNCTION register_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER notice_versions_append_only BEFORE UPDATE OR DELETE ON notice_versions FOR EACH ROW EXECUTE FUNCTION register_refuse_change();
--> statement-breakpoint
CREATE TRIGGER notice_versions_no_truncate BEFORE TRUNCATE ON notice_versions FOR EACH STATEMENT EXECUTE FUNCTION register_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events FOR EACH ROW EXECUTE FUNCTION register_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_events_no_truncate BEFORE TRUNCATE ON consent_events FOR EACH STATEMENT EXECUTE FUNCTION register_refuse_change();
