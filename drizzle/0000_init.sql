CREATE TABLE "audit_chain_heads" (
	"clinic_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"clinic_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"patient_ref" uuid,
	"purpose" text NOT NULL,
	"reason" text,
	"break_glass" boolean DEFAULT false NOT NULL,
	"outcome" text NOT NULL,
	"request_id" text,
	"details" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_clinic_id_seq_pk" PRIMARY KEY("clinic_id","seq")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"clinic_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"subject_hash" text NOT NULL,
	"ip" text,
	"success" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "login_attempts_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"clinic_id" uuid NOT NULL,
	"id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "sessions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" text NOT NULL,
	"full_name" text NOT NULL,
	"roles" text[] NOT NULL,
	"password_hash" text NOT NULL,
	"professional_code" text,
	"phone" text,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_users_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "clinic_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"joint_controllers" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clinics" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"group_id" uuid,
	"country" text NOT NULL,
	"time_zone" text NOT NULL,
	"registry_code" text NOT NULL,
	"addresses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contacts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"data_protection_contact" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"supervisory_authority" jsonb NOT NULL,
	"default_language" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_assignments" (
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone,
	CONSTRAINT "care_assignments_clinic_id_patient_id_staff_user_id_pk" PRIMARY KEY("clinic_id","patient_id","staff_user_id")
);
--> statement-breakpoint
CREATE TABLE "patient_bill_payers" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"registry_code" text,
	"email" text,
	"phone" text,
	"address" text,
	"reference" text,
	"valid_from" date,
	"valid_until" date,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "patient_bill_payers_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "patient_representatives" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"id_country" text,
	"id_code_enc" text,
	"id_code_hash" text,
	"document_type" text,
	"document_number_enc" text,
	"document_country" text,
	"birth_date" date,
	"mobile" text,
	"email" text,
	"basis" text NOT NULL,
	"authority_from" date NOT NULL,
	"authority_until" date NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "patient_representatives_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "patient_versions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" uuid,
	"changed_fields" text[] NOT NULL,
	"previous_enc" text NOT NULL,
	"reason" text,
	CONSTRAINT "patient_versions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"first_name_norm" text NOT NULL,
	"last_name_norm" text NOT NULL,
	"id_country" text,
	"id_code_enc" text,
	"id_code_hash" text,
	"id_warning" text,
	"document_type" text,
	"document_number_enc" text,
	"document_country" text,
	"birth_date" date NOT NULL,
	"sex" text,
	"mobile" text,
	"email" text,
	"address_street" text,
	"address_city" text,
	"address_postal_code" text,
	"address_country" text,
	"preferred_language" text NOT NULL,
	"insurance_enc" text,
	"occupation" text,
	"workplace" text,
	"health_notes_enc" text,
	"processing_restricted" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"archived_at" timestamp with time zone,
	"archive_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "patients_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_attempts" ADD CONSTRAINT "login_attempts_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_group_id_clinic_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."clinic_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_assignments" ADD CONSTRAINT "care_assignments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_bill_payers" ADD CONSTRAINT "patient_bill_payers_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_representatives" ADD CONSTRAINT "patient_representatives_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_versions" ADD CONSTRAINT "patient_versions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_patient_idx" ON "audit_events" USING btree ("clinic_id","patient_ref","at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("clinic_id","actor_id","at");--> statement-breakpoint
CREATE INDEX "login_attempts_subject_idx" ON "login_attempts" USING btree ("clinic_id","subject_hash","at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("clinic_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_email_uq" ON "staff_users" USING btree ("clinic_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "clinics_slug_uq" ON "clinics" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "care_assignments_staff_idx" ON "care_assignments" USING btree ("clinic_id","staff_user_id");--> statement-breakpoint
CREATE INDEX "patient_bill_payers_patient_idx" ON "patient_bill_payers" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "patient_representatives_patient_idx" ON "patient_representatives" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "patient_versions_patient_idx" ON "patient_versions" USING btree ("clinic_id","patient_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "patients_id_code_uq" ON "patients" USING btree ("clinic_id","id_code_hash") WHERE "patients"."id_code_hash" is not null;--> statement-breakpoint
CREATE INDEX "patients_last_name_idx" ON "patients" USING btree ("clinic_id","last_name_norm" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_first_name_idx" ON "patients" USING btree ("clinic_id","first_name_norm" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_mobile_idx" ON "patients" USING btree ("clinic_id","mobile");--> statement-breakpoint
CREATE INDEX "patients_email_idx" ON "patients" USING btree ("clinic_id","email");