CREATE TABLE "outbox_jobs" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"payload_enc" text,
	"subject_type" text,
	"subject_id" uuid,
	"patient_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "outbox_jobs_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"street" text NOT NULL,
	"city" text NOT NULL,
	"postal_code" text NOT NULL,
	"country" text NOT NULL,
	"phone" text,
	"email" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "locations_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "professionals" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"staff_user_id" uuid,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"kind" text NOT NULL,
	"registration_code" text,
	"specialities" text[] DEFAULT '{}' NOT NULL,
	"work_phone" text,
	"work_email" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "professionals_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "queue_settings" (
	"clinic_id" uuid PRIMARY KEY NOT NULL,
	"reminder_days_before" integer DEFAULT 2 NOT NULL,
	"sending_from" text DEFAULT '09:00' NOT NULL,
	"sending_until" text DEFAULT '20:00' NOT NULL,
	"reminder_templates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cancel_instructions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"public_booking" boolean DEFAULT true NOT NULL,
	"slot_step_minutes" integer DEFAULT 15 NOT NULL,
	"min_notice_minutes" integer DEFAULT 60 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "rooms_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "schedule_exceptions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"professional_id" uuid,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"until" date,
	"start_time" text,
	"end_time" text,
	"location_id" uuid,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "schedule_exceptions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "visit_services" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"names" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"duration_minutes" integer NOT NULL,
	"professional_ids" uuid[] DEFAULT '{}' NOT NULL,
	"public_booking" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "visit_services_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_schedules" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"professional_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"location_id" uuid,
	"room_id" uuid,
	"valid_from" date,
	"valid_until" date,
	CONSTRAINT "work_schedules_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "booking_requests" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_date" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"service_id" uuid NOT NULL,
	"professional_id" uuid,
	"preferred_start" timestamp with time zone,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date,
	"id_code_enc" text,
	"mobile" text,
	"email" text,
	"language" text NOT NULL,
	"message_enc" text,
	"wants_sms_reminder" boolean DEFAULT false NOT NULL,
	"wants_email_reminder" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"answer_note" text,
	"queue_entry_id" uuid,
	"patient_id" uuid,
	CONSTRAINT "booking_requests_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "queue_entries" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"contact_mobile" text,
	"contact_email" text,
	"language" text NOT NULL,
	"service_id" uuid NOT NULL,
	"indication_enc" text,
	"complaint_enc" text,
	"referral_professional" text,
	"referral_institution" text,
	"professional_id" uuid,
	"location_id" uuid,
	"room_id" uuid,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"registered_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"reminder_channel" text DEFAULT 'none' NOT NULL,
	"booking_request_id" uuid,
	"registered_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "queue_entries_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "queue_entry_changes" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid,
	"by_channel" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"previous_starts_at" timestamp with time zone,
	"new_starts_at" timestamp with time zone,
	"previous_professional_id" uuid,
	"new_professional_id" uuid,
	"reason" text,
	"patient_informed" boolean DEFAULT false NOT NULL,
	"informed_how" text,
	CONSTRAINT "queue_entry_changes_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "reminder_opt_outs" (
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"details" jsonb,
	CONSTRAINT "reminder_opt_outs_clinic_id_patient_id_pk" PRIMARY KEY("clinic_id","patient_id")
);
--> statement-breakpoint
ALTER TABLE "outbox_jobs" ADD CONSTRAINT "outbox_jobs_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professionals" ADD CONSTRAINT "professionals_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_settings" ADD CONSTRAINT "queue_settings_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_exceptions" ADD CONSTRAINT "schedule_exceptions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_services" ADD CONSTRAINT "visit_services_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_schedules" ADD CONSTRAINT "work_schedules_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_requests" ADD CONSTRAINT "booking_requests_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entry_changes" ADD CONSTRAINT "queue_entry_changes_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_opt_outs" ADD CONSTRAINT "reminder_opt_outs_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_jobs_dedupe_uq" ON "outbox_jobs" USING btree ("clinic_id","dedupe_key") WHERE "outbox_jobs"."dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX "outbox_jobs_due_idx" ON "outbox_jobs" USING btree ("clinic_id","status","run_at");--> statement-breakpoint
CREATE INDEX "outbox_jobs_subject_idx" ON "outbox_jobs" USING btree ("clinic_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "professionals_staff_idx" ON "professionals" USING btree ("clinic_id","staff_user_id");--> statement-breakpoint
CREATE INDEX "schedule_exceptions_date_idx" ON "schedule_exceptions" USING btree ("clinic_id","date");--> statement-breakpoint
CREATE INDEX "work_schedules_professional_idx" ON "work_schedules" USING btree ("clinic_id","professional_id");--> statement-breakpoint
CREATE INDEX "booking_requests_due_idx" ON "booking_requests" USING btree ("clinic_id","status","due_at");--> statement-breakpoint
CREATE INDEX "queue_entries_professional_time_idx" ON "queue_entries" USING btree ("clinic_id","professional_id","starts_at");--> statement-breakpoint
CREATE INDEX "queue_entries_patient_idx" ON "queue_entries" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "queue_entries_status_idx" ON "queue_entries" USING btree ("clinic_id","status","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_entries_no_double_start_uq" ON "queue_entries" USING btree ("clinic_id","professional_id","starts_at") WHERE "queue_entries"."status" in ('booked', 'arrived', 'done') and "queue_entries"."professional_id" is not null and "queue_entries"."starts_at" is not null;--> statement-breakpoint
CREATE INDEX "queue_entry_changes_entry_idx" ON "queue_entry_changes" USING btree ("clinic_id","entry_id","at");