CREATE TABLE "benefit_used_elsewhere" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"source" text NOT NULL,
	"confirmed_on" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "benefit_used_elsewhere_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "debt_handovers" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"collector_name" text NOT NULL,
	"collector_registry_code" text,
	"amount_cents" integer NOT NULL,
	"disclosed_fields" text[] NOT NULL,
	"legal_basis" text NOT NULL,
	"handed_over_at" timestamp with time zone NOT NULL,
	"handed_over_by" uuid,
	CONSTRAINT "debt_handovers_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "debt_notices" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"legal_basis" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by" uuid,
	CONSTRAINT "debt_notices_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "instalment_requests" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"invoice_id" uuid,
	"financial_data_enc" text NOT NULL,
	"credit_provider" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"disclosed_at" timestamp with time zone,
	"disclosed_by" uuid,
	CONSTRAINT "instalment_requests_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoice_counters" (
	"clinic_id" uuid NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "invoice_counters_clinic_id_pk" PRIMARY KEY("clinic_id")
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"clinic_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"kind" text NOT NULL,
	"price_item_id" uuid,
	"code" text NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"benefit_eligible" boolean NOT NULL,
	"benefit_cents" integer NOT NULL,
	"credits_line_no" integer,
	CONSTRAINT "invoice_lines_clinic_id_invoice_id_line_no_pk" PRIMARY KEY("clinic_id","invoice_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "invoice_shares" (
	"clinic_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"holder" text NOT NULL,
	"payer_ref" text DEFAULT '' NOT NULL,
	"payer_name" text NOT NULL,
	"amount_cents" integer NOT NULL,
	CONSTRAINT "invoice_shares_clinic_id_invoice_id_holder_payer_ref_pk" PRIMARY KEY("clinic_id","invoice_id","holder","payer_ref")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"credits_invoice_id" uuid,
	"patient_id" uuid NOT NULL,
	"visit_id" uuid,
	"invoice_date" date NOT NULL,
	"due_date" date NOT NULL,
	"language" text NOT NULL,
	"benefit_group" text NOT NULL,
	"group_reason" text NOT NULL,
	"rule_id" text,
	"total_cents" integer NOT NULL,
	"eligible_cents" integer NOT NULL,
	"benefit_cents" integer NOT NULL,
	"patient_cents" integer NOT NULL,
	"reason" text,
	"retain_until" date NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	CONSTRAINT "invoices_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "patient_benefit_groups" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"benefit_group" text NOT NULL,
	"evidence" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"ended_at" timestamp with time zone,
	CONSTRAINT "patient_benefit_groups_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"holder" text NOT NULL,
	"payer_ref" text DEFAULT '' NOT NULL,
	"method" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "payments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "price_list_items" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text DEFAULT 'service' NOT NULL,
	"name_et" text NOT NULL,
	"name_lv" text NOT NULL,
	"name_en" text NOT NULL,
	"name_ru" text NOT NULL,
	"price_cents" integer NOT NULL,
	"benefit_eligible" boolean NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "price_list_items_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "rendered_services" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"visit_date" date NOT NULL,
	"doctor_id" uuid,
	"price_item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"invoice_id" uuid,
	CONSTRAINT "rendered_services_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "benefit_used_elsewhere" ADD CONSTRAINT "benefit_used_elsewhere_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debt_handovers" ADD CONSTRAINT "debt_handovers_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debt_notices" ADD CONSTRAINT "debt_notices_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instalment_requests" ADD CONSTRAINT "instalment_requests_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_counters" ADD CONSTRAINT "invoice_counters_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_shares" ADD CONSTRAINT "invoice_shares_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_benefit_groups" ADD CONSTRAINT "patient_benefit_groups_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_list_items" ADD CONSTRAINT "price_list_items_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rendered_services" ADD CONSTRAINT "rendered_services_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benefit_used_elsewhere_patient_idx" ON "benefit_used_elsewhere" USING btree ("clinic_id","patient_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "debt_handovers_invoice_uq" ON "debt_handovers" USING btree ("clinic_id","invoice_id");--> statement-breakpoint
CREATE INDEX "debt_notices_invoice_idx" ON "debt_notices" USING btree ("clinic_id","invoice_id");--> statement-breakpoint
CREATE INDEX "instalment_requests_patient_idx" ON "instalment_requests" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_seq_uq" ON "invoices" USING btree ("clinic_id","seq");--> statement-breakpoint
CREATE INDEX "invoices_patient_idx" ON "invoices" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "invoices_date_idx" ON "invoices" USING btree ("clinic_id","invoice_date");--> statement-breakpoint
CREATE INDEX "invoices_credits_idx" ON "invoices" USING btree ("clinic_id","credits_invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_visit_uq" ON "invoices" USING btree ("clinic_id","visit_id") WHERE "invoices"."kind" = 'invoice' and "invoices"."visit_id" is not null;--> statement-breakpoint
CREATE INDEX "patient_benefit_groups_patient_idx" ON "patient_benefit_groups" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("clinic_id","invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_list_items_code_from_uq" ON "price_list_items" USING btree ("clinic_id","code","valid_from");--> statement-breakpoint
CREATE INDEX "rendered_services_visit_idx" ON "rendered_services" USING btree ("clinic_id","visit_id");--> statement-breakpoint
CREATE INDEX "rendered_services_patient_idx" ON "rendered_services" USING btree ("clinic_id","patient_id");