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
ALTER TABLE "access_review_marks" ADD CONSTRAINT "access_review_marks_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;