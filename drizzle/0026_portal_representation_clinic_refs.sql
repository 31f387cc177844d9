-- A portal session acts for a patient through one representation, on behalf of a person who may be a
-- patient themselves: both must be rows of the session's own clinic. A trigger (migration 0018's
-- same_clinic_reference), not a key, so that erasing a patient or a representation is not stopped by
-- a session row that the same erasure removes.
CREATE TRIGGER "portal_sessions_self_patient_id_clinic_ref" BEFORE INSERT OR UPDATE OF "self_patient_id", "clinic_id" ON "portal_sessions"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('self_patient_id', 'patients');
--> statement-breakpoint
CREATE TRIGGER "portal_sessions_representative_id_clinic_ref" BEFORE INSERT OR UPDATE OF "representative_id", "clinic_id" ON "portal_sessions"
  FOR EACH ROW EXECUTE FUNCTION same_clinic_reference('representative_id', 'patient_representatives');
