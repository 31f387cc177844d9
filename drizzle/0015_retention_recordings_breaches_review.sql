CREATE TABLE "access_review_marks" (
	"clinic_id" uuid NOT NULL,
	"finding_key" text NOT NULL,
	"outcome" text NOT NULL,
	"note" text NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "access_review_marks_clinic_id_finding_key_pk" PRIMARY KEY("clinic_id","finding_key")
);
--> statement-breakpoint
CREATE TABLE "breach_affected" (
	"clinic_id" uuid NOT NULL,
	"breach_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"found_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "breach_affected_clinic_id_breach_id_patient_id_pk" PRIMARY KEY("clinic_id","breach_id","patient_id")
);
--> statement-breakpoint
CREATE TABLE "breaches" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"discovered_at" timestamp with time zone NOT NULL,
	"nature" text NOT NULL,
	"categories" jsonb NOT NULL,
	"approx_people" integer NOT NULL,
	"approx_records" integer NOT NULL,
	"consequences" text NOT NULL,
	"measures" text NOT NULL,
	"authority_notified_at" timestamp with time zone,
	"late_reason" text,
	"inform_people" text DEFAULT 'undecided' NOT NULL,
	"inform_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "breaches_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "cameras" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"area" text NOT NULL,
	"signposted" boolean NOT NULL,
	"sound" boolean NOT NULL,
	"has_camera" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cameras_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "recordings" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"camera_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"location" text NOT NULL,
	"delete_attempts" integer DEFAULT 0 NOT NULL,
	"last_delete_error" text,
	"last_delete_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "recordings_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "retention_holds" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"owner" text NOT NULL,
	"patient_id" uuid,
	"target" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"released_at" timestamp with time zone,
	"released_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "retention_holds_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"run_date" date NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"plan" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"batches" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "retention_runs_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "access_review_marks" ADD CONSTRAINT "access_review_marks_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_affected" ADD CONSTRAINT "breach_affected_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breaches" ADD CONSTRAINT "breaches_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras" ADD CONSTRAINT "cameras_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_holds" ADD CONSTRAINT "retention_holds_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breach_affected_patient_idx" ON "breach_affected" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "recordings_ended_idx" ON "recordings" USING btree ("clinic_id","ended_at");--> statement-breakpoint
CREATE INDEX "retention_holds_patient_idx" ON "retention_holds" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "retention_runs_status_idx" ON "retention_runs" USING btree ("clinic_id","status");--> statement-breakpoint
-- The consent ledger stays append-only, except that the retention engine may remove a patient's
-- events when the patient's record itself goes (inside its transaction, hoidja.retention = 'on').
CREATE OR REPLACE FUNCTION consent_events_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('hoidja.retention', true), '') = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER consent_events_append_only ON consent_events;
--> statement-breakpoint
CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events FOR EACH ROW EXECUTE FUNCTION consent_events_refuse_change();
