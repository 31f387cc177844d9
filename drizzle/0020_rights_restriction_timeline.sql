ALTER TABLE "rights_requests" ADD COLUMN "lifted_on" date;--> statement-breakpoint
-- The timelines of data-subject requests and complaints are their proof (Art. 5(2)): a step once
-- written is never changed. UPDATE and TRUNCATE are refused; DELETE only by the retention engine
-- (hoidja.retention = 'on' in its own transaction), should a register rule ever let them expire.
CREATE OR REPLACE FUNCTION rights_timeline_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('hoidja.retention', true), '') = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER rights_request_events_append_only BEFORE UPDATE OR DELETE ON rights_request_events FOR EACH ROW EXECUTE FUNCTION rights_timeline_refuse_change();
--> statement-breakpoint
CREATE TRIGGER rights_request_events_no_truncate BEFORE TRUNCATE ON rights_request_events FOR EACH STATEMENT EXECUTE FUNCTION rights_timeline_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_events_append_only BEFORE UPDATE OR DELETE ON complaint_events FOR EACH ROW EXECUTE FUNCTION rights_timeline_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON complaint_events FOR EACH STATEMENT EXECUTE FUNCTION rights_timeline_refuse_change();
