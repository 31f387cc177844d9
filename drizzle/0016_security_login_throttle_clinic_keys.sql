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
ALTER TABLE "login_throttle" ADD CONSTRAINT "login_throttle_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Issue 12, finding 8: every reference from one clinic's row to another row names the clinic too,
-- so the database itself refuses a row that points at another clinic's patient, staff member,
-- location, professional, service or price item (the services refused it already; this is the net).
-- Composite keys (clinic_id, x) -> (clinic_id, id): the referenced primary keys are (clinic_id, id).
-- NOT VALID + VALIDATE: existing rows are checked without holding a long lock on the tables.
-- References to invoices are keyed only from the rows the retention job deletes together with the
-- invoice (lines, shares, payments, debt notices); rendered services, hand-overs, instalment
-- requests and credit notes keep an unkeyed invoice id, as the accounting retention deletes invoices.
-- Actor columns (recorded_by, issued_by …) are left out: they may name a patient acting in the portal.
--> statement-breakpoint
ALTER TABLE "care_assignments" ADD CONSTRAINT "care_assignments_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "care_assignments" ADD CONSTRAINT "care_assignments_staff_user_id_clinic_fk" FOREIGN KEY ("clinic_id","staff_user_id") REFERENCES "staff_users"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "patient_representatives" ADD CONSTRAINT "patient_representatives_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "patient_bill_payers" ADD CONSTRAINT "patient_bill_payers_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "patient_versions" ADD CONSTRAINT "patient_versions_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_representative_id_clinic_fk" FOREIGN KEY ("clinic_id","representative_id") REFERENCES "patient_representatives"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "portal_login_links" ADD CONSTRAINT "portal_login_links_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD CONSTRAINT "portal_sessions_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_clinic_fk" FOREIGN KEY ("clinic_id","user_id") REFERENCES "staff_users"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "professionals" ADD CONSTRAINT "professionals_staff_user_id_clinic_fk" FOREIGN KEY ("clinic_id","staff_user_id") REFERENCES "staff_users"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_location_id_clinic_fk" FOREIGN KEY ("clinic_id","location_id") REFERENCES "locations"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "work_schedules" ADD CONSTRAINT "work_schedules_professional_id_clinic_fk" FOREIGN KEY ("clinic_id","professional_id") REFERENCES "professionals"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "work_schedules" ADD CONSTRAINT "work_schedules_location_id_clinic_fk" FOREIGN KEY ("clinic_id","location_id") REFERENCES "locations"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "work_schedules" ADD CONSTRAINT "work_schedules_room_id_clinic_fk" FOREIGN KEY ("clinic_id","room_id") REFERENCES "rooms"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "schedule_exceptions" ADD CONSTRAINT "schedule_exceptions_professional_id_clinic_fk" FOREIGN KEY ("clinic_id","professional_id") REFERENCES "professionals"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "schedule_exceptions" ADD CONSTRAINT "schedule_exceptions_location_id_clinic_fk" FOREIGN KEY ("clinic_id","location_id") REFERENCES "locations"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_service_id_clinic_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "visit_services"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_professional_id_clinic_fk" FOREIGN KEY ("clinic_id","professional_id") REFERENCES "professionals"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_location_id_clinic_fk" FOREIGN KEY ("clinic_id","location_id") REFERENCES "locations"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_room_id_clinic_fk" FOREIGN KEY ("clinic_id","room_id") REFERENCES "rooms"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_booking_request_id_clinic_fk" FOREIGN KEY ("clinic_id","booking_request_id") REFERENCES "booking_requests"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "queue_entry_changes" ADD CONSTRAINT "queue_entry_changes_entry_id_clinic_fk" FOREIGN KEY ("clinic_id","entry_id") REFERENCES "queue_entries"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "queue_entry_changes" ADD CONSTRAINT "queue_entry_changes_previous_professional_id_clinic_fk" FOREIGN KEY ("clinic_id","previous_professional_id") REFERENCES "professionals"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "queue_entry_changes" ADD CONSTRAINT "queue_entry_changes_new_professional_id_clinic_fk" FOREIGN KEY ("clinic_id","new_professional_id") REFERENCES "professionals"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "booking_requests" ADD CONSTRAINT "booking_requests_service_id_clinic_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "visit_services"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "booking_requests" ADD CONSTRAINT "booking_requests_professional_id_clinic_fk" FOREIGN KEY ("clinic_id","professional_id") REFERENCES "professionals"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "booking_requests" ADD CONSTRAINT "booking_requests_queue_entry_id_clinic_fk" FOREIGN KEY ("clinic_id","queue_entry_id") REFERENCES "queue_entries"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "booking_requests" ADD CONSTRAINT "booking_requests_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "rendered_services" ADD CONSTRAINT "rendered_services_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "rendered_services" ADD CONSTRAINT "rendered_services_price_item_id_clinic_fk" FOREIGN KEY ("clinic_id","price_item_id") REFERENCES "price_list_items"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "rendered_services" ADD CONSTRAINT "rendered_services_doctor_id_clinic_fk" FOREIGN KEY ("clinic_id","doctor_id") REFERENCES "staff_users"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_price_item_id_clinic_fk" FOREIGN KEY ("clinic_id","price_item_id") REFERENCES "price_list_items"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_clinic_fk" FOREIGN KEY ("clinic_id","invoice_id") REFERENCES "invoices"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_notices" ADD CONSTRAINT "debt_notices_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_handovers" ADD CONSTRAINT "debt_handovers_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "instalment_requests" ADD CONSTRAINT "instalment_requests_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "benefit_used_elsewhere" ADD CONSTRAINT "benefit_used_elsewhere_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "patient_benefit_groups" ADD CONSTRAINT "patient_benefit_groups_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_clinic_fk" FOREIGN KEY ("clinic_id","invoice_id") REFERENCES "invoices"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "invoice_shares" ADD CONSTRAINT "invoice_shares_invoice_id_clinic_fk" FOREIGN KEY ("clinic_id","invoice_id") REFERENCES "invoices"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "debt_notices" ADD CONSTRAINT "debt_notices_invoice_id_clinic_fk" FOREIGN KEY ("clinic_id","invoice_id") REFERENCES "invoices"("clinic_id","id") NOT VALID;
--> statement-breakpoint
ALTER TABLE "invoice_lines" VALIDATE CONSTRAINT "invoice_lines_invoice_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "invoice_shares" VALIDATE CONSTRAINT "invoice_shares_invoice_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "debt_notices" VALIDATE CONSTRAINT "debt_notices_invoice_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "care_assignments" VALIDATE CONSTRAINT "care_assignments_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "care_assignments" VALIDATE CONSTRAINT "care_assignments_staff_user_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "patient_representatives" VALIDATE CONSTRAINT "patient_representatives_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "patient_bill_payers" VALIDATE CONSTRAINT "patient_bill_payers_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "patient_versions" VALIDATE CONSTRAINT "patient_versions_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "consent_events" VALIDATE CONSTRAINT "consent_events_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "consent_events" VALIDATE CONSTRAINT "consent_events_representative_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "portal_login_links" VALIDATE CONSTRAINT "portal_login_links_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "portal_sessions" VALIDATE CONSTRAINT "portal_sessions_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "sessions" VALIDATE CONSTRAINT "sessions_user_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "professionals" VALIDATE CONSTRAINT "professionals_staff_user_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "rooms" VALIDATE CONSTRAINT "rooms_location_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "work_schedules" VALIDATE CONSTRAINT "work_schedules_professional_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "work_schedules" VALIDATE CONSTRAINT "work_schedules_location_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "work_schedules" VALIDATE CONSTRAINT "work_schedules_room_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "schedule_exceptions" VALIDATE CONSTRAINT "schedule_exceptions_professional_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "schedule_exceptions" VALIDATE CONSTRAINT "schedule_exceptions_location_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "queue_entries" VALIDATE CONSTRAINT "queue_entries_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "queue_entries" VALIDATE CONSTRAINT "queue_entries_service_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "queue_entries" VALIDATE CONSTRAINT "queue_entries_professional_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "queue_entries" VALIDATE CONSTRAINT "queue_entries_location_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "queue_entries" VALIDATE CONSTRAINT "queue_entries_room_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "queue_entries" VALIDATE CONSTRAINT "queue_entries_booking_request_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "queue_entry_changes" VALIDATE CONSTRAINT "queue_entry_changes_entry_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "queue_entry_changes" VALIDATE CONSTRAINT "queue_entry_changes_previous_professional_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "queue_entry_changes" VALIDATE CONSTRAINT "queue_entry_changes_new_professional_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "booking_requests" VALIDATE CONSTRAINT "booking_requests_service_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "booking_requests" VALIDATE CONSTRAINT "booking_requests_professional_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "booking_requests" VALIDATE CONSTRAINT "booking_requests_queue_entry_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "booking_requests" VALIDATE CONSTRAINT "booking_requests_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "rendered_services" VALIDATE CONSTRAINT "rendered_services_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "rendered_services" VALIDATE CONSTRAINT "rendered_services_price_item_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "rendered_services" VALIDATE CONSTRAINT "rendered_services_doctor_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "invoice_lines" VALIDATE CONSTRAINT "invoice_lines_price_item_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "invoices" VALIDATE CONSTRAINT "invoices_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "payments" VALIDATE CONSTRAINT "payments_invoice_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "debt_notices" VALIDATE CONSTRAINT "debt_notices_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "debt_handovers" VALIDATE CONSTRAINT "debt_handovers_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "instalment_requests" VALIDATE CONSTRAINT "instalment_requests_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "benefit_used_elsewhere" VALIDATE CONSTRAINT "benefit_used_elsewhere_patient_id_clinic_fk";
--> statement-breakpoint
ALTER TABLE "patient_benefit_groups" VALIDATE CONSTRAINT "patient_benefit_groups_patient_id_clinic_fk";
--> statement-breakpoint
-- A service's professionals are an array: a trigger checks each belongs to the same clinic.
CREATE OR REPLACE FUNCTION visit_services_professionals_same_clinic() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM unnest(NEW.professional_ids) AS p(id)
    WHERE NOT EXISTS (SELECT 1 FROM professionals pr WHERE pr.clinic_id = NEW.clinic_id AND pr.id = p.id)
  ) THEN
    RAISE EXCEPTION 'visit_services.professional_ids names a professional of another clinic or none'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER visit_services_professionals_same_clinic BEFORE INSERT OR UPDATE OF professional_ids, clinic_id ON visit_services
  FOR EACH ROW EXECUTE FUNCTION visit_services_professionals_same_clinic();
