CREATE TABLE "consent_events" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"purpose_key" text NOT NULL,
	"action" text NOT NULL,
	"channel" text NOT NULL,
	"notice_version" integer,
	"representative_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"note" text,
	CONSTRAINT "consent_events_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "notice_versions" (
	"clinic_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"summary" text,
	"document" jsonb NOT NULL,
	"notices" jsonb NOT NULL,
	CONSTRAINT "notice_versions_clinic_id_version_pk" PRIMARY KEY("clinic_id","version")
);
--> statement-breakpoint
CREATE TABLE "processing_registers" (
	"clinic_id" uuid NOT NULL,
	"document" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "processing_registers_clinic_id_pk" PRIMARY KEY("clinic_id")
);
--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_versions" ADD CONSTRAINT "notice_versions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_registers" ADD CONSTRAINT "processing_registers_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_events_patient_idx" ON "consent_events" USING btree ("clinic_id","patient_id","purpose_key","recorded_at");--> statement-breakpoint
CREATE INDEX "consent_events_purpose_idx" ON "consent_events" USING btree ("clinic_id","purpose_key","recorded_at");--> statement-breakpoint
CREATE INDEX "notice_versions_published_idx" ON "notice_versions" USING btree ("clinic_id","published_at");