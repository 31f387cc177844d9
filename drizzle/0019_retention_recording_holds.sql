ALTER TABLE "retention_holds" ADD COLUMN "recording_id" uuid;--> statement-breakpoint
-- A hold on one recording names a recording of the same clinic; when the recording is deleted
-- after the hold ended, the hold stays in the register without it.
ALTER TABLE "retention_holds" ADD CONSTRAINT "retention_holds_recording_id_clinic_fk" FOREIGN KEY ("clinic_id","recording_id") REFERENCES "recordings"("clinic_id","id") ON DELETE SET NULL ("recording_id");
