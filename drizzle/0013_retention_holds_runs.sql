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
ALTER TABLE "retention_holds" ADD CONSTRAINT "retention_holds_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retention_holds_patient_idx" ON "retention_holds" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "retention_runs_status_idx" ON "retention_runs" USING btree ("clinic_id","status");