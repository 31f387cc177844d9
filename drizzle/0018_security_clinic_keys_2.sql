-- Issue 12, finding 8, for the tables added after migration 0016 (rights requests, complaints,
-- disclosures, recordings, breaches, retention holds) and the invoice references 0016 left unkeyed.
-- Two kinds of reference:
-- 1. The referenced row lives at least as long as the row naming it (a request's events, a complaint's
--    events and handler, a breach's affected people, a camera's recordings, a patient's holds, which
--    the retention job removes before the patient): a composite foreign key (clinic_id, x), as in 0016.
-- 2. The row naming it is kept after the referenced row goes (a rights request, complaint, disclosure
--    or breach entry outlives the patient it names as proof of compliance; a hand-over, instalment
--    request, credit note or rendered service outlives an invoice the accounting retention deletes):
--    a foreign key would stop the erasure, so a trigger checks on every write that the row named is
--    not another clinic's, and leaves the reference in place when the referenced row is deleted.
--    A row of none passes: such a row may name what is already gone (a breach's affected people
--    are read from the access log, which names erased patients too); the services check the rest.
-- Actor columns (created_by, actor_id, ...) stay unkeyed, as in 0016: they may name a patient in the portal.
--> statement-breakpoint
ALTER TABLE "rights_request_events" ADD CONSTRAINT "rights_request_events_request_id_clinic_fk" FOREIGN KEY ("clinic_id","request_id") REFERENCES "rights_requests"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_clinic_fk" FOREIGN KEY ("clinic_id","complaint_id") REFERENCES "complaints"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_assigned_to_clinic_fk" FOREIGN KEY ("clinic_id","assigned_to") REFERENCES "staff_users"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "breach_affected" ADD CONSTRAINT "breach_affected_breach_id_clinic_fk" FOREIGN KEY ("clinic_id","breach_id") REFERENCES "breaches"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_camera_id_clinic_fk" FOREIGN KEY ("clinic_id","camera_id") REFERENCES "cameras"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "retention_holds" ADD CONSTRAINT "retention_holds_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "rights_request_events" VALIDATE CONSTRAINT "rights_request_events_request_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "complaint_events" VALIDATE CONSTRAINT "complaint_events_complaint_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "complaints" VALIDATE CONSTRAINT "complaints_assigned_to_clinic_fk";
--> statement-breakpoint
ALTER TABLE "breach_affected" VALIDATE CONSTRAINT "breach_affected_breach_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "recordings" VALIDATE CONSTRAINT "recordings_camera_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "retention_holds" VALIDATE CONSTRAINT "retention_holds_patient_id_clinic_fk";
--> statement-breakpoint
-- A write-time check: the row named by column TG_ARGV[0] in table TG_ARGV[1] is not another clinic's.
-- An update that leaves the reference and the clinic as they were is not checked again, so a kept
-- row whose patient or invoice has since been deleted can still be updated (its status, its answer).
CREATE OR REPLACE FUNCTION same_clinic_reference() RETURNS trigger AS $$
DECLARE
  ref text := to_jsonb(NEW) ->> TG_ARGV[0];
  foreign_row boolean;
BEGIN
  IF ref IS NULL THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND ref IS NOT DISTINCT FROM (to_jsonb(OLD) ->> TG_ARGV[0]) AND NEW.clinic_id = OLD.clinic_id THEN
    RETURN NEW;
  END IF;
  EXECUTE format(
    'SELECT EXISTS (SELECT 1 FROM %1$I WHERE clinic_id <> $1 AND id = $2::uuid)
       AND NOT EXISTS (SELECT 1 FROM %1$I WHERE clinic_id = $1 AND id = $2::uuid)', TG_ARGV[1])
    INTO foreign_row USING NEW.clinic_id, ref;
  IF foreign_row THEN
    RAISE EXCEPTION '%.% names a row of % of another clinic', TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1]
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_NAME, TABLE = TG_TABLE_NAME, COLUMN = TG_ARGV[0];
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER "rights_requests_patient_id_clinic_ref" BEFORE INSERT OR UPDATE OF "patient_id", "clinic_id" ON "rights_requests"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('patient_id', 'patients');
--> statement-breakpoint
CREATE TRIGGER "rights_requests_representative_id_clinic_ref" BEFORE INSERT OR UPDATE OF "representative_id", "clinic_id" ON "rights_requests"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('representative_id', 'patient_representatives');
--> statement-breakpoint
CREATE TRIGGER "complaints_patient_id_clinic_ref" BEFORE INSERT OR UPDATE OF "patient_id", "clinic_id" ON "complaints"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('patient_id', 'patients');
--> statement-breakpoint
CREATE TRIGGER "disclosures_patient_id_clinic_ref" BEFORE INSERT OR UPDATE OF "patient_id", "clinic_id" ON "disclosures"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('patient_id', 'patients');
--> statement-breakpoint
CREATE TRIGGER "breach_affected_patient_id_clinic_ref" BEFORE INSERT OR UPDATE OF "patient_id", "clinic_id" ON "breach_affected"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('patient_id', 'patients');
--> statement-breakpoint
CREATE TRIGGER "rendered_services_invoice_id_clinic_ref" BEFORE INSERT OR UPDATE OF "invoice_id", "clinic_id" ON "rendered_services"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('invoice_id', 'invoices');
--> statement-breakpoint
CREATE TRIGGER "invoices_credits_invoice_id_clinic_ref" BEFORE INSERT OR UPDATE OF "credits_invoice_id", "clinic_id" ON "invoices"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('credits_invoice_id', 'invoices');
--> statement-breakpoint
CREATE TRIGGER "debt_handovers_invoice_id_clinic_ref" BEFORE INSERT OR UPDATE OF "invoice_id", "clinic_id" ON "debt_handovers"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('invoice_id', 'invoices');
--> statement-breakpoint
CREATE TRIGGER "instalment_requests_invoice_id_clinic_ref" BEFORE INSERT OR UPDATE OF "invoice_id", "clinic_id" ON "instalment_requests"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('invoice_id', 'invoices');
