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
CREATE TABLE "disclosures" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_registry_code" text,
	"legal_basis" text NOT NULL,
	"categories" text[] NOT NULL,
	"fields" text[],
	"request_reference" text,
	"source_type" text NOT NULL,
	"source_id" uuid,
	"disclosed_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"note" text,
	CONSTRAINT "disclosures_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "rights_request_events" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"seq" bigserial NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"note" text,
	"data" jsonb,
	CONSTRAINT "rights_request_events_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "rights_requests" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"representative_id" uuid,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"answer_channel" text NOT NULL,
	"language" text NOT NULL,
	"received_on" date NOT NULL,
	"identity_check" text NOT NULL,
	"identity_note" text,
	"details" text,
	"purpose_keys" text[],
	"clock_rule" text NOT NULL,
	"due_on" date NOT NULL,
	"extended_due_on" date,
	"extension_reasons" text,
	"extension_notice_on" date,
	"status" text NOT NULL,
	"refusal_reason" text,
	"answer" text,
	"closed_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "rights_requests_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_request_events" ADD CONSTRAINT "rights_request_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("clinic_id","complaint_id","seq");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("clinic_id","status","review_by");--> statement-breakpoint
CREATE INDEX "complaints_patient_idx" ON "complaints" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "disclosures_patient_idx" ON "disclosures" USING btree ("clinic_id","patient_id","disclosed_at");--> statement-breakpoint
CREATE INDEX "rights_request_events_request_idx" ON "rights_request_events" USING btree ("clinic_id","request_id","seq");--> statement-breakpoint
CREATE INDEX "rights_requests_patient_idx" ON "rights_requests" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "rights_requests_due_idx" ON "rights_requests" USING btree ("clinic_id","status","due_on");