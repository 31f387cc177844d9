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
ALTER TABLE "breach_affected" ADD CONSTRAINT "breach_affected_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breaches" ADD CONSTRAINT "breaches_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breach_affected_patient_idx" ON "breach_affected" USING btree ("clinic_id","patient_id");