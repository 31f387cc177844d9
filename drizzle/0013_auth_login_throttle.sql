CREATE TABLE "login_throttle" (
	"clinic_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"attempts" integer NOT NULL,
	"next_at" timestamp with time zone,
	CONSTRAINT "login_throttle_clinic_id_scope_key_pk" PRIMARY KEY("clinic_id","scope","key")
);
--> statement-breakpoint
ALTER TABLE "login_throttle" ADD CONSTRAINT "login_throttle_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;