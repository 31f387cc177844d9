-- Recall and newsletters: every reference to a clinic-owned row names the clinic too, so a row of
-- one clinic can never point at another's. A patient's invitations and campaign messages go with
-- the patient (and with the consent event they rested on) when retention removes the record.
ALTER TABLE "recall_intervals" ADD CONSTRAINT "recall_intervals_service_id_clinic_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "visit_services"("clinic_id","id");--> statement-breakpoint
ALTER TABLE "recall_invitations" ADD CONSTRAINT "recall_invitations_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "recall_invitations" ADD CONSTRAINT "recall_invitations_service_id_clinic_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "visit_services"("clinic_id","id");--> statement-breakpoint
ALTER TABLE "recall_invitations" ADD CONSTRAINT "recall_invitations_consent_event_id_clinic_fk" FOREIGN KEY ("clinic_id","consent_event_id") REFERENCES "consent_events"("clinic_id","id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "campaign_messages" ADD CONSTRAINT "campaign_messages_campaign_id_clinic_fk" FOREIGN KEY ("clinic_id","campaign_id") REFERENCES "campaigns"("clinic_id","id");--> statement-breakpoint
ALTER TABLE "campaign_messages" ADD CONSTRAINT "campaign_messages_patient_id_clinic_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "patients"("clinic_id","id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "campaign_messages" ADD CONSTRAINT "campaign_messages_consent_event_id_clinic_fk" FOREIGN KEY ("clinic_id","consent_event_id") REFERENCES "consent_events"("clinic_id","id") ON DELETE CASCADE;
