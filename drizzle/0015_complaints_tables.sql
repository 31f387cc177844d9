CREATE TABLE "complaint_events" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"actor_id" uuid,
	"note" text,
	CONSTRAINT "complaint_events_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"complainant_name" text NOT NULL,
	"representative_name" text,
	"contact_email" text,
	"contact_phone" text,
	"contact_address" text,
	"circumstances" text NOT NULL,
	"claim" text NOT NULL,
	"feedback_wanted" boolean NOT NULL,
	"feedback_channel" text NOT NULL,
	"language" text NOT NULL,
	"received_on" date NOT NULL,
	"clock_rule" text NOT NULL,
	"review_by" date NOT NULL,
	"resolve_by" date NOT NULL,
	"extended_resolve_by" date,
	"extension_reasons" text,
	"status" text NOT NULL,
	"assigned_to" uuid,
	"answer" text,
	"answered_on" date,
	"archived_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "complaints_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("clinic_id","complaint_id","seq");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("clinic_id","status","review_by");--> statement-breakpoint
CREATE INDEX "complaints_patient_idx" ON "complaints" USING btree ("clinic_id","patient_id");