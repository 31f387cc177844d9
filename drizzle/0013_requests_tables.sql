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
ALTER TABLE "rights_request_events" ADD CONSTRAINT "rights_request_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rights_request_events_request_idx" ON "rights_request_events" USING btree ("clinic_id","request_id","seq");--> statement-breakpoint
CREATE INDEX "rights_requests_patient_idx" ON "rights_requests" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "rights_requests_due_idx" ON "rights_requests" USING btree ("clinic_id","status","due_on");