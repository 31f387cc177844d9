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
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosures_patient_idx" ON "disclosures" USING btree ("clinic_id","patient_id","disclosed_at");